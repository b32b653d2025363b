#!/usr/bin/python3
"""Independent PyTorch reference for PawPrint's LoRA on the team's tiny UNet, kohya style.

Reuses the tiny UNet of reference_unet_vae.py with the golden weights it wrote, puts a LoRA on kohya's default targets
(every Linear and 1x1 Conv2d inside a Transformer2DModel, found by walking the module tree as kohya's LoRANetwork does)
with non-zero up weights, and writes under src/test/resources/golden/:
  lora_tiny.safetensors     the LoRA in kohya's format (F16; lora_down / lora_up / 0-dim alpha, ss_* metadata)
  lora_tiny_io.safetensors  F32: the UNet output with the LoRA at multiplier 0.7 on unet_tiny_io's inputs, an MSE
                            target, the loss at multiplier 1, and the gradients of three LoRA modules' down and up
                            after one backward of that loss ("grad." + key)

The forward adds up(down(x)) * alpha / rank * multiplier to each target's output, as kohya's LoRAModule.forward.
Run with Debian's torch, from libs/diffusion: /usr/bin/python3 src/test/python/reference_lora.py
"""
import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference_unet_vae import GOLDEN, UNET_TINY, Transformer2DModel, UNet2DConditionModel  # noqa: E402
from safetensors_io import load, save  # noqa: E402

RANK, ALPHA, MULTIPLIER = 4, 2.0, 0.7
GRADIENT_MODULES = [
    "lora_unet_down_blocks_0_attentions_0_proj_in",
    "lora_unet_up_blocks_3_attentions_2_transformer_blocks_0_attn2_to_k",
    "lora_unet_mid_block_attentions_0_transformer_blocks_0_ff_net_0_proj",
]


def lora_targets(unet):
    """kohya's rule: Linear and 1x1 Conv2d children of every Transformer2DModel, named lora_unet_<path with _>."""
    targets = {}
    for name, module in unet.named_modules():
        if isinstance(module, Transformer2DModel):
            for child_name, child in module.named_modules():
                pointwise = isinstance(child, nn.Conv2d) and child.kernel_size == (1, 1)
                if isinstance(child, nn.Linear) or pointwise:
                    targets["lora_unet_" + (name + "." + child_name).replace(".", "_")] = child
    return targets


class LoraState:
    def __init__(self, targets, seed):
        gen = torch.Generator().manual_seed(seed)
        self.down, self.up, self.multiplier = {}, {}, 1.0
        for key, module in targets.items():
            conv = isinstance(module, nn.Conv2d)
            out_dim, in_dim = module.weight.shape[0], module.weight.shape[1]
            down_shape = (RANK, in_dim, 1, 1) if conv else (RANK, in_dim)
            up_shape = (out_dim, RANK, 1, 1) if conv else (out_dim, RANK)
            # F16-rounded values, exactly what the file stores and Java loads.
            self.down[key] = (torch.randn(down_shape, generator=gen) / math.sqrt(in_dim)).half().float()
            self.up[key] = (0.3 * torch.randn(up_shape, generator=gen) / math.sqrt(RANK)).half().float()
            self.hook(key, module, conv)

    def hook(self, key, module, conv):
        original = module.forward

        def forward(x):
            down, up = self.down[key], self.up[key]
            branch = F.conv2d(F.conv2d(x, down), up) if conv else F.linear(F.linear(x, down), up)
            return original(x) + branch * (ALPHA / RANK) * self.multiplier

        module.forward = forward


def main():
    weights, _ = load(os.path.join(GOLDEN, "unet_tiny_weights.safetensors"))
    io, _ = load(os.path.join(GOLDEN, "unet_tiny_io.safetensors"))
    unet = UNet2DConditionModel(UNET_TINY).eval()
    unet.load_state_dict({k: torch.from_numpy(v.astype(np.float32)) for k, v in weights.items()})
    for p in unet.parameters():
        p.requires_grad_(False)
    sample = torch.from_numpy(io["sample"].copy())
    timestep = torch.from_numpy(io["timestep"].copy())
    context = torch.from_numpy(io["encoder_hidden_states"].copy())

    targets = lora_targets(unet)
    assert len(targets) == 192, len(targets)
    lora = LoraState(targets, seed=5)

    with torch.no_grad():
        lora.multiplier = 0.0
        plain = unet(sample, timestep, context)
        lora.multiplier = MULTIPLIER
        out = unet(sample, timestep, context)

    gen = torch.Generator().manual_seed(6)
    target = torch.randn(out.shape, generator=gen)
    lora.multiplier = 1.0
    for key in GRADIENT_MODULES:
        lora.down[key].requires_grad_(True)
        lora.up[key].requires_grad_(True)
    loss = F.mse_loss(unet(sample, timestep, context), target)
    loss.backward()

    tensors = {}
    for key in targets:
        tensors[key + ".lora_down.weight"] = lora.down[key].detach().numpy().astype(np.float16)
        tensors[key + ".lora_up.weight"] = lora.up[key].detach().numpy().astype(np.float16)
        tensors[key + ".alpha"] = np.array(ALPHA, dtype=np.float16)
    save(os.path.join(GOLDEN, "lora_tiny.safetensors"), tensors, {
        "ss_network_module": "networks.lora", "ss_network_dim": str(RANK), "ss_network_alpha": str(ALPHA),
        "ss_base_model_version": "sd_v1", "ss_v2": "False", "ss_output_name": "reference_lora"})

    golden = {"out": out.numpy(), "target": target.numpy(), "loss": np.array(loss.item(), dtype=np.float32)}
    for key in GRADIENT_MODULES:
        golden["grad." + key + ".lora_down.weight"] = lora.down[key].grad.numpy()
        golden["grad." + key + ".lora_up.weight"] = lora.up[key].grad.numpy()
    save(os.path.join(GOLDEN, "lora_tiny_io.safetensors"), {k: np.ascontiguousarray(v, dtype=np.float32)
                                                            for k, v in golden.items()})
    print("modules", len(targets), "lora effect", (out - plain).abs().max().item(), "out std", out.std().item(),
          "loss", loss.item())


if __name__ == "__main__":
    main()
