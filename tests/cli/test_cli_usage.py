import importlib
"""Exit codes of the command line: 0 success, 1 user error (French reason), 2 usage error."""

import pytest


@pytest.mark.parametrize("args", [
    ["check"], ["summary"], ["demo"], ["--inconnu"], ["check", "a.crte", "b.crte"], ["bench", "--scale", "beaucoup"],
    ["demo", "a.crte", "--ecraser"],
])
def test_usage_errors_exit_2(cli, args):
    code, out, err = cli(*args)
    assert code == 2
    assert "usage" in err


def test_unknown_sub_command_with_arguments_exits_2(cli):
    importlib.import_module("crte_desktop.views.shell.app")
    code, _out, err = cli("exporter", "a.crte", "b.xlsx")
    assert code == 2
    assert "usage" in err


def test_help_exits_0(cli):
    code, out, _err = cli("--help")
    assert code == 0
    assert "summary" in out and "check" in out


@pytest.mark.parametrize("command", ["check", "summary"])
def test_missing_file_exits_1_with_the_reason(cli, tmp_path, command):
    code, out, err = cli(command, tmp_path / "absent.crte")
    assert code == 1
    assert err.strip() == "Erreur : Le fichier « absent.crte » n'existe pas."
    assert not (tmp_path / "absent.crte").exists()


@pytest.mark.parametrize("command", ["check", "summary"])
def test_text_file_renamed_crte_is_refused_and_unchanged(cli, tmp_path, digest, command):
    fake = tmp_path / "notes.crte"
    fake.write_text("Compte rendu du COPIL du 12 mars\n", encoding="utf-8")
    before = digest(fake)
    code, out, err = cli(command, fake)
    assert code == 1
    assert "« notes.crte » n'est pas un espace de travail CRTE Desktop." in err
    assert digest(fake) == before
    assert [p.name for p in tmp_path.iterdir()] == ["notes.crte"]
