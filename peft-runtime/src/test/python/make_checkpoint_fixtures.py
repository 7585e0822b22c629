"""Write the checkpoint fixtures of peft-runtime's io tests (run from the repository root).

Pinned versions (python/requirements.txt): torch 2.5.1, timm 1.0.12, transformers 4.57.6,
huggingface_hub 0.36.2, safetensors 0.8.0, CPU only.

Outputs
  peft-runtime/src/test/hub-cache/                       a Hugging Face hub cache holding one model,
      models--peft4j-fixtures--vit-micro-transformers     laid out by huggingface_hub's own helpers
                                                          (repo_folder_name, _create_symlink,
                                                          _cache_commit_hash_for_specific_revision) and
                                                          checked with scan_cache_dir and
                                                          try_to_load_from_cache:
          refs/main, refs/v1                              both -> REVISION
          snapshots/REVISION/model.safetensors            -> ../../blobs/<sha256 of the file>
          snapshots/REVISION/config.json                  -> ../../blobs/<git blob sha1 of the file>
      The model is a transformers ViTForImageClassification with the dimensions of peft4j's vit-micro
      (32 px, patch 8, hidden 96, 4 layers, 4 heads, intermediate 384, 10 labels), random weights from
      transformers' own initialisation under torch.manual_seed(0), saved by save_pretrained.
  peft-runtime/src/test/resources/checkpoints/transformers_vit_io.safetensors
      input              (2,3,32,32)  torch.manual_seed(1); rand
      logits             (2,10)       transformers' eval-mode logits
      timm_logits        (2,10)       timm's VisionTransformer of the same size on the same weights,
                                      converted by timm's own name map (see convert below)
  peft-runtime/src/test/resources/checkpoints/pos_embed_resample.safetensors
      posemb             (1,1+4*4,6)  torch.manual_seed(2); randn (class token + a 4x4 grid)
      to_7x7, to_3x3, to_6x4          timm.layers.resample_abs_pos_embed(posemb, new_size, num_prefix_tokens=1)
      posemb_reg         (1,5+4*4,6)  class token + 4 registers + a 4x4 grid
      reg_to_5x5                      resample_abs_pos_embed(posemb_reg, [5,5], num_prefix_tokens=5)
"""

import hashlib
import json
import os
import shutil
import tempfile

import timm
import torch
import transformers
from huggingface_hub import scan_cache_dir, try_to_load_from_cache
from huggingface_hub.file_download import (_cache_commit_hash_for_specific_revision, _create_symlink,
                                           repo_folder_name)
from safetensors.torch import save_file
from timm.layers import resample_abs_pos_embed

ROOT = os.getcwd()
CACHE = os.path.join(ROOT, "peft-runtime/src/test/hub-cache")
RESOURCES = os.path.join(ROOT, "peft-runtime/src/test/resources/checkpoints")
REPO = "peft4j-fixtures/vit-micro-transformers"
REVISION = hashlib.sha1(b"peft4j vit-micro transformers fixture").hexdigest()


def transformers_model():
    torch.manual_seed(0)
    config = transformers.ViTConfig(image_size=32, patch_size=8, hidden_size=96, num_hidden_layers=4,
                                    num_attention_heads=4, intermediate_size=384, num_labels=10,
                                    layer_norm_eps=1e-6)
    model = transformers.ViTForImageClassification(config).eval()
    # transformers initialises cls_token and position_embeddings with a truncated normal, biases with 0:
    # give every tensor some values so that a wrong mapping shows in the logits.
    with torch.no_grad():
        for p in model.parameters():
            p.add_(torch.randn_like(p) * 0.02)
    return model


def convert(sd, depth):
    """transformers ViT names -> timm names, as timm's own _convert_ ... would; qkv fused q,k,v."""
    out = {
        "cls_token": sd["vit.embeddings.cls_token"],
        "pos_embed": sd["vit.embeddings.position_embeddings"],
        "patch_embed.proj.weight": sd["vit.embeddings.patch_embeddings.projection.weight"],
        "patch_embed.proj.bias": sd["vit.embeddings.patch_embeddings.projection.bias"],
        "norm.weight": sd["vit.layernorm.weight"], "norm.bias": sd["vit.layernorm.bias"],
        "head.weight": sd["classifier.weight"], "head.bias": sd["classifier.bias"],
    }
    for i in range(depth):
        s, d = f"vit.encoder.layer.{i}.", f"blocks.{i}."
        for leaf in ("weight", "bias"):
            out[d + "attn.qkv." + leaf] = torch.cat([sd[s + "attention.attention." + n + "." + leaf]
                                                    for n in ("query", "key", "value")])
            out[d + "attn.proj." + leaf] = sd[s + "attention.output.dense." + leaf]
            out[d + "norm1." + leaf] = sd[s + "layernorm_before." + leaf]
            out[d + "norm2." + leaf] = sd[s + "layernorm_after." + leaf]
            out[d + "mlp.fc1." + leaf] = sd[s + "intermediate.dense." + leaf]
            out[d + "mlp.fc2." + leaf] = sd[s + "output.dense." + leaf]
    return out


def write_cache(model):
    shutil.rmtree(CACHE, ignore_errors=True)
    storage = os.path.join(CACHE, repo_folder_name(repo_id=REPO, repo_type="model"))
    with tempfile.TemporaryDirectory() as tmp:
        model.save_pretrained(tmp, safe_serialization=True)
        for name in ("model.safetensors", "config.json"):
            src = os.path.join(tmp, name)
            data = open(src, "rb").read()
            if name.endswith(".safetensors"):  # LFS files are stored under their sha256, others their git sha1
                etag = hashlib.sha256(data).hexdigest()
            else:
                etag = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
            blob = os.path.join(storage, "blobs", etag)
            os.makedirs(os.path.dirname(blob), exist_ok=True)
            shutil.copyfile(src, blob)
            pointer = os.path.join(storage, "snapshots", REVISION, name)
            os.makedirs(os.path.dirname(pointer), exist_ok=True)
            _create_symlink(blob, pointer, new_blob=False)
    _cache_commit_hash_for_specific_revision(storage, "main", REVISION)
    _cache_commit_hash_for_specific_revision(storage, "v1", REVISION)
    info = scan_cache_dir(CACHE)
    assert not info.warnings, info.warnings
    (repo,) = info.repos
    assert repo.repo_id == REPO and {r.commit_hash for r in repo.revisions} == {REVISION}, repo
    assert {f.file_name for f in next(iter(repo.revisions)).files} == {"model.safetensors", "config.json"}
    for rev in ("main", "v1", REVISION):
        found = try_to_load_from_cache(REPO, "model.safetensors", cache_dir=CACHE, revision=rev)
        assert found == os.path.join(storage, "snapshots", REVISION, "model.safetensors"), found
    print("hub cache recognised by huggingface_hub", info.size_on_disk, "bytes:", storage)


def main():
    os.makedirs(RESOURCES, exist_ok=True)
    model = transformers_model()
    write_cache(model)
    c = model.config
    timm_model = timm.models.vision_transformer.VisionTransformer(
        img_size=c.image_size, patch_size=c.patch_size, embed_dim=c.hidden_size, depth=c.num_hidden_layers,
        num_heads=c.num_attention_heads, mlp_ratio=c.intermediate_size / c.hidden_size,
        num_classes=c.num_labels).eval()
    timm_model.load_state_dict(convert(model.state_dict(), c.num_hidden_layers))
    torch.manual_seed(1)
    x = torch.rand(2, 3, 32, 32)
    with torch.no_grad():
        logits = model(pixel_values=x).logits
        timm_logits = timm_model(x)
    print("max |transformers - timm| logits:", (logits - timm_logits).abs().max().item())
    save_file({"input": x, "logits": logits.contiguous(), "timm_logits": timm_logits.contiguous()},
              os.path.join(RESOURCES, "transformers_vit_io.safetensors"))

    torch.manual_seed(2)
    posemb = torch.randn(1, 17, 6)
    posemb_reg = torch.randn(1, 21, 6)
    save_file({
        "posemb": posemb,
        "to_7x7": resample_abs_pos_embed(posemb, [7, 7], num_prefix_tokens=1).contiguous(),
        "to_3x3": resample_abs_pos_embed(posemb, [3, 3], num_prefix_tokens=1).contiguous(),
        "to_6x4": resample_abs_pos_embed(posemb, [6, 4], num_prefix_tokens=1).contiguous(),
        "posemb_reg": posemb_reg,
        "reg_to_5x5": resample_abs_pos_embed(posemb_reg, [5, 5], num_prefix_tokens=5).contiguous(),
    }, os.path.join(RESOURCES, "pos_embed_resample.safetensors"))


if __name__ == "__main__":
    main()
