package com.pawprint.storage;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one place where object keys are built. Every key of a pet lies under
 * {@code tenants/{tenant}/pets/{pet}/}, so deleting a pet is deleting one prefix; base models lie under
 * {@code models/{name}/}.
 *
 * <p>Every id segment must be a UUID (lowercased here) or match {@code [a-z0-9][a-z0-9_-]{0,63}}; the few file names
 * inside a prefix ({@link PetKeys#loraFile}, {@link PetKeys#merchFile}, {@link #modelFile}) are chosen by code and
 * must be relative paths of {@code [A-Za-z0-9][A-Za-z0-9._-]{0,127}} segments. Nothing else is accepted, so a name
 * a user sent (with {@code ../}, slashes, spaces...) can never become part of a key.
 */
public final class ObjectKeys {

    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    /*
     * LoRA versions are named after lora-scripts' output_name, which may have capitals (mochi_v1_rank8_ep15,
     * MyCat_v2_rank16_ep10): a version segment keeps them, up to a 64-character name plus its suffix.
     */
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
    private static final Pattern FILE_SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    /** S3's own limit on a key's length. */
    private static final int MAX_KEY_LENGTH = 1024;
    /** Whole keys (ours are up to ~200 characters), so that a dead letter names what was refused. */
    private static final int KEY_SHOWN = 256;

    private ObjectKeys() {}

    /** {@code tenants/{tenant}/}: everything a tenant owns. */
    public static String tenantPrefix(String tenantId) {
        return "tenants/" + id("tenant", tenantId) + "/";
    }

    /** The keys of one pet; {@link PetKeys#prefix()} is {@code tenants/{tenant}/pets/{pet}/}. */
    public static PetKeys pet(String tenantId, String petId) {
        return new PetKeys(tenantPrefix(tenantId) + "pets/" + id("pet", petId) + "/");
    }

    /**
     * {@code key}, when it lies under {@code prefix} and cannot step out of it (no {@code ..}, empty or {@code .}
     * segments, backslashes or control characters; a trailing slash is allowed for folders); events are trusted no
     * further than their own tenant and pet.
     *
     * @param what how the event names the key, for the dead letter's reason
     * @throws ForeignKeyException otherwise
     */
    public static String requireUnder(String prefix, String what, String key) {
        if (key == null || key.length() > MAX_KEY_LENGTH || !key.startsWith(prefix) || leavesItsPrefix(key)) {
            throw new ForeignKeyException(what + " " + printable(key, KEY_SHOWN) + " does not lie under " + prefix);
        }
        return key;
    }

    private static boolean leavesItsPrefix(String key) {
        if (key.indexOf('\\') >= 0 || key.chars().anyMatch(Character::isISOControl)) {
            return true;
        }
        // A trailing slash names a folder (a reg_data_dir); any other empty segment could be read as a different key.
        String path = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** {@code models/{name}/}: a base model's files. */
    public static String modelPrefix(String name) {
        return "models/" + id("model", name) + "/";
    }

    /** {@code models/{name}/{relativePath}}, e.g. {@code unet/diffusion_pytorch_model.safetensors}. */
    public static String modelFile(String name, String relativePath) {
        return modelPrefix(name) + relativePath(relativePath);
    }

    /** Keys under one pet's prefix. Instances only come from {@link ObjectKeys#pet}, so the prefix is valid. */
    public static final class PetKeys {
        private final String prefix;

        private PetKeys(String prefix) {
            this.prefix = prefix;
        }

        /** {@code tenants/{tenant}/pets/{pet}/} */
        public String prefix() {
            return prefix;
        }

        /** {@code key} when it is one of this pet's keys; see {@link ObjectKeys#requireUnder}. */
        public String requireOwn(String what, String key) {
            return requireUnder(prefix, what, key);
        }

        /** {@code .../photos/{photo}/}: the original, normalized copy and thumbnail of one photo. */
        public String photoPrefix(String photoId) {
            return prefix + "photos/" + id("photo", photoId) + "/";
        }

        /** {@code .../photos/{photo}/original}: the bytes as uploaded. */
        public String photoOriginal(String photoId) {
            return photoPrefix(photoId) + "original";
        }

        /** {@code .../photos/{photo}/normalized}: oriented, EXIF-free, sRGB, long side capped. */
        public String photoNormalized(String photoId) {
            return photoPrefix(photoId) + "normalized";
        }

        /** {@code .../photos/{photo}/thumbnail} */
        public String photoThumbnail(String photoId) {
            return photoPrefix(photoId) + "thumbnail";
        }

        /** {@code .../datasets/{job}/}: the training set of one job. */
        public String datasetPrefix(String jobId) {
            return prefix + "datasets/" + id("job", jobId) + "/";
        }

        /** {@code .../datasets/{job}/images/{photo}.jpg} */
        public String datasetImage(String jobId, String photoId) {
            return datasetPrefix(jobId) + "images/" + id("photo", photoId) + ".jpg";
        }

        /** {@code .../datasets/{job}/metadata.csv} */
        public String datasetMetadata(String jobId) {
            return datasetPrefix(jobId) + "metadata.csv";
        }

        /** {@code .../datasets/{job}/captions/{photo}.txt} */
        public String datasetCaption(String jobId, String photoId) {
            return datasetPrefix(jobId) + "captions/" + id("photo", photoId) + ".txt";
        }

        /** {@code .../loras/{version}/}: a trained LoRA with its checkpoints, logs, samples and record. */
        public String loraPrefix(String version) {
            if (version == null || !VERSION.matcher(version).matches()) {
                throw new InvalidKeyException("lora version must match " + VERSION.pattern() + ": "
                        + printable(version));
            }
            return prefix + "loras/" + version + "/";
        }

        /** {@code .../loras/{version}/{relativePath}}, e.g. {@code checkpoints/step-000500.safetensors}. */
        public String loraFile(String version, String relativePath) {
            return loraPrefix(version) + relativePath(relativePath);
        }

        /** {@code .../renders/{job}/} */
        public String renderPrefix(String jobId) {
            return prefix + "renders/" + id("job", jobId) + "/";
        }

        /** {@code .../renders/{job}/{render}.png} */
        public String render(String jobId, String renderId) {
            return renderPrefix(jobId) + id("render", renderId) + ".png";
        }

        /** {@code .../renders/{job}/{render}.jpg}: the web-size preview of the render's PNG. */
        public String renderPreview(String jobId, String renderId) {
            return renderPrefix(jobId) + id("render", renderId) + ".jpg";
        }

        /** {@code .../merch/{job}/} */
        public String merchPrefix(String jobId) {
            return prefix + "merch/" + id("job", jobId) + "/";
        }

        /** {@code .../merch/{job}/{relativePath}}, e.g. {@code mug/print.pdf}. */
        public String merchFile(String jobId, String relativePath) {
            return merchPrefix(jobId) + relativePath(relativePath);
        }

        @Override
        public String toString() {
            return prefix;
        }
    }

    /** A validated id segment; UUIDs are lowercased so that one id always gives one key. */
    static String id(String what, String value) {
        if (value != null && UUID_FORM.matcher(value).matches()) {
            return value.toLowerCase(Locale.ROOT);
        }
        if (value == null || !ID.matcher(value).matches()) {
            throw new InvalidKeyException(what + " id must be a UUID or match " + ID.pattern() + ": "
                    + printable(value));
        }
        return value;
    }

    static String relativePath(String path) {
        if (path == null || path.isEmpty()) {
            throw new InvalidKeyException("file path must not be empty");
        }
        for (String segment : path.split("/", -1)) {
            if (!FILE_SEGMENT.matcher(segment).matches()) {
                throw new InvalidKeyException("file path segments must match " + FILE_SEGMENT.pattern() + ": "
                        + printable(path));
            }
        }
        return path;
    }

    private static String printable(String value) {
        return printable(value, 80);
    }

    private static String printable(String value, int limit) {
        if (value == null) {
            return "null";
        }
        String shown = value.length() > limit ? value.substring(0, limit) + "..." : value;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
