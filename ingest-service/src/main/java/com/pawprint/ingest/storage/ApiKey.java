package com.pawprint.ingest.storage;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** An API key of a tenant, stored only as its hash, found by the prefix it carries in clear. */
@Entity
@Table(name = "api_keys")
public class ApiKey extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "key_hash", nullable = false)
    public String keyHash;

    @Column(name = "key_prefix", nullable = false)
    public String keyPrefix;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    public static Optional<ApiKey> findActiveByPrefix(String keyPrefix) {
        return find("keyPrefix = ?1 and revokedAt is null", keyPrefix).firstResultOptional();
    }

    public static Optional<ApiKey> findOfTenant(String tenantId, UUID keyId) {
        return find("id = ?1 and tenantId = ?2", keyId, tenantId).firstResultOptional();
    }
}
