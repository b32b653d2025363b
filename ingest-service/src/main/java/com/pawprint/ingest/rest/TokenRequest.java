package com.pawprint.ingest.rest;

public record TokenRequest(String apiKey) {
}
