"""Pair benchmark JSON lines from PyTorch and peft4j and print a Markdown table.

Reads files given as arguments (or stdin); every line that parses as a JSON
object with an "impl" key counts, other lines (logs) are ignored.  Rows are
matched on (model, method, batch, threads); the last line per impl wins.
"ratio" is peft4j median ms / pytorch median ms (< 1: peft4j is faster).

  python3 compare.py results.jsonl
  { python3 pytorch_step.py ...; java ... Bench ...; } | python3 compare.py
"""

import json
import sys


def read_results(streams):
    rows = {}
    for stream in streams:
        for line in stream:
            line = line.strip()
            if not line.startswith("{"):
                continue
            try:
                r = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(r, dict) and "impl" in r:
                key = (r["model"], r["method"], r["batch"], r["threads"])
                rows.setdefault(key, {})[r["impl"]] = r
    return rows


def fmt_ms(r):
    return f"{r['ms_per_step_median']:.1f} / {r['ms_per_step_min']:.1f}" if r else "-"


def main() -> None:
    streams = [open(p) for p in sys.argv[1:]] or [sys.stdin]
    rows = read_results(streams)
    print("| model | method | batch | threads | pytorch ms (median / min) | pytorch img/s "
          "| pytorch RSS MiB | peft4j ms (median / min) | peft4j img/s | peft4j RSS MiB "
          "| ratio peft4j/pytorch | trainable params |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for key, by_impl in rows.items():
        pt, pj = by_impl.get("pytorch"), by_impl.get("peft4j")
        ratio = f"{pj['ms_per_step_median'] / pt['ms_per_step_median']:.2f}" if pt and pj else "-"
        params = {r["trainable_params"] for r in (pt, pj) if r}
        params_s = " vs ".join(f"{p:,}" for p in sorted(params))
        if len(params) > 1:
            params_s += " MISMATCH"
        cells = [*map(str, key), fmt_ms(pt), f"{pt['images_per_s']:.1f}" if pt else "-",
                 f"{pt['peak_rss_mib']:.0f}" if pt else "-", fmt_ms(pj),
                 f"{pj['images_per_s']:.1f}" if pj else "-",
                 f"{pj['peak_rss_mib']:.0f}" if pj else "-", ratio, params_s]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
