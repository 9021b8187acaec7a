"""The one renderer behind every chart krapte draws: a matplotlib figure to PNG or SVG bytes.

Figures are rendered on their own Agg canvas (no pyplot state), so rendering is safe in the web server's worker
threads; SVG output is deterministic (no date, a fixed hash salt).
"""

from __future__ import annotations

import io
from typing import Any, Literal

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


def format_number(value: float | None, lang: str = "nl", decimals: int = 0, *, missing: str = "–") -> str:
    """``1234567.8`` as ``1.234.568`` (nl) or ``1,234,568`` (en); None and NaN as ``missing``."""
    if value is None or value != value:
        return missing
    text = f"{value:,.{decimals}f}"
    if lang == "nl":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def _axis_number(value: float, lang: str) -> str:
    magnitude = abs(value)
    if magnitude >= 1_000_000:
        return format_number(value / 1_000_000, lang, 1 if value % 1_000_000 else 0) + (" mln" if lang == "nl" else "M")
    decimals = 0 if magnitude >= 100 or float(value).is_integer() else (1 if magnitude >= 1 else 2)
    return format_number(value, lang, decimals)


def number_axis(axis: Any, lang: str = "nl") -> None:
    """Tick labels in the page's number format (``1,5 mln``, ``75.600``), never matplotlib's ``1e6`` offset."""
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda v, _pos: _axis_number(v, lang)))
