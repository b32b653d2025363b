package com.pawprint.imaging;

/** The quality gate's answer for one file. */
public sealed interface GateVerdict permits GateVerdict.Accepted, GateVerdict.Rejected {

    record Accepted(PreparedPhoto photo) implements GateVerdict {
    }

    record Rejected(Rejection rejection) implements GateVerdict {
    }

    default boolean accepted() {
        return this instanceof Accepted;
    }
}
