package com.pawprint.merch.service;

import com.pawprint.merch.storage.MerchItem;
import com.pawprint.merch.storage.MerchJob;

/** The render a product of a job was composed from, which a re-compose of that product starts from again. */
record ProductDesign(String key, int width, int height) {

    /** The design of the job's {@code product}; the job's design for a product it has no item with one of. */
    static ProductDesign of(MerchJob job, String product) {
        return MerchItem.<MerchItem>find("jobId = ?1 and product = ?2 and designKey is not null", job.jobId, product)
                .firstResultOptional()
                .map(item -> new ProductDesign(item.designKey, item.designWidth, item.designHeight))
                .orElseGet(() -> new ProductDesign(job.designKey, job.designWidth, job.designHeight));
    }
}
