import shutil

import pytest


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory):
    """The demo workspace, written once. Never pass it to a test that may write: use ``demo_copy``."""
    from crte_desktop.demo.builder import write_demo

    return write_demo(tmp_path_factory.mktemp("cli-demo") / "demo.crte")


@pytest.fixture
def demo_copy(demo_master, tmp_path):
    """A private copy of the demo workspace."""
    return shutil.copy2(demo_master, tmp_path / "demo.crte")


@pytest.fixture
def cli(capsys):
    """Run ``crte_desktop.cli.main`` and return (exit code, stdout, stderr); non-breaking spaces become spaces."""
    from crte_desktop.cli import main

    def run(*args):
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out.replace("\u00a0", " "), err.replace("\u00a0", " ")

    return run
