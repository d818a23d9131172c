"""Enumerations of the domain, each value with its French label."""

from __future__ import annotations

from enum import Enum


class LabelledEnum(str, Enum):
    """A string enum whose members carry a French label: ``Member = ("code", "Libellé")``."""

    label: str

    def __new__(cls, code: str, label: str):
        obj = str.__new__(cls, code)
        obj._value_ = code
        obj.label = label
        return obj

    @classmethod
    def from_code(cls, code: str):
        try:
            return cls(code)  # type: ignore[call-arg]  # the enum's own value → member table (rows by the thousand are read with it)
        except ValueError:
            raise ValueError(code) from None

    @classmethod
    def from_label(cls, text: str):
        """Find a member by label or code, ignoring case and accents."""
        from crte_desktop.domain.text import fold

        key = fold(text)
        for member in cls:
            if fold(member.label) == key or fold(member.value) == key:
                return member
        raise ValueError(text)


class ActionStatus(LabelledEnum):
    A_VENIR = ("a_venir", "À venir")
    EN_PREPARATION = ("en_preparation", "En préparation")
    EN_COURS = ("en_cours", "En cours")
    REALISEE = ("realisee", "Réalisée")
    EN_PAUSE = ("en_pause", "En pause")
    BLOQUEE = ("bloquee", "Bloquée")
    ABANDONNEE = ("abandonnee", "Abandonnée")

    @property
    def is_closed(self) -> bool:
        return self in (ActionStatus.REALISEE, ActionStatus.ABANDONNEE)


LATE_LABEL = "En retard"


class FinancingStatus(LabelledEnum):
    PREVU = ("prevu", "Prévu")
    SOLLICITE = ("sollicite", "Sollicité")
    ACCORDE = ("accorde", "Accordé")
    REFUSE = ("refuse", "Refusé")
    VERSE_PARTIEL = ("verse_partiel", "Versé en partie")
    SOLDE = ("solde", "Soldé")
    ANNULE = ("annule", "Annulé")

    @property
    def counts(self) -> bool:
        """A refused or cancelled line brings no money."""
        return self not in (FinancingStatus.REFUSE, FinancingStatus.ANNULE)


class FinancingCategory(LabelledEnum):
    FRANCE_RELANCE = ("france_relance", "France Relance")
    CONTRACTUALISE = ("contractualise", "Crédits contractualisés")
    VALORISE = ("valorise", "Crédits valorisés")


class Stage(LabelledEnum):
    PLANNED = ("planned", "Prévisionnel")
    REQUESTED = ("requested", "Sollicité")
    GRANTED = ("granted", "Accordé")
    PAID = ("paid", "Versé")


class OrgKind(LabelledEnum):
    ETAT = ("etat", "État")
    EPCI = ("epci", "EPCI")
    COMMUNE = ("commune", "Commune")
    OPERATEUR_ETAT = ("operateur_etat", "Opérateur de l'État")
    SYNDICAT = ("syndicat", "Syndicat")
    REGION = ("region", "Région")
    DEPARTEMENT = ("departement", "Département")
    CHAMBRE_CONSULAIRE = ("chambre_consulaire", "Chambre consulaire")
    ETABLISSEMENT_PUBLIC = ("etablissement_public", "Établissement public")
    ASSOCIATION = ("association", "Association")
    ENTREPRISE = ("entreprise", "Entreprise")
    AUTRE = ("autre", "Autre")


class TaxonomyObjective(LabelledEnum):
    """The six environmental objectives of the EU green taxonomy."""

    MITIGATION = ("mitigation", "Atténuation du changement climatique")
    ADAPTATION = ("adaptation", "Adaptation au changement climatique")
    WATER = ("water", "Utilisation durable et protection de l'eau et des ressources marines")
    CIRCULAR = ("circular", "Transition vers une économie circulaire")
    POLLUTION = ("pollution", "Prévention et réduction de la pollution")
    BIODIVERSITY = ("biodiversity", "Protection et restauration de la biodiversité et des écosystèmes")


class Rating(LabelledEnum):
    FAVOURABLE = ("favourable", "Favorable")
    NEUTRAL = ("neutral", "Neutre")
    UNFAVOURABLE = ("unfavourable", "Défavorable")
    NOT_ASSESSED = ("not_assessed", "Non évalué")


class Priority(LabelledEnum):
    HIGH = ("1", "Haute")
    NORMAL = ("2", "Normale")
    LOW = ("3", "Basse")


class Phase(LabelledEnum):
    """The phase of a project in the national « projets de collectivités » schema."""

    IDEE = ("idee", "Idée")
    ETUDE = ("etude", "Étude")
    OPERATION = ("operation", "Opération")


class ContractGeneration(LabelledEnum):
    RELANCE_2021 = ("2021", "2021 — Contrat de relance et de transition écologique")
    REUSSITE_2023 = ("2023", "2023 et après — Contrat pour la réussite de la transition écologique")


class DecisionKind(LabelledEnum):
    NONE = ("", "—")
    ARRETE = ("arrete", "Arrêté")
    CONVENTION = ("convention", "Convention")


class PaymentKind(LabelledEnum):
    AVANCE = ("avance", "Avance")
    ACOMPTE = ("acompte", "Acompte")
    SOLDE = ("solde", "Solde")
