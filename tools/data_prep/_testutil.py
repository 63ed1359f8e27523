"""Helpers shared by the data_prep unit tests (not a test module itself)."""

from __future__ import annotations

import json
import pathlib
import sys
import unittest

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from tools.data_prep import common  # noqa: E402

WARDS_PATH = REPO_ROOT / "public" / "data" / "wards.json"
TILES_PATH = REPO_ROOT / "public" / "data" / "tiles.hexjson"


def load(path: pathlib.Path) -> dict:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def inputs_available() -> bool:
    """True when the pinned input packages (and scipy) are installed."""
    try:
        for dist in common.PINS:
            common.package_dir(dist)
        import numpy  # noqa: F401
        import scipy  # noqa: F401
    except Exception:  # noqa: BLE001
        return False
    return True


needs_inputs = unittest.skipUnless(
    inputs_available(),
    "pinned packages missing: pip install -r tools/requirements-prep.txt "
    "(python3 -m tools.data_prep.check is the hard gate)",
)
