package com.pawprint.ingest;

import com.pawprint.samples.BadSamples;
import com.pawprint.samples.Species;
import com.pawprint.samples.SyntheticPets;

import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Upload files made from the project's synthetic pets, good and bad; each seed gives a different photo. */
final class Samples {

    /** Must equal %test.pawprint.ingest.upload.max-file-bytes. */
    static final long MAX_FILE_BYTES = 2L * 1024 * 1024;
    /** Must equal %test.quarkus.http.limits.max-body-size. */
    static final long MAX_BODY_BYTES = 8L * 1024 * 1024;

    private static final Map<Long, BufferedImage> IMAGES = new ConcurrentHashMap<>();

    private Samples() {
    }

    static Api.NamedFile pet(long seed) {
        return new Api.NamedFile("pet-" + seed + ".jpg", SyntheticPets.jpeg(image(seed)), "image/jpeg");
    }

    static Api.NamedFile nearDuplicateOf(long seed) {
        return new Api.NamedFile("again-" + seed + ".jpg",
                SyntheticPets.jpeg(BadSamples.nearDuplicate(image(seed), seed)), "image/jpeg");
    }

    static Api.NamedFile blurred() {
        return new Api.NamedFile("blurred.jpg", SyntheticPets.jpeg(BadSamples.blurred(image(9001), 12)),
                "image/jpeg");
    }

    static Api.NamedFile tiny() {
        return new Api.NamedFile("tiny.png", SyntheticPets.png(BadSamples.tiny(image(9002), 200)), "image/png");
    }

    static Api.NamedFile truncated() {
        return new Api.NamedFile("truncated.jpg", BadSamples.truncated(pet(9003).bytes(), 0.5), "image/jpeg");
    }

    /** A few KB claiming 30000 x 30000 pixels. */
    static Api.NamedFile pngBomb() {
        return new Api.NamedFile("bomb.png", BadSamples.pngBomb(30_000, 30_000), "image/png");
    }

    static Api.NamedFile notAnImage() {
        return new Api.NamedFile("pets.csv", BadSamples.notAnImage(), "image/jpeg");
    }

    static Api.NamedFile empty() {
        return new Api.NamedFile("empty.jpg", BadSamples.empty(), "image/jpeg");
    }

    /** The same bytes under another name. */
    static Api.NamedFile named(String name, Api.NamedFile file) {
        return new Api.NamedFile(name, file.bytes(), file.mediaType());
    }

    private static BufferedImage image(long seed) {
        return IMAGES.computeIfAbsent(seed, key -> SyntheticPets.random(seed % 2 == 0 ? Species.DOG : Species.CAT,
                key).image());
    }
}
