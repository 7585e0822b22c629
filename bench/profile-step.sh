#!/usr/bin/env bash
# Where a training step's time goes, per libtorch operation, in peft4j (libtorch's profiler through
# DJL, bench/ProfileStep.java) and in the timm reference (torch.profiler): one table each, the
# operations by total self time over STEPS steps.
#
#   bench/profile-step.sh vit-s16 full 8 [STEPS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
model="$1"; method="$2"; batch="$3"; steps="${4:-3}"
threads="${THREADS:-2}"
out="$(mktemp -d)"
"$root/peft" --version >/dev/null
lib="$root/.peft/builds/$(cat "$root/.peft/current")/lib"
OMP_NUM_THREADS="$threads" MKL_CBWR="${MKL_CBWR:-AUTO,STRICT}" MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" \
  java -Xmx6g -XX:+UseParallelGC -Xmn32m -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$threads" \
  -Dai.djl.pytorch.num_interop_threads=1 -cp "$lib/*" "$root/bench/ProfileStep.java" \
  "$model" "$method" "$batch" "$steps" "$out/peft4j.json" 2>/dev/null
python="${TIMM_PYTHON:-$root/bench/.venv/bin/python}"
"$python" "$root/bench/trace_top.py" --steps "$steps" "$out/peft4j.json"
"$python" "$root/bench/trace_top.py" --steps "$steps" --timm "$model" "$method" "$batch" --threads "$threads"
rm -rf "$out"
