"""publisher.toml mistakes are reported with the file, the line and a fix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from config_support import GOOD, config_error

from publisher.config import load_config


def test_a_good_config_is_normalised(workspace: Callable[[str], Path]) -> None:
    root = workspace("minimal")
    (root / "publisher.toml").write_text(GOOD)
    config = load_config(root)
    assert config.base_url == "https://t.example.org/"
    assert config.page_size == "A4" and config.language == "en"
    assert config.email_from.addr_spec == "t@t.example.org" and config.domain == "t.example.org"


def test_a_base_url_whose_folder_is_named_in_arabic_is_percent_encoded(
    workspace: Callable[[str], Path],
) -> None:
    """base_url = "https://news.example.net/نشرة/" was refused as holding a character no
    link in a header may, with a hint about the host's punycode only. Its path is
    percent-encoded instead, as a browser sends it, in every link and header made from it;
    a host in other letters is still refused, told to write it in punycode."""
    root = workspace("minimal")
    arabic = GOOD.replace("https://t.example.org", "https://news.example.net/نشرة/")
    (root / "publisher.toml").write_text(arabic, encoding="utf-8")

    assert load_config(root).base_url == "https://news.example.net/%D9%86%D8%B4%D8%B1%D8%A9/"
    host = config_error(root, GOOD.replace("https://t.example.org", "https://نشرة.example/"))
    assert "cannot be part of a link" in host and "punycode" in host


def test_unknown_setting_points_at_line_and_suggests(workspace: Callable[[str], Path]) -> None:
    message = config_error(workspace("minimal"), GOOD + 'repy_to = "x@t.example.org"\n')
    assert "publisher.toml:7:" in message and "did you mean 'reply_to'" in message


def test_bad_address_and_url_and_page_size(workspace: Callable[[str], Path]) -> None:
    root = workspace("minimal")
    assert "publisher.toml:6:" in config_error(root, GOOD.replace("T <t@t.example.org>", "nobody"))
    assert "absolute http(s) URL" in config_error(
        root, GOOD.replace("https://t.example.org", "t.example.org")
    )
    assert "A4, A5" in config_error(root, GOOD + '[pdf]\npage_size = "B7"\n')


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("t.example.org", "https://t.example.org/"),  # as an address bar shows it
        ("www.t.example.org/news", "https://www.t.example.org/news/"),
        ("https//t.example.org", "https://t.example.org/"),
        ("http:/t.example.org/", "http://t.example.org/"),
    ],
)
def test_a_base_url_without_its_scheme_or_with_it_mistyped_gets_the_url_meant(
    workspace: Callable[[str], Path], written: str, meant: str
) -> None:
    """It got only the rule and another site's address for an example."""
    message = config_error(workspace("minimal"), GOOD.replace("https://t.example.org", written))
    assert "publisher.toml:2:" in message and "absolute http(s) URL" in message, message
    assert f'hint: write it in full: base_url = "{meant}"' in message, message


@pytest.mark.parametrize("written", ["https://[t.example.org/", "https://t.example.org]/"])
def test_a_base_url_with_a_bracket_in_its_host_is_refused_in_words(
    workspace: Callable[[str], Path], written: str
) -> None:
    """Refused with Python's words for it alone, "Invalid IPv6 URL", and no example."""
    message = config_error(workspace("minimal"), GOOD.replace("https://t.example.org", written))
    assert "publisher.toml:2:" in message and "has a bracket where its host name is" in message
    assert 'write it like base_url = "https://news.example.org/"' in message, message


def test_a_misspelt_time_zone_is_refused_with_the_name_meant(
    workspace: Callable[[str], Path],
) -> None:
    """time_zone is an IANA name: written as people say it, it is refused at its line with
    the name it is in the tz database."""
    zoned = GOOD.replace("[organisation]", 'time_zone = "America/Mexico City"\n[organisation]')
    message = config_error(workspace("minimal"), zoned)
    assert "publisher.toml:3:" in message and "'America/Mexico City' is not a time zone" in message
    assert "did you mean 'America/Mexico_City'" in message


def test_a_top_level_setting_below_a_table_says_where_it_belongs(
    workspace: Callable[[str], Path],
) -> None:
    """In TOML every key after [email] is [email]'s: a time_zone added at the end of the
    file was said to be unknown "in [email]", with [email]'s settings listed."""
    message = config_error(workspace("minimal"), GOOD + 'time_zone = "Europe/London"\n')
    assert "publisher.toml:7: unknown setting 'time_zone' in [email]" in message, message
    assert "time_zone belongs above the first [table] line" in message, message
    assert "known settings: from" not in message


@pytest.mark.parametrize(
    ("setting", "says"),
    [
        ('[style]\nlogo = ""', "style.logo: is empty: give the path to a file, or remove the line"),
        (
            '[style]\nheading_font = ""',
            "style.heading_font: is empty: give a font's name or a font file, or remove the line",
        ),
        ('[style]\naccent = ""', "style.accent: '' is empty\n  hint: write it between the quotes"),
    ],
)
def test_an_empty_value_in_quotes_is_said_to_be_empty(
    workspace: Callable[[str], Path], setting: str, says: str
) -> None:
    """Not told to write in quotes what is already in quotes."""
    message = config_error(workspace("minimal"), GOOD + setting + "\n")
    assert "publisher.toml:8: " + says in message, message
    assert "in quotes" not in message


@pytest.mark.parametrize(
    ("setting", "hint"),
    [
        ('[feed]\nentries = "5"', "hint: remove the quotes around 5"),
        ('[limits]\nhtml_depth = "64"', "hint: remove the quotes around 64"),
        ('[limits]\nrender_seconds = "1.5"', "hint: remove the quotes around 1.5"),
    ],
)
def test_a_number_in_quotes_is_told_to_lose_them(
    workspace: Callable[[str], Path], setting: str, hint: str
) -> None:
    message = config_error(workspace("minimal"), GOOD + setting + "\n")
    assert "publisher.toml:8: " in message and hint in message, message


def test_toml_syntax_error_names_the_line(workspace: Callable[[str], Path]) -> None:
    assert "publisher.toml:2:" in config_error(workspace("minimal"), 'title = "T"\nbase_url = \n')


@pytest.mark.parametrize(
    ("text", "line", "hint"),
    [
        (  # pasted from a word processor
            GOOD.replace('title = "T"', "title = “Tenants News”"),
            1,
            'put the text in straight quotes ("…")',
        ),
        (
            GOOD.replace('name = "Org"', 'name = "Org"\nname = "Other"'),
            5,
            "'name' is given twice (lines 4 and 5)",
        ),
        (
            GOOD + '[organisation]\ncontact = "1 Quay St"\n',
            7,
            "[organisation] is given twice (lines 3 and 7)",
        ),
        (GOOD + "[web]\nsearch = False\n", 8, "write true or false, in lower case"),
        (  # the second of an array of tables: its own key twice, not the first one's
            GOOD + '[[x]]\nname = "a"\n[[x]]\nname = "b"\nname = "c"\n',
            11,
            "'name' is given twice (lines 10 and 11)",
        ),
        (GOOD.replace('name = "Org"', "name = Org"), 4, 'put the text in quotes: name = "Org"'),
        (
            GOOD + "[pdf]\npage_size = A5   # or A4\n",
            8,
            'put the text in quotes: page_size = "A5"   # or A4',
        ),
        (  # written as YAML and front matter write it
            GOOD.replace('title = "T"', "title: Tenants' News"),
            1,
            'TOML writes = between a key and its value: title = "Tenants\' News"',
        ),
        (GOOD.replace('title = "T"', 'title: "T"'), 1, 'between a key and its value: title = "T"'),
        (  # a path copied from Windows' Explorer: `\L` is no escape TOML has
            GOOD + '[style]\nlogo = "documents\\Logo.JPG"\n',
            8,
            "in double quotes a backslash starts an escape: use / between folders (or single"
            ' quotes): logo = "documents/Logo.JPG"',
        ),
        (
            GOOD + '[style]\nlogo = "C:\\Users\\Ana\\Logo.png"\n',
            8,
            'use / between folders (or single quotes): logo = "C:/Users/Ana/Logo.png"',
        ),
        (  # the quote typed, and not the one that ends the text
            GOOD + '[style]\naccent = "teal-ish\n',
            8,
            'close the quote: accent = "teal-ish"',
        ),
        (  # TOML says so at the end of the file: the line is where the quote opens
            GOOD + '[style]\naccent = \'teal-ish\nmasthead = "News"\n',
            8,
            "close the quote: accent = 'teal-ish'",
        ),
        (
            GOOD + '[style]\naccent = "teal-ish   # the band\n',
            8,
            'close the quote: accent = "teal-ish"   # the band',
        ),
        (
            GOOD + '[pdf]\npage_size = "A4" bleed = "3mm"   # with crop marks\n',
            8,
            'one setting to a line: put page_size = "A4" and bleed = "3mm" on lines of their own',
        ),
        (
            GOOD + '[pdf]\npage_size = "A5", bleed = "3mm", crop_marks = true\n',
            8,
            'put page_size = "A5" and bleed = "3mm" and crop_marks = true on lines of their own',
        ),
    ],
    ids=[
        "curly quotes",
        "a key twice",
        "a table twice",
        "Python's False",
        "twice in [[x]]",
        "no quotes",
        "no quotes before a comment",
        "a colon for =",
        "a colon for = and quotes",
        "a windows path",
        "a windows path with a drive",
        "an unclosed quote",
        "an unclosed single quote",
        "an unclosed quote before a comment",
        "two settings on one line",
        "three settings apart by commas",
    ],
)
def test_a_toml_mistake_gets_the_fix_for_it(
    workspace: Callable[[str], Path], text: str, line: int, hint: str
) -> None:
    """Every mistake was told "strings need quotes; tables look like [email]": baffling
    where quotes are there (curly ones), and a loop for `search = False` ("False" is then
    no true or false)."""
    message = config_error(workspace("minimal"), text)
    assert f"publisher.toml:{line}: not valid TOML" in message
    assert hint in message


def test_missing_required_setting_says_which(workspace: Callable[[str], Path]) -> None:
    message = config_error(workspace("minimal"), GOOD.replace('title = "T"\n', ""))
    assert "'title' is required" in message


def test_spaces_a_word_processor_typed_around_equals_are_read_as_typed(
    workspace: Callable[[str], Path],
) -> None:
    """Non-breaking ones (copied from a guide or an e-mail) around `=` and indenting."""
    root = workspace("minimal")
    typed = GOOD.replace('title = "T"', 'title\u00a0=\u00a0"T"').replace("name =", "\u00a0 name =")
    (root / "publisher.toml").write_text(typed)
    config = load_config(root)
    assert config.title == "T" and config.organisation == "Org"
