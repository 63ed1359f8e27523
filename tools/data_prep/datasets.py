"""Generates the bundled datasets of the Hanoi ward dashboard.

    python3 -m tools.data_prep.datasets            # (re)write public/data/...
    python3 -m tools.data_prep.datasets --check    # regenerate into a temp dir,
                                                   # diff against public/data, exit 1 if different
    python3 -m tools.data_prep.datasets --out DIR  # write into DIR instead

It writes ``public/data/datasets/*.json`` (the synthetic datasets below and the
real, cited datasets of ``realdata.py``), ``public/data/catalogue.json``,
``public/data/datapackage.json`` and ``public/data/schema/*.schema.json``.
It reads only files of this repository: ``public/data/wards.json`` (written by
``registry.py``) and ``tools/data_prep/sources/hanoi_indices_sourced.csv``.
Standard library only; the output is byte-identical across runs and machines.

ILLUSTRATIVE (SYNTHETIC) DATASETS — NOT REAL FIGURES
=====================================================
The ward-level figures of the Decision 766/QĐ-TTg service index are not
published for the 175 pilot wards in a form we could collect, so the app ships
illustrative data with a realistic structure. Every synthetic dataset has
``provenance: "synthetic"``, "(minh họa)"/"(illustrative)" in its title and a
note saying the figures are not real.

Randomness: ``random.Random(seed)`` only (Mersenne Twister; its ``random()``
stream is stable across Python versions and platforms). We use only
``random()`` and the IEEE-754 operations + - * / (no ``gauss``/``exp``/``log``,
whose last bits could differ between C libraries), and round with exact
fractions. ``SEED = 20210701`` (the pilot's start). Stream ``SEED`` draws the
ward structure; stream ``SEED * 100 + k`` draws family ``k`` (1..8), so adding a
family does not change the others.

Model
-----
Periods t = 0..7 are the quarters 2021-Q3 … 2023-Q2. ``z`` is a standard normal
draw approximated by Irwin–Hall: ``z = (sum of 12 random()) - 6``.

Ward size: population ``pop_w = clamp(M_d * (1 + 0.3 z), 2500, 90000)``
rounded to 10, where ``M_d`` is a plausible mean ward population of district d
(Hoàn Kiếm 8,000 … Cầu Giấy, Hoàng Mai 36,000; see ``DISTRICT_WARD_POP``).
Dossiers resolved in a quarter:
``D_wt = pop_w * 0.05 * (1 + 0.15 z_w) * (1 + 0.04 t) * (1 + 0.08 z_wt)``.
General ward capacity ``c_w = z`` and district capacity ``c_d = z`` are shared
by all families.

Family k (the six 766 groups, the no-wait share, SIPAS) has a share

    x_wt = a_k + b_k t + 0.35 (0.6 c_d + 0.8 z_kd) + 0.5 (0.6 c_w + 0.8 z_kw) + 0.35 z_kwt
    p_wt = min(1, lo_k + (hi_k - lo_k) * (0.5 + 0.5 x / (1 + |x|)))

(a rational sigmoid; a_k, b_k, lo_k, hi_k in ``FAMILIES``), so there are
district effects, ward effects, an improving trend and noise. The denominator
is ``round(f_k * D_wt)`` for the family's fraction ``f_k`` (dossiers received,
eligible for full online service, fee-bearing, petitions assessed …),
the numerator ``round(p_wt * denominator)``, and the share
``value = round_half_up(100 * numerator / denominator, 1)``. Timeliness and
digitisation share the denominator "dossiers resolved" (f = 1).

Special structure, so that the app's edge cases are exercised:
- each cell is missing with probability 2% (2/3 ``not_reported``,
  1/3 ``not_collected``); a denominator below 5 is ``suppressed``; two
  online-payment cells have no fee-bearing dossier (``not_applicable``);
  two satisfaction cells are forced to a denominator of 3 (suppressed);
- four wards pay every fee-bearing dossier online from 2022-Q3 (value 100.0);
- petitions assessed are few, so some small wards have denominators < 20;
- 4% of the cells of the last quarter are flagged ``provisional``;
- no-wait share: +1.0 on x for Hoàn Kiếm from 2022-Q2 (the no-wait model was
  extended to the whole district in May 2022) and for Hàng Bài (its pilot) from
  the start; SIPAS-style satisfaction has no numerator/denominator.

Group scores (points) are computed from the exact share s = numerator/denominator
by a simplified rule (NOT the official 766 method): transparency 18 s,
timeliness 20 s, online services 12 s, online payment 10 s, satisfaction
18 min(1, s / 0.9) (full marks from 90%), digitisation 22 min(1, s / 0.8)
(full marks from 80%); rounded half up to 2 decimals. A missing share gives a
missing score with the same reason; flags are carried over.
"""

from __future__ import annotations

import argparse
import difflib
import random
import sys
import tempfile
from fractions import Fraction
from pathlib import Path

if __package__ in (None, ""):  # allow `python3 tools/data_prep/datasets.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    __package__ = "tools.data_prep"

from tools.data_prep import catalogue as cat  # noqa: E402
from tools.data_prep import realdata  # noqa: E402

SEED = 20210701
PERIODS = ["2021-Q3", "2021-Q4", "2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4", "2023-Q1", "2023-Q2"]
GENERATOR = f"Hanoi ward dashboard — illustrative generator (tools/data_prep/datasets.py, seed {SEED})"

# Plausible mean population of a ward, by district (rough: district population
# / number of wards, around 2019-2021). Only used to scale denominators.
DISTRICT_WARD_POP = {
    "001": 16000,  # Ba Đình
    "002": 8000,  # Hoàn Kiếm
    "003": 20000,  # Tây Hồ
    "004": 23000,  # Long Biên
    "005": 36000,  # Cầu Giấy
    "006": 18000,  # Đống Đa
    "007": 17000,  # Hai Bà Trưng
    "008": 36000,  # Hoàng Mai
    "009": 26000,  # Thanh Xuân
    "019": 26000,  # Nam Từ Liêm
    "021": 25000,  # Bắc Từ Liêm
    "268": 24000,  # Hà Đông
    "269": 9000,  # Sơn Tây
}

NOT_REAL = {
    "vi": (
        "DỮ LIỆU MINH HỌA, KHÔNG PHẢI SỐ LIỆU THẬT. Các con số được sinh ngẫu nhiên "
        f"(tools/data_prep/datasets.py, hạt giống {SEED}) để trình bày cách bảng điều khiển hoạt động; "
        "không được trích dẫn hay dùng để đánh giá phường nào."
    ),
    "en": (
        "ILLUSTRATIVE DATA, NOT REAL FIGURES. The numbers were generated at random "
        f"(tools/data_prep/datasets.py, seed {SEED}) to show how the dashboard works; "
        "do not cite them or use them to judge any ward."
    ),
}

# Families: key, group, 766 points, lo, hi, a, b, denominator fraction f.
# "num"/"den" describe the share; rule is the score rule (None: linear).
FAMILIES = [
    {
        "key": "transparency", "group": "transparency", "points": 18,
        "lo": 0.40, "hi": 1.0, "a": 0.3, "b": 0.12, "f": 1.02, "full_from": None,
        "title": ("Tỷ lệ hồ sơ đồng bộ theo thời gian thực lên Cổng Dịch vụ công quốc gia",
                  "Dossiers synced in real time to the National Public Service Portal"),
        "desc": ("Số hồ sơ được đồng bộ trạng thái theo thời gian thực lên Cổng Dịch vụ công quốc gia / số hồ sơ tiếp nhận trong quý.",
                 "Dossiers whose status was synced in real time to the National Public Service Portal / dossiers received in the quarter."),
        "score_title": ("Điểm nhóm Công khai, minh bạch", "Transparency group score"),
    },
    {
        "key": "timeliness", "group": "timeliness", "points": 20,
        "lo": 0.70, "hi": 1.0, "a": 1.2, "b": 0.12, "f": 1.0, "full_from": None,
        "title": ("Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn", "Dossiers resolved early or on time"),
        "desc": ("Số hồ sơ giải quyết trước hạn và đúng hạn / số hồ sơ đã giải quyết trong quý.",
                 "Dossiers resolved early or on time / dossiers resolved in the quarter."),
        "score_title": ("Điểm nhóm Tiến độ giải quyết", "Timeliness group score"),
    },
    {
        "key": "online-services", "group": "online_services", "points": 12,
        "lo": 0.0, "hi": 0.9, "a": -1.6, "b": 0.15, "f": 0.55, "full_from": None,
        "title": ("Tỷ lệ hồ sơ trực tuyến toàn trình", "Dossiers submitted fully online"),
        "desc": ("Số hồ sơ nộp trực tuyến toàn trình / số hồ sơ của các thủ tục đủ điều kiện cung cấp trực tuyến toàn trình.",
                 "Dossiers submitted fully online / dossiers of procedures eligible for full online service."),
        "score_title": ("Điểm nhóm Dịch vụ công trực tuyến", "Online services group score"),
    },
    {
        "key": "online-payment", "group": "online_payment", "points": 10,
        "lo": 0.0, "hi": 1.0, "a": -1.2, "b": 0.25, "f": 0.12, "full_from": None,
        "title": ("Tỷ lệ hồ sơ thanh toán trực tuyến", "Fee-bearing dossiers paid online"),
        "desc": ("Số hồ sơ có phí, lệ phí được thanh toán trực tuyến / số hồ sơ có phí, lệ phí.",
                 "Fee-bearing dossiers paid online / fee-bearing dossiers."),
        "score_title": ("Điểm nhóm Thanh toán trực tuyến", "Online payment group score"),
    },
    {
        "key": "satisfaction", "group": "satisfaction", "points": 18,
        "lo": 0.50, "hi": 1.0, "a": 0.8, "b": 0.08, "f": 0.075, "full_from": Fraction(9, 10),
        "title": ("Tỷ lệ phản ánh, kiến nghị được xử lý đúng hạn và hài lòng",
                  "Petitions handled on time to the petitioner's satisfaction"),
        "desc": ("Số phản ánh, kiến nghị được xử lý đúng hạn và người dân hài lòng / số phản ánh, kiến nghị được đánh giá.",
                 "Petitions handled on time with the petitioner satisfied / petitions assessed."),
        "score_title": ("Điểm nhóm Mức độ hài lòng", "Satisfaction group score"),
    },
    {
        "key": "digitisation", "group": "digitisation", "points": 22,
        "lo": 0.0, "hi": 1.0, "a": -0.9, "b": 0.25, "f": 1.0, "full_from": Fraction(8, 10),
        "title": ("Tỷ lệ hồ sơ có kết quả được số hóa", "Dossiers with digitised results"),
        "desc": ("Số hồ sơ có kết quả giải quyết được số hóa / số hồ sơ đã giải quyết trong quý.",
                 "Dossiers whose results were digitised / dossiers resolved in the quarter."),
        "score_title": ("Điểm nhóm Số hóa hồ sơ", "Digitisation group score"),
    },
    {
        "key": "no-wait", "group": "timeliness", "points": None,
        "lo": 0.10, "hi": 1.0, "a": -0.3, "b": 0.15, "f": 1.02, "full_from": None,
        "title": ("Tỷ lệ thủ tục hành chính không chờ", "No-wait administrative procedures share"),
        "desc": ("Số hồ sơ giải quyết ngay, không phải chờ (thủ tục hành chính không chờ) / số hồ sơ tiếp nhận trong quý.",
                 "Dossiers resolved on the spot without waiting (no-wait procedures) / dossiers received in the quarter."),
    },
    {
        "key": "sipas", "group": "satisfaction", "points": None,
        "lo": 0.60, "hi": 1.0, "a": 0.8, "b": 0.06, "f": None, "full_from": None,
        "title": ("Mức độ hài lòng kiểu SIPAS", "SIPAS-style satisfaction"),
        "desc": ("Tỷ lệ người được khảo sát hài lòng với sự phục vụ của UBND phường (theo cách đo của SIPAS).",
                 "Share of surveyed people satisfied with the ward People's Committee's service (measured as in SIPAS)."),
    },
]

MISSING_RATE = 0.02
PROVISIONAL_RATE = 0.04
SUPPRESS_BELOW = 5
FULL_ONLINE_PAYMENT_FROM = 4  # 2022-Q3
PROVISIONAL_NOTE = {"vi": "Số liệu tạm tính, có thể được điều chỉnh.", "en": "Provisional figure; may be revised."}
SUPPRESSED_NOTE = {
    "vi": "Mẫu số dưới 5: không công bố vì không ổn định.",
    "en": "Denominator below 5: withheld as unreliable.",
}
NOT_APPLICABLE_NOTE = {
    "vi": "Không có hồ sơ có phí, lệ phí trong quý.",
    "en": "No fee-bearing dossier in the quarter.",
}


# --------------------------------------------------------------------------
# Deterministic arithmetic
# --------------------------------------------------------------------------


def znorm(rng: random.Random) -> float:
    """Approximately standard normal (Irwin–Hall, 12 uniforms): + and - only."""
    total = 0.0
    for _ in range(12):
        total += rng.random()
    return total - 6.0


def below(rng: random.Random, n: int) -> int:
    """Uniform integer in [0, n) from random() alone."""
    return min(int(rng.random() * n), n - 1)


def pick(rng: random.Random, items: list, k: int) -> list:
    pool = list(items)
    out = []
    for _ in range(k):
        out.append(pool.pop(below(rng, len(pool))))
    return out


def round_half_up(x, decimals: int) -> float:
    """Rounds a Fraction (or int/float, taken exactly) half up; returns a float."""
    x = Fraction(x)
    scale = 10**decimals
    n = (x * scale * 2 + 1) // 2
    return float(Fraction(n, scale))


def round_int(x: float) -> int:
    return int((Fraction(x) * 2 + 1) // 2)


def squash(x: float) -> float:
    """Rational sigmoid onto (0, 1)."""
    return 0.5 + 0.5 * x / (1.0 + abs(x))


# --------------------------------------------------------------------------
# The model
# --------------------------------------------------------------------------


def ward_structure(registry: dict) -> dict:
    """Population, workload and capacity per ward; capacity per district."""
    rng = random.Random(SEED)
    district_cap = {d["code"]: znorm(rng) for d in registry["districts"]}
    wards = {}
    for w in registry["wards"]:
        mean_pop = DISTRICT_WARD_POP.get(w["district"], 20000)
        pop = mean_pop * (1.0 + 0.3 * znorm(rng))
        pop = round_int(min(max(pop, 2500.0), 90000.0) / 10.0) * 10
        rate = 0.05 * (1.0 + 0.15 * znorm(rng))
        wards[w["code"]] = {"pop": pop, "rate": rate, "cap": znorm(rng), "district": w["district"]}
    # Dossiers resolved per ward and quarter.
    for code in sorted(wards):
        info = wards[code]
        info["resolved"] = [
            info["pop"] * info["rate"] * (1.0 + 0.04 * t) * (1.0 + 0.08 * znorm(rng))
            for t in range(len(PERIODS))
        ]
    return {"wards": wards, "district_cap": district_cap}


def _find_ward(registry: dict, name: str, district: str) -> str | None:
    for w in registry["wards"]:
        if cat.nfc(w["name"]) == cat.nfc(name) and w["district"] == district:
            return w["code"]
    return None


def family_cells(registry: dict, structure: dict, k: int, fam: dict) -> dict:
    """Cells {(ward, t): {"num", "den", "p", "missing", "flag", "note"}} of family k."""
    rng = random.Random(SEED * 100 + k)
    district_eff = {}
    for d in registry["districts"]:
        district_eff[d["code"]] = 0.35 * (0.6 * structure["district_cap"][d["code"]] + 0.8 * znorm(rng))
    ward_eff = {}
    for w in registry["wards"]:
        ward_eff[w["code"]] = 0.5 * (0.6 * structure["wards"][w["code"]]["cap"] + 0.8 * znorm(rng))
    codes = [w["code"] for w in registry["wards"]]
    cells_all = [(c, t) for c in codes for t in range(len(PERIODS))]
    full_payment = set(pick(rng, codes, 4)) if fam["key"] == "online-payment" else set()
    forced_na = set(pick(rng, cells_all, 2)) if fam["key"] == "online-payment" else set()
    forced_small = set(pick(rng, cells_all, 2)) if fam["key"] == "satisfaction" else set()
    hang_bai = _find_ward(registry, "Hàng Bài", "002")

    cells = {}
    for code in codes:
        info = structure["wards"][code]
        for t in range(len(PERIODS)):
            noise = znorm(rng)
            u_missing = rng.random()
            u_reason = rng.random()
            u_flag = rng.random()
            x = fam["a"] + fam["b"] * t + district_eff[info["district"]] + ward_eff[code] + 0.35 * noise
            if fam["key"] == "no-wait":
                if (info["district"] == "002" and t >= 3) or code == hang_bai:
                    x += 1.0
            p = min(1.0, fam["lo"] + (fam["hi"] - fam["lo"]) * squash(x))
            cell = {"p": p}
            if fam["f"] is not None:
                den = round_int(fam["f"] * info["resolved"][t])
                if (code, t) in forced_na:
                    den = 0
                if (code, t) in forced_small:
                    den = 3
                num = round_int(p * den)
                if code in full_payment and t >= FULL_ONLINE_PAYMENT_FROM:
                    num = den
                cell.update(num=num, den=den)
                if den == 0:
                    cell.update(missing="not_applicable", note=NOT_APPLICABLE_NOTE)
                elif den < SUPPRESS_BELOW:
                    cell.update(missing="suppressed", note=SUPPRESSED_NOTE)
            if "missing" not in cell and u_missing < MISSING_RATE:
                cell["missing"] = "not_reported" if u_reason < 2 / 3 else "not_collected"
            if "missing" not in cell and t == len(PERIODS) - 1 and u_flag < PROVISIONAL_RATE:
                cell.update(flag="provisional", note=PROVISIONAL_NOTE)
            cells[(code, t)] = cell
    return cells


def _base(ds_id: str, fam: dict, title: tuple, desc: tuple) -> dict:
    return {
        "format": cat.DATASET_FORMAT,
        "version": cat.FORMAT_VERSION,
        "id": ds_id,
        "title": {"vi": f"{title[0]} (minh họa)", "en": f"{title[1]} (illustrative)"},
        "description": {"vi": desc[0], "en": desc[1]},
        "level": "ward",
    }


def _tail(fam: dict) -> dict:
    return {
        "direction": "higher_is_better",
        "group": fam["group"],
        "period_type": "quarter",
        "periods": list(PERIODS),
        "source": {"name": GENERATOR},
        "licence": dict(cat.CC_BY),
        "provenance": "synthetic",
    }


def _value_row(code: str, t: int, cell: dict, value) -> dict:
    row = {"area": code, "period": PERIODS[t]}
    if "missing" in cell:
        row["value"] = None
        row["missing"] = cell["missing"]
    else:
        row["value"] = value
    if "flag" in cell:
        row["flag"] = cell["flag"]
    if "note" in cell:
        row["note"] = cell["note"]
    return row


def share_dataset(fam: dict, cells: dict, codes: list[str]) -> dict:
    ds_id = {"no-wait": "synthetic-no-wait-share", "sipas": "synthetic-sipas-satisfaction"}.get(
        fam["key"], f"synthetic-{fam['key']}-share")
    ds = _base(ds_id, fam, fam["title"], fam["desc"])
    ds["unit"] = {"vi": "%", "en": "%"}
    ds["number_format"] = {"style": "percent", "decimals": 1}
    ds["range"] = {"min": 0, "max": 100}
    ds.update(_tail(fam))
    notes = dict(NOT_REAL)
    if fam["key"] == "sipas":
        notes = {
            "vi": NOT_REAL["vi"] + " Không phải kết quả khảo sát SIPAS của Bộ Nội vụ.",
            "en": NOT_REAL["en"] + " Not a result of the Ministry of Home Affairs' SIPAS survey.",
        }
    ds["notes"] = notes
    values = []
    for code in codes:
        for t in range(len(PERIODS)):
            cell = cells[(code, t)]
            if "den" in cell:
                value = round_half_up(Fraction(100 * cell["num"], cell["den"]) if cell["den"] else 0, 1)
            else:
                value = round_half_up(Fraction(cell["p"]) * 100, 1)
            row = _value_row(code, t, cell, value)
            if "den" in cell and row["value"] is not None:
                row["numerator"] = cell["num"]
                row["denominator"] = cell["den"]
            values.append(row)
    ds["values"] = values
    return ds


def score_dataset(fam: dict, cells: dict, codes: list[str]) -> dict:
    pts = fam["points"]
    ds = _base(f"synthetic-{fam['key']}-score", fam, fam["score_title"], ("", ""))
    share_en = fam["title"][1][0].lower() + fam["title"][1][1:]
    share_vi = fam["title"][0][0].lower() + fam["title"][0][1:]
    if fam["full_from"] is None:
        rule_vi = f"điểm = {pts} × tỷ lệ"
        rule_en = f"points = {pts} × share"
    else:
        pct = int(fam["full_from"] * 100)
        rule_vi = f"điểm = {pts} × min(1, tỷ lệ / {pct}%), đạt điểm tối đa từ {pct}%"
        rule_en = f"points = {pts} × min(1, share / {pct}%), full marks from {pct}%"
    ds["description"] = {
        "vi": f"Điểm nhóm (tối đa {pts}) tính từ {share_vi} theo quy tắc đơn giản hóa: {rule_vi}.",
        "en": f"Group score (out of {pts}) computed from the {share_en} share by a simplified rule: {rule_en}.",
    }
    ds["unit"] = {"vi": f"điểm/{pts}", "en": f"points/{pts}"}
    ds["number_format"] = {"style": "decimal", "decimals": 2}
    ds["range"] = {"min": 0, "max": pts}
    ds.update(_tail(fam))
    ds["notes"] = {
        "vi": NOT_REAL["vi"] + " Quy tắc tính điểm là đơn giản hóa, không phải phương pháp chính thức của Quyết định 766/QĐ-TTg.",
        "en": NOT_REAL["en"] + " The scoring rule is a simplification, not the official method of Decision 766/QĐ-TTg.",
    }
    values = []
    for code in codes:
        for t in range(len(PERIODS)):
            cell = cells[(code, t)]
            value = None
            if "missing" not in cell:
                share = Fraction(cell["num"], cell["den"])
                if fam["full_from"] is not None:
                    share = min(Fraction(1), share / fam["full_from"])
                value = round_half_up(share * pts, 2)
            values.append(_value_row(code, t, cell, value))
    ds["values"] = values
    return ds


def synthetic_datasets(registry: dict) -> list[dict]:
    """The synthetic datasets, in catalogue order."""
    structure = ward_structure(registry)
    codes = [w["code"] for w in registry["wards"]]
    out = []
    for k, fam in enumerate(FAMILIES, start=1):
        cells = family_cells(registry, structure, k, fam)
        out.append(share_dataset(fam, cells, codes))
        if fam["points"] is not None:
            out.append(score_dataset(fam, cells, codes))
    return out


# --------------------------------------------------------------------------
# Building and writing every bundled file
# --------------------------------------------------------------------------


def build_all(registry: dict | None = None) -> dict[str, str]:
    """Every generated file: {path relative to public/data: text}."""
    registry = registry or cat.load_registry()
    datasets = synthetic_datasets(registry) + realdata.real_datasets(registry)
    ids = [d["id"] for d in datasets]
    if len(ids) != len(set(ids)):
        raise ValueError("duplicate dataset id")
    files = {cat.dataset_path(ds["id"]): cat.dumps_dataset(ds) for ds in datasets}
    files["catalogue.json"] = cat.dumps_pretty(cat.make_catalogue(datasets))
    files["datapackage.json"] = cat.dumps_pretty(cat.make_datapackage(datasets))
    for path, make in cat.SCHEMAS.items():
        files[path] = cat.dumps_pretty(make())
    return files


def write_files(files: dict[str, str], out_dir: Path) -> None:
    for rel, text in sorted(files.items()):
        path = out_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
    # Remove dataset files that are no longer generated.
    ds_dir = out_dir / "datasets"
    if ds_dir.is_dir():
        for p in sorted(ds_dir.glob("*.json")):
            if f"datasets/{p.name}" not in files:
                p.unlink()


def check(files: dict[str, str], data_dir: Path) -> list[str]:
    """Regenerates into a temp dir and diffs it against data_dir; returns problems."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        write_files(files, tmp_dir)
        for rel in sorted(files):
            fresh = (tmp_dir / rel).read_text(encoding="utf-8")
            committed_path = data_dir / rel
            if not committed_path.exists():
                problems.append(f"missing: public/data/{rel}")
                continue
            committed = committed_path.read_text(encoding="utf-8")
            if committed != fresh:
                diff = list(difflib.unified_diff(
                    committed.splitlines(), fresh.splitlines(),
                    f"public/data/{rel} (committed)", f"public/data/{rel} (regenerated)", lineterm="", n=1))
                shown = "\n".join(diff[:40]) + (f"\n… ({len(diff) - 40} more diff lines)" if len(diff) > 40 else "")
                problems.append(f"differs: public/data/{rel}\n{shown}")
        ds_dir = data_dir / "datasets"
        if ds_dir.is_dir():
            for p in sorted(ds_dir.glob("*.json")):
                if f"datasets/{p.name}" not in files:
                    problems.append(f"not generated (stale): public/data/datasets/{p.name}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail with a diff if public/data differs")
    parser.add_argument("--out", type=Path, default=None, help="write into this directory instead of public/data")
    args = parser.parse_args(argv)
    files = build_all()
    if args.check:
        problems = check(files, args.out or cat.DATA_DIR)
        if problems:
            print("\n\n".join(problems))
            print(f"\n{len(problems)} file(s) differ: run `python3 -m tools.data_prep.datasets` and commit.")
            return 1
        print(f"ok: {len(files)} generated files match public/data")
        return 0
    out = args.out or cat.DATA_DIR
    write_files(files, out)
    print(f"wrote {len(files)} files under {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
