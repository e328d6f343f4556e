"""The README is checked: the commands it shows exist and run."""

import re
from pathlib import Path

import pytest

from conftest import run_dyad

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    """Every `dyad ...` line inside the README's shell code blocks."""
    blocks = re.findall(r"```(?:sh|bash|shell)\n(.*?)```", README, re.S)
    return [
        line.strip()
        for block in blocks
        for line in block.splitlines()
        if line.strip().startswith("dyad ")
    ]


def test_docs_readme_has_the_two_setup_commands():
    assert "make demo" in README and "make test" in README


def test_docs_readme_shows_every_cli_command():
    from dyad.cli import build_parser

    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "==SUPPRESS==" or a.choices)
    for command in subparsers.choices:  # type: ignore[union-attr]
        assert f"dyad {command}" in README, command


@pytest.mark.model
def test_docs_readme_commands_run(tmp_path):
    """Run the README's dyad commands in order, from the repo root, on a scratch database."""
    commands = readme_commands()
    assert len(commands) >= 5
    db = str(tmp_path / "readme.duckdb")
    for command in commands:
        args = command.split()[1:]
        args = [db if a == "dyad.duckdb" else a for a in args]
        if args[0] == "export":  # its output goes to the scratch folder, not the repo
            args[-1] = str(tmp_path / args[-1])
        if args[0] in {"ingest", "events", "dyads"} and "--db" not in args:
            args += ["--db", db]
        if "|" in args or ">" in args:
            continue
        result = run_dyad(*args, cwd=ROOT)
        assert result.returncode == 0, f"{command}\n{result.stderr}"
