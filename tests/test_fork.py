"""A complete example toolkit project (tests/fixtures/fork/) builds strictly and shows all of it.

The project is a layer: it keeps the repository's mkdocs.yml, data/, content/
and overrides/ as they are, and brings only its own folder, local/: another
organisation, its colours and logo, four stages, a renamed step, an extra
checklist and template, a template removed, principles turned off, and the
toolkit in Welsh.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from partnership_toolkit.cli import main
from sitekit import FIXTURES, build_site, copy_project

FORK = FIXTURES / "fork"
STAGES = ["Getting started", "Working together", "Reviewing", "What next"]


def fork_project(tmp_path: Path) -> Path:
    """The example project as a folder, the way its repository looks."""
    project = copy_project(tmp_path)
    shutil.copytree(FORK / "local", project / "local")
    return project


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("fork")
    return build_site(fork_project(tmp), tmp / "site")


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.parts)


def nav_titles(page: BeautifulSoup) -> list[str]:
    primary = page.select_one("nav.md-nav--primary")
    return [" ".join(a.get_text().split()) for a in primary.select("a.md-nav__link")]


# -- identity and look ----------------------------------------------------------------------


def test_the_organisation_is_in_every_footer(site: Path) -> None:
    for name in ("index.html", "getting-started/scoping/index.html"):
        footer = soup(site, name).select_one("[data-tk-footer-org]")
        lines = [" ".join(span.get_text().split()) for span in footer.select("span")]
        assert lines == [
            "Riverside Community Network",
            "12 Quay Street, Riverside, CF10 1AA",
            "Cysylltu: Ceri Morgan, partnerships@riverside.example.org, 029 2000 0000",
        ]
        assert footer.select_one("a")["href"] == "https://riverside.example.org/"
        assert [a["href"] for a in footer.select("a")][1:] == [
            "mailto:partnerships@riverside.example.org",
            "tel:02920000000",
        ]
    copyright_ = soup(site, "index.html").select(".md-copyright__highlight")[-1].get_text()
    assert copyright_.strip() == (
        "Riverside Community Network, registered charity 1234567. · Trwydded: CC BY 4.0"
    )


def test_title_logo_and_favicon_come_from_the_data(site: Path) -> None:
    page = soup(site, "index.html")
    assert page.title.get_text() == "Home - Pecyn Partneriaeth Glan yr Afon"
    assert (
        page.select_one(".md-header__topic").get_text().strip() == "Pecyn Partneriaeth Glan yr Afon"
    )
    logo = page.select_one("a.md-header__button.md-logo img")
    assert logo["src"] == "assets/logo.svg"
    assert (site / "assets" / "logo.svg").read_text().startswith("<svg")
    assert page.select_one('link[rel="icon"]')["href"] == "assets/favicon.svg"


def test_the_colours_are_the_forks(site: Path) -> None:
    css = (site / "assets" / "toolkit" / "brand.css").read_text()
    assert "--md-primary-fg-color: #0b5d3b;" in css
    assert "--md-primary-bg-color: #ffffff;" in css
    assert "--md-typeset-a-color: #8a1c4a;" in css
    sheets = [link["href"] for link in soup(site, "index.html").select('link[rel="stylesheet"]')]
    assert "assets/toolkit/brand.css" in sheets


def test_a_colour_pair_that_is_hard_to_read_is_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = fork_project(tmp_path)
    toolkit_yml = project / "local" / "toolkit.yml"
    toolkit_yml.write_text(
        toolkit_yml.read_text().replace('accent: "#8a1c4a"', 'accent: "#999999"')
    )
    assert main(["validate", str(project)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "local/toolkit.yml:24:11: branding.accent: links in the accent colour on white is too "
        "hard to read: #999999 on #ffffff has a contrast of 2.85:1, and WCAG AA needs at "
        "least 4.5:1; pick a darker or lighter colour",
        "1 problem in the toolkit's data; fix it and try again.",
    ]


# -- stages, steps, checklists, templates ---------------------------------------------------


def test_four_stages_in_the_diagram_and_the_navigation(site: Path) -> None:
    cycle = soup(site, "cycle/index.html")
    parts = cycle.select(".tk-cycle__stage .tk-visually-hidden")
    assert [p.get_text() for p in parts] == [f"{n}. {t}" for n, t in enumerate(STAGES, 1)]
    assert [a["href"] for a in cycle.select("a.tk-cycle__stage")] == [
        "../getting-started/",
        "../working-together/",
        "../reviewing/",
        "../what-next/",
    ]
    heart = cycle.select_one(".tk-cycle__heart .tk-visually-hidden").get_text()
    assert heart == "Yn y canol: Listening"
    titles = nav_titles(soup(site, "index.html"))
    assert [t for t in titles if t in STAGES] == STAGES


def test_the_renamed_step_shows_its_new_title(site: Path) -> None:
    step = soup(site, "getting-started/scoping/index.html")
    assert step.h1.get_text().rstrip("¶").strip() == "Agreeing what we want to change"
    titles = nav_titles(step)
    assert "Agreeing what we want to change" in titles
    assert "Scoping" not in titles


def test_the_extra_checklist_and_template_have_pages_and_links(site: Path) -> None:
    checklist = soup(site, "checklists/volunteer-safety/index.html")
    assert checklist.h1.get_text().rstrip("¶").strip() == "Volunteer safety"
    template = soup(site, "templates/volunteer-agreement/index.html")
    assert template.h1.get_text().rstrip("¶").strip() == "Volunteer agreement"
    step = soup(site, "working-together/delivering/index.html")
    tools = [a.get_text() for a in step.select_one("h2#tools").find_next("ul")("a")]
    # The checklist names the step under `related`, so the step offers it after its own.
    assert tools[-1] == "Volunteer safety"
    # navigation.prune: each section's pages are listed in the menu on its own pages.
    assert "Volunteer safety" in nav_titles(checklist)
    assert "Volunteer agreement" in nav_titles(template)


def test_a_removed_template_has_no_page_and_no_link_anywhere(site: Path) -> None:
    # The base names it in a stage, a step, a checklist item, another template,
    # a principle and a glossary term: the project's one `remove` line takes
    # it out of all of them, without editing any of those files.
    assert not (site / "templates" / "dispute-resolution").exists()
    for path in html_pages(site):
        hrefs = [a.get("href", "") for a in soup(site, str(path.relative_to(site)))("a")]
        assert not [h for h in hrefs if "templates/dispute-resolution" in h], path
    stage = soup(site, "working-together/index.html")
    tools = [a.get_text() for a in stage.select_one("h2#tools").find_next("ul")("a")]
    assert "Light agreement" in tools
    assert not [t for t in tools if "dispute" in t.lower()]


def test_the_projects_own_footer_partial_and_address(site: Path) -> None:
    page = soup(site, "index.html")
    assert page.select_one("[data-riverside-made]").get_text() == "Gwnaed yng Nglan yr Afon"
    assert page.select_one('link[rel="canonical"]')["href"] == (
        "https://riverside.example.org/toolkit/"
    )


def test_the_patched_template_field_shows_the_projects_help(site: Path) -> None:
    page = soup(site, "templates/light-agreement/index.html")
    assert "Most of our projects finish before the summer holidays." in page.get_text()


def test_the_turned_off_kind_has_no_pages_and_no_links(site: Path) -> None:
    assert not (site / "principles").exists()
    for path in html_pages(site):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        hrefs = [a.get("href", "") for a in page.select("a")]
        assert not [h for h in hrefs if "principles" in h], path
        assert "Listen first" not in page.get_text(), path
    home = soup(site, "index.html")
    assert [a.get_text() for a in home.select("#tools-to-use-with-your-partners + ul a")] == [
        "Checklists",
        "Agreement templates",
        "glossary",
    ]


def test_the_heart_can_be_another_theme(site: Path) -> None:
    page = soup(site, "listening/index.html")
    assert page.h1.get_text().rstrip("¶").strip() == "Listening"
    assert "Communication" in nav_titles(soup(site, "communication/index.html"))


# -- language -------------------------------------------------------------------------------


def test_every_page_is_in_welsh(site: Path) -> None:
    for path in html_pages(site):
        assert BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").html["lang"] == "cy"


def test_the_toolkits_own_words_are_welsh(site: Path) -> None:
    step = soup(site, "getting-started/scoping/index.html")
    headings = [h.get_text().strip().rstrip("¶").strip() for h in step.select("article h2")]
    assert headings[:2] == ["Canllawiau", "Cwestiynau i feddwl amdanynt"]
    assert headings[-1] == "Ffynonellau"
    assert step.select_one(".tk-kicker").get_text().startswith("Cam 1 o 3 yn")
    stage = soup(site, "reviewing/index.html")
    assert stage.select_one(".tk-kicker").get_text().strip() == "Cyfnod 3 o 4"
    assert "Rhestrau gwirio" in nav_titles(stage)
    assert "Templedi" in nav_titles(stage)
    checklist = soup(site, "checklists/volunteer-safety/index.html")
    buttons = [b.get_text().strip() for b in checklist.select(".tk-toolbar button")]
    assert "Argraffu" in buttons and "Argraffu'n wag" in buttons
