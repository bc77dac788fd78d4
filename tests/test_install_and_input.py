"""Installed as users install it, other languages refused, tables that fit, input that cannot stall extraction."""

from __future__ import annotations

import os
import re
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import KGError
from kg.io.articles import make_article
from kg.io.language import identify
from kg.io.text import normalise_text

from conftest import EVALUATION, ROOT, SEEDS

runner = CliRunner()


# -- the wheel ------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def wheel_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment with kg installed from its built wheel (no checkout on its path).

    The dependencies are taken from this environment's site-packages through a path file, so no network is
    needed; kg itself comes only from the wheel (an editable install's finder is not loaded that way).
    """
    work = tmp_path_factory.mktemp("wheel")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                            "-w", str(work / "dist"), str(ROOT)], capture_output=True, text=True)
    if built.returncode:
        pytest.fail("wheel build failed: " + built.stderr[-2000:])
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    deps = {sysconfig.get_paths()["purelib"], *site.getsitepackages()}
    (Path(purelib) / "kg_test_dependencies.pth").write_text("\n".join(sorted(deps)) + "\n")
    wheel = next((work / "dist").glob("kg-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q",
                    str(wheel)], check=True, capture_output=True)
    return venv


def test_the_wheel_runs_the_demo_outside_the_checkout(wheel_venv: Path, tmp_path: Path) -> None:
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "KG_STORE")}
    where = subprocess.run([str(wheel_venv / "bin" / "python"), "-c", "import kg, kg.resources as r; "
                            "print(kg.__file__); print(r.data_dir('seeds')); print(r.data_dir('ontology'))"],
                           cwd=empty, env=env, capture_output=True, text=True, check=True).stdout.split("\n")
    assert str(wheel_venv) in where[0] and str(ROOT) not in where[0]  # kg from the wheel, not the checkout
    assert all(str(wheel_venv) in line for line in where[1:3])
    demo = subprocess.run([str(wheel_venv / "bin" / "kg"), "demo"], cwd=empty, env=env, capture_output=True, text=True)
    assert demo.returncode == 0, demo.stdout + demo.stderr
    turtle = (empty / "exports" / "graph.ttl").read_text(encoding="utf-8")
    assert "prime_minister" in turtle and "JP" in turtle and (empty / "exports" / "graph.html").stat().st_size > 10_000


# -- languages --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, code", [
    ("Le président de la République a reçu mardi à Paris le chancelier allemand pour parler de défense.", "'fr' (French)"),
    ("中国外交部长周二在北京会见了日本外务大臣，双方讨论了经济合作。", "'zh' (Chinese)"),
    ("Der Bundeskanzler hat am Dienstag in Berlin den ukrainischen Präsidenten empfangen.", "'de' (German)"),
    ("Президент России встретился с премьер-министром Японии в Москве, объявили о сотрудничестве.", "'ru' (Russian)"),
    ("Prezydent Polski spotkał się w Warszawie z premierem Japonii, aby rozmawiać o obronności.", "'pl' (Polish)"),
])
def test_another_language_is_refused_and_named(text: str, code: str) -> None:
    with pytest.raises(KGError, match=re.escape(f"E010 unsupported language {code}")):
        make_article(text)


@pytest.mark.parametrize("text", ["D" * 4096, "\u201a" * 4096, "=" * 10_000, "12345 67890 " * 100, "!? " * 500])
def test_a_text_with_no_words_is_refused(text: str) -> None:
    with pytest.raises(KGError, match="E024"):
        make_article(text)


def test_every_article_of_the_project_is_accepted_in_its_language() -> None:
    texts = sorted(EVALUATION.glob("**/articles/*.txt")) + sorted(SEEDS.glob("*.txt"))
    assert len(texts) > 150
    for path in texts:
        expected = "uk" if path.name.split("-")[-2:][0] == "uk" or "uk-" in path.name or path.parent.parent.name == "seeds" else None
        found = identify(path.read_text(encoding="utf-8"))
        assert found in ("uk", "en"), path
        if expected == "uk":
            assert found == "uk", path


def test_short_english_and_lang_forced() -> None:
    assert identify("Zelensky met Tusk in Warsaw.") == "en"
    assert make_article("Le président a reçu le chancelier.", lang="en").lang == "en"  # --lang still forces


def test_refused_languages_through_the_cli_leave_the_store_unchanged(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert runner.invoke(app, ["ingest", str(SEEDS), "--store", str(store)]).exit_code == 0
    before = runner.invoke(app, ["stats", "--store", str(store)]).output
    french = tmp_path / "fr.txt"
    french.write_text("Le président de la République a reçu mardi à Paris le chancelier allemand.", encoding="utf-8")
    letters = tmp_path / "d.txt"
    letters.write_bytes(b"D" * 4096)
    result = runner.invoke(app, ["ingest", str(french), str(letters), "--store", str(store)])
    assert result.exit_code == 2
    assert "E010 unsupported language 'fr' (French)" in result.output and "E024" in result.output
    assert runner.invoke(app, ["stats", "--store", str(store)]).output == before


# -- tables -----------------------------------------------------------------------------------------------------

def test_table_fits_an_80_column_terminal(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert runner.invoke(app, ["ingest", str(SEEDS), "--store", str(store)]).exit_code == 0
    result = runner.invoke(app, ["query", "--named", "relations", "--format", "table", "--store", str(store)],
                           env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.rstrip("\n").split("\n")
    assert all(len(line) <= 80 for line in lines), max(lines, key=len)
    body = [line for line in lines if line.startswith("│")]
    assert len(body) > 3 and all(re.match(r"│ [A-Z]{2,4} +│ [A-Z]{2,4} +│ (cooperation|conflict) ", line) for line in body)
    assert "…" in result.stdout and "--format csv" in lines[-1]


# -- bounded work ----------------------------------------------------------------------------------------------

def test_runs_of_punctuation_and_long_tokens_are_bounded() -> None:
    assert normalise_text("a" + "=" * 9000 + "b") == "a===b"
    assert normalise_text("x " + "-=" * 5000) == "x " + "-=" * 8
    assert len(normalise_text("z" * 100_000)) == 500
    text = "Japan and Ukraine signed a defence agreement. " + "—" * 50_000 + " The talks went on."
    assert normalise_text(normalise_text(text)) == normalise_text(text)  # idempotent: the hash is stable


def test_a_separator_file_is_ingested_with_its_runs_bounded(tmp_path: Path) -> None:
    path = tmp_path / "separators.txt"
    path.write_text("Japan and Ukraine signed a defence agreement.\n" + ("=" * 4000 + "\n") * 50, encoding="utf-8")
    store = tmp_path / "s"
    result = runner.invoke(app, ["ingest", str(path), "--store", str(store)])
    assert result.exit_code == 0, result.output
    found = runner.invoke(app, ["query", "--named", "relations", "--format", "csv", "--store", str(store)])
    assert "JP,UA,cooperation" in found.stdout.replace('"', "")
