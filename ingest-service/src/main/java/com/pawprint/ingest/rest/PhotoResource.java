package com.pawprint.ingest.rest;

import com.pawprint.ingest.service.PhotoService;
import com.pawprint.ingest.service.UploadedFile;
import com.pawprint.ingest.storage.Photo;
import com.pawprint.tenancy.TenantContext;
import com.pawprint.web.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.util.List;
import java.util.UUID;

@Path("/v1/pets/{petId}/photos")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "photos")
public class PhotoResource {

    private final PhotoService photos;
    private final TenantContext tenant;

    public PhotoResource(PhotoService photos, TenantContext tenant) {
        this.photos = photos;
        this.tenant = tenant;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload photos",
            description = "Any number of file parts (JPEG, PNG or WebP). The answer gives a verdict per file; when no "
                    + "file is accepted it is a 422 problem whose 'files' member holds the verdicts. A file over the "
                    + "per-file limit, or a body over the request limit, makes the whole request 413.")
    public Response upload(@PathParam("petId") UUID petId, @RestForm(FileUpload.ALL) List<FileUpload> parts) {
        List<UploadedFile> files = parts == null ? List.of() : parts.stream()
                .map(part -> new UploadedFile(part.fileName(), part.uploadedFile(), part.size()))
                .toList();
        UploadResponse answer = UploadResponse.of(photos.upload(tenant.tenantId(), petId, files));
        if (answer.accepted() == 0) {
            throw new ProblemException(ProblemException.unprocessable("no-photo-accepted",
                    "None of the " + files.size() + " file(s) was accepted; see files for the reasons.").problem()
                    .withMember("files", answer.files()));
        }
        return Response.ok(answer).build();
    }

    @GET
    @Operation(summary = "List the pet's photos, with presigned thumbnail URLs")
    public List<PhotoResponse> list(@PathParam("petId") UUID petId) {
        return photos.list(tenant.tenantId(), petId).stream().map(this::toResponse).toList();
    }

    @DELETE
    @Path("/{photoId}")
    public Response delete(@PathParam("petId") UUID petId, @PathParam("photoId") UUID photoId) {
        photos.delete(tenant.tenantId(), petId, photoId);
        return Response.noContent().build();
    }

    private PhotoResponse toResponse(Photo photo) {
        return new PhotoResponse(photo.id, photo.petId, photo.contentType, photo.sizeBytes, photo.width,
                photo.height, photo.sha256, photos.thumbnailUrl(photo), photo.createdAt);
    }
}
