"""Real, cited datasets: the published figures of
``tools/data_prep/sources/hanoi_indices_sourced.csv`` (a copy of the project's
reference table; see ``sources/README.md``) and the ward facts of the seed
article, converted to the dashboard's dataset format.

    python3 -m tools.data_prep.realdata    # prints a summary; the files are
                                           # written by tools.data_prep.datasets

Every figure keeps its source: a dataset-level ``source`` and, where the rows of
a dataset come from different pages, a per-value ``source``. Ranks are kept as
``reported_rank``; rows marked ``derived=yes`` in the CSV get ``derived: true``
and the CSV's note. ``provenance`` is ``"reported"``: these are press reports
of official results, not the official publications themselves.

Every area of the dataset's level gets a row in every period: a figure we have,
or ``value: null`` with ``missing: "not_reported"`` (the source names only some
districts / wards) or ``"not_collected"`` (a published figure we did not find
in the pages we collected).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    __package__ = "tools.data_prep"

from tools.data_prep import catalogue as cat  # noqa: E402

SOURCES_DIR = Path(__file__).resolve().parent / "sources"
CSV_PATH = SOURCES_DIR / "hanoi_indices_sourced.csv"

# Seed article of the project (no URL: we do not have its exact address).
ARTICLE = {
    "name": (
        "Pháp luật & Xã hội (Kinh tế & Đô thị), phapluatxahoi.kinhtedothi.vn, 23/01/2025: "
        "“Phấn đấu nâng cao chỉ số hài lòng của người dân, tổ chức”, Khánh Phong"
    )
}

# Publisher names by host of the CSV's source URLs.
HOSTS = {
    "hanoicapital.chinhphu.vn": "Hanoi Capital (hanoicapital.chinhphu.vn)",
    "sovhtt.hanoi.gov.vn": "Sở Văn hóa và Thể thao Hà Nội (sovhtt.hanoi.gov.vn)",
    "m.hanoitimes.vn": "The Hanoi Times",
    "hanoitimes.vn": "The Hanoi Times",
    "chatluongvacuocsong.vn": "Chất lượng và Cuộc sống (chatluongvacuocsong.vn)",
    "nvsk.vnanet.vn": "TTXVN / Vietnam News Agency (nvsk.vnanet.vn)",
    "www.vietmaz.com": "Vietmaz (vietmaz.com)",
    "hethongphapluat.com": "Hệ thống pháp luật (hethongphapluat.com)",
    "news.laodong.vn": "Lao Động (laodong.vn)",
    "en.vietnamplus.vn": "VietnamPlus (en.vietnamplus.vn)",
}

# Vietnamese and English wording of the CSV notes, keyed by (index, unit, period).
# English stays close to the CSV; every non-empty CSV note must have an entry.
NOTES = {
    ("PAPI aggregate", "Hà Nội", "2020"): (
        "Điểm 8 chỉ số nội dung năm 2020: thủ tục hành chính công 7,169; cung ứng dịch vụ công 6,870; "
        "kiểm soát tham nhũng 6,598; công khai, minh bạch 5,244; tham gia của người dân ở cấp cơ sở 5,059; "
        "trách nhiệm giải trình với người dân 4,812; quản trị môi trường 2,959; quản trị điện tử 2,918 (tổng = 41,629).",
        "Dimensions 2020: administrative procedures 7.169; public service delivery 6.870; control of corruption 6.598; "
        "transparency 5.244; participation at local levels 5.059; vertical accountability 4.812; environmental "
        "governance 2.959; e-governance 2.918 (sum = 41.629).",
    ),
    ("PAPI aggregate", "Hà Nội", "2021"): (
        "Không tìm thấy điểm số trong các trang đã lưu; thứ hạng 9/63 cũng được nêu trong m.hanoitimes.vn (…-323534.html) "
        "và trong bài báo gốc (Pháp luật & Xã hội, 23/01/2025).",
        "Score not found in the stored pages; the rank 9/63 is also stated in m.hanoitimes.vn (…-323534.html) "
        "and in the seed article (Pháp luật & Xã hội, 23/01/2025).",
    ),
    ("PAPI aggregate", "Hà Nội", "2022"): (
        "VietnamPlus (tiếng Anh, …/252123.vnp): thủ tục hành chính công 7,31; cung ứng dịch vụ công 7,22; kiểm soát tham nhũng 6,8.",
        "VietnamPlus (English, …/252123.vnp): administrative procedures 7.31, public service delivery 7.22, control of corruption 6.8.",
    ),
    ("PAPI aggregate", "Hà Nội", "2023"): ("Nguồn không nêu thứ hạng.", "Rank not stated."),
    ("PAPI aggregate", "Hà Nội", "2024"): ("Nhóm 2 (trên trung bình).", "Group 2 (above average)."),
    ("PAR Index", "Hà Nội", "2021"): (
        "Thứ hạng suy ra: năm 2022 Hà Nội đứng thứ 3 sau khi “tăng 7 bậc so với năm 2021”. "
        "Bài báo gốc (Pháp luật & Xã hội, 23/01/2025) cũng nêu trực tiếp thứ hạng 10/63.",
        "Rank derived: 3rd in 2022 after “moving up 7 spots from its 2021 ranking”. "
        "The seed article (Pháp luật & Xã hội, 23/01/2025) also states 10th of 63 directly.",
    ),
    ("PAR Index", "Hà Nội", "2022"): (
        "Giá trị suy ra = 92,57 − 2,99 (điểm 2024 trừ mức tăng so với 2022).",
        "Value derived = 92.57 − 2.99 (the 2024 score less its rise over 2022).",
    ),
    ("SIPAS", "Hà Nội", "2019"): ("Thứ hạng theo hanoitimes.vn (…583922.html).", "Rank from hanoitimes.vn (…583922.html)."),
    ("SIPAS", "Hà Nội", "2020"): (
        "hanoitimes.vn (…583922.html) làm tròn thành 85%.",
        "hanoitimes.vn (…583922.html) rounds it to 85%.",
    ),
    ("SIPAS", "Hà Nội", "2023"): (
        "Suy ra = 86,5 − 2,93 (điểm 2024 trừ mức tăng); thứ hạng = 11 + 10 (năm 2024 tăng 10 bậc).",
        "Derived = 86.5 − 2.93 (the 2024 figure less its rise); rank = 11 + 10 (up 10 places in 2024).",
    ),
    ("SIPAS", "Hà Nội", "2024"): ("Trung bình cả nước 83,94%.", "National average 83.94%."),
    ("766/QĐ-TTg service index (monthly)", "Hà Nội", "2024-12"): (
        "Công văn 193/UBND-KSTTHC ngày 17/01/2025 của UBND TP Hà Nội; phụ lục theo từng cơ quan không có trong đoạn trích đã lưu.",
        "Hanoi dispatch 193/UBND-KSTTHC of 17/01/2025; the per-agency appendix is not in the stored excerpt.",
    ),
    ("766/QĐ-TTg service index (monthly)", "Hà Nội", "2025-03"): (
        "Điểm thành phần: công khai, minh bạch 8,3/18; tiến độ giải quyết 15,2/20; dịch vụ công trực tuyến 3,1/12; "
        "thanh toán trực tuyến 4,7/10; mức độ hài lòng 16,9/18.",
        "Components: publicity 8.3/18, progress 15.2/20, online service 3.1/12, online payment 4.7/10, satisfaction 16.9/18.",
    ),
    ("Hanoi PAR Index (city-run)", "Quận Đống Đa", "2023"): (
        "Trung bình của 30 đơn vị cấp huyện là 94%.", "Average of the 30 district-level units: 94%."),
    ("Hanoi PAR Index (city-run)", "Quận Nam Từ Liêm", "2023"): ("Đồng hạng với Hoàn Kiếm.", "Tied with Hoàn Kiếm."),
    ("Hanoi PAR Index (city-run)", "Quận Hoàn Kiếm", "2023"): ("Đồng hạng với Nam Từ Liêm.", "Tied with Nam Từ Liêm."),
    ("Hanoi PAR Index (city-run)", "Huyện Phú Xuyên", "2023"): (
        "Thấp nhất (không phải đơn vị thí điểm).", "Lowest (not a pilot unit)."),
    ("766 online-application rate", "Quận Cầu Giấy", "2025-03"): (
        "19 đơn vị cấp huyện dưới 30%.", "19 district-level units below 30%."),
    ("766 online-payment rate", "Quận Đống Đa", "2025-03"): ("Thấp nhất thành phố.", "Lowest in the city."),
    ("766 satisfaction rate", "Quận Hoàn Kiếm", "2025-03"): (
        "Nằm trong nhóm thấp nhất.", "Listed among the lowest."),
    ("766 satisfaction rate", "Quận Long Biên", "2025-03"): (
        "Nằm trong nhóm thấp nhất.", "Listed among the lowest."),
}

NOT_COLLECTED_NOTE = {
    "vi": "Số liệu có công bố nhưng chưa tìm thấy trong các nguồn dự án đã thu thập.",
    "en": "Published, but not found in the sources this project collected.",
}

PRESS = "Press reports of official results"


def _months(first: str, last: str) -> list[str]:
    y, m = map(int, first.split("-"))
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        m += 1
        if m == 13:
            y, m = y + 1, 1
    return out


# One entry per dataset: how to read it from the CSV and how to describe it.
SPECS = [
    {
        "id": "papi-aggregate",
        "index": "PAPI aggregate",
        "level": "city",
        "period_type": "year",
        "periods": ["2020", "2021", "2022", "2023", "2024"],
        "title": ("Chỉ số PAPI của Hà Nội (điểm tổng hợp)", "Hanoi's PAPI aggregate score"),
        "description": (
            "Chỉ số Hiệu quả quản trị và hành chính công cấp tỉnh (PAPI): tổng điểm 8 chỉ số nội dung (tối đa 80), kèm thứ hạng trong 63 tỉnh, thành phố.",
            "Provincial Governance and Public Administration Performance Index (PAPI): sum of eight dimension scores (maximum 80), with the rank among 63 provinces.",
        ),
        "unit": ("điểm/80", "points/80"),
        "number_format": {"style": "decimal", "decimals": 2},
        "range": {"min": 0, "max": 80},
        "group": "other",
        "notes": (
            "PAPI do UNDP, CECODES và Ủy ban Trung ương MTTQ Việt Nam thực hiện. Số liệu lấy từ báo chí; giá trị giữ nguyên độ chính xác được công bố.",
            "PAPI is run by UNDP, CECODES and the Vietnam Fatherland Front. Figures as reported by the press, kept at their published precision.",
        ),
    },
    {
        "id": "par-index",
        "index": "PAR Index",
        "level": "city",
        "period_type": "year",
        "periods": ["2021", "2022", "2023", "2024"],
        "title": ("Chỉ số cải cách hành chính (PAR Index) của Hà Nội", "Hanoi's Public Administration Reform Index (PAR Index)"),
        "description": (
            "Chỉ số cải cách hành chính cấp tỉnh do Bộ Nội vụ công bố (%), kèm thứ hạng trong 63 tỉnh, thành phố.",
            "Provincial Public Administration Reform Index published by the Ministry of Home Affairs (%), with the rank among 63 provinces.",
        ),
        "unit": ("%", "%"),
        "number_format": {"style": "percent", "decimals": 2},
        "range": {"min": 0, "max": 100},
        "group": "other",
        "notes": (
            "Số liệu lấy từ báo chí. Năm 2021 chỉ có thứ hạng (10/63), không có điểm.",
            "Figures as reported by the press. For 2021 only the rank (10th of 63) is known, not the score.",
        ),
    },
    {
        "id": "sipas",
        "index": "SIPAS",
        "level": "city",
        "period_type": "year",
        "periods": ["2019", "2020", "2021", "2022", "2023", "2024"],
        "title": ("Chỉ số hài lòng về sự phục vụ hành chính (SIPAS) của Hà Nội",
                  "Hanoi's Satisfaction Index of Public Administrative Services (SIPAS)"),
        "description": (
            "Tỷ lệ người dân, tổ chức hài lòng với sự phục vụ của cơ quan hành chính nhà nước (SIPAS, Bộ Nội vụ), kèm thứ hạng trong 63 tỉnh, thành phố.",
            "Share of people and organisations satisfied with the service of state administrative agencies (SIPAS, Ministry of Home Affairs), with the rank among 63 provinces.",
        ),
        "unit": ("%", "%"),
        "number_format": {"style": "percent", "decimals": 2},
        "range": {"min": 0, "max": 100},
        "group": "satisfaction",
        "notes": (
            "Số liệu lấy từ báo chí. Năm 2021 và 2022: chưa tìm thấy số liệu trong các nguồn đã thu thập.",
            "Figures as reported by the press. 2021 and 2022: not found in the sources collected.",
        ),
    },
    {
        "id": "service-index-766",
        "index": "766/QĐ-TTg service index (monthly)",
        "level": "city",
        "period_type": "month",
        "periods": _months("2024-12", "2025-03"),
        "title": ("Bộ chỉ số phục vụ người dân, doanh nghiệp (766/QĐ-TTg) của Hà Nội, theo tháng",
                  "Hanoi's service index for citizens and businesses (Decision 766/QĐ-TTg), monthly"),
        "description": (
            "Tổng điểm Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg), tối đa 100, kèm thứ hạng trong 63 tỉnh, thành phố.",
            "Total score of the index of service to citizens and businesses (Decision 766/QĐ-TTg), out of 100, with the rank among 63 provinces.",
        ),
        "unit": ("điểm/100", "points/100"),
        "number_format": {"style": "decimal", "decimals": 2},
        "range": {"min": 0, "max": 100},
        "group": "other",
        "notes": (
            "Số liệu lấy từ văn bản và báo chí. Tháng 01 và 02/2025: chưa tìm thấy số liệu trong các nguồn đã thu thập.",
            "Figures from an official dispatch and the press. January and February 2025: not found in the sources collected.",
        ),
    },
    {
        "id": "par-index-districts-2023",
        "index": "Hanoi PAR Index (city-run)",
        "level": "district",
        "period_type": "year",
        "periods": ["2023"],
        "title": ("Chỉ số cải cách hành chính của các quận, thị xã (Hà Nội đánh giá)",
                  "PAR Index of the districts (assessed by Hanoi)"),
        "description": (
            "Chỉ số cải cách hành chính do UBND TP Hà Nội đánh giá cho 30 đơn vị cấp huyện (%), kèm thứ hạng trong 30 đơn vị.",
            "Public Administration Reform Index assessed by the Hanoi People's Committee for its 30 district-level units (%), with the rank among the 30.",
        ),
        "unit": ("%", "%"),
        "number_format": {"style": "percent", "decimals": 2},
        "range": {"min": 0, "max": 100},
        "group": "other",
        "notes": (
            "Nguồn chỉ nêu 5 đơn vị; các quận thí điểm khác không được nêu (not_reported). Huyện Phú Xuyên "
            "(91,61%, thấp nhất, 30/30) không phải đơn vị thí điểm nên không đưa vào. Trung bình 30 đơn vị: 94%.",
            "The source names 5 units only; the other pilot districts are not named (not_reported). Phú Xuyên "
            "district (91.61%, lowest, 30th of 30) is not a pilot unit and is left out. Average of the 30 units: 94%.",
        ),
    },
    {
        "id": "online-application-rate-766",
        "index": "766 online-application rate",
        "level": "district",
        "period_type": "month",
        "periods": ["2025-03"],
        "title": ("Tỷ lệ hồ sơ trực tuyến (Bộ chỉ số 766) của các quận",
                  "Online application rate of the districts (766 index)"),
        "description": (
            "Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến theo Bộ chỉ số 766/QĐ-TTg, tháng 3/2025.",
            "Share of administrative dossiers filed online under the 766/QĐ-TTg index, March 2025.",
        ),
        "unit": ("%", "%"),
        "number_format": {"style": "percent", "decimals": 1},
        "range": {"min": 0, "max": 100},
        "group": "online_services",
        "notes": (
            "Nguồn chỉ nêu một số quận; theo nguồn, 19 đơn vị cấp huyện có tỷ lệ dưới 30%.",
            "The source names some districts only; it says 19 district-level units were below 30%.",
        ),
    },
    {
        "id": "online-payment-rate-766",
        "index": "766 online-payment rate",
        "level": "district",
        "period_type": "month",
        "periods": ["2025-03"],
        "title": ("Tỷ lệ thanh toán trực tuyến (Bộ chỉ số 766) của các quận",
                  "Online payment rate of the districts (766 index)"),
        "description": (
            "Tỷ lệ hồ sơ có phí, lệ phí được thanh toán trực tuyến theo Bộ chỉ số 766/QĐ-TTg, tháng 3/2025.",
            "Share of fee-bearing dossiers paid online under the 766/QĐ-TTg index, March 2025.",
        ),
        "unit": ("%", "%"),
        "number_format": {"style": "percent", "decimals": 2},
        "range": {"min": 0, "max": 100},
        "group": "online_payment",
        "notes": (
            "Nguồn chỉ nêu quận có tỷ lệ thấp nhất thành phố.",
            "The source names only the district with the lowest rate in the city.",
        ),
    },
    {
        "id": "satisfaction-rate-766",
        "index": "766 satisfaction rate",
        "level": "district",
        "period_type": "month",
        "periods": ["2025-03"],
        "title": ("Tỷ lệ hài lòng (Bộ chỉ số 766) của các quận", "Satisfaction rate of the districts (766 index)"),
        "description": (
            "Mức độ hài lòng của người dân, doanh nghiệp theo Bộ chỉ số 766/QĐ-TTg, tháng 3/2025.",
            "Satisfaction of citizens and businesses under the 766/QĐ-TTg index, March 2025.",
        ),
        "unit": ("%", "%"),
        "number_format": {"style": "percent", "decimals": 1},
        "range": {"min": 0, "max": 100},
        "group": "satisfaction",
        "notes": (
            "Nguồn chỉ nêu một số quận trong nhóm có tỷ lệ thấp nhất.",
            "The source names only some districts, among those with the lowest rates.",
        ),
    },
]

PERIOD_NOTE_2022 = {
    "vi": (
        "Bài báo đăng ngày 23/01/2025 nhưng thuật lại kết quả “qua một năm triển khai” mô hình (từ 1/7/2021), "
        "tức khoảng giữa năm 2022; kỳ 2022 là cách hiểu của chúng tôi, có thể không chính xác."
    ),
    "en": (
        "The article is dated 23/01/2025 but reports the situation “after one year” of the pilot (from 1 July 2021), "
        "i.e. around mid-2022; the period 2022 is our reading and may be imprecise."
    ),
}


def read_rows(path: Path = CSV_PATH) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return [{k: cat.nfc(v) for k, v in row.items()} for row in csv.DictReader(f)]


def _host(url: str) -> str:
    return url.split("://", 1)[1].split("/", 1)[0]


def row_source(url: str) -> dict:
    return {"name": HOSTS[_host(url)], "url": url}


def _number(text: str):
    if text == "":
        return None
    value = float(text)
    return int(value) if value.is_integer() and "." not in text else value


def district_code(registry: dict, unit: str) -> str | None:
    """Code of a pilot district named like 'Quận Đống Đa', or None if not a pilot unit."""
    unit = cat.nfc(unit)
    short = unit
    for prefix in ("Quận ", "Huyện ", "Thị xã "):
        if unit.startswith(prefix):
            short = unit[len(prefix):]
    for d in registry["districts"]:
        if cat.nfc(d["name"]) == short or cat.nfc(d.get("full_name", "")) == unit:
            return d["code"]
    return None


def ward_code(registry: dict, name: str, district: str) -> str:
    for w in registry["wards"]:
        if cat.nfc(w["name"]) == cat.nfc(name) and w["district"] == district:
            return w["code"]
    raise KeyError(f"ward {name} of district {district} not in wards.json")


def _i18n(pair) -> dict:
    return {"vi": pair[0], "en": pair[1]}


def _header(spec: dict, source: dict) -> dict:
    return {
        "format": cat.DATASET_FORMAT,
        "version": cat.FORMAT_VERSION,
        "id": spec["id"],
        "title": _i18n(spec["title"]),
        "description": _i18n(spec["description"]),
        "level": spec["level"],
        "unit": _i18n(spec["unit"]),
        "number_format": dict(spec["number_format"]),
        "range": dict(spec["range"]),
        "direction": spec.get("direction", "higher_is_better"),
        "group": spec["group"],
        "period_type": spec["period_type"],
        "periods": list(spec["periods"]),
        "source": source,
        "licence": dict(cat.CC_BY),
        "provenance": "reported",
        "notes": _i18n(spec["notes"]),
    }


def csv_dataset(spec: dict, rows: list[dict], registry: dict) -> tuple[dict, list[dict]]:
    """Returns the dataset and the CSV rows left out (non-pilot units)."""
    mine = [r for r in rows if r["index"] == spec["index"]]
    if not mine:
        raise ValueError(f"no CSV rows for {spec['index']}")
    if spec["level"] == "city":
        areas = [cat.CITY_CODE]
    else:
        areas = [d["code"] for d in registry["districts"]]
    by_key = {}
    excluded = []
    for r in mine:
        if spec["level"] == "city":
            if r["level"] != "province" or r["unit"] != "Hà Nội":
                raise ValueError(f"unexpected city row {r}")
            area = cat.CITY_CODE
        else:
            area = district_code(registry, r["unit"])
            if area is None:
                excluded.append(r)
                continue
        if r["period"] not in spec["periods"]:
            raise ValueError(f"period {r['period']} of {spec['id']} not in its periods")
        if (area, r["period"]) in by_key:
            raise ValueError(f"duplicate row {area} {r['period']} in {spec['id']}")
        by_key[(area, r["period"])] = r
    urls = sorted({r["source_url"] for r in by_key.values()})
    per_value_source = len(urls) > 1
    if per_value_source:
        source = {"name": f"{PRESS}; see each value's source"}
    else:
        source = row_source(urls[0])
    ds = _header(spec, source)
    values = []
    for area in areas:
        for period in spec["periods"]:
            r = by_key.get((area, period))
            if r is None:
                missing = "not_reported" if spec["level"] == "district" else "not_collected"
                row = {"area": area, "period": period, "value": None, "missing": missing}
                if missing == "not_collected":
                    row["note"] = dict(NOT_COLLECTED_NOTE)
                values.append(row)
                continue
            value = _number(r["value"])
            row = {"area": area, "period": period, "value": value}
            if value is None:
                row["missing"] = "not_reported"
            if r["rank"]:
                row["reported_rank"] = {"rank": int(r["rank"]), "of": int(r["rank_of"])}
            if r["derived"] == "yes":
                row["derived"] = True
            elif r["derived"] != "no":
                raise ValueError(f"derived must be yes/no: {r}")
            if r["note"]:
                row["note"] = _i18n(NOTES[(r["index"], r["unit"], r["period"])])
            if per_value_source:
                row["source"] = row_source(r["source_url"])
            values.append(row)
    ds["values"] = values
    return ds, excluded


def article_datasets(registry: dict) -> list[dict]:
    """Hàng Bồ's no-wait share and population, from the seed article."""
    hoan_kiem = district_code(registry, "Quận Hoàn Kiếm")
    hang_bo = ward_code(registry, "Hàng Bồ", hoan_kiem)
    codes = [w["code"] for w in registry["wards"]]

    def ward_values(value, note):
        out = []
        for code in codes:
            if code == hang_bo:
                out.append({"area": code, "period": "2022", "value": value, "note": note})
            else:
                out.append({"area": code, "period": "2022", "value": None, "missing": "not_reported"})
        return out

    no_wait = _header({
        "id": "no-wait-share-reported",
        "level": "ward",
        "period_type": "year",
        "periods": ["2022"],
        "title": ("Tỷ lệ thủ tục hành chính không chờ (báo chí đưa tin)", "No-wait administrative procedures share (as reported)"),
        "description": (
            "Tỷ lệ hồ sơ “thủ tục hành chính không chờ” được giải quyết trong tổng số thủ tục hành chính tại phường.",
            "Dossiers handled as “no-wait administrative procedures” as a share of all procedures handled at the ward.",
        ),
        "unit": ("%", "%"),
        "number_format": {"style": "percent", "decimals": 1},
        "range": {"min": 0, "max": 100},
        "group": "timeliness",
        "notes": (
            "Chỉ có số liệu của phường Hàng Bồ (quận Hoàn Kiếm) do Phó Chủ tịch UBND phường nêu trong bài báo; "
            "các phường khác không được nêu. " + PERIOD_NOTE_2022["vi"],
            "Only Hàng Bồ ward (Hoàn Kiếm) has a figure, given by the ward's vice-chairman in the article; "
            "other wards are not named. " + PERIOD_NOTE_2022["en"],
        ),
    }, dict(ARTICLE))
    no_wait["values"] = ward_values(91.9, {
        "vi": "“Tỷ lệ hồ sơ “thủ tục hành chính không chờ” được giải quyết chiếm đến 91,9% trong tổng số TTHC tại phường.” "
              + PERIOD_NOTE_2022["vi"],
        "en": "“No-wait procedure dossiers made up 91.9% of all administrative procedures handled at the ward.” "
              + PERIOD_NOTE_2022["en"],
    })

    population = _header({
        "id": "population-reported",
        "level": "ward",
        "period_type": "year",
        "periods": ["2022"],
        "title": ("Dân số phường (báo chí đưa tin)", "Ward population (as reported)"),
        "description": ("Số dân phường đang quản lý.", "Number of residents the ward manages."),
        "unit": ("người", "people"),
        "number_format": {"style": "integer", "decimals": 0},
        "range": {"min": 0, "max": 200000},
        "group": "other",
        "notes": (
            "Chỉ có số liệu xấp xỉ của phường Hàng Bồ (“6.000 dân”) nêu trong bài báo; các phường khác không được nêu. "
            + PERIOD_NOTE_2022["vi"],
            "Only Hàng Bồ ward's approximate figure (“6,000 residents”) from the article; other wards are not named. "
            + PERIOD_NOTE_2022["en"],
        ),
    }, dict(ARTICLE))
    population["values"] = ward_values(6000, {
        "vi": "Xấp xỉ: “phường Hàng Bồ đang quản lý 6.000 dân”.",
        "en": "Approximate: the ward “manages 6,000 residents” (a round figure).",
    })
    return [no_wait, population]


def real_datasets(registry: dict) -> list[dict]:
    """The real datasets in catalogue order (city, district, ward)."""
    rows = read_rows()
    out = []
    excluded_all = []
    for spec in SPECS:
        ds, excluded = csv_dataset(spec, rows, registry)
        out.append(ds)
        excluded_all += excluded
    # Only Phú Xuyên (not a pilot unit) may be left out; the notes say so.
    left_out = [(r["index"], r["unit"]) for r in excluded_all]
    if left_out != [("Hanoi PAR Index (city-run)", "Huyện Phú Xuyên")]:
        raise ValueError(f"unexpected CSV rows left out: {left_out}")
    used = {s["index"] for s in SPECS}
    unused = sorted({r["index"] for r in rows} - used)
    if unused:
        raise ValueError(f"CSV indices not converted: {unused}")
    return out + article_datasets(registry)


if __name__ == "__main__":
    for ds in real_datasets(cat.load_registry()):
        present = sum(1 for v in ds["values"] if v["value"] is not None)
        print(f"{ds['id']:32} {ds['level']:8} {len(ds['values']):4} rows, {present} with a value")
