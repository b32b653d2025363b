package com.pawprint.ingest.service;

import com.pawprint.web.Problem;
import com.pawprint.web.ProblemException;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** The problems of ingest-service that the shared {@link ProblemException} factories do not cover. */
public final class IngestProblems {

    /** 422: the request is well-formed but its content cannot be used; retrying it unchanged will not help. */
    public static final Response.StatusType UNPROCESSABLE = new Response.StatusType() {
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

    private IngestProblems() {
    }

    public static ProblemException invalid(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(Problem.of(UNPROCESSABLE, "validation", detail).withErrors(errors));
    }

    public static ProblemException unprocessable(String slug, String detail) {
        return new ProblemException(Problem.of(UNPROCESSABLE, slug, detail));
    }

    public static ProblemException tooLarge(String detail) {
        return new ProblemException(Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "payload-too-large", detail));
    }
}
