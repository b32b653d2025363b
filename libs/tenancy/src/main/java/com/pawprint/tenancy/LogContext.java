package com.pawprint.tenancy;

import org.jboss.logging.MDC;

/**
 * The MDC keys under which structured logs carry the tenant and the job. {@link AuthenticationFilter} sets the
 * tenant on every authenticated request; Quarkus keeps the MDC on the request's Vert.x context, so it never leaks
 * into another request. Code outside a request (Kafka consumers) opens a {@link Scope} around each record.
 */
public final class LogContext {

    public static final String TENANT_ID = "tenantId";
    public static final String JOB_ID = "jobId";

    private LogContext() {}

    /** Puts the job id for the rest of the current request (the tenant is already there). */
    public static void putJobId(String jobId) {
        MDC.put(JOB_ID, jobId);
    }

    /** Puts tenant and job for the block and restores what was there before. Either id may be null. */
    public static Scope open(String tenantId, String jobId) {
        return new Scope(tenantId, jobId);
    }

    /** try-with-resources handle of {@link #open}. */
    public static final class Scope implements AutoCloseable {
        private final Object previousTenant;
        private final Object previousJob;

        private Scope(String tenantId, String jobId) {
            previousTenant = MDC.get(TENANT_ID);
            previousJob = MDC.get(JOB_ID);
            set(TENANT_ID, tenantId);
            set(JOB_ID, jobId);
        }

        @Override
        public void close() {
            set(TENANT_ID, previousTenant);
            set(JOB_ID, previousJob);
        }

        private static void set(String key, Object value) {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        }
    }
}
