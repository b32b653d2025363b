package com.pawprint.diffusion.schedulers;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The samplers by the names render presets and requests use ({@link #id()}). */
public enum SamplerKind {
    DDIM("ddim"),
    EULER("euler"),
    EULER_KARRAS("euler_karras"),
    EULER_A("euler_a"),
    EULER_A_KARRAS("euler_a_karras"),
    DPMPP_2M("dpmpp_2m"),
    DPMPP_2M_KARRAS("dpmpp_2m_karras");

    private final String id;

    SamplerKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /**
     * The kind named {@code name}: an {@link #id()}, case-insensitive, also in A1111's spelling
     * ("Euler a", "DPM++ 2M Karras").
     *
     * @throws IllegalArgumentException listing the known names
     */
    public static SamplerKind fromName(String name) {
        String normalized = name.strip().toLowerCase(Locale.ROOT).replace("++", "pp").replaceAll("[\\s-]+", "_");
        for (SamplerKind kind : values()) {
            if (kind.id.equals(normalized)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown sampler '" + name + "'; known: "
                + Arrays.stream(values()).map(SamplerKind::id).collect(Collectors.joining(", ")));
    }

    /** A fresh sampler for one run of {@code steps} steps (DDIM with eta 0). */
    public Sampler create(DdpmNoiseSchedule schedule, int steps) {
        return switch (this) {
            case DDIM -> new DdimSampler(schedule, steps);
            case EULER -> new EulerSampler(schedule, steps, false);
            case EULER_KARRAS -> new EulerSampler(schedule, steps, true);
            case EULER_A -> new EulerAncestralSampler(schedule, steps, false);
            case EULER_A_KARRAS -> new EulerAncestralSampler(schedule, steps, true);
            case DPMPP_2M -> new DpmSolverMultistepSampler(schedule, steps, false);
            case DPMPP_2M_KARRAS -> new DpmSolverMultistepSampler(schedule, steps, true);
        };
    }
}
