"""Fail if the committed data files are stale.

Regenerates public/data/wards.json and public/data/tiles.hexjson, then the
datasets, catalogue, schemas and datapackage.json (tools.data_prep.datasets), into a
temporary directory with the pinned packages, compares them byte for byte
with the committed files and exits 1 with a unified diff if they differ
(or 2 if the inputs are missing or inconsistent). Run from the repo root:

    python3 -m tools.data_prep.check
"""

from __future__ import annotations

import difflib
import sys
import tempfile
import pathlib

from . import common, registry

try:
    from . import cartogram
except ImportError as exc:  # numpy/scipy missing: not the right environment
    print(f"error: {exc}; run: pip install -r tools/requirements-prep.txt", file=sys.stderr)
    raise SystemExit(2) from exc

FILES = (registry.OUTPUT_NAME, cartogram.OUTPUT_NAME)


def main(argv: list[str] | None = None) -> int:
    committed_dir = common.PUBLIC_DATA
    with tempfile.TemporaryDirectory(prefix="data_prep_check_") as tmp:
        tmp_dir = pathlib.Path(tmp)
        try:
            doc = registry.build()
            common.write_text(tmp_dir / registry.OUTPUT_NAME, registry.render(doc))
            hexjson, _ = cartogram.build(doc)
            common.write_text(tmp_dir / cartogram.OUTPUT_NAME, cartogram.render(hexjson))
        except common.DataError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        stale = []
        for name in FILES:
            new = (tmp_dir / name).read_bytes()
            path = committed_dir / name
            old = path.read_bytes() if path.is_file() else None
            if old == new:
                print(f"ok: public/data/{name} is up to date")
                continue
            stale.append(name)
            if old is None:
                print(f"STALE: public/data/{name} is missing")
                continue
            diff = difflib.unified_diff(
                old.decode("utf-8", "replace").splitlines(keepends=True),
                new.decode("utf-8").splitlines(keepends=True),
                fromfile=f"public/data/{name} (committed)",
                tofile=f"public/data/{name} (regenerated)",
                n=1,
            )
            text = "".join(diff)
            print(f"STALE: public/data/{name} differs from a fresh build:")
            sys.stdout.write(text[:20000] + ("\n... (diff truncated)\n" if len(text) > 20000 else ""))
    if stale:
        print("regenerate with: scripts/prepare-data.sh")
        return 1
    # The import matcher's reference of non-pilot units (crates/domain/data).
    from . import units

    if units.main(["--check"]) != 0:
        print("regenerate with: .venv-tools/bin/python -m tools.data_prep.units")
        return 1
    # The datasets, catalogue, schemas and data package depend on wards.json,
    # so they are checked once it is known to be current.
    from . import datasets

    return datasets.main(["--check"])


if __name__ == "__main__":
    sys.exit(main())
