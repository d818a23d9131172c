"""``crte-desktop --bundle-selftest [--keep DIR] [--skip-windows]``: proves that an installed or bundled
copy of the application is whole (issue 10.2). Used by the Linux and Windows build scripts, the minimal
Debian chroot and the installers' checks.

Three stages, each step printed on one line as ``OK``/``ÉCHEC`` with its time:
1. every module of the package, and every library it relies on, imports;
2. every kind of output is written through the command line, into a temporary folder, and read back:
   demo, check, summary, workbook, pack (PDF with real text), minutes (DOCX), ics;
3. every window opens offscreen on the demo workspace (main window, contract, directory, reference data,
   dashboard, meetings, first import — every entry of main_window.WINDOWS —, a new contract, an action form)
   with no error box.
Exit 0 only when every step passes, 1 otherwise.
"""

from __future__ import annotations

import contextlib
import io
import os
import pkgutil
import sys
import tempfile
import time
import traceback
import zipfile
from pathlib import Path

LIBRARIES = ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtPrintSupport",
             "openpyxl", "matplotlib", "matplotlib.backends.backend_agg", "matplotlib.backends.backend_qtagg", "docx",
             "pypdf", "defusedxml", "python_calamine", "sqlite3")
# fewer modules than this means the bundler missed some (the package has about 200)
MIN_MODULES = 150


class Report:
    def __init__(self) -> None:
        self.failures: list[str] = []

    @contextlib.contextmanager
    def step(self, label: str):
        start = time.perf_counter()
        try:
            yield
        except BaseException as exc:  # noqa: BLE001 - every failure is reported, none stops the run
            if isinstance(exc, KeyboardInterrupt):
                raise
            self.failures.append(label)
            print(f"ÉCHEC  {label} : {type(exc).__name__} : {exc}", flush=True)
            traceback.print_exc(limit=6, file=sys.stdout)
        else:
            print(f"OK     {label} ({time.perf_counter() - start:.2f} s)", flush=True)


def all_module_names() -> list[str]:
    import crte_desktop

    names = ["crte_desktop"]
    for info in pkgutil.walk_packages(crte_desktop.__path__, "crte_desktop."):
        names.append(info.name)
    return sorted(set(names))


def import_everything(report: Report) -> None:
    import importlib

    with report.step("bibliothèques : " + ", ".join(LIBRARIES)):
        for name in LIBRARIES:
            importlib.import_module(name)
    names = all_module_names()
    failed = []
    with report.step(f"modules de l'application ({len(names)})"):
        for name in names:
            if name.endswith("__main__"):
                continue
            try:
                importlib.import_module(name)
            except Exception as exc:  # noqa: BLE001
                failed.append(f"{name} ({type(exc).__name__}: {exc})")
        if failed:
            raise ImportError("; ".join(failed))
        if len(names) < MIN_MODULES:
            raise ImportError(f"seulement {len(names)} modules trouvés (au moins {MIN_MODULES} attendus)")


def _cli(*args) -> tuple[int, str, str]:
    from crte_desktop.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return code, out.getvalue(), err.getvalue()


def _ok(args, *, expect: str = "") -> str:
    code, out, err = _cli(*args)
    if code != 0:
        raise RuntimeError(f"code {code} : {err.strip()[-500:]}")
    if expect and expect not in out:
        raise RuntimeError(f"« {expect} » absent de la sortie : {out[:300]}")
    return out


def write_outputs(report: Report, folder: Path) -> Path:
    demo = folder / "demo.crte"
    with report.step("demo : espace de démonstration"):
        _ok(["demo", demo], expect="2 contrats")
    with report.step("check : contrôle"):
        _ok(["check", demo])
    with report.step("summary : synthèse"):
        _ok(["summary", demo], expect="CRTE du Valenciennois")
    with report.step("export-xlsx : classeur du tableau de bord"):
        book = folder / "tableau.xlsx"
        _ok(["export-xlsx", demo, book])
        from openpyxl import load_workbook

        workbook = load_workbook(book, read_only=True)
        try:
            if len(workbook.sheetnames) < 2:
                raise RuntimeError("classeur incomplet")
        finally:
            workbook.close()  # read-only mode keeps the file open: Windows could not delete the folder after
    meeting = _first_meeting(demo)
    with report.step("pack : dossier de séance (PDF)"):
        pdf = folder / "dossier.pdf"
        _ok(["pack", demo, "--meeting", meeting, pdf])
        from pypdf import PdfReader

        text = " ".join(PdfReader(pdf).pages[0].extract_text().split())
        if "Dossier de séance" not in text:
            raise RuntimeError(f"texte du PDF illisible : {text[:200]!r}")
    with report.step("minutes : compte rendu (DOCX)"):
        docx = folder / "compte-rendu.docx"
        _ok(["minutes", demo, "--meeting", meeting, docx])
        with zipfile.ZipFile(docx) as z:
            if "word/document.xml" not in z.namelist():
                raise RuntimeError("DOCX sans document")
    with report.step("ics : invitation iCalendar"):
        ics = folder / "invitation.ics"
        _ok(["ics", demo, "--meeting", meeting, ics])
        if not ics.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR"):
            raise RuntimeError("fichier iCalendar invalide")
    return demo


def _first_meeting(demo: Path) -> str:
    code, out, _err = _cli("meetings", demo)
    return out.split("\t", 1)[0].strip() if code == 0 and out.strip() else "1"


def open_windows(report: Report, demo: Path, folder: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from crte_desktop.db.store import Store
    from crte_desktop.views.shell.app import configure_application
    from crte_desktop.views.shell.context import AppContext
    from crte_desktop.views.shell.main_window import WINDOWS, MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application(app)
    boxes: list[str] = []

    def close_modal_boxes() -> None:  # an error box would otherwise wait for a click forever
        widget = QApplication.activeModalWidget()
        if widget is not None:
            boxes.append(getattr(widget, "text", lambda: widget.windowTitle())())
            widget.close()

    guard = QTimer()
    guard.timeout.connect(close_modal_boxes)
    guard.start(100)
    settings = QSettings(str(folder / "reglages.ini"), QSettings.Format.IniFormat)
    ctx = AppContext.create(Store.open(demo), settings)
    window = None
    try:
        with report.step("fenêtre principale"):
            start = time.perf_counter()
            window = MainWindow(ctx)
            window.show()
            app.processEvents()
            print(f"       fenêtre principale affichée en {time.perf_counter() - start:.2f} s", flush=True)
        if window is None:
            return
        openers = [(kind, lambda k=kind: window.open_window(k)) for kind in WINDOWS]
        openers.append(("new_contract", window.new_contract))
        for name, opener in openers:
            with report.step(f"fenêtre : {name}"):
                before = len(boxes)
                widget = opener()
                app.processEvents()
                if widget is None or len(boxes) > before:
                    raise RuntimeError(" / ".join(boxes[before:]) or "aucune fenêtre")
        with report.step("fenêtre : fiche action"):
            from crte_desktop.db.repos.action import ActionRepository

            action_id = min(a.id for a in ActionRepository(ctx.store).all())
            if window.open_action(action_id) is None:
                raise RuntimeError("fiche action non ouverte")
            app.processEvents()
    finally:
        guard.stop()
        if window is not None:
            window.close()
            window.deleteLater()
        app.processEvents()
        ctx.close()


def run_selftest(argv: list[str]) -> int:
    keep = None
    if "--keep" in argv:
        keep = Path(argv[argv.index("--keep") + 1])
    skip_windows = "--skip-windows" in argv
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from crte_desktop import __version__

    print(f"Auto-test de CRTE Desktop {__version__} ({'exécutable autonome' if getattr(sys, 'frozen', False) else 'Python'}, "
          f"{sys.platform})", flush=True)
    report = Report()
    start = time.perf_counter()
    if not skip_windows:  # the widgets' QApplication must exist before a PDF makes a bare QGuiApplication
        from PySide6.QtWidgets import QApplication

        from PySide6.QtCore import qInstallMessageHandler

        def quiet(_mode, _context, message: str) -> None:  # the offscreen platform's own chatter
            if "propagateSizeHints" not in message:
                print(f"Qt : {message}", file=sys.stderr)

        qInstallMessageHandler(quiet)
        _app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841 - kept for the run
    # a file left open by a library must not turn a passed self-test into a traceback on Windows
    with tempfile.TemporaryDirectory(prefix="crte-selftest-", ignore_cleanup_errors=True) as tmp:
        folder = keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        os.environ.setdefault("CRTE_DESKTOP_HOME", str(folder / "profil"))
        import_everything(report)
        demo = write_outputs(report, folder)
        if not skip_windows and demo.exists():
            open_windows(report, demo, folder)
    from crte_desktop.domain.wording import plural

    verdict = "réussi" if not report.failures else f"ÉCHEC ({plural(len(report.failures), 'étape')})"
    print(f"Auto-test {verdict} en {time.perf_counter() - start:.1f} s.", flush=True)
    return 0 if not report.failures else 1
