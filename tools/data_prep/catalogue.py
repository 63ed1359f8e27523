"""Shared pieces of the open data format: constants, the registry reader, the
JSON writers, and the builders of ``catalogue.json``, ``datapackage.json``
and the JSON Schema files in ``public/data/schema/``.

The format itself is documented in ``docs/data-format.md``. Everything here is
pure Python (standard library only) so that ``python3 -m
tools.data_prep.datasets`` runs on a bare interpreter; only the tests use
``jsonschema`` (see ``tools/requirements-validate.txt``).
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT / "public" / "data"

CATALOGUE_FORMAT = "hanoi-wards/catalogue"
DATASET_FORMAT = "hanoi-wards/dataset"
FORMAT_VERSION = 1

CITY_CODE = "01"

LEVELS = ("ward", "district", "city")
GROUPS = (
    "transparency",
    "timeliness",
    "online_services",
    "online_payment",
    "satisfaction",
    "digitisation",
    "other",
)
STYLES = ("percent", "decimal", "integer")
DIRECTIONS = ("higher_is_better", "lower_is_better")
PERIOD_TYPES = ("quarter", "year", "month")
# "user_supplied": what the app labels every dataset a reader brings (a
# `?data=` link, a file, a paste), whatever the file says (docs/data-format.md).
PROVENANCES = ("official", "reported", "estimated", "synthetic", "user_supplied")
MISSING_REASONS = ("not_applicable", "suppressed", "not_collected", "not_reported")
FLAGS = ("provisional",)

PERIOD_PATTERNS = {
    "quarter": r"^[0-9]{4}-Q[1-4]$",
    "year": r"^[0-9]{4}$",
    "month": r"^[0-9]{4}-(0[1-9]|1[0-2])$",
}
AREA_PATTERNS = {
    "ward": r"^[0-9]{5}$",
    "district": r"^[0-9]{3}$",
    "city": r"^01$",
}
ID_PATTERN = r"^[a-z0-9-]{1,64}$"

# A denominator below this is shown with a "small denominator" warning.
SMALL_DENOMINATOR = 20

CC_BY = {"id": "CC-BY-4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}

# Keys of a dataset file, in the order they are written.
DATASET_KEYS = (
    "format",
    "version",
    "id",
    "title",
    "description",
    "level",
    "unit",
    "number_format",
    "range",
    "direction",
    "group",
    "period_type",
    "periods",
    "source",
    "licence",
    "provenance",
    "notes",
    "values",
)
# Keys of a value object, in the order they are written.
VALUE_KEYS = (
    "area",
    "period",
    "value",
    "numerator",
    "denominator",
    "missing",
    "flag",
    "reported_rank",
    "derived",
    "note",
    "source",
)


# --------------------------------------------------------------------------
# Reading the registry (public/data/wards.json, written by registry.py)
# --------------------------------------------------------------------------


def load_registry(path: Path | None = None) -> dict:
    """Returns ``{"districts": [...], "wards": [...]}`` sorted by code."""
    path = path or DATA_DIR / "wards.json"
    with open(path, encoding="utf-8") as f:
        reg = json.load(f)
    reg["districts"] = sorted(reg["districts"], key=lambda d: d["code"])
    reg["wards"] = sorted(reg["wards"], key=lambda w: w["code"])
    return reg


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --------------------------------------------------------------------------
# Writers: byte-stable JSON
# --------------------------------------------------------------------------


def _pretty(obj, indent: int, width: int) -> str:
    one_line = json.dumps(obj, ensure_ascii=False)
    if not isinstance(obj, (dict, list)) or not obj or len(one_line) + indent <= width:
        return one_line
    pad = " " * (indent + 2)
    if isinstance(obj, dict):
        items = [f"{pad}{json.dumps(k, ensure_ascii=False)}: {_pretty(v, indent + 2, width)}" for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    items = [f"{pad}{_pretty(v, indent + 2, width)}" for v in obj]
    return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"


def dumps_pretty(obj, width: int = 100) -> str:
    """Indented JSON for small files (catalogue, schemas, data package):
    an object or array that fits in `width` columns stays on one line."""
    return _pretty(obj, 0, width) + "\n"


def _ordered(obj: dict, keys) -> dict:
    unknown = set(obj) - set(keys)
    if unknown:
        raise ValueError(f"unknown keys {sorted(unknown)}")
    return {k: obj[k] for k in keys if k in obj}


def dumps_dataset(ds: dict) -> str:
    """A dataset file: header keys one per line, then one value object per line.

    Compact separators inside value objects keep the file small; one object
    a line keeps diffs readable.
    """
    ds = _ordered(ds, DATASET_KEYS)
    lines = ["{"]
    for key, val in ds.items():
        if key == "values":
            continue
        lines.append(f"{json.dumps(key)}: {json.dumps(val, ensure_ascii=False)},")
    rows = [
        json.dumps(_ordered(v, VALUE_KEYS), ensure_ascii=False, separators=(",", ":"))
        for v in ds["values"]
    ]
    if rows:
        lines.append('"values": [')
        lines.append(",\n".join(rows))
        lines.append("]")
    else:
        lines.append('"values": []')
    lines.append("}")
    return "\n".join(lines) + "\n"


def dataset_path(ds_id: str) -> str:
    """Path of a dataset file relative to public/data/."""
    return f"datasets/{ds_id}.json"


# --------------------------------------------------------------------------
# The catalogue
# --------------------------------------------------------------------------


def make_catalogue(datasets: list[dict]) -> dict:
    return {
        "format": CATALOGUE_FORMAT,
        "version": FORMAT_VERSION,
        "title": {
            "vi": "Chỉ số phục vụ của 175 phường thí điểm chính quyền đô thị Hà Nội",
            "en": "Service indicators of Hanoi's 175 urban-government pilot wards",
        },
        "datasets": [
            {
                "id": ds["id"],
                "title": ds["title"],
                "url": dataset_path(ds["id"]),
                "level": ds["level"],
                "group": ds["group"],
                "provenance": ds["provenance"],
                "period_type": ds["period_type"],
                "periods": ds["periods"],
            }
            for ds in datasets
        ],
    }


# --------------------------------------------------------------------------
# The Frictionless Data Package
# --------------------------------------------------------------------------

_DIALECT_KEYS = ["area", "period", "value", "numerator", "denominator", "missing", "flag", "derived"]


def _value_table_schema(ds: dict) -> dict:
    level = ds["level"]
    rng = ds.get("range")
    if ds["number_format"]["style"] == "percent":
        rng = {"min": 0, "max": 100}
    value_constraints = {}
    if rng:
        value_constraints = {"minimum": rng["min"], "maximum": rng["max"]}
    area = {
        "name": "area",
        "type": "string",
        "title": {"ward": "Ward GSO code", "district": "District GSO code", "city": "City GSO code"}[level],
        "constraints": {"required": True, "pattern": AREA_PATTERNS[level][1:-1]},
    }
    fields = [
        area,
        {
            "name": "period",
            "type": "string",
            "description": f"Period ({ds['period_type']})",
            "constraints": {"required": True, "enum": list(ds["periods"])},
        },
        {
            "name": "value",
            "type": "integer" if ds["number_format"]["style"] == "integer" else "number",
            "description": f"{ds['title']['en']} ({ds['unit']['en']}); empty when missing",
            "constraints": value_constraints,
        },
        {
            "name": "numerator",
            "type": "number",
            "description": "Count in the numerator of the share (optional)",
            "constraints": {"minimum": 0},
        },
        {
            "name": "denominator",
            "type": "number",
            "description": "Count in the denominator of the share (optional)",
            "constraints": {"minimum": 0},
        },
        {
            "name": "missing",
            "type": "string",
            "description": "Why the value is missing (only when value is empty)",
            "constraints": {"enum": list(MISSING_REASONS)},
        },
        {
            "name": "flag",
            "type": "string",
            "description": "Status of the value",
            "constraints": {"enum": list(FLAGS)},
        },
        {
            "name": "derived",
            "type": "boolean",
            "description": "True when the value was computed from other published figures",
        },
    ]
    for f in fields:
        if not f.get("constraints"):
            f.pop("constraints", None)
    schema = {
        "fields": fields,
        "missingValues": [""],
        "primaryKey": ["area", "period"],
    }
    if level == "ward":
        schema["foreignKeys"] = [
            {"fields": ["area"], "reference": {"resource": "wards", "fields": ["code"]}}
        ]
    elif level == "district":
        schema["foreignKeys"] = [
            {"fields": ["area"], "reference": {"resource": "districts", "fields": ["code"]}}
        ]
    return schema


def _registry_resource(name: str, prop: str, fields: list[dict], title: str, description: str) -> dict:
    return {
        "name": name,
        "type": "table",
        "title": title,
        "description": description,
        "path": "wards.json",
        "scheme": "file",
        "format": "json",
        "encoding": "utf-8",
        "mediatype": "application/json",
        "dialect": {"json": {"property": prop, "keyed": True, "keys": [f["name"] for f in fields]}},
        "schema": {"fields": fields, "primaryKey": ["code"]},
    }


def make_datapackage(datasets: list[dict]) -> dict:
    text = {"type": "string", "constraints": {"required": True}}
    district_fields = [
        {"name": "code", "type": "string", "title": "GSO district code",
         "constraints": {"required": True, "unique": True, "pattern": "[0-9]{3}"}},
        {"name": "name", "type": "string", "title": "Name (short)", **text},
        {"name": "full_name", "type": "string", "title": "Name with unit type", **text},
        {"name": "folded", "type": "string", "title": "Lowercase name without diacritics", **text},
    ]
    ward_fields = [
        {"name": "code", "type": "string", "title": "GSO ward code",
         "constraints": {"required": True, "unique": True, "pattern": "[0-9]{5}"}},
        {"name": "name", "type": "string", "title": "Name (short)", **text},
        {"name": "full_name", "type": "string", "title": "Name with unit type", **text},
        {"name": "district", "type": "string", "title": "GSO code of the district", **text},
        {"name": "folded", "type": "string", "title": "Lowercase name without diacritics", **text},
    ]
    wards = _registry_resource(
        "wards", "wards", ward_fields,
        "The 175 pilot wards (2021)",
        "Wards of Hanoi's urban-government pilot from 1 July 2021, keyed by GSO code.",
    )
    wards["schema"]["foreignKeys"] = [
        {"fields": ["district"], "reference": {"resource": "districts", "fields": ["code"]}}
    ]
    districts = _registry_resource(
        "districts", "districts", district_fields,
        "The 13 district-level units of the pilot",
        "12 urban districts and Sơn Tây town, keyed by GSO code.",
    )
    resources = [districts, wards]
    for ds in datasets:
        res = {
            "name": ds["id"],
            "type": "table",
            "title": ds["title"]["en"],
            "description": ds["description"]["en"]
            + (f" NOTE: {ds['notes']['en']}" if ds["provenance"] == "synthetic" else ""),
            "path": dataset_path(ds["id"]),
            "scheme": "file",
            "format": "json",
            "encoding": "utf-8",
            "mediatype": "application/json",
            "dialect": {"json": {"property": "values", "keyed": True, "keys": list(_DIALECT_KEYS)}},
            "schema": _value_table_schema(ds),
            "sources": [{"title": ds["source"]["name"], **({"path": ds["source"]["url"]} if "url" in ds["source"] else {})}],
            "licenses": [{"name": ds["licence"]["id"], "path": ds["licence"]["url"], "title": "Creative Commons Attribution 4.0"}],
        }
        resources.append(res)
    return {
        "$schema": "https://specs.frictionlessdata.io/schemas/data-package.json",
        "name": "hanoi-pilot-wards",
        "title": "Hanoi's 175 urban-government pilot wards: service indicators",
        "description": (
            "The ward registry and the indicator datasets bundled with the Hanoi ward dashboard. "
            "Each dataset file is a JSON object (format hanoi-wards/dataset, see docs/data-format.md) "
            "whose 'values' array is the table described here; the object's other keys carry titles, "
            "units and sources. Datasets whose id starts with 'synthetic-' are ILLUSTRATIVE and NOT real figures."
        ),
        "homepage": "https://example.invalid/hanoi-ward-dashboard",
        "licenses": [{"name": CC_BY["id"], "path": CC_BY["url"], "title": "Creative Commons Attribution 4.0"}],
        "keywords": ["Hanoi", "Hà Nội", "wards", "phường", "public administration", "766/QĐ-TTg", "SIPAS", "PAR Index", "PAPI"],
        "resources": resources,
    }


# --------------------------------------------------------------------------
# JSON Schemas (draft 2020-12)
# --------------------------------------------------------------------------

SCHEMA_BASE = "https://example.invalid/hanoi-ward-dashboard/data/schema/"
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _i18n(desc: str) -> dict:
    return {
        "type": "object",
        "description": desc,
        "required": ["vi", "en"],
        "properties": {
            "vi": {"type": "string", "minLength": 1},
            "en": {"type": "string", "minLength": 1},
        },
        "additionalProperties": False,
    }


def _source_def() -> dict:
    return {
        "type": "object",
        "required": ["name"],
        "properties": {
            "name": {"type": "string", "minLength": 1},
            "url": {"type": "string", "pattern": "^https?://"},
        },
        "additionalProperties": False,
    }


def _periods_def() -> dict:
    return {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"type": "string"}}


def dataset_schema() -> dict:
    value_item = {
        "type": "object",
        "required": ["area", "period", "value"],
        "properties": {
            "area": {"type": "string", "pattern": r"^(01|[0-9]{3}|[0-9]{5})$"},
            "period": {"type": "string"},
            "value": {"type": ["number", "null"]},
            "numerator": {"type": "number", "minimum": 0},
            "denominator": {"type": "number", "exclusiveMinimum": 0},
            "missing": {"enum": list(MISSING_REASONS)},
            "flag": {"enum": list(FLAGS)},
            "reported_rank": {
                "type": "object",
                "required": ["rank", "of"],
                "properties": {
                    "rank": {"type": "integer", "minimum": 1},
                    "of": {"type": "integer", "minimum": 1},
                },
                "additionalProperties": False,
            },
            "derived": {"type": "boolean"},
            "note": {"$ref": "#/$defs/i18n"},
            "source": {"$ref": "#/$defs/source"},
        },
        "additionalProperties": False,
        "dependentRequired": {"numerator": ["denominator"], "denominator": ["numerator"], "derived": ["note"]},
        "allOf": [
            {
                "if": {"properties": {"value": {"type": "null"}}},
                "then": {"required": ["missing"]},
                "else": {"not": {"required": ["missing"]}},
            }
        ],
    }
    level_rules = []
    for level, pattern in AREA_PATTERNS.items():
        level_rules.append({
            "if": {"properties": {"level": {"const": level}}, "required": ["level"]},
            "then": {"properties": {"values": {"items": {"properties": {"area": {"pattern": pattern}}}}}},
        })
    for ptype, pattern in PERIOD_PATTERNS.items():
        level_rules.append({
            "if": {"properties": {"period_type": {"const": ptype}}, "required": ["period_type"]},
            "then": {"properties": {
                "periods": {"items": {"pattern": pattern}},
                "values": {"items": {"properties": {"period": {"pattern": pattern}}}},
            }},
        })
    level_rules.append({
        "if": {"properties": {"number_format": {"properties": {"style": {"const": "percent"}}}}},
        "then": {"properties": {
            "range": {"properties": {"min": {"const": 0}, "max": {"const": 100}}},
            "values": {"items": {"properties": {"value": {"minimum": 0, "maximum": 100}}}},
        }},
    })
    return {
        "$schema": DRAFT,
        "$id": SCHEMA_BASE + "dataset.schema.json",
        "title": "Hanoi ward dashboard dataset (hanoi-wards/dataset, version 1)",
        "description": (
            "One indicator for one level (ward, district or city) over a list of periods. "
            "Checks that JSON Schema cannot express (period listed in periods, (area, period) unique, "
            "area in the registry, values inside range, value = 100 x numerator / denominator for percent) "
            "are made by the app's validator and by tools/data_prep/test_datasets.py; see docs/data-format.md."
        ),
        "type": "object",
        "required": [
            "format", "version", "id", "title", "description", "level", "unit", "number_format",
            "direction", "group", "period_type", "periods", "source", "licence", "provenance", "values",
        ],
        "properties": {
            "format": {"const": DATASET_FORMAT},
            "version": {"const": FORMAT_VERSION},
            "id": {"type": "string", "pattern": ID_PATTERN},
            "title": {"$ref": "#/$defs/i18n"},
            "description": {"$ref": "#/$defs/i18n"},
            "level": {"enum": list(LEVELS)},
            "unit": {"$ref": "#/$defs/i18n_maybe_empty"},
            "number_format": {
                "type": "object",
                "required": ["style", "decimals"],
                "properties": {
                    "style": {"enum": list(STYLES)},
                    "decimals": {"type": "integer", "minimum": 0, "maximum": 4},
                },
                "additionalProperties": False,
            },
            "range": {
                "type": "object",
                "required": ["min", "max"],
                "properties": {"min": {"type": "number"}, "max": {"type": "number"}},
                "additionalProperties": False,
            },
            "direction": {"enum": list(DIRECTIONS)},
            "group": {"enum": list(GROUPS)},
            "period_type": {"enum": list(PERIOD_TYPES)},
            "periods": _periods_def(),
            "source": {"$ref": "#/$defs/source"},
            "licence": {
                "type": "object",
                "required": ["id"],
                "properties": {
                    "id": {"type": "string", "minLength": 1, "description": "SPDX identifier, e.g. CC-BY-4.0"},
                    "url": {"type": "string", "pattern": "^https?://"},
                },
                "additionalProperties": False,
            },
            "provenance": {"enum": list(PROVENANCES)},
            "notes": {"$ref": "#/$defs/i18n"},
            "values": {"type": "array", "items": {"$ref": "#/$defs/value"}},
        },
        "additionalProperties": False,
        "allOf": level_rules,
        "$defs": {
            "i18n": _i18n("Text in Vietnamese (vi) and English (en)"),
            "i18n_maybe_empty": {
                "type": "object",
                "description": "Unit in Vietnamese and English; may be empty strings for unitless values",
                "required": ["vi", "en"],
                "properties": {"vi": {"type": "string"}, "en": {"type": "string"}},
                "additionalProperties": False,
            },
            "source": _source_def(),
            "value": value_item,
        },
    }


def catalogue_schema() -> dict:
    entry = {
        "type": "object",
        "required": ["id", "title", "url", "level", "group", "provenance", "period_type", "periods"],
        "properties": {
            "id": {"type": "string", "pattern": ID_PATTERN},
            "title": {"$ref": "#/$defs/i18n"},
            "url": {"type": "string", "minLength": 1, "description": "Relative to the catalogue's own URL, or absolute"},
            "level": {"enum": list(LEVELS)},
            "group": {"enum": list(GROUPS)},
            "provenance": {"enum": list(PROVENANCES)},
            "period_type": {"enum": list(PERIOD_TYPES)},
            "periods": _periods_def(),
        },
        "additionalProperties": False,
        "allOf": [
            {
                "if": {"properties": {"period_type": {"const": ptype}}, "required": ["period_type"]},
                "then": {"properties": {"periods": {"items": {"pattern": pattern}}}},
            }
            for ptype, pattern in PERIOD_PATTERNS.items()
        ],
    }
    return {
        "$schema": DRAFT,
        "$id": SCHEMA_BASE + "catalogue.schema.json",
        "title": "Hanoi ward dashboard catalogue (hanoi-wards/catalogue, version 1)",
        "description": "The list of datasets the app offers. Ids must be unique (checked by the app).",
        "type": "object",
        "required": ["format", "version", "title", "datasets"],
        "properties": {
            "format": {"const": CATALOGUE_FORMAT},
            "version": {"const": FORMAT_VERSION},
            "title": {"$ref": "#/$defs/i18n"},
            "datasets": {"type": "array", "items": entry},
        },
        "additionalProperties": False,
        "$defs": {"i18n": _i18n("Text in Vietnamese (vi) and English (en)")},
    }


def wards_schema() -> dict:
    text = {"type": "string", "minLength": 1}
    return {
        "$schema": DRAFT,
        "$id": SCHEMA_BASE + "wards.schema.json",
        "title": "Registry of the 175 pilot wards and their 13 district-level units (wards.json)",
        "description": (
            "Keyed by GSO codes as they stood in 2021. 'folded' is the name lowercased without "
            "diacritics (đ -> d), for search. Unknown keys are allowed and ignored."
        ),
        "type": "object",
        "required": ["districts", "wards"],
        "properties": {
            "$comment": {"type": "string"},
            "city": {
                "type": "object",
                "required": ["code", "name"],
                "properties": {"code": {"const": "01"}, "name": text, "full_name": text},
            },
            "districts": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["code", "name", "full_name", "folded"],
                    "properties": {
                        "code": {"type": "string", "pattern": "^[0-9]{3}$"},
                        "name": text,
                        "full_name": text,
                        "kind": {"type": "string"},
                        "folded": text,
                    },
                },
            },
            "wards": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["code", "name", "full_name", "district", "folded"],
                    "properties": {
                        "code": {"type": "string", "pattern": "^[0-9]{5}$"},
                        "name": text,
                        "full_name": text,
                        "kind": {"type": "string"},
                        "district": {"type": "string", "pattern": "^[0-9]{3}$"},
                        "folded": text,
                    },
                },
            },
        },
    }


def tiles_schema() -> dict:
    return {
        "$schema": DRAFT,
        "$id": SCHEMA_BASE + "tiles.schema.json",
        "title": "Hex tile layout of the 175 pilot wards (tiles.hexjson)",
        "description": (
            "HexJSON (odd-r offset coordinates): one hexagon per ward, keyed by the ward's GSO code. "
            "'placement' says how the tile was placed: from the ward's own centroid, from its successor "
            "unit's centroid, or next to its neighbours (listed in 'placed_from')."
        ),
        "type": "object",
        "required": ["layout", "hexes"],
        "properties": {
            "$comment": {"type": "string"},
            "layout": {"const": "odd-r"},
            "meta": {"type": "object"},
            "hexes": {
                "type": "object",
                "propertyNames": {"pattern": "^[0-9]{5}$"},
                "minProperties": 1,
                "additionalProperties": {
                    "type": "object",
                    "required": ["q", "r", "n", "district", "placement"],
                    "properties": {
                        "q": {"type": "integer"},
                        "r": {"type": "integer"},
                        "n": {"type": "string", "minLength": 1},
                        "district": {"type": "string", "pattern": "^[0-9]{3}$"},
                        "placement": {"enum": ["centroid", "successor", "neighbours"]},
                        "placed_from": {
                            "type": "array",
                            "minItems": 1,
                            "items": {"type": "string", "pattern": "^[0-9]{5}$"},
                        },
                    },
                    "if": {"properties": {"placement": {"enum": ["successor", "neighbours"]}}},
                    "then": {"required": ["placed_from"]},
                },
            },
        },
    }


SCHEMAS = {
    "schema/catalogue.schema.json": catalogue_schema,
    "schema/dataset.schema.json": dataset_schema,
    "schema/wards.schema.json": wards_schema,
    "schema/tiles.schema.json": tiles_schema,
}
