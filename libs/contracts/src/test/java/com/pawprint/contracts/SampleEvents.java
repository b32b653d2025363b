package com.pawprint.contracts;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One realistic event of each type, all of one chain. */
final class SampleEvents {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T09:30:00.123Z"), ZoneOffset.UTC);
    static final UUID PET = UUID.fromString("6f1c2a9e-3b4d-4e8a-9c1f-2d7e5a8b0c11");
    static final UUID JOB = UUID.fromString("0b8e7d6c-5a4f-4321-8fed-cba987654321");
    static final PetProfile MOCHI = new PetProfile("Mochi", Species.CAT, "british shorthair", "sks");

    private SampleEvents() {
    }

    static EventMetadata metadata() {
        return EventMetadata.newChain("acme", PET, JOB, CLOCK);
    }

    static List<PawEvent> oneOfEach() {
        EventMetadata first = metadata();
        String pet = "tenants/acme/pets/" + PET;
        UUID photo = UUID.fromString("11111111-2222-4333-8444-555555555555");
        DatasetManifest dataset = new DatasetManifest(List.of(new DatasetImage(photo,
                pet + "/photos/" + photo + "/original", pet + "/photos/" + photo + "/normalized", 768, 1024,
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")));
        TrainingConfig config = TrainingConfig.of(Map.of("lora_rank", 8, "epochs", 15));
        return List.of(
                new PhotosIngested(first, MOCHI, dataset, config),
                new CaptionsReady(first.next(CLOCK), MOCHI, dataset, pet + "/datasets/" + JOB + "/metadata.csv",
                        List.of(pet + "/datasets/" + JOB + "/" + photo + ".txt"), "sks", config),
                new LoraTrained(first.next(CLOCK), MOCHI,
                        pet + "/loras/mochi_v1_rank8_ep15/mochi_v1_rank8_ep15.safetensors", "mochi_v1_rank8_ep15", 8, 8.0, 1500, 15, "stable-diffusion-v1-5",
                        List.of(pet + "/loras/mochi_v1_rank8_ep15/checkpoints/step-500.safetensors"),
                        List.of(pet + "/loras/mochi_v1_rank8_ep15/logs/loss.csv"), config),
                new RendersDone(first.next(CLOCK), MOCHI, "mochi_v1_rank8_ep15", List.of(new Render(
                        UUID.fromString("22222222-3333-4444-8555-666666666666"),
                        pet + "/renders/" + JOB + "/watercolor-0.png", "watercolor",
                        "a watercolor painting of sks cat", "blurry, text", 42L, 512, 512, "mug",
                        pet + "/renders/" + JOB + "/watercolor-0.jpg", 25, "DPM++ 2M Karras", 7.0, 0.7))),
                new MerchReady(first.next(CLOCK), MOCHI, List.of(new MerchProduct("mug", "11oz-white", "wrap",
                        pet + "/merch/" + JOB + "/mug-wrap.png", pet + "/merch/" + JOB + "/mug-mockup.png",
                        pet + "/merch/" + JOB + "/mug-thumb.jpg", null, List.of("effective resolution 240 DPI")))),
                new JobProgress(first.next(CLOCK), Stage.TRAINING, JobStatus.TRAINING, 300L, 1500L, 20.0, 240L,
                        0.1234, "epoch 3/15", null));
    }
}
