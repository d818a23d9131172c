"""Generates the application icon's PNG sizes and the Windows .ico from packaging/icons/crte-desktop.svg,
into crte_desktop/resources/icons/ (package data: the window, the bundles and the installers use them).

Run after editing the SVG:  QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/icons/make_icons.py
The .ico holds BMP (DIB) images up to 64 px and a PNG image at 256 px, which every Windows and makensis read.
"""

from __future__ import annotations

import os
import shutil
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "packaging" / "icons" / "crte-desktop.svg"
TARGET = ROOT / "crte_desktop" / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 256)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def dib_bytes(image: QImage) -> bytes:
    """A 32-bit BGRA bottom-up DIB with its AND mask, as an .ico entry holds it."""
    size = image.width()
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    for y in reversed(range(size)):
        row = bytearray()
        for x in range(size):
            argb = image.pixel(x, y)
            row += struct.pack("<I", argb)  # little-endian ARGB = bytes B, G, R, A
        rows.append(bytes(row))
    mask_row = ((size + 31) // 32) * 4
    return header + b"".join(rows) + bytes(mask_row * size)


def ico_bytes(images: dict[int, QImage]) -> bytes:
    entries, blobs = [], []
    offset = 6 + 16 * len(images)
    for size, image in sorted(images.items()):
        blob = png_bytes(image) if size >= 256 else dib_bytes(image)
        entries.append(struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    return struct.pack("<HHH", 0, 1, len(images)) + b"".join(entries) + b"".join(blobs)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - QSvgRenderer needs it
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"SVG illisible : {SOURCE}", file=sys.stderr)
        return 1
    TARGET.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, TARGET / "crte-desktop.svg")
    images = {size: render(renderer, size) for size in PNG_SIZES}
    for size, image in images.items():
        (TARGET / f"crte-desktop-{size}.png").write_bytes(png_bytes(image))
    (TARGET / "crte-desktop.ico").write_bytes(ico_bytes({s: images[s] for s in ICO_SIZES}))
    print(f"{len(images)} PNG et crte-desktop.ico écrits dans {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
