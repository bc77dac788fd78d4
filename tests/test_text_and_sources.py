from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.io.articles import detect_lang, make_article
from kg.errors import KGError
from kg.io.sources import Article, Limits, Rejection, read_paths
from kg.io.text import content_hash, lookup_key, normalise_text

UK = "Президент України Володимир Зеленський зустрівся з прем’єр-міністеркою Японії."


def test_apostrophes_fold_for_lookup_only() -> None:
    assert lookup_key("прем’єр") == lookup_key("премʼєр") == lookup_key("прем'єр") == "прем'єр"
    assert "’" in normalise_text("прем’єр")  # the article text keeps its typography


def test_invisible_characters_and_homoglyphs() -> None:
    assert normalise_text("Укра\u200bїна\u202e") == "Україна"
    assert normalise_text("Укрaїна") == "Україна"  # Latin "a" inside a Cyrillic word
    assert content_hash("Україна ") == content_hash("Україна")


def test_detect_lang() -> None:
    assert detect_lang(UK) == "uk"
    assert detect_lang("Japan and Ukraine signed a defence pact.") == "en"
    with pytest.raises(KGError, match="E010"):
        detect_lang("Президент России встретился с премьер-министром Японии, это было в субботу и ещё ёлка.")


def _read(tmp_path: Path, name: str, data: bytes) -> list[Article | Rejection]:
    path = tmp_path / name
    path.write_bytes(data)
    return list(read_paths([path]))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1251", "koi8-u"])
def test_ukrainian_encodings_decode(tmp_path: Path, encoding: str) -> None:
    text = UK.replace("’", "'") + "\nДругий рядок про співпрацю між країнами, оборону та енергетику."
    [item] = _read(tmp_path, "a.txt", text.encode(encoding))
    assert isinstance(item, Article), item
    assert "Зеленський" in item.text and item.lang == "uk"


@pytest.mark.parametrize(("name", "data", "code"), [
    ("empty.txt", b"", "E002"),
    ("blank.txt", b"  \n\t\n", "E002"),
    ("binary.txt", bytes(range(256)) * 4, "E003"),
    ("photo.png", b"\x89PNG\r\n", "E005"),
])
def test_bad_files_are_rejected_with_one_line(tmp_path: Path, name: str, data: bytes, code: str) -> None:
    [item] = _read(tmp_path, name, data)
    assert isinstance(item, Rejection)
    assert item.message.startswith(code) and "\n" not in item.message


def test_size_and_line_limits(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("слово " * 1000, encoding="utf-8")
    [item] = list(read_paths([path], Limits(max_bytes=100)))
    assert isinstance(item, Rejection) and item.message.startswith("E008")
    [item] = list(read_paths([path], Limits(max_line=50)))
    assert isinstance(item, Rejection) and item.message.startswith("E009")


def test_jsonl_reports_bad_lines_with_numbers(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    lines = [json.dumps({"text": UK, "date": "2026-01-02", "title": "T"}), "{not json", json.dumps({"title": "x"}),
             json.dumps({"text": "Japan and Ukraine signed a deal.", "lang": "en"})]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(read_paths([path]))
    assert [type(i).__name__ for i in items] == ["Article", "Rejection", "Rejection", "Article"]
    assert items[1].message.startswith("E006") and ":2:" in items[1].message  # type: ignore[union-attr]
    assert items[2].message.startswith("E007") and ":3" in items[2].message  # type: ignore[union-attr]
    assert items[0].date == "2026-01-02"  # type: ignore[union-attr]


def test_html_main_text_only(tmp_path: Path) -> None:
    html = ("<html><head><title>Візит</title><script>alert(1)</script><style>p{}</style></head><body>"
            "<nav>Меню Новини Спорт</nav><article><h1>Візит</h1><p>" + UK + "</p><p>"
            + "Сторони обговорили оборонну співпрацю та енергетику. " * 5 + "</p></article></body></html>")
    [item] = _read(tmp_path, "a.html", html.encode())
    assert isinstance(item, Article)
    assert "Зеленський" in item.text and "alert" not in item.text


def test_sidecar_metadata(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Заголовок\n\n" + UK, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"date": "2026-02-20", "source": "Главком"}), encoding="utf-8")
    [item] = list(read_paths([tmp_path]))
    assert isinstance(item, Article)
    assert (item.title, item.date, item.source) == ("Заголовок", "2026-02-20", "Главком")


def test_make_article_rejects_empty() -> None:
    with pytest.raises(KGError, match="E002"):
        make_article("\u200b  ")
