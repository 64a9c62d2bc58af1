"""A toolkit in more than one language: translations as overlays keyed by
address, one build writing every language, and stale translations tracked.

Tested as a council publishing in English and Welsh does it: the bilingual
example built by one build (its pages, menu, search index, Word files and
sitemap per language), a translator's mistakes located in their own file,
and an upstream edit to translated text reported by ``toolkit status``.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from partnership_toolkit.cli import main
from partnership_toolkit.fallbacks import mark_fallbacks
from partnership_toolkit.load import load
from partnership_toolkit.problems import DataError
from sitekit import ROOT, build_site, copy_project

BILINGUAL = ROOT / "examples" / "bilingual"
WELSH = BILINGUAL / "translations" / "cy"


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def welsh(file: str) -> dict:
    return yaml.safe_load((WELSH / file).read_text(encoding="utf-8"))


def html_pages(site: Path) -> set[str]:
    return {
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not p.relative_to(site).as_posix().startswith(("cy/", "assets/", "search/", "vendor/"))
    }


def project_with(tmp_path: Path, files: dict[str, str]) -> Path:
    """A toolkit project translated into Welsh, with the given files in local/."""
    project = copy_project(tmp_path)
    local = project / "local"
    (local / "translations" / "cy").mkdir(parents=True)
    (local / "toolkit.yml").write_text("translations: [cy]\n", encoding="utf-8")
    for name, text in files.items():
        path = local / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return project


def load_welsh(project: Path):
    return load(
        project / "data",
        root=project,
        content_dir=project / "content",
        layer_dir=project / "local",
        language="cy",
    )


def problems_of(project: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_welsh(project)
    return [str(p) for p in caught.value.problems]


# -- one build, every language ---------------------------------------------------------------


def test_one_build_writes_every_page_in_every_language(bilingual):
    site, _ = bilingual
    english = html_pages(site)
    welsh_pages = html_pages(site / "cy")
    assert len(english) > 40
    assert welsh_pages == english
    for page in ("index.html", "getting-started/scoping/index.html"):
        assert soup(site, page).html["lang"] == "en-GB"
        assert soup(site, f"cy/{page}").html["lang"] == "cy"


def test_a_translated_page_is_in_welsh_and_its_switch_links_the_same_page(bilingual):
    site, _ = bilingual
    page = soup(site, "cy/getting-started/scoping/index.html")
    assert (
        page.h1.get_text(strip=True).rstrip("¶")
        == welsh("getting-started.yml")["step:scoping"]["title"]
    )
    links = {a["hreflang"]: a["href"] for a in page.select(".tk-language-switch a[hreflang]")}
    assert links == {
        "en-GB": "../../../getting-started/scoping/",
        "cy": "../../../cy/getting-started/scoping/",
    }
    assert page.select_one(".tk-language-switch a[aria-current]")["hreflang"] == "cy"
    # The step's own words are all Welsh; what the page shows in English are the
    # titles of the untranslated items it links to, each marked as English.
    step = welsh("getting-started.yml")["step:scoping"]
    marked = [" ".join(el.get_text().split()) for el in page.select('article [lang="en-GB"]')]
    english = load(ROOT / "data")
    titles = {p.title for p in english.principles} | {t.title for t in english.themes}
    titles |= {s.title for s in english.sources} | {c.title for c in english.checklists}
    assert marked and set(marked) <= titles, set(marked) - titles
    questions = [" ".join(li.get_text().split()) for li in page.select("article li")]
    assert all(q in questions for q in step["questions"])
    assert page.select_one(".tk-untranslated") is not None


def test_untranslated_text_falls_back_to_english_with_its_own_lang(bilingual):
    site, _ = bilingual
    page = soup(site, "cy/working-together/index.html")  # a stage the example leaves
    note = page.select_one(".tk-untranslated")
    assert note is not None and "Saesneg" in note.get_text()
    # The stage's title, shown in English inside the Welsh page, is marked as English.
    english_title = load(ROOT / "data").stages[1].title
    marked = [el.get_text(strip=True) for el in page.select('[lang="en-GB"]')]
    assert english_title in marked
    assert page.html["lang"] == "cy"
    # A hand-written page with no translation is English as a whole, and says so.
    howto = soup(site, "cy/how-to-use/index.html")
    assert howto.select_one(".tk-untranslated") is not None
    assert howto.select_one('article div[lang="en-GB"] h1') is not None


def test_each_language_has_its_own_search_index_menu_and_sitemap(bilingual):
    site, url = bilingual
    english = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    cymraeg = json.loads((site / "cy" / "search" / "search_index.json").read_text("utf-8"))
    scoping = welsh("getting-started.yml")["step:scoping"]["title"]
    assert any(d["title"] == scoping for d in cymraeg["docs"])
    assert not any(d["title"] == scoping for d in english["docs"])
    menu = soup(site, "cy/index.html").select(".md-nav__link")
    stage = welsh("getting-started.yml")["stage:getting-started"]["title"]
    assert stage in [" ".join(a.get_text().split()) for a in menu]
    sitemap = (site / "cy" / "sitemap.xml").read_text("utf-8")
    assert f"<loc>{url}cy/getting-started/scoping/</loc>" in sitemap
    assert (
        f'<xhtml:link rel="alternate" hreflang="en-GB" href="{url}getting-started/scoping/"/>'
        in sitemap
    )


def test_word_files_are_made_in_each_language(bilingual):
    site, _ = bilingual
    docx = site / "cy" / "templates" / "values-and-ground-rules.docx"
    with zipfile.ZipFile(docx) as z:
        document = z.read("word/document.xml").decode("utf-8")
        styles = z.read("word/styles.xml").decode("utf-8")
    title = welsh("templates.yml")["template:values-and-ground-rules"]["title"]
    assert title.replace("'", "&apos;") in document or title in document
    assert 'w:val="cy"' in styles or 'w:val="cy-GB"' in styles


def test_a_choice_is_saved_under_the_same_words_in_every_language(tmp_path):
    """A chosen option is saved as the source's words, so an answer given in
    Welsh shows in English; each page shows its own language's words."""
    project = project_with(
        tmp_path,
        {
            "translations/cy/templates.yml": (
                "template:communication-plan/meeting-frequency:\n"
                "  label: Pa mor aml rydyn ni'n cwrdd\n"
                "  options: [Bob wythnos, Bob pythefnos, Bob mis, Bob tri mis]\n"
                "template:communication-plan/channels:\n"
                "  options: [Wyneb yn wyneb, Galwadau fideo, Galwadau ffôn, E-bost,\n"
                "    Negeseuon testun, Ffolder ar-lein a rennir, Y cyfryngau cymdeithasol]\n"
            ),
        },
    )
    site = build_site(project, tmp_path / "site")
    page = "templates/communication-plan/index.html"
    english, cymraeg = soup(site, page), soup(site, f"cy/{page}")

    def choice(page):
        options = page.select('select[name$="meeting-frequency"] option')[1:]
        return [o.get("value", o.get_text()) for o in options], [o.get_text() for o in options]

    def boxes(page):
        found = page.select('[data-tk-field="channels"] .tk-choice')
        return [b.input["value"] for b in found], [b.label.get_text() for b in found]

    assert choice(cymraeg) == (
        choice(english)[0],
        ["Bob wythnos", "Bob pythefnos", "Bob mis", "Bob tri mis"],
    )
    assert choice(english)[0] == ["Weekly", "Every two weeks", "Monthly", "Every three months"]
    assert boxes(cymraeg)[0] == boxes(english)[0]
    assert boxes(cymraeg)[1][3] == "E-bost"


# -- mistakes, located ------------------------------------------------------------------------


def test_a_translators_mistakes_are_located_in_their_file(tmp_path):
    project = project_with(
        tmp_path,
        {
            "translations/cy/steps.yml": (
                "step:scoping:\n"
                "  title: Cwmpasu\n"
                "  questions: [Beth?]\n"
                "  sources: [rhywle]\n"
                "  titel: Cwmpasu\n"
                "step:scopin:\n"
                "  title: Cwmpasu\n"
                "step:finding-partners:\n"
                "  summary: <script>alert(1)</script>\n"
                "  guidance: Dim dolen yma.\n"
            ),
            # The project's English links the step to another; the Welsh loses it.
            "changes.yml": (
                "patch:\n"
                "  step:finding-partners:\n"
                "    guidance: Start from [the scoping step](step:scoping).\n"
            ),
        },
    )
    assert problems_of(project) == [
        "local/translations/cy/steps.yml:3:14: step:scoping.questions: the source has 10 here "
        "and this translation 1: give one translation for each, in the same order",
        "local/translations/cy/steps.yml:4:3: step:scoping.sources: 'sources' is not text: "
        "ids, links and settings are the source's in every language, so only its text is "
        "translated",
        "local/translations/cy/steps.yml:5:3: step:scoping.titel: the source has no 'titel' "
        "here to translate (did you mean 'title'?)",
        "local/translations/cy/steps.yml:6:1: step:scopin: no step 'scopin' in the toolkit "
        "(did you mean 'scoping'?)",
        "local/translations/cy/steps.yml:9:12: step:finding-partners.summary: HTML is not "
        "allowed (found '<script>aler'); write plain text, or Markdown where the field allows it",
        "local/translations/cy/steps.yml:10:13: step:finding-partners.guidance: the source links "
        "to step:scoping here, and this translation does not: keep each link's address, and "
        "translate only its words",
    ]


def test_an_upstream_edit_a_translation_no_longer_fits_shows_the_source_and_is_stale(
    tmp_path, capsys
):
    """Upstream adds a tip and a link: the Welsh made for the old text cannot
    be used, but the Welsh site still builds, shows the English for those two
    fields (marked as English), and status lists them as stale to redo. A
    translation never recorded against a source is a mistake instead."""
    project = copy_project(tmp_path)
    shutil.copytree(BILINGUAL, project / "local")
    assert main(["status", str(project), "--translated", "cy"]) == 0
    capsys.readouterr()
    stage = project / "data" / "stages" / "getting-started.yml"
    scoping = load(ROOT / "data").steps[0]
    text = stage.read_text(encoding="utf-8")
    text = text.replace(
        f"      - {scoping.tips[0]}\n",
        f"      - {scoping.tips[0]}\n      - Agree one small first task.\n",
        1,
    )
    text = text.replace(
        "### Short or long term?",
        "### Short or long term? See [finding partners](step:finding-partners)",
        1,
    )
    stage.write_text(text, encoding="utf-8")

    welsh_toolkit = load_welsh(project)
    step = next(s for s in welsh_toolkit.steps if s.id == "scoping")
    assert step.title == "Cwmpasu"  # still translated
    assert "Agree one small first task." in step.tips  # the source's, in English
    assert step.tips[0] in welsh_toolkit.translation.fallbacks
    stale = [
        line.split()[0] for line in status_of(project, capsys) if line.startswith("      step:")
    ]
    assert {"step:scoping#tips", "step:scoping#guidance"} <= set(stale)

    # Unrecorded, the same misfit is the translator's mistake, located.
    (project / "local" / "translations" / "cy" / "fingerprints.yml").unlink()
    assert any("step:scoping.tips: the source has" in p for p in problems_of(project))


def test_a_translation_the_toolkit_does_not_list_is_refused(tmp_path):
    project = project_with(tmp_path, {})
    (project / "local" / "toolkit.yml").write_text("translations: [en]\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load(project / "data", root=project, layer_dir=project / "local")
    assert [str(p) for p in caught.value.problems] == [
        "local/toolkit.yml:1:16: translations[0]: 'en' is the toolkit's own language (en-GB): "
        "a translation is into another language"
    ]


def test_fallbacks_are_marked_where_they_are_whole_texts():
    html, count = mark_fallbacks(
        '<h1>Scoping</h1><p title="Scoping">Scoping the work</p><script>x="Scoping"</script>'
        "<li>Scoping</li>",
        {"Scoping"},
        "en-GB",
    )
    assert count == 2
    assert html == (
        '<h1><span lang="en-GB">Scoping</span></h1><p title="Scoping">Scoping the work</p>'
        '<script>x="Scoping"</script><li><span lang="en-GB">Scoping</span></li>'
    )


# -- stale translations -----------------------------------------------------------------------


def status_of(project: Path, capsys) -> list[str]:
    capsys.readouterr()
    assert main(["status", str(project)]) == 0
    out = capsys.readouterr().out.splitlines()
    start = out.index("Translations:")
    return out[start:]


def counts(lines: list[str]) -> tuple[int, int, int, int]:
    found = re.search(r"(\d+) translated, (\d+) stale, (\d+) missing, of (\d+)", lines[1])
    assert found, lines
    return tuple(int(n) for n in found.groups())  # type: ignore[return-value]


def test_an_upstream_edit_makes_its_translation_stale(tmp_path, capsys):
    project = copy_project(tmp_path)
    shutil.copytree(BILINGUAL, project / "local")
    (project / "local" / "translations" / "cy" / "fingerprints.yml").unlink(missing_ok=True)
    lines = status_of(project, capsys)
    given, stale, missing, total = counts(lines)
    assert stale == 0 and given > 50 and missing > 0 and total == given + missing
    # Nothing is recorded yet, so a later change could not be noticed: it says so.
    assert any(f"{given} translations have no record yet" in line for line in lines)

    assert main(["status", str(project), "--translated", "cy"]) == 0
    lines = status_of(project, capsys)
    assert counts(lines) == (given, 0, missing, total)
    assert not any("no record yet" in line for line in lines)

    # Upstream rewrites the scoping step's summary and one question.
    stage = project / "data" / "stages" / "getting-started.yml"
    text = stage.read_text(encoding="utf-8")
    source = load(ROOT / "data").steps[0]
    text = text.replace(source.summary, "Decide together what you want to achieve, and why.", 1)
    text = text.replace(source.questions[2], "Could we do this on our own?", 1)
    stage.write_text(text, encoding="utf-8")
    lines = status_of(project, capsys)
    assert counts(lines) == (given - 2, 2, missing, total)
    stale_lines = [line.split()[0] for line in lines if line.startswith("      step:")]
    assert stale_lines[:2] == ["step:scoping#summary", "step:scoping#questions"]

    # The translator checks one and records it; the other stays stale.
    assert main(["status", str(project), "--translated", "cy", "step:scoping#summary"]) == 0
    assert counts(status_of(project, capsys)) == (given - 1, 1, missing, total)

    # Upstream rewrites the home page, which the example translates.
    home = project / "content" / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")
    lines = status_of(project, capsys)
    assert counts(lines) == (given - 2, 2, missing, total)
    assert "page:index.md" in [line.split()[0] for line in lines if line.startswith("      ")]
    # ... and an item is recorded by the address a translator writes.
    key = "template:values-and-ground-rules/meeting-rules"
    assert main(["status", str(project), "--translated", "cy", key]) == 0


@pytest.mark.parametrize(
    ("files", "toolkit", "expected"),
    [
        (
            {"translations/cy/extra.yaml": "step:scoping:\n  title: Cwmpasu\n"},
            "translations: [cy]\n",
            "local/translations/cy/extra.yaml:1:1: nothing reads this (translations are .yml "
            "files: rename it extra.yml)",
        ),
        (
            {"translations/cy/stages/x.yml": "step:scoping:\n  title: Cwmpasu\n"},
            "translations: [cy]\n",
            "local/translations/cy/stages:1:1: nothing reads this (it reads *.yml files, one "
            "level deep, and content/)",
        ),
        (
            {"translations/cy/content/abuot.md": "# Amdanom\n"},
            "translations: [cy]\n",
            "local/translations/cy/content/abuot.md:1:1: no page abuot.md to translate (did you "
            "mean 'about.md'?): a translated page has the path of the page it translates (a new "
            "page goes in content/ first)",
        ),
        (
            {
                "translations/cy/a.yml": "step:scoping:\n  title: Cwmpasu\n",
                "translations/cy/b.yml": "step:scoping:\n  title: Cwmpasu'r gwaith\n",
            },
            "translations: [cy]\n",
            "local/translations/cy/b.yml:2:3: step:scoping.title: already translated at "
            "local/translations/cy/a.yml:2: give each translation once",
        ),
        (
            {"translations/cy/a.yml": "step:scoping:\n  title: Cwmpasu\n"},
            "translations: [cy, cy-GB]\n",
            "local/toolkit.yml:1:20: translations[1]: no translation into 'cy-GB': its folder is "
            "local/translations/cy-GB/, which does not exist",
        ),
    ],
    ids=["a .yaml file", "a subfolder", "a misspelt page", "twice", "no folder"],
)
def test_translation_work_that_would_be_ignored_is_reported(tmp_path, files, toolkit, expected):
    project = project_with(tmp_path, files)
    (project / "local" / "toolkit.yml").write_text(toolkit, encoding="utf-8")
    language = "cy-GB" if "cy-GB" in toolkit else "cy"
    with pytest.raises(DataError) as caught:
        load(
            project / "data",
            root=project,
            content_dir=project / "content",
            layer_dir=project / "local",
            language=language,
        )
    assert expected in [str(p) for p in caught.value.problems]


def test_a_language_the_toolkits_words_do_not_ship_in_must_give_them(tmp_path):
    project = project_with(tmp_path, {})
    (project / "local" / "toolkit.yml").write_text("translations: [fr]\n", encoding="utf-8")
    (project / "local" / "translations" / "fr").mkdir(parents=True)
    (project / "local" / "translations" / "fr" / "a.yml").write_text(
        "step:scoping:\n  title: Cadrage\n", encoding="utf-8"
    )
    with pytest.raises(DataError) as caught:
        load(
            project / "data",
            root=project,
            layer_dir=project / "local",
            language="fr",
        )
    (problem,) = [str(p) for p in caught.value.problems]
    assert problem.startswith(
        "local/toolkit.yml:1:16: translations[0]: the toolkit's own words (buttons, headings, "
        "messages) are not shipped in 'fr' (they are in: cy, en): give them in "
        "local/translations/fr/strings.yml;"
    )


def test_the_welsh_cycle_diagram_keeps_every_label_inside_the_picture(bilingual):
    site, _ = bilingual
    page = soup(site, "cy/cycle/index.html")
    parts = page.select('article svg[viewBox="0 0 420 420"]')
    assert parts and all(svg.find("span") is None for svg in parts)  # it would end the picture
    labels = " ".join(" ".join(svg.get_text(" ").split()) for svg in parts)
    english = load(ROOT / "data")
    stage = welsh("getting-started.yml")["stage:getting-started"]["title"]
    for title in [stage, *(s.title for s in english.stages[1:]), english.cycle.heart.title]:
        assert title in labels, title
