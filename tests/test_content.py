"""The default toolkit's guidance: credited, linked, finished and in our own words."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from partnership_toolkit.load import load
from partnership_toolkit.model import Toolkit

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
RUN = 8  # words in a row that may not appear both in a seed and in the data


@pytest.fixture(scope="module")
def toolkit() -> Toolkit:
    # Loading checks every id and kind:id reference; a dangling one raises DataError.
    return load(ROOT / "data", root=ROOT)


def page_texts(site: Path) -> dict[str, str]:
    """The visible text of each built page's content, by address."""
    texts = {}
    for path in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        article = soup.find("article")
        if article is None:  # the 404 page, redirects
            continue
        for tag in article(["script", "style", "template"]):
            tag.decompose()
        texts[path.relative_to(site).parent.as_posix()] = " ".join(article.get_text(" ").split())
    return texts


@pytest.fixture(scope="module")
def pages(default_site: Path) -> dict[str, str]:
    return page_texts(default_site)


# -- credit -----------------------------------------------------------------------------------


def test_every_source_is_credited_on_a_guidance_page(
    toolkit: Toolkit, pages: dict[str, str]
) -> None:
    guidance = {url: text for url, text in pages.items() if url != "about"}
    uncredited = [
        s.id for s in toolkit.sources if not any(s.title in text for text in guidance.values())
    ]
    assert uncredited == []


def test_every_source_is_named_by_some_part_of_the_toolkit(toolkit: Toolkit) -> None:
    named = {
        sid
        for part in (
            *toolkit.stages,
            *toolkit.steps,
            *toolkit.themes,
            *toolkit.principle_sets,
            *toolkit.checklists,
            *toolkit.templates,
        )
        for sid in part.sources
    }
    assert [s.id for s in toolkit.sources if s.id not in named] == []


def test_the_about_page_credits_sources_publishers_and_licence(
    toolkit: Toolkit, default_site: Path, pages: dict[str, str]
) -> None:
    about = pages["about"]
    for s in toolkit.sources:
        assert s.title in about, s.id
        assert s.publisher in about, s.id  # "" where the copy used names none
    assert toolkit.licence_name and toolkit.licence_name in about
    soup = BeautifulSoup(
        (default_site / "about" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert soup.find("article").find("a", href=toolkit.licence_url) is not None


# Pages about the tool itself, not about partnership working: they draw on no source.
ABOUT_THE_TOOL = {"how-to-use", "customising"}


def test_every_page_credits_its_sources_and_says_when_it_was_last_reviewed(
    toolkit: Toolkit, default_site: Path, pages: dict[str, str]
) -> None:
    """The footer promises every page credits its sources: the cycle, the
    glossary, the indexes and the print pack too, each with a review date."""
    shown = date_of(toolkit.reviewed)
    uncredited, undated = [], []
    for url, text in pages.items():
        if url in ABOUT_THE_TOOL:
            continue
        # The print pack credits each checklist on its own pages ("Sources: ...").
        if url != "about" and "This page draws on:" not in text and "Sources:" not in text:
            uncredited.append(url)
        if (
            f"Last reviewed: {shown}" not in text
            and f"checked against its sources on {shown}" not in text
        ):
            undated.append(url)
    assert uncredited == [] and undated == []
    # The print pack credits every checklist's sources.
    pack = pages["checklists/print"]
    for source in {s for c in toolkit.checklists for s in c.sources}:
        assert next(s.title for s in toolkit.sources if s.id == source) in pack


def date_of(iso: str) -> str:
    import datetime

    day = datetime.date.fromisoformat(iso)
    return f"{day.day} {day:%B} {day.year}"


def test_a_source_is_cited_with_only_what_is_known_and_no_editors_note(
    toolkit: Toolkit, pages: dict[str, str]
) -> None:
    talk = next(s for s in toolkit.sources if s.id == "nccpe-partnerships-101")
    assert talk.publisher == ""  # the copy used names none: nothing is guessed
    assert f"{talk.author} (no date). {talk.title} . {talk.medium}." in pages["about"]
    announcement = next(s for s in toolkit.sources if s.id == "partnership-improvement-programme")
    assert f"{announcement.title} ({announcement.year})." in pages["about"]
    notes = [s.note for s in toolkit.sources if s.note]
    assert notes and not [n for n in notes if any(n in text for text in pages.values())]


def test_a_storys_lesson_is_set_apart_from_what_its_source_says(
    toolkit: Toolkit, default_site: Path
) -> None:
    with_lessons = [
        (step, story) for step in toolkit.steps for story in step.stories if story.lesson
    ]
    assert len(with_lessons) >= 6
    step, story = with_lessons[0]
    html = (default_site / step.stage / step.id / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    box = next(b for b in soup.select(".admonition.quote") if story.title in b.get_text())
    lesson = box.find_next_sibling()
    assert "tk-lesson" in lesson["class"]
    assert lesson.get_text(" ", strip=True).startswith("What this toolkit takes from it")
    assert "What this toolkit takes from it" not in box.get_text()


# Each topic an expert expects, as words its guidance and its checklists use.
TOPICS = {
    "ethics and consent": ("informed consent", "ethics"),
    "safeguarding": ("safeguarding", "dbs"),
    "data protection": ("uk gdpr", "data-sharing agreement"),
    "paying partners": ("day rate", "invoice"),
    "evaluation": ("evaluation", "baseline"),
    "power": ("power",),
    "ownership and credit": ("intellectual property", "ownership"),
    "accessibility": ("accessible",),
}


@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_each_topic_an_expert_expects_has_guidance_and_a_checklist_item(
    toolkit: Toolkit, topic: str
) -> None:
    words = TOPICS[topic]
    guided = [s.id for s in toolkit.steps if all(w in s.guidance.lower() for w in words)]
    assert guided, f"no step's guidance covers {topic}"
    items = [
        i.id
        for c in toolkit.checklists
        for i in c.items
        if any(w in f"{i.id} {i.text} {i.help}".lower() for w in words)
    ]
    assert items, f"no checklist item covers {topic}"


def test_data_protection_and_evaluation_each_have_a_template(toolkit: Toolkit) -> None:
    by_id = {t.id: t for t in toolkit.templates}
    sharing = {f.id for f in by_id["data-sharing-agreement"].fields}
    evaluation = {f.id for f in by_id["evaluation-plan"].fields}
    assert len(sharing) >= 10 and len(evaluation) >= 8
    linked = {t for step in toolkit.steps for t in step.templates}
    assert {"data-sharing-agreement", "evaluation-plan"} <= linked


# -- links ------------------------------------------------------------------------------------


# One programme's commitments, given as an example of what a programme may ask.
PROGRAMME_EXAMPLE = "positive-impact-partners"


def test_every_general_principle_is_linked_from_a_step(toolkit: Toolkit) -> None:
    linked = {pid for step in toolkit.steps for pid in step.principles}
    general = [p for s in toolkit.principle_sets if s.id != PROGRAMME_EXAMPLE for p in s.principles]
    assert [p.id for p in general if p.id not in linked] == []


def test_no_step_offers_one_programmes_commitment_as_general_advice(toolkit: Toolkit) -> None:
    """A step's principles are advice for any partnership; what only one
    programme asks (help evaluate it, spread the word about it) is shown as
    that programme's example, on its own page."""
    [example] = [s for s in toolkit.principle_sets if s.id == PROGRAMME_EXAMPLE]
    assert "example" in example.title.lower()
    own = {p.id for p in example.principles if "programme" in f"{p.title} {p.summary}".lower()}
    assert {"help-evaluate", "promote-the-programme", "support-programme-development"} <= own
    offered = {(step.id, pid) for step in toolkit.steps for pid in step.principles if pid in own}
    assert offered == set()
    ticked = {
        (item.id, ref)
        for c in toolkit.checklists
        for item in c.items
        for ref in item.see
        if ref.removeprefix("principle:") in own
    }
    assert ticked == set()


def test_every_story_belongs_to_a_step(toolkit: Toolkit) -> None:
    """Stories sit on the step they illustrate; a story told on a theme page must
    link to a step from that theme."""
    assert sum(len(step.stories) for step in toolkit.steps) >= 5
    loose = [
        (theme.id, story.title)
        for theme in toolkit.themes
        for story in theme.stories
        if not any(ref.startswith("step:") for ref in theme.related)
    ]
    assert loose == []


# -- finished ---------------------------------------------------------------------------------

PLACEHOLDER = re.compile(r"\b(TODO|TBD|FIXME|XXX)\b|lorem|placeholder", re.IGNORECASE)
# Sentences that use one of those words as a word, not as a marker of unfinished text.
ABOUT_PLACEHOLDERS = {"customising": ["every placeholder is a sentence"]}


def test_no_page_has_placeholder_text(pages: dict[str, str]) -> None:
    found = {}
    for url, text in pages.items():
        for allowed in ABOUT_PLACEHOLDERS.get(url, ()):
            text = text.replace(allowed, "")
        if match := PLACEHOLDER.search(text):
            found[url] = text[max(0, match.start() - 30) : match.end() + 30]
    assert found == {}
    assert len(pages) > 40  # the check really read the site


def test_the_glossary_covers_the_newcomers_terms(toolkit: Toolkit) -> None:
    assert toolkit.glossary is not None

    def words(text: str) -> set[str]:
        return {w.rstrip("s") for w in re.findall(r"[a-z]+", text.lower())}

    known = set().union(*(words(f"{t.id} {t.term}") for t in toolkit.glossary.terms))
    wanted = ["aims", "objectives", "milestones", "governance", "VCS", "CVS", "MoU", "legacy"]
    assert [w for w in wanted if w.lower().rstrip("s") not in known] == []


# -- in our own words -------------------------------------------------------------------------


def words_of(text: str) -> list[str]:
    """Lower-case words without punctuation; OCR's '|' is read as 'I'."""
    text = text.replace("|", "I").lower()
    text = re.sub(r"['\u2019]", "", text)  # don't and don’t are both "dont"
    return re.findall(r"[a-z0-9]+", text)


def runs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def strings_in(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings_in(v)]
    return []


def test_no_run_of_eight_words_is_copied_from_a_seed() -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"the seed documents are not here ({SEEDS}); originality not checked")
    seed_runs: set[tuple[str, ...]] = set()
    for seed in sorted(SEEDS.glob("*.txt")):
        seed_runs |= runs(words_of(seed.read_text(encoding="utf-8", errors="replace")))
    assert len(seed_runs) > 4000  # the seeds were really read

    copied = []
    files = sorted((ROOT / "data").rglob("*.yml"))
    for path in files:
        for text in strings_in(yaml.safe_load(path.read_text(encoding="utf-8"))):
            for run in sorted(runs(words_of(text)) & seed_runs):
                copied.append(f"{path.relative_to(ROOT).as_posix()}: {' '.join(run)}")
    assert copied == []
    assert len(files) > 20
