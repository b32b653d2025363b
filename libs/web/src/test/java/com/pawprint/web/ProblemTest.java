package com.pawprint.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
}
