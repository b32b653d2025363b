package com.pawprint.merch.storage;

/** A re-compose task's life: pending until composed, then completed or failed (with a reason). */
public enum TaskStatus {
    PENDING, COMPLETED, FAILED
}
