"""constraints.txt, the versions `make install` installs, agrees with pyproject.toml and the Makefile."""

import re
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

try:
    import tomllib
except ImportError:  # Python 3.10
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parents[1]


def _pins() -> tuple[dict[str, str], str]:
    text = (ROOT / "constraints.txt").read_text(encoding="utf-8")
    python = re.search(r"^# python: (\S+)$", text, re.M)
    assert python, "constraints.txt lacks its '# python: X.Y' line (make lock writes it)"
    pins = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, pinned = line.partition("==")
            assert pinned, f"constraints.txt: {line!r} is not name==version"
            pins[canonicalize_name(name)] = pinned
    return pins, python.group(1)


def test_every_requirement_is_pinned_within_its_range():
    pins, _ = _pins()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for spec in project["dependencies"] + project["optional-dependencies"]["test"]:
        req = Requirement(spec)
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} (pyproject.toml) has no pin in constraints.txt: run make lock"
        assert req.specifier.contains(pins[name], prereleases=True), f"constraints.txt pins {req.name}=={pins[name]}, outside pyproject's {req.specifier}"


def test_torch_is_pinned_as_the_makefile_installs_it():
    pins, _ = _pins()
    torch = re.search(r"^TORCH_VERSION := (\S+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M).group(1)
    assert pins.get("torch") == torch, f"constraints.txt pins torch {pins.get('torch')}, the Makefile installs {torch}"


def test_installed_versions_are_the_pinned_ones():
    """What make install put in this environment (on the lock's Python): a package at another
    version means the numbers may differ from dvc.lock's; run make install, or make lock after
    an upgrade made on purpose (then dvc repro)."""
    pins, python = _pins()
    if f"{sys.version_info.major}.{sys.version_info.minor}" != python:
        pytest.skip(f"constraints.txt was written on Python {python}; make install does not apply it here")
    wrong = []
    for name, pinned in pins.items():
        try:
            installed = version(name)
        except PackageNotFoundError:
            continue  # pinned for another platform or an optional extra not installed here
        if installed.split("+")[0] != pinned:
            wrong.append(f"{name} {installed} (constraints.txt: {pinned})")
    assert not wrong, "installed at other versions than constraints.txt: " + "; ".join(wrong)
