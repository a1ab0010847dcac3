"""environment.yml (conda/Binder) and pyproject.toml describe the same environment."""

from __future__ import annotations

import re
import tomllib

import yaml

from analysis.paths import ROOT


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {
        _name(r): r for r in project["dependencies"] + project["optional-dependencies"]["test"]
    }
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    declared = {_name(d): d for d in conda if _name(d) not in {"python", "pip"}}
    assert "-e ." in pip
    assert set(declared) == set(wanted), "package lists differ"
    for name, requirement in wanted.items():
        pin = requirement[len(name) :]
        assert declared[name].replace(" ", "")[len(name) :] == pin.replace(" ", ""), name
    python = next(d for d in conda if _name(d) == "python")
    assert python.replace(" ", "") == "python" + project["requires-python"]


def test_tests_run_offline():
    import socket

    import pytest

    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(OSError, match="offline required"):
            probe.connect(("198.51.100.7", 80))  # TEST-NET-2, never routed
    finally:
        probe.close()
