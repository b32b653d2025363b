package com.pawprint.diffusion.infotext;

import com.pawprint.diffusion.pipeline.Txt2ImgRequest;
import com.pawprint.diffusion.schedulers.SamplerKind;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A1111's generation parameters ("infotext"): the text it stores in a PNG's {@code parameters} chunk, shows under
 * an image and reads back in its PNG Info tab. Three parts: the prompt (any number of lines), an optional
 * {@code Negative prompt:} line (and the lines after it), and one line of {@code Key: value} pairs, a value quoted
 * as JSON when it holds a comma, colon or line break. {@link #format} writes what A1111's {@code create_infotext}
 * writes for these fields, in its order; {@link #parse} reads text as its {@code parse_generation_parameters} does.
 *
 * @param prompt         the prompt as given, {@code <lora:...>} tags included
 * @param negativePrompt empty when there is none
 * @param steps          sampler steps
 * @param sampler        A1111's sampler name: "Euler a", "DPM++ 2M", ...
 * @param scheduleType   A1111's schedule type: "Automatic", "Karras", "Uniform", ...
 * @param cfgScale       classifier-free guidance scale
 * @param seed           the seed of this image
 * @param width          pixels
 * @param height         pixels
 * @param modelHash      the checkpoint's short hash ({@link A1111Hashes#checkpoint}), or null when unknown
 * @param modelName      the checkpoint's name (its file name without extension), or null when unknown
 * @param loraHashes     LoRA name to short hash ({@link A1111Hashes#lora}), in prompt order; names lose ':' and
 *                       ',' as A1111 writes them, so the list parses back
 * @param clipSkip       1 uses CLIP's last layer; written only above 1, as A1111 does
 * @param version        what made the image ({@link EngineVersion#infotext()}), or null
 * @param extra          every other parameter A1111 or an extension wrote (VAE hash, ENSD, Hires upscale, ...),
 *                       unquoted, in text order; written after the known ones
 */
public record GenerationParameters(String prompt, String negativePrompt, int steps, String sampler,
        String scheduleType, double cfgScale, long seed, int width, int height, String modelHash, String modelName,
        Map<String, String> loraHashes, int clipSkip, String version, Map<String, String> extra) {

    /** A1111's {@code re_param}: a key, then a JSON-quoted value or one up to the next comma. */
    private static final Pattern PARAMETER = Pattern.compile(
            "\\s*(\\w[\\w \\-/]+):\\s*(\"(?:\\\\.|[^\\\\\"])+\"|[^,]*)(?:,|$)", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern SIZE = Pattern.compile("(\\d+)x(\\d+)");
    private static final String NEGATIVE_PROMPT = "Negative prompt:";
    private static final Set<String> KNOWN_KEYS = Set.of("Steps", "Sampler", "Schedule type", "CFG scale", "Seed",
            "Size", "Model hash", "Model", "Clip skip", "Lora hashes", "Version");

    public GenerationParameters {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(negativePrompt, "negativePrompt");
        requireText("sampler", sampler);
        requireText("schedule type", scheduleType);
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        if (!Double.isFinite(cfgScale)) {
            throw new IllegalArgumentException("CFG scale must be a finite number, got " + cfgScale);
        }
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("size must be positive, got " + width + "x" + height);
        }
        if (clipSkip < 1) {
            throw new IllegalArgumentException("clip skip must be at least 1, got " + clipSkip);
        }
        modelHash = nullIfEmpty(modelHash);
        modelName = nullIfEmpty(modelName);
        version = nullIfEmpty(version);
        loraHashes = loraEntries(loraHashes);
        extra = extraParameters(extra);
    }

    /**
     * The parameters of {@code request}'s first image (seed {@code request.seed()}; see {@link #withSeed} for the
     * others of a batch).
     */
    public static GenerationParameters of(Txt2ImgRequest request, String modelHash, String modelName,
            Map<String, String> loraHashes, String version) {
        return new GenerationParameters(request.prompt(), request.negativePrompt(), request.steps(),
                A1111Samplers.samplerName(request.sampler()), A1111Samplers.scheduleType(request.sampler()),
                request.guidanceScale(), request.seed(), request.width(), request.height(), modelHash, modelName,
                loraHashes, request.clipSkip(), version, Map.of());
    }

    /** The same parameters for another image of the batch. */
    public GenerationParameters withSeed(long imageSeed) {
        return new GenerationParameters(prompt, negativePrompt, steps, sampler, scheduleType, cfgScale, imageSeed,
                width, height, modelHash, modelName, loraHashes, clipSkip, version, extra);
    }

    /** The engine's sampler for {@link #sampler} and {@link #scheduleType}; empty when the engine has none. */
    public Optional<SamplerKind> samplerKind() {
        return A1111Samplers.kind(sampler, scheduleType);
    }

    /**
     * The request that makes this image again (batch size 1).
     *
     * @throws IllegalArgumentException when the engine has no such sampler or the request is out of its range
     */
    public Txt2ImgRequest toRequest() {
        SamplerKind kind = samplerKind().orElseThrow(() -> new IllegalArgumentException("the engine has no "
                + "counterpart of A1111's sampler '" + sampler + "' with schedule type '" + scheduleType + "'"));
        return Txt2ImgRequest.builder(prompt).negativePrompt(negativePrompt).steps(steps).guidanceScale(cfgScale)
                .seed(seed).size(width, height).sampler(kind).clipSkip(clipSkip).build();
    }

    /** The infotext, character for character as A1111 writes these fields. */
    public String format() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Steps", Integer.toString(steps));
        fields.put("Sampler", sampler);
        fields.put("Schedule type", scheduleType);
        fields.put("CFG scale", pythonNumber(cfgScale));
        fields.put("Seed", Long.toString(seed));
        fields.put("Size", width + "x" + height);
        putIfPresent(fields, "Model hash", modelHash);
        putIfPresent(fields, "Model", modelName);
        if (clipSkip > 1) {
            fields.put("Clip skip", Integer.toString(clipSkip));
        }
        fields.putAll(extra);
        if (!loraHashes.isEmpty()) {
            fields.put("Lora hashes", loraHashes.entrySet().stream()
                    .map(entry -> entry.getKey() + ": " + entry.getValue()).collect(Collectors.joining(", ")));
        }
        putIfPresent(fields, "Version", version);
        String parameterLine = fields.entrySet().stream()
                .map(field -> field.getKey() + ": " + InfotextQuoting.quote(field.getValue()))
                .collect(Collectors.joining(", "));
        String negative = negativePrompt.isEmpty() ? "" : "\n" + NEGATIVE_PROMPT + " " + negativePrompt;
        return (prompt + negative + "\n" + parameterLine).strip();
    }

    /**
     * Reads an infotext, A1111's own included. As A1111 does: the last line holds the parameters only when at least
     * three pairs are found there, else it belongs to the prompt; each prompt line is stripped; a parameter without
     * a value is dropped; a missing schedule type is "Automatic" and a missing clip skip 1.
     *
     * @throws IllegalArgumentException when steps, sampler, CFG scale, seed or size is missing or malformed
     */
    public static GenerationParameters parse(String text) {
        String[] lines = text.strip().split("\n", -1);
        Map<String, String> values = parameters(lines[lines.length - 1]);
        boolean lastLineHoldsParameters = values.size() >= 3;
        if (!lastLineHoldsParameters) {
            values.clear();
        }
        int promptLines = lastLineHoldsParameters ? lines.length - 1 : lines.length;
        StringBuilder prompt = new StringBuilder();
        StringBuilder negative = new StringBuilder();
        boolean inNegative = false;
        for (int i = 0; i < promptLines; i++) {
            String line = lines[i].strip();
            if (line.startsWith(NEGATIVE_PROMPT)) {
                inNegative = true;
                line = line.substring(NEGATIVE_PROMPT.length()).strip();
            }
            StringBuilder target = inNegative ? negative : prompt;
            if (!target.isEmpty()) {
                target.append('\n');
            }
            target.append(line);
        }

        int steps = integer(values, "Steps");
        String sampler = required(values, "Sampler");
        double cfgScale = number(values, "CFG scale");
        long seed = whole(values, "Seed");
        Matcher size = SIZE.matcher(required(values, "Size"));
        if (!size.matches()) {
            throw malformed(values, "Size", "WIDTHxHEIGHT");
        }
        Map<String, String> extra = new LinkedHashMap<>(values);
        extra.keySet().removeAll(KNOWN_KEYS);
        return new GenerationParameters(prompt.toString(), negative.toString(), steps, sampler,
                values.getOrDefault("Schedule type", A1111Samplers.AUTOMATIC), cfgScale, seed,
                Integer.parseInt(size.group(1)), Integer.parseInt(size.group(2)), values.get("Model hash"),
                values.get("Model"), loraHashes(values.getOrDefault("Lora hashes", "")),
                values.containsKey("Clip skip") ? integer(values, "Clip skip") : 1, values.get("Version"), extra);
    }

    /** The pairs of a parameter line, unquoted; a key given twice keeps its first place and its last value. */
    private static Map<String, String> parameters(String line) {
        Map<String, String> values = new LinkedHashMap<>();
        Matcher matcher = PARAMETER.matcher(line);
        while (matcher.find()) {
            String value = matcher.group(2);
            if (!value.isEmpty()) {
                values.put(matcher.group(1), InfotextQuoting.unquote(value));
            }
        }
        return values;
    }

    /** A1111's Lora extension reads "name: hash, name: hash"; an entry without a colon is skipped. */
    private static Map<String, String> loraHashes(String text) {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String entry : text.split(",")) {
            int colon = entry.indexOf(':');
            if (colon >= 0) {
                hashes.put(entry.substring(0, colon).strip(), entry.substring(colon + 1).strip());
            }
        }
        return hashes;
    }

    private static Map<String, String> loraEntries(Map<String, String> hashes) {
        Map<String, String> entries = new LinkedHashMap<>();
        hashes.forEach((name, hash) -> {
            String alias = name.replace(":", "").replace(",", "").strip();
            if (alias.isEmpty() || hash.isBlank() || hash.contains(",") || hash.contains(":")) {
                throw new IllegalArgumentException("LoRA hash entry '" + name + ": " + hash + "' cannot be written");
            }
            entries.put(alias, hash.strip());
        });
        return Collections.unmodifiableMap(entries);
    }

    private static Map<String, String> extraParameters(Map<String, String> extra) {
        extra.forEach((key, value) -> {
            if (KNOWN_KEYS.contains(key) || !PARAMETER.matcher(key + ": x").matches() || value.isEmpty()) {
                throw new IllegalArgumentException("extra parameter '" + key + ": " + value + "' cannot be written "
                        + "(a known key, a key A1111 would not read, or no value)");
            }
        });
        return Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }

    private static String nullIfEmpty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static void putIfPresent(Map<String, String> fields, String key, String value) {
        if (value != null) {
            fields.put(key, value);
        }
    }

    /** How Python prints the number A1111 holds: 7 for a whole CFG scale, 7.5 otherwise. */
    private static String pythonNumber(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String required(Map<String, String> values, String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("infotext has no '" + key + "' parameter");
        }
        return value;
    }

    private static int integer(Map<String, String> values, String key) {
        try {
            return Integer.parseInt(required(values, key).strip());
        } catch (NumberFormatException e) {
            throw malformed(values, key, "a whole number");
        }
    }

    private static long whole(Map<String, String> values, String key) {
        try {
            return Long.parseLong(required(values, key).strip());
        } catch (NumberFormatException e) {
            throw malformed(values, key, "a whole number");
        }
    }

    private static double number(Map<String, String> values, String key) {
        try {
            return Double.parseDouble(required(values, key).strip());
        } catch (NumberFormatException e) {
            throw malformed(values, key, "a number");
        }
    }

    private static IllegalArgumentException malformed(Map<String, String> values, String key, String expected) {
        return new IllegalArgumentException("infotext " + key + " '" + values.get(key) + "' is not " + expected);
    }
}
