package com.pawprint.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 7807 problem details body, served as {@value #MEDIA_TYPE}.
 *
 * <p>{@code type} is a stable URI per kind of problem under {@value #TYPE_BASE} so that clients can branch on it;
 * {@code title} is the same for every occurrence of a type, {@code detail} explains this occurrence and
 * {@code errors} lists per-field validation messages where there are any.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://pawprint.dev/problems/";

    /** One invalid input field: {@code field} is a path such as {@code config.lora_rank} or {@code name}. */
    public record FieldError(String field, String message) {}

    public Problem {
        errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
    }

    /** A problem of the given status whose type is {@code TYPE_BASE + slug} and whose title is the status phrase. */
    public static Problem of(Response.StatusType status, String slug, String detail) {
        return new Problem(TYPE_BASE + slug, status.getReasonPhrase(), status.getStatusCode(), detail, null, null);
    }

    public Problem withInstance(String instance) {
        return new Problem(type, title, status, detail, instance, errors);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, fieldErrors);
    }
}
