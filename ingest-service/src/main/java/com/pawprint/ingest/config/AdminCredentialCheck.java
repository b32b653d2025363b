package com.pawprint.ingest.config;

import com.pawprint.tenancy.AuthConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * ingest-service serves the admin API (tenants and their keys), so it stops at start-up without a usable operator
 * credential rather than running with every admin call refused, or with a guessable one.
 */
@Startup
@ApplicationScoped
public class AdminCredentialCheck {

    static final int MIN_LENGTH = 16;

    AdminCredentialCheck(AuthConfig auth) {
        if (auth.adminToken().map(String::strip).filter(token -> token.length() >= MIN_LENGTH).isEmpty()) {
            throw new IllegalStateException("pawprint.auth.admin-token (PAWPRINT_AUTH_ADMIN_TOKEN) is required: at "
                    + "least " + MIN_LENGTH + " characters");
        }
    }
}
