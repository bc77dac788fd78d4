"""Views people read at a glance: capital coordinates (data), the countries view's sizes, the explain page."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from kg.ontology.concepts import concepts

ROOT = Path(__file__).resolve().parents[1]


# ------------------------------------------------------------------------------------------- coordinates (data)

def test_capital_coordinates_of_a_handful():
    c = concepts("country")
    near = {"UA": (50.45, 30.52), "JP": (35.68, 139.69), "US": (38.9, -77.02), "FI": (60.17, 24.94),
            "ZA": (-25.75, 28.19), "EU": (50.85, 4.35), "UN": (40.71, -74.01)}
    for code, (lat, lon) in near.items():
        got = c[code].coordinates
        assert got is not None, code
        assert abs(got[0] - lat) < 0.2 and abs(got[1] - lon) < 0.2, (code, got)
    # west is a smaller longitude, north a larger latitude
    assert c["US"].coordinates[1] < c["UA"].coordinates[1] < c["JP"].coordinates[1]
    assert c["FI"].coordinates[0] > c["ZA"].coordinates[0]


def test_coordinates_say_where_they_came_from_and_the_ttl_is_built_from_them(tmp_path):
    import importlib.util

    data = json.loads((ROOT / "ontology/src/countries.json").read_text(encoding="utf-8"))
    with_coordinates = {code for code, e in data.items() if "coordinates" in e}
    assert len(with_coordinates) > 230
    for code in with_coordinates:
        where = data[code]["coordinates"]
        assert where["source"].startswith("github:") and where["of"], code
    assert {code for code, c in concepts("country").items() if c.coordinates} == with_coordinates
    spec = importlib.util.spec_from_file_location("build_countries", ROOT / "tools/build_countries.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    out = io.BytesIO()
    build.serialize(build.build_graph(build.load_source(ROOT / "ontology/src/countries.json"),
                                      build.load_links(build.DEFAULT_LINKS)), out)
    assert out.getvalue() == (ROOT / "ontology/countries.ttl").read_bytes()
    bad = {"XX": {**data["JP"], "coordinates": {"lat": 95, "lon": 0, "of": "x", "source": "y"}}}
    (tmp_path / "bad_countries.json").write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(ValueError, match="coordinates.lat"):
        build.load_source(tmp_path / "bad_countries.json")
