from tests.cli.conftest import cli  # noqa: F401 - the fixture that runs the command line
