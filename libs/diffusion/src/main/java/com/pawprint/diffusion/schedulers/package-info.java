/**
 * Noise schedules and samplers for SD 1.x, following diffusers with SD 1.5's {@code scheduler_config.json}
 * (scaled_linear betas 0.00085 to 0.012, 1000 training steps, steps_offset 1, set_alpha_to_one false, epsilon).
 * That file names no timestep_spacing, so each diffusers scheduler loaded from it uses its own default, as here:
 * <ul>
 *   <li>{@link com.pawprint.diffusion.schedulers.DdimSampler}: "leading" + offset (50 steps: 981 ... 1), eta 0;</li>
 *   <li>{@link com.pawprint.diffusion.schedulers.EulerSampler} and
 *       {@link com.pawprint.diffusion.schedulers.EulerAncestralSampler}: "linspace" (999 ... 0, fractional),
 *       initial noise sigma = sigma_max (14.6146);</li>
 *   <li>{@link com.pawprint.diffusion.schedulers.DpmSolverMultistepSampler} (DPM++ 2M): "linspace" on
 *       steps + 1 points, integer timesteps, final sigma 0, first-order first and last steps.</li>
 * </ul>
 * Karras sigmas (rho 7) are available for Euler, Euler ancestral and DPM++ 2M. The numbers are diffusers' own, dtype
 * for dtype: float32 training tables as torch builds them, float64 where diffusers hands them to numpy (interpolation,
 * the Karras ramp, sigma to timestep), float32 sigmas, timesteps and step coefficients; what is left is the last ulp
 * of torch's and numpy's vector math (DiffusersFloat32ScheduleTest). Select by name with
 * {@link com.pawprint.diffusion.schedulers.SamplerKind}; train with
 * {@link com.pawprint.diffusion.schedulers.DdpmNoiseSchedule}; draw device-independent noise with
 * {@link com.pawprint.diffusion.schedulers.NoiseSource#seeded(long)}.
 */
package com.pawprint.diffusion.schedulers;
