"""FLOPs of one training step (forward + backward, GEMMs and attention products) per case, counted
two ways, and (with --gemm) the fp32 GEMM throughput of this torch.

Analytic count (docs/benchmarks.md, "FLOPs of a step"): B images, N tokens (patches + class token
+ prompts), D width, L blocks, C classes, P patches of p x p x 3 values. A multiply-add is 2 FLOPs.

  forward  F = 2 B P (3 p^2) D                       patch embedding
             + L (24 B N D^2 + 4 B N^2 D)            qkv, proj, fc1, fc2; q k^T and a v
             + 2 B D C                               head
             + method terms (LoRA 2 B N (D r + r 3D) per block, adapter 2 B N (2 D 8) per block)
  backward every product needs the gradient of its activation input (same FLOPs as forward)
           except the patch embedding (its input is the image); a trainable weight also needs its
           weight gradient (same FLOPs again). Attention products have no weights: 2x forward.
  full:    step = 3 F - 2 B P (3 p^2) D (no image gradient)
  linear:  step = F + 2 B D C (the head only)
  lora, adapter, vpt_deep: step = F + (F - patch embedding) + L 4 B N^2 D (attention, 2x forward
           in the backward) + weight gradients of the method's own tensors and the head

Counted: torch.utils.flop_counter.FlopCounterMode around forward + backward of the timm model of
bench/timm_step.py (matmul, addmm, bmm, convolution, scaled_dot_product_attention).

  bench/.venv/bin/python bench/step_flops.py            # the five methods on both presets
  bench/.venv/bin/python bench/step_flops.py --gemm     # fp32 GEMM GFLOP/s of this torch
"""

import argparse
import json
import os
import statistics
import sys
import time

import torch
import torch.nn.functional as F
from torch.utils.flop_counter import FlopCounterMode

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from timm_step import PRESETS, build  # noqa: E402

CASES = [("vit-tiny", 32), ("vit-s16", 8)]
METHODS = ["full", "linear", "lora", "adapter", "vpt_deep"]
GEMMS = [(1024, 1024, 1024), (2048, 2048, 2048), (8 * 197, 384, 1152), (8 * 197, 384, 1536),
         (8 * 197, 1536, 384), (32 * 65, 192, 576), (32 * 65, 192, 768), (32 * 65, 768, 192)]


def analytic(model, method, batch, classes=10, rank=8, prompts=50, bottleneck=8):
    img, patch, dim, depth, _ = PRESETS[model]
    b, d, c = batch, dim, classes
    patches = (img // patch) ** 2
    n = patches + 1 + (prompts if method == "vpt_deep" else 0)
    embed = 2 * b * patches * 3 * patch * patch * d
    attention = depth * 4 * b * n * n * d
    blocks = depth * 24 * b * n * d * d + attention
    head = 2 * b * d * c
    extra = 0
    if method == "lora":
        extra = depth * 2 * b * n * (d * rank + rank * 3 * d)
    elif method == "adapter":
        extra = depth * 2 * b * n * (2 * d * bottleneck)
    forward = embed + blocks + head + extra
    if method == "full":
        return 3 * forward - embed
    if method == "linear":
        return forward + head
    # activation gradients everywhere but the image, weight gradients of the method and the head
    return forward + (forward - embed) + attention + extra + head


def counted(model, method, batch, classes=10):
    torch.manual_seed(0)
    net = build(model, method, classes)
    net.train()
    img = PRESETS[model][0]
    x = torch.randn(batch, 3, img, img)
    y = torch.randint(0, classes, (batch,))
    with FlopCounterMode(display=False) as counter:
        F.cross_entropy(net(x), y).backward()
    return counter.get_total_flops()


def gemm(threads, repeats):
    torch.set_num_threads(threads)
    peak = 0.0
    for m, k, n in GEMMS:
        a, b = torch.randn(m, k), torch.randn(k, n)
        rates = []
        for i in range(repeats + 3):
            t0 = time.perf_counter()
            a @ b
            if i >= 3:
                rates.append(2 * m * k * n / (time.perf_counter() - t0) / 1e9)
        median = statistics.median(rates)
        peak = max(peak, median)
        print(json.dumps({"impl": "timm", "torch_version": torch.__version__, "gemm": f"{m}x{k}x{n}",
                          "gflops_median": round(median, 1), "gflops_max": round(max(rates), 1)}))
    print(json.dumps({"impl": "timm", "torch_version": torch.__version__, "gemm": "peak",
                      "gflops_median": round(peak, 1)}))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gemm", action="store_true", help="time fp32 GEMMs instead of counting FLOPs")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=20)
    args = ap.parse_args()
    if args.gemm:
        gemm(args.threads, args.repeats)
        return
    torch.set_num_threads(args.threads)
    for model, batch in CASES:
        for method in METHODS:
            a, c = analytic(model, method, batch), counted(model, method, batch)
            print(json.dumps({"model": model, "method": method, "batch": batch, "gflop_analytic": round(a / 1e9, 3),
                              "gflop_counted": round(c / 1e9, 3), "counted_over_analytic": round(c / a, 4)}))


if __name__ == "__main__":
    main()
