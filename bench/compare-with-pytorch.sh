#!/usr/bin/env bash
# Runs peft4j's `peft bench` against the timm reference (bench/timm_step.py: timm + HF peft on
# current PyTorch from PyPI) and, where it is installed, Debian's PyTorch 1.13 reference
# (bench/pytorch_step.py), same machine, same threads, alternating per case and repeat; then the
# merged-model inference of every mergeable method against the plain backbone, and the fp32 GEMM
# peak of both torches. One JSON line per run on stdout; compare.py makes the tables.
#
#   bench/compare-with-pytorch.sh > results.jsonl            # three repeats of every case
#   SHORT=1 bench/compare-with-pytorch.sh > results.jsonl    # one repeat, fewer steps, merged on vit-tiny only (31 min loaded)
#   python3 bench/compare.py results.jsonl
#
# TIMM_PYTHON  interpreter with bench/requirements-timm.txt (default bench/.venv/bin/python; make it with
#              python3 -m venv bench/.venv && bench/.venv/bin/pip install -r bench/requirements-timm.txt)
# THREADS      intra-op threads for all (default 2)
# REPEAT       how many times each case runs per implementation (default 3, SHORT=1: 1)
# CASES        override the training cases, one per line; MERGED=0 skips the inference part
# DEBIAN=0     skips the Debian-torch column even where it is installed
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
threads="${THREADS:-2}"
short="${SHORT:-0}"
timm="${TIMM_PYTHON:-$root/bench/.venv/bin/python}"
if ! "$timm" -c 'import timm, peft, torch' 2>/dev/null; then
  echo "compare-with-pytorch: $timm cannot import timm, peft and torch; run: python3 -m venv bench/.venv &&" \
       "bench/.venv/bin/pip install -r bench/requirements-timm.txt (or set TIMM_PYTHON)" >&2
  exit 1
fi
# Debian's python3-torch, a second column where present, and only on OpenBLAS (else it is 40x slower).
debian=0
if [ "${DEBIAN:-1}" = 1 ] && /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  if readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null | grep -q openblas; then
    debian=1
  else
    echo "compare-with-pytorch: Debian's torch runs on the reference BLAS here, its column is left out;" \
         "apt-get install -y libopenblas0-pthread to keep it (see bench/README.md)" >&2
  fi
fi
coretype=Haswell
grep -q avx512f /proc/cpuinfo 2>/dev/null && coretype=SkylakeX
if [ "$short" = 1 ]; then
  repeat="${REPEAT:-1}"; tiny="--steps 5 --warmup 1"; small="--steps 2 --warmup 1"
  merged_presets=("--model vit-tiny --batch 32 --steps 10 --warmup 2")
else
  repeat="${REPEAT:-3}"; tiny="--steps 20 --warmup 3"; small="--steps 5 --warmup 2"
  merged_presets=("--model vit-tiny --batch 32 --steps 20 --warmup 3" "--model vit-s16 --batch 8 --steps 8 --warmup 2")
fi
default_cases=""
for method in full linear lora adapter vpt_deep; do
  default_cases+="--model vit-tiny --method $method --batch 32 $tiny"$'\n'
done
for method in full linear lora adapter vpt_deep; do
  default_cases+="--model vit-s16 --method $method --batch 8 $small"$'\n'
done
cases="${CASES:-$default_cases}"
common=(--threads "$threads" --classes 10)
peft4j() { PEFT_THREADS="$threads" "$root/peft" bench "$@" "${common[@]}" 2>/dev/null; }
reference() { "$timm" "$root/bench/timm_step.py" "$@" "${common[@]}"; }
debian() {
  # pytorch_step.py knows neither vpt_deep nor the vit-s16 name
  case "$*" in *vpt_deep*) return 0 ;; esac
  # shellcheck disable=SC2046
  OPENBLAS_CORETYPE=$coretype /usr/bin/python3 "$root/bench/pytorch_step.py" $(echo "$@" | sed 's/vit-s16/vit-s224/') "${common[@]}"
}
"$root/peft" --version >/dev/null   # build once, outside the timings
for r in $(seq "$repeat"); do
  # the cases come in on descriptor 3, so that a child reading standard input cannot eat them
  while IFS= read -r c <&3; do
    [ -z "$c" ] && continue
    # shellcheck disable=SC2086  # the case string is split into arguments on purpose
    if [ $((r % 2)) = 1 ]; then reference $c; peft4j $c; else peft4j $c; reference $c; fi
    # shellcheck disable=SC2086
    if [ "$debian" = 1 ]; then debian $c; fi
  done 3<<< "$cases"
done
if [ "${MERGED:-1}" = 1 ]; then
  # merged inference against the plain backbone, alternating, more steps: the ratio must be near 1
  for r in $(seq "$repeat"); do
    for m in lora ssf repadapter fact_tt fact_tk; do
      for preset in "${merged_presets[@]}"; do
        # shellcheck disable=SC2086
        peft4j $preset --method full --infer
        # shellcheck disable=SC2086
        peft4j $preset --method "$m" --merged
      done
    done
  done
fi
THREADS="$threads" TIMM_PYTHON="$timm" "$root/bench/gemm-peak.sh" "$([ "$short" = 1 ] && echo 10 || echo 30)"
