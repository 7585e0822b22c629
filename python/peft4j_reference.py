"""Reference forward of peft4j adapters that neither Hugging Face peft nor timm can express.

Pinned versions (python/requirements.txt): torch 2.5.1, timm 1.0.12, safetensors 0.8.0.

`apply(model, adapter_file)` puts a peft4j adapter file (`peft train`'s adapter.safetensors) onto a
timm `VisionTransformer` with the base weights the adapter was trained on: it copies the trained head
and installs forward hooks (and, for VQT, a masked attention) that compute what docs/methods.md
specifies, so that `model(x)` gives peft4j's logits in eval mode (dropout and drop path are off).
Methods: ssf (unmerged), vpt_shallow, vpt_deep, convpass, fact_tt, fact_tk, vqt. The tensor names are
the adapter file's own; docs/interop.md lists them. `remove(handles)` takes the method off again.

    handles = apply(model.eval(), "runs/dtd-vpt/adapter.safetensors")
    logits = model(images)

Adapters trained under `reference-compat` are refused (VPT-shallow then differs; see docs/methods.md).
"""
import json
import types

import torch
import torch.nn.functional as F
from safetensors import safe_open
from safetensors.torch import load_file
from timm.models.vision_transformer import VisionTransformer

NORM_EPS = 1e-12


def read(path):
    """The adapter file's tensors, method name and hyperparameters (a dict of JSON values)."""
    with safe_open(str(path), framework="pt") as f:
        meta = f.metadata() or {}
    if meta.get("peft4j.format") != "peft4j-adapter/1":
        raise ValueError(f"{path}: not a peft4j adapter file (metadata 'peft4j.format' is not 'peft4j-adapter/1')")
    if meta.get("peft4j.reference_compat") == "true":
        raise ValueError(f"{path}: trained under reference-compat, which this reference does not reproduce")
    return load_file(str(path)), meta["peft4j.method"], json.loads(meta["peft4j.hyperparameters"])


def apply(model: VisionTransformer, path) -> list:
    """Copies the head and installs the method's hooks; returns what `remove` takes off."""
    tensors, method, hp = read(path)
    if method not in METHODS:
        raise ValueError(f"{path}: method '{method}' has no reference here; use one of {sorted(METHODS)}")
    with torch.no_grad():
        for name in ("head.weight", "head.bias"):
            param = model.get_parameter(name)
            if tensors[name].shape != param.shape:
                raise ValueError(f"{path}: '{name}' has shape {tuple(tensors[name].shape)}, the model's "
                                 f"{tuple(param.shape)}; create the model with the adapter's class count")
            param.copy_(tensors[name])
    return METHODS[method](model, tensors, hp)


def remove(handles: list) -> None:
    for h in handles:
        h.remove()


def _output(fn):
    """A forward hook that replaces a module's output y by fn(y, first input)."""
    return lambda module, args, y: fn(y, args[0])


def ssf(model, t, hp):
    """y = x ⊙ s + t after the patch embedding, LN1, qkv, proj, LN2, fc1, fc2 and the final norm."""
    def affine(name):
        scale, shift = t[name.replace("{}", "scale")], t[name.replace("{}", "shift")]
        return _output(lambda y, x: y * scale + shift)
    hooks = [model.patch_embed.register_forward_hook(affine("patch_embed.ssf_{}_1"))]
    for i, blk in enumerate(model.blocks):
        p = f"blocks.{i}."
        for module, name in ((blk.norm1, p + "ssf_{}_1"), (blk.attn.qkv, p + "attn.ssf_{}_qkv"),
                             (blk.attn.proj, p + "attn.ssf_{}_linear"), (blk.norm2, p + "ssf_{}_2"),
                             (blk.mlp.fc1, p + "mlp.ssf_{}_hidden"), (blk.mlp.fc2, p + "mlp.ssf_{}_out")):
            hooks.append(module.register_forward_hook(affine(name)))
    hooks.append(model.norm.register_forward_hook(affine("ssf_{}")))
    return hooks


def _prepend(tokens):
    return lambda module, args: (torch.cat([tokens.expand(args[0].shape[0], -1, -1), args[0]], 1),)


def vpt_shallow(model, t, hp):
    """n prompts prepended before block 0, removed after the last block."""
    prompts = t["vpt.prompt_embeddings"]
    n = prompts.shape[1]
    return [model.blocks[0].register_forward_pre_hook(_prepend(prompts)),
            model.blocks[-1].register_forward_hook(_output(lambda y, x: y[:, n:]))]


def vpt_deep(model, t, hp):
    """Fresh prompts before every block, removed after it."""
    prompts = t["vpt.prompt_embeddings"]
    n = prompts.shape[1]
    hooks = []
    for i, blk in enumerate(model.blocks):
        hooks.append(blk.register_forward_pre_hook(_prepend(prompts[i:i + 1])))
        hooks.append(blk.register_forward_hook(_output(lambda y, x: y[:, n:])))
    return hooks


def quick_gelu(u):
    return u * torch.sigmoid(1.702 * u)


def convpass(model, t, hp):
    """Beside attention and MLP: s·up(QuickGELU(conv3x3(QuickGELU(down(z))))), z the LayerNorm output."""
    scale = float(hp["scale"])
    grid = model.patch_embed.grid_size[0]

    def bypass(p):
        def module(z):
            h = quick_gelu(F.linear(z, t[p + "adapter_down.weight"], t[p + "adapter_down.bias"]))
            b, n, r = h.shape
            w, bias = t[p + "adapter_conv.weight"], t[p + "adapter_conv.bias"]
            patches = h[:, 1:].reshape(b, grid, grid, r).permute(0, 3, 1, 2)
            patches = F.conv2d(patches, w, bias, padding=1).permute(0, 2, 3, 1).reshape(b, grid * grid, r)
            cls = F.conv2d(h[:, :1].reshape(b, 1, 1, r).permute(0, 3, 1, 2), w, bias, padding=1).reshape(b, 1, r)
            g = quick_gelu(torch.cat([cls, patches], 1))
            return scale * F.linear(g, t[p + "adapter_up.weight"], t[p + "adapter_up.bias"])
        return _output(lambda y, z: y + module(z))
    hooks = []
    for i, blk in enumerate(model.blocks):
        hooks.append(blk.attn.register_forward_hook(bypass(f"blocks.{i}.ft_attn_module.")))
        hooks.append(blk.mlp.register_forward_hook(bypass(f"blocks.{i}.ft_mlp_module.")))
    return hooks


FACT = "blocks.0.attn.fact."


def _fact(model, t, hp, cores):
    """s·Δ added to qkv, proj, fc1 and fc2 of every block, with the shared U, V and block i's cores."""
    scale = float(hp["scale"])
    u, v = t[FACT + "FacTu.weight"], t[FACT + "FacTv.weight"]
    d, dim = u.shape
    k = model.blocks[0].mlp.fc1.out_features // dim
    hooks = []
    for i, blk in enumerate(model.blocks):
        cq, ck, cv, co, c1, c2 = cores(i, d, k)

        def qkv(y, x, cs=(cq, ck, cv)):
            ux = x @ u.T
            return y + scale * torch.cat([ux @ c.T @ v.T for c in cs], -1)

        def proj(y, x, c=co):
            return y + scale * (x @ u.T @ c.T @ v.T)

        def fc1(y, x, c=c1):
            g = (x @ u.T @ c.T).unflatten(-1, (k, d))
            return y + scale * (g @ v.T).flatten(-2)

        def fc2(y, h, c=c2):
            w = (h.unflatten(-1, (k, dim)) @ u.T).flatten(-2)
            return y + scale * (w @ c.T @ v.T)
        for module, fn in ((blk.attn.qkv, qkv), (blk.attn.proj, proj), (blk.mlp.fc1, fc1), (blk.mlp.fc2, fc2)):
            hooks.append(module.register_forward_hook(_output(fn)))
    return hooks


def fact_tt(model, t, hp):
    """FacT-TT: per block the cores are stored as they are."""
    def cores(i, d, k):
        p = f"{FACT}per_block_para.{i}."
        return [t[f"{p}attn.{j}.weight"] for j in range(4)] + [t[p + "mlp.0.weight"], t[p + "mlp.1.weight"]]
    return _fact(model, t, hp, cores)


def fact_tk(model, t, hp):
    """FacT-TK: block i's cores from the Tucker core Cc and the 4 + 2k columns of P from (4 + 2k)·i."""
    p, cc = t[FACT + "FacTp"], t[FACT + "FacTc"]

    def cores(i, d, k):
        start = (4 + 2 * k) * i
        tt = cc @ p[:, start:start + 4]
        mlp = cc @ p[:, start + 4:start + 4 + 2 * k]
        return ([tt[:, :, j].T for j in range(4)]
                + [mlp[:, :, :k].reshape(d, k * d).T, mlp[:, :, k:].reshape(d, k * d)])
    return _fact(model, t, hp, cores)


def _hidden_query_attention(n):
    """timm's Attention.forward, with the leading n tokens hidden from every token's keys and values."""
    def forward(self, x):
        b, length, c = x.shape
        q, k, v = self.qkv(x).reshape(b, length, 3, self.num_heads, self.head_dim).permute(2, 0, 3, 1, 4).unbind(0)
        q, k = self.q_norm(q), self.k_norm(k)
        visible = torch.ones(length, length, dtype=torch.bool)
        visible[:, :n] = False
        x = F.scaled_dot_product_attention(q, k, v, attn_mask=visible)
        return self.proj(x.transpose(1, 2).reshape(b, length, c))
    return forward


class _Restore:
    """A handle that puts a replaced forward back."""

    def __init__(self, module):
        self.module = module

    def remove(self):
        del self.module.forward


def vqt(model, t, hp):
    """Query tokens per block, hidden from keys; the head reads CLS and the L·n query outputs, each
    L2-normalised, summed with the combine weights (CLS first, then block 0's queries, ...)."""
    prompts, weight = t["vqt.query_prompt_embeddings"], t["vqt.combine_layer.weight"]
    n = prompts.shape[1]
    outputs = []
    hooks = [model.blocks[0].register_forward_pre_hook(lambda module, args: outputs.clear())]
    for i, blk in enumerate(model.blocks):
        hooks.append(blk.register_forward_pre_hook(_prepend(prompts[i:i + 1])))
        blk.attn.forward = types.MethodType(_hidden_query_attention(n), blk.attn)
        hooks.append(_Restore(blk.attn))

        def collect(y, x):
            outputs.append(y[:, :n])
            return y[:, n:]
        hooks.append(blk.register_forward_hook(_output(collect)))

    def combine(cls, x):
        features = torch.cat([cls[:, None]] + outputs, 1)
        features = features / features.norm(dim=2, keepdim=True).clamp_min(NORM_EPS)
        return (features.transpose(1, 2) @ weight.T).squeeze(2)
    hooks.append(model.fc_norm.register_forward_hook(_output(combine)))
    return hooks


METHODS = {"ssf": ssf, "vpt_shallow": vpt_shallow, "vpt_deep": vpt_deep, "convpass": convpass,
           "fact_tt": fact_tt, "fact_tk": fact_tk, "vqt": vqt}
