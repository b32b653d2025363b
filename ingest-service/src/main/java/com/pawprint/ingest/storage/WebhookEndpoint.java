package com.pawprint.ingest.storage;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where a tenant wants job status changes delivered; the secret (sealed, see SecretSealer) signs every delivery. */
@Entity
@Table(name = "webhook_endpoints")
public class WebhookEndpoint extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(nullable = false)
    public String url;

    public String description;

    @Column(name = "sealed_secret", nullable = false)
    public String sealedSecret;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Optional<WebhookEndpoint> findOfTenant(String tenantId, UUID endpointId) {
        return find("id = ?1 and tenantId = ?2", endpointId, tenantId).firstResultOptional();
    }

    public static List<WebhookEndpoint> listOfTenant(String tenantId) {
        return list("tenantId = ?1 order by createdAt, id", tenantId);
    }
}
