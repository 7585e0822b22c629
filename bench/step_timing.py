"""The timed loop shared by the PyTorch peers of `peft bench`.

timm_step.py (timm on current torch) and pytorch_step.py (the plain-PyTorch ViT on Debian's torch)
build their models differently and time them the same way: fixed random inputs from seed + 1,
AdamW with peft4j's settings (or a no-grad forward with --infer), `warmup` untimed steps, then
`steps` timed ones. `timed_steps` returns the keys `peft bench` prints, except the three that name
the implementation (impl, torch_version, model), which each peer adds.
"""
import resource
import statistics
import time

import torch
import torch.nn.functional as F


def count_trainable(model) -> int:
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def timed_steps(model, args, img: int) -> dict:
    """Times args.steps steps of `model` on a (args.batch, 3, img, img) batch after args.warmup."""
    gen = torch.Generator().manual_seed(args.seed + 1)
    x = torch.randn(args.batch, 3, img, img, generator=gen)
    y = torch.randint(0, args.classes, (args.batch,), generator=gen)

    if args.infer:
        model.eval()

        def step():
            with torch.no_grad():
                model(x)
    else:
        model.train()
        params = [p for p in model.parameters() if p.requires_grad]
        opt = torch.optim.AdamW(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-4)

        def step():
            opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(model(x), y)
            loss.backward()
            opt.step()

    for _ in range(args.warmup):
        step()
    times_ms = []
    for _ in range(args.steps):
        t0 = time.perf_counter()
        step()
        times_ms.append((time.perf_counter() - t0) * 1e3)
    median = statistics.median(times_ms)
    return {
        "method": ("infer-" if args.infer else "") + args.method,
        "batch": args.batch,
        "steps": args.steps,
        "threads": args.threads,
        "ms_per_step_median": round(median, 3),
        "ms_per_step_min": round(min(times_ms), 3),
        "images_per_s": round(args.batch / (median / 1e3), 3),
        # Linux reports ru_maxrss in KiB
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "trainable_params": count_trainable(model),
        "warmup": args.warmup,
        "classes": args.classes,
    }
