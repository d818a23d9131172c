import pytest


@pytest.fixture
def cli(capsys):
    """Run ``crte_desktop.cli.main`` and return (exit code, stdout, stderr); non-breaking spaces become spaces."""
    from crte_desktop.cli import main

    def run(*args):
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out.replace("\u00a0", " "), err.replace("\u00a0", " ")

    return run
