package com.pawprint.ingest.messaging;

import com.pawprint.ingest.config.IngestConfig;
import com.pawprint.ingest.service.SecretSealer;
import com.pawprint.ingest.service.WebhookSigner;
import com.pawprint.ingest.service.WebhookTargets;
import com.pawprint.ingest.storage.WebhookDelivery;
import com.pawprint.ingest.storage.WebhookEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Sends due webhook deliveries. Each attempt repeats the delivery's id, timestamp-fresh signature and body; failures
 * are retried with exponential backoff until {@code max-attempts}. Redirects are not followed (a 3xx is a failure),
 * the target is checked against {@link WebhookTargets} again before each attempt, and the state lives in the
 * database, so pending deliveries survive a restart.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 20;
    private static final int MAX_ERROR_LENGTH = 500;

    private final IngestConfig.Webhooks config;
    private final WebhookTargets targets;
    private final SecretSealer sealer;
    private final EntityManager entityManager;
    private final Clock clock;
    private final HttpClient http;
    private final MeterRegistry metrics;

    public WebhookDispatcher(IngestConfig config, WebhookTargets targets, SecretSealer sealer,
                             EntityManager entityManager, Clock clock, MeterRegistry metrics) {
        this.config = config.webhooks();
        this.targets = targets;
        this.sealer = sealer;
        this.entityManager = entityManager;
        this.clock = clock;
        this.metrics = metrics;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(this.config.requestTimeout())
                .build();
    }

    @Scheduled(every = "${pawprint.ingest.webhooks.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dispatchDue() {
        for (UUID deliveryId : claimDue()) {
            attempt(deliveryId);
        }
    }

    /**
     * Takes the due deliveries and pushes their next attempt past the request timeout, so that another replica
     * does not send them at the same time; a crash mid-attempt just lets them come due again.
     */
    private List<UUID> claimDue() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            @SuppressWarnings("unchecked")
            List<UUID> due = entityManager.createNativeQuery("""
                            select id from {h-schema}webhook_deliveries
                            where state = 'PENDING' and next_attempt_at <= :now
                            order by next_attempt_at limit :batch for update skip locked""")
                    .setParameter("now", now)
                    .setParameter("batch", BATCH)
                    .getResultList();
            if (!due.isEmpty()) {
                entityManager.createQuery("update WebhookDelivery set nextAttemptAt = :lease where id in :ids")
                        .setParameter("lease", now.plus(config.requestTimeout().multipliedBy(2)))
                        .setParameter("ids", due)
                        .executeUpdate();
            }
            return due;
        });
    }

    private void attempt(UUID deliveryId) {
        WebhookDelivery delivery = QuarkusTransaction.requiringNew().call(() -> WebhookDelivery.findById(deliveryId));
        WebhookEndpoint endpoint = delivery == null ? null
                : QuarkusTransaction.requiringNew().call(() -> WebhookEndpoint.findById(delivery.endpointId));
        if (delivery == null || endpoint == null) {
            return;
        }
        Integer statusCode = null;
        String error = null;
        Optional<String> refused = targets.refusal(URI.create(endpoint.url));
        if (refused.isPresent()) {
            // Nothing is sent, so nothing about whatever listens there can reach the tenant's delivery log.
            metrics.counter("pawprint.webhooks.attempts", "outcome", "refused").increment();
            record(deliveryId, null, "target refused: " + refused.get());
            return;
        }
        try {
            HttpResponse<Void> response = http.send(request(delivery, endpoint), HttpResponse.BodyHandlers.discarding());
            statusCode = response.statusCode();
            if (statusCode / 100 != 2) {
                error = "HTTP " + statusCode;
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        metrics.counter("pawprint.webhooks.attempts", "outcome", error == null ? "delivered" : "failed").increment();
        record(deliveryId, statusCode, error);
    }

    private HttpRequest request(WebhookDelivery delivery, WebhookEndpoint endpoint) {
        long timestamp = clock.instant().getEpochSecond();
        String webhookId = delivery.id.toString();
        return HttpRequest.newBuilder(URI.create(endpoint.url))
                .timeout(config.requestTimeout())
                .header("content-type", "application/json")
                .header("user-agent", "PawPrint-Webhooks/1")
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSigner.signature(sealer.open(endpoint.id, endpoint.sealedSecret),
                        webhookId, timestamp, delivery.payload))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload))
                .build();
    }

    private void record(UUID deliveryId, Integer statusCode, String error) {
        QuarkusTransaction.requiringNew().run(() -> {
            WebhookDelivery delivery = WebhookDelivery.findById(deliveryId);
            if (delivery == null) {
                return;
            }
            Instant now = clock.instant();
            delivery.attempts++;
            delivery.lastStatusCode = statusCode;
            delivery.lastError = error == null ? null : truncate(error);
            if (error == null) {
                delivery.state = WebhookDelivery.State.DELIVERED;
                delivery.deliveredAt = now;
            } else if (delivery.attempts >= config.maxAttempts()) {
                delivery.state = WebhookDelivery.State.FAILED;
                LOG.warnf("webhook delivery %s of job %s gave up after %d attempts: %s", delivery.id,
                        delivery.jobId, delivery.attempts, error);
            } else {
                delivery.nextAttemptAt = now.plus(backoff(delivery.attempts));
                LOG.infof("webhook delivery %s of job %s failed (attempt %d): %s", delivery.id, delivery.jobId,
                        delivery.attempts, error);
            }
        });
    }

    /** initial-backoff doubled after each failed attempt, capped at max-backoff. */
    Duration backoff(int failedAttempts) {
        Duration delay = config.initialBackoff().multipliedBy(1L << Math.min(failedAttempts - 1, 30));
        return delay.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : delay;
    }

    private static String truncate(String text) {
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }
}
