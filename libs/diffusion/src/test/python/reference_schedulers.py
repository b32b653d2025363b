#!/usr/bin/env python3
"""Golden values for the schedulers package, written independently in float64 numpy from the formulas of diffusers'
scheduling_ddpm / _ddim / _euler_discrete / _euler_ancestral_discrete / _dpmsolver_multistep (DPM-Solver++(2M))
and Karras et al. 2022 (rho = 7), with SD 1.5's scheduler_config.json: scaled_linear betas 0.00085 to 0.012, 1000
training steps, steps_offset 1, set_alpha_to_one false, clip_sample false, epsilon prediction. Each sampler uses the
timestep_spacing diffusers gives it for that config (keys absent from the file take the class default): DDIM
"leading", Euler / Euler ancestral / DPM++ 2M "linspace".

cross_check_schedulers_with_diffusers.py replays this file through diffusers' own scheduler classes (agreement
2.6e-5 relative at diffusers commit 58eb52c, limited by its float32 tables).

Trajectories are deterministic: the "model output" at each step and the ancestral noise are fixed arrays written to
the golden file, so Java replays them exactly.

    cd libs/diffusion && /usr/bin/python3 src/test/python/reference_schedulers.py \
        > src/test/resources/golden/schedulers.json
"""
import json
import sys

import numpy as np

TRAIN_STEPS = 1000
BETA_START, BETA_END = 0.00085, 0.012
STEPS_OFFSET = 1
SHAPE = (1, 2, 3, 3)
RHO = 7.0

betas = np.linspace(BETA_START ** 0.5, BETA_END ** 0.5, TRAIN_STEPS, dtype=np.float64) ** 2
alphas_cumprod = np.cumprod(1.0 - betas)
train_sigmas = np.sqrt((1.0 - alphas_cumprod) / alphas_cumprod)
log_train_sigmas = np.log(train_sigmas)


def karras(sigma_max, sigma_min, n):
    ramp = np.linspace(0.0, 1.0, n)
    return (sigma_max ** (1 / RHO) + ramp * (sigma_min ** (1 / RHO) - sigma_max ** (1 / RHO))) ** RHO


def sigma_to_t(sigma):
    """Fractional training timestep whose log-sigma matches, linear between neighbours."""
    log_sigma = np.log(max(sigma, 1e-10))
    low = int(np.clip(np.searchsorted(log_train_sigmas, log_sigma, side="right") - 1, 0, TRAIN_STEPS - 2))
    w = np.clip((log_train_sigmas[low] - log_sigma) / (log_train_sigmas[low] - log_train_sigmas[low + 1]), 0, 1)
    return (1 - w) * low + w * (low + 1)


def to_x0(prediction, model_output, sample, sigma):
    """x0 from a k-diffusion style sample x = x0 + sigma * eps (what Euler and DPM++ step on)."""
    if prediction == "epsilon":
        return sample - sigma * model_output
    return model_output * (-sigma / np.sqrt(sigma ** 2 + 1)) + sample / (sigma ** 2 + 1)


# --- samplers ---------------------------------------------------------------------------------------------------

def ddim(steps, prediction, eta, outputs, noises, x):
    ratio = TRAIN_STEPS // steps
    timesteps = np.arange(steps)[::-1] * ratio + STEPS_OFFSET
    record = {"timesteps": timesteps.tolist(), "init_noise_sigma": 1.0, "scaled_inputs": [], "samples": []}
    for i, t in enumerate(timesteps):
        record["scaled_inputs"].append(x.ravel().tolist())
        prev = t - ratio
        a_t = alphas_cumprod[t]
        a_prev = alphas_cumprod[prev] if prev >= 0 else alphas_cumprod[0]
        out = outputs[i]
        if prediction == "epsilon":
            x0 = (x - np.sqrt(1 - a_t) * out) / np.sqrt(a_t)
            eps = out
        else:
            x0 = np.sqrt(a_t) * x - np.sqrt(1 - a_t) * out
            eps = np.sqrt(a_t) * out + np.sqrt(1 - a_t) * x
        variance = (1 - a_prev) / (1 - a_t) * (1 - a_t / a_prev)
        std = eta * np.sqrt(variance)
        x = np.sqrt(a_prev) * x0 + np.sqrt(1 - a_prev - std ** 2) * eps
        if eta > 0:
            x = x + std * noises[i]
        record["samples"].append(x.ravel().tolist())
    return record


def euler_schedule(steps, use_karras):
    timesteps = np.linspace(0, TRAIN_STEPS - 1, steps)[::-1]
    sigmas = np.interp(timesteps, np.arange(TRAIN_STEPS), train_sigmas)
    if use_karras:
        sigmas = karras(sigmas[0], sigmas[-1], steps)
        timesteps = np.array([sigma_to_t(s) for s in sigmas])
    return timesteps, np.append(sigmas, 0.0)


def euler(steps, prediction, use_karras, ancestral, outputs, noises, x):
    timesteps, sigmas = euler_schedule(steps, use_karras)
    x = x * sigmas.max()
    record = {"timesteps": timesteps.tolist(), "sigmas": sigmas.tolist(), "init_noise_sigma": float(sigmas.max()),
              "scaled_inputs": [], "samples": []}
    for i in range(steps):
        sigma, sigma_next = sigmas[i], sigmas[i + 1]
        record["scaled_inputs"].append((x / np.sqrt(sigma ** 2 + 1)).ravel().tolist())
        x0 = to_x0(prediction, outputs[i], x, sigma)
        derivative = (x - x0) / sigma
        if ancestral:
            sigma_up = np.sqrt(sigma_next ** 2 * (sigma ** 2 - sigma_next ** 2) / sigma ** 2)
            sigma_down = np.sqrt(sigma_next ** 2 - sigma_up ** 2)
            x = x + derivative * (sigma_down - sigma) + noises[i] * sigma_up
        else:
            x = x + derivative * (sigma_next - sigma)
        record["samples"].append(x.ravel().tolist())
    return record


def dpmpp_2m(steps, prediction, use_karras, outputs, x):
    if use_karras:
        sigmas = karras(train_sigmas[-1], train_sigmas[0], steps)
        timesteps = np.round(np.array([sigma_to_t(s) for s in sigmas]))
    else:
        timesteps = np.round(np.linspace(0, TRAIN_STEPS - 1, steps + 1))[::-1][:-1]
        sigmas = np.interp(timesteps, np.arange(TRAIN_STEPS), train_sigmas)
    sigmas = np.append(sigmas, 0.0)
    record = {"timesteps": timesteps.tolist(), "sigmas": sigmas.tolist(), "init_noise_sigma": 1.0,
              "scaled_inputs": [], "samples": []}

    def alpha_sigma(s):
        alpha = 1 / np.sqrt(s ** 2 + 1)
        return alpha, s * alpha

    previous_x0 = None
    for i in range(steps):
        record["scaled_inputs"].append(x.ravel().tolist())
        alpha_s, sigma_s = alpha_sigma(sigmas[i])
        out = outputs[i]
        x0 = (x - sigma_s * out) / alpha_s if prediction == "epsilon" else alpha_s * x - sigma_s * out
        if sigmas[i + 1] == 0:
            x = x0  # first order with lambda_t = +inf
        else:
            alpha_t, sigma_t = alpha_sigma(sigmas[i + 1])
            h = np.log(alpha_t / sigma_t) - np.log(alpha_s / sigma_s)
            if previous_x0 is None:
                x = (sigma_t / sigma_s) * x - alpha_t * np.expm1(-h) * x0
            else:
                alpha_p, sigma_p = alpha_sigma(sigmas[i - 1])
                r = (np.log(alpha_s / sigma_s) - np.log(alpha_p / sigma_p)) / h
                d = x0 + (x0 - previous_x0) / (2 * r)
                x = (sigma_t / sigma_s) * x - alpha_t * np.expm1(-h) * d
        previous_x0 = x0
        record["samples"].append(x.ravel().tolist())
    return record


# --- training schedule ------------------------------------------------------------------------------------------

def ddpm(rng):
    x0 = rng.standard_normal((3,) + SHAPE[1:])
    noise = rng.standard_normal((3,) + SHAPE[1:])
    t = np.array([0, 499, 999])
    a = alphas_cumprod[t].reshape(-1, 1, 1, 1)
    snr = alphas_cumprod / (1 - alphas_cumprod)
    return {"betas": betas.tolist(), "alphas_cumprod": alphas_cumprod.tolist(), "snr": snr.tolist(),
            "x0": x0.ravel().tolist(), "noise": noise.ravel().tolist(), "timesteps": t.tolist(),
            "noisy": (np.sqrt(a) * x0 + np.sqrt(1 - a) * noise).ravel().tolist(),
            "velocity": (np.sqrt(a) * noise - np.sqrt(1 - a) * x0).ravel().tolist(),
            "min_snr_5_epsilon": (np.minimum(snr[t], 5.0) / snr[t]).tolist(),
            "min_snr_5_v_prediction": (np.minimum(snr[t], 5.0) / (snr[t] + 1)).tolist()}


def seeded_noise(seed, count):
    """SeededNoise: java.util.SplittableRandom (SplitMix64) doubles through Box-Muller, pairs (cos, sin)."""
    mask = (1 << 64) - 1
    state = seed & mask

    def next_double():
        nonlocal state
        state = (state + 0x9E3779B97F4A7C15) & mask
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
        z ^= z >> 31
        return (z >> 11) * 2.0 ** -53

    values = []
    while len(values) < count:
        radius = np.sqrt(-2 * np.log(1 - next_double()))
        angle = 2 * np.pi * next_double()
        values += [radius * np.cos(angle), radius * np.sin(angle)]
    return values[:count]


def main():
    rng = np.random.default_rng(20261125)
    cases = []
    for steps in (10, 20):
        outputs = rng.standard_normal((steps,) + SHAPE)
        noises = rng.standard_normal((steps,) + SHAPE)
        start = rng.standard_normal(SHAPE)
        for prediction in ("epsilon", "v_prediction"):
            runs = {
                "ddim": ddim(steps, prediction, 0.0, outputs, noises, start),
                "ddim_eta1": ddim(steps, prediction, 1.0, outputs, noises, start),
                "euler": euler(steps, prediction, False, False, outputs, noises, start),
                "euler_karras": euler(steps, prediction, True, False, outputs, noises, start),
                "euler_a": euler(steps, prediction, False, True, outputs, noises, start),
                "euler_a_karras": euler(steps, prediction, True, True, outputs, noises, start),
                "dpmpp_2m": dpmpp_2m(steps, prediction, False, outputs, start),
                "dpmpp_2m_karras": dpmpp_2m(steps, prediction, True, outputs, start),
            }
            for name, run in runs.items():
                run.update({"sampler": name, "steps": steps, "prediction_type": prediction})
                cases.append(run)
        cases_inputs = {"steps": steps, "model_outputs": outputs.reshape(steps, -1).tolist(),
                        "noises": noises.reshape(steps, -1).tolist(), "start": start.ravel().tolist()}
        cases.append({"inputs": cases_inputs})
    json.dump({"shape": SHAPE, "ddpm": ddpm(rng), "seeded_noise_42": seeded_noise(42, 7), "samplers": [c for c in cases if "sampler" in c],
               "inputs": [c["inputs"] for c in cases if "inputs" in c]}, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
