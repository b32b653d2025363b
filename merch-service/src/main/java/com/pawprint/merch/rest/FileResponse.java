package com.pawprint.merch.rest;

import java.net.URI;

/** A file in the bucket and a presigned GET URL for it. */
public record FileResponse(String key, URI url) {
}
