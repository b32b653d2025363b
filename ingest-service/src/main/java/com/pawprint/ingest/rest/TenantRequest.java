package com.pawprint.ingest.rest;

public record TenantRequest(String name) {
}
