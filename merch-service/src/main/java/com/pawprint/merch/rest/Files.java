package com.pawprint.merch.rest;

import com.pawprint.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.List;

/** Turns stored keys into response files with presigned URLs. */
@ApplicationScoped
class Files {

    private final ObjectStore store;

    Files(ObjectStore store) {
        this.store = store;
    }

    FileResponse of(String key) {
        return key == null ? null : new FileResponse(key, store.presignedGet(key));
    }

    ProductFilesResponse product(String product, String variant, String placement, String printFileKey,
                                 String cutLineKey, String mockupKey, String thumbnailKey, String warnings) {
        return new ProductFilesResponse(product, variant, placement, of(printFileKey), of(cutLineKey), of(mockupKey),
                of(thumbnailKey), lines(warnings));
    }

    private static List<String> lines(String warnings) {
        return warnings == null || warnings.isEmpty() ? List.of() : Arrays.asList(warnings.split("\n"));
    }
}
