"""Package data, read with importlib.resources so that it travels inside a wheel and a bundle:
``demo/*.json`` (the two seed contracts), ``icons/`` (the application icon: SVG source, PNG sizes, .ico)
and nothing read from beside the package."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def resource(*parts: str) -> Traversable:
    """The package data file or folder at ``parts`` (e.g. ``resource("demo", "douaisis.json")``)."""
    node = files(__name__)
    for part in parts:
        node = node / part
    return node


def demo_dir() -> Traversable:
    """The folder of the demo contracts (``*.json``)."""
    return resource("demo")


def icon_bytes(size: int | None = None) -> bytes:
    """The application icon as PNG bytes (``size`` in pixels, one of ``ICON_SIZES``), or the SVG when None."""
    if size is None:
        return resource("icons", "crte-desktop.svg").read_bytes()
    return resource("icons", f"crte-desktop-{size}.png").read_bytes()


ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
