"""requirements.lock is installed with `pip install --no-deps`, so it must name every package
that onrecord and its test extra need, down the whole tree: a package missing from it would not
be installed at all on a fresh machine."""

import re
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

LOCK = Path(__file__).resolve().parents[1] / "requirements.lock"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")


def locked_pins(text: str) -> dict[str, str]:
    """Canonical package name → pinned version, one per `name==version` line of a lock."""
    pins = {}
    for line in text.splitlines():
        match = PIN.match(line)
        if match:
            pins[canonicalize_name(match.group(1))] = match.group(2)
    return pins


def needed(requirement: Requirement, extras: set[str]) -> bool:
    """Whether a requirement applies here, for a package installed with `extras`."""
    if requirement.marker is None:
        return True
    return any(requirement.marker.evaluate({"extra": extra}) for extra in extras or {""})


def missing_from_lock(root: str, root_extras: set[str], pins: dict[str, str]) -> set[str]:
    """Every package reached from `root` (with its extras) that the lock does not pin."""
    missing: set[str] = set()
    seen: set[tuple[str, frozenset[str]]] = set()
    todo = [(root, frozenset(root_extras))]
    while todo:
        name, extras = todo.pop()
        if (name, extras) in seen:
            continue
        seen.add((name, extras))
        for line in metadata.requires(name) or []:
            requirement = Requirement(line)
            if not needed(requirement, set(extras)):
                continue
            key = canonicalize_name(requirement.name)
            if key not in pins:
                missing.add(key)
                continue
            todo.append((requirement.name, frozenset(requirement.extras)))
    return missing


def test_the_lock_pins_the_whole_tree():
    pins = locked_pins(LOCK.read_text(encoding="utf-8"))
    assert missing_from_lock("onrecord", {"test"}, pins) == set()


def test_installed_versions_are_the_locked_ones():
    pins = locked_pins(LOCK.read_text(encoding="utf-8"))
    for name in ("spacy", "lxml", "trafilatura", "fastapi"):
        assert metadata.version(name) == pins[canonicalize_name(name)]


def test_a_package_the_lock_leaves_out_is_found():
    pins = locked_pins(LOCK.read_text(encoding="utf-8"))
    del pins["lxml-html-clean"]
    assert "lxml-html-clean" in missing_from_lock("onrecord", {"test"}, pins)


def test_pins_are_read_with_extras_and_hash_continuations():
    text = "lxml[html-clean]==6.1.3 \\\n    --hash=sha256:00\nSpaCy==3.8.0 ; python_version >= '3'\n"
    assert locked_pins(text) == {"lxml": "6.1.3", "spacy": "3.8.0"}
