"""Independent PyTorch reference for PawPrint's CLIP text encoder on the team's tiny config.

Writes, under src/test/resources/golden/:
  clip_tiny_weights.safetensors  deterministic weights (F16, diffusers/transformers key names)
  clip_tiny_outputs.safetensors  input ids and fp32 outputs: last_hidden_state, every hidden state, clip skip 2

Run with Debian's torch (no transformers needed): /usr/bin/python3 reference_clip.py
The model follows transformers' CLIPTextModel (pre-norm layers, quick_gelu MLP, causal mask, final layer norm),
written out here so the Java code is checked against an implementation that shares none of its code.
"""
import math
import os

import numpy as np
import torch

from safetensors_io import save

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "..", "resources", "golden")

# The team's tiny CLIP text config (team-brief.md); same architecture as SD 1.5's text encoder.
VOCAB, HIDDEN, INTERMEDIATE, LAYERS, HEADS, POSITIONS, EPS = 1000, 64, 128, 2, 4, 77, 1e-5


def weight_shapes():
    shapes = {
        "text_model.embeddings.token_embedding.weight": (VOCAB, HIDDEN),
        "text_model.embeddings.position_embedding.weight": (POSITIONS, HIDDEN),
        "text_model.final_layer_norm.weight": (HIDDEN,),
        "text_model.final_layer_norm.bias": (HIDDEN,),
    }
    for i in range(LAYERS):
        p = f"text_model.encoder.layers.{i}."
        for proj in ("q_proj", "k_proj", "v_proj", "out_proj"):
            shapes[p + f"self_attn.{proj}.weight"] = (HIDDEN, HIDDEN)
            shapes[p + f"self_attn.{proj}.bias"] = (HIDDEN,)
        for norm in ("layer_norm1", "layer_norm2"):
            shapes[p + f"{norm}.weight"] = (HIDDEN,)
            shapes[p + f"{norm}.bias"] = (HIDDEN,)
        shapes[p + "mlp.fc1.weight"] = (INTERMEDIATE, HIDDEN)
        shapes[p + "mlp.fc1.bias"] = (INTERMEDIATE,)
        shapes[p + "mlp.fc2.weight"] = (HIDDEN, INTERMEDIATE)
        shapes[p + "mlp.fc2.bias"] = (HIDDEN,)
    return shapes


def make_weights():
    """Seeded values rounded to float16, so the file holds exactly what the reference computes with."""
    generator = torch.Generator().manual_seed(1234)
    weights = {}
    for name, shape in sorted(weight_shapes().items()):
        values = torch.rand(shape, generator=generator, dtype=torch.float64) * 2 - 1
        if len(shape) == 2:
            values = values / math.sqrt(shape[1])
        elif name.endswith("weight"):
            values = 1 + 0.1 * values
        else:
            values = 0.1 * values
        weights[name] = values.to(torch.float16)
    return weights


def quick_gelu(x):
    return x * torch.sigmoid(1.702 * x)


def linear(w, prefix, x):
    return x @ w[prefix + ".weight"].T + w[prefix + ".bias"]


def layer_norm(w, prefix, x):
    return torch.nn.functional.layer_norm(x, (HIDDEN,), w[prefix + ".weight"], w[prefix + ".bias"], EPS)


def attention(w, prefix, x, mask):
    batch, tokens, _ = x.shape
    head_dim = HIDDEN // HEADS

    def heads(t):
        return t.view(batch, tokens, HEADS, head_dim).transpose(1, 2)

    q = heads(linear(w, prefix + ".q_proj", x)) * head_dim ** -0.5
    k = heads(linear(w, prefix + ".k_proj", x))
    v = heads(linear(w, prefix + ".v_proj", x))
    probs = torch.softmax(q @ k.transpose(-1, -2) + mask, dim=-1)
    out = (probs @ v).transpose(1, 2).reshape(batch, tokens, HIDDEN)
    return linear(w, prefix + ".out_proj", out)


def clip_text(w, ids):
    tokens = ids.shape[1]
    hidden = w["text_model.embeddings.token_embedding.weight"][ids] \
        + w["text_model.embeddings.position_embedding.weight"][:tokens]
    mask = torch.full((tokens, tokens), float("-inf")).triu(1)[None, None]
    states = [hidden]
    for i in range(LAYERS):
        p = f"text_model.encoder.layers.{i}"
        hidden = hidden + attention(w, p + ".self_attn", layer_norm(w, p + ".layer_norm1", hidden), mask)
        mlp_in = layer_norm(w, p + ".layer_norm2", hidden)
        hidden = hidden + linear(w, p + ".mlp.fc2", quick_gelu(linear(w, p + ".mlp.fc1", mlp_in)))
        states.append(hidden)
    last = layer_norm(w, "text_model.final_layer_norm", hidden)
    clip_skip_2 = layer_norm(w, "text_model.final_layer_norm", states[-2])
    return last, states, clip_skip_2


def main():
    torch.set_grad_enabled(False)
    weights16 = make_weights()
    weights = {k: v.to(torch.float32) for k, v in weights16.items()}
    # Two prompts: SD1.x framing (start 49406 / end 49407 padded, mapped into the tiny vocab) and a random one.
    generator = torch.Generator().manual_seed(99)
    first = [998, 17, 254, 731, 999] + [999] * (POSITIONS - 5)
    second = torch.randint(0, VOCAB, (POSITIONS,), generator=generator).tolist()
    ids = torch.tensor([first, second], dtype=torch.int64)
    last, states, clip_skip_2 = clip_text(weights, ids)

    os.makedirs(GOLDEN, exist_ok=True)
    save(os.path.join(GOLDEN, "clip_tiny_weights.safetensors"),
         {k: v.numpy() for k, v in weights16.items()}, {"generator": "reference_clip.py", "config": "clip tiny"})
    outputs = {"input_ids": ids.numpy(), "last_hidden_state": last.numpy(), "clip_skip_2": clip_skip_2.numpy()}
    for i, state in enumerate(states):
        outputs[f"hidden_states.{i}"] = state.numpy()
    save(os.path.join(GOLDEN, "clip_tiny_outputs.safetensors"),
         {k: np.ascontiguousarray(v) for k, v in outputs.items()}, {"generator": "reference_clip.py"})
    print("last_hidden_state", tuple(last.shape), "mean", float(last.mean()), "std", float(last.std()))


if __name__ == "__main__":
    main()
