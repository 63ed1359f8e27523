"""Tests for public/data/tiles.hexjson, tools.data_prep.cartogram and hexgrid.

Run from the repo root: python3 -m unittest discover -s tools/data_prep
"""

from __future__ import annotations

import unittest

from tools.data_prep._testutil import TILES_PATH, WARDS_PATH, load, needs_inputs

from tools.data_prep import hexgrid


class HexGridTest(unittest.TestCase):
    def test_neighbours_symmetric_and_at_distance_one(self):
        for r in range(-3, 4):
            for q in range(-3, 4):
                for n in hexgrid.neighbours((q, r)):
                    self.assertIn((q, r), hexgrid.neighbours(n))
                    self.assertEqual(hexgrid.distance((q, r), n), 1)
                    (x0, y0), (x1, y1) = hexgrid.centre((q, r)), hexgrid.centre(n)
                    self.assertAlmostEqual(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5, 1.0)

    def test_components(self):
        self.assertEqual(len(hexgrid.components([(0, 0), (1, 0), (0, 1)])), 1)
        self.assertEqual(len(hexgrid.components([(0, 0), (2, 0)])), 2)
        # odd-r: (0, 1) touches (0, 0) and (1, 0), but (1, 2) does not touch (0, 1)... it does:
        self.assertTrue(hexgrid.is_connected([(0, 1), (1, 2)]))
        self.assertFalse(hexgrid.is_connected([(0, 0), (1, 1), (3, 1)]))

    def test_normalise_preserves_shape(self):
        cells = {"a": (5, 3), "b": (6, 3), "c": (5, 4), "d": (7, 6)}
        out = hexgrid.normalise(cells)
        self.assertEqual(min(q for q, _ in out.values()), 0)
        self.assertIn(min(r for _, r in out.values()), (0, 1))
        self.assertEqual(max(r for _, r in out.values()) % 2, 0)
        ref_in, ref_out = hexgrid.centre(cells["a"]), hexgrid.centre(out["a"])
        for k in cells:
            (x0, y0), (x1, y1) = hexgrid.centre(cells[k]), hexgrid.centre(out[k])
            self.assertAlmostEqual(x0 - ref_in[0], x1 - ref_out[0])
            self.assertAlmostEqual(y0 - ref_in[1], y1 - ref_out[1])


class CommittedTilesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tiles = load(TILES_PATH)
        cls.wards = load(WARDS_PATH)
        cls.hexes = cls.tiles["hexes"]

    def test_one_tile_per_ward(self):
        self.assertEqual(self.tiles["layout"], "odd-r")
        self.assertEqual(list(self.hexes), [w["code"] for w in self.wards["wards"]])
        self.assertEqual(self.tiles["meta"]["tiles"], 175)
        for w in self.wards["wards"]:
            h = self.hexes[w["code"]]
            self.assertEqual(h["n"], w["name"])
            self.assertEqual(h["district"], w["district"])

    def test_cells_valid_and_unique(self):
        cells = [(h["q"], h["r"]) for h in self.hexes.values()]
        for q, r in cells:
            self.assertIsInstance(q, int)
            self.assertIsInstance(r, int)
            self.assertGreaterEqual(q, 0)
            self.assertGreaterEqual(r, 0)
        self.assertEqual(len(cells), len(set(cells)))
        self.assertLessEqual(max(q for q, _ in cells) + 1, 22)
        self.assertEqual(max(r for _, r in cells) % 2, 0, "r_max must be even (see meta.orientation)")

    def test_districts_contiguous(self):
        for d in self.wards["districts"]:
            cells = [(h["q"], h["r"]) for h in self.hexes.values() if h["district"] == d["code"]]
            self.assertEqual(len(hexgrid.components(cells)), 1, f"{d['name']} is not contiguous")

    def test_main_body_connected_and_inset_separate(self):
        main = [(h["q"], h["r"]) for h in self.hexes.values() if h["district"] != "269"]
        inset = [(h["q"], h["r"]) for h in self.hexes.values() if h["district"] == "269"]
        self.assertTrue(hexgrid.is_connected(main))
        self.assertGreaterEqual(min(hexgrid.distance(a, b) for a in main for b in inset), 2)
        # Sơn Tây lies west of everything else
        self.assertLess(max(hexgrid.centre(c)[0] for c in inset), min(hexgrid.centre(c)[0] for c in main))

    def test_rough_geography(self):
        def mean_xy(code):
            pts = [hexgrid.centre((h["q"], h["r"])) for h in self.hexes.values() if h["district"] == code]
            return sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)

        hoan_kiem, long_bien, ha_dong, tay_ho = mean_xy("002"), mean_xy("004"), mean_xy("268"), mean_xy("003")
        self.assertGreater(long_bien[0], hoan_kiem[0])  # Long Biên east of Hoàn Kiếm
        self.assertLess(ha_dong[0], hoan_kiem[0])  # Hà Đông south-west
        self.assertLess(ha_dong[1], hoan_kiem[1])
        self.assertGreater(tay_ho[1], hoan_kiem[1])  # Tây Hồ north (r grows northwards)

    def test_placement_fields(self):
        codes = {w["code"]: w["district"] for w in self.wards["wards"]}
        counts = {}
        for code, h in self.hexes.items():
            counts[h["placement"]] = counts.get(h["placement"], 0) + 1
            self.assertIn(h["placement"], ("centroid", "successor", "neighbours"))
            if h["placement"] == "centroid":
                self.assertNotIn("placed_from", h)
            else:
                self.assertTrue(h["placed_from"])
                for src in h["placed_from"]:
                    self.assertEqual(codes.get(src), h["district"], f"{code} placed from {src}")
        meta_counts = {k: v for k, v in self.tiles["meta"]["placement_counts"].items() if v}
        self.assertEqual(counts, meta_counts)
        self.assertIsInstance(self.tiles["meta"]["mean_displacement_tiles"], float)


@needs_inputs
class PlacementTest(unittest.TestCase):
    def test_successor_is_district_scoped(self):
        from tools.data_prep import cartogram

        rows = {
            "00500": {"district": "006", "name": "Phường Quang Trung", "lat": 1.0, "lon": 1.0, "alias": set()},
            "00600": {"district": "268", "name": "Phường Nguyễn Trãi", "lat": 2.0, "lon": 2.0,
                      "alias": {"phuongquangtrung", "quangtrung"}},
        }
        ward = {"code": "00601", "name": "Quang Trung", "district": "268"}
        self.assertEqual(cartogram.find_successors(ward, rows), ["00600"])
        renamed = {"code": "00501", "name": "Quang Trung", "district": "006"}
        self.assertEqual(cartogram.find_successors(renamed, rows), ["00500"])

    def test_neighbour_fallback(self):
        from tools.data_prep import cartogram

        wards = [
            {"code": "00001", "name": "A", "district": "001"},
            {"code": "00002", "name": "B", "district": "001"},
            {"code": "00003", "name": "C", "district": "001"},
        ]
        rows = {
            "00001": {"district": "001", "name": "Phường A", "lat": 1.0, "lon": 10.0, "alias": set()},
            "00003": {"district": "001", "name": "Phường C", "lat": 3.0, "lon": 30.0, "alias": set()},
        }
        pts = cartogram.ward_points(wards, rows)
        self.assertEqual(pts[1].placement, "neighbours")
        self.assertEqual(pts[1].placed_from, ["00001", "00003"])
        self.assertAlmostEqual(pts[1].lat, 2.0)
        self.assertAlmostEqual(pts[1].lon, 20.0)


@needs_inputs
class RegenerateTest(unittest.TestCase):
    def test_deterministic_and_up_to_date(self):
        from tools.data_prep import cartogram, registry

        doc = registry.build()
        first = cartogram.render(cartogram.build(doc)[0])
        second = cartogram.render(cartogram.build(doc)[0])
        self.assertEqual(first, second)
        self.assertEqual(first, TILES_PATH.read_text(encoding="utf-8"),
                         "public/data/tiles.hexjson is stale: run python3 -m tools.data_prep.cartogram")


if __name__ == "__main__":
    unittest.main()
