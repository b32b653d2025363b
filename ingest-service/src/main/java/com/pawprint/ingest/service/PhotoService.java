package com.pawprint.ingest.service;

import com.pawprint.imaging.EncodedImage;
import com.pawprint.imaging.GateVerdict;
import com.pawprint.imaging.PerceptualHash;
import com.pawprint.imaging.PreparedPhoto;
import com.pawprint.imaging.QualityGate;
import com.pawprint.imaging.RejectionReason;
import com.pawprint.ingest.config.IngestConfig;
import com.pawprint.ingest.storage.Pet;
import com.pawprint.ingest.storage.Photo;
import com.pawprint.storage.ObjectKeys;
import com.pawprint.storage.ObjectStore;
import com.pawprint.web.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Runs uploads through the quality gate and keeps the accepted photos: three objects and a row each. */
@ApplicationScoped
public class PhotoService {

    private static final Logger LOG = Logger.getLogger(PhotoService.class);
    private static final String CONTENT_CONSTRAINT = "photos_pet_content";
    private static final String NEAR_DUPLICATE = RejectionReason.NEAR_DUPLICATE.name().toLowerCase(Locale.ROOT);

    private final PetService pets;
    private final QualityGate gate;
    private final ObjectStore objects;
    private final IngestConfig.Upload limits;
    private final Clock clock;
    private final MeterRegistry metrics;

    public PhotoService(PetService pets, QualityGate gate, ObjectStore objects, IngestConfig config, Clock clock,
                        MeterRegistry metrics) {
        this.pets = pets;
        this.gate = gate;
        this.objects = objects;
        this.limits = config.upload();
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Judges every file and stores the accepted ones. Each file is compared with the pet's photos and with the
     * files accepted before it in the same upload, so a burst of one shot keeps one photo.
     *
     * @throws ProblemException 404 for an unknown or foreign pet, 413 when a file is over the per-file limit or
     *                          there are too many files, 422 when there is no file at all
     */
    public List<FileVerdict> upload(String tenantId, UUID petId, List<UploadedFile> files) {
        Pet pet = pets.get(tenantId, petId);
        checkLimits(files);
        List<PerceptualHash> known = new ArrayList<>(Photo.listOfPet(pet.id).stream()
                .map(photo -> new PerceptualHash(photo.perceptualHash)).toList());
        List<FileVerdict> verdicts = new ArrayList<>(files.size());
        for (int index = 0; index < files.size(); index++) {
            UploadedFile file = files.get(index);
            if (FileNames.isPathShaped(file.fileName())) {
                verdicts.add(FileVerdict.rejected(index, file.fileName(), FileVerdict.INVALID_FILE_NAME,
                        "The file name looks like a path; send a plain file name."));
                continue;
            }
            byte[] bytes = read(file);
            GateVerdict verdict = gate.check(bytes, known);
            if (verdict instanceof GateVerdict.Accepted accepted) {
                known.add(accepted.photo().hash());
                Optional<Photo> photo = store(pet, accepted.photo());
                verdicts.add(photo.isPresent()
                        ? FileVerdict.accepted(index, file.fileName(), photo.get().id)
                        : FileVerdict.rejected(index, file.fileName(), NEAR_DUPLICATE,
                                "The photo is already stored for this pet; an upload running at the same time "
                                        + "stored it first."));
            } else if (verdict instanceof GateVerdict.Rejected rejected) {
                verdicts.add(FileVerdict.rejected(index, file.fileName(),
                        rejected.rejection().reason().name().toLowerCase(Locale.ROOT),
                        rejected.rejection().message()));
            }
        }
        verdicts.forEach(verdict -> metrics.counter("pawprint.photos.verdicts",
                "verdict", verdict.accepted() ? "accepted" : "rejected",
                "reason", verdict.accepted() ? "none" : verdict.reason()).increment());
        long acceptedCount = verdicts.stream().filter(FileVerdict::accepted).count();
        LOG.infof("upload for pet %s: %d of %d files accepted", pet.id, acceptedCount, files.size());
        return verdicts;
    }

    public List<Photo> list(String tenantId, UUID petId) {
        return Photo.listOfPet(pets.get(tenantId, petId).id);
    }

    public String thumbnailUrl(Photo photo) {
        return objects.presignedGet(photo.thumbnailKey).toString();
    }

    /** Deletes the photo's row, then its objects. */
    public void delete(String tenantId, UUID petId, UUID photoId) {
        Pet pet = pets.get(tenantId, petId);
        Photo photo = QuarkusTransaction.requiringNew().call(() -> {
            Photo found = Photo.findOfPet(pet.id, photoId)
                    .orElseThrow(() -> ProblemException.notFound("photo", photoId));
            found.delete();
            return found;
        });
        for (String key : List.of(photo.originalKey, photo.normalizedKey, photo.thumbnailKey)) {
            objects.delete(key);
        }
    }

    private void checkLimits(List<UploadedFile> files) {
        if (files.isEmpty()) {
            throw ProblemException.unprocessable("no-files",
                    "The request carries no files; send each photo as a part of a multipart/form-data body.");
        }
        if (files.size() > limits.maxFilesPerRequest()) {
            throw ProblemException.tooLarge("The request carries " + files.size() + " files; at most "
                    + limits.maxFilesPerRequest() + " are accepted per request.");
        }
        for (int index = 0; index < files.size(); index++) {
            UploadedFile file = files.get(index);
            if (file.size() > limits.maxFileBytes().asLongValue()) {
                throw ProblemException.tooLarge("File #" + index + " has " + file.size() + " bytes; at most "
                        + limits.maxFileBytes().asLongValue() + " bytes are accepted per file.");
            }
        }
    }

    /**
     * Writes the objects, then the row. An empty result means a concurrent upload stored the same content first:
     * the database's unique (pet, sha256) constraint refused this row, and the objects written for it are removed.
     */
    private Optional<Photo> store(Pet pet, PreparedPhoto prepared) {
        Photo photo = new Photo();
        photo.id = UUID.randomUUID();
        photo.tenantId = pet.tenantId;
        photo.petId = pet.id;
        ObjectKeys.PetKeys keys = ObjectKeys.pet(pet.tenantId, pet.id.toString());
        photo.originalKey = keys.photoOriginal(photo.id.toString());
        photo.normalizedKey = keys.photoNormalized(photo.id.toString());
        photo.thumbnailKey = keys.photoThumbnail(photo.id.toString());
        EncodedImage normalized = prepared.normalized();
        photo.contentType = prepared.original().mediaType();
        photo.sizeBytes = prepared.original().bytes().length;
        photo.width = normalized.width();
        photo.height = normalized.height();
        photo.sha256 = sha256(prepared.original().bytes());
        photo.perceptualHash = prepared.hash().bits();
        photo.blurVariance = prepared.metrics().sharpness();
        photo.createdAt = clock.instant();
        put(photo.originalKey, prepared.original());
        put(photo.normalizedKey, normalized);
        put(photo.thumbnailKey, prepared.thumbnail());
        try {
            QuarkusTransaction.requiringNew().run(photo::persist);
            return Optional.of(photo);
        } catch (RuntimeException e) {
            if (!violates(e, CONTENT_CONSTRAINT)) {
                throw e;
            }
            LOG.infof("pet %s already has a photo with sha256 %s; dropping the concurrent copy", pet.id,
                    photo.sha256);
            for (String key : List.of(photo.originalKey, photo.normalizedKey, photo.thumbnailKey)) {
                objects.delete(key);
            }
            return Optional.empty();
        }
    }

    private static boolean violates(Throwable failure, String constraint) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation
                    && constraint.equalsIgnoreCase(violation.getConstraintName())) {
                return true;
            }
        }
        return false;
    }

    private void put(String key, EncodedImage image) {
        objects.put(key, image.bytes(), image.mediaType());
    }

    private static byte[] read(UploadedFile file) {
        try {
            return Files.readAllBytes(file.path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spooled upload " + file.path(), e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
