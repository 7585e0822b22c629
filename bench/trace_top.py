"""Sums a Chrome trace of torch's profiler per operation: self time (an operation's time less that
of the operations it called) and calls, per step, top rows first, as a Markdown table.

  trace_top.py --steps 3 peft4j.json                  # a trace written by bench/ProfileStep.java
  trace_top.py --steps 3 --timm vit-s16 full 8        # profiles the timm reference (torch.profiler)
"""

import argparse
import json
import os
import sys
import tempfile
from collections import defaultdict


def self_times(path):
    with open(path) as f:
        data = json.load(f)
    events = data["traceEvents"] if isinstance(data, dict) else data
    by_thread = defaultdict(list)
    for e in events:
        if e.get("ph") == "X" and "dur" in e and e.get("cat", "cpu_op") in ("cpu_op", "Operator", "operator"):
            by_thread[(e.get("pid"), e.get("tid"))].append(e)
    total, calls = defaultdict(float), defaultdict(int)
    for evs in by_thread.values():
        evs.sort(key=lambda e: (float(e["ts"]), -float(e["dur"])))
        stack = []  # [end, name, child time]
        for e in evs:
            ts, dur = float(e["ts"]), float(e["dur"])
            while stack and stack[-1][0] <= ts:
                end, name, child = stack.pop()
                total[name] -= child
            if stack:
                stack[-1][2] += dur
            total[e["name"]] += dur
            calls[e["name"]] += 1
            stack.append([ts + dur, e["name"], 0.0])
        while stack:
            end, name, child = stack.pop()
            total[name] -= child
    return total, calls


def profile_timm(model, method, batch, steps, threads, path):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import torch
    import torch.nn.functional as F
    from timm_step import PRESETS, build

    torch.set_num_threads(threads)
    torch.manual_seed(0)
    net = build(model, method)
    net.train()
    img = PRESETS[model][0]
    x, y = torch.randn(batch, 3, img, img), torch.randint(0, 10, (batch,))
    opt = torch.optim.AdamW([p for p in net.parameters() if p.requires_grad], lr=1e-3, weight_decay=1e-4)

    def step():
        opt.zero_grad(set_to_none=True)
        F.cross_entropy(net(x), y).backward()
        opt.step()

    step()
    with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU]) as prof:
        for _ in range(steps):
            step()
    prof.export_chrome_trace(path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("trace", nargs="?")
    ap.add_argument("--steps", type=int, default=1)
    ap.add_argument("--timm", nargs=3, metavar=("MODEL", "METHOD", "BATCH"))
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--top", type=int, default=15)
    args = ap.parse_args()
    label = "peft4j"
    path = args.trace
    if args.timm:
        label = "timm"
        path = os.path.join(tempfile.mkdtemp(), "timm.json")
        profile_timm(args.timm[0], args.timm[1], int(args.timm[2]), args.steps, args.threads, path)
    total, calls = self_times(path)
    all_ms = sum(total.values()) / 1e3 / args.steps
    print(f"\n{label}: {all_ms:.1f} ms of operations per step\n")
    print("| operation | self ms per step | share | calls per step |")
    print("|---|---|---|---|")
    for name, us in sorted(total.items(), key=lambda kv: -kv[1])[:args.top]:
        print(f"| `{name}` | {us / 1e3 / args.steps:.1f} | {us / 1e3 / args.steps / all_ms:.0%} "
              f"| {calls[name] / args.steps:.0f} |")


if __name__ == "__main__":
    main()
