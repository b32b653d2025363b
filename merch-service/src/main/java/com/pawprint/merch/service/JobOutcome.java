package com.pawprint.merch.service;

import java.util.List;

/** What composing a job's renders gave: the products made, and one line per thing that could not be made. */
public record JobOutcome(List<ComposedProduct> products, List<String> problems) {

    public JobOutcome {
        products = List.copyOf(products);
        problems = List.copyOf(problems);
    }
}
