package com.pawprint.contracts;

/** Kafka topic names of the PawPrint chain. Every record on them is keyed by the pet id. */
public final class Topics {

    public static final String PHOTOS_INGESTED = "photos.ingested";
    public static final String CAPTIONS_READY = "captions.ready";
    public static final String LORA_TRAINED = "lora.trained";
    public static final String RENDERS_DONE = "renders.done";
    public static final String MERCH_READY = "merch.ready";
    public static final String JOBS_PROGRESS = "jobs.progress";

    private static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {
    }

    /** The topic that receives the records of {@code topic} that a consumer could not process. */
    public static String deadLetterOf(String topic) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank");
        }
        return topic + DEAD_LETTER_SUFFIX;
    }
}
