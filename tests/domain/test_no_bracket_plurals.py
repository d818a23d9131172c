"""No user-facing text writes a plural or a feminine as « (s) » / « (e) »: they go through
``domain.wording.plural`` / ``agree``."""

import ast
import re
from pathlib import Path

import crte_desktop

PACKAGE = Path(crte_desktop.__file__).parent
BRACKETED = re.compile(r"\w\((s|e|es|x)\)", re.IGNORECASE)


def _texts(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def test_no_user_text_has_bracketed_plurals_or_feminines():
    found = [f"{path.relative_to(PACKAGE)}:{line}: {text!r}"
             for path in sorted(PACKAGE.rglob("*.py"))
             for line, text in _texts(path) if BRACKETED.search(text)]
    assert found == []
