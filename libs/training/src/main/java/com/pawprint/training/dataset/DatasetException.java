package com.pawprint.training.dataset;

import java.util.List;

/** A dataset that cannot be trained on, with every problem found (each naming its file or CSV line). */
public final class DatasetException extends RuntimeException {

    private final List<String> problems;

    public DatasetException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public DatasetException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
