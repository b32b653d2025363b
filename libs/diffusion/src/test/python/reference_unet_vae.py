#!/usr/bin/python3
"""Independent PyTorch reference for the TINY UNet and VAE configs (team brief), with diffusers' parameter names.

Writes to src/test/resources/golden/:
  unet_tiny_weights.safetensors   F16 weights of UNet2DConditionModel (diffusers names)
  unet_tiny_io.safetensors        F32 inputs (sample, timestep, encoder_hidden_states) and output
  vae_tiny_weights.safetensors    F16 weights of AutoencoderKL (diffusers names, new attention names)
  vae_tiny_io.safetensors         F32 image, encoder moments (mean/logvar after quant_conv), decoded mean

The model computes in float32 from the F16-rounded weights, exactly what the Java side loads.
Run with Debian's torch: /usr/bin/python3 src/test/python/reference_unet_vae.py (from libs/diffusion).
"""
import json
import math
import os
import struct

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

GOLDEN = os.path.join(os.path.dirname(__file__), "..", "resources", "golden")

UNET_TINY = dict(in_channels=4, out_channels=4, block_out_channels=[32, 32, 64, 64], layers_per_block=2,
                 down=["CrossAttnDownBlock2D"] * 3 + ["DownBlock2D"],
                 up=["UpBlock2D"] + ["CrossAttnUpBlock2D"] * 3,
                 heads=4, cross_attention_dim=64, groups=8, eps=1e-5)
VAE_TINY = dict(in_channels=3, out_channels=3, block_out_channels=[16, 32, 32, 32], layers_per_block=2,
                latent_channels=4, groups=8)


# ---------------------------------------------------------------- building blocks

class ResnetBlock2D(nn.Module):
    def __init__(self, cin, cout, temb, groups, eps):
        super().__init__()
        self.norm1 = nn.GroupNorm(groups, cin, eps=eps)
        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1)
        self.time_emb_proj = nn.Linear(temb, cout) if temb else None
        self.norm2 = nn.GroupNorm(groups, cout, eps=eps)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1)
        self.conv_shortcut = nn.Conv2d(cin, cout, 1) if cin != cout else None

    def forward(self, x, temb):
        h = self.conv1(F.silu(self.norm1(x)))
        if temb is not None:
            h = h + self.time_emb_proj(F.silu(temb))[:, :, None, None]
        h = self.conv2(F.silu(self.norm2(h)))
        skip = x if self.conv_shortcut is None else self.conv_shortcut(x)
        return skip + h


def attend(q, k, v, heads):
    b, tq, d = q.shape
    dh = d // heads
    split = lambda t: t.reshape(b, t.shape[1], heads, dh).permute(0, 2, 1, 3)
    scores = split(q) @ split(k).transpose(-1, -2) / math.sqrt(dh)
    out = scores.softmax(-1) @ split(v)
    return out.permute(0, 2, 1, 3).reshape(b, tq, d)


class CrossAttention(nn.Module):
    def __init__(self, dim, context_dim, heads, bias=False):
        super().__init__()
        self.heads = heads
        self.to_q = nn.Linear(dim, dim, bias=bias)
        self.to_k = nn.Linear(context_dim, dim, bias=bias)
        self.to_v = nn.Linear(context_dim, dim, bias=bias)
        self.to_out = nn.ModuleList([nn.Linear(dim, dim), nn.Dropout(0.0)])

    def forward(self, x, context=None):
        context = x if context is None else context
        out = attend(self.to_q(x), self.to_k(context), self.to_v(context), self.heads)
        return self.to_out[0](out)


class GEGLU(nn.Module):
    def __init__(self, dim, inner):
        super().__init__()
        self.proj = nn.Linear(dim, inner * 2)

    def forward(self, x):
        hidden, gate = self.proj(x).chunk(2, dim=-1)
        return hidden * F.gelu(gate)


class FeedForward(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.net = nn.ModuleList([GEGLU(dim, dim * 4), nn.Dropout(0.0), nn.Linear(dim * 4, dim)])

    def forward(self, x):
        return self.net[2](self.net[0](x))


class BasicTransformerBlock(nn.Module):
    def __init__(self, dim, heads, context_dim):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim)
        self.attn1 = CrossAttention(dim, dim, heads)
        self.norm2 = nn.LayerNorm(dim)
        self.attn2 = CrossAttention(dim, context_dim, heads)
        self.norm3 = nn.LayerNorm(dim)
        self.ff = FeedForward(dim)

    def forward(self, x, context):
        x = x + self.attn1(self.norm1(x))
        x = x + self.attn2(self.norm2(x), context)
        return x + self.ff(self.norm3(x))


class Transformer2DModel(nn.Module):
    def __init__(self, channels, heads, context_dim, groups):
        super().__init__()
        self.norm = nn.GroupNorm(groups, channels, eps=1e-6)
        self.proj_in = nn.Conv2d(channels, channels, 1)
        self.transformer_blocks = nn.ModuleList([BasicTransformerBlock(channels, heads, context_dim)])
        self.proj_out = nn.Conv2d(channels, channels, 1)

    def forward(self, x, context):
        b, c, h, w = x.shape
        t = self.proj_in(self.norm(x)).permute(0, 2, 3, 1).reshape(b, h * w, c)
        for block in self.transformer_blocks:
            t = block(t, context)
        return self.proj_out(t.reshape(b, h, w, c).permute(0, 3, 1, 2)) + x


class Downsample2D(nn.Module):
    def __init__(self, channels, padding):
        super().__init__()
        self.padding = padding
        self.conv = nn.Conv2d(channels, channels, 3, stride=2, padding=padding)

    def forward(self, x):
        if self.padding == 0:
            x = F.pad(x, (0, 1, 0, 1))
        return self.conv(x)


class Upsample2D(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, 3, padding=1)

    def forward(self, x, size=None):
        if size is None:
            x = F.interpolate(x, scale_factor=2.0, mode="nearest")
        else:
            x = F.interpolate(x, size=size, mode="nearest")
        return self.conv(x)


# ---------------------------------------------------------------- UNet

class UNetDownBlock(nn.Module):
    def __init__(self, cin, cout, temb, cfg, attention, downsample):
        super().__init__()
        n = cfg["layers_per_block"]
        self.resnets = nn.ModuleList(
            [ResnetBlock2D(cin if i == 0 else cout, cout, temb, cfg["groups"], cfg["eps"]) for i in range(n)])
        if attention:
            self.attentions = nn.ModuleList(
                [Transformer2DModel(cout, cfg["heads"], cfg["cross_attention_dim"], cfg["groups"]) for _ in range(n)])
        else:
            self.attentions = None
        self.downsamplers = nn.ModuleList([Downsample2D(cout, 1)]) if downsample else None

    def forward(self, x, temb, context):
        states = []
        for i, resnet in enumerate(self.resnets):
            x = resnet(x, temb)
            if self.attentions is not None:
                x = self.attentions[i](x, context)
            states.append(x)
        if self.downsamplers is not None:
            x = self.downsamplers[0](x)
            states.append(x)
        return x, states


class UNetUpBlock(nn.Module):
    def __init__(self, cin, prev, cout, temb, cfg, attention, upsample):
        super().__init__()
        n = cfg["layers_per_block"] + 1
        resnets = []
        for i in range(n):
            skip = cin if i == n - 1 else cout
            resnets.append(ResnetBlock2D((prev if i == 0 else cout) + skip, cout, temb, cfg["groups"], cfg["eps"]))
        self.resnets = nn.ModuleList(resnets)
        if attention:
            self.attentions = nn.ModuleList(
                [Transformer2DModel(cout, cfg["heads"], cfg["cross_attention_dim"], cfg["groups"]) for _ in range(n)])
        else:
            self.attentions = None
        self.upsamplers = nn.ModuleList([Upsample2D(cout)]) if upsample else None

    def forward(self, x, skips, temb, context, size):
        for i, resnet in enumerate(self.resnets):
            x = resnet(torch.cat([x, skips.pop()], dim=1), temb)
            if self.attentions is not None:
                x = self.attentions[i](x, context)
        if self.upsamplers is not None:
            x = self.upsamplers[0](x, size)
        return x


class UNetMidBlock(nn.Module):
    def __init__(self, c, temb, cfg):
        super().__init__()
        self.resnets = nn.ModuleList([ResnetBlock2D(c, c, temb, cfg["groups"], cfg["eps"]) for _ in range(2)])
        self.attentions = nn.ModuleList(
            [Transformer2DModel(c, cfg["heads"], cfg["cross_attention_dim"], cfg["groups"])])

    def forward(self, x, temb, context):
        x = self.resnets[0](x, temb)
        return self.resnets[1](self.attentions[0](x, context), temb)


class TimestepEmbedding(nn.Module):
    def __init__(self, cin, dim):
        super().__init__()
        self.linear_1 = nn.Linear(cin, dim)
        self.linear_2 = nn.Linear(dim, dim)

    def forward(self, x):
        return self.linear_2(F.silu(self.linear_1(x)))


def timestep_features(t, channels):
    half = channels // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32) / half)
    angles = t.float()[:, None] * freqs[None, :]
    return torch.cat([torch.cos(angles), torch.sin(angles)], dim=1)  # flip_sin_to_cos=True, freq_shift=0


class UNet2DConditionModel(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        ch = cfg["block_out_channels"]
        temb = ch[0] * 4
        self.cfg = cfg
        self.conv_in = nn.Conv2d(cfg["in_channels"], ch[0], 3, padding=1)
        self.time_embedding = TimestepEmbedding(ch[0], temb)
        n = len(ch)
        self.down_blocks = nn.ModuleList([
            UNetDownBlock(ch[max(i - 1, 0)], ch[i], temb, cfg, cfg["down"][i] == "CrossAttnDownBlock2D", i < n - 1)
            for i in range(n)])
        self.mid_block = UNetMidBlock(ch[-1], temb, cfg)
        rev = list(reversed(ch))
        self.up_blocks = nn.ModuleList([
            UNetUpBlock(rev[min(i + 1, n - 1)], rev[max(i - 1, 0)], rev[i], temb, cfg,
                        cfg["up"][i] == "CrossAttnUpBlock2D", i < n - 1)
            for i in range(n)])
        self.conv_norm_out = nn.GroupNorm(cfg["groups"], ch[0], eps=cfg["eps"])
        self.conv_out = nn.Conv2d(ch[0], cfg["out_channels"], 3, padding=1)

    def forward(self, sample, timestep, context):
        temb = self.time_embedding(timestep_features(timestep, self.cfg["block_out_channels"][0]))
        x = self.conv_in(sample)
        skips = [x]
        for block in self.down_blocks:
            x, states = block(x, temb, context)
            skips += states
        x = self.mid_block(x, temb, context)
        for block in self.up_blocks:
            mine = skips[-len(block.resnets):]
            del skips[-len(block.resnets):]
            size = skips[-1].shape[2:] if skips else None
            x = block(x, mine, temb, context, size)
        return self.conv_out(F.silu(self.conv_norm_out(x)))


# ---------------------------------------------------------------- VAE

class VaeAttention(nn.Module):
    def __init__(self, c, groups):
        super().__init__()
        self.group_norm = nn.GroupNorm(groups, c, eps=1e-6)
        self.to_q = nn.Linear(c, c)
        self.to_k = nn.Linear(c, c)
        self.to_v = nn.Linear(c, c)
        self.to_out = nn.ModuleList([nn.Linear(c, c), nn.Dropout(0.0)])

    def forward(self, x):
        b, c, h, w = x.shape
        t = self.group_norm(x).reshape(b, c, h * w).transpose(1, 2)
        out = self.to_out[0](attend(self.to_q(t), self.to_k(t), self.to_v(t), 1))
        return out.transpose(1, 2).reshape(b, c, h, w) + x


class VaeMidBlock(nn.Module):
    def __init__(self, c, groups):
        super().__init__()
        self.resnets = nn.ModuleList([ResnetBlock2D(c, c, None, groups, 1e-6) for _ in range(2)])
        self.attentions = nn.ModuleList([VaeAttention(c, groups)])

    def forward(self, x):
        return self.resnets[1](self.attentions[0](self.resnets[0](x, None)), None)


class VaeBlock(nn.Module):
    def __init__(self, cin, cout, layers, groups, down, up):
        super().__init__()
        self.resnets = nn.ModuleList(
            [ResnetBlock2D(cin if i == 0 else cout, cout, None, groups, 1e-6) for i in range(layers)])
        self.downsamplers = nn.ModuleList([Downsample2D(cout, 0)]) if down else None
        self.upsamplers = nn.ModuleList([Upsample2D(cout)]) if up else None

    def forward(self, x):
        for resnet in self.resnets:
            x = resnet(x, None)
        if self.downsamplers is not None:
            x = self.downsamplers[0](x)
        if self.upsamplers is not None:
            x = self.upsamplers[0](x)
        return x


class Encoder(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        ch, g, n = cfg["block_out_channels"], cfg["groups"], len(cfg["block_out_channels"])
        self.conv_in = nn.Conv2d(cfg["in_channels"], ch[0], 3, padding=1)
        self.down_blocks = nn.ModuleList(
            [VaeBlock(ch[max(i - 1, 0)], ch[i], cfg["layers_per_block"], g, i < n - 1, False) for i in range(n)])
        self.mid_block = VaeMidBlock(ch[-1], g)
        self.conv_norm_out = nn.GroupNorm(g, ch[-1], eps=1e-6)
        self.conv_out = nn.Conv2d(ch[-1], 2 * cfg["latent_channels"], 3, padding=1)

    def forward(self, x):
        x = self.conv_in(x)
        for block in self.down_blocks:
            x = block(x)
        return self.conv_out(F.silu(self.conv_norm_out(self.mid_block(x))))


class Decoder(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        ch, g, n = cfg["block_out_channels"], cfg["groups"], len(cfg["block_out_channels"])
        rev = list(reversed(ch))
        self.conv_in = nn.Conv2d(cfg["latent_channels"], ch[-1], 3, padding=1)
        self.mid_block = VaeMidBlock(ch[-1], g)
        self.up_blocks = nn.ModuleList(
            [VaeBlock(rev[max(i - 1, 0)], rev[i], cfg["layers_per_block"] + 1, g, False, i < n - 1)
             for i in range(n)])
        self.conv_norm_out = nn.GroupNorm(g, ch[0], eps=1e-6)
        self.conv_out = nn.Conv2d(ch[0], cfg["out_channels"], 3, padding=1)

    def forward(self, z):
        x = self.mid_block(self.conv_in(z))
        for block in self.up_blocks:
            x = block(x)
        return self.conv_out(F.silu(self.conv_norm_out(x)))


class AutoencoderKL(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        lc = cfg["latent_channels"]
        self.encoder = Encoder(cfg)
        self.decoder = Decoder(cfg)
        self.quant_conv = nn.Conv2d(2 * lc, 2 * lc, 1)
        self.post_quant_conv = nn.Conv2d(lc, lc, 1)

    def moments(self, image):
        return self.quant_conv(self.encoder(image))

    def decode(self, z):
        return self.decoder(self.post_quant_conv(z))


# ---------------------------------------------------------------- weights and files

def randomize(model, seed):
    """Deterministic weights rounded to F16 (what the golden file stores). Norm scales near 1, small biases."""
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if p.dim() == 1 and name.endswith("weight"):
                value = 1.0 + 0.1 * torch.randn(p.shape, generator=gen)
            elif p.dim() == 1:
                value = 0.05 * torch.randn(p.shape, generator=gen)
            else:
                fan_in = p[0].numel()
                value = torch.randn(p.shape, generator=gen) / math.sqrt(fan_in)
            p.copy_(value.half().float())


def write_safetensors(path, tensors, dtype):
    """Minimal safetensors writer: sorted names, header padded with spaces to a multiple of 8."""
    names = sorted(tensors)
    header, blobs, offset = {}, [], 0
    for name in names:
        array = tensors[name].detach().contiguous().numpy().astype(np.float16 if dtype == "F16" else np.float32)
        data = array.astype(array.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": dtype, "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def main():
    os.makedirs(GOLDEN, exist_ok=True)
    torch.set_grad_enabled(False)
    torch.manual_seed(0)

    unet = UNet2DConditionModel(UNET_TINY).eval()
    randomize(unet, 1)
    gen = torch.Generator().manual_seed(2)
    sample = torch.randn(2, 4, 8, 8, generator=gen)
    timestep = torch.tensor([999.0, 37.0])
    context = torch.randn(2, 7, UNET_TINY["cross_attention_dim"], generator=gen)
    odd_sample = torch.randn(1, 4, 9, 7, generator=gen)
    odd_context = context[:1]
    out = unet(sample, timestep, context)
    odd_out = unet(odd_sample, torch.tensor([500.0]), odd_context)
    write_safetensors(os.path.join(GOLDEN, "unet_tiny_weights.safetensors"), dict(unet.named_parameters()), "F16")
    write_safetensors(os.path.join(GOLDEN, "unet_tiny_io.safetensors"), {
        "sample": sample, "timestep": timestep, "encoder_hidden_states": context, "out": out,
        "odd_sample": odd_sample, "odd_out": odd_out}, "F32")
    print("unet params", sum(p.numel() for p in unet.parameters()), "out std", out.std().item())

    vae = AutoencoderKL(VAE_TINY).eval()
    randomize(vae, 3)
    gen = torch.Generator().manual_seed(4)
    image = torch.rand(1, 3, 32, 32, generator=gen) * 2 - 1
    moments = vae.moments(image)
    mean = moments[:, :VAE_TINY["latent_channels"]]
    decoded = vae.decode(mean)
    write_safetensors(os.path.join(GOLDEN, "vae_tiny_weights.safetensors"), dict(vae.named_parameters()), "F16")
    write_safetensors(os.path.join(GOLDEN, "vae_tiny_io.safetensors"), {
        "image": image, "moments": moments, "decoded": decoded}, "F32")
    print("vae params", sum(p.numel() for p in vae.parameters()), "decoded std", decoded.std().item())


if __name__ == "__main__":
    main()
