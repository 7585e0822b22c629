#!/usr/bin/env bash
# Times one training step of every registered method (default hyperparameters) with `peft bench`
# and prints a Markdown table of trainable parameters and step time, full fine-tuning included.
#
#   bench/methods-table.sh                 # vit-tiny batch 32 and vit-s16 batch 8, 2 threads
#   MODELS="vit-tiny:32" bench/methods-table.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
threads="${THREADS:-2}"
models="${MODELS:-vit-tiny:32 vit-s16:8}"
methods="${METHODS:-linear full ln bitfit difffit ssf vpt_shallow vpt_deep vqt selective lora adaptformer pfeiffer houlsby convpass repadapter fact_tt fact_tk}"
out=$(mktemp)
for mb in $models; do
  model=${mb%%:*}; batch=${mb##*:}
  steps=10; [ "$batch" -le 8 ] && steps=4
  for m in $methods; do
    PEFT_THREADS="$threads" "$root/peft" bench --model "$model" --method "$m" --batch "$batch" \
      --steps "$steps" --warmup 2 --threads "$threads" --classes 10 2>/dev/null >> "$out"
  done
done
/usr/bin/python3 - "$out" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
full = {(r["model"], r["batch"]): r["ms_per_step_median"] for r in rows if r["method"] == "full"}
print("| model | batch | method | trainable params | ms/step (median) | vs full |")
print("|---|---|---|---|---|---|")
for r in rows:
    ref = full.get((r["model"], r["batch"]))
    ratio = f"{r['ms_per_step_median'] / ref:.2f}" if ref else "-"
    print(f"| {r['model']} | {r['batch']} | {r['method']} | {r['trainable_params']:,} | {r['ms_per_step_median']:.1f} | {ratio} |")
PY
rm -f "$out"
