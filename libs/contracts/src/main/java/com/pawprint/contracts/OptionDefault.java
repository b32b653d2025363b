package com.pawprint.contracts;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The default of a {@link TrainingConfig} option, written as YAML text ({@code "8"}, {@code "1e-4"},
 * {@code "cosine"}). An option without one defaults to null, so it must have a reference type.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface OptionDefault {
    String value();
}
