package com.pawprint.merch.service;

import com.pawprint.merch.catalog.BackgroundPolicy;

/**
 * Compose one product of a job again with the client's placement. Left out: {@code variant} = the product's default,
 * {@code placement} = its first, centre = the print area's centre, {@code scale} 1 (fit), {@code rotationDegrees} 0,
 * {@code background} = the placement's policy.
 */
public record RecomposeRequest(String product, String variant, String placement, Double centreXInches,
                               Double centreYInches, Double scale, Double rotationDegrees,
                               BackgroundPolicy background) {
}
