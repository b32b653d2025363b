package com.pawprint.ingest.service;

import com.pawprint.ingest.storage.ApiKey;
import com.pawprint.ingest.storage.Tenant;
import com.pawprint.tenancy.ApiKeys;
import com.pawprint.tenancy.IssuedToken;
import com.pawprint.tenancy.TokenService;
import com.pawprint.web.Problem.FieldError;
import com.pawprint.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Tenants and their API keys, and the exchange of an API key for a short-lived access token. */
@ApplicationScoped
public class TenantService {

    static final int MAX_NAME_LENGTH = 200;
    private static final String REALM = "Bearer realm=\"pawprint\"";

    /** A key as issued: {@code plaintext} is shown once and never stored. */
    public record IssuedKey(ApiKey key, String plaintext) {
    }

    private final TokenService tokens;
    private final Clock clock;

    public TenantService(TokenService tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @Transactional
    public Tenant create(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH
                || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.unprocessableFields("the tenant has invalid fields", List.of(new FieldError(
                    "name", "name is required: 1 to " + MAX_NAME_LENGTH + " printable characters")));
        }
        Tenant tenant = new Tenant();
        tenant.id = UUID.randomUUID().toString();
        tenant.name = trimmed;
        tenant.createdAt = clock.instant();
        tenant.persist();
        return tenant;
    }

    @Transactional
    public IssuedKey issueKey(String tenantId) {
        Tenant tenant = Tenant.<Tenant>findByIdOptional(tenantId)
                .orElseThrow(() -> ProblemException.notFound("tenant", tenantId));
        ApiKeys.NewApiKey generated = ApiKeys.generate();
        ApiKey key = new ApiKey();
        key.id = UUID.randomUUID();
        key.tenantId = tenant.id;
        key.keyPrefix = generated.prefix();
        key.keyHash = generated.hash();
        key.createdAt = clock.instant();
        key.persist();
        return new IssuedKey(key, generated.plaintext());
    }

    /** Revokes a key; its tokens stop working here within seconds (see ApiKeyRevocations). */
    @Transactional
    public void revokeKey(String tenantId, UUID keyId) {
        ApiKey key = ApiKey.findOfTenant(tenantId, keyId)
                .orElseThrow(() -> ProblemException.notFound("API key", keyId));
        if (key.revokedAt == null) {
            key.revokedAt = clock.instant();
        }
    }

    /** @throws ProblemException 401 when the key is unknown, malformed or revoked */
    public IssuedToken exchange(String presentedKey) {
        Optional<ApiKey> key = ApiKeys.prefixOf(presentedKey).flatMap(ApiKey::findActiveByPrefix)
                .filter(candidate -> ApiKeys.matches(presentedKey, candidate.keyHash));
        ApiKey active = key.orElseThrow(() -> ProblemException.unauthorized("Invalid API key",
                REALM + ", error=\"invalid_token\""));
        return tokens.issue(active.tenantId, active.id);
    }
}
