package com.pawprint.tenancy;

import java.time.Instant;

/** The claims of a token whose signature, algorithm, issuer, audience and lifetime have been checked. */
public record VerifiedToken(String tenantId, String tokenId, Instant issuedAt, Instant expiresAt) {}
