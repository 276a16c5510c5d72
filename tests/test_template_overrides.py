"""A template override works from the moment it is saved, also in a process that has
already rendered with the theme's template (`publisher serve`, or two builds in a row)."""

from __future__ import annotations

from pathlib import Path

from publisher.templating import make_environment


def test_an_override_added_after_the_theme_template_was_used_takes_over(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    env = make_environment(templates)
    theme = env.get_template("feed/entry.html")
    assert "OVERRIDE" not in theme.filename

    override = templates / "feed" / "entry.html"
    override.parent.mkdir(parents=True)
    override.write_text("OVERRIDE")
    assert env.get_template("feed/entry.html").render() == "OVERRIDE"

    override.unlink()  # and the theme's again once it is gone
    assert env.get_template("feed/entry.html").filename == theme.filename
