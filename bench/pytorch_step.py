"""Time ViT training steps (or inference) in PyTorch; print ONE JSON line.

Training step = zero_grad + forward + cross-entropy + backward + AdamW step
(lr 1e-3, weight decay 1e-4 on every trainable tensor, betas 0.9/0.999,
eps 1e-8).  Input images (N(0,1)) and labels are generated once with a fixed
seed and reused every step.

  /usr/bin/python3 pytorch_step.py --model vit-tiny --method lora --batch 32 \
      --steps 20 --warmup 3 --threads 2 --classes 10
  /usr/bin/python3 pytorch_step.py --model vit-b16 --method lora --batch 8 \
      --steps 3 --warmup 1 --threads 2 --infer
"""

import argparse
import json
import os
import sys

ap = argparse.ArgumentParser(description="PyTorch reference step benchmark for peft4j")
ap.add_argument("--model", default="vit-tiny", choices=["vit-tiny", "vit-s224", "vit-b16"])
ap.add_argument("--method", default="full", choices=["full", "linear", "lora", "adapter"])
ap.add_argument("--batch", type=int, default=32)
ap.add_argument("--steps", type=int, default=20, help="timed steps")
ap.add_argument("--warmup", type=int, default=3, help="untimed steps before timing")
ap.add_argument("--threads", type=int, default=2, help="intra-op threads (torch and BLAS)")
ap.add_argument("--classes", type=int, default=10)
ap.add_argument("--rank", type=int, default=8, help="LoRA rank")
ap.add_argument("--drop-path", type=float, default=0.0)
ap.add_argument("--seed", type=int, default=0)
ap.add_argument("--infer", action="store_true", help="time forward only (eval, no_grad)")
args = ap.parse_args()

# Pin every thread pool to --threads *before* torch loads: torch.set_num_threads
# covers OpenMP, but Debian's torch runs GEMMs in OpenBLAS (pthread build),
# which has its own pool read at load time.  With both pools active, OpenMP's
# default spin-waiting starves the BLAS threads on a 2-core box (steps 2-10x
# slower and erratic), so OpenMP workers sleep when idle unless told otherwise.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = str(args.threads)
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import torch  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from step_timing import timed_steps  # noqa: E402
from vit_reference import build_model  # noqa: E402


def main() -> None:
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    model = build_model(args.model, args.method, num_classes=args.classes,
                        drop_path_rate=args.drop_path, lora_rank=args.rank)
    print(json.dumps({
        "impl": "pytorch",
        "torch_version": torch.__version__,
        "model": args.model,
        **timed_steps(model, args, model.cfg.img_size),
        # informational extra (not needed for the ratio)
        "openblas_coretype": os.environ.get("OPENBLAS_CORETYPE", "auto"),
    }), flush=True)


if __name__ == "__main__":
    main()
