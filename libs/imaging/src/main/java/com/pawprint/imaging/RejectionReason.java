package com.pawprint.imaging;

/** Why a file was refused. Stable codes: callers map them to API problem types and store them. */
public enum RejectionReason {
    EMPTY,
    FILE_TOO_LARGE,
    NOT_AN_IMAGE,
    UNSUPPORTED_FORMAT,
    TRUNCATED,
    CORRUPT,
    TOO_LARGE_DIMENSIONS,
    TOO_SMALL,
    TOO_BLURRY,
    NEAR_DUPLICATE
}
