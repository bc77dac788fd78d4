"""Build ``ontology/src/country_links.json``: each code's Wikidata item and GeoNames feature, cross-checked.

The identifiers are facts taken from public data sets, never typed from memory.  Each is read from
local copies of independent sources (fetched by hand; nothing is downloaded here) and kept only when the
sources agree; a disagreement must be settled in :data:`DECISIONS` with the reason, or the build fails.

Sources (pass local copies; the commits used are recorded in the JSON's ``_sources``):

* ``--country-codes``: datasets/country-codes ``data/country-codes.csv`` (columns ``ISO3166-1-Alpha-2``,
  ``wikidata_id`` fetched from Wikidata by P297, ``Geoname ID`` from GeoNames' countryInfo.txt);
* ``--country-coder``: ideditor/country-coder ``src/data/borders.json`` (``iso1A2``, ``wikidata``; has EU, UN);
* ``--owid``: owid/owid-grapher ``CountriesRegions.ts`` (``iso_alpha2``, ``wikidata_uri``);
* ``--geonames``: a copy of GeoNames' ``countryInfo.txt`` (ISO in column 1, geonameid in column 17).

Usage::

    python tools/build_country_links.py --country-codes F --country-coder F --owid F --geonames F \\
        --source NAME=repo@commit:path ... [--out ontology/src/country_links.json]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Dict, List, Optional, Sequence

ROOT = Path(__file__).resolve().parent.parent
COUNTRIES = ROOT / "ontology" / "src" / "countries.json"
DEFAULT_OUT = ROOT / "ontology" / "src" / "country_links.json"
QID = re.compile(r"^Q[1-9][0-9]*$")
GEONAMES = re.compile(r"^[1-9][0-9]*$")

#: Where the sources disagree or are silent, the value kept and why.  ``None`` means "no such identifier".
DECISIONS: Dict[str, Dict[str, object]] = {
    "AQ": {"wikidata": "Q51", "why": "country-codes and country-coder give Q51 (Antarctica, the item with P297 AQ); "
           "owid gives Q21590062, the Antarctic Treaty area, a different item"},
    "DK": {"wikidata": "Q35", "why": "country-codes and owid give Q35 (Denmark, the item with P297 DK); country-coder "
           "gives Q756617, the Kingdom of Denmark (with Greenland and the Faroes), which has codes of its own"},
    "EH": {"wikidata": "Q6250", "why": "owid and country-coder give Q6250 (Western Sahara, the territory ISO codes EH); "
           "country-codes gives Q40362, the Sahrawi Arab Democratic Republic, which claims it"},
    "NA": {"why": "country-codes' CSV reads Namibia's code NA as a missing value, so one source fewer: owid and "
           "country-coder agree on Q1030, countryInfo.txt gives GeoNames 3355338"},
    "EU": {"wikidata": "Q458", "geonames": "6695072",
           "why": "Q458 from country-coder and confirmordeny/supraverden; GeoNames 6695072 is the European Union "
           "feature used as dct:spatial in DCAT-AP examples (GeoNames has no feature in countryInfo.txt for it)"},
    "NATO": {"wikidata": "Q7184", "geonames": None,
             "why": "Q7184 from confirmordeny/supraverden and SpocWiki/_Standards (has_id_wikidata); an alliance "
             "has no territory, so no GeoNames feature"},
    "UN": {"wikidata": "Q1065", "geonames": None,
           "why": "Q1065 from country-coder and confirmordeny/supraverden; no territory, so no GeoNames feature"},
}


def read_country_codes(path: Path) -> tuple[Dict[str, str], Dict[str, str]]:
    qids, geonames = {}, {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code = row["ISO3166-1-Alpha-2"].strip()
            if not code:
                continue
            if row.get("wikidata_id"):
                qids[code] = row["wikidata_id"].strip().rsplit("/", 1)[-1]
            if row.get("Geoname ID"):
                geonames[code] = row["Geoname ID"].strip()
    return qids, geonames


def read_country_coder(path: Path) -> Dict[str, str]:
    found = {}
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        props = feature["properties"]
        if props.get("iso1A2") and props.get("wikidata"):
            found[props["iso1A2"]] = props["wikidata"]
    return found


def read_owid(path: Path) -> Dict[str, str]:
    text = path.read_text(encoding="utf-8")
    table = text.split("`")[1]  # the CSV is the file's one template literal
    found = {}
    for row in csv.DictReader(io.StringIO(table.strip())):
        if row["iso_alpha2"] and row["wikidata_uri"]:
            found[row["iso_alpha2"]] = row["wikidata_uri"].rsplit("/", 1)[-1]
    return found


def read_geonames(path: Path) -> Dict[str, str]:
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        found[fields[0]] = fields[16]
    return found


def agree(code: str, field: str, votes: Dict[str, Optional[str]], errors: List[str]) -> Optional[str]:
    decision = DECISIONS.get(code, {})
    if field in decision:
        return decision[field]  # type: ignore[return-value]
    values = Counter(v for v in votes.values() if v)
    if len(values) != 1:
        errors.append(f"{code} {field}: sources disagree or are silent: {votes}")
        return None
    value = next(iter(values))
    if sum(1 for v in votes.values() if v) < 2 and code not in DECISIONS:
        errors.append(f"{code} {field}: only one source: {votes}")
    return value


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--country-codes", type=Path, required=True)
    parser.add_argument("--country-coder", type=Path, required=True)
    parser.add_argument("--owid", type=Path, required=True)
    parser.add_argument("--geonames", type=Path, required=True)
    parser.add_argument("--source", action="append", default=[], help="NAME=repository@commit:path, recorded")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)

    codes = sorted(json.loads(COUNTRIES.read_text(encoding="utf-8")))
    cc_q, cc_g = read_country_codes(args.country_codes)
    coder, owid, gn = read_country_coder(args.country_coder), read_owid(args.owid), read_geonames(args.geonames)
    errors: List[str] = []
    links: Dict[str, object] = {
        "_sources": dict(s.split("=", 1) for s in args.source),
        "_decisions": {code: d["why"] for code, d in sorted(DECISIONS.items())},
    }
    for code in codes:
        qid = agree(code, "wikidata", {"country-codes": cc_q.get(code), "country-coder": coder.get(code),
                                       "owid": owid.get(code)}, errors)
        geo = agree(code, "geonames", {"country-codes": cc_g.get(code), "geonames": gn.get(code)}, errors)
        if qid is None or not QID.match(qid):
            errors.append(f"{code}: no well-formed Wikidata id ({qid!r})")
        if geo is not None and not GEONAMES.match(geo):
            errors.append(f"{code}: malformed GeoNames id {geo!r}")
        links[code] = {"wikidata": qid, "geonames": geo}
    for field in ("wikidata", "geonames"):
        seen = Counter(v[field] for k, v in links.items() if not k.startswith("_") and v[field])  # type: ignore[index]
        errors += [f"{field} {value} given to {n} codes" for value, n in seen.items() if n > 1]
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    # One line per code: a change to one identifier is a one-line diff.
    lines = [f" {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in links.items()]
    args.out.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(codes)} codes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
