package com.pawprint.contracts;

import java.util.List;
import java.util.stream.Collectors;

/** A training config that cannot be used, with every violation found (not only the first). */
public class InvalidConfigException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidConfigException(List<Violation> violations) {
        super(describe(violations));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    private static String describe(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid config has at least one violation");
        }
        return "invalid training config: "
                + violations.stream().map(Violation::message).collect(Collectors.joining("; "));
    }
}
