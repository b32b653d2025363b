#!/usr/bin/env python3
"""Replays golden/schedulers.json through diffusers' own scheduler classes, to show that the independent reference
(reference_schedulers.py, and so the Java samplers) computes what diffusers computes.

Not needed by CI. Needs torch (Debian python3-torch) and a diffusers checkout; diffusers' package machinery
(configuration_utils, hub access) is replaced by small stand-ins so only the scheduler files themselves run:

    /usr/bin/python3 src/test/python/cross_check_schedulers_with_diffusers.py /path/to/diffusers/src/diffusers/schedulers

diffusers keeps its tables in float32, so agreement is to about 2e-5 relative, not to the float64 reference's 1e-12.
Euler ancestral with Karras sigmas is skipped: diffusers has no such option.
"""
import dataclasses
import enum
import importlib.util
import inspect
import json
import logging
import sys
import types

import numpy as np
import torch

GOLDEN = "src/test/resources/golden/schedulers.json"
SD15 = {"num_train_timesteps": 1000, "beta_start": 0.00085, "beta_end": 0.012, "beta_schedule": "scaled_linear",
        "steps_offset": 1}


def install_stand_ins():
    package = types.ModuleType("diffusers")
    package.__path__ = []
    schedulers = types.ModuleType("diffusers.schedulers")
    schedulers.__path__ = []

    configuration_utils = types.ModuleType("diffusers.configuration_utils")

    def register_to_config(init):
        signature = inspect.signature(init)

        def wrapper(self, *args, **kwargs):
            bound = signature.bind(self, *args, **kwargs)
            bound.apply_defaults()
            self.config = types.SimpleNamespace(**{k: v for k, v in bound.arguments.items() if k != "self"})
            init(self, *args, **kwargs)

        return wrapper

    class ConfigMixin:
        def register_to_config(self, **values):
            for key, value in values.items():
                setattr(self.config, key, value)

    configuration_utils.register_to_config = register_to_config
    configuration_utils.ConfigMixin = ConfigMixin

    utils = types.ModuleType("diffusers.utils")
    utils.__path__ = []
    utils.BaseOutput = type("BaseOutput", (), {})
    utils.is_scipy_available = lambda: False
    utils.logging = types.SimpleNamespace(get_logger=logging.getLogger)
    utils.deprecate = lambda *args, **kwargs: None
    torch_utils = types.ModuleType("diffusers.utils.torch_utils")
    torch_utils.randn_tensor = lambda shape, generator=None, device=None, dtype=None: torch.randn(shape, dtype=dtype)

    scheduling_utils = types.ModuleType("diffusers.schedulers.scheduling_utils")
    scheduling_utils.KarrasDiffusionSchedulers = enum.Enum("KarrasDiffusionSchedulers", "DDIMScheduler")
    scheduling_utils.SchedulerMixin = type("SchedulerMixin", (), {})

    @dataclasses.dataclass
    class SchedulerOutput:
        prev_sample: torch.Tensor

    scheduling_utils.SchedulerOutput = SchedulerOutput
    for name, module in [("diffusers", package), ("diffusers.schedulers", schedulers),
                         ("diffusers.configuration_utils", configuration_utils), ("diffusers.utils", utils),
                         ("diffusers.utils.torch_utils", torch_utils),
                         ("diffusers.schedulers.scheduling_utils", scheduling_utils)]:
        sys.modules[name] = module


def load(folder, name):
    spec = importlib.util.spec_from_file_location("diffusers.schedulers." + name, f"{folder}/{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def build(folder, sampler, prediction):
    config = dict(SD15, prediction_type=prediction)
    karras = sampler.endswith("_karras")
    if sampler.startswith("ddim"):
        return load(folder, "scheduling_ddim").DDIMScheduler(**config, clip_sample=False, set_alpha_to_one=False), {
            "eta": 1.0 if sampler == "ddim_eta1" else 0.0}
    if sampler.startswith("euler_a"):
        return load(folder, "scheduling_euler_ancestral_discrete").EulerAncestralDiscreteScheduler(**config), {}
    if sampler.startswith("euler"):
        return load(folder, "scheduling_euler_discrete").EulerDiscreteScheduler(**config,
                                                                                use_karras_sigmas=karras), {}
    return load(folder, "scheduling_dpmsolver_multistep").DPMSolverMultistepScheduler(**config,
                                                                                       use_karras_sigmas=karras), {}


def main():
    folder = sys.argv[1]
    install_stand_ins()
    golden = json.load(open(GOLDEN))
    shape = tuple(golden["shape"])
    inputs = {entry["steps"]: entry for entry in golden["inputs"]}
    worst = 0.0
    for run in golden["samplers"]:
        if run["sampler"] == "euler_a_karras":
            continue
        scheduler, step_options = build(folder, run["sampler"], run["prediction_type"])
        steps = run["steps"]
        scheduler.set_timesteps(steps)
        data = inputs[steps]
        worst = max(worst, compare(run["timesteps"], scheduler.timesteps.double().numpy(), run, "timesteps"))
        worst = max(worst, compare([run["init_noise_sigma"]], [float(scheduler.init_noise_sigma)], run, "init sigma"))
        sample = torch.tensor(data["start"], dtype=torch.float32).reshape(shape) * scheduler.init_noise_sigma
        for i, t in enumerate(scheduler.timesteps):
            scaled = scheduler.scale_model_input(sample, t)
            worst = max(worst, compare(run["scaled_inputs"][i], scaled.numpy().ravel(), run, f"scaled input {i}"))
            output = torch.tensor(data["model_outputs"][i], dtype=torch.float32).reshape(shape)
            noise = torch.tensor(data["noises"][i], dtype=torch.float32).reshape(shape)
            if run["sampler"].startswith("ddim"):
                result = scheduler.step(output, t, sample, variance_noise=noise, **step_options).prev_sample
            elif run["sampler"] == "euler_a":
                torch_randn = torch.randn
                torch.randn = lambda *args, **kwargs: noise  # the stand-in randn_tensor draws the recorded noise
                result = scheduler.step(output, t, sample).prev_sample
                torch.randn = torch_randn
            else:
                result = scheduler.step(output, t, sample).prev_sample
            worst = max(worst, compare(run["samples"][i], result.numpy().ravel(), run, f"sample {i}"))
            sample = torch.tensor(run["samples"][i], dtype=torch.float32).reshape(shape)
    print(f"diffusers agrees with the golden file: worst relative difference {worst:.2e}")


def compare(expected, actual, run, what):
    expected = np.asarray(expected, dtype=np.float64)
    actual = np.asarray(actual, dtype=np.float64)
    difference = np.max(np.abs(expected - actual) / np.maximum(1.0, np.abs(expected))) if expected.size else 0.0
    if not difference <= 1e-4:
        raise SystemExit(f"{run['sampler']}/{run['steps']}/{run['prediction_type']} {what}: differs by "
                         f"{difference:.2e}\n  golden   {expected[:6]}\n  diffusers {actual[:6]}")
    return difference


if __name__ == "__main__":
    main()
