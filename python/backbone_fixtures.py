"""Reference fixtures for the ViT families (docs/backbones.md), made with timm itself.

For every preset of peft4j beyond timm's supervised ViT-S/B/L-16 (already covered by the golden
fixture; dinov2-b14, dinov2-l14 and dinov2-micro shrink to the very tensors of dinov2-s14 and get
no file of their own), this script builds the timm model that the preset mirrors with random weights
(pretrained=False, torch.manual_seed(0)), shrunk through timm's own constructor kwargs to
embed_dim 32, depth 2, 2 heads, 5 classes and an input of 4 x 4 patches (the real patch size,
class and register tokens, LayerScale, norm_pre, activation, pooling and parameter names), and
writes, into peft-runtime/src/test/resources/backbones/:

  <preset>.safetensors     the model's state_dict, as timm saves it (metadata: timm model, kwargs)
  <preset>_io.safetensors  input     (2,3,S,S)  float16: two real photos (Pillow bicubic to S, /255)
                           logits    (2,5)      eval-mode forward of input (as float32)
                           step1_loss, step1_logits, step1_<name>: one full fine-tuning AdamW step
                           (lr 1e-3, weight decay 1e-4, betas 0.9/0.999, eps 1e-8, labels [0, 1],
                           mean cross entropy), then the weights and eval logits after it
  timm_parameter_counts.json  for every preset: the timm model, and the parameter count without
                           head of the full-size model (num_classes=0)

Every tensor is re-drawn after timm's init (weights N(0, 0.1), norm weights and LayerScale
U(0.5, 1.5), biases and tokens N(0, 0.1)), so that LayerScale (timm init 1e-5) and the norms
really act on the logits.

Pinned: python 3.11, torch 2.5.1, timm 1.0.12, safetensors 0.8.0, pillow 13.0.0
(python/requirements.txt).  Run: /work/interop-venv/bin/python python/backbone_fixtures.py
"""

import json
import os

import torch
import torch.nn.functional as F
from PIL import Image
from safetensors.torch import save_file

import timm

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
OUT = os.path.join(REPO, "peft-runtime", "src", "test", "resources", "backbones")
PHOTOS = [os.path.join(REPO, "peft-runtime", "src", "test", "resources", "data", "pil", n)
          for n in ("photo.jpg", "src_97x61.png")]
ADAMW = dict(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-4)
LABELS = [0, 1]
TINY = dict(embed_dim=32, depth=2, num_heads=2, num_classes=5)

# preset -> (timm model, patch size, extra kwargs); must agree with VitPreset.java
PRESETS = {
    "vit-b32": ("vit_base_patch32_224", 32, {}),
    "vit-b16-384": ("vit_base_patch16_384", 16, {}),
    "dinov2-s14": ("vit_small_patch14_dinov2", 14, {}),
    "dinov2-b14": ("vit_base_patch14_dinov2", 14, {}),
    "dinov2-l14": ("vit_large_patch14_dinov2", 14, {}),
    "dinov2-b14-reg4": ("vit_base_patch14_reg4_dinov2", 14, {}),
    "clip-b16": ("vit_base_patch16_clip_quickgelu_224", 16, {}),
    "clip-l14": ("vit_large_patch14_clip_quickgelu_224", 14, {}),
    "mae-b16": ("vit_base_patch16_224", 16, {"global_pool": "avg"}),
    "dinov2-micro": ("vit_small_patch14_dinov2", 14, {}),
    "clip-micro": ("vit_base_patch16_clip_quickgelu_224", 8, {}),
}
# same timm structure once shrunk as dinov2-s14: counted at full size, no fixture of their own
SAME_AS_DINOV2_S14 = {"dinov2-b14", "dinov2-l14", "dinov2-micro"}
# full-size kwargs of the presets whose size differs from timm's default
FULL = {
    "dinov2-micro": dict(img_size=56, embed_dim=96, depth=4, num_heads=4),
    "clip-micro": dict(img_size=32, patch_size=8, embed_dim=96, depth=4, num_heads=4),
}


def redraw(model):
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("gamma") or ("norm" in name and name.endswith("weight")):
                p.uniform_(0.5, 1.5)
            else:
                p.normal_(0.0, 0.1)


def photos(size):
    imgs = [Image.open(p).convert("RGB").resize((size, size), Image.BICUBIC) for p in PHOTOS]
    x = torch.stack([torch.tensor(list(i.get_flattened_data()), dtype=torch.float32).reshape(size, size, 3).permute(2, 0, 1)
                     for i in imgs]) / 255.0
    return x.half()


def fixture(preset, timm_name, patch, extra):
    size = 4 * patch
    kwargs = dict(TINY, img_size=size, patch_size=patch, **extra)
    torch.manual_seed(0)
    model = timm.create_model(timm_name, pretrained=False, **kwargs)
    redraw(model)
    state = {k: v.detach().clone().contiguous() for k, v in model.state_dict().items()}
    x = photos(size)
    xf = x.float()
    model.eval()
    with torch.no_grad():
        logits = model(xf)
    model.train()
    opt = torch.optim.AdamW(model.parameters(), **ADAMW)
    loss = F.cross_entropy(model(xf), torch.tensor(LABELS))
    loss.backward()
    opt.step()
    model.eval()
    with torch.no_grad():
        after = model(xf)
    io = {"input": x, "logits": logits, "step1_loss": loss.detach().reshape(1), "step1_logits": after}
    params = dict(model.named_parameters())
    for name in ("head.weight", "blocks.0.attn.qkv.weight", "blocks.1.ls2.gamma", "reg_token", "norm_pre.weight",
                 "fc_norm.weight"):
        if name in params:
            io["step1_" + name] = params[name].detach().clone()
    meta = {"timm_model": timm_name, "kwargs": json.dumps(kwargs), "timm": timm.__version__, "torch": torch.__version__}
    save_file(state, os.path.join(OUT, preset + ".safetensors"), meta)
    save_file(io, os.path.join(OUT, preset + "_io.safetensors"), dict(meta, adamw=json.dumps(ADAMW),
                                                                          labels=json.dumps(LABELS)))
    return size


def full_count(timm_name, preset, extra):
    model = timm.create_model(timm_name, pretrained=False, num_classes=0, **extra, **FULL.get(preset, {}))
    count = sum(p.numel() for p in model.parameters())
    del model
    return count


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.set_num_threads(1)
    counts = {}
    for preset, (timm_name, patch, extra) in PRESETS.items():
        counts[preset] = {"timm_model": timm_name, "kwargs": dict(extra, **FULL.get(preset, {})),
                          "backbone_parameters": full_count(timm_name, preset, extra)}
        made = "no fixture (as dinov2-s14)"
        if preset not in SAME_AS_DINOV2_S14:
            size = fixture(preset, timm_name, patch, extra)
            made = (f"fixture {size} px, {os.path.getsize(os.path.join(OUT, preset + '.safetensors')):,} + "
                    f"{os.path.getsize(os.path.join(OUT, preset + '_io.safetensors')):,} bytes")
        print(f"{preset:16s} {timm_name:38s} {made}; "
              f"full size {counts[preset]['backbone_parameters']:,} parameters without head")
    with open(os.path.join(OUT, "timm_parameter_counts.json"), "w") as f:
        json.dump(counts, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
