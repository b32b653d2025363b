package com.pawprint.contracts;

/**
 * Who runs a training config. The service trains on a job's photos from object storage and on registered base
 * models; the command ({@code pawprint-train}) trains on local folders and may name a checkpoint file directly.
 */
public enum ConfigUse {
    SERVICE,
    COMMAND
}
