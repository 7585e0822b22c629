#!/usr/bin/env python3
"""Checks peft4j's files in the Python consumers they are meant for, and prints a table.

Pinned versions (python/requirements.txt): torch 2.5.1, timm 1.0.12, peft 0.21.2, safetensors 0.8.0.

It builds a small timm VisionTransformer with the shape of peft4j's `vit-micro` preset (32 px, patch 8,
dim 96, depth 4, 4 heads) and random weights at a fixed seed, saves it as the base checkpoint, writes
a tiny 3-class task of random PNG images, then runs the peft4j CLI: `train` (lora, rank 4, a high
learning rate so that the up-projections B are far from zero), `export --format hf-peft`, `merge` and
`predict --logits`. It loads the exported adapter with peft's `PeftModel.from_pretrained` and the merged
checkpoint with timm (`timm.create_model(..., pretrained=True, pretrained_cfg_overlay=dict(file=...))`
and `load_state_dict(strict=True)`), and compares their logits with peft4j's. The other way round, it
trains peft LoRA adapters on `qkv` in Python (lora_alpha 16, plain and rsLoRA), imports them with
`peft import --format hf-peft` and compares `peft predict --adapter` with peft's logits, and checks
that an adapter that also adapts `fc1` is refused.

With --plugins (a folder holding the ia3 and dora example plugin JARs) it also trains those two methods,
exports them with `export --format hf-peft` and loads them with `PeftModel.from_pretrained` (peft's IA3,
and LoRA with use_dora). For the methods that neither peft nor timm express (ssf unmerged, vpt_shallow,
vpt_deep, convpass, fact_tt, fact_tk, vqt) it trains each and applies the adapter file to the timm model
with python/peft4j_reference.py. Each row also shows how far the adapter moves the logits from the base.

    python3 python/interop_check.py --peft ./peft [--plugins DIR] [--work /tmp/peft4j-interop]

Exit code 0 when every difference is below --tolerance.
"""
import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import peft
import safetensors
import timm
import torch
from PIL import Image
from peft import PeftModel
from safetensors.torch import load_file, save_file
from timm.models.vision_transformer import VisionTransformer

import peft4j_reference

CLASSES = 3
RANK = 4
# Methods checked with peft4j_reference.py, with small hyperparameters for vit-micro.
REFERENCE = {"ssf": [], "vpt_shallow": ["prompts=5"], "vpt_deep": ["prompts=5"], "convpass": ["bottleneck=8", "scale=0.1"],
             "fact_tt": ["dim=8", "scale=0.1"], "fact_tk": ["dim=8", "scale=10"], "vqt": ["prompts=5"]}
# Example plugins exported to Hugging Face peft.
PLUGINS = {"ia3": [], "dora": [f"rank={RANK}", "targets=qkv_proj"]}
MICRO = dict(img_size=32, patch_size=8, embed_dim=96, depth=4, num_heads=4, mlp_ratio=4.0)


def vit() -> VisionTransformer:
    return VisionTransformer(num_classes=CLASSES, **MICRO).eval()


def write_task(task: Path, images: int) -> list:
    rng = np.random.default_rng(0)
    names = []
    for i in range(images):
        name = f"images/{i:03d}.png"
        (task / name).parent.mkdir(parents=True, exist_ok=True)
        Image.fromarray(rng.integers(0, 256, (32, 32, 3), dtype=np.uint8)).save(task / name)
        names.append(f"{name} {i % CLASSES}")
    for split in ("train800", "val200", "train800val200", "test"):
        (task / f"{split}.txt").write_text("\n".join(names) + "\n")
    return [task / n.split()[0] for n in names]


def pixels(files: list) -> torch.Tensor:
    arrays = [np.asarray(Image.open(f).convert("RGB"), dtype=np.float32) / 255.0 for f in files]
    return torch.from_numpy(np.stack(arrays)).permute(0, 3, 1, 2).contiguous()


def peft4j(cli: str, *args: str) -> None:
    print("+ peft " + " ".join(args), file=sys.stderr)
    subprocess.run([cli, *args, "-q"], check=True)


def python_lora(base_file: Path, x: torch.Tensor, out: Path, targets: list, **options) -> torch.Tensor:
    """A peft LoRA adapter trained in Python (a few Adam steps from a random B) and its logits."""
    model = vit()
    model.load_state_dict(load_file(str(base_file)), strict=True)
    config = peft.LoraConfig(r=RANK, lora_alpha=16, lora_dropout=0.0, target_modules=targets,
                             modules_to_save=["head"], init_lora_weights=False, **options)
    model = peft.get_peft_model(model, config)
    optimizer = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=1e-2)
    labels = torch.arange(len(x)) % CLASSES
    for _ in range(5):
        optimizer.zero_grad()
        torch.nn.functional.cross_entropy(model(x), labels).backward()
        optimizer.step()
    model.eval()
    model.save_pretrained(str(out))
    with torch.no_grad():
        return model(x)


def logits(file: Path) -> torch.Tensor:
    return load_file(str(file))["logits"]


def train(cli: str, work: Path, base_file: Path, method: str, sets: list, extra: list) -> Path:
    """Trains a method on the tiny task (a high learning rate moves it far from its init); the adapter file."""
    run = work / f"run-{method}"
    options = [x for s in sets for x in ("--set", s)]
    peft4j(cli, "train", "--data", str(work / "task"), "--model", "vit-micro", "--checkpoint", str(base_file),
           "--classes", str(CLASSES), "--method", method, *options, "--epochs", "3", "--batch", "8",
           "--lr", "0.05", "--wd", "0", "--eval-split", "none", "--normalization", "none", "--threads", "2",
           "--output", str(run), *extra)
    return run / "adapter.safetensors"


def predict(cli: str, work: Path, base_file: Path, adapter: Path, extra: list) -> torch.Tensor:
    """peft4j's logits of the test list with an adapter."""
    out = work / (adapter.parent.name + "-logits.safetensors")
    peft4j(cli, "predict", "--checkpoint", str(base_file), "--adapter", str(adapter), "--list",
           str(work / "task" / "test.txt"), "--normalization", "none", "--threads", "2",
           "--output", str(work / "predict.csv"), "--logits", str(out), *extra)
    return logits(out)


def based(base_file: Path) -> VisionTransformer:
    model = vit()
    model.load_state_dict(load_file(str(base_file)), strict=True)
    return model


def hf_kind(folder: Path) -> str:
    config = json.loads((folder / "adapter_config.json").read_text())
    return config["peft_type"] + (", use_dora" if config.get("use_dora") else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peft", required=True, help="the peft4j launcher, e.g. ./peft")
    parser.add_argument("--work", default="/tmp/peft4j-interop", help="scratch folder (emptied)")
    parser.add_argument("--tolerance", type=float, default=1e-5)
    parser.add_argument("--plugins", help="folder with the ia3 and dora example plugin JARs (their rows are skipped without)")
    parser.add_argument("--fixture", help="also copy the exported hf-peft folder here")
    args = parser.parse_args()
    cli = str(Path(args.peft).resolve())
    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)

    torch.manual_seed(0)
    base = vit()
    base_file = work / "base.safetensors"
    save_file({k: v.contiguous() for k, v in base.state_dict().items()}, str(base_file))
    files = write_task(work / "task", 24)
    x = pixels(files)

    run = work / "run"
    peft4j(cli, "train", "--data", str(work / "task"), "--model", "vit-micro", "--checkpoint", str(base_file),
           "--classes", str(CLASSES), "--method", "lora", "--set", f"rank={RANK}", "--epochs", "3", "--batch", "8",
           "--lr", "0.05", "--wd", "0", "--eval-split", "none", "--normalization", "none", "--threads", "2",
           "--output", str(run))
    adapter = run / "adapter.safetensors"
    hf_dir, merged = work / "hf-peft", work / "merged.safetensors"
    peft4j(cli, "export", "--format", "hf-peft", "--adapter", str(adapter), "--output", str(hf_dir))
    peft4j(cli, "merge", "--base", str(base_file), "--adapter", str(adapter), "--output", str(merged))
    test = str(work / "task" / "test.txt")
    common = ["--list", test, "--normalization", "none", "--threads", "2"]
    peft4j(cli, "predict", "--checkpoint", str(base_file), "--model", "vit-micro", *common,
           "--output", str(work / "base.csv"), "--logits", str(work / "base-logits.safetensors"))
    peft4j(cli, "predict", "--checkpoint", str(base_file), "--adapter", str(adapter), *common,
           "--output", str(work / "adapter.csv"), "--logits", str(work / "adapter-logits.safetensors"))
    peft4j(cli, "predict", "--checkpoint", str(merged), "--model", "vit-micro", *common,
           "--output", str(work / "merged.csv"), "--logits", str(work / "merged-logits.safetensors"))
    j_base, j_adapter = logits(work / "base-logits.safetensors"), logits(work / "adapter-logits.safetensors")
    j_merged = logits(work / "merged-logits.safetensors")

    b_norm = max(v.abs().max().item() for k, v in load_file(str(adapter)).items() if "lora_b" in k)
    rows = []
    with torch.no_grad():
        rows.append(("base checkpoint (no adapter)", f"timm {timm.__version__} load_state_dict",
                     "`peft predict --checkpoint base`", (base(x) - j_base).abs().max().item()))
        target = vit()
        target.load_state_dict(load_file(str(base_file)), strict=True)
        model = PeftModel.from_pretrained(target, str(hf_dir)).eval()
        hf = model(x)
        rows.append(("hf-peft (peft export)", f"peft {peft.__version__} PeftModel.from_pretrained",
                     "`peft predict --adapter`", (hf - j_adapter).abs().max().item()))
        unloaded = model.merge_and_unload().eval()
        rows.append(("hf-peft, merged by peft", f"peft {peft.__version__} merge_and_unload",
                     "`peft predict --adapter`", (unloaded(x) - j_adapter).abs().max().item()))
        created = timm.create_model("vit_tiny_patch16_224", pretrained=True, num_classes=CLASSES,
                                    pretrained_cfg_overlay=dict(file=str(merged), custom_load=False, num_classes=CLASSES),
                                    **MICRO).eval()
        rows.append(("merged (peft merge)", f"timm {timm.__version__} create_model(pretrained, pretrained_cfg_overlay file)",
                     "`peft predict --checkpoint merged`", (created(x) - j_merged).abs().max().item()))
        plain = vit()
        plain.load_state_dict(load_file(str(merged)), strict=True)
        rows.append(("merged (peft merge)", f"timm {timm.__version__} load_state_dict(strict=True)",
                     "`peft predict --adapter`", (plain(x) - j_adapter).abs().max().item()))
        moved = (hf - base(x)).abs().max().item()
    for name, options in (("lora_alpha 16", {}), ("lora_alpha 16, rsLoRA", {"use_rslora": True})):
        py_dir = work / ("python-lora" + ("-rs" if options else ""))
        py_logits = python_lora(base_file, x, py_dir, ["qkv"], **options)
        imported = work / (py_dir.name + ".safetensors")
        peft4j(cli, "import", "--format", "hf-peft", str(py_dir), "--base", str(base_file), "--output", str(imported))
        peft4j(cli, "predict", "--checkpoint", str(base_file), "--adapter", str(imported), *common,
               "--output", str(work / "imported.csv"), "--logits", str(work / "imported-logits.safetensors"))
        rows.append((f"hf-peft from Python ({name}) via peft import", "peft4j `peft predict --adapter`",
                     f"peft {peft.__version__} PeftModel", (py_logits - logits(work / "imported-logits.safetensors"))
                     .abs().max().item()))
    plugins = ["--plugins", str(Path(args.plugins).resolve())] if args.plugins else []
    for method, sets in (PLUGINS.items() if args.plugins else []):
        adapter = train(cli, work, base_file, method, sets, plugins)
        out = work / f"hf-peft-{method}"
        peft4j(cli, "export", "--format", "hf-peft", "--adapter", str(adapter), "--output", str(out), *plugins)
        j = predict(cli, work, base_file, adapter, plugins)
        with torch.no_grad():
            hf = PeftModel.from_pretrained(based(base_file), str(out)).eval()(x)
        rows.append((f"hf-peft (peft export) of the {method} plugin", f"peft {peft.__version__} "
                     f"PeftModel.from_pretrained ({hf_kind(out)})", "`peft predict --adapter`",
                     (hf - j).abs().max().item(), (j - j_base).abs().max().item()))
    for method, sets in REFERENCE.items():
        adapter = train(cli, work, base_file, method, sets, [])
        j = predict(cli, work, base_file, adapter, [])
        model = based(base_file).eval()
        peft4j_reference.apply(model, adapter)
        with torch.no_grad():
            ref = model(x)
        rows.append((f"peft4j adapter file ({method})", f"python/peft4j_reference.py on timm {timm.__version__}",
                     "`peft predict --adapter`", (ref - j).abs().max().item(), (j - j_base).abs().max().item()))
    refused_dir = work / "python-lora-fc1"
    python_lora(base_file, x, refused_dir, ["qkv", "fc1"])
    refusal = subprocess.run([cli, "import", "--format", "hf-peft", str(refused_dir), "--base", str(base_file),
                              "--output", str(work / "refused.safetensors"), "-q"], capture_output=True, text=True)
    refused = refusal.returncode == 1 and "is not LoRA on a qkv layer" in refusal.stderr
    print(f"torch {torch.__version__}, timm {timm.__version__}, peft {peft.__version__}, "
          f"safetensors {safetensors.__version__}; {len(files)} images, {CLASSES} classes, "
          f"lora rank {RANK}, max |B| {b_norm:.4f}, max |logit change by the adapter| {moved:.4f}")
    print("| format | consumer and version | compared with | max abs logit difference | max logit change by the adapter |")
    print("|---|---|---|---|---|")
    for r in rows:
        print(f"| {r[0]} | {r[1]} | {r[2]} | {r[3]:.2e} | {r[4]:.2f} |" if len(r) > 4 else f"| {r[0]} | {r[1]} | {r[2]} | {r[3]:.2e} | |")
    print(f"hf-peft from Python on qkv and fc1: peft import {'refused' if refused else 'DID NOT REFUSE'}: "
          + refusal.stderr.strip())
    if args.fixture:
        shutil.copytree(hf_dir, args.fixture, dirs_exist_ok=True)
    ok = (refused and b_norm > 0 and moved > 1e-3 and all(r[3] < args.tolerance for r in rows)
          and all(r[4] > 1e-3 for r in rows if len(r) > 4))
    print("interop check " + ("passed" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
