package com.pawprint.merch.rest;

import java.util.UUID;

/**
 * A re-compose task: {@code status} pending, completed (with {@code result}) or failed (with {@code failureReason}).
 */
public record TaskResponse(UUID id, UUID jobId, String status, String product, String variant, String placement,
                           Double centreXInches, Double centreYInches, double scale, double rotationDegrees,
                           String background, String failureReason, ProductFilesResponse result) {
}
