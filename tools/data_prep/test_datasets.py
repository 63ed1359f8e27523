"""Tests of the bundled datasets and their generators.

    python3 -m unittest discover -s tools/data_prep -p 'test_datasets.py'
    python3 -m unittest discover -s tools/data_prep -t . -p 'test_*.py'

- the generator is deterministic (two in-memory runs give identical bytes) and
  the committed files under public/data are exactly what it produces;
- every dataset obeys the value rules of docs/data-format.md, checked here by
  an independent implementation of those rules;
- every bundled file validates against its JSON Schema (jsonschema, pinned in
  tools/requirements-validate.txt), and the schemas reject typical mistakes;
- counts: 175 wards x 8 quarters per synthetic dataset; every figure of the
  sourced CSV is carried into a dataset with its source;
- the Frictionless data package validates (when frictionless is installed).
"""

from __future__ import annotations

import copy
import csv
import json
import math
import re
import sys
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.data_prep import catalogue as cat  # noqa: E402
from tools.data_prep import datasets as gen  # noqa: E402
from tools.data_prep import realdata  # noqa: E402

try:
    import jsonschema
except ImportError:  # pragma: no cover - reported as a skip
    jsonschema = None

DATA = ROOT / "public" / "data"
SCHEMA_DIR = DATA / "schema"
GROUP_ORDER = ["transparency", "timeliness", "online_services", "online_payment", "satisfaction", "digitisation"]
EXPECTED_DISTRICTS = {
    "001": "Ba Đình", "002": "Hoàn Kiếm", "003": "Tây Hồ", "004": "Long Biên", "005": "Cầu Giấy",
    "006": "Đống Đa", "007": "Hai Bà Trưng", "008": "Hoàng Mai", "009": "Thanh Xuân",
    "019": "Nam Từ Liêm", "021": "Bắc Từ Liêm", "268": "Hà Đông", "269": "Sơn Tây",
}
WARDS_PER_DISTRICT = {
    "001": 14, "002": 18, "003": 8, "004": 14, "005": 8, "006": 21, "007": 18, "008": 14,
    "009": 11, "019": 10, "021": 13, "268": 17, "269": 9,
}
PERIOD_RE = {
    "quarter": re.compile(r"^[0-9]{4}-Q[1-4]$"),
    "year": re.compile(r"^[0-9]{4}$"),
    "month": re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$"),
}


def load(path: Path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def registry():
    return load(DATA / "wards.json")


def dataset_files() -> list[Path]:
    return sorted((DATA / "datasets").glob("*.json"))


def rule_problems(ds: dict, reg: dict) -> list[str]:
    """The value rules of docs/data-format.md, implemented independently of the generator."""
    p = []
    wards = {w["code"] for w in reg["wards"]}
    districts = {d["code"] for d in reg["districts"]}
    areas = {"ward": wards, "district": districts, "city": {"01"}}.get(ds.get("level"))
    if ds.get("format") != "hanoi-wards/dataset" or ds.get("version") != 1:
        p.append("format/version")
    if not re.fullmatch(r"[a-z0-9-]{1,64}", ds.get("id", "")):
        p.append("id")
    if areas is None:
        p.append("level")
        return p
    style = ds["number_format"]["style"]
    decimals = ds["number_format"]["decimals"]
    if not (isinstance(decimals, int) and 0 <= decimals <= 4):
        p.append("decimals")
    rng = ds.get("range")
    if style == "percent":
        if rng is not None and (rng["min"], rng["max"]) != (0, 100):
            p.append("percent range must be 0..100")
        rng = {"min": 0, "max": 100}
    periods = ds["periods"]
    pattern = PERIOD_RE[ds["period_type"]]
    if not periods or any(not pattern.match(x) for x in periods):
        p.append("period pattern")
    if periods != sorted(set(periods)):
        p.append("periods must be ascending and unique")
    if ds["provenance"] == "synthetic":
        if "(minh họa)" not in ds["title"]["vi"] or "(illustrative)" not in ds["title"]["en"]:
            p.append("synthetic title must say (minh họa)/(illustrative)")
        if "KHÔNG PHẢI SỐ LIỆU THẬT" not in ds["notes"]["vi"] or "NOT REAL" not in ds["notes"]["en"]:
            p.append("synthetic notes must say the figures are not real")
    elif not ds["source"].get("url") and not all("source" in v for v in ds["values"] if v["value"] is not None):
        if "Pháp luật & Xã hội" not in ds["source"]["name"]:
            p.append("real data needs a source url (dataset or per value)")
    seen = set()
    for i, v in enumerate(ds["values"]):
        at = f"values[{i}] {v.get('area')} {v.get('period')}"
        if v["area"] not in areas:
            p.append(f"{at}: area not in the registry for level {ds['level']}")
        if v["period"] not in periods:
            p.append(f"{at}: period not listed")
        key = (v["area"], v["period"])
        if key in seen:
            p.append(f"{at}: duplicate (area, period)")
        seen.add(key)
        value = v["value"]
        if value is None:
            if v.get("missing") not in cat.MISSING_REASONS:
                p.append(f"{at}: null value needs a missing reason")
        else:
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                p.append(f"{at}: value must be a finite number")
                continue
            if "missing" in v:
                p.append(f"{at}: a present value forbids missing")
            if rng and not (rng["min"] <= value <= rng["max"]):
                p.append(f"{at}: value outside range")
            if style == "integer" and value != int(value):
                p.append(f"{at}: integer style with a fractional value")
        if "flag" in v and v["flag"] not in cat.FLAGS:
            p.append(f"{at}: flag")
        if ("numerator" in v) != ("denominator" in v):
            p.append(f"{at}: numerator and denominator come together")
        if "denominator" in v:
            num, den = v["numerator"], v["denominator"]
            if not (num >= 0 and den > 0 and num <= den):
                p.append(f"{at}: need 0 <= numerator <= denominator, denominator > 0")
            elif style == "percent" and value is not None:
                if abs(value - 100 * num / den) > 0.05 + 0.5 * 10 ** (-decimals) + 1e-9:
                    p.append(f"{at}: value differs from 100 x numerator / denominator")
        if "reported_rank" in v:
            rr = v["reported_rank"]
            if not (isinstance(rr["rank"], int) and isinstance(rr["of"], int) and 1 <= rr["rank"] <= rr["of"]):
                p.append(f"{at}: reported_rank")
        if v.get("derived") is True and "note" not in v:
            p.append(f"{at}: derived needs a note")
    return p


class RegistryTest(unittest.TestCase):
    def test_registry_has_175_wards_in_13_districts(self):
        reg = registry()
        self.assertEqual({d["code"]: d["name"] for d in reg["districts"]}, EXPECTED_DISTRICTS)
        self.assertEqual(len(reg["wards"]), 175)
        counts = {}
        for w in reg["wards"]:
            counts[w["district"]] = counts.get(w["district"], 0) + 1
        self.assertEqual(counts, WARDS_PER_DISTRICT)
        self.assertEqual(set(gen.DISTRICT_WARD_POP), set(EXPECTED_DISTRICTS))

    def test_hang_bo_code(self):
        self.assertEqual(realdata.ward_code(registry(), "Hàng Bồ", "002"), "00052")


class GeneratorTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.reg = cat.load_registry()
        cls.files = gen.build_all(cls.reg)

    def test_deterministic(self):
        again = gen.build_all(cat.load_registry())
        self.assertEqual(sorted(again), sorted(self.files))
        for path in self.files:
            self.assertEqual(again[path].encode("utf-8"), self.files[path].encode("utf-8"), path)

    def test_committed_files_match_the_generator(self):
        problems = gen.check(self.files, DATA)
        self.assertEqual(problems, [], "\n".join(problems)
                         + "\nrun `python3 -m tools.data_prep.datasets` to regenerate")

    def test_files_are_compact_json_with_trailing_newline(self):
        for path, text in self.files.items():
            self.assertTrue(text.endswith("}\n"), path)
            json.loads(text)
            if path.startswith("datasets/"):
                n_values = len(json.loads(text)["values"])
                # one value object per line
                self.assertGreaterEqual(text.count("\n"), n_values, path)
                self.assertNotIn("\\u", text, f"{path}: ensure_ascii must be off")

    def test_rounding_is_half_up_and_exact(self):
        self.assertEqual(gen.round_half_up(gen.Fraction(1, 8) * 100, 1), 12.5)
        self.assertEqual(gen.round_half_up(gen.Fraction(2, 3) * 100, 1), 66.7)
        self.assertEqual(gen.round_half_up(gen.Fraction(5, 1000), 2), 0.01)
        self.assertEqual(gen.round_half_up(gen.Fraction(-5, 1000), 2), -0.0)

    def test_scores_follow_the_stated_rule(self):
        by_id = {json.loads(t)["id"]: json.loads(t) for p, t in self.files.items() if p.startswith("datasets/")}
        for fam in gen.FAMILIES:
            if fam["points"] is None:
                continue
            share = by_id[f"synthetic-{fam['key']}-share"]
            score = by_id[f"synthetic-{fam['key']}-score"]
            self.assertEqual(len(share["values"]), len(score["values"]))
            for s, c in zip(share["values"], score["values"]):
                self.assertEqual((s["area"], s["period"]), (c["area"], c["period"]))
                self.assertEqual(s.get("missing"), c.get("missing"))
                self.assertEqual(s.get("flag"), c.get("flag"))
                if s["value"] is None:
                    self.assertIsNone(c["value"])
                    continue
                ratio = s["numerator"] / s["denominator"]
                full = 1.0 if fam["full_from"] is None else float(fam["full_from"])
                expected = fam["points"] * min(1.0, ratio / full)
                self.assertAlmostEqual(c["value"], expected, delta=0.005 + 1e-9)
                self.assertEqual(c["value"], round(c["value"], 2))


class DatasetRulesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.reg = registry()
        cls.datasets = {p.stem: load(p) for p in dataset_files()}

    def test_every_dataset_obeys_the_value_rules(self):
        self.assertGreater(len(self.datasets), 20)
        for name, ds in self.datasets.items():
            with self.subTest(dataset=name):
                self.assertEqual(ds["id"], name)
                problems = rule_problems(ds, self.reg)
                self.assertEqual(problems, [], "\n".join(problems[:20]))

    def test_rule_checker_catches_mistakes(self):
        ds = copy.deepcopy(self.datasets["synthetic-timeliness-share"])
        good = next(v for v in ds["values"] if v["value"] is not None and "flag" not in v)
        mistakes = [
            {"value": None},
            {"missing": "not_reported"},
            {"area": "99999"},
            {"period": "2030-Q1"},
            {"value": 101},
            {"numerator": good["denominator"] + 1},
            {"value": round(good["value"] + 1.0, 1)},
        ]
        for change in mistakes:
            bad = copy.deepcopy(ds)
            row = next(v for v in bad["values"] if (v["area"], v["period"]) == (good["area"], good["period"]))
            row.update(change)
            self.assertNotEqual(rule_problems(bad, self.reg), [], change)
        dup = copy.deepcopy(ds)
        dup["values"].append(dict(good))
        self.assertNotEqual(rule_problems(dup, self.reg), [])

    def test_synthetic_counts_and_structure(self):
        synth = {k: v for k, v in self.datasets.items() if k.startswith("synthetic-")}
        expected = {f"synthetic-{g}-{kind}" for g in
                    ["transparency", "timeliness", "online-services", "online-payment", "satisfaction", "digitisation"]
                    for kind in ("share", "score")}
        expected |= {"synthetic-no-wait-share", "synthetic-sipas-satisfaction"}
        self.assertEqual(set(synth), expected)
        wards = sorted(w["code"] for w in self.reg["wards"])
        for name, ds in synth.items():
            with self.subTest(dataset=name):
                self.assertEqual(ds["provenance"], "synthetic")
                self.assertEqual(ds["periods"], gen.PERIODS)
                self.assertEqual(len(ds["values"]), 175 * 8)
                self.assertEqual(sorted({v["area"] for v in ds["values"]}), wards)
                self.assertIn("seed", ds["source"]["name"])
                self.assertNotIn("url", ds["source"])
                missing = sum(1 for v in ds["values"] if v["value"] is None)
                self.assertTrue(0.01 * 1400 <= missing <= 0.04 * 1400, f"{name}: {missing} missing")
                if name.endswith("-share") and name != "synthetic-sipas-satisfaction":
                    present = [v for v in ds["values"] if v["value"] is not None]
                    self.assertTrue(all("denominator" in v for v in present))
                if name.endswith("-score"):
                    self.assertEqual(ds["number_format"], {"style": "decimal", "decimals": 2})
        # edge cases the app must handle
        pay = synth["synthetic-online-payment-share"]["values"]
        full = {v["area"] for v in pay if v["value"] == 100.0}
        self.assertGreaterEqual(len(full), 3)
        reasons = {v["missing"] for ds in synth.values() for v in ds["values"] if v["value"] is None}
        self.assertEqual(reasons, set(cat.MISSING_REASONS))
        small = {v["area"] for v in synth["synthetic-satisfaction-share"]["values"] if v.get("denominator", 99) < 20}
        self.assertTrue(1 <= len(small) <= 12, f"{len(small)} wards with small denominators")
        self.assertTrue(any(v.get("flag") == "provisional" for v in pay))
        last = [v["value"] for v in synth["synthetic-timeliness-share"]["values"]
                if v["period"] == "2023-Q2" and v["value"] is not None]
        self.assertLess(len(set(last)), len(last), "expected ties among rounded values")

    def test_trend_improves(self):
        for name in ("synthetic-digitisation-share", "synthetic-online-payment-share"):
            vals = self.datasets[name]["values"]
            first = [v["value"] for v in vals if v["period"] == "2021-Q3" and v["value"] is not None]
            last = [v["value"] for v in vals if v["period"] == "2023-Q2" and v["value"] is not None]
            self.assertGreater(sum(last) / len(last), sum(first) / len(first) + 10)


class RealDataTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.reg = registry()
        cls.datasets = {p.stem: load(p) for p in dataset_files()}
        with open(realdata.CSV_PATH, encoding="utf-8", newline="") as f:
            cls.rows = list(csv.DictReader(f))

    def test_source_copy_is_documented(self):
        readme = (realdata.SOURCES_DIR / "README.md").read_text(encoding="utf-8")
        self.assertIn("hanoi_indices_sourced.csv", readme)
        for url in {r["source_url"] for r in self.rows}:
            self.assertIn(url, readme)

    def test_every_csv_figure_is_carried_with_its_source(self):
        real = [ds for ds in self.datasets.values() if ds["provenance"] == "reported"]
        carried = 0
        for r in self.rows:
            if r["unit"] == "Huyện Phú Xuyên":
                continue  # not a pilot unit: mentioned in the notes instead
            ds = next(d for d in real if any(s["index"] == r["index"] and s["id"] == d["id"] for s in realdata.SPECS))
            area = "01" if r["level"] == "province" else realdata.district_code(self.reg, r["unit"])
            row = next(v for v in ds["values"] if (v["area"], v["period"]) == (area, r["period"]))
            if r["value"]:
                self.assertAlmostEqual(row["value"], float(r["value"]), places=9)
            else:
                self.assertIsNone(row["value"])
                self.assertEqual(row["missing"], "not_reported")
            if r["rank"]:
                self.assertEqual(row["reported_rank"], {"rank": int(r["rank"]), "of": int(r["rank_of"])})
            else:
                self.assertNotIn("reported_rank", row)
            self.assertEqual(row.get("derived", False), r["derived"] == "yes")
            self.assertEqual(row.get("source", ds["source"]).get("url"), r["source_url"])
            if r["note"]:
                self.assertIn("note", row)
            carried += 1
        self.assertEqual(carried, len(self.rows) - 1)
        self.assertIn("Phú Xuyên", self.datasets["par-index-districts-2023"]["notes"]["vi"])
        self.assertIn("Phú Xuyên", self.datasets["par-index-districts-2023"]["notes"]["en"])

    def test_seed_article_facts(self):
        no_wait = self.datasets["no-wait-share-reported"]
        pop = self.datasets["population-reported"]
        for ds, value in ((no_wait, 91.9), (pop, 6000)):
            present = [v for v in ds["values"] if v["value"] is not None]
            self.assertEqual([(v["area"], v["period"], v["value"]) for v in present], [("00052", "2022", value)])
            self.assertEqual(ds["provenance"], "reported")
            self.assertIn("Khánh Phong", ds["source"]["name"])
            self.assertIn("23/01/2025", ds["source"]["name"])
            self.assertEqual(len(ds["values"]), 175)
        self.assertEqual(pop["unit"], {"vi": "người", "en": "people"})
        self.assertIn("pprox", pop["values"][[v["area"] for v in pop["values"]].index("00052")]["note"]["en"])


class CatalogueTest(unittest.TestCase):
    def test_catalogue_lists_every_dataset_in_order(self):
        catalogue = load(DATA / "catalogue.json")
        files = {p.stem: load(p) for p in dataset_files()}
        ids = [e["id"] for e in catalogue["datasets"]]
        self.assertEqual(sorted(ids), sorted(files))
        self.assertEqual(len(ids), len(set(ids)))
        for e in catalogue["datasets"]:
            ds = files[e["id"]]
            self.assertTrue((DATA / e["url"]).is_file(), e["url"])
            for key in ("title", "level", "group", "provenance", "period_type", "periods"):
                self.assertEqual(e[key], ds[key], f"{e['id']}.{key}")
        provenances = [e["provenance"] for e in catalogue["datasets"]]
        n_synth = provenances.count("synthetic")
        self.assertEqual(provenances[:n_synth], ["synthetic"] * n_synth)
        groups = [e["group"] for e in catalogue["datasets"][:12]]
        self.assertEqual(groups, [g for g in GROUP_ORDER for _ in (0, 1)])


@unittest.skipIf(jsonschema is None, "jsonschema is not installed: pip install -r tools/requirements-validate.txt")
class SchemaTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.schemas = {p.name: load(p) for p in SCHEMA_DIR.glob("*.schema.json")}

    def validator(self, name):
        schema = self.schemas[name]
        jsonschema.Draft202012Validator.check_schema(schema)
        return jsonschema.Draft202012Validator(schema)

    def assert_valid(self, name, instance, label):
        errors = sorted(self.validator(name).iter_errors(instance), key=lambda e: list(e.path))
        self.assertEqual([], [f"{list(e.path)}: {e.message}" for e in errors[:10]], label)

    def test_schemas_are_the_generated_ones(self):
        self.assertEqual(set(self.schemas), {"catalogue.schema.json", "dataset.schema.json",
                                             "wards.schema.json", "tiles.schema.json"})

    def test_bundled_files_validate(self):
        self.assert_valid("catalogue.schema.json", load(DATA / "catalogue.json"), "catalogue.json")
        self.assert_valid("wards.schema.json", load(DATA / "wards.json"), "wards.json")
        for p in dataset_files():
            with self.subTest(dataset=p.name):
                self.assert_valid("dataset.schema.json", load(p), p.name)

    def test_tiles_validate(self):
        path = DATA / "tiles.hexjson"
        if not path.exists():
            self.skipTest("public/data/tiles.hexjson not generated yet")
        tiles = load(path)
        self.assert_valid("tiles.schema.json", tiles, "tiles.hexjson")
        self.assertEqual(set(tiles["hexes"]), {w["code"] for w in registry()["wards"]})

    def test_dataset_schema_rejects_mistakes(self):
        v = self.validator("dataset.schema.json")
        base = load(DATA / "datasets" / "synthetic-timeliness-share.json")
        base["values"] = base["values"][:3]
        self.assertTrue(v.is_valid(base))
        row = dict(base["values"][0])

        def with_row(**change):
            bad = copy.deepcopy(base)
            r = dict(row)
            for k, val in change.items():
                if val is ...:
                    r.pop(k, None)
                else:
                    r[k] = val
            bad["values"] = [r]
            return bad

        bad_rows = [
            with_row(value=None),  # null without missing
            with_row(missing="not_reported"),  # value with missing
            with_row(value=None, missing="forgotten", numerator=..., denominator=...),
            with_row(numerator=...),  # denominator without numerator
            with_row(denominator=0),
            with_row(area="001"),  # district code in a ward dataset
            with_row(period="2021Q3"),
            with_row(value=100.5),  # percent above 100
            with_row(flag="final"),
            with_row(derived=True),  # derived without note
            with_row(colour="red"),  # unknown key
            with_row(reported_rank={"rank": 0, "of": 63}),
        ]
        for bad in bad_rows:
            self.assertFalse(v.is_valid(bad), bad["values"][0])
        for key, val in [("level", "province"), ("group", "health"), ("provenance", "official-ish"),
                         ("period_type", "week"), ("periods", ["2021-Q3", "2021-Q3"]), ("id", "Bad_Id"),
                         ("number_format", {"style": "percent", "decimals": 5})]:
            bad = copy.deepcopy(base)
            bad[key] = val
            self.assertFalse(v.is_valid(bad), key)
        bad = copy.deepcopy(base)
        del bad["licence"]
        self.assertFalse(v.is_valid(bad))

    def test_minimal_example_of_the_docs_validates(self):
        """The full minimal example in docs/data-format.md must stay valid."""
        doc = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
        blocks = re.findall(r"```json\n(.*?)```", doc, re.S)
        examples = [json.loads(b) for b in blocks if '"format": "hanoi-wards/dataset"' in b]
        self.assertTrue(examples, "docs/data-format.md has no dataset example")
        reg = registry()
        for ex in examples:
            self.assert_valid("dataset.schema.json", ex, "docs example")
            self.assertEqual(rule_problems(ex, reg), [])
        cats = [json.loads(b) for b in blocks if '"format": "hanoi-wards/catalogue"' in b]
        self.assertTrue(cats)
        for c in cats:
            self.assert_valid("catalogue.schema.json", c, "docs catalogue example")


class DataPackageTest(unittest.TestCase):
    def test_datapackage_lists_every_file(self):
        dp = load(DATA / "datapackage.json")
        names = [r["name"] for r in dp["resources"]]
        self.assertEqual(names[:2], ["districts", "wards"])
        self.assertEqual(sorted(names[2:]), sorted(p.stem for p in dataset_files()))
        for r in dp["resources"]:
            self.assertTrue((DATA / r["path"]).is_file(), r["path"])

    def test_frictionless_validates(self):
        try:
            import frictionless  # noqa: F401
        except ImportError:
            self.skipTest("frictionless is not installed: pip install -r tools/requirements-validate.txt")
        from frictionless import Package

        report = Package(str(DATA / "datapackage.json")).validate()
        if not report.valid:
            errors = report.flatten(["rowNumber", "fieldName", "type", "note"])
            self.fail(f"frictionless: {errors[:20]}")


if __name__ == "__main__":
    unittest.main()
