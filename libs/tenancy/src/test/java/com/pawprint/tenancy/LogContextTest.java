package com.pawprint.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogContextTest {

    @AfterEach
    void clear() {
        MDC.remove(LogContext.TENANT_ID);
        MDC.remove(LogContext.JOB_ID);
    }

    @Test
    void scopeSetsIdsAndRestoresWhatWasThere() {
        MDC.put(LogContext.TENANT_ID, "outer-tenant");
        try (var scope = LogContext.open("tenant-a", "job-1")) {
            assertEquals("tenant-a", MDC.get(LogContext.TENANT_ID));
            assertEquals("job-1", MDC.get(LogContext.JOB_ID));
        }
        assertEquals("outer-tenant", MDC.get(LogContext.TENANT_ID));
        assertNull(MDC.get(LogContext.JOB_ID));
    }

    @Test
    void nullIdLeavesTheKeyOut() {
        MDC.put(LogContext.JOB_ID, "stale-job");
        try (var scope = LogContext.open("tenant-a", null)) {
            assertNull(MDC.get(LogContext.JOB_ID));
        }
        assertEquals("stale-job", MDC.get(LogContext.JOB_ID));
    }
}
