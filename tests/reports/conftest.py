"""PDF rendering needs a Qt application: take pytest-qt's QApplication, so that no bare QGuiApplication is
created here (the widget tests of the same run need a QApplication)."""

import pytest


@pytest.fixture(autouse=True)
def _qt_application(qapp):
    return qapp
