#!/usr/bin/env bash
# fp32 GEMM throughput of the libtorch that peft4j loads through DJL (bench/GemmPeak.java), in the
# launcher's environment (threads, MKL_CBWR, malloc arenas), one JSON line per shape and a last
# line with the peak. With TIMM_PYTHON (default bench/.venv/bin/python) present, the same shapes on the
# timm reference's torch follow (bench/step_flops.py --gemm).
#
#   THREADS=2 bench/gemm-peak.sh [REPEATS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
threads="${THREADS:-2}"
repeats="${1:-20}"
"$root/peft" --version >/dev/null   # builds the distribution if the sources changed
lib="$root/.peft/builds/$(cat "$root/.peft/current")/lib"
OMP_NUM_THREADS="$threads" MKL_CBWR="${MKL_CBWR:-AUTO,STRICT}" MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" \
  java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$threads" -Dai.djl.pytorch.num_interop_threads=1 \
  -cp "$lib/*" "$root/bench/GemmPeak.java" "$repeats" 2>/dev/null
python="${TIMM_PYTHON:-$root/bench/.venv/bin/python}"
if [ -x "$python" ]; then
  "$python" "$root/bench/step_flops.py" --gemm --threads "$threads" --repeats "$repeats"
fi
