"""Writing controls in a window whose workspace is open read-only (a second window on the same file, a
damaged file): disabled, their tooltip saying why and what to do."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def read_only_reason(store) -> str | None:
    """Why nothing can be written to ``store``, in French; None when it is open for writing."""
    if not store.read_only:
        return None
    name = store.path.name
    if store.damage is not None:
        return f"Lecture seule : « {name} » est endommagé. Fichier → Récupérer… en écrit une copie réparée."
    if store.holder is not None and not store.holder.is_stale:
        return (f"Lecture seule : « {name} » est ouvert en modification par {store.holder.holder}. Pour travailler "
                "de votre côté, ouvrez une copie (bandeau en haut de la fenêtre).")
    return f"Lecture seule : « {name} » ne peut pas être modifié ici. Ouvrez une copie pour travailler."


def enable_writing(store, widget: QWidget, enabled: bool, tip: str = "") -> None:
    """Enable a control that writes when ``enabled`` and the workspace can be written; in a read-only window
    it stays disabled and its tooltip says why (else ``tip``)."""
    reason = read_only_reason(store)
    widget.setEnabled(enabled and reason is None)
    widget.setToolTip(reason or tip)
