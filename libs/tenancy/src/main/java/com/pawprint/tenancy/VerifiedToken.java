package com.pawprint.tenancy;

import java.time.Instant;
import java.util.UUID;

/** The claims of a token whose signature, algorithm, issuer, audience and lifetime have been checked. */
public record VerifiedToken(String tenantId, UUID apiKeyId, String tokenId, Instant issuedAt, Instant expiresAt) {}
