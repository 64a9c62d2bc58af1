"""Colour contrast (WCAG 2.2) for a toolkit's branding."""

from __future__ import annotations

from .model import Branding

AA_NORMAL_TEXT = 4.5
WHITE = "#ffffff"


def luminance(colour: str) -> float:
    """Relative luminance of a ``#rrggbb`` colour, as WCAG defines it."""

    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def pairs(branding: Branding) -> list[tuple[str, str, str, str]]:
    """The (field, text colour, background, what) pairs a reader must be able to read."""
    return [
        ("on_primary", branding.on_primary, branding.primary, "text on the primary colour"),
        ("accent", branding.accent, WHITE, "links in the accent colour on white"),
        ("primary", branding.primary, WHITE, "headings and buttons in the primary colour on white"),
    ]


def css(branding: Branding) -> str:
    """Material's colour variables, set from the toolkit's branding."""
    return (
        ":root, [data-md-color-scheme=default] {\n"
        f"  --md-primary-fg-color: {branding.primary};\n"
        f"  --md-primary-fg-color--light: {branding.primary};\n"
        f"  --md-primary-fg-color--dark: {branding.primary};\n"
        f"  --md-primary-bg-color: {branding.on_primary};\n"
        f"  --md-primary-bg-color--light: {branding.on_primary};\n"
        f"  --md-accent-fg-color: {branding.accent};\n"
        f"  --md-typeset-a-color: {branding.accent};\n"
        f"  --tk-primary: {branding.primary};\n"
        f"  --tk-on-primary: {branding.on_primary};\n"
        f"  --tk-accent: {branding.accent};\n"
        "}\n"
    )
