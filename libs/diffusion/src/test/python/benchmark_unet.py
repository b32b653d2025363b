#!/usr/bin/python3
"""PyTorch eager side of the UNet forward benchmark: the reference UNet of reference_unet_vae.py, timed the same way
as UNetForwardBenchmark.java (random weights, batch of noisy latents, 77 text tokens, median of N runs, peak RSS).

usage: /usr/bin/python3 benchmark_unet.py {tiny|sd15} pixels batch runs
"""
import resource
import statistics
import sys
import time

import torch

from reference_unet_vae import UNET_TINY, UNet2DConditionModel

SD15 = dict(UNET_TINY, block_out_channels=[320, 640, 1280, 1280], heads=8, cross_attention_dim=768, groups=32)


def main():
    name, pixels, batch, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    cfg = {"tiny": UNET_TINY, "sd15": SD15}[name]
    torch.set_grad_enabled(False)
    unet = UNet2DConditionModel(cfg).eval()
    latent = pixels // 8
    times, cpu_times = [], []
    for _ in range(runs):
        sample = torch.randn(batch, 4, latent, latent)
        context = torch.randn(batch, 77, cfg["cross_attention_dim"])
        start, cpu_start = time.perf_counter(), time.process_time()
        unet(sample, torch.full((batch,), 500.0), context)
        cpu_times.append(time.process_time() - cpu_start)
        times.append(time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    print(f"torch {torch.__version__} unet {name} {pixels}px (latent {latent}x{latent}) batch {batch}: "
          f"median wall {statistics.median(times):.3f} s, CPU {statistics.median(cpu_times):.3f} s over {runs} runs "
          f"(first wall {times[0]:.3f} s), "
          f"peak RSS {peak:.2f} GB, threads {torch.get_num_threads()}")


if __name__ == "__main__":
    main()
