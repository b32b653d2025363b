package com.pawprint.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventCodecTest {

    private final ObjectMapper json = new ObjectMapper();

    static List<PawEvent> events() {
        return SampleEvents.oneOfEach();
    }

    @ParameterizedTest
    @MethodSource("events")
    void everyEventSurvivesARoundTrip(PawEvent event) {
        assertEquals(event, EventCodec.decode(EventCodec.encode(event)));
        assertEquals(event, EventCodec.decode(EventCodec.encode(event), event.getClass()));
    }

    @ParameterizedTest
    @MethodSource("events")
    void theBodyNamesItsTypeAndTopicMatchesIt(PawEvent event) throws Exception {
        JsonNode body = json.readTree(EventCodec.encode(event));
        assertEquals(event.type(), body.get("type").asText());
        assertEquals("com.pawprint." + event.topic() + ".v1", event.type());
    }

    @Test
    void instantsAreIsoTextAndNullsAreLeftOut() throws Exception {
        PawEvent change = JobProgress.statusChange(SampleEvents.metadata(), Stage.LABELING, JobStatus.CAPTIONING,
                "captioning 20 photos");
        JsonNode body = json.readTree(EventCodec.encode(change));
        assertEquals("2026-11-25T09:30:00.123Z", body.at("/metadata/occurredAt").asText());
        assertFalse(body.has("loss"));
        assertFalse(body.has("failureReason"));
        assertEquals(change, EventCodec.decode(body.toString()));
    }

    @Test
    void theTrainingConfigIsWrittenWithSnakeCaseNames() throws Exception {
        JsonNode body = json.readTree(EventCodec.encode(SampleEvents.oneOfEach().get(0)));
        assertEquals(8, body.at("/trainingConfig/lora_rank").asInt());
        assertEquals("cosine_with_restarts", body.at("/trainingConfig/lr_scheduler").asText());
        assertEquals("AdamW", body.at("/trainingConfig/optimizer").asText());
    }

    @Test
    void unknownFieldsFromANewerProducerAreSkipped() throws Exception {
        PawEvent event = SampleEvents.oneOfEach().get(0);
        ObjectNode body = (ObjectNode) json.readTree(EventCodec.encode(event));
        body.put("addedLater", "x");
        ((ObjectNode) body.get("metadata")).put("traceparent", "00-abc");
        ((ObjectNode) body.get("trainingConfig")).put("option_added_later", 3);
        assertEquals(event, EventCodec.decode(body.toString()));
    }

    @Test
    void trainingOptionsMissingFromAnOlderProducerTakeTheirDefaults() throws Exception {
        PhotosIngested event = (PhotosIngested) SampleEvents.oneOfEach().get(0);
        ObjectNode body = (ObjectNode) json.readTree(EventCodec.encode(event));
        ((ObjectNode) body.get("trainingConfig")).remove(List.of("clip_skip", "keep_tokens"));
        PhotosIngested decoded = EventCodec.decode(body.toString(), PhotosIngested.class);
        assertEquals(TrainingConfig.defaults().clipSkip(), decoded.trainingConfig().clipSkip());
        assertEquals(event, decoded);
    }

    @Test
    void malformedPayloadsAreRefusedWithAReason() {
        String valid = EventCodec.encode(SampleEvents.oneOfEach().get(0));
        assertReason("empty payload", "");
        assertReason("payload is not valid JSON at line 1, column 10: Unexpected end-of-input within/between Object "
                + "entries", "{\"type\": ");
        assertReason("payload is not valid JSON at line 1, column 8: Unexpected end-of-input: expected close "
                + "marker for Object", "{\"a\": 1");
        assertReason("payload names no event type", "{\"metadata\": {}}");
        assertReason("unknown event type 'com.pawprint.photos.eaten.v1'",
                valid.replace(PhotosIngested.TYPE, "com.pawprint.photos.eaten.v1"));
        assertReason("invalid event at metadata: tenantId is required", valid.replace("\"tenantId\":\"acme\",", ""));
        assertReason("invalid event at metadata.petId", valid.replace(SampleEvents.PET.toString(), "not-a-uuid"));
        assertReason("invalid event at trainingConfig: trainingConfig: lora_rank must be an integer, got \"eight\"",
                valid.replace("\"lora_rank\":8", "\"lora_rank\":\"eight\""));
        assertReason("invalid event: pet is required", valid.replaceAll("\"pet\":\\{[^}]*},", ""));
    }

    @Test
    void aFailureReportNeedsAReason() {
        PawEvent failed = JobProgress.failure(SampleEvents.metadata(), Stage.TRAINING, "loss became NaN at step 212");
        String withoutReason = EventCodec.encode(failed).replace(",\"failureReason\":\"loss became NaN at step 212\"", "");
        assertReason("invalid event: a FAILED report needs a failureReason", withoutReason);
        assertReason("invalid event at renders[0].width: a value is required",
                EventCodec.encode(SampleEvents.oneOfEach().get(3)).replace("\"width\":512,", ""));
    }

    @Test
    void anotherSchemaVersionIsRefused() {
        String v2 = EventCodec.encode(SampleEvents.oneOfEach().get(0)).replace("\"schemaVersion\":1",
                "\"schemaVersion\":2");
        assertReason("schema version 2 of com.pawprint.photos.ingested.v1 is not supported; this consumer reads "
                + "version 1", v2);
    }

    @Test
    void anotherTypeThanExpectedIsRefused() {
        String captions = EventCodec.encode(SampleEvents.oneOfEach().get(1));
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> EventCodec.decode(captions, PhotosIngested.class));
        assertEquals("expected a PhotosIngested event, got com.pawprint.captions.ready.v1", e.reason());
    }

    @Test
    void deadLettersSurviveARoundTrip() {
        PawEvent event = SampleEvents.oneOfEach().get(0);
        DeadLetter letter = new DeadLetter(event.topic(), 3, 42L, CloudEventHeaders.recordKey(event),
                "{\"broken\":", Map.of(CloudEventHeaders.ID, event.metadata().eventId().toString()),
                "payload is not valid JSON", Stage.LABELING, "labeling-service",
                SampleEvents.CLOCK.instant());
        assertEquals(letter, EventCodec.decodeDeadLetter(EventCodec.encodeDeadLetter(letter)));
        assertEquals("photos.ingested.dlq", letter.deadLetterTopic());
    }

    private static void assertReason(String expectedStart, String payload) {
        MalformedEventException e = assertThrows(MalformedEventException.class, () -> EventCodec.decode(payload));
        assertTrue(e.reason().startsWith(expectedStart), () -> "reason was: " + e.reason());
    }
}
