package com.pawprint.labeling.service;

import com.pawprint.contracts.Species;

import java.util.List;

/**
 * One curated set of alternatives CLIP chooses between (fur colours, poses, ...). Each label is scored by a prompt
 * ({@code template} with {@code {class}} and {@code {label}}); the winner becomes a tag ({@code tagFormat}) when its
 * softmax probability within the set reaches {@code threshold}.
 *
 * @param threshold the calibrated cut: twice the chance level of the set ({@code 2 / labels}), so a tag is kept only
 *                  when CLIP prefers it clearly over a uniform guess, capped at 0.9
 */
public record ClipVocabulary(String name, String template, String tagFormat, List<String> labels, double threshold) {

    public ClipVocabulary {
        labels = List.copyOf(labels);
        if (labels.size() < 2) {
            throw new IllegalArgumentException("vocabulary " + name + " needs at least two labels");
        }
        if (threshold < 0 || threshold > 1) {
            throw new IllegalArgumentException("threshold must lie in [0, 1], got " + threshold);
        }
    }

    public static ClipVocabulary of(String name, String template, String tagFormat, List<String> labels) {
        return new ClipVocabulary(name, template, tagFormat, labels, Math.min(0.9, 2.0 / labels.size()));
    }

    public String prompt(String classWord, String label) {
        return template.replace("{class}", classWord).replace("{label}", label);
    }

    public String tag(String label) {
        return tagFormat.replace("{label}", label);
    }

    public ClipVocabulary withThreshold(double newThreshold) {
        return new ClipVocabulary(name, template, tagFormat, labels, newThreshold);
    }

    /** The curated sets for a species; breeds are asked only when the pet record names none. */
    public static List<ClipVocabulary> curated(Species species, boolean withBreed) {
        List<String> breeds = switch (species) {
            case CAT -> List.of("british shorthair", "maine coon", "siamese", "persian", "ragdoll", "bengal",
                    "sphynx", "domestic shorthair");
            case DOG -> List.of("golden retriever", "labrador retriever", "beagle", "french bulldog",
                    "german shepherd", "poodle", "dachshund", "border collie", "corgi", "shiba inu");
            case OTHER -> List.of();
        };
        List<ClipVocabulary> sets = new java.util.ArrayList<>();
        if (withBreed && !breeds.isEmpty()) {
            sets.add(of("breed", "a photo of a {label}, a type of {class}", "{label}", breeds));
        }
        sets.add(of("fur color", "a photo of a {class} with {label} fur", "{label} fur",
                List.of("black", "white", "gray", "orange", "brown", "cream", "golden")));
        sets.add(of("fur pattern", "a photo of a {label} {class}", "{label}",
                List.of("solid-colored", "tabby", "spotted", "tuxedo", "calico", "brindle")));
        sets.add(of("eye color", "a photo of a {class} with {label} eyes", "{label} eyes",
                List.of("green", "blue", "brown", "amber", "yellow")));
        sets.add(of("pose", "a photo of a {class} {label}", "{label}", List.of("sitting", "lying down", "standing")));
        sets.add(of("action", "a photo of a {class} {label}", "{label}",
                List.of("sleeping", "playing", "looking at the camera", "eating", "yawning")));
        sets.add(of("setting", "a photo of a {class} {label}", "{label}",
                List.of("on a sofa", "on grass", "on a windowsill", "on a bed", "on a plain background")));
        sets.add(of("lighting", "a photo of a {class} in {label}", "{label}",
                List.of("soft lighting", "bright sunlight", "dim lighting", "backlight")));
        sets.add(of("shot type", "a {label} photo of a {class}", "{label}", List.of("close-up", "full body")));
        return List.copyOf(sets);
    }
}
