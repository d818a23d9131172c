"""Guessing the columns from the words secretaries write above them."""

import pytest

from crte_desktop.domain.enums import Stage
from crte_desktop.excel.first_import import Catalogue, Target, guess_mapping, load_table, open_source
from crte_desktop.excel.first_import.guess import guess_column


@pytest.fixture
def catalogue(ws):
    store, v = ws
    return Catalogue.load(store, v.contract_id)


def funding(catalogue, name):
    """(funder id, scheme id) of a funder's short name or a scheme's name."""
    return next((x.funder_id, x.scheme_id) for x in catalogue.fundings()
                if x.label == name or x.label.startswith(f"{name} ("))


def test_the_tracking_file_is_mapped_column_by_column(tracking_file, catalogue):
    table = load_table(open_source(tracking_file), "Programme")
    mapping = guess_mapping(table.headers, catalogue)
    dsil, detr, region = (funding(catalogue, n) for n in ("DSIL", "DETR", "Région"))
    assert mapping == {
        0: Target("reference"), 1: Target("title"), 2: Target("section"), 3: Target("owner"),
        4: Target("total_cost"), 5: Target.financing(*dsil, Stage.REQUESTED),
        6: Target.financing(*detr, Stage.GRANTED), 7: Target.financing(*region, Stage.PLANNED),
        8: Target("progress"), 9: Target("status"), 10: Target("end_date"), 11: Target("inscription_year"),
        12: Target("notes"),
    }


@pytest.mark.parametrize("header, field", [
    ("Réf.", "reference"), ("N°", "reference"), ("Numéro", "reference"), ("Référence", "reference"),
    ("CODE", "reference"), ("Intitulé", "title"), ("Projet", "title"), ("Opération", "title"),
    ("Action", "title"), ("Libellé de l'opération", "title"), ("Nom du projet", "title"),
    ("Axe", "section"), ("Volet", "section"), ("Orientation stratégique", "section"), ("Thématique", "section"),
    ("Maître d'ouvrage", "owner"), ("MOA", "owner"), ("Porteur de projet", "owner"), ("Commune", "owner"),
    ("Coût", "total_cost"), ("Montant total", "total_cost"), ("Coût total TTC", "total_cost"),
    ("coût total h.t.", "total_cost"), ("Statut", "status"), ("État d'avancement", "status"), ("Etat", "status"),
    ("Avancement", "progress"), ("Avancement (%)", "progress"), ("%", "progress"), ("Taux de réalisation", "progress"),
    ("Date de début", "start_date"), ("Démarrage", "start_date"), ("Date de fin prévisionnelle", "end_date"),
    ("Échéance", "end_date"), ("Année", "inscription_year"), ("Millésime", "inscription_year"),
    ("Description", "description"), ("Commentaires", "notes"),
])
def test_field_synonyms_ignore_case_accents_and_punctuation(catalogue, header, field):
    assert guess_column(header, catalogue) == Target(field)


@pytest.mark.parametrize("header, name, stage", [
    ("DSIL", "DSIL", Stage.PLANNED), ("DETR accordée", "DETR", Stage.GRANTED), ("FNADT versé", "FNADT", Stage.PAID),
    ("Fonds vert sollicité", "Fonds vert", Stage.REQUESTED), ("ADEME", "ADEME", Stage.PLANNED),
    ("Agence de l'eau (prévisionnel)", "Agence de l'eau", Stage.PLANNED), ("Région", "Région", Stage.PLANNED),
    ("Département - montant obtenu", "Département", Stage.GRANTED), ("Montant DSIL sollicité", "DSIL", Stage.REQUESTED),
    ("DSIL relance", "DSIL relance", Stage.PLANNED), ("Subvention Etat demandée", "État", Stage.REQUESTED),
    ("FEDER", "FEDER", Stage.PLANNED), ("Fonds propres", "Autofinancement", Stage.PLANNED),
])
def test_funder_and_scheme_columns_become_financing_at_their_stage(catalogue, header, name, stage):
    assert guess_column(header, catalogue) == Target.financing(*funding(catalogue, name), stage)


@pytest.mark.parametrize("header", ["Contact", "Fondation Léa Martin", "", "Montant sollicité"])
def test_columns_nobody_knows_are_left_out(catalogue, header):
    assert guess_column(header, catalogue) is None


def test_a_common_word_that_is_also_a_scheme_name_does_not_make_a_financing(catalogue):
    # "Investissement" is a scheme of the Banque des territoires
    assert guess_column("Coût d'investissement HT", catalogue) == Target("total_cost")


def test_each_field_goes_to_its_first_column_only(catalogue):
    mapping = guess_mapping(["Intitulé", "Coût total HT", "Coût total TTC", "DSIL", "DSIL"], catalogue)
    assert sorted(mapping) == [0, 1, 3]


def test_without_the_catalogue_no_financing_is_guessed():
    assert guess_mapping(["Projet", "DSIL sollicité", "Région"]) == {0: Target("title")}


def test_an_avancement_column_holding_words_is_the_status(catalogue):
    headers = ["N°", "Intitulé", "Avancement"]
    words = [["1", "Piste cyclable", "En cours"], ["2", "Médiathèque", "Terminée"], ["3", "Parc", None]]
    assert guess_mapping(headers, catalogue, words)[2] == Target("status")
    numbers = [["1", "Piste cyclable", 0.4], ["2", "Médiathèque", "45 %"], ["3", "Parc", "100"]]
    assert guess_mapping(headers, catalogue, numbers)[2] == Target("progress")
    assert guess_mapping(headers, catalogue)[2] == Target("progress")  # no values seen: the title decides
