#!/usr/bin/env python3
"""SD 1.5's 25-step Karras schedules as diffusers computes them, for DiffusersFloat32ScheduleTest's pinned values.

diffusers builds its tables with torch on the CPU and then switches to numpy. The torch part is reproduced here in
numpy from the kernels' source (ATen RangeFactoriesKernel.cpp, ReduceOpsKernel.cpp), so no torch is needed:
  betas          torch.linspace(sqrt(0.00085), sqrt(0.012), 1000, dtype=float32) ** 2: ends rounded to float32, the
                 step in float32, the first half as start + step * i and the second half as end - step * (n - 1 - i),
                 each a fused multiply-add (the AVX2/AVX512 kernels are compiled with FMA; libtorch 2.7.1 agrees bit
                 for bit); ** 2 is x * x;
  alphas_cumprod torch.cumprod(1 - betas): float32 inputs, a float64 accumulator, each output rounded to float32;
  sigmas         ((1 - alphas_cumprod) / alphas_cumprod) ** 0.5 in float32, with a correctly rounded square root.
                 torch's x86 one (MKL's vector math) is not: on libtorch 2.7.1 it is an ulp off in 190 of the 1000
                 sigmas, which moves diffusers' own values by up to an ulp in sigma and 6.1e-5 in a Karras timestep.
The numpy part runs as diffusers runs it: np.log of the float32 sigmas (numpy's own float32 log), np.interp,
np.linspace and the Karras ramp in float64, the sigma-to-timestep interpolation with the gap between neighbouring
log sigmas subtracted in float32, and the float32 cast at the end.

    /usr/bin/env python3 src/test/python/reference_float32_schedules.py
"""
import numpy as np

TRAIN_STEPS = 1000
STEPS = 25
RHO = 7.0
f32 = np.float32


def torch_float32_linspace(start, end, count):
    start, end = f32(start), f32(end)
    step = f32(end - start) / f32(count - 1)
    values = np.empty(count, f32)
    for i in range(count):
        # a float32 product with an integer below 2^24 and its sum with a nearby float32 fit in a double exactly,
        # so rounding the double once gives the fused multiply-add
        if i < count // 2:
            values[i] = f32(float(step) * i + float(start))
        else:
            values[i] = f32(float(end) - float(step) * (count - 1 - i))
    return values


def torch_cpu_cumprod(values):
    product, out = 1.0, np.empty(len(values), f32)
    for i, value in enumerate(values):
        product *= float(value)
        out[i] = f32(product)
    return out


def timestep_of(sigma, log_sigmas):
    log_sigma = np.log(max(sigma, 1e-10))
    low = min(int(np.count_nonzero(log_sigmas <= log_sigma)) - 1, TRAIN_STEPS - 2)
    low = max(low, 0)
    gap = log_sigmas[low] - log_sigmas[low + 1]  # float32 - float32 stays float32
    weight = np.clip((float(log_sigmas[low]) - log_sigma) / float(gap), 0, 1)
    return (1 - weight) * low + weight * (low + 1)


def karras(sigma_max, sigma_min, count):
    ramp = np.linspace(0, 1, count)
    max_inv, min_inv = sigma_max ** (1 / RHO), sigma_min ** (1 / RHO)
    return (max_inv + ramp * (min_inv - max_inv)) ** RHO


def main():
    roots = torch_float32_linspace(0.00085 ** 0.5, 0.012 ** 0.5, TRAIN_STEPS)
    alphas_cumprod = torch_cpu_cumprod(f32(1) - roots * roots)
    sigmas = np.sqrt((f32(1) - alphas_cumprod) / alphas_cumprod)
    log_sigmas = np.log(sigmas)

    # Euler: sigmas interpolated at linspace timesteps give the ends, which are the table's own ends
    ends = np.interp(np.linspace(0, TRAIN_STEPS - 1, STEPS, dtype=f32)[::-1], np.arange(TRAIN_STEPS), sigmas)
    spaced = karras(ends[0].item(), ends[-1].item(), STEPS)
    euler_timesteps = np.array([timestep_of(s, log_sigmas) for s in spaced]).astype(f32)
    dpm_timesteps = np.round([timestep_of(s, log_sigmas) for s in karras(float(sigmas[-1]), float(sigmas[0]), STEPS)])

    def java(values, suffix="f"):
        return ", ".join(f"{str(f32(v))}{suffix}" for v in values)

    print(f"sigma_max {sigmas[-1]}f, sigma_min {sigmas[0]}f")
    print(f"alphas_cumprod[0, 499, 999] {java(alphas_cumprod[[0, 499, 999]])}")
    print(f"euler karras timesteps: {java(euler_timesteps)}")
    print(f"karras sigmas: {java(spaced.astype(f32))}")
    print(f"dpm++ 2m karras timesteps: {', '.join(str(int(t)) for t in dpm_timesteps)}")


if __name__ == "__main__":
    main()
