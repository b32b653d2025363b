package com.pawprint.diffusion.schedulers;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamplerKindTest {

    private final DdpmNoiseSchedule schedule = DdpmNoiseSchedule.sd15();

    @Test
    void findsKindsByIdAndByA1111Name() {
        for (SamplerKind kind : SamplerKind.values()) {
            assertEquals(kind, SamplerKind.fromName(kind.id()));
        }
        assertEquals(SamplerKind.EULER_A, SamplerKind.fromName("Euler a"));
        assertEquals(SamplerKind.DPMPP_2M_KARRAS, SamplerKind.fromName("DPM++ 2M Karras"));
        assertEquals(SamplerKind.DDIM, SamplerKind.fromName(" DDIM "));
        assertEquals(SamplerKind.EULER_A_KARRAS, SamplerKind.fromName("euler-a-karras"));
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> SamplerKind.fromName("heun"));
        assertTrue(error.getMessage().contains("dpmpp_2m_karras"), error.getMessage());
    }

    @Test
    void createsTheMatchingSampler() {
        assertInstanceOf(DdimSampler.class, SamplerKind.DDIM.create(schedule, 20));
        assertInstanceOf(EulerSampler.class, SamplerKind.EULER_KARRAS.create(schedule, 20));
        assertInstanceOf(EulerAncestralSampler.class, SamplerKind.EULER_A.create(schedule, 20));
        assertInstanceOf(DpmSolverMultistepSampler.class, SamplerKind.DPMPP_2M_KARRAS.create(schedule, 20));
        for (SamplerKind kind : SamplerKind.values()) {
            assertEquals(30, kind.create(schedule, 30).steps(), kind.id());
        }
    }

    @Test
    void ddimUsesSd15LeadingSpacingWithOffset() {
        float[] timesteps = SamplerKind.DDIM.create(schedule, 50).timesteps();
        assertEquals(981f, timesteps[0]);
        assertEquals(961f, timesteps[1]);
        assertEquals(1f, timesteps[49]);
        assertArrayEquals(new float[] {1}, new DdimSampler(schedule, 1).timesteps());
    }

    @Test
    void rejectsImpossibleRuns() {
        for (SamplerKind kind : SamplerKind.values()) {
            assertThrows(IllegalArgumentException.class, () -> kind.create(schedule, 0), kind.id());
        }
        assertThrows(IllegalArgumentException.class, () -> new DdimSampler(schedule, 1001));
        assertThrows(IllegalArgumentException.class, () -> new DdimSampler(schedule, 10, -0.5));
    }
}
