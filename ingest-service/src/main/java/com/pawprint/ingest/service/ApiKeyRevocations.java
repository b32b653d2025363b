package com.pawprint.ingest.service;

import com.pawprint.ingest.storage.ApiKey;
import com.pawprint.tenancy.RevokedKeys;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers from ingest's own key table, remembering each answer for {@link #FRESH_FOR}: a revoked key's tokens stop
 * working within that long, and a busy key costs one lookup per interval instead of one per request.
 */
@ApplicationScoped
public class ApiKeyRevocations implements RevokedKeys {

    static final Duration FRESH_FOR = Duration.ofSeconds(2);

    private record Answer(boolean revoked, Instant checkedAt) {
    }

    private final ConcurrentHashMap<UUID, Answer> answers = new ConcurrentHashMap<>();
    private final Clock clock;

    public ApiKeyRevocations(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean isRevoked(UUID apiKeyId) {
        Instant now = clock.instant();
        Answer answer = answers.get(apiKeyId);
        if (answer == null || answer.checkedAt().plus(FRESH_FOR).isBefore(now)) {
            answer = new Answer(lookUp(apiKeyId), now);
            answers.put(apiKeyId, answer);
        }
        return answer.revoked();
    }

    /** An unknown key counts as revoked: it was deleted with its tenant. */
    private static boolean lookUp(UUID apiKeyId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ApiKey key = ApiKey.findById(apiKeyId);
            return key == null || key.revokedAt != null;
        });
    }
}
