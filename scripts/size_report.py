#!/usr/bin/env python3
"""Size report of the release bundle, checked against size-budget.json.

Usage: size_report.py DIST_DIR BUDGET_JSON
Prints every file of DIST_DIR (raw, gzip -9, brotli -q 11) and each budget's
total; exits 1 if a budget is exceeded. Measures bytes, never time.

A budget picks files by name patterns (`files`) minus `exclude`; a budget
without `max_bytes` is only reported. The ECharts file (echarts.js, loaded on
the first chart) and the import worker (import-worker-*: its loader, glue and
wasm, started when the reader first opens data of their own) have their own
budgets and are excluded from the home view's; a budget marked
`"first_download": true` fails if it counts a file of a budget marked
`"lazy": true`, so a pattern that catches them again is caught here.
"""

import fnmatch
import gzip
import json
import sys
from pathlib import Path

import brotli


def sizes(path: Path) -> tuple[int, int, int]:
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, 9, mtime=0)), len(brotli.compress(data, quality=11))


def main() -> int:
    dist, budget_file = Path(sys.argv[1]), Path(sys.argv[2])
    budget = json.loads(budget_file.read_text(encoding="utf-8"))
    files = sorted(p for p in dist.rglob("*") if p.is_file())
    measured = {p: sizes(p) for p in files}
    print(f"{'file':<56} {'raw':>10} {'gzip':>10} {'brotli':>10}")
    for p, (raw, gz, br) in measured.items():
        print(f"{str(p.relative_to(dist)):<56} {raw:>10,} {gz:>10,} {br:>10,}")
    failed = False
    index = {"raw": 0, "gzip": 1, "brotli": 2}

    def chosen_by(b: dict) -> list[Path]:
        def matches(p: Path, key: str) -> bool:
            return any(fnmatch.fnmatch(p.name, pat) for pat in b.get(key, []))

        # Top-level files only: data/ is fetched later, not part of a bundle.
        return [p for p in files if p.parent == dist and matches(p, "files") and not matches(p, "exclude")]

    lazy = {p: b["name"] for b in budget["budgets"] if b.get("lazy") for p in chosen_by(b)}
    for b in budget["budgets"]:
        chosen = chosen_by(b)
        if b.get("first_download"):
            for p in chosen:
                if p in lazy:
                    print(f"budget {b['name']}: counts {p.name}, which is loaded later ({lazy[p]}) -> FAILED")
                    failed = True
        if not chosen:
            print(f"budget {b['name']}: no file matches {b['files']} -> FAILED")
            failed = True
            continue
        total = sum(measured[p][index[b["measure"]]] for p in chosen)
        raw = sum(measured[p][0] for p in chosen)
        gz = sum(measured[p][1] for p in chosen)
        names = ", ".join(p.name for p in chosen)
        if b.get("max_bytes") is None:
            print(f"report {b['name']}: {total:,} bytes {b['measure']} ({raw:,} raw, {gz:,} gzip) [{names}]")
            continue
        ok = total <= b["max_bytes"]
        failed |= not ok
        print(f"budget {b['name']}: {total:,} bytes {b['measure']} ({raw:,} raw, {gz:,} gzip) "
              f"of {b['max_bytes']:,} allowed -> {'ok' if ok else 'OVER BUDGET'} [{names}]")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
