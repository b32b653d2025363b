package com.pawprint.merch.rest;

import java.util.List;
import java.util.UUID;

public record JobMerchResponse(UUID jobId, List<ProductFilesResponse> products) {
}
