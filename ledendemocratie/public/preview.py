"""The preview image of a public page (1200×630 PNG), as chat apps and social networks show
it: the platform's name, the process's kind and title, and for results the diverging bars.

Pure drawing with Pillow; the view caches the bytes.
"""

import io
import textwrap

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 60
INK, MUTED, BACKGROUND, RULE = "#1a1a1a", "#555555", "#ffffff", "#767676"
ACCENT = "#2e7d32"


def _font(size: int):
    return ImageFont.load_default(size=size)


def preview_png(*, site: str, kind: str, title: str, stage: str, bars=()) -> bytes:
    """``bars``: (label, ((start, width, colour), …)) on a 0–200 axis centred at 100."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 16), fill=ACCENT)
    draw.text((MARGIN, 50), f"{site} · {kind}", font=_font(30), fill=MUTED)
    y = 100
    lines = textwrap.wrap(title, width=38)[: 3 if bars else 5]
    for line in lines:
        draw.text((MARGIN, y), line, font=_font(52), fill=INK)
        y += 64
    draw.text((MARGIN, y + 8), stage, font=_font(30), fill=MUTED)
    y += 70
    _bars(draw, bars[: max(0, (HEIGHT - y - 30) // 70)], y)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _bars(draw, bars, y: int) -> None:
    scale = (WIDTH - 2 * MARGIN) / 200
    for label, segments in bars:
        short = textwrap.shorten(label, width=70, placeholder="…")
        draw.text((MARGIN, y), short, font=_font(24), fill=INK)
        for start, width, colour in segments:
            left = MARGIN + start * scale
            draw.rectangle((left, y + 32, left + max(width * scale, 1), y + 56), fill=colour)
        middle = MARGIN + 100 * scale
        draw.line((middle, y + 28, middle, y + 60), fill=RULE, width=2)
        y += 70
