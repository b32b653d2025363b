package com.pawprint.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers from a Vert.x route, before JAX-RS and its exception mappers run, with the same problem bodies they give.
 * The request's unread body may still be on the wire, so the connection is closed after the answer.
 */
public final class RouteProblems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RouteProblems() {
    }

    public static void end(RoutingContext context, Problem problem) {
        HttpServerResponse response = context.response();
        if (response.headWritten()) {
            context.request().connection().close();
            return;
        }
        response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(json(problem.withInstance(context.request().path())));
    }

    private static String json(Problem problem) {
        try {
            return JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem is plain data and always serializes", e);
        }
    }
}
