"""Checks made on a workbook file before any XML parser opens it.

The signature (an .xls or a password-protected workbook is an OLE file, not a zip), the zip's
directory (number of members, total and per-member uncompressed size — a zip bomb is refused
before anything is inflated), the members an .xlsx must have, and no DTD in any XML member
(entity expansion is refused even before defusedxml would refuse it).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
import openpyxl

from crte_desktop.excel.layout import MAX_MEMBERS, MAX_RATIO, MAX_TOTAL_UNCOMPRESSED, RATIO_FLOOR
from crte_desktop.excel.problems import ImportRefused

ZIP_SIGNATURE = b"PK\x03\x04"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
XLS_MESSAGE = "Les classeurs .xls (Excel 97-2003) ne sont pas pris en charge : enregistrez-le au format .xlsx."
PROLOGUE_LIMIT = 64 * 1024  # an XML member's root element must start within this many bytes
_ROOT_START = re.compile(rb"<[A-Za-z_]")
_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def check_file(path: Path) -> None:
    """Refuse (ImportRefused, in French) a file that is not a sound .xlsx workbook."""
    if not openpyxl.DEFUSEDXML:
        raise ImportRefused("La bibliothèque defusedxml est absente : l'import de classeurs est désactivé par sécurité.")
    name = path.name
    if not path.exists():
        raise ImportRefused(f"Le fichier « {name} » n'existe pas.")
    if path.is_dir():
        raise ImportRefused(f"« {name} » est un dossier, pas un classeur.")
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise ImportRefused(f"Impossible de lire « {name} » ({exc.strerror}).") from exc
    if not head:
        raise ImportRefused(f"« {name} » est vide.")
    if head.startswith(OLE_SIGNATURE):
        if _is_encrypted_ole(path):
            raise ImportRefused(f"« {name} » est protégé par un mot de passe : enregistrez-le sans mot de passe "
                                "puis importez-le.")
        raise ImportRefused(XLS_MESSAGE)
    if not head.startswith(ZIP_SIGNATURE):
        raise ImportRefused(f"« {name} » n'est pas un classeur Excel (.xlsx).")
    try:
        with zipfile.ZipFile(path) as zf:
            _check_members(zf, name)
    except zipfile.BadZipFile as exc:
        raise ImportRefused(f"« {name} » est incomplet ou endommagé (archive illisible : {exc}).") from exc
    except (OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise ImportRefused(f"« {name} » est incomplet ou endommagé ({exc}).") from exc


def _is_encrypted_ole(path: Path) -> bool:
    marker = "EncryptedPackage".encode("utf-16-le")
    with path.open("rb") as fh:
        return marker in fh.read(16 * 1024 * 1024)


def _check_members(zf: zipfile.ZipFile, name: str) -> None:
    check_zip_sizes(zf, name)
    names = {i.filename for i in zf.infolist()}
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise ImportRefused(f"« {name} » n'est pas un classeur Excel (.xlsx) : c'est une autre sorte d'archive.")


def check_zip_sizes(zf: zipfile.ZipFile, name: str) -> None:
    """The checks any zipped document gets (.xlsx, .ods): number of members, sizes and compression ratios
    (a zip bomb is refused before anything is inflated), no encrypted part, no DTD in an XML member."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ImportRefused(f"« {name} » contient {len(infos)} fichiers internes : ce n'est pas un classeur normal "
                            "(import refusé par sécurité).")
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise ImportRefused(f"« {name} » est anormalement compressé ({info.filename} : {ratio:.0f} fois) : "
                                "import refusé par sécurité (archive piégée ?).")
        if info.flag_bits & 0x1:
            raise ImportRefused(f"« {name} » contient des parties chiffrées : enregistrez-le sans mot de passe.")
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise ImportRefused(f"« {name} » occuperait {total // (1024 * 1024)} Mo une fois décompressé : "
                            "import refusé par sécurité.")
    for info in infos:
        if info.filename.endswith((".xml", ".rels", ".vml", ".rdf")):
            _check_prologue(zf, info, name)


def _check_prologue(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    """No document type declaration (hence no entity) before the root element of an XML member."""
    with zf.open(info) as fh:
        head = fh.read(PROLOGUE_LIMIT)
    if not head.strip():
        return
    m = _ROOT_START.search(head)
    prologue = head[: m.start()] if m else head
    if b"<!DOCTYPE" in prologue.upper() or b"<!ENTITY" in prologue.upper():
        raise ImportRefused(f"« {name} » contient une déclaration XML interdite ({info.filename}) : "
                            "import refusé par sécurité.")
    if m is None and len(head) == PROLOGUE_LIMIT:
        raise ImportRefused(f"« {name} » contient une partie XML illisible ({info.filename}).")


def sheet_paths(path: Path) -> dict[str, tuple[str, str]]:
    """Sheet name → (member path of its XML, state: visible/hidden/veryHidden), read with defusedxml."""
    with zipfile.ZipFile(path) as zf:
        workbook = SafeET.fromstring(zf.read("xl/workbook.xml"))
        try:
            rels = SafeET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
        except KeyError:
            return {}
    targets = {}
    for rel in rels.iter(f"{{{_PKG_REL_NS}}}Relationship"):
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        targets[rel.get("Id")] = _normalise(target)
    result = {}
    sheets: Element | None = workbook.find(f"{{{_MAIN_NS}}}sheets")
    for sheet in (sheets if sheets is not None else []):
        rid = sheet.get(f"{{{_REL_NS}}}id")
        result[sheet.get("name", "")] = (targets.get(rid, ""), sheet.get("state", "visible"))
    return result


def _normalise(member: str) -> str:
    parts: list[str] = []
    for p in member.split("/"):
        if p == "..":
            if parts:
                parts.pop()
        elif p and p != ".":
            parts.append(p)
    return "/".join(parts)


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_CELL_START = re.compile(rb'<(?:\w+:)?c\s[^>]*?r="([A-Z]+[0-9]+)"')


def scan_sheet(path: Path, member: str) -> tuple[list[str], list[str]]:
    """(merged ranges, cells holding a formula without a computed value) of one sheet's XML."""
    with zipfile.ZipFile(path) as zf, zf.open(member) as fh:
        data = fh.read()
    merged = [m.group(1).decode() for m in _MERGE.finditer(data)]
    uncached = []
    if b"<f" in data or b":f" in data:
        for m in _FORMULA.finditer(data):
            start = data.rfind(b"<", 0, m.start())
            cell = None
            for c in _CELL_START.finditer(data, max(0, start - 400), m.start()):
                cell = c.group(1).decode()
            end = data.find(b"c>", m.end())
            body = data[m.end(): end if end != -1 else len(data)]
            if re.search(rb"<(?:\w+:)?v>[^<]", body) is None and cell:
                uncached.append(cell)
    return merged, uncached
