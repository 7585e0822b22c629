#!/usr/bin/env bash
# Runs peft4j's `peft bench` and the PyTorch reference pytorch_step.py side by side, same machine,
# same threads, alternating per case, and prints one JSON line per run (compare.py pairs them).
#
#   bench/compare-with-pytorch.sh > results.jsonl
#   /usr/bin/python3 bench/compare.py results.jsonl
#
# REF      folder of pytorch_step.py (default: this folder)
# THREADS  intra-op threads for both (default 2)
# REPEAT   how many times each pair runs (default 2; compare.py keeps the last line per impl)
# CASES    override the case list, one case per line
# On a CPU with AVX-512 the reference runs with OPENBLAS_CORETYPE=SkylakeX (its fastest kernels).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
ref="${REF:-$root/bench}"
threads="${THREADS:-2}"
repeat="${REPEAT:-2}"
# Debian's python3-torch falls back to the reference BLAS (40x slower) unless OpenBLAS is installed.
if ! readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null | grep -q openblas; then
  echo "compare-with-pytorch: libblas.so.3 is not OpenBLAS, so the PyTorch reference would run on the" \
       "reference BLAS; run: apt-get install -y libopenblas0-pthread (see bench/README.md)" >&2
  exit 1
fi
coretype=Haswell
grep -q avx512f /proc/cpuinfo 2>/dev/null && coretype=SkylakeX
default_cases="--model vit-tiny --method full    --batch 32 --steps 20 --warmup 3
--model vit-tiny --method linear  --batch 32 --steps 20 --warmup 3
--model vit-tiny --method lora    --batch 32 --steps 20 --warmup 3
--model vit-tiny --method adapter --batch 32 --steps 20 --warmup 3
--model vit-s224 --method full    --batch 8  --steps 5  --warmup 2
--model vit-s224 --method lora    --batch 8  --steps 5  --warmup 2
--model vit-s224 --method adapter --batch 8  --steps 5  --warmup 2"
cases="${CASES:-$default_cases}"
while IFS= read -r c; do
  [ -z "$c" ] && continue
  for _ in $(seq "$repeat"); do
    # shellcheck disable=SC2086  # the case string is split into arguments on purpose
    OPENBLAS_CORETYPE=$coretype /usr/bin/python3 "$ref/pytorch_step.py" $c --threads "$threads" --classes 10
    # shellcheck disable=SC2086
    PEFT_THREADS="$threads" "$root/peft" bench $c --threads "$threads" --classes 10 2>/dev/null
  done
done <<< "$cases"
