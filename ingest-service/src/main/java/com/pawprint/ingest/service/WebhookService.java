package com.pawprint.ingest.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pawprint.ingest.storage.Job;
import com.pawprint.ingest.storage.WebhookDelivery;
import com.pawprint.ingest.storage.WebhookEndpoint;
import com.pawprint.web.Problem.FieldError;
import com.pawprint.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The tenants' webhook endpoints, and the deliveries queued for them when a job changes status. */
@ApplicationScoped
public class WebhookService {

    public static final String JOB_STATUS_CHANGED = "job.status_changed";
    static final int MAX_URL_LENGTH = 2048;
    static final int MAX_DESCRIPTION_LENGTH = 200;

    /** A new endpoint with its signing secret, which only this answer ever shows. */
    public record Registered(WebhookEndpoint endpoint, String secret) {
    }

    /** The body of every delivery, in the Standard Webhooks shape. */
    public record Payload(String type, Instant timestamp, JobView data) {
    }

    private final ObjectMapper json;
    private final WebhookTargets targets;
    private final SecretSealer sealer;
    private final Clock clock;

    public WebhookService(ObjectMapper json, WebhookTargets targets, SecretSealer sealer, Clock clock) {
        this.json = json;
        this.targets = targets;
        this.sealer = sealer;
        this.clock = clock;
    }

    @Transactional
    public Registered register(String tenantId, String url, String description) {
        String normalizedDescription = description == null || description.isBlank() ? null : description.strip();
        if (normalizedDescription != null && normalizedDescription.length() > MAX_DESCRIPTION_LENGTH) {
            throw ProblemException.unprocessableFields("the webhook has invalid fields", List.of(new FieldError(
                    "description", "description must be at most " + MAX_DESCRIPTION_LENGTH + " characters")));
        }
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.id = UUID.randomUUID();
        endpoint.tenantId = tenantId;
        endpoint.url = checkedUrl(url);
        endpoint.description = normalizedDescription;
        String secret = WebhookSigner.newSecret();
        endpoint.sealedSecret = sealer.seal(endpoint.id, secret);
        endpoint.createdAt = clock.instant();
        endpoint.persist();
        return new Registered(endpoint, secret);
    }

    public List<WebhookEndpoint> list(String tenantId) {
        return WebhookEndpoint.listOfTenant(tenantId);
    }

    public WebhookEndpoint get(String tenantId, UUID endpointId) {
        return WebhookEndpoint.findOfTenant(tenantId, endpointId)
                .orElseThrow(() -> ProblemException.notFound("webhook", endpointId));
    }

    public List<WebhookDelivery> deliveries(String tenantId, UUID endpointId) {
        WebhookEndpoint endpoint = get(tenantId, endpointId);
        return WebhookDelivery.list("endpointId = ?1 order by createdAt, id", endpoint.id);
    }

    /** Removes the endpoint and its undelivered messages. */
    @Transactional
    public void delete(String tenantId, UUID endpointId) {
        get(tenantId, endpointId).delete();
    }

    /** Queues one delivery per endpoint of the job's tenant, in the transaction that changed the job. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueueStatusChange(Job job) {
        Instant now = clock.instant();
        String body = serialize(new Payload(JOB_STATUS_CHANGED, now, JobView.of(job)));
        for (WebhookEndpoint endpoint : WebhookEndpoint.listOfTenant(job.tenantId)) {
            WebhookDelivery delivery = new WebhookDelivery();
            delivery.id = UUID.randomUUID();
            delivery.endpointId = endpoint.id;
            delivery.tenantId = job.tenantId;
            delivery.jobId = job.id;
            delivery.eventType = JOB_STATUS_CHANGED;
            delivery.payload = body;
            delivery.state = WebhookDelivery.State.PENDING;
            delivery.nextAttemptAt = now;
            delivery.createdAt = now;
            delivery.persist();
        }
    }

    private String serialize(Payload payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a webhook payload is plain data and always serializes", e);
        }
    }

    private String checkedUrl(String url) {
        String problem = null;
        if (url == null || url.isBlank()) {
            problem = "url is required";
        } else if (url.length() > MAX_URL_LENGTH) {
            problem = "url must be at most " + MAX_URL_LENGTH + " characters";
        } else {
            try {
                URI uri = new URI(url.strip());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                        || uri.getUserInfo() != null) {
                    problem = "url must be an absolute https URL with a host and no user info";
                } else {
                    problem = targets.refusal(uri).orElse(null);
                }
            } catch (URISyntaxException e) {
                problem = "url is not a valid URL: " + e.getReason();
            }
        }
        if (problem != null) {
            throw ProblemException.unprocessableFields("the webhook has invalid fields",
                    List.of(new FieldError("url", problem)));
        }
        return url.strip();
    }
}
