package com.pawprint.merch.service;

import com.pawprint.web.Problem;
import com.pawprint.web.ProblemException;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** The problems of merch-service that the shared {@link ProblemException} factories do not cover. */
public final class MerchProblems {

    /** 422: the request is well-formed but cannot be composed; retrying it unchanged will not help. */
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

    private MerchProblems() {
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.of(UNPROCESSABLE, "validation", message)
                .withErrors(List.of(new Problem.FieldError(field, message))));
    }

    public static ProblemException unprocessable(String slug, String detail) {
        return new ProblemException(Problem.of(UNPROCESSABLE, slug, detail));
    }
}
