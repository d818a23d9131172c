"""A matplotlib figure as a PNG for a document (the pack's PDF, the workbook), cropped to what it draws.

The dashboard's figures are laid out for the window; a left-aligned title or an axis note longer than the
plot can run past the figure's right edge. Saved with a tight bounding box, the image grows to hold every
word instead of cutting it, and is then scaled to fit the page by whoever places it."""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass

PAD_INCHES = 0.08
CSS_DPI = 96  # documents size images in CSS pixels (1/96 inch)


@dataclass(frozen=True)
class ChartImage:
    png: bytes
    width_px: int  # pixels of the PNG
    height_px: int
    dpi: int

    @property
    def css_size(self) -> tuple[float, float]:
        """Width and height at its natural size, in CSS pixels (1/96 inch)."""
        return self.width_px * CSS_DPI / self.dpi, self.height_px * CSS_DPI / self.dpi


def chart_image(fig, dpi: int) -> ChartImage:
    """Render ``fig`` whole (nothing cut at its edges) as a PNG at ``dpi``, then clear it."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, facecolor="white", bbox_inches="tight", pad_inches=PAD_INCHES)
    fig.clear()
    data = buffer.getvalue()
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk, right after the signature
    return ChartImage(data, width, height, dpi)
