package com.pawprint.web;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An RFC 7807 problem details body, served as {@value #MEDIA_TYPE}.
 *
 * <p>{@code type} is a stable URI per kind of problem under {@value #TYPE_BASE} so that clients can branch on it;
 * {@code title} is the same for every occurrence of a type, {@code detail} explains this occurrence and
 * {@code errors} lists per-field validation messages where there are any. {@code members} are the extension
 * members of a type (RFC 7807 §3.2), written beside the standard ones, e.g. an upload's per-file {@code files}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type, String title, int status, String detail, String instance, List<FieldError> errors,
        @JsonAnyGetter Map<String, Object> members) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://pawprint.dev/problems/";

    /**
     * 422: the request is well-formed but its content cannot be used; retrying it unchanged will not help.
     * JAX-RS 3.1 has no constant for it.
     */
    public static final Response.StatusType UNPROCESSABLE_CONTENT = new Response.StatusType() {
        @Override
        public int getStatusCode() {
            return 422;
        }

        @Override
        public Response.Status.Family getFamily() {
            return Response.Status.Family.CLIENT_ERROR;
        }

        @Override
        public String getReasonPhrase() {
            return "Unprocessable Content";
        }
    };

    /** One invalid input field: {@code field} is a path such as {@code config.lora_rank} or {@code name}. */
    public record FieldError(String field, String message) {}

    public Problem {
        errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
        members = members == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }

    /** A problem of the given status whose type is {@code TYPE_BASE + slug} and whose title is the status phrase. */
    public static Problem of(Response.StatusType status, String slug, String detail) {
        return new Problem(TYPE_BASE + slug, status.getReasonPhrase(), status.getStatusCode(), detail, null, null,
                null);
    }

    public Problem withInstance(String instance) {
        return new Problem(type, title, status, detail, instance, errors, members);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, fieldErrors, members);
    }

    private static final Set<String> STANDARD_MEMBERS = Set.of("type", "title", "status", "detail", "instance",
            "errors");

    /** The problem with one more extension member, written after the standard ones. */
    public Problem withMember(String name, Object value) {
        if (STANDARD_MEMBERS.contains(name)) {
            throw new IllegalArgumentException(name + " is a standard member of a problem, not an extension");
        }
        Map<String, Object> more = new LinkedHashMap<>(members);
        more.put(name, value);
        return new Problem(type, title, status, detail, instance, errors, more);
    }
}
