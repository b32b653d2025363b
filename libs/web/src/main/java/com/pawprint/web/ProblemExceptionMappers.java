package com.pawprint.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.vertx.core.http.HttpServerResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every exception that escapes a resource into an RFC 7807 problem. Quarkus REST picks the mapper whose
 * exception type is closest to the thrown one, so each type that Quarkus or Jackson map on their own (with bodies
 * that would leak class names) is claimed here explicitly; {@link #unexpected} catches the rest.
 */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);
    /** What Quarkus' request input stream throws when a body passes quarkus.http.limits.max-body-size. */
    static final String BODY_TOO_LARGE_MESSAGE = "Request too large";
    /**
     * How Quarkus' multipart parser reports a body that ends before its closing boundary, or that never shows the
     * boundary its Content-Type names: as a plain IOException, its parser's own exception class left as a cause.
     */
    private static final List<String> MALFORMED_MULTIPART_MESSAGES = List.of(
            "Connection terminated parsing multipart request", "Connection terminated reading multipart data");
    private static final String MALFORMED_MULTIPART_CAUSE = "MalformedMessageException";

    @ServerExceptionMapper
    public Response problem(ProblemException exception, UriInfo uriInfo) {
        Response.ResponseBuilder response = problemResponse(exception.problem(), uriInfo);
        exception.headers().forEach(response::header);
        return response.build();
    }

    /** JAX-RS' own signals: unknown path (404), wrong method (405), unmet Accept (406), wrong Content-Type (415)... */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException exception, UriInfo uriInfo) {
        if (exception.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json, uriInfo);
        }
        int status = exception.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(exception, uriInfo);
        }
        Problem problem = problemForStatus(status, clientSafeDetail(exception, status, uriInfo));
        return problemResponse(problem, uriInfo).build();
    }

    /** Jackson rethrows type mismatches itself (Quarkus would answer them with its own body), so claim them here. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException exception, UriInfo uriInfo) {
        return malformedJson(exception, uriInfo);
    }

    @ServerExceptionMapper
    public Response unstorableText(UnstorableTextException exception, UriInfo uriInfo) {
        return malformedJson(exception, uriInfo);
    }

    @ServerExceptionMapper
    public Response jsonProcessing(JsonProcessingException exception, UriInfo uriInfo) {
        return malformedJson(exception, uriInfo);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException exception, UriInfo uriInfo) {
        if (exception.getConstraintViolations().stream().anyMatch(ProblemExceptionMappers::isReturnValue)) {
            // The server produced an invalid response: our bug, not the client's.
            return unexpected(exception, uriInfo);
        }
        List<Problem.FieldError> errors = exception.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v.getPropertyPath()), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
        String fields = errors.stream().map(Problem.FieldError::field).distinct().collect(Collectors.joining(", "));
        Problem problem = Problem.of(Status.BAD_REQUEST, "validation", "Invalid request: " + fields).withErrors(errors);
        return problemResponse(problem, uriInfo).build();
    }

    /** Other validation exceptions mean broken constraint declarations, a server bug. */
    @ServerExceptionMapper
    public Response validation(ValidationException exception, UriInfo uriInfo) {
        return unexpected(exception, uriInfo);
    }

    /**
     * A chunked body (no Content-Length) that outgrows the limit is cut off while being read: Quarkus has usually
     * answered 413 already and then throws this. A stalled body that {@link BodyReadDeadline} answered, and a
     * malformed multipart body, surface here too. None is a server fault, so none is logged as one; any other I/O
     * failure is.
     */
    @ServerExceptionMapper
    public Response io(IOException exception, UriInfo uriInfo, HttpServerResponse response) {
        if (response.ended()) {
            // A route answered already (413 for an oversized chunked body, 408 for a stalled one) and closed the
            // connection under the reader: nothing more can be sent, and nothing went wrong on our side.
            LOG.debugf("Body read ended after the answer on %s: %s", uriInfo.getPath(), exception.getMessage());
            return null;
        }
        if (BODY_TOO_LARGE_MESSAGE.equals(exception.getMessage())) {
            return problemResponse(problemForStatus(413, "Request body exceeds the size limit"), uriInfo).build();
        }
        if (isMalformedMultipart(exception)) {
            LOG.debugf("Malformed multipart body on %s: %s", uriInfo.getPath(), exception.getMessage());
            return problemResponse(Problem.of(Status.BAD_REQUEST, "malformed-body", "The multipart/form-data body "
                    + "is malformed: every part must start with the boundary the Content-Type header names, and "
                    + "the body must end with the closing boundary (--boundary--)."), uriInfo).build();
        }
        return unexpected(exception, uriInfo);
    }

    private static boolean isMalformedMultipart(IOException exception) {
        if (MALFORMED_MULTIPART_MESSAGES.contains(exception.getMessage())) {
            return true;
        }
        for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getClass().getSimpleName().equals(MALFORMED_MULTIPART_CAUSE)) {
                return true;
            }
        }
        return false;
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable exception, UriInfo uriInfo) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(exception, "Unhandled error %s on %s", reference, uriInfo.getPath());
        Problem problem = Problem.of(Status.INTERNAL_SERVER_ERROR, "internal",
                "An unexpected error occurred. Reference: " + reference);
        return problemResponse(problem, uriInfo).build();
    }

    static Response.ResponseBuilder problemResponse(Problem problem, UriInfo uriInfo) {
        Problem withInstance = problem.instance() == null ? problem.withInstance("/" + stripSlash(uriInfo.getPath()))
                : problem;
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(withInstance);
    }

    static Problem problemForStatus(int status, String detail) {
        Response.StatusType type = statusType(status);
        return Problem.of(type, SLUGS.getOrDefault(status, "http-" + status), detail);
    }

    private static final Map<Integer, String> SLUGS = Map.of(
            400, "bad-request",
            401, "unauthorized",
            403, "forbidden",
            404, "not-found",
            405, "method-not-allowed",
            406, "not-acceptable",
            409, "conflict",
            413, "payload-too-large",
            415, "unsupported-media-type");

    private static String clientSafeDetail(WebApplicationException exception, int status, UriInfo uriInfo) {
        String path = "/" + stripSlash(uriInfo.getPath());
        // These come from request matching and body reading, whose messages name Java annotations and classes.
        String fixed = switch (status) {
            case 404 -> "No resource at " + path;
            case 405 -> "Method not allowed on " + path;
            case 406 -> "None of the accepted media types can be produced by " + path;
            case 413 -> "Request body exceeds the size limit";
            case 415 -> "Content-Type not supported by " + path;
            default -> null;
        };
        if (fixed != null) {
            return fixed;
        }
        String message = exception.getMessage();
        // JAX-RS fills a default message "HTTP 400 Bad Request"; anything else was written for the client.
        if (message != null && !message.startsWith("HTTP " + status) && exception.getCause() == null) {
            return message;
        }
        return statusType(status).getReasonPhrase();
    }

    private static Response malformedJson(JsonProcessingException exception, UriInfo uriInfo) {
        String field = exception instanceof JsonMappingException mapping ? jsonPath(mapping.getPath()) : "";
        if (exception instanceof UnstorableTextException) {
            String message = "Field '" + field + "' " + exception.getOriginalMessage();
            return problemResponse(ProblemException.unprocessableField(field, message).problem(), uriInfo).build();
        }
        String detail;
        if (exception instanceof UnrecognizedPropertyException) {
            detail = "Unknown field '" + field + "'";
        } else if (exception instanceof InvalidFormatException invalid) {
            detail = "Field '" + field + "' has an invalid value '" + invalid.getValue() + "'";
        } else if (exception instanceof MismatchedInputException && !field.isEmpty()) {
            detail = "Field '" + field + "' has the wrong type";
        } else {
            JsonLocation location = exception.getLocation();
            detail = location == null ? "Request body is not valid JSON of the expected shape"
                    : "Request body is not valid JSON of the expected shape (line " + location.getLineNr() + ", column "
                            + location.getColumnNr() + ")";
        }
        Problem problem = Problem.of(Status.BAD_REQUEST, "malformed-body", detail);
        if (!field.isEmpty()) {
            problem = problem.withErrors(List.of(new Problem.FieldError(field, detail)));
        }
        return problemResponse(problem, uriInfo).build();
    }

    private static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder result = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                if (!result.isEmpty()) {
                    result.append('.');
                }
                result.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                result.append('[').append(reference.getIndex()).append(']');
            }
        }
        return result.toString();
    }

    private static boolean isReturnValue(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code create.request.name} names the method and its parameter before the field; the client knows neither,
     * so a field path starts after them, and a violated parameter itself (a query parameter) is named as is.
     * A node inside a list or map carries the index of its container, which is written after the container's name.
     */
    static String fieldName(Path path) {
        List<String> names = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.isInIterable() && !names.isEmpty()) {
                Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
                if (position != null) {
                    names.set(names.size() - 1, names.get(names.size() - 1) + "[" + position + "]");
                }
            }
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, CROSS_PARAMETER, CONTAINER_ELEMENT, RETURN_VALUE -> { }
                case PARAMETER -> parameter = node.getName();
                default -> {
                    if (node.getName() != null && !node.getName().isEmpty()) {
                        names.add(node.getName());
                    }
                }
            }
        }
        if (names.isEmpty()) {
            return parameter != null ? parameter : path.toString();
        }
        return String.join(".", names);
    }

    private static Response.StatusType statusType(int status) {
        Status known = Status.fromStatusCode(status);
        if (known != null) {
            return known;
        }
        return new Response.StatusType() {
            @Override
            public int getStatusCode() {
                return status;
            }

            @Override
            public Status.Family getFamily() {
                return Status.Family.familyOf(status);
            }

            @Override
            public String getReasonPhrase() {
                return "HTTP " + status;
            }
        };
    }

    private static String stripSlash(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
