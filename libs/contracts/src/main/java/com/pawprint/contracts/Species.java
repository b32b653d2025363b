package com.pawprint.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What kind of animal a pet is; the class word goes into captions and prompts ("a photo of sks cat"). */
public enum Species {
    @JsonProperty("cat") CAT("cat"),
    @JsonProperty("dog") DOG("dog"),
    @JsonProperty("other") OTHER("pet");

    private final String classWord;

    Species(String classWord) {
        this.classWord = classWord;
    }

    public String classWord() {
        return classWord;
    }
}
