package com.pawprint.imaging;

import java.util.function.Function;

/**
 * Either a value or a {@link Rejection}. Bad input is an expected outcome here, not an exception, so callers
 * cannot forget to handle it and no decoder exception escapes to a client.
 */
public sealed interface Outcome<T> permits Outcome.Ok, Outcome.Rejected {

    record Ok<T>(T value) implements Outcome<T> {
    }

    record Rejected<T>(Rejection rejection) implements Outcome<T> {
    }

    static <T> Outcome<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Outcome<T> rejected(RejectionReason reason, String message) {
        return new Rejected<>(new Rejection(reason, message));
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    /** The value; throws {@link IllegalStateException} if this is a rejection. */
    default T value() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        throw new IllegalStateException("rejected: " + rejection());
    }

    /** The rejection; throws {@link IllegalStateException} if this is a value. */
    default Rejection rejection() {
        if (this instanceof Rejected<T> rejected) {
            return rejected.rejection();
        }
        throw new IllegalStateException("not rejected");
    }

    /** Applies {@code next} to a value; a rejection passes through unchanged. */
    default <R> Outcome<R> flatMap(Function<T, Outcome<R>> next) {
        if (this instanceof Ok<T> ok) {
            return next.apply(ok.value());
        }
        return new Rejected<>(rejection());
    }
}
