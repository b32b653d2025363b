package com.pawprint.diffusion.infotext;

import com.pawprint.diffusion.schedulers.SamplerKind;
import java.util.Locale;
import java.util.Optional;

/**
 * The engine's samplers by A1111's names (1.9 and later: a sampler plus a "Schedule type"). A1111's "Automatic"
 * schedule is each sampler's own default: uniform sigmas for Euler and Euler a, Karras for DPM++ 2M, and DDIM's
 * fixed timesteps (DDIM ignores the schedule type). So plain DPM++ 2M is written "Uniform", the one way A1111 reads
 * it back as this engine runs it.
 */
public final class A1111Samplers {

    static final String AUTOMATIC = "Automatic";
    private static final String KARRAS = "Karras";
    private static final String UNIFORM = "Uniform";

    private A1111Samplers() {
    }

    /**
     * One name for the sampler and its schedule, as APIs and presets spell it (A1111's names from before 1.9:
     * "DPM++ 2M Karras", "Euler a"); {@link SamplerKind#fromName} reads it back.
     */
    public static String displayName(SamplerKind kind) {
        return scheduleType(kind).equals(KARRAS) ? samplerName(kind) + " " + KARRAS : samplerName(kind);
    }

    static String samplerName(SamplerKind kind) {
        return switch (kind) {
            case DDIM -> "DDIM";
            case EULER, EULER_KARRAS -> "Euler";
            case EULER_A, EULER_A_KARRAS -> "Euler a";
            case DPMPP_2M, DPMPP_2M_KARRAS -> "DPM++ 2M";
        };
    }

    static String scheduleType(SamplerKind kind) {
        return switch (kind) {
            case DDIM, EULER, EULER_A -> AUTOMATIC;
            case EULER_KARRAS, EULER_A_KARRAS, DPMPP_2M_KARRAS -> KARRAS;
            case DPMPP_2M -> UNIFORM;
        };
    }

    /**
     * The engine's sampler for an A1111 sampler and schedule type, empty when the engine has none (DPM++ SDE, an
     * exponential schedule, ...). Names from before 1.9 carry the schedule in the sampler ("DPM++ 2M Karras").
     */
    static Optional<SamplerKind> kind(String samplerName, String scheduleType) {
        String sampler = samplerName.strip();
        String schedule = scheduleType.strip();
        String legacySuffix = " " + KARRAS;
        if (sampler.regionMatches(true, sampler.length() - legacySuffix.length(), legacySuffix, 0,
                legacySuffix.length())) {
            sampler = sampler.substring(0, sampler.length() - legacySuffix.length());
            schedule = KARRAS;
        }
        boolean karras = schedule.equalsIgnoreCase(KARRAS);
        boolean uniform = schedule.equalsIgnoreCase(UNIFORM);
        boolean automatic = schedule.equalsIgnoreCase(AUTOMATIC);
        return switch (sampler.toLowerCase(Locale.ROOT)) {
            case "ddim" -> Optional.of(SamplerKind.DDIM);
            case "euler" -> karras ? Optional.of(SamplerKind.EULER_KARRAS)
                    : uniform || automatic ? Optional.of(SamplerKind.EULER) : Optional.empty();
            case "euler a" -> karras ? Optional.of(SamplerKind.EULER_A_KARRAS)
                    : uniform || automatic ? Optional.of(SamplerKind.EULER_A) : Optional.empty();
            case "dpm++ 2m" -> karras || automatic ? Optional.of(SamplerKind.DPMPP_2M_KARRAS)
                    : uniform ? Optional.of(SamplerKind.DPMPP_2M) : Optional.empty();
            default -> Optional.empty();
        };
    }
}
