package com.pawprint.ingest.rest;

import com.pawprint.storage.StorageException;
import com.pawprint.web.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The object store being unreachable is a temporary condition: 503 tells the client to retry, not to give up. */
public class StorageProblemMapper {

    private static final Logger LOG = Logger.getLogger(StorageProblemMapper.class);

    @ServerExceptionMapper
    public Response storageUnavailable(StorageException exception, UriInfo uriInfo) {
        LOG.warnf(exception, "object store failure on %s", uriInfo.getPath());
        Problem problem = Problem.of(Response.Status.SERVICE_UNAVAILABLE, "storage-unavailable",
                "The object store is not available; retry the request later.")
                .withInstance("/" + uriInfo.getPath().replaceFirst("^/", ""));
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem)
                .header("Retry-After", "5").build();
    }
}
