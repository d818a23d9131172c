"""Fonts that show French text on any machine (QtGui only, no widgets).

A machine with no font at all (a minimal Linux, a bare container) makes Qt draw every letter as a box,
in the window and in the PDFs, without a warning. ``ensure_fonts`` then loads the DejaVu Sans files that
matplotlib ships (``mpl-data/fonts/ttf``, present in every install and bundle of the application) and makes
them the application's font. ``require_text_font`` is the last guard before a PDF is written: when even
that fails, the PDF is refused (a French ``DomainError``) instead of a document of boxes reported as a success.
"""

from __future__ import annotations

from pathlib import Path

from crte_desktop.domain.errors import DomainError

SAMPLE = "Aaé€ç«»"  # what a French document cannot do without
FALLBACK_FAMILY = "DejaVu Sans"
FALLBACK_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf")

_fallback_loaded = False


def fallback_font_dir() -> Path:
    """matplotlib's own DejaVu fonts (a dependency of the application, bundled with it)."""
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def renders(family: str | None = None, text: str = SAMPLE) -> bool:
    """True when ``family`` (the application's default font when None) has a glyph for every letter of
    ``text``. Needs a QGuiApplication."""
    from PySide6.QtGui import QFont, QFontMetrics

    font = QFont(family) if family else QFont()
    metrics = QFontMetrics(font)
    return all(metrics.inFontUcs4(ord(ch)) for ch in text if not ch.isspace())


def load_fallback(folder: Path | None = None) -> list[str]:
    """Add the DejaVu Sans files to Qt's font database; returns the families loaded (empty when none)."""
    from PySide6.QtGui import QFontDatabase

    folder = fallback_font_dir() if folder is None else folder
    families: list[str] = []
    for name in FALLBACK_FILES:
        path = folder / name
        if path.is_file():
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:
                families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return families


def ensure_fonts(app=None, *, folder: Path | None = None) -> bool:
    """Make sure French text renders: when the default font lacks letters, load DejaVu Sans and make it the
    application font. Returns True when text renders afterwards. Cheap when the system has fonts."""
    global _fallback_loaded
    from PySide6.QtGui import QFont, QGuiApplication

    if renders():
        return True
    if not _fallback_loaded or folder is not None:
        _fallback_loaded = bool(load_fallback(folder))
    if renders(FALLBACK_FAMILY):
        font = QFont(FALLBACK_FAMILY)
        font.setPointSizeF(QGuiApplication.font().pointSizeF() if QGuiApplication.font().pointSizeF() > 0 else 9)
        (app or QGuiApplication).setFont(font)
        return True
    return False


def require_text_font(family: str) -> None:
    """Refuse to write a document whose text would be boxes (no font for French letters)."""
    if not renders(family):
        raise DomainError(
            "Aucune police de caractères utilisable n'a été trouvée sur cet ordinateur : le document n'afficherait "
            "que des carrés, il n'a pas été écrit. Installez une police (par exemple le paquet fonts-dejavu-core) "
            "ou réinstallez CRTE Desktop.")
