"""Writes the bad-input corpus of tests/bad_inputs/ and its MANIFEST.json (run it again after changing it).

    python tests/bad_inputs/make_corpus.py

Every file is small (at most 10 KB); the corpus is checked by tests/test_robustness.py with the limits in
``MANIFEST["args"]``. Not collected by pytest (guarded by ``__main__``).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARGS = ["--max-bytes", "8192", "--max-line", "4000"]

UK = ("Президент України Володимир Зеленський зустрівся з прем’єр-міністеркою Японії Санае Такаїчі у Токіо.\n"
      "Сторони обговорили оборонну співпрацю та енергетику.\n")
UK_PLAIN = UK.replace("’", "'")  # KOI8-U has no typographic apostrophe
EN = ("Prime Minister of Japan Sanae Takaichi met President of Ukraine Volodymyr Zelensky in Tokyo.\n"
      "Japan and Ukraine signed a defence agreement.\n")
ZELENSKY = ["Володимир Зеленський", "president", "UA"]
TAKAICHI = ["Санае Такаїчі", "prime_minister", "JP"]


def rejected(code: str, why: str) -> dict[str, object]:
    return {"outcome": "rejected", "code": code, "why": why}


def ingested(why: str, *, lang: str, contains: list[str], absent: list[str] = [],  # noqa: B006 - read only
             roles: list[list[str]] = []) -> dict[str, object]:  # noqa: B006
    return {"outcome": "ingested", "why": why, "lang": lang, "contains": contains, "absent": absent, "roles": roles}


def corpus() -> dict[str, tuple[bytes, dict[str, object]]]:
    rnd = random.Random(7)
    files: dict[str, tuple[bytes, dict[str, object]]] = {}

    def add(name: str, data: bytes | str, expect: dict[str, object]) -> None:
        files[name] = (data.encode("utf-8") if isinstance(data, str) else data, expect)

    # -- rejected -------------------------------------------------------------------------------------------
    add("empty.txt", b"", rejected("E002", "empty file"))
    add("whitespace.txt", " \t\n\r\n  \f\n\u00a0\u2003\u200b\n", rejected("E002", "only whitespace and invisibles"))
    add("bom_only.md", b"\xef\xbb\xbf", rejected("E002", "a UTF-8 BOM and nothing else"))
    add("utf16_bom_only.txt", b"\xff\xfe \x00\n\x00", rejected("E002", "a UTF-16 BOM and whitespace"))
    add("png_named_txt.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rnd.randrange(256) for _ in range(600)),
        rejected("E003", "PNG bytes in a .txt file"))
    add("random_bytes.md", bytes(rnd.randrange(256) for _ in range(2000)), rejected("E003", "random bytes"))
    add("nul_in_text.txt", b"Japan and Ukraine\x00 signed\x00 a deal.", rejected("E003", "NUL bytes in text"))
    add("utf16_no_bom.txt", UK.encode("utf-16-le"), rejected("E003", "UTF-16 without a BOM is not told from binary"))
    add("control_chars.txt", bytes(range(1, 32)) * 20, rejected("E003", "control characters only (valid UTF-8)"))
    add("utf8_broken.txt", UK.encode("utf-8")[:40] + b"\xff\xfe\xc0" + UK.encode("utf-8")[40:],
        rejected("E004", "invalid UTF-8 that no Cyrillic code page explains either"))
    add("document.pdf", b"%PDF-1.4\n1 0 obj << >> endobj\n", rejected("E005", "unsupported type, named explicitly"))
    add("archive.zip", b"PK\x03\x04" + bytes(60), rejected("E005", "unsupported type, named explicitly"))
    add("big.txt", "Японія та Україна підписали угоду.\n" * 160, rejected("E008", "larger than --max-bytes 8192"))
    add("long_line.txt", "Japan " * 700 + "\nand Ukraine.\n", rejected("E009", "a line over --max-line 4000"))
    add("russian.txt", "Президент России встретился с премьер-министром Японии. Это было в субботу, ещё ёлка, "
        "объявили о сотрудничестве в области энергетики и обороны; мы это обсудим.\n",
        rejected("E010", "Russian: language not supported"))
    add("french.txt", "Le président de la République a reçu mardi à Paris le chancelier allemand pour parler de la "
        "défense européenne et de l'aide à l'Ukraine.\n", rejected("E010", "French: another language, named"))
    add("chinese.txt", "中国外交部长周二在北京会见了日本外务大臣，双方讨论了经济合作和地区安全问题。\n",
        rejected("E010", "Chinese: another language, named"))
    add("repeated_letter.txt", b"D" * 3000, rejected("E024", "one letter repeated: no word of any language"))
    add("repeated_0x82.txt", b"\x82" * 3000, rejected("E024", "one cp1251 byte repeated (read as a quotation mark)"))
    add("equals_run.md", "=" * 3900 + "\n", rejected("E024", "a separator line and nothing else"))
    add("bad_date.txt", EN, rejected("E017", "its .meta.json has a date that is not ISO 8601"))
    add("bad_date.meta.json", json.dumps({"date": "last Tuesday"}), {"outcome": "sidecar", "why": "metadata of bad_date.txt"})
    add("deep_meta.txt", EN.replace("Tokyo", "Kyoto"), rejected("E017", "its .meta.json nests too deep to parse"))
    add("deep_meta.meta.json", "[" * 3000 + "]" * 3000, {"outcome": "sidecar", "why": "metadata of deep_meta.txt"})
    add("not_a_feed.xml", "<?xml version='1.0'?><catalog><book>Ukraine</book></catalog>\n",
        rejected("E018", "XML that is not RSS or Atom"))
    add("script_only.html", "<html><head><script>alert('Україна')</script><style>p{}</style></head>"
        "<body><script>document.write('Україна')</script></body></html>\n", rejected("E002", "HTML with no article text"))

    # -- a JSONL file: good lines ingested, bad lines rejected with their numbers -----------------------------
    lines = [
        json.dumps({"text": "Японія та Україна підписали угоду про оборонну співпрацю.", "date": "2026-01-05"},
                   ensure_ascii=False),                                                  # 1 ok
        "{not json",                                                                      # 2 E006
        "[1, 2, 3]",                                                                      # 3 E006 not an object
        json.dumps({"title": "no text here"}),                                            # 4 E007
        json.dumps({"text": 42}),                                                         # 5 E007
        json.dumps({"text": "   \u200b "}),                                               # 6 E002 empty once normalised
        "",                                                                               # 7 blank: skipped
        '{"text": ' + "[" * 1200 + "]" * 1200 + "}",                                      # 8 E006 too deep
        json.dumps({"text": EN, "lang": "fr"}),                                           # 9 E010
        json.dumps({"text": EN.replace("Tokyo", "Osaka"), "date": "2026-13-45"}),         # 10 E017
        json.dumps({"text": "x" * 4100}),                                                 # 11 E009
        json.dumps({"text": EN.replace("Tokyo", "Nagoya"), "lang": "en"}),                # 12 ok
    ]
    add("mixed.jsonl", "\n".join(lines) + "\n", {
        "outcome": "partial", "why": "good lines ingested; bad ones rejected with their line numbers",
        "ingested": 2, "rejections": [["E006", 2], ["E006", 3], ["E007", 4], ["E007", 5], ["E002", 6], ["E006", 8],
                                      ["E010", 9], ["E017", 10], ["E009", 11]]})

    # -- decoded and ingested ---------------------------------------------------------------------------------
    facts = [ZELENSKY, TAKAICHI]
    add("uk_utf8.txt", UK, ingested("plain UTF-8 (control)", lang="uk", contains=["Зеленський"], roles=facts))
    add("uk_utf8_bom.txt", b"\xef\xbb\xbf" + UK.replace("Токіо", "Осаці").encode("utf-8"),
        ingested("UTF-8 with BOM", lang="uk", contains=["Зеленський", "Осаці"], absent=["\ufeff"], roles=facts))
    add("uk_cp1251.txt", UK.replace("Токіо", "Кіото").encode("cp1251"),
        ingested("Windows-1251", lang="uk", contains=["прем’єр-міністеркою", "Кіото"], roles=facts))
    add("uk_koi8u.txt", UK_PLAIN.replace("Токіо", "Нагої").encode("koi8-u"),
        ingested("KOI8-U", lang="uk", contains=["Зеленський", "Нагої", "співпрацю"], roles=facts))
    add("uk_koi8u_short.txt", "Київ, Їжак і Ґанок.\nЄ.\n".encode("koi8-u"),
        ingested("KOI8-U, short enough to fool the detector", lang="uk", contains=["Київ, Їжак і Ґанок."]))
    add("uk_utf16le_bom.txt", b"\xff\xfe" + UK.replace("Токіо", "Сеулі").encode("utf-16-le"),
        ingested("UTF-16 LE with BOM", lang="uk", contains=["Зеленський", "Сеулі"], roles=facts))
    add("uk_utf16be_bom.txt", b"\xfe\xff" + UK.replace("Токіо", "Пусані").encode("utf-16-be"),
        ingested("UTF-16 BE with BOM", lang="uk", contains=["Зеленський", "Пусані"], roles=facts))
    add("mixed_newlines.txt", "Заголовок про візит\r\n\r\n" + UK.replace("\n", "\r", 1).replace("Токіо", "Саппоро")
        + "Третій рядок.\u2028Четвертий.\n", ingested("CRLF, CR, LF and U+2028 in one file", lang="uk",
                                                     contains=["Саппоро", "Третій рядок.\nЧетвертий."],
                                                     absent=["\r", "\u2028"], roles=facts))
    add("page.html", "<!DOCTYPE html><html><head><title>Візит до Японії</title>\n<script>var x = 'ШКІДЛИВИЙ';"
        "alert(x)</script>\n<style>body { color: red } .ГЛАВНОЕ {}</style></head><body>\n"
        "<nav><a href='/'>Головна</a> <a href='/news'>НАВІГАЦІЯ</a></nav>\n<article><h1>Візит до Японії</h1>\n<p>"
        + UK.replace("\n", "</p>\n<p>").replace("Токіо", "Хіросімі") + "Делегації обговорили також відбудову "
        "енергетичної інфраструктури та гуманітарне розмінування.</p>\n</article>\n"
        "<footer>© ФУТЕР 2026</footer><script>document.write('<img src=x onerror=alert(1)>')</script></body></html>\n",
        ingested("HTML: only the article text, no scripts, styles, navigation", lang="uk",
                 contains=["Зеленський", "Хіросімі"], absent=["ШКІДЛИВИЙ", "alert", "color", "НАВІГАЦІЯ", "onerror"],
                 roles=facts))
    add("zero_width.txt", UK.replace("Зеленський", "Зелен\u200bськ\u200dий").replace("Японії", "Япо\u00adнії")
        .replace("Токіо", "Кобе\u2060"), ingested("zero-width characters and soft hyphens inside words", lang="uk",
                                                  contains=["Зеленський", "Японії", "Кобе"],
                                                  absent=["\u200b", "\u200d", "\u00ad", "\u2060"], roles=facts))
    add("rtl_marks.txt", "\u202b" + UK.replace("Володимир", "\u200fВолодимир\u200e").replace("Токіо", "Токіо\u202e,\u202c")
        .replace("Сторони", "\u2067Сторони\u2069"), ingested("right-to-left marks and bidi overrides", lang="uk",
                                                             contains=["Володимир Зеленський"],
                                                             absent=["\u200f", "\u202e", "\u202b", "\u2067"], roles=facts))
    add("combining.txt", UK.replace("Зеленський", "Зеленськии\u0306")
        .replace("Такаїчі", "Така\u0456\u0308чі").replace("Токіо", "Оса\u0301ці"),
        ingested("decomposed й and ї, a combining accent", lang="uk", contains=["Зеленський", "Такаїчі", "Оса\u0301ці"],
                 absent=["и\u0306", "\u0456\u0308"], roles=facts))
    add("homoglyphs.txt", UK.replace("прем’єр-міністеркою", "прем’єр-мiнiстеркою").replace("Японії", "Японiї")
        .replace("Токіо", "Хоккайдo"), ingested("Latin i, o inside Cyrillic words", lang="uk",
                                               contains=["прем’єр-міністеркою", "Японії", "Хоккайдо"],
                                            absent=["мiн", "Японi"], roles=facts))
    add("emoji.txt", "🇺🇦🤝🇯🇵 " + UK.replace("Токіо", "Токіо 🗾").replace("енергетику", "енергетику 💡⚡️👩🏽‍💻"),
        ingested("emoji, flags, skin tones and ZWJ sequences", lang="uk", contains=["🇺🇦🤝🇯🇵", "💡⚡️"],
                 roles=facts))
    add("quotes_and_markup.txt", EN + 'Officials quoted "the <b>Iron</b> Lady" \\ """triple""" & <script>alert(1)'
        "</script> <img src=x onerror=alert(1)> javascript:alert(1).\n",
        ingested("quotes, backslashes, triple quotes and markup in the text", lang="en",
                 contains=['"the <b>Iron</b> Lady" \\ """triple"""', "<script>alert(1)</script>"],
                 roles=[["Sanae Takaichi", "prime_minister", "JP"], ["Volodymyr Zelensky", "president", "UA"]]))
    add("feed.rss", "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Стрічка</title>"
        "<language>uk</language><item><title>Візит</title><link>https://example.org/a</link>"
        "<pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate><description>" + UK.replace("Токіо", "Нарі")
        + "</description></item></channel></rss>\n",
        ingested("an RSS feed with one item (control for not_a_feed.xml)", lang="uk", contains=["Нарі"], roles=facts))
    return files


def main() -> None:
    files = corpus()
    manifest: dict[str, object] = {
        "about": "Bad and hostile inputs for `kg ingest`; generated by make_corpus.py, checked by "
                 "tests/test_robustness.py. outcome: rejected (one line starting with code, non-zero exit, store "
                 "unchanged), ingested (decoded: lang, contains/absent in the article text, roles found), partial "
                 "(JSONL: ingested count and [code, line] rejections), sidecar (read with its article).",
        "args": ARGS,
        "files": {},
    }
    for old in HERE.iterdir():
        if old.name not in ("make_corpus.py", "__pycache__"):
            old.unlink()
    for name, (data, expect) in sorted(files.items()):
        (HERE / name).write_bytes(data)
        manifest["files"][name] = expect  # type: ignore[index]
    (HERE / "MANIFEST.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
