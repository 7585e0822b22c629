"""Time ViT training steps (or inference) with timm on current PyTorch; print ONE JSON line.

The peer a researcher would pick instead of peft4j: timm's VisionTransformer (fused
scaled-dot-product attention) on torch 2.x from PyPI, with the same presets, methods, batch,
threads, fixed inputs and AdamW settings as `peft bench`, and the same JSON keys
("impl": "timm").  Pinned versions: bench/requirements-timm.txt.

Methods, on timm's modules:
  full      every tensor trainable
  linear    head only
  lora      HF peft LoRA on attn.qkv, r 8, alpha = r (scale 1), no dropout: one A (r x D) and one
            B (3D x r) per block, which is the study's shared-A LoRA on q, k and v; plus the head
  adapter   AdaptFormer, parallel to the MLP: x + mlp(norm2 x) + 0.1 * up(relu(down(norm2 x))),
            bottleneck 8, down kaiming-uniform, up and biases zero; plus the head
  vpt_deep  per block n prompt tokens (default 50, dropout 0.1), prepended before the block and
            stripped after it, uniform(+-sqrt(6 / (3 p^2 + D))) init; plus the head

  bench/.venv/bin/python bench/timm_step.py --model vit-tiny --method lora --batch 32 \
      --steps 20 --warmup 3 --threads 2 --classes 10
"""

import argparse
import json
import math

import timm
import torch
from peft import LoraConfig, get_peft_model
from timm.models.vision_transformer import VisionTransformer
from torch import nn

from step_timing import timed_steps

PRESETS = {  # img, patch, dim, depth, heads (peft4j's VitConfig presets)
    "vit-micro": (32, 8, 96, 4, 4),
    "vit-tiny": (32, 4, 192, 6, 3),
    "vit-s16": (224, 16, 384, 12, 6),
    "vit-s224": (224, 16, 384, 12, 6),
    "vit-b16": (224, 16, 768, 12, 12),
}
METHODS = ["full", "linear", "lora", "adapter", "vpt_deep"]


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description="timm reference step benchmark for peft4j")
    ap.add_argument("--model", default="vit-tiny", choices=sorted(PRESETS))
    ap.add_argument("--method", default="full", choices=METHODS)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--steps", type=int, default=20, help="timed steps")
    ap.add_argument("--warmup", type=int, default=3, help="untimed steps before timing")
    ap.add_argument("--threads", type=int, default=2, help="intra-op threads")
    ap.add_argument("--classes", type=int, default=10)
    ap.add_argument("--rank", type=int, default=8, help="LoRA rank")
    ap.add_argument("--prompts", type=int, default=50, help="VPT-deep prompt tokens per block")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--infer", action="store_true", help="time forward only (eval, no_grad)")
    return ap.parse_args(argv)


class ParallelAdapter(nn.Module):
    """timm's Mlp plus AdaptFormer's scaled bottleneck on the same input."""

    def __init__(self, mlp, dim, bottleneck, scale):
        super().__init__()
        self.mlp = mlp
        self.down = nn.Linear(dim, bottleneck)
        self.up = nn.Linear(bottleneck, dim)
        self.scale = scale
        nn.init.kaiming_uniform_(self.down.weight, a=math.sqrt(5))
        nn.init.zeros_(self.down.bias)
        nn.init.zeros_(self.up.weight)
        nn.init.zeros_(self.up.bias)

    def forward(self, h):
        return self.mlp(h) + self.up(torch.relu(self.down(h))) * self.scale


class Prompted(nn.Module):
    """A timm block with its own prompt tokens in front, removed again after the block."""

    def __init__(self, block, count, dim, bound, dropout):
        super().__init__()
        self.block = block
        self.prompts = nn.Parameter(torch.empty(1, count, dim).uniform_(-bound, bound))
        self.dropout = nn.Dropout(dropout)
        self.count = count

    def forward(self, x):
        p = self.dropout(self.prompts).expand(x.shape[0], -1, -1)
        return self.block(torch.cat([p, x], dim=1))[:, self.count:]


def build(model_name, method, classes=10, rank=8, prompts=50):
    """The timm model with the method attached and the trainable set marked."""
    img, patch, dim, depth, heads = PRESETS[model_name]
    model = VisionTransformer(img_size=img, patch_size=patch, embed_dim=dim, depth=depth,
                              num_heads=heads, mlp_ratio=4, num_classes=classes,
                              qkv_bias=True, class_token=True, global_pool="token")
    for p in model.parameters():
        p.requires_grad_(method == "full")
    head = model.head
    if method == "lora":
        config = LoraConfig(r=rank, lora_alpha=rank, lora_dropout=0.0, target_modules=["qkv"], bias="none")
        model = get_peft_model(model, config)
    elif method == "adapter":
        for block in model.blocks:
            block.mlp = ParallelAdapter(block.mlp, dim, 8, 0.1)
    elif method == "vpt_deep":
        bound = math.sqrt(6.0 / (3 * patch * patch + dim))
        model.blocks = nn.Sequential(*[Prompted(b, prompts, dim, bound, 0.1) for b in model.blocks])
    for p in head.parameters():
        p.requires_grad_(True)
    return model


def main() -> None:
    args = parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(args.seed)
    model = build(args.model, args.method, args.classes, args.rank, args.prompts)
    print(json.dumps({
        "impl": "timm",
        "torch_version": torch.__version__,
        "model": "vit-s16" if args.model == "vit-s224" else args.model,
        **timed_steps(model, args, PRESETS[args.model][0]),
        "timm_version": timm.__version__,
        "fused_attn": any(getattr(m, "fused_attn", False) for m in model.modules()),
    }), flush=True)


if __name__ == "__main__":
    main()
