"""Writes a VTAB-1K-layout task of 1,000 random 224x224 JPEG images (800 train + 200 val, the same
200 as test), for measuring the data pipeline: `python3 bench/make-jpeg-task.py DIR`."""
import os
import random
import sys

from PIL import Image, ImageDraw

root = sys.argv[1]
os.makedirs(os.path.join(root, "images"), exist_ok=True)
rng = random.Random(0)
lines = []
for i in range(1000):
    label = i % 10
    img = Image.new("RGB", (224, 224), tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(img)
    for _ in range(20):
        x, y = rng.randrange(200), rng.randrange(200)
        draw.ellipse((x, y, x + 24 + label * 2, y + 24), fill=tuple(rng.randrange(256) for _ in range(3)))
    name = f"images/{i:04d}.jpg"
    img.save(os.path.join(root, name), quality=90)
    lines.append(f"{name} {label}\n")
with open(os.path.join(root, "train800.txt"), "w") as f:
    f.writelines(lines[:800])
with open(os.path.join(root, "val200.txt"), "w") as f:
    f.writelines(lines[800:])
with open(os.path.join(root, "train800val200.txt"), "w") as f:
    f.writelines(lines)
with open(os.path.join(root, "test.txt"), "w") as f:
    f.writelines(lines[800:])
