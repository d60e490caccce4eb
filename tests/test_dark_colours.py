"""The dark colour scheme changes colours and nothing else: what lets
tests/browser/test_dark_mode_in_browser.py check dark pages with axe's colour
rules only, after every rule in light colours."""

import re
from pathlib import Path

STYLES = Path(__file__).resolve().parents[1] / "static" / "css"


def test_the_dark_scheme_changes_colours_and_nothing_else():
    """The one dark block in the style sheets sets colour variables, no property."""
    css = "\n".join(path.read_text() for path in sorted(STYLES.glob("*.css")))
    blocks = re.findall(r"prefers-color-scheme:\s*dark\)\s*\{\s*:root\s*\{([^}]*)\}\s*\}", css)
    assert len(blocks) == 1 and css.count("prefers-color-scheme") == 1
    declarations = [line.strip() for line in blocks[0].split(";") if line.strip()]
    assert declarations
    for declaration in declarations:
        assert re.fullmatch(r"--[a-z-]+:\s*#[0-9a-f]{6}", declaration), declaration
