"""Language tags: written in their canonical BCP 47 form, checked against the IANA registry
(langcodes), with a shortcut for the common canonical forms that must agree with it."""

from __future__ import annotations

import langcodes
import pytest

from publisher.languages import _LANGUAGES, _REGIONS, NotALanguage, language_tag


@pytest.mark.parametrize(
    ("given", "canonical"),
    [("en", "en"), ("EN_gb", "en-GB"), ("pt-br", "pt-BR"), ("es-419", "es-419"), ("iw", "he")],
)
def test_a_tag_is_written_in_its_canonical_form(given: str, canonical: str) -> None:
    assert language_tag(given) == canonical


@pytest.mark.parametrize("given", ["english", "../../etc/x", "en-GB-", "xx-YU", ""])
def test_what_is_no_tag_is_refused_with_a_hint(given: str) -> None:
    with pytest.raises(NotALanguage) as refused:
        language_tag(given)
    assert "BCP 47" in refused.value.hint


def test_every_tag_the_shortcut_answers_is_valid_and_canonical_for_langcodes() -> None:
    """Each language alone, with three regions, and three languages with each region (all
    183 × 299 pairs were checked once; these cover every entry of both tables)."""
    pairs = [(lang, "") for lang in _LANGUAGES]
    pairs += [(lang, region) for lang in _LANGUAGES for region in ("GB", "MX", "ZZ")]
    pairs += [(lang, region) for lang in ("en", "ar", "zh") for region in _REGIONS]
    for language, region in pairs:
        tag = f"{language}-{region}" if region else language
        assert langcodes.tag_is_valid(tag) and langcodes.standardize_tag(tag) == tag, tag
        assert language_tag(tag) == tag
