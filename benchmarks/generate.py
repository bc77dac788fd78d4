"""Generate realistic synthetic news articles (Ukrainian and English mixed, ~400 words each) for benchmarks.

    python benchmarks/generate.py OUT [--n 10000] [--format txt|jsonl] [--seed 1] [--words 400] [--uk 0.5]

Sentences are built from templates over the ontology's countries (names, demonyms, capitals; Ukrainian forms
inflected with pymorphy3), its roles and topics, and plausible person names; filler sentences without entities
bring each article to about ``--words`` words. ``txt`` writes ``OUT/NNNNN.txt`` with a ``.meta.json`` beside
(date, source, url, lang), ``jsonl`` writes one ``OUT`` file with one JSON object per line.
Generated data is not committed: write it under /tmp.

From Python: ``articles(n, seed=1)`` yields dicts (``text``, ``lang``, ``title``, ``date``, ``source``, ``url``).
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import sys
from pathlib import Path
from typing import Iterator

# Countries that appear in diplomatic news; their labels come from the ontology.
CODES = ["UA", "PL", "JP", "DE", "FR", "GB", "US", "CA", "IT", "ES", "NL", "BE", "SE", "FI", "NO", "DK", "EE", "LV",
         "LT", "CZ", "SK", "HU", "RO", "BG", "MD", "GE", "TR", "CN", "IN", "KR", "AU", "BR", "AT", "IE", "PT", "GR",
         "HR", "SI", "IL", "EG", "SA", "KZ", "AZ", "AM", "RU", "BY"]
ROLES_EN = {"president": "President", "prime_minister": "Prime Minister", "foreign_minister": "Foreign Minister",
            "defence_minister": "Defence Minister", "ambassador": "Ambassador"}
# Ukrainian role forms: nominative, instrumental.
ROLES_UK = {"president": ("Президент", "президентом"), "prime_minister": ("Прем’єр-міністр", "прем’єр-міністром"),
            "foreign_minister": ("Міністр закордонних справ", "міністром закордонних справ"),
            "defence_minister": ("Міністр оборони", "міністром оборони"), "ambassador": ("Посол", "послом")}
TOPICS_EN = {"defence": "air defence", "energy": "energy security", "economy": "trade", "humanitarian": "humanitarian aid",
             "cyber": "cyber security", "infrastructure": "reconstruction of infrastructure", "sanctions": "sanctions"}
TOPICS_UK = {"defence": "оборонної співпраці", "energy": "енергетичної безпеки", "economy": "торгівлі",
             "humanitarian": "гуманітарної допомоги", "cyber": "кібербезпеки", "infrastructure": "відновлення інфраструктури",
             "sanctions": "санкцій"}
FIRST = [("Olena", "Олена"), ("Andriy", "Андрій"), ("Maria", "Марія"), ("Thomas", "Томас"), ("Anna", "Анна"),
         ("Jan", "Ян"), ("Sophie", "Софі"), ("Marco", "Марко"), ("Elena", "Елена"), ("Peter", "Петер"),
         ("Lukas", "Лукас"), ("Ingrid", "Інгрід"), ("Tomas", "Томас"), ("Laura", "Лаура"), ("Viktor", "Віктор"),
         ("Karin", "Карін"), ("Daniel", "Даніель"), ("Hanna", "Ганна"), ("Oskar", "Оскар"), ("Irena", "Ірена")]
LAST = [("Kowalczyk", "Ковальчик"), ("Hartmann", "Гартманн"), ("Moreau", "Моро"), ("Lindqvist", "Ліндквіст"),
        ("Novak", "Новак"), ("Bianchi", "Б’янкі"), ("Horvath", "Горват"), ("Tanaka", "Танака"), ("Jensen", "Єнсен"),
        ("Petrov", "Петров"), ("Varga", "Варга"), ("Kovalenko", "Коваленко"), ("Marchetti", "Маркетті"),
        ("Schneider", "Шнайдер"), ("Dubois", "Дюбуа"), ("Nowak", "Новак"), ("Sato", "Сато"), ("Berg", "Берг"),
        ("Popescu", "Попеску"), ("Kim", "Кім"), ("Walsh", "Волш"), ("Rossi", "Россі"), ("Tamm", "Тамм")]
SOURCES = ["Eastern Europe Wire", "Kyiv Daily", "Baltic Monitor", "Укрінформ Синтетичний", "Дипломатичний вісник"]

FILLER_EN = [
    "Officials said the talks lasted more than two hours and covered a wide range of questions.",
    "The meeting took place against the background of continued attacks on cities and energy facilities.",
    "Analysts noted that the statement was the most detailed one published by the two governments this year.",
    "According to the ministry, the working groups will meet again before the end of the quarter.",
    "Journalists were not allowed into the room, but a short video of the handshake was released later.",
    "The delegation also visited a hospital and a school that had been damaged during the winter.",
    "Several experts warned that the timetable was ambitious and that funding had not yet been secured.",
    "The parliament is expected to debate the package next month, after the committees have reviewed it.",
    "Local media reported that the visit had been prepared for several weeks in strict secrecy.",
    "The press service published photographs of the signing ceremony on its website in the evening.",
    "Business associations welcomed the decision and said that companies were ready to invest.",
    "The next round of consultations is planned for the spring, the spokesperson added.",
]
FILLER_UK = [
    "Переговори тривали понад дві години і стосувалися широкого кола питань, повідомили посадовці.",
    "Зустріч відбулася на тлі продовження атак на міста та об’єкти енергетики.",
    "Аналітики звернули увагу, що це найдетальніша заява двох урядів цього року.",
    "За даними відомства, робочі групи знову зберуться до кінця кварталу.",
    "Журналістів до зали не пустили, але згодом оприлюднили коротке відео рукостискання.",
    "Делегація також відвідала лікарню та школу, пошкоджені взимку.",
    "Кілька експертів застерегли, що графік амбітний, а фінансування ще не забезпечене.",
    "Парламент планує розглянути пакет наступного місяця, після того як його опрацюють комітети.",
    "Місцеві медіа повідомили, що візит готували кілька тижнів у суворій таємниці.",
    "Пресслужба ввечері оприлюднила на своєму сайті фотографії церемонії підписання.",
    "Бізнес-асоціації привітали рішення і заявили, що компанії готові інвестувати.",
    "Наступний раунд консультацій заплановано на весну, додали у пресслужбі.",
]


@functools.cache
def countries() -> list[dict[str, str]]:
    """The ontology's labels of CODES: English name, demonym, capital; Ukrainian nominative, genitive, instrumental."""
    import pymorphy3

    from kg.ontology.concepts import concepts

    morph = pymorphy3.MorphAnalyzer(lang="uk")
    found = []
    for code in CODES:
        c = concepts("country").get(code)
        if c is None:
            continue
        name_en, name_uk = c.pref("en"), c.pref("uk")
        demonym = (c.labels("en", ("demonym",)) or [None])[0]
        capital = (c.labels("en", ("capital",)) or [None])[-1]
        capital_uk = (c.labels("uk", ("capital",)) or [None])[0]
        parses = [p for p in morph.parse(name_uk) if "NOUN" in p.tag and "nomn" in p.tag]
        if not (demonym and capital and capital_uk and parses) or " " in name_uk:
            continue
        gen, ins = parses[0].inflect({"gent"}), parses[0].inflect({"ablt"})
        if gen is None or ins is None:
            continue
        cap = lambda w: w[:1].upper() + w[1:]  # noqa: E731
        found.append({"code": code, "en": name_en, "demonym": demonym, "capital": capital, "capital_uk": capital_uk,
                      "nom": name_uk, "gen": cap(gen.word), "ins": cap(ins.word)})
    return found


def _person(rng: random.Random) -> tuple[str, str]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    return f"{first[0]} {last[0]}", f"{first[1]} {last[1]}"


def _sentences_en(rng: random.Random, a: dict[str, str], b: dict[str, str], pa: str, pb: str, ra: str, rb: str,
                  topic: str) -> list[str]:
    t = TOPICS_EN[topic]
    return [
        f"{a['demonym']} {ROLES_EN[ra]} {pa} met {b['demonym']} {ROLES_EN[rb]} {pb} in {b['capital']} on {rng.choice(['Monday', 'Tuesday', 'Thursday'])}.",
        f"{a['en']} and {b['en']} signed an agreement on cooperation in {t}, the two governments said.",
        f"{pa} said that {a['en']} would continue to support {b['en']} and would expand joint projects in {t}.",
        rng.choice([f"{b['en']} and {a['en']} plan to sign a new memorandum on {t} later this year.",
                    f"{a['en']} accused Russia of attacks on civilian infrastructure, {pa} told reporters.",
                    f"{pb} thanked {a['en']} for its help and invited {pa} to visit {b['capital']} again."]),
    ]


def _sentences_uk(rng: random.Random, a: dict[str, str], b: dict[str, str], pa: str, pb: str, ra: str, rb: str,
                  topic: str) -> list[str]:
    t = TOPICS_UK[topic]
    return [
        f"{ROLES_UK[ra][0]} {a['gen']} {pa} провів зустріч із {ROLES_UK[rb][1]} {b['gen']} у місті {b['capital_uk']}.",
        f"{a['nom']} та {b['nom']} підписали угоду про співпрацю у сфері {t}, повідомили обидва уряди.",
        f"{pa} заявив, що {a['nom']} й надалі підтримуватиме {b['gen']} у сфері {t}.",
        rng.choice([f"{b['nom']} і {a['nom']} планують підписати новий меморандум щодо {t} до кінця року.",
                    f"{ROLES_UK[rb][0]} {b['gen']} {pb} подякував за допомогу і запросив колег до співпраці.",
                    f"{a['nom']} засудила російські удари по цивільній інфраструктурі, наголосив {pa}."]),
    ]


def article(i: int, rng: random.Random, words: int = 400, uk_share: float = 0.5) -> dict[str, str]:
    """One article as a dict: ``text`` (title line, blank line, paragraphs), ``lang``, ``title``, ``date``, ..."""
    lang = "uk" if rng.random() < uk_share else "en"
    pool = countries()
    body: list[str] = []
    n_words = 0
    title = ""
    while n_words < words - 60:
        a, b = rng.sample(pool, 2)
        (pa_en, pa_uk), (pb_en, pb_uk) = _person(rng), _person(rng)
        ra, rb = rng.choice(list(ROLES_EN)), rng.choice(list(ROLES_EN))
        topic = rng.choice(list(TOPICS_EN))
        if lang == "en":
            facts = _sentences_en(rng, a, b, pa_en, pb_en, ra, rb, topic)
            filler = FILLER_EN
            title = title or f"{a['en']} and {b['en']} agree to deepen cooperation on {TOPICS_EN[topic]}"
        else:
            facts = _sentences_uk(rng, a, b, pa_uk, pb_uk, ra, rb, topic)
            filler = FILLER_UK
            title = title or f"{a['nom']} та {b['nom']} поглиблюють співпрацю у сфері {TOPICS_UK[topic]}"
        paragraph = facts[:2] + rng.sample(filler, 2) + facts[2:] + rng.sample(filler, 2)
        body.append(" ".join(paragraph))
        n_words += sum(len(s.split()) for s in paragraph)
    # A unique dateline keeps every article's content hash distinct.
    dateline = f"{'Матеріал' if lang == 'uk' else 'Report'} {i:07d}."
    text = title + "\n\n" + dateline + " " + "\n\n".join(body)
    month, day = 1 + i % 12, 1 + i % 28
    return {"text": text, "lang": lang, "title": title, "date": f"2026-{month:02d}-{day:02d}",
            "source": rng.choice(SOURCES), "url": f"https://example.org/synthetic/{i}"}


def articles(n: int, seed: int = 1, words: int = 400, uk_share: float = 0.5, start: int = 0) -> Iterator[dict[str, str]]:
    """``n`` articles, reproducible from ``seed``."""
    rng = random.Random(seed)
    for i in range(start, start + n):
        yield article(i, rng, words, uk_share)


def write(out: Path, n: int, fmt: str = "txt", seed: int = 1, words: int = 400, uk_share: float = 0.5) -> Path:
    """Write ``n`` articles to ``out`` (a folder of .txt + .meta.json, or one .jsonl file)."""
    if fmt == "jsonl":
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as f:
            for record in articles(n, seed, words, uk_share):
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
        return out
    out.mkdir(parents=True, exist_ok=True)
    for i, record in enumerate(articles(n, seed, words, uk_share)):
        (out / f"{i:07d}.txt").write_text(record["text"], encoding="utf-8")
        meta = {k: v for k, v in record.items() if k != "text"}
        (out / f"{i:07d}.meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--format", choices=["txt", "jsonl"], default="txt")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--words", type=int, default=400)
    parser.add_argument("--uk", type=float, default=0.5, help="share of Ukrainian articles")
    args = parser.parse_args(argv)
    path = write(args.out, args.n, args.format, args.seed, args.words, args.uk)
    print(f"wrote {args.n} articles to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
