package com.pawprint.ingest.service;

import com.pawprint.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the uploads in flight, per tenant and in all, so that one tenant's many (or slow) uploads cannot take the
 * capacity every tenant shares. A slot is taken before the body is read and given back when the answer is sent.
 */
@ApplicationScoped
public class UploadSlots {

    /** A taken slot; {@link #release()} gives it back once, however often it is called. */
    public interface Slot {
        void release();
    }

    private final int perTenant;
    private final int total;
    private final ConcurrentHashMap<String, AtomicInteger> byTenant = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    public UploadSlots(IngestConfig config) {
        this.perTenant = config.upload().maxConcurrentPerTenant();
        this.total = config.upload().maxConcurrent();
    }

    /** A slot for one upload of {@code tenantId}, or empty when the tenant or the service is at its limit. */
    public Optional<Slot> take(String tenantId) {
        AtomicInteger tenantCount = byTenant.computeIfAbsent(tenantId, id -> new AtomicInteger());
        if (tenantCount.incrementAndGet() > perTenant) {
            tenantCount.decrementAndGet();
            return Optional.empty();
        }
        if (inFlight.incrementAndGet() > total) {
            inFlight.decrementAndGet();
            tenantCount.decrementAndGet();
            return Optional.empty();
        }
        AtomicBoolean released = new AtomicBoolean();
        return Optional.of(() -> {
            if (released.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
                tenantCount.decrementAndGet();
            }
        });
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int capacity() {
        return total;
    }
}
