"""A site copied whole into documents/, as editors coming from a static site generator copy
it: its posts are documents; its templates, theme, packages and built pages are not (they
were listed by `publisher list` beside the posts, as documents of slugs like `single`,
`footer` and `index`, and a built `public/` held a second copy of every post)."""

from __future__ import annotations

from pathlib import Path

import pytest

from publisher.pool import DocumentPool


def _files(root: Path, names: list[str]) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x\n", encoding="utf-8")


def test_a_hugo_sites_templates_theme_and_built_pages_are_no_documents(tmp_path: Path) -> None:
    documents = tmp_path / "documents"
    _files(
        documents / "tenants-site",
        [
            "hugo.toml",
            "content/posts/rent-strike.md",
            "content/posts/march/index.md",
            "layouts/_default/single.html",
            "layouts/partials/footer.html",
            "archetypes/default.md",
            "themes/ananke/README.md",
            "public/posts/rent-strike/index.html",
            "resources/_gen/assets/readme.md",
            "node_modules/postcss/README.md",
        ],
    )
    found = {path.as_posix() for path in DocumentPool.scan(documents).files}
    assert found == {
        "tenants-site/content/posts/rent-strike.md",
        "tenants-site/content/posts/march/index.md",
    }


@pytest.mark.parametrize("site", ["x/", ""])  # copied into documents/, or as documents/
@pytest.mark.parametrize(
    "config", ["hugo.toml", "config/_default/hugo.toml", "config/_default/config.yaml"]
)
def test_a_hugo_sites_own_readme_and_machinery_are_no_documents_wherever_its_config_is(
    tmp_path: Path, config: str, site: str
) -> None:
    """Sites started from Docsy, Blowfish or Congo keep their configuration in
    config/_default/: their theme's example site, archetypes, shortcodes and built pages
    were listed as documents (demo, default, myalert, posts), and so was the README.md at
    the root of the site's repository, which Hugo never publishes."""
    documents = tmp_path / "documents"
    _files(
        documents / site,
        [
            config,
            "README.md",
            "content/posts/a.md",
            "content/_index.md",
            "themes/t/exampleSite/content/demo.md",
            "themes/t/README.md",
            "archetypes/default.md",
            "layouts/shortcodes/myalert.html",
            "public/posts/index.html",
        ],
    )
    found = {path.as_posix() for path in DocumentPool.scan(documents).files}
    assert found == {f"{site}content/posts/a.md", f"{site}content/_index.md"}


def test_a_jekyll_sites_layouts_includes_and_built_site_are_no_documents(tmp_path: Path) -> None:
    documents = tmp_path / "documents"
    _files(
        documents / "blog",
        [
            "_config.yml",
            "_posts/2024-03-01-lifts-broken-again.md",
            "_drafts/ballot.md",
            "about.md",
            "_layouts/post.html",
            "_includes/footer.html",
            "_site/2024/03/01/lifts-broken-again.html",
        ],
    )
    found = {path.as_posix() for path in DocumentPool.scan(documents).files}
    assert found == {
        "blog/_posts/2024-03-01-lifts-broken-again.md",
        "blog/_drafts/ballot.md",
        "blog/about.md",
    }


def test_an_editors_own_folder_named_public_or_layouts_holds_documents(tmp_path: Path) -> None:
    """Only beside a Hugo site's configuration and content/ are they Hugo's."""
    documents = tmp_path / "documents"
    _files(documents, ["public/statement.md", "layouts/leaflet-text.md"])
    found = {path.as_posix() for path in DocumentPool.scan(documents).files}
    assert found == {"public/statement.md", "layouts/leaflet-text.md"}
