"""Write the vit-tiny golden fixture a Java implementation loads to prove
numerical equivalence with this PyTorch reference.

Outputs (default directory peft-runtime/src/test/resources/golden of the repository):
  vit_tiny_golden.safetensors     float32 weights, timm names (vit-tiny, 10 classes)
  vit_tiny_golden_io.safetensors  float32 tensors:
    input                            (4,3,32,32)  torch.manual_seed(1); randn
    logits                           (4,10)       eval-mode forward of input
    step1_loss                       (1,)         CE loss (mean) of the train step,
                                                  labels [0,1,2,3]
    step1_head.weight                (10,192)     after ONE AdamW step, full mode
    step1_blocks.0.attn.qkv.weight   (576,192)    after ONE AdamW step, full mode
    extras for debugging:
    step1_grad_head.weight           (10,192)     gradient of that step
    step1_grad_blocks.0.attn.qkv.weight (576,192)
    step1_logits                     (4,10)       eval logits after the step

Weights: torch.manual_seed(0), then every weight ~ N(0, 0.02) (linear, conv,
cls_token, pos_embed, head), biases 0, LayerNorm weights 1.  AdamW: lr 1e-3,
weight decay 1e-4 (applied to every tensor), betas 0.9/0.999, eps 1e-8,
drop path 0.  Prints float64-vs-float32 deviations as a guide to tolerances.
"""

import argparse
import json
import os
import sys
from dataclasses import asdict

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vit_reference import build_model, load_safetensors, save_safetensors  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
LABELS = [0, 1, 2, 3]
ADAMW = dict(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-4)
TRACKED = ("head.weight", "blocks.0.attn.qkv.weight")


def run(state: dict, x: torch.Tensor, dtype: torch.dtype) -> dict:
    """Eval logits, then one full-mode AdamW step, in the given dtype."""
    model = build_model("vit-tiny", "full", num_classes=10).to(dtype)
    model.load_state_dict({k: v.to(dtype) for k, v in state.items()})
    x = x.to(dtype)
    out = {}
    model.eval()
    with torch.no_grad():
        out["logits"] = model(x)
    model.train()  # identical to eval here: no dropout, drop path 0
    opt = torch.optim.AdamW(model.parameters(), **ADAMW)
    opt.zero_grad()
    loss = F.cross_entropy(model(x), torch.tensor(LABELS))
    loss.backward()
    for name, p in model.named_parameters():
        if name in TRACKED:
            out[f"step1_grad_{name}"] = p.grad.detach().clone()
    opt.step()
    out["step1_loss"] = loss.detach().reshape(1)
    params = dict(model.named_parameters())
    for name in TRACKED:
        out[f"step1_{name}"] = params[name].detach().clone()
    model.eval()
    with torch.no_grad():
        out["step1_logits"] = model(x)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(HERE, "..", "peft-runtime", "src", "test", "resources", "golden"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    torch.set_num_threads(1)  # deterministic reduction order

    torch.manual_seed(0)
    model = build_model("vit-tiny", "full", num_classes=10)
    state = {k: v.detach().clone() for k, v in model.state_dict().items()}
    torch.manual_seed(1)
    x = torch.randn(4, 3, 32, 32)

    res32 = run(state, x, torch.float32)
    res64 = run(state, x, torch.float64)

    cfg = dict(asdict(model.cfg), num_classes=10, ln_eps=1e-6, preset="vit-tiny")
    wpath = os.path.join(args.out, "vit_tiny_golden.safetensors")
    iopath = os.path.join(args.out, "vit_tiny_golden_io.safetensors")
    save_safetensors(state, wpath, {"format": "pt", "config": json.dumps(cfg),
                                    "init": "seed 0; weights N(0,0.02), biases 0, LN weight 1"})
    save_safetensors({"input": x, **res32}, iopath, {
        "format": "pt", "labels": json.dumps(LABELS), "adamw": json.dumps(ADAMW),
        "note": "input seed 1 randn; logits in eval mode; step1_* after one full-mode "
                "AdamW step on input/labels (loss = mean cross entropy)"})

    # Round-trip check: reload both files and recompute the logits.
    w, _ = load_safetensors(wpath)
    io, _ = load_safetensors(iopath)
    check = build_model("vit-tiny", "full", num_classes=10).eval()
    check.load_state_dict(w, strict=True)
    with torch.no_grad():
        assert torch.equal(check(io["input"]), io["logits"]), "round trip mismatch"

    print(f"weights: {wpath} ({os.path.getsize(wpath):,} bytes, {len(w)} tensors, "
          f"{sum(t.numel() for t in w.values()):,} params)")
    print(f"io:      {iopath} ({os.path.getsize(iopath):,} bytes, keys {sorted(io)})")
    print(f"step1_loss = {res32['step1_loss'].item():.8f}")
    print("float32 vs float64 max abs deviation (guide for Java tolerances):")
    for k in sorted(res32):
        d = (res32[k].double() - res64[k]).abs().max().item()
        print(f"  {k:38s} {d:.2e}")
    for name in TRACKED:
        g = res64[f"step1_grad_{name}"].abs()
        flips = ((res32[f"step1_{name}"].double() - res64[f"step1_{name}"]).abs() > 1e-4).sum()
        print(f"  {name}: |grad| < 1e-7 in {(g < 1e-7).sum().item()} of {g.numel()} elements; "
              f"{flips.item()} elements differ by > 1e-4 after the step (Adam sign sensitivity)")


if __name__ == "__main__":
    main()
