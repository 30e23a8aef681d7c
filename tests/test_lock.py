"""The lock files are in step with the human requirement lists, and every install is pinned and hashed."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
LOCKS = {  # lock file → the requirement lists it was compiled from, in `make lock`'s order
    "requirements.lock": ["requirements.txt"],
    "requirements-dev.lock": ["requirements.txt", "requirements-dev.txt"],
}
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==([^\s;\\]+)\s*(;[^\\]*)?\\?$")


def requirement_lines(name: str) -> list[Requirement]:
    """The requirements of a list, following `-r` includes."""
    found = []
    for raw in (ROOT / name).read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("-r "):
            found += requirement_lines(line[3:].strip())
            continue
        assert not line.startswith("-"), f"{name}: option lines ({line!r}) cannot be installed with --require-hashes"
        found.append(Requirement(line))
    return found


def locked(name: str) -> dict[str, list[tuple[str, str | None, int]]]:
    """Lock entries: package → [(version, marker, number of hashes)]."""
    entries: dict[str, list] = {}
    current = None
    for line in (ROOT / name).read_text().splitlines():
        match = _PIN.match(line)
        if match:
            current = [match.group(3), (match.group(4) or "").lstrip("; ").strip() or None, 0]
            entries.setdefault(canonicalize_name(match.group(1)), []).append(current)
        elif line.strip().startswith("--hash=sha256:"):
            assert current is not None, f"{name}: hash before any package: {line}"
            current[2] += 1
        elif line.strip() and not line.lstrip().startswith("#"):
            pytest.fail(f"{name}: unexpected line {line!r} (only pinned packages with hashes belong in a lock)")
    return {package: [tuple(e) for e in versions] for package, versions in entries.items()}


@pytest.mark.parametrize("lock", LOCKS)
def test_lock_records_the_requirement_lists_it_was_made_from(lock):
    inputs = b"".join((ROOT / name).read_bytes() for name in LOCKS[lock])
    stamp = f"# inputs-sha256: {hashlib.sha256(inputs).hexdigest()}"
    assert stamp in (ROOT / lock).read_text().splitlines(), (
        f"{lock} was not made from the current {' + '.join(LOCKS[lock])}: run `make lock`")


@pytest.mark.parametrize("lock", LOCKS)
def test_every_requirement_is_locked_at_a_version_it_allows(lock):
    entries = locked(lock)
    for requirement in requirement_lines(LOCKS[lock][-1]):
        name = canonicalize_name(requirement.name)
        assert name in entries, f"{requirement} is missing from {lock}: run `make lock`"
        for version, _marker, _hashes in entries[name]:
            assert requirement.specifier.contains(version, prereleases=True), (
                f"{lock} pins {name}=={version}, which {requirement} does not allow: run `make lock`")


@pytest.mark.parametrize("lock", LOCKS)
def test_every_locked_package_is_pinned_with_hashes(lock):
    entries = locked(lock)
    assert len(entries) > 20
    for package, versions in entries.items():
        for version, _marker, hashes in versions:
            assert hashes >= 1, f"{lock}: {package}=={version} has no hash"


def test_run_and_test_installs_use_the_same_versions():
    run, dev = locked("requirements.lock"), locked("requirements-dev.lock")
    for package, versions in run.items():
        assert dev.get(package) == versions, f"{package}: requirements.lock {versions} vs requirements-dev.lock {dev.get(package)}"


def test_makefile_installs_only_from_the_locks_with_hashes_required():
    makefile = (ROOT / "Makefile").read_text()
    locked_pip = re.search(r"^PIP_LOCKED = (.*)$", makefile, re.M).group(1)
    assert "pip install" in locked_pip and "--require-hashes" in locked_pip
    for line in makefile.splitlines():
        if "pip install" in line and not line.startswith("PIP_LOCKED"):
            assert " -r " not in line and "--no-deps" in line, f"an install outside the locks: {line}"
        if " -r " in line and ("$(PIP_LOCKED)" in line):
            assert re.search(r" -r requirements(-dev)?\.lock$", line), line
    assert "$(PIP_LOCKED) -r requirements.lock" in makefile and "$(PIP_LOCKED) -r requirements-dev.lock" in makefile
