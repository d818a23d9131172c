"""Agenda templates: a typical COTECH and COPIL, after the missions the seed contracts give them
(article "Gouvernance": the COTECH follows the actions and prepares the COPIL's decisions; the COPIL
validates the annual evaluation, examines the programming and decides on change requests)."""

from __future__ import annotations

from dataclasses import dataclass

from crte_desktop.domain.meetings import AgendaItemKind, ChangeKind, CommitteeKind


@dataclass(frozen=True)
class TemplateItem:
    title: str
    kind: AgendaItemKind
    duration_minutes: int
    presenter: str = ""
    change_kind: ChangeKind | None = None
    description: str = ""


K = AgendaItemKind

COTECH = (
    TemplateItem("Validation du compte rendu de la séance précédente", K.PREVIOUS_MINUTES, 5, "Secrétariat du CRTE"),
    TemplateItem("Tableau de suivi de l'exécution du CRTE", K.PROGRESS, 30, "Secrétariat du CRTE",
                 description="Taux de réalisation, mobilisation des moyens et financements, indicateurs."),
    TemplateItem("Avancement des actions et situations de blocage", K.PROGRESS, 40, "Maîtres d'ouvrage",
                 description="Vérifier l'avancement des dossiers, analyser les blocages et proposer des mesures."),
    TemplateItem("Évolutions et propositions d'ajout de fiches actions", K.CHANGE_REQUEST, 30, "Secrétariat du CRTE",
                 change_kind=ChangeKind.INCLUSION),
    TemplateItem("Outils d'évaluation et résultats", K.INFORMATION, 15, "Secrétariat du CRTE"),
    TemplateItem("Préparation du prochain comité de pilotage", K.DECISION, 15, "Les co-présidents"),
    TemplateItem("Questions diverses", K.OTHER_BUSINESS, 10),
)

COPIL = (
    TemplateItem("Validation du compte rendu du précédent comité de pilotage", K.PREVIOUS_MINUTES, 5, "Les co-présidents"),
    TemplateItem("Avancement et programmation des actions", K.PROGRESS, 30, "Secrétariat du CRTE"),
    TemplateItem("Présentation annuelle de la programmation financière", K.INFORMATION, 20, "Services de l'État"),
    TemplateItem("Évaluation annuelle du CRTE soumise par le comité technique", K.ANNUAL_REVIEW, 20,
                 "Comité technique"),
    TemplateItem("Demandes d'évolution du CRTE (inscription, adaptation, abandon d'actions)", K.CHANGE_REQUEST, 30,
                 "Secrétariat du CRTE", change_kind=ChangeKind.ADAPTATION),
    TemplateItem("Mesures rectificatives éventuelles", K.DECISION, 15, "Les co-présidents"),
    TemplateItem("Questions diverses", K.OTHER_BUSINESS, 10),
)

OTHER = (
    TemplateItem("Validation du compte rendu de la séance précédente", K.PREVIOUS_MINUTES, 5),
    TemplateItem("Point d'avancement", K.PROGRESS, 30),
    TemplateItem("Questions diverses", K.OTHER_BUSINESS, 10),
)

TEMPLATES: dict[CommitteeKind, tuple[TemplateItem, ...]] = {
    CommitteeKind.COTECH: COTECH, CommitteeKind.COPIL: COPIL, CommitteeKind.OTHER: OTHER,
}


def template_for(kind: CommitteeKind) -> tuple[TemplateItem, ...]:
    return TEMPLATES[kind]
