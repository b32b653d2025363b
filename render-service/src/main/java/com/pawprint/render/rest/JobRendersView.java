package com.pawprint.render.rest;

import java.util.List;
import java.util.UUID;

/** An order's renders: one task per product and preset. */
public record JobRendersView(UUID jobId, UUID petId, String loraVersion, String status, String failureReason,
                             List<TaskView> tasks) {
}
