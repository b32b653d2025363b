package com.pawprint.labeling.service;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.pawprint.contracts.PetProfile;
import com.pawprint.contracts.Species;
import com.pawprint.diffusion.clip.ClipConfig;
import com.pawprint.diffusion.clip.ClipImageProcessor;
import com.pawprint.diffusion.clip.ClipModel;
import com.pawprint.diffusion.nn.Weights;
import com.pawprint.diffusion.safetensors.SafetensorsSource;
import com.pawprint.diffusion.tokenizer.ClipTokenizer;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Zero-shot tags from a CLIP model: the photo is scored against every prompt of each {@link ClipVocabulary}; within
 * a vocabulary the scores go through a softmax and the winner is kept when it reaches the vocabulary's threshold.
 * Text embeddings depend only on the species, so they are computed once per species.
 */
public final class ClipCaptioner implements Captioner, AutoCloseable {

    /** A vocabulary's verdict: each label's probability, the winner, and whether it passed the threshold. */
    public record Verdict(ClipVocabulary vocabulary, float[] probabilities, String winner, boolean kept) {
    }

    private final NDManager manager;
    private final ClipModel model;
    private final ClipTokenizer tokenizer;
    private final ClipImageProcessor processor;
    private final UnaryOperator<ClipVocabulary> calibration;
    private final Map<String, NDArray> textEmbeddings = new ConcurrentHashMap<>();

    public ClipCaptioner(NDManager manager, ClipModel model, ClipTokenizer tokenizer,
                         UnaryOperator<ClipVocabulary> calibration) {
        this.manager = manager;
        this.model = model;
        this.tokenizer = tokenizer;
        this.processor = new ClipImageProcessor(model.config().vision().imageSize());
        this.calibration = calibration;
    }

    /**
     * Loads a transformers CLIP folder: {@code config.json} and {@code model.safetensors}, and the tokenizer from
     * {@code vocab.json} + {@code merges.txt} when present (else the bundled CLIP tokenizer, the same vocabulary).
     */
    public static ClipCaptioner load(Path folder) {
        Path config = folder.resolve("config.json");
        Path weights = folder.resolve("model.safetensors");
        if (!Files.isRegularFile(config) || !Files.isRegularFile(weights)) {
            throw new IllegalArgumentException("a CLIP model folder needs config.json and model.safetensors: "
                    + folder);
        }
        ClipTokenizer tokenizer = Files.isRegularFile(folder.resolve("vocab.json"))
                ? ClipTokenizer.fromDiffusersFolder(folder) : ClipTokenizer.bundled();
        NDManager manager = NDManager.newBaseManager();
        ClipModel model = ClipModel.load(Weights.of(SafetensorsSource.open(weights), manager, DataType.FLOAT32),
                ClipConfig.fromJson(config));
        return new ClipCaptioner(manager, model, tokenizer, UnaryOperator.identity());
    }

    @Override
    public String name() {
        return "clip";
    }

    @Override
    public String caption(BufferedImage photo, PetProfile pet) {
        List<String> tags = new ArrayList<>();
        for (Verdict verdict : score(photo, pet)) {
            if (verdict.kept()) {
                tags.add(verdict.vocabulary().tag(verdict.winner()));
            }
        }
        return Tags.caption(pet, tags);
    }

    /** Every vocabulary's verdict for the photo, in vocabulary order. */
    public synchronized List<Verdict> score(BufferedImage photo, PetProfile pet) {
        boolean withBreed = pet.breed() == null || pet.breed().isBlank();
        List<ClipVocabulary> vocabularies = ClipVocabulary.curated(pet.species(), withBreed).stream()
                .map(calibration).toList();
        try (NDManager scope = manager.newSubManager()) {
            NDArray image = model.imageEmbeds(processor.pixelValues(List.of(photo), scope));
            List<Verdict> verdicts = new ArrayList<>();
            for (ClipVocabulary vocabulary : vocabularies) {
                NDArray texts = texts(vocabulary, pet.species());
                float[] probabilities = model.logitsPerImage(image, texts).softmax(-1).toFloatArray();
                int best = 0;
                for (int i = 1; i < probabilities.length; i++) {
                    if (probabilities[i] > probabilities[best]) {
                        best = i;
                    }
                }
                verdicts.add(new Verdict(vocabulary, probabilities, vocabulary.labels().get(best),
                        probabilities[best] >= vocabulary.threshold()));
            }
            return verdicts;
        }
    }

    private NDArray texts(ClipVocabulary vocabulary, Species species) {
        return textEmbeddings.computeIfAbsent(species.name() + "/" + vocabulary.name() + "/" + vocabulary.labels(),
                key -> {
                    int length = ClipTokenizer.CONTEXT_LENGTH;
                    long[] ids = new long[vocabulary.labels().size() * length];
                    for (int i = 0; i < vocabulary.labels().size(); i++) {
                        String prompt = vocabulary.prompt(species.classWord(), vocabulary.labels().get(i));
                        System.arraycopy(tokenizer.tokenize(prompt).inputIdsAsLongs(), 0, ids, i * length, length);
                    }
                    return model.textEmbeds(manager.create(ids, new Shape(vocabulary.labels().size(), length)));
                });
    }

    @Override
    public void close() {
        manager.close();
    }
}
