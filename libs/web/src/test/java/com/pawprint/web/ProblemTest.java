package com.pawprint.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void absentMembersAreLeftOutOfTheBody() throws Exception {
        Problem problem = ProblemException.conflict("Idempotency-Key reused with another body").problem();
        assertEquals(Map.of("type", Problem.TYPE_BASE + "conflict", "title", "Conflict", "status", 409,
                "detail", "Idempotency-Key reused with another body"), json.readValue(json.writeValueAsString(problem),
                Map.class));
    }

    @Test
    void invalidCarriesFieldErrors() throws Exception {
        Problem problem = ProblemException.invalid("Invalid training config",
                List.of(new Problem.FieldError("lora_rank", "must be between 1 and 128"))).problem();
        assertEquals(400, problem.status());
        assertEquals(List.of(Map.of("field", "lora_rank", "message", "must be between 1 and 128")),
                json.readValue(json.writeValueAsString(problem), Map.class).get("errors"));
    }

    @Test
    void emptyErrorListIsNoErrorList() {
        assertNull(ProblemException.badRequest("no").problem().withErrors(List.of()).errors());
    }

    @Test
    void unprocessableIs422WithTheStatusPhraseAsTitle() throws Exception {
        Problem problem = ProblemException.unprocessable("not-enough-photos", "Pet p has 1 accepted photo").problem();
        assertEquals(Map.of("type", Problem.TYPE_BASE + "not-enough-photos", "title", "Unprocessable Content",
                "status", 422, "detail", "Pet p has 1 accepted photo"),
                json.readValue(json.writeValueAsString(problem), Map.class));
    }

    @Test
    void unprocessableFieldsAreValidationProblems() throws Exception {
        Problem problem = ProblemException.unprocessableField("variant", "unknown variant 'xxl'").problem();
        assertEquals(Map.of("type", Problem.TYPE_BASE + "validation", "title", "Unprocessable Content",
                "status", 422, "detail", "unknown variant 'xxl'",
                "errors", List.of(Map.of("field", "variant", "message", "unknown variant 'xxl'"))),
                json.readValue(json.writeValueAsString(problem), Map.class));
    }

    /** A record, so its members serialise in a fixed order (a Map.of's order changes from run to run). */
    record RejectedFile(String name, String reason) {
    }

    @Test
    void extensionMembersStandBesideTheStandardOnes() throws Exception {
        Problem problem = ProblemException.unprocessable("no-photo-accepted", "None of the 1 file(s) was accepted")
                .problem().withInstance("/v1/pets/p/photos")
                .withMember("files", List.of(new RejectedFile("a.jpg", "too small")));
        assertEquals("{\"type\":\"https://pawprint.dev/problems/no-photo-accepted\",\"title\":\"Unprocessable Content\","
                + "\"status\":422,\"detail\":\"None of the 1 file(s) was accepted\",\"instance\":\"/v1/pets/p/photos\","
                + "\"files\":[{\"name\":\"a.jpg\",\"reason\":\"too small\"}]}", json.writeValueAsString(problem));
    }

    @Test
    void aStandardMemberIsNoExtension() {
        Problem problem = ProblemException.conflict("taken").problem();
        assertThrows(IllegalArgumentException.class, () -> problem.withMember("detail", "other"));
    }
}
