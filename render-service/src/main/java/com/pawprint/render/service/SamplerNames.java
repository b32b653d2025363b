package com.pawprint.render.service;

import com.pawprint.diffusion.schedulers.SamplerKind;

/** A1111's names of the engine's samplers, as renders.done and the PNG parameters report them. */
final class SamplerNames {

    private SamplerNames() {
    }

    static String a1111(SamplerKind kind) {
        return switch (kind) {
            case DDIM -> "DDIM";
            case EULER -> "Euler";
            case EULER_KARRAS -> "Euler Karras";
            case EULER_A -> "Euler a";
            case EULER_A_KARRAS -> "Euler a Karras";
            case DPMPP_2M -> "DPM++ 2M";
            case DPMPP_2M_KARRAS -> "DPM++ 2M Karras";
        };
    }
}
