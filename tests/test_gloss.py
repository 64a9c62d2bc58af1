"""Glossary terms linked where a guidance page first uses them, by the build."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from partnership_toolkit.gloss import Glosser, patterns
from partnership_toolkit.model import Glossary, Term

GLOSSARY = Glossary(
    terms=(
        Term("milestone", "Milestone", "A point on the way."),
        Term("mou", "Memorandum of understanding (MoU)", "A written understanding."),
        Term("sharing", "Data-sharing agreement", "What partners agree about data."),
        Term("agreement", "Partnership agreement", "What partners agree."),
        Term("grant", "Grant", "Money given for a purpose."),
        Term("consent", "Consent (informed consent)", "Agreeing, knowing what to."),
    )
)


def gloss(*texts: str) -> list[str]:
    glosser = Glosser(patterns(GLOSSARY))
    return [glosser(text) for text in texts]


def test_each_term_is_linked_once_where_the_page_first_uses_it() -> None:
    first, second = gloss("Set two milestones.", "Each milestone has a date.")
    assert first == "Set two [milestones](glossary:milestone)."
    assert second == "Each milestone has a date."


def test_a_term_is_found_by_its_words_or_its_abbreviation_in_capitals() -> None:
    assert gloss("Sign an MoU first.") == ["Sign an [MoU](glossary:mou) first."]
    assert gloss("A memorandum of\nunderstanding helps.") == [
        "A [memorandum of\nunderstanding](glossary:mou) helps."
    ]
    assert gloss("The mou word is not the abbreviation.") == [
        "The mou word is not the abbreviation."
    ]
    # "(informed consent)" narrows the term: plain "consent" may mean another thing.
    assert gloss("Ask for informed consent.") == ["Ask for [informed consent](glossary:consent)."]
    assert gloss("Consent is one lawful basis.") == ["Consent is one lawful basis."]


def test_a_page_named_after_a_term_does_not_link_its_own_name() -> None:
    glosser = Glosser(patterns(GLOSSARY), title="Milestones")
    assert (
        glosser("Set two milestones and a grant.")
        == "Set two milestones and a [grant](glossary:grant)."
    )


def test_the_longest_term_is_linked_before_a_shorter_one_inside_it() -> None:
    [text] = gloss("Write a data-sharing agreement, then a partnership agreement.")
    assert text == (
        "Write a [data-sharing agreement](glossary:sharing), then a "
        "[partnership agreement](glossary:agreement)."
    )


def test_headings_links_code_and_addresses_are_left_alone() -> None:
    [text] = gloss(
        "### Milestones\n\n"
        "See [the grant page](step:scoping), `grant`, <https://example.org/grant>, "
        "https://example.org/grant and ![a grant](x.png). A grant helps. Grantees differ."
    )
    assert text.startswith("### Milestones\n\nSee [the grant page](step:scoping), `grant`,")
    assert "https://example.org/grant and" in text
    assert text.endswith("A [grant](glossary:grant) helps. Grantees differ.")


def test_a_term_an_editor_linked_by_hand_is_not_linked_again() -> None:
    first, second = gloss("Agree [milestones](glossary:milestone).", "Then milestones.")
    assert (first, second) == ("Agree [milestones](glossary:milestone).", "Then milestones.")


def test_no_glossary_links_nothing() -> None:
    assert Glosser(patterns(None))("A grant.") == "A grant."


def test_guidance_pages_link_terms_and_the_rest_do_not(default_site: Path) -> None:
    def term_links(address: str) -> list[str]:
        html = (default_site / address / "index.html").read_text(encoding="utf-8")
        article = BeautifulSoup(html, "html.parser").find("article")
        return [a["href"].rsplit("#", 1)[1] for a in article.select("a[href*='glossary/#']")]

    step = term_links("working-together/structure-and-agreements")
    assert {"uk-gdpr", "personal-data", "day-rate", "intellectual-property"} <= set(step)
    assert len(step) == len(set(step))  # once each
    assert term_links("communication")  # a theme page
    html = (default_site / "working-together/structure-and-agreements/index.html").read_text()
    soup = BeautifulSoup(html, "html.parser")
    assert not [
        h
        for h in soup.select("article h1, article h2, article h3")
        if h.select("a[href*='glossary/#']")
    ]
    # A story retells its source: the toolkit adds nothing to its words.
    soup = BeautifulSoup(
        (default_site / "working-together/delivering/index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    stories = soup.select("article .admonition.quote")
    assert stories and not [s for s in stories if s.select("a[href*='glossary/#']")]
    assert "scoping" not in term_links("getting-started/scoping")
    # Forms and the glossary itself are not glossed.
    assert term_links("templates/light-agreement") == []
    assert term_links("glossary") == []
