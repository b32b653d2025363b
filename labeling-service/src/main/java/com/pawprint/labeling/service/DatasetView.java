package com.pawprint.labeling.service;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A dataset as a reviewer sees it: each caption with its thumbnail and warnings, and the photos left out. */
public record DatasetView(UUID jobId, UUID petId, String status, String reviewMode, String captioner,
                          String triggerToken, String metadataCsvKey, Instant approvedAt, List<CaptionView> captions,
                          List<SkippedView> skipped) {

    public record CaptionView(UUID photoId, int position, String caption, String imageKey, URI thumbnailUrl,
                              List<CaptionWarning> warnings) {
    }

    public record SkippedView(UUID photoId, String reason) {
    }
}
