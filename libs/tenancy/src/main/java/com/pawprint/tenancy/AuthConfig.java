package com.pawprint.tenancy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Authentication settings shared by every service ({@code pawprint.auth.*}). */
@ConfigMapping(prefix = "pawprint.auth")
public interface AuthConfig {

    /** HS256 key shared by the issuing and the verifying services; at least 32 bytes (UTF-8), checked at start-up. */
    String jwtSecret();

    /**
     * The operator's credential for {@link AdminOnly} endpoints. Absent on services without admin endpoints, in
     * which case every admin call is refused.
     */
    Optional<String> adminToken();

    /** How long an issued access token is valid; at most {@link #maxTokenLifetime()}. */
    @WithDefault("PT15M")
    Duration tokenTtl();

    /** The longest lifetime ({@code exp - iat}) a verified token may have, whoever signed it. */
    @WithDefault("PT1H")
    Duration maxTokenLifetime();

    @WithDefault("pawprint")
    String issuer();

    @WithDefault("pawprint-api")
    String audience();
}
