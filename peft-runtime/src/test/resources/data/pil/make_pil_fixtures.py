"""Regenerates the PIL parity fixtures of ImageParityTest (run with Debian's python3-pil 9.4).

Each output is what the reference pipeline computes: Image.open(f).convert("RGB"), then
resize((w, h), Image.BICUBIC), saved as a lossless RGB PNG.
"""
import random
from PIL import Image

rng = random.Random(1234)


def textured(w, h):
    """Smooth gradients plus noise and a few sharp edges: exercises overshoot and clipping."""
    img = Image.new("RGB", (w, h))
    px = img.load()
    for y in range(h):
        for x in range(w):
            edge = 255 if (x // 7 + y // 5) % 2 else 0
            px[x, y] = (
                (x * 255 // (w - 1) + rng.randint(-20, 20)) % 256,
                (y * 255 // (h - 1) + edge) // 2,
                edge if rng.random() < 0.9 else rng.randint(0, 255),
            )
    return img


src = textured(97, 61)
src.save("src_97x61.png")
for (w, h) in [(32, 32), (224, 224), (20, 90), (97, 30), (13, 61)]:
    src.resize((w, h), Image.BICUBIC).save(f"src_97x61_to_{w}x{h}.png")

# colour conversions: grayscale, palette, RGBA and gray+alpha, each with PIL's convert("RGB")
gray = src.convert("L")
gray.save("gray.png")
palette = src.convert("P", palette=Image.ADAPTIVE, colors=16)
palette.save("palette.png")
rgba = src.copy()
rgba.putalpha(Image.linear_gradient("L").resize(src.size))
rgba.save("rgba.png")
la = gray.copy()
la.putalpha(128)
la.save("gray_alpha.png")
for name in ["gray", "palette", "rgba", "gray_alpha"]:
    Image.open(f"{name}.png").convert("RGB").save(f"{name}_rgb.png")

# a JPEG decoded by PIL (libjpeg-turbo), and the full VTAB transform of it
src.save("photo.jpg", quality=90)
Image.open("photo.jpg").convert("RGB").save("photo_rgb.png")
Image.open("photo.jpg").convert("RGB").resize((224, 224), Image.BICUBIC).save("photo_224.png")
