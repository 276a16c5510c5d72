"""A post of a social network pasted by its embed code (Instagram, TikTok, Threads,
Mastodon, a Substack post) shows what its card showed, words and all, and leads to the
post: in a document read as it is, and in a platform's post imported. Without the network's
script the code is what is left: a TikTok became a link to its author's profile, its words
gone; a Substack post a link saying "Read on Substack", its title gone; an Instagram post
"View this post on Instagram"."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from publisher.importers.platform_html import clean_post_html
from publisher.readers import read_document

INSTAGRAM = (  # as Instagram writes it today: no caption, a picture drawn with <div>s
    '<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/'
    'C1abcDEF/?utm_source=ig_embed&amp;utm_campaign=loading" data-instgrm-version="14" style='
    '"background:#FFF;"><div style="padding:16px;"> <a href="https://www.instagram.com/p/C1abc'
    'DEF/?utm_source=ig_embed&amp;utm_campaign=loading" target="_blank"> <div style="display:'
    ' flex;"><div style="background-color: #F4F4F4;"></div></div><div style="padding: 19% 0;">'
    '</div><div style="padding-top: 8px;"><div style="color:#3897f0;">View this post on Insta'
    'gram</div></div></a><p style="color:#c9c8cd;"><a href="https://www.instagram.com/p/C1abc'
    'DEF/?utm_source=ig_embed&amp;utm_campaign=loading" target="_blank">A post shared by Dock'
    'side Union (@docksideunion)</a></p></div></blockquote> <script async src="//www.instagram'
    '.com/embed.js"></script>'
)
INSTAGRAM_CAPTIONED = (  # as Instagram wrote it until 2019: the caption and the date
    '<blockquote class="instagram-media" data-instgrm-captioned data-instgrm-permalink="https:'
    '//www.instagram.com/p/BTl0wwNhD4x/" data-instgrm-version="7"><div style="padding:8px;">'
    ' <div style="background:#F8F8F8;"><div style="background:url(data:image/png;base64,iVBO)'
    ';"></div></div> <p style="margin:8px 0 0 0;"> <a href="https://www.instagram.com/p/BTl0ww'
    'NhD4x/" target="_blank">Strikers at the gates this morning.</a></p> <p>A post shared by '
    '<a href="https://www.instagram.com/docksideunion/" target="_blank"> Dockside Union</a> (@'
    'docksideunion) on <time datetime="2017-05-03T16:58:05+00:00">May 3, 2017 at 9:58am PDT'
    "</time></p></div></blockquote>"
)
TIKTOK = (
    '<blockquote class="tiktok-embed" cite="https://www.tiktok.com/@union/video/7234567890" '
    'data-video-id="7234567890" style="max-width: 605px;"> <section> <a target="_blank" '
    'title="@union" href="https://www.tiktok.com/@union?refer=embed">@union</a> Why we strike,'
    ' in sixty seconds <a title="strike" target="_blank" href="https://www.tiktok.com/tag/'
    'strike?refer=embed">#strike</a> </section> </blockquote> <script async src="https://www.'
    'tiktok.com/embed.js"></script>'
)
THREADS = (
    '<blockquote class="text-post-media" data-text-post-permalink="https://www.threads.net/'
    '@union/post/C9xyz" data-text-post-version="0" id="ig-tp-C9xyz"> <a href="https://www.'
    'threads.net/@union/post/C9xyz" target="_blank"> <div style="padding: 40px;"> <div>Post by'
    " @union</div> <div>View on Threads</div></div></a></blockquote>"
)
MASTODON = (
    '<blockquote class="mastodon-embed" data-embed-url="https://social.example/@union/1123/'
    'embed"> <a href="https://social.example/@union/1123" target="_blank"> <svg xmlns="http:'
    '//www.w3.org/2000/svg" viewBox="0 0 79 75"><path d="M63 45"/></svg> <div>Post by @union'
    "@social.example</div> <div>View on Mastodon</div> </a> </blockquote>"
)
SUBSTACK = (
    '<div class="substack-post-embed"><p lang="en">Why we strike by Ana Ruiz</p><p>The ballot'
    ' and what comes next</p><a data-post-link href="https://union.substack.com/p/why-we-strike'
    '">Read on Substack</a></div><script async src="https://substack.com/embedjs/embed.js" '
    'charset="utf-8"></script>'
)

# Each post: the lines a reader is to see, in order, and the address one of them leads to
SHOWN = {
    "instagram": (
        INSTAGRAM,
        ["A post shared by Dockside Union (@docksideunion)"],
        "https://www.instagram.com/p/C1abcDEF/",
    ),
    "instagram, captioned": (
        INSTAGRAM_CAPTIONED,
        [
            "Strikers at the gates this morning.",
            "A post shared by Dockside Union (@docksideunion) on May 3, 2017 at 9:58am PDT",
        ],
        "https://www.instagram.com/p/BTl0wwNhD4x/",
    ),
    "tiktok": (
        TIKTOK,
        [
            "@union Why we strike, in sixty seconds #strike",
            "https://www.tiktok.com/@union/video/7234567890",
        ],
        "https://www.tiktok.com/@union/video/7234567890",
    ),
    "threads": (THREADS, ["Post by @union"], "https://www.threads.net/@union/post/C9xyz"),
    "mastodon": (
        MASTODON,
        ["Post by @union@social.example"],
        "https://social.example/@union/1123",
    ),
    "substack": (
        SUBSTACK,
        ["Why we strike by Ana Ruiz", "The ballot and what comes next"],
        "https://union.substack.com/p/why-we-strike",
    ),
}
NETWORKS_OWN_WORDS = ("View this post", "View on", "Read on Substack")


def shown_between(body_html: str) -> tuple[lxml.html.HtmlElement, list[str], set[str]]:
    """What stands between "Before." and "After." in `body_html`: its one element, the
    lines of words it shows, the addresses it links to."""
    root = lxml.html.fragment_fromstring(body_html, create_parent="div")
    blocks = [child for child in root if child.text_content().strip()]
    texts = [" ".join(block.text_content().split()) for block in blocks]
    assert texts[0] == "Before." and texts[-1] == "After.", texts
    assert len(blocks) == 3, texts  # the post is one block: a paragraph or a quote
    post = blocks[1]
    lines = [" ".join(p.text_content().split()) for p in post.iter("p")]
    return post, lines, {a.get("href") for a in post.iter("a")}


@pytest.mark.parametrize("network", SHOWN)
@pytest.mark.parametrize(
    "written_in", ["markdown", "html page", "imported post", "imported post, in a card"]
)
def test_an_embedded_post_shows_its_words_and_leads_to_the_post(
    tmp_path: Path, network: str, written_in: str
) -> None:
    code, lines, address = SHOWN[network]
    if written_in == "imported post, in a card":  # WordPress's embed block, Ghost's card
        code = (
            '<figure class="wp-block-embed is-type-rich"><div class="wp-block-embed__wrapper">'
            f"{code}</div></figure>"
        )
    if written_in.startswith("imported post"):
        body = clean_post_html(f"<p>Before.</p>{code}<p>After.</p>", None).html
    else:
        path = tmp_path / ("post.md" if written_in == "markdown" else "post.html")
        path.write_text(
            f"---\ntitle: Posts\n---\n\nBefore.\n\n{code}\n\nAfter.\n"
            if written_in == "markdown"
            else f"<html><head><title>Posts</title></head><body><p>Before.</p>{code}"
            "<p>After.</p></body></html>",
            encoding="utf-8",
        )
        body = read_document(path, "post", tmp_path, "en").body_html
    post, shown, links = shown_between(body)
    assert shown == lines
    assert address in links
    assert post.tag == ("p" if len(lines) == 1 else "blockquote")
    for words in NETWORKS_OWN_WORDS:
        assert words not in post.text_content()
    assert not any("utm_" in link or "refer=embed" in link for link in links)


def test_an_embed_code_of_nothing_leaves_nothing_and_the_text_after_it(tmp_path: Path) -> None:
    body = clean_post_html(
        '<p>Before.</p><blockquote class="tiktok-embed"> </blockquote><p>After.</p>', None
    ).html
    assert body == "<p>Before.</p><p>After.</p>"


def test_a_document_nested_deeper_than_lxml_reads_keeps_its_words(tmp_path: Path) -> None:
    """libxml2 leaves out what is nested over 256 deep: the text written out again from its
    tree would have lost those words."""
    path = tmp_path / "post.md"
    deep = "<div>" * 300 + "The deep words." + "</div>" * 300
    path.write_text(f"Before.\n\n{TIKTOK}\n\n{deep}\n\nAfter.\n", encoding="utf-8")
    body = read_document(path, "post", tmp_path, "en").body_html
    assert "The deep words." in body and "Why we strike" in body
