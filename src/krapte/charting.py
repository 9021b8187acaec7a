"""The one renderer behind every chart krapte draws: a matplotlib figure to PNG or SVG bytes.

Figures are rendered on their own Agg canvas (no pyplot state), so rendering is safe in the web server's worker
threads; SVG output is deterministic (no date, a fixed hash salt).
"""

from __future__ import annotations

import io
from typing import Literal

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from krapte.errors import ValidationError

ImageFormat = Literal["png", "svg"]
MEDIA_TYPES: dict[str, str] = {"png": "image/png", "svg": "image/svg+xml"}
matplotlib.rcParams["svg.hashsalt"] = "krapte"


def check_format(fmt: str) -> ImageFormat:
    """Validate an image format asked for by a user."""
    if fmt not in MEDIA_TYPES:
        raise ValidationError(f"image format {fmt!r} is not supported", hint="use png or svg", value=str(fmt))
    return fmt  # type: ignore[return-value]


def figure_bytes(fig: Figure, fmt: str, *, dpi: int = 110) -> bytes:
    """``fig`` as PNG or SVG bytes."""
    check_format(fmt)
    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, dpi=dpi, bbox_inches="tight", metadata={"Date": None} if fmt == "svg" else None)
    return buffer.getvalue()
