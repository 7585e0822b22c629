#!/usr/bin/env python3
"""Writes the method reference fixtures: every built-in method written in PyTorch from docs/methods.md.

Pinned versions (python/requirements.txt): torch 2.5.1, timm 1.0.12, peft 0.21.2, safetensors 0.8.0,
numpy 2.4.6, pillow 13.0.0.

Each method here is written from its definition in docs/methods.md (and the example plugins' README
files), not from the Java. The backbone is a timm `VisionTransformer` with the shape of peft4j's
`vit-micro` preset at depth 2 (32 px, patch 8, dim 96, 4 heads, MLP 384, 10 classes), seeded, with
its biases and LayerNorm parameters moved away from timm's zeros and ones and its linear weights
at a trained model's scale (1/√fan_in, twice that for qkv, so that the attention is not uniform). The forward pass below is
the docs' block equation with a hook at every site; without a method it is checked against timm's own
forward before anything is written. Every inserted tensor gets fixed, non-trivial values (no zero
up-projections); module dropouts and drop path are 0, so train and eval mode differ only in the flag.
Everything runs in float64 from float32-rounded inputs; the results are stored as float32.

Outputs:

* in peft-testkit/src/main/resources/org/peft4j/testkit/references/ (shared by every fixture):
  `base.safetensors`, the timm state dict (timm names, the head included), loadable by `Checkpoints`;
  `inputs.safetensors`, `images` (4, 3, 32, 32) in [0, 1], four real images from
  peft-runtime/src/test/resources/data/pil resized to 32 × 32 (bilinear), and `labels` (4, class
  indices stored as float32);
* `<case>.safetensors` per case, in peft-methods/src/test/resources/references/ for the built-in
  methods and in examples/{ia3,dora}-plugin/src/test/resources/references/ for the example plugins:
  `init.<name>` (the method's tensors under peft4j's names), `logits.train`, `logits.eval`, `loss`
  (1), `grad.<name>` for every trainable tensor (the head included) and `step.<name>`, its value
  after one torch.optim.AdamW step (lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 0.1 on every
  trainable tensor, one group); metadata `method`, `hyperparameters` (JSON), `reference_compat`,
  `lr`, `weight_decay`, `source`, and where a source defines some gradients otherwise, `not_compared` and its reason;
* `<case>-hf-peft.safetensors` where Hugging Face peft has the same method on the same modules (LoRA
  on qkv with lora_alpha = r, (IA)³ on qkv and fc2, DoRA on qkv): the same quantities computed by
  peft's own modules.

    /work/interop-venv/bin/python python/method_references.py
"""
import argparse
import json
import math
import struct
from pathlib import Path

import torch
import torch.nn.functional as F
from PIL import Image
from safetensors.torch import save
from timm.models.vision_transformer import VisionTransformer

REPO = Path(__file__).resolve().parent.parent
IMAGES = ["photo.jpg", "palette.png", "src_97x61.png", "rgba.png"]
LABELS = [3, 7, 0, 5]
ARCH = dict(img_size=32, patch_size=8, embed_dim=96, depth=2, num_heads=4, mlp_ratio=4.0, num_classes=10)
D, L, HEADS, H, PATCH, GRID = 96, 2, 4, 384, 8, 4
LR, WD = 1e-3, 0.1
DT = torch.float64


def save_file(tensors, path, metadata=None):
    """safetensors.torch.save_file with the header's keys sorted, so that a rerun writes the same bytes."""
    raw = save(tensors, metadata=metadata)
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.dumps(json.loads(raw[8:8 + n]), sort_keys=True, separators=(",", ":")).encode()
    header += b" " * (-len(header) % 8)
    Path(path).write_bytes(struct.pack("<Q", len(header)) + header + raw[8 + n:])


# ----------------------------------------------------------------------------- backbone


def layer_norm(x, w, b):
    mu = x.mean(-1, keepdim=True)
    var = ((x - mu) ** 2).mean(-1, keepdim=True)
    return (x - mu) / torch.sqrt(var + 1e-6) * w + b


def linear(x, w, b=None):
    y = x @ w.T
    return y if b is None else y + b


class Method:
    """The identity at every site; a method overrides the sites it uses."""

    name = None
    hyperparameters = {}
    reference_compat = False
    # timm names of backbone tensors that train (besides the head)
    trains = staticmethod(lambda name: False)

    def tensors(self):
        """peft4j name -> shape of every tensor the method adds."""
        return {}

    def patch_tokens(self, p, t):
        return t

    def block_input(self, p, i, t):
        return t

    def attn_norm(self, p, i, a, r0):
        return a

    def qkv(self, p, i, q, a):
        return q

    def attn_mask(self, p, i, n_tokens):
        return None

    def proj(self, p, i, o, ctx):
        return o

    def attn_branch(self, p, i, o, r0, a):
        return o

    def mlp_norm(self, p, i, m, r1):
        return m

    def fc1(self, p, i, h, m):
        return h

    def mlp_hidden(self, p, i, h):
        return h

    def fc2(self, p, i, y, h):
        return y

    def mlp_branch(self, p, i, y, r1, m):
        return y

    def block_output(self, p, i, t):
        return t

    def final_norm(self, p, n, t):
        return n

    def head_input(self, p, pooled, n):
        return pooled


def forward(p, m, images):
    """docs/methods.md#backbone with the sites of docs/methods.md#common-framework."""
    t = F.conv2d(images, p["patch_embed.proj.weight"], p["patch_embed.proj.bias"], stride=PATCH)
    t = t.flatten(2).transpose(1, 2)
    t = m.patch_tokens(p, t)
    b = t.shape[0]
    t = torch.cat([p["cls_token"].expand(b, -1, -1), t], dim=1) + p["pos_embed"]
    for i in range(L):
        k = f"blocks.{i}."
        r0 = m.block_input(p, i, t)
        a = m.attn_norm(p, i, layer_norm(r0, p[k + "norm1.weight"], p[k + "norm1.bias"]), r0)
        q = m.qkv(p, i, linear(a, p[k + "attn.qkv.weight"], p[k + "attn.qkv.bias"]), a)
        n = q.shape[1]
        q = q.reshape(b, n, 3, HEADS, D // HEADS).permute(2, 0, 3, 1, 4)
        scores = q[0] @ q[1].transpose(-2, -1) / math.sqrt(D // HEADS)
        mask = m.attn_mask(p, i, n)
        if mask is not None:
            scores = scores.masked_fill(mask, float("-inf"))
        ctx = (scores.softmax(-1) @ q[2]).transpose(1, 2).reshape(b, n, D)
        o = m.proj(p, i, linear(ctx, p[k + "attn.proj.weight"], p[k + "attn.proj.bias"]), ctx)
        r1 = r0 + m.attn_branch(p, i, o, r0, a)
        mm = m.mlp_norm(p, i, layer_norm(r1, p[k + "norm2.weight"], p[k + "norm2.bias"]), r1)
        h = m.fc1(p, i, linear(mm, p[k + "mlp.fc1.weight"], p[k + "mlp.fc1.bias"]), mm)
        h = m.mlp_hidden(p, i, F.gelu(h))
        y = m.fc2(p, i, linear(h, p[k + "mlp.fc2.weight"], p[k + "mlp.fc2.bias"]), h)
        t = m.block_output(p, i, r1 + m.mlp_branch(p, i, y, r1, mm))
    n = m.final_norm(p, layer_norm(t, p["norm.weight"], p["norm.bias"]), t)
    pooled = m.head_input(p, n[:, 0], n)
    return linear(pooled, p["head.weight"], p["head.bias"])


# ----------------------------------------------------------------------------- methods


def is_bias(name):
    return name.endswith(".bias") and not name.startswith("head.")


def is_norm(name):
    return ".norm1." in name or ".norm2." in name or name.startswith("norm.")


class Linear(Method):
    name = "linear"


class Full(Method):
    name = "full"
    trains = staticmethod(lambda n: not n.startswith("head."))


class Ln(Method):
    name = "ln"
    trains = staticmethod(is_norm)


class BitFit(Method):
    name = "bitfit"
    trains = staticmethod(is_bias)


class DiffFit(Method):
    """r1 = r0 + γ1 ⊙ DP(o), r2 = r1 + γ2 ⊙ DP(y); biases and LayerNorm γ train too."""

    name = "difffit"
    trains = staticmethod(lambda n: is_bias(n) or is_norm(n))

    def tensors(self):
        return {f"blocks.{i}.difffit_gamma{j}": (D,) for i in range(L) for j in (1, 2)}

    def attn_branch(self, p, i, o, r0, a):
        return p[f"blocks.{i}.difffit_gamma1"] * o

    def mlp_branch(self, p, i, y, r1, m):
        return p[f"blocks.{i}.difffit_gamma2"] * y


class Ssf(Method):
    """y = x ⊙ s + t at the eight sites of docs/methods.md#ssf."""

    name = "ssf"

    def __init__(self, skip=None):
        self.skip = skip

    def tensors(self):
        names = {"patch_embed.": ("_1", D), "": ("", D)}
        for i in range(L):
            names.update({f"blocks.{i}.": ("_1", D), f"blocks.{i}.attn.": ("_qkv", 3 * D)})
        shapes = {}
        for owner, (suffix, width) in names.items():
            for kind in ("scale", "shift"):
                shapes[f"{owner}ssf_{kind}{suffix}"] = (width,)
        for i in range(L):
            for owner, suffix, width in ((f"blocks.{i}.attn.", "_linear", D), (f"blocks.{i}.", "_2", D),
                                         (f"blocks.{i}.mlp.", "_hidden", H), (f"blocks.{i}.mlp.", "_out", D)):
                for kind in ("scale", "shift"):
                    shapes[f"{owner}ssf_{kind}{suffix}"] = (width,)
        return shapes

    @staticmethod
    def _ssf(p, owner, suffix, x):
        return x * p[f"{owner}ssf_scale{suffix}"] + p[f"{owner}ssf_shift{suffix}"]

    def patch_tokens(self, p, t):
        return self._ssf(p, "patch_embed.", "_1", t)

    def attn_norm(self, p, i, a, r0):
        return self._ssf(p, f"blocks.{i}.", "_1", a)

    def qkv(self, p, i, q, a):
        return self._ssf(p, f"blocks.{i}.attn.", "_qkv", q)

    def proj(self, p, i, o, ctx):
        return self._ssf(p, f"blocks.{i}.attn.", "_linear", o)

    def mlp_norm(self, p, i, m, r1):
        return self._ssf(p, f"blocks.{i}.", "_2", m)

    def fc1(self, p, i, h, m):
        return self._ssf(p, f"blocks.{i}.mlp.", "_hidden", h)

    def fc2(self, p, i, y, h):
        return self._ssf(p, f"blocks.{i}.mlp.", "_out", y)

    def final_norm(self, p, n, t):
        return self._ssf(p, "", "", n)


class VptShallow(Method):
    """n prompts prepended before block 0, removed after the last block (after block 0 under reference_compat)."""

    name = "vpt_shallow"
    prompts = 3
    hyperparameters = {"prompts": "3", "dropout": "0"}

    def __init__(self, reference_compat=False):
        self.reference_compat = reference_compat

    def tensors(self):
        return {"vpt.prompt_embeddings": (1, self.prompts, D)}

    def block_input(self, p, i, t):
        if i != 0:
            return t
        return torch.cat([p["vpt.prompt_embeddings"].expand(t.shape[0], -1, -1), t], dim=1)

    def block_output(self, p, i, t):
        return t[:, self.prompts:] if i == (0 if self.reference_compat else L - 1) else t


class VptDeep(Method):
    """Prompt set i prepended before block i and removed after it."""

    name = "vpt_deep"
    prompts = 3
    hyperparameters = {"prompts": "3", "dropout": "0"}

    def tensors(self):
        return {"vpt.prompt_embeddings": (L, self.prompts, D)}

    def block_input(self, p, i, t):
        return torch.cat([p["vpt.prompt_embeddings"][i:i + 1].expand(t.shape[0], -1, -1), t], dim=1)

    def block_output(self, p, i, t):
        return t[:, self.prompts:]


class Lora(Method):
    """qkv ← qkv + B·A·a on the attention input a, no α/r scale."""

    name = "lora"
    rank = 4
    hyperparameters = {"rank": "4", "dropout": "0"}

    def tensors(self):
        s = {}
        for i in range(L):
            s[f"blocks.{i}.attn.lora.lora_a.weight"] = (self.rank, D)
            s[f"blocks.{i}.attn.lora.lora_b.weight"] = (3 * D, self.rank)
        return s

    def qkv(self, p, i, q, a):
        k = f"blocks.{i}.attn.lora."
        return q + linear(linear(a, p[k + "lora_a.weight"]), p[k + "lora_b.weight"])


def bottleneck_tensors(module, r, blocks=range(L)):
    s = {}
    for i in blocks:
        k = f"blocks.{i}.{module}."
        s.update({k + "down_proj.weight": (r, D), k + "down_proj.bias": (r,),
                  k + "up_proj.weight": (D, r), k + "up_proj.bias": (D,)})
    return s


def adapter(p, i, module, scale, x):
    """Ad(x) = s · up(ReLU(down(x))) (docs/methods.md#adapter), dropout 0."""
    k = f"blocks.{i}.{module}."
    hidden = F.relu(linear(x, p[k + "down_proj.weight"], p[k + "down_proj.bias"]))
    return scale * linear(hidden, p[k + "up_proj.weight"], p[k + "up_proj.bias"])


class AdaptFormer(Method):
    """r2 = r1 + DP(y + Ad(r1)): parallel beside the MLP, reading the residual stream."""

    name = "adaptformer"
    r, scale = 4, 0.1
    hyperparameters = {"bottleneck": "4", "dropout": "0"}

    def tensors(self):
        return bottleneck_tensors("ft_mlp_module", self.r)

    def mlp_branch(self, p, i, y, r1, m):
        return y + adapter(p, i, "ft_mlp_module", self.scale, r1)


class Pfeiffer(Method):
    """r2 = r1 + DP(Ad(y) + y): sequential after the MLP."""

    name = "pfeiffer"
    r, scale = 4, 0.1

    def __init__(self, init):
        self.init = init
        self.hyperparameters = {"bottleneck": "4", "scale": "0.1", "init": init, "dropout": "0"}

    def tensors(self):
        return bottleneck_tensors("ft_mlp_module", self.r)

    def mlp_branch(self, p, i, y, r1, m):
        return adapter(p, i, "ft_mlp_module", self.scale, y) + y


class Houlsby(Method):
    """Sequential adapters after the attention and after the MLP."""

    name = "houlsby"
    r, scale = 4, 0.1
    hyperparameters = {"bottleneck": "4", "scale": "0.1", "dropout": "0"}

    def tensors(self):
        return {**bottleneck_tensors("ft_attn_module", self.r), **bottleneck_tensors("ft_mlp_module", self.r)}

    def attn_branch(self, p, i, o, r0, a):
        return adapter(p, i, "ft_attn_module", self.scale, o) + o

    def mlp_branch(self, p, i, y, r1, m):
        return adapter(p, i, "ft_mlp_module", self.scale, y) + y


def quick_gelu(u):
    return u * torch.sigmoid(1.702 * u)


class ConvPass(Method):
    """Parallel beside attention and MLP on the normalised stream: s·up(QG(conv(QG(down(z)))))."""

    name = "convpass"
    r, scale = 4, 10.0
    hyperparameters = {"bottleneck": "4", "scale": "10", "dropout": "0"}

    def tensors(self):
        s = {}
        for i in range(L):
            for module in ("ft_attn_module", "ft_mlp_module"):
                k = f"blocks.{i}.{module}."
                s.update({k + "adapter_conv.weight": (self.r, self.r, 3, 3), k + "adapter_conv.bias": (self.r,),
                          k + "adapter_down.weight": (self.r, D), k + "adapter_down.bias": (self.r,),
                          k + "adapter_up.weight": (D, self.r), k + "adapter_up.bias": (D,)})
        return s

    def _module(self, p, i, module, z):
        k = f"blocks.{i}.{module}."
        u = quick_gelu(linear(z, p[k + "adapter_down.weight"], p[k + "adapter_down.bias"]))
        b = u.shape[0]
        w, bias = p[k + "adapter_conv.weight"], p[k + "adapter_conv.bias"]
        cls = F.conv2d(u[:, 0].reshape(b, self.r, 1, 1), w, bias, padding=1).reshape(b, 1, self.r)
        grid = u[:, 1:].transpose(1, 2).reshape(b, self.r, GRID, GRID)
        patches = F.conv2d(grid, w, bias, padding=1).reshape(b, self.r, GRID * GRID).transpose(1, 2)
        v = quick_gelu(torch.cat([cls, patches], dim=1))
        return self.scale * linear(v, p[k + "adapter_up.weight"], p[k + "adapter_up.bias"])

    def attn_branch(self, p, i, o, r0, a):
        return o + self._module(p, i, "ft_attn_module", a)

    def mlp_branch(self, p, i, y, r1, m):
        return y + self._module(p, i, "ft_mlp_module", m)


class RepAdapter(Method):
    """RA(x) = x + s·(B̃·(A·x + a) + b) on the LN1 and LN2 outputs; B̃ a grouped 1×1 conv."""

    name = "repadapter"
    r, scale, groups = 4, 0.5, 2
    hyperparameters = {"bottleneck": "4", "scale": "0.5", "dropout": "0"}

    def tensors(self):
        s = {}
        for i in range(L):
            for module in ("ft_attn_module", "ft_mlp_module"):
                k = f"blocks.{i}.{module}."
                s.update({k + "conv_A.weight": (self.r, D, 1), k + "conv_A.bias": (self.r,),
                          k + "conv_B.weight": (D, self.r // self.groups, 1), k + "conv_B.bias": (D,)})
        return s

    def _module(self, p, i, module, x):
        k = f"blocks.{i}.{module}."
        z = F.conv1d(x.transpose(1, 2), p[k + "conv_A.weight"], p[k + "conv_A.bias"])
        z = F.conv1d(z, p[k + "conv_B.weight"], p[k + "conv_B.bias"], groups=self.groups)
        return x + self.scale * z.transpose(1, 2)

    def attn_norm(self, p, i, a, r0):
        return self._module(p, i, "ft_attn_module", a)

    def mlp_norm(self, p, i, m, r1):
        return self._module(p, i, "ft_mlp_module", m)


class Fact(Method):
    """Shared U, V; per-block cores; s·Δ added to qkv, proj, fc1 and fc2 (docs/methods.md#fact)."""

    d, scale, k = 4, 0.5, H // D
    hyperparameters = {"dim": "4", "scale": "0.5", "dropout": "0"}
    prefix = "blocks.0.attn.fact."

    def shared(self):
        return {self.prefix + "FacTu.weight": (self.d, D), self.prefix + "FacTv.weight": (D, self.d)}

    def cores(self, p, i):
        raise NotImplementedError

    def _u(self, p, x):
        return linear(x, p[self.prefix + "FacTu.weight"])

    def _v(self, p, x):
        return linear(x, p[self.prefix + "FacTv.weight"])

    def qkv(self, p, i, q, a):
        c = self.cores(p, i)
        ux = self._u(p, a)
        return q + self.scale * torch.cat([self._v(p, linear(ux, c[j])) for j in ("q", "k", "v")], dim=-1)

    def proj(self, p, i, o, ctx):
        return o + self.scale * self._v(p, linear(self._u(p, ctx), self.cores(p, i)["o"]))

    def fc1(self, p, i, h, m):
        g = linear(self._u(p, m), self.cores(p, i)["1"])
        return h + self.scale * torch.cat([self._v(p, g[..., c * self.d:(c + 1) * self.d]) for c in range(self.k)], -1)

    def fc2(self, p, i, y, h):
        w = torch.cat([self._u(p, h[..., c * D:(c + 1) * D]) for c in range(self.k)], dim=-1)
        return y + self.scale * self._v(p, linear(w, self.cores(p, i)["2"]))


class FactTt(Fact):
    name = "fact_tt"

    def tensors(self):
        s = self.shared()
        for i in range(L):
            k = f"{self.prefix}per_block_para.{i}."
            for j in range(4):
                s[f"{k}attn.{j}.weight"] = (self.d, self.d)
            s[k + "mlp.0.weight"] = (self.k * self.d, self.d)
            s[k + "mlp.1.weight"] = (self.d, self.k * self.d)
        return s

    def cores(self, p, i):
        k = f"{self.prefix}per_block_para.{i}."
        c = {name: p[f"{k}attn.{j}.weight"] for j, name in enumerate("qkvo")}
        c["1"], c["2"] = p[k + "mlp.0.weight"], p[k + "mlp.1.weight"]
        return c


class FactTk(Fact):
    name = "fact_tk"

    def tensors(self):
        s = self.shared()
        s[self.prefix + "FacTp"] = (self.d, (4 + 2 * self.k) * L)
        s[self.prefix + "FacTc"] = (self.d, self.d, self.d)
        return s

    def cores(self, p, i):
        cc, pp = p[self.prefix + "FacTc"], p[self.prefix + "FacTp"]
        cols = 4 + 2 * self.k
        t = torch.einsum("abl,lj->abj", cc, pp[:, cols * i:cols * i + 4])
        c = {name: t[:, :, j].T for j, name in enumerate("qkvo")}
        t2 = torch.einsum("abl,lj->abj", cc, pp[:, cols * i + 4:cols * (i + 1)])
        m1 = t2[:, :, :self.k].reshape(self.d, self.d * self.k)  # M1[a, b·k + j] = T'[a, b, j]
        m2 = t2[:, :, self.k:].reshape(self.d, self.d * self.k)  # M2[a, b·k + j] = T'[a, b, k + j]
        c["1"], c["2"] = m1.T, m2
        return c


class Vqt(Method):
    """Query prompts read the tokens, nothing reads them; L2-normalised and combined at the head."""

    name = "vqt"
    prompts = 2
    hyperparameters = {"prompts": "2", "dropout": "0"}

    def __init__(self):
        self.outputs = []

    def tensors(self):
        return {"vqt.query_prompt_embeddings": (L, self.prompts, D),
                "vqt.combine_layer.weight": (1, L * self.prompts + 1)}

    def block_input(self, p, i, t):
        if i == 0:
            self.outputs = []
        q = p["vqt.query_prompt_embeddings"][i:i + 1].expand(t.shape[0], -1, -1)
        return torch.cat([q, t], dim=1)

    def attn_mask(self, p, i, n_tokens):
        mask = torch.zeros(n_tokens, n_tokens, dtype=torch.bool)
        mask[:, :self.prompts] = True  # no token attends to a query prompt as a key
        return mask

    def block_output(self, p, i, t):
        self.outputs.append(t[:, :self.prompts])
        return t[:, self.prompts:]

    def head_input(self, p, pooled, n):
        feats = torch.cat([pooled[:, None]] + self.outputs, dim=1)  # (B, L·n + 1, D): CLS first
        feats = F.normalize(feats, dim=-1)
        return (p["vqt.combine_layer.weight"][0][None, :, None] * feats).sum(1)


class Selective(Method):
    name = "selective"
    hyperparameters = {"part": "attn", "blocks": "1"}
    trains = staticmethod(lambda n: n.startswith(f"blocks.{L - 1}.attn."))


class Ia3(Method):
    """(IA)³ (examples/ia3-plugin): k and v of qkv scaled by l_k, l_v; the MLP hidden activation by l_ff."""

    name = "ia3"

    def tensors(self):
        s = {}
        for i in range(L):
            s.update({f"blocks.{i}.attn.ia3_k": (D,), f"blocks.{i}.attn.ia3_v": (D,), f"blocks.{i}.mlp.ia3_ff": (H,)})
        return s

    def qkv(self, p, i, q, a):
        ones = torch.ones(D, dtype=q.dtype)
        return q * torch.cat([ones, p[f"blocks.{i}.attn.ia3_k"], p[f"blocks.{i}.attn.ia3_v"]])

    def mlp_hidden(self, p, i, h):
        return h * p[f"blocks.{i}.mlp.ia3_ff"]


class Dora(Method):
    """DoRA (examples/dora-plugin) on qkv: W' = m ⊙ (W + B·A) / ‖W + B·A‖ (row norms), gradient through the norm."""

    name = "dora"
    rank = 4
    hyperparameters = {"rank": "4"}

    def tensors(self):
        s = {}
        for i in range(L):
            k = f"blocks.{i}.attn.qkv."
            s.update({k + "dora_a.weight": (self.rank, D), k + "dora_b.weight": (3 * D, self.rank), k + "dora_m": (3 * D,)})
        return s

    def qkv(self, p, i, q, a):
        k = f"blocks.{i}.attn.qkv."
        v = p[k + "weight"] + p[k + "dora_b.weight"] @ p[k + "dora_a.weight"]
        w = p[k + "dora_m"][:, None] * v / v.norm(dim=1, keepdim=True)
        return linear(a, w, p[k + "bias"])

    @staticmethod
    def magnitudes(values, base):
        """m near the row norms of W (not around zero): ‖W‖ ⊙ (1 + 0.2·n)."""
        for name in list(values):
            if name.endswith("dora_m"):
                rows = base[name[:-len("dora_m")] + "weight"].to(DT).norm(dim=1)
                values[name] = (rows * (1 + values[name])).float().to(DT)


# ----------------------------------------------------------------------------- values


def inserted_values(shapes, generator):
    """Fixed, non-trivial values: weights of magnitude 1/√fan_in, biases 0.1, scales around one."""
    values = {}
    for name, shape in shapes.items():
        n = torch.randn(shape, generator=generator, dtype=DT)
        leaf = name.split(".")[-1]
        if "ssf_scale" in name or "difffit_gamma" in name or name.endswith("combine_layer.weight"):
            v = 1 + 0.2 * n
        elif "ssf_shift" in name or leaf == "bias":
            v = 0.1 * n
        elif "prompt" in name:
            v = 0.5 * n
        elif name.endswith("FacTc"):
            v = n / shape[0]
        elif len(shape) == 1:
            v = 0.2 * n
        else:
            fan_in = math.prod(shape[1:])
            v = n / math.sqrt(fan_in)
        values[name] = v.float().to(DT)
    return values


def base_model(seed=0):
    torch.manual_seed(seed)
    vit = VisionTransformer(**ARCH).eval()
    with torch.no_grad():
        g = torch.Generator().manual_seed(seed + 1)
        for name, t in vit.named_parameters():
            if name.endswith(".bias") or is_norm(name):
                t.add_(0.1 * torch.randn(t.shape, generator=g))
            elif name.endswith(".weight") and t.dim() == 2 and not name.startswith("head."):
                # a trained model's scale (timm's 0.02 leaves the attention nearly uniform); sharper q and k
                gain = 2.0 if ".qkv." in name else 1.0
                t.copy_(gain * torch.randn(t.shape, generator=g) / math.sqrt(t.shape[1]))
            elif name in ("cls_token", "pos_embed"):
                t.copy_(0.5 * torch.randn(t.shape, generator=g))
    return vit


def images():
    root = REPO / "peft-runtime/src/test/resources/data/pil"
    arrays = []
    for name in IMAGES:
        img = Image.open(root / name).convert("RGB").resize((32, 32), Image.BILINEAR)
        arrays.append(torch.tensor(list(img.get_flattened_data()), dtype=torch.float32).reshape(32, 32, 3).permute(2, 0, 1) / 255)
    return torch.stack(arrays), torch.tensor(LABELS, dtype=torch.int64)


def run(method, base, x, y, inserted):
    """Logits (train and eval are one function here), loss, gradients and one AdamW step."""
    p = {k: v.detach().to(DT).clone() for k, v in base.items()}
    p.update({k: v.clone() for k, v in inserted.items()})
    trainable = [k for k in p if k in inserted or k.startswith("head.") or method.trains(k)]
    for k in trainable:
        p[k].requires_grad_(True)
    logits_train = forward(p, method, x)
    loss = F.cross_entropy(logits_train, y)
    grads = dict(zip(trainable, torch.autograd.grad(loss, [p[k] for k in trainable])))
    with torch.no_grad():
        logits_eval = forward(p, method, x)
    return logits_train, logits_eval, loss, grads, adamw_step(p, trainable, grads)


def adamw_step(p, trainable, grads):
    params = [p[k].detach().clone().requires_grad_(True) for k in trainable]
    for t, k in zip(params, trainable):
        t.grad = grads[k].clone()
    torch.optim.AdamW(params, lr=LR, betas=(0.9, 0.999), eps=1e-8, weight_decay=WD).step()
    return {k: t.detach() for k, t in zip(trainable, params)}


def write_case(out, case, method, inserted, result, source, not_compared=None):
    """`not_compared`: trained tensors whose gradient the source defines otherwise, with the reason."""
    logits_train, logits_eval, loss, grads, stepped = result
    skipped = sorted(not_compared[0]) if not_compared else []
    grads = {k: v for k, v in grads.items() if k not in skipped}
    stepped = {k: v for k, v in stepped.items() if k not in skipped}
    tensors = {f"init.{k}": v for k, v in inserted.items()}
    tensors.update({"logits.train": logits_train, "logits.eval": logits_eval, "loss": loss.reshape(1)})
    tensors.update({f"grad.{k}": v for k, v in grads.items()})
    tensors.update({f"step.{k}": v for k, v in stepped.items()})
    tensors = {k: v.detach().float().contiguous() for k, v in tensors.items()}
    meta = {"method": method.name, "hyperparameters": json.dumps(method.hyperparameters, sort_keys=True),
            "lr": repr(LR), "weight_decay": repr(WD), "source": source,
            "reference_compat": "true" if method.reference_compat else "false"}
    if skipped:
        meta.update({"not_compared": ",".join(skipped), "not_compared_reason": not_compared[1]})
    save_file(tensors, str(out / f"{case}.safetensors"), metadata=meta)
    print(f"{case:24s} loss {loss.item():.6f}  |logits| {logits_eval.abs().max().item():.4f}  "
          f"{len(grads)} trained tensors  ({source})")


# ----------------------------------------------------------------------------- HF peft


def hf_peft(base_vit, x, y, config, assign, collect):
    """One method through peft's own modules on the same timm model, with the head trainable.

    `assign(params)` sets peft's tensors (by peft name) to the fixture's values; `collect(tensors)`
    maps peft's tensors (by peft name) to peft4j's names."""
    import peft

    model = VisionTransformer(**ARCH).to(DT)
    model.load_state_dict({k: v.to(DT) for k, v in base_vit.state_dict().items()})
    model = peft.get_peft_model(model, config)
    params = dict(model.named_parameters())
    with torch.no_grad():
        assign(params)
    for name in ("base_model.model.head.weight", "base_model.model.head.bias"):
        params[name].requires_grad_(True)
    trainable = [t for t, q in params.items() if q.requires_grad]
    model.train()
    logits_train = model(x)
    loss = F.cross_entropy(logits_train, y)
    loss.backward()
    grads = collect({t: params[t].grad.detach().clone() for t in trainable})
    optimizer = torch.optim.AdamW([params[t] for t in trainable], lr=LR, betas=(0.9, 0.999), eps=1e-8, weight_decay=WD)
    model.eval()
    with torch.no_grad():
        logits_eval = model(x)
    optimizer.step()
    stepped = collect({t: params[t].detach().clone() for t in trainable})
    return logits_train, logits_eval, loss, grads, stepped


def with_head(mapping):
    """peft name -> peft4j name, the head added."""
    return {**mapping, "base_model.model.head.weight": "head.weight", "base_model.model.head.bias": "head.bias"}


def renamed(mapping):
    def collect(tensors):
        assert sorted(tensors) == sorted(mapping), sorted(set(tensors) ^ set(mapping))
        return {mapping[t]: v for t, v in tensors.items()}
    return collect


def hf_peft_lora(base_vit, x, y, lora, inserted):
    """LoRA through peft's LoraModel: target qkv, lora_alpha = r (scale 1), dropout 0."""
    import peft

    names = {}
    for i in range(L):
        for ours, theirs in (("lora_a", "lora_A"), ("lora_b", "lora_B")):
            names[f"base_model.model.blocks.{i}.attn.qkv.{theirs}.default.weight"] = f"blocks.{i}.attn.lora.{ours}.weight"

    def assign(params):
        for theirs, ours in names.items():
            params[theirs].copy_(inserted[ours])

    config = peft.LoraConfig(r=lora.rank, lora_alpha=lora.rank, target_modules=["qkv"], lora_dropout=0.0)
    return hf_peft(base_vit, x, y, config, assign, renamed(with_head(names)))


def hf_peft_dora(base_vit, x, y, dora, inserted):
    """DoRA through peft's LoraModel with use_dora: target qkv, lora_alpha = r, dropout 0."""
    import peft

    names = {}
    for i in range(L):
        k, ours = f"base_model.model.blocks.{i}.attn.qkv.", f"blocks.{i}.attn.qkv."
        names.update({k + "lora_A.default.weight": ours + "dora_a.weight", k + "lora_B.default.weight": ours + "dora_b.weight",
                      k + "lora_magnitude_vector.default.weight": ours + "dora_m"})

    def assign(params):
        for theirs, ours in names.items():
            params[theirs].copy_(inserted[ours])

    config = peft.LoraConfig(r=dora.rank, lora_alpha=dora.rank, target_modules=["qkv"], lora_dropout=0.0, use_dora=True)
    return hf_peft(base_vit, x, y, config, assign, renamed(with_head(names)))


def hf_peft_ia3(base_vit, x, y, ia3, inserted):
    """(IA)³ through peft's IA3Model: qkv (output scaled, its q third held at 1 and left out) and fc2
    as a feed-forward module (input scaled)."""
    import peft

    def qkv(i):
        return f"base_model.model.blocks.{i}.attn.qkv.ia3_l.default"

    def fc2(i):
        return f"base_model.model.blocks.{i}.mlp.fc2.ia3_l.default"

    def assign(params):
        for i in range(L):
            l_qkv = torch.cat([torch.ones(D, dtype=DT), inserted[f"blocks.{i}.attn.ia3_k"], inserted[f"blocks.{i}.attn.ia3_v"]])
            params[qkv(i)].copy_(l_qkv.reshape(params[qkv(i)].shape))
            params[fc2(i)].copy_(inserted[f"blocks.{i}.mlp.ia3_ff"].reshape(params[fc2(i)].shape))

    def collect(tensors):
        out = {"head.weight": tensors["base_model.model.head.weight"], "head.bias": tensors["base_model.model.head.bias"]}
        for i in range(L):
            l_qkv = tensors[qkv(i)].flatten()
            out[f"blocks.{i}.attn.ia3_k"], out[f"blocks.{i}.attn.ia3_v"] = l_qkv[D:2 * D], l_qkv[2 * D:]
            out[f"blocks.{i}.mlp.ia3_ff"] = tensors[fc2(i)].flatten()
        return out

    config = peft.IA3Config(target_modules=["qkv", "fc2"], feedforward_modules=["fc2"])
    return hf_peft(base_vit, x, y, config, assign, collect)


# ----------------------------------------------------------------------------- main


def cases():
    """(case, method, folder of its fixture)."""
    methods = REPO / "peft-methods/src/test/resources/references"
    builtin = [
        ("linear", Linear()), ("full", Full()), ("ln", Ln()), ("bitfit", BitFit()), ("difffit", DiffFit()),
        ("ssf", Ssf()), ("vpt_shallow", VptShallow()), ("vpt_deep", VptDeep()), ("lora", Lora()),
        ("adaptformer", AdaptFormer()), ("pfeiffer-lora_xavier", Pfeiffer("lora_xavier")),
        ("pfeiffer-xavier", Pfeiffer("xavier")), ("pfeiffer-zero", Pfeiffer("zero")), ("houlsby", Houlsby()),
        ("convpass", ConvPass()), ("repadapter", RepAdapter()), ("fact_tt", FactTt()), ("fact_tk", FactTk()),
        ("vqt", Vqt()), ("selective", Selective()),
    ]
    return [(case, m, methods) for case, m in builtin] + [
        ("ia3", Ia3(), REPO / "examples/ia3-plugin/src/test/resources/references"),
        ("dora", Dora(), REPO / "examples/dora-plugin/src/test/resources/references"),
        ("vpt_shallow-compat", VptShallow(reference_compat=True), methods),  # last: the others keep their seeds
    ]


HF_PEFT = {"lora": (hf_peft_lora, None), "ia3": (hf_peft_ia3, None)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kit", type=Path, default=REPO / "peft-testkit/src/main/resources/org/peft4j/testkit/references",
                        help="folder of base.safetensors and inputs.safetensors")
    args = parser.parse_args()
    torch.set_num_threads(1)

    vit = base_model()
    base = {k: v.detach().float() for k, v in vit.state_dict().items()}
    x, y = images()
    with torch.no_grad():
        ours = forward({k: v.to(DT) for k, v in base.items()}, Method(), x.to(DT))
        theirs = vit.to(DT)(x.to(DT))
    diff = (ours - theirs).abs().max().item()
    assert diff < 1e-12, f"the site-hooked forward differs from timm's by {diff}"
    print(f"site-hooked forward = timm forward (max difference {diff:.1e})")
    args.kit.mkdir(parents=True, exist_ok=True)
    save_file({k: v.contiguous() for k, v in base.items()}, str(args.kit / "base.safetensors"), metadata={"format": "pt"})
    save_file({"images": x.contiguous(), "labels": y.float()}, str(args.kit / "inputs.safetensors"))

    xd = x.to(DT)
    for seed, (case, method, out) in enumerate(cases()):
        out.mkdir(parents=True, exist_ok=True)
        g = torch.Generator().manual_seed(100 + seed)
        inserted = inserted_values(method.tensors(), g)
        if isinstance(method, Dora):
            Dora.magnitudes(inserted, base)
        own = run(method, base, xd, y, inserted)
        write_case(out, case, method, inserted, own, "own PyTorch")
        if case in HF_PEFT:
            write_case(out, case + "-hf-peft", method, inserted, HF_PEFT[case][0](vit, xd, y, method, inserted),
                       f"HF peft {__import__('peft').__version__}")
        if case == "dora":
            ab = [k for k in inserted if ".dora_a." in k or ".dora_b." in k]
            theirs = hf_peft_dora(vit, xd, y, method, inserted)
            differences = [((own[3][k] - theirs[3][k]).abs().max() / own[3][k].abs().max()).item() for k in ab]
            print(f"{'':24s} A and B gradients of peft's DoRA (norm detached) differ from the definition's by "
                  f"{min(differences):.2g} to {max(differences):.2g} relative")
            write_case(out, "dora-hf-peft", method, inserted, theirs,
                       f"HF peft {__import__('peft').__version__}",
                       (ab, "peft detaches the norm of W + B·A from the gradient (DoRA paper, section 4.3); "
                            "peft4j's DoRA does not, so only the gradients of m and the head are shared"))


if __name__ == "__main__":
    main()
