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


def test_an_edited_template_is_compiled_again_by_the_next_process(tmp_path: Path) -> None:
    """Compiled templates are kept between runs; a later run must see the edit, not the
    compiled code of the earlier text (each new environment stands for a new process)."""
    templates = tmp_path / "templates"
    override = templates / "feed" / "entry.html"
    override.parent.mkdir(parents=True)
    override.write_text("first {{ 1 + 1 }}")
    assert make_environment(templates).get_template("feed/entry.html").render() == "first 2"

    make_environment.cache_clear()
    override.write_text("second {{ 2 + 2 }}")
    assert make_environment(templates).get_template("feed/entry.html").render() == "second 4"
