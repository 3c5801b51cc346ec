"""The `datagate` command line (typer): `main.py` holds the app and its everyday commands;
each administrative room adds its own group of subcommands from a module here."""
from gateway.cli.main import app

__all__ = ["app"]
