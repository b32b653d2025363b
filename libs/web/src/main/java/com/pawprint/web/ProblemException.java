package com.pawprint.web;

import jakarta.ws.rs.core.Response.Status;
import java.util.List;
import java.util.Map;

/**
 * Thrown anywhere in request handling to answer with a problem body; {@link ProblemExceptionMappers} renders it.
 * Carries no cause on purpose: what reaches the client is exactly the problem, never internals.
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final Map<String, String> headers;

    public ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    /** {@code headers} are added to the response, e.g. {@code WWW-Authenticate} on a 401. */
    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.status() + " " + problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /**
     * The answer for a resource that does not exist or belongs to another tenant: both look the same, so that
     * nobody learns which ids exist elsewhere.
     */
    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(Problem.of(Status.NOT_FOUND, "not-found", what + " " + id + " not found"));
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Problem.of(Status.BAD_REQUEST, "bad-request", detail));
    }

    /** 400 with per-field messages, for input that parses but is out of range or inconsistent. */
    public static ProblemException invalid(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(Problem.of(Status.BAD_REQUEST, "validation", detail).withErrors(errors));
    }

    /** 422 for content that parses but cannot be used; {@code slug} names what is wrong with it. */
    public static ProblemException unprocessable(String slug, String detail) {
        return new ProblemException(Problem.of(Problem.UNPROCESSABLE_CONTENT, slug, detail));
    }

    /** 422 {@code validation} with per-field messages: each field is well-formed but cannot be used. */
    public static ProblemException unprocessableFields(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(Problem.of(Problem.UNPROCESSABLE_CONTENT, "validation", detail).withErrors(errors));
    }

    /** 422 {@code validation} for one field, whose message is also the detail. */
    public static ProblemException unprocessableField(String field, String message) {
        return unprocessableFields(message, List.of(new Problem.FieldError(field, message)));
    }

    /** 413 for a request whose files or parts are over this service's limits. */
    public static ProblemException tooLarge(String detail) {
        return new ProblemException(Problem.of(Status.REQUEST_ENTITY_TOO_LARGE, "payload-too-large", detail));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(Status.CONFLICT, "conflict", detail));
    }

    public static ProblemException unauthorized(String detail, String wwwAuthenticate) {
        return new ProblemException(
                Problem.of(Status.UNAUTHORIZED, "unauthorized", detail), Map.of("WWW-Authenticate", wwwAuthenticate));
    }
}
