"""Pair benchmark JSON lines of peft4j and its references and print Markdown tables with ratios.

Reads the files given as arguments (or stdin); lines that are not JSON objects are ignored.
  - step lines ("impl" peft4j, timm or pytorch) are grouped by (model, method, batch, threads);
    a case that ran several times gets the median of its runs and the spread (lowest-highest) of
    the per-repeat ratios, peft4j's i-th run against the reference's i-th run;
  - GEMM lines ("gemm": "peak", from bench/gemm-peak.sh) give each torch's fp32 GEMM peak;
  - FLOP lines ("gflop_analytic", from bench/step_flops.py) give each case's FLOPs, so the table
    says what fraction of peft4j's GEMM peak a step reaches;
  - infer-merged-METHOD lines are set against infer-full (the plain backbone) of the same preset.
Ratios are peft4j / reference: below 1 peft4j is faster or smaller.

  python3 bench/compare.py results.jsonl docs/benchmarks-data/step-flops.jsonl
"""

import json
import statistics
import sys


def read(streams):
    steps, flops, peaks = {}, {}, {}
    for stream in streams:
        for line in stream:
            line = line.strip()
            if not line.startswith("{"):
                continue
            try:
                r = json.loads(line)
            except json.JSONDecodeError:
                continue
            if not isinstance(r, dict):
                continue
            if "gflop_analytic" in r:
                flops[(r["model"], r["method"], r["batch"])] = r["gflop_analytic"]
            elif r.get("gemm") == "peak":
                peaks[r["impl"]] = r["gflops_median"]
            elif "impl" in r and "ms_per_step_median" in r:
                model = "vit-s16" if r["model"] == "vit-s224" else r["model"]
                key = (model, r["method"], r["batch"], r["threads"])
                steps.setdefault(key, {}).setdefault(r["impl"], []).append(r)
    return steps, flops, peaks


def median(runs, field):
    return statistics.median(r[field] for r in runs)


def ratio(mine, theirs, field="ms_per_step_median"):
    """Median ratio and the spread of the per-repeat ratios."""
    if not mine or not theirs:
        return "-"
    per_repeat = [a[field] / b[field] for a, b in zip(mine, theirs)]
    text = f"**{median(mine, field) / median(theirs, field):.2f}**"
    if len(per_repeat) > 1:
        text += f" ({min(per_repeat):.2f}–{max(per_repeat):.2f})"
    return text


def peak_share(runs, gflop, peak):
    """The step's FLOPs per second as a fraction of the GEMM peak."""
    if not runs or not gflop or not peak:
        return "-"
    return f"{gflop / (median(runs, 'ms_per_step_median') / 1e3) / peak:.0%}"


def ms(runs):
    return f"{median(runs, 'ms_per_step_median'):.1f}" if runs else "-"


def training_table(steps, flops, peaks):
    peak = peaks.get("peft4j")
    print("| model | method | batch | timm ms | peft4j ms | **time peft4j/timm** (spread) | timm RSS MiB "
          "| peft4j RSS MiB | **RSS peft4j/timm** | Debian torch ms | time peft4j/Debian | GFLOP per step "
          "| peft4j % of GEMM peak | timm % of its GEMM peak | trainable params |")
    print("|---" * 15 + "|")
    for key, by in steps.items():
        if key[1].startswith("infer-"):
            continue
        pj, tm, pt = by.get("peft4j", []), by.get("timm", []), by.get("pytorch", [])
        gflop = flops.get(key[:3])
        params = {r["trainable_params"] for runs in (pj, tm, pt) for r in runs}
        params_s = " vs ".join(f"{p:,}" for p in sorted(params)) + (" MISMATCH" if len(params) > 1 else "")
        cells = [key[0], key[1], str(key[2]), ms(tm), ms(pj), ratio(pj, tm),
                 f"{median(tm, 'peak_rss_mib'):.0f}" if tm else "-",
                 f"{median(pj, 'peak_rss_mib'):.0f}" if pj else "-", ratio(pj, tm, "peak_rss_mib"),
                 ms(pt), ratio(pj, pt), f"{gflop:.1f}" if gflop else "-", peak_share(pj, gflop, peak),
                 peak_share(tm, gflop, peaks.get("timm")), params_s]
        print("| " + " | ".join(cells) + " |")
    if peaks:
        print()
        print("fp32 GEMM peak, GFLOP/s: " + ", ".join(f"{k} {v:.1f}" for k, v in sorted(peaks.items())))


def merged_table(steps):
    rows = [(k, by["peft4j"]) for k, by in steps.items() if k[1].startswith("infer-merged-") and "peft4j" in by]
    if not rows:
        return
    print()
    print("| model | batch | method | plain backbone ms | merged ms | **merged / plain** (spread) |")
    print("|---|---|---|---|---|---|")
    for (model, method, batch, threads), merged in rows:
        plain = steps.get((model, "infer-full", batch, threads), {}).get("peft4j", [])
        # the plain runs alternate with every merged method: pair each merged run with its neighbour
        per_method = len([k for k, _ in rows if k[0] == model and k[2] == batch])
        plain = plain[[k for k, _ in rows if k[0] == model and k[2] == batch].index(
            (model, method, batch, threads))::per_method] if per_method and plain else plain
        print(f"| {model} | {batch} | {method[len('infer-merged-'):]} | {ms(plain)} | {ms(merged)} "
              f"| {ratio(merged, plain)} |")


def main() -> None:
    streams = [open(p) for p in sys.argv[1:]] or [sys.stdin]
    steps, flops, peaks = read(streams)
    training_table(steps, flops, peaks)
    merged_table(steps)


if __name__ == "__main__":
    main()
