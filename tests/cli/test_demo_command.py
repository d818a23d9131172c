"""``crte-desktop demo OUT.crte [--force]``."""

from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.store import Store


def test_demo_writes_a_workspace_with_both_contracts(cli, tmp_path):
    out_file = tmp_path / "sous-dossier" / "demo.crte"
    code, out, err = cli("demo", out_file)
    assert code == 0, err
    assert "2 contrats (CRTE du Valenciennois, CRTE du Douaisis), 58 actions" in out
    with Store.open_read_only(out_file) as store:
        assert len(ContractRepository(store).contracts()) == 2
    assert [p.name for p in out_file.parent.iterdir()] == ["demo.crte"]


def test_demo_refuses_an_existing_file_without_force(cli, tmp_path, digest):
    target = tmp_path / "travail.crte"
    target.write_bytes(b"mon travail de la semaine")
    before = digest(target)
    code, out, err = cli("demo", target)
    assert code == 1
    assert "existe déjà ; il n'a pas été modifié. Ajoutez --force pour le remplacer." in err
    assert digest(target) == before
    assert [p.name for p in tmp_path.iterdir()] == ["travail.crte"]


def test_demo_force_replaces_the_file(cli, tmp_path):
    target = tmp_path / "demo.crte"
    target.write_bytes(b"ancien")
    code, _out, err = cli("demo", target, "--force")
    assert code == 0, err
    with Store.open_read_only(target) as store:
        assert len(ContractRepository(store).contracts()) == 2


def test_demo_into_a_folder_is_refused(cli, tmp_path):
    code, _out, err = cli("demo", tmp_path)
    assert code == 1
    assert "est un dossier" in err
