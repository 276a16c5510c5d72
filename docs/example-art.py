"""Draws the example newsletter's cover and lead images with Pillow (no downloaded art).

Run from the repository's root: .venv/bin/python docs/example-art.py
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

MEDIA = Path("documents/media")


def harbour(width: int = 1600, height: int = 1000) -> Image.Image:
    """Dawn over the container port: sky, sea, cranes and stacked containers."""
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    horizon = int(height * 0.62)
    for y in range(horizon):  # sky: deep blue to warm orange at the horizon
        t = y / horizon
        draw.line([(0, y), (width, y)], fill=_blend((18, 52, 86), (244, 162, 89), t**1.6))
    draw.ellipse(
        [width * 0.62, horizon - 170, width * 0.62 + 190, horizon + 20], fill=(255, 214, 140)
    )
    for y in range(horizon, height):  # sea
        t = (y - horizon) / (height - horizon)
        draw.line([(0, y), (width, y)], fill=_blend((40, 88, 112), (10, 40, 60), t))
    rng = random.Random(41)
    for _ in range(260):  # glints on the water
        x, y = rng.randrange(width), rng.randrange(horizon + 8, height)
        draw.line([(x, y), (x + rng.randrange(12, 40), y)], fill=(120, 170, 190), width=2)
    quay = horizon + 10
    draw.rectangle([0, quay - 12, width, quay + 26], fill=(22, 30, 38))
    colours = [(181, 31, 36), (15, 92, 115), (242, 165, 65), (70, 110, 60), (120, 120, 130)]
    for stack in range(9):  # containers on the quay
        x0 = 60 + stack * 170
        for level in range(rng.randrange(1, 4)):
            y1 = quay - 12 - level * 46
            draw.rectangle(
                [x0, y1 - 44, x0 + 150, y1], fill=rng.choice(colours), outline=(20, 20, 20), width=3
            )
    for x in (180, 640, 1180):  # ship-to-shore cranes
        dark = (16, 22, 30)
        draw.rectangle([x, quay - 420, x + 18, quay], fill=dark)
        draw.rectangle([x + 110, quay - 420, x + 128, quay], fill=dark)
        draw.rectangle([x - 160, quay - 430, x + 330, quay - 404], fill=dark)
        draw.line([(x + 64, quay - 520), (x - 150, quay - 430)], fill=dark, width=7)
        draw.line([(x + 64, quay - 520), (x + 320, quay - 430)], fill=dark, width=7)
        draw.rectangle([x + 54, quay - 540, x + 74, quay - 404], fill=dark)
        draw.line([(x + 260, quay - 404), (x + 260, quay - 300)], fill=dark, width=4)
    return image.filter(ImageFilter.SMOOTH)


def placards(width: int = 1400, height: int = 800) -> Image.Image:
    """A picket line: placards raised against a pale wall."""
    image = Image.new("RGB", (width, height), (233, 228, 218))
    draw = ImageDraw.Draw(image)
    rng = random.Random(7)
    draw.rectangle([0, int(height * 0.78), width, height], fill=(92, 92, 98))
    for i in range(7):
        x = 70 + i * 190 + rng.randrange(-20, 20)
        top = rng.randrange(90, 220)
        draw.line([(x + 80, top + 150), (x + 80, height)], fill=(120, 84, 50), width=10)
        colour = (181, 31, 36) if i % 2 == 0 else (15, 92, 115)
        draw.rectangle([x, top, x + 160, top + 150], fill=colour, outline=(30, 30, 30), width=4)
        for line in range(3):
            y = top + 30 + line * 36
            draw.rectangle(
                [x + 22, y, x + 138 - rng.randrange(0, 40), y + 16], fill=(250, 248, 240)
            )
    return image


def _blend(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


if __name__ == "__main__":
    MEDIA.mkdir(parents=True, exist_ok=True)
    harbour().save(MEDIA / "harbour-dawn.jpg", quality=82, optimize=True, progressive=True)
    placards().save(MEDIA / "picket-line.jpg", quality=82, optimize=True, progressive=True)
