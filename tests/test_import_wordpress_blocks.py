"""`publisher import` of a WordPress post's blocks that a browser draws (an audio or video
block's player, a details block's folded text, a quote block's source, an accordion's
questions, a verse) and its plugins' shortcodes. Each must reach the document as the
site's reader saw it: not as a bare address, a plain paragraph, code, a name read as one
of the quote's lines, or the shortcode as typed."""

from __future__ import annotations

from pathlib import Path

from platform_exports import imported, text_of
from test_import_platforms import WXR_IN_A_FOLDER

from publisher.importers.platform_report import rows

WXR = WXR_IN_A_FOLDER.replace("<p>Three hundred at the gates.</p>", "{content}")


def paragraphs_imported(tmp_path: Path, content: str) -> list[str]:
    """The Markdown paragraphs of a post whose content is `content`, imported."""
    export = tmp_path / "site.WordPress.2026-03-05.xml"
    export.write_text(WXR.replace("{content}", content), encoding="utf-8")
    root, _ = imported(export, tmp_path)
    return text_of(root, "rally-report")[1].strip().split("\n\n")


UPLOADS = "https://example.org/newsletter/wp-content/uploads/2026/03"
BLOCKS = f"""<!-- wp:paragraph -->
<p>Three hundred at the gates.</p>
<!-- /wp:paragraph -->

<!-- wp:audio -->
<figure class="wp-block-audio"><audio controls src="{UPLOADS}/speech.mp3"></audio><figcaption
 class="wp-element-caption">The convenor at the gates</figcaption></figure>
<!-- /wp:audio -->

<!-- wp:video -->
<figure class="wp-block-video"><video controls src="{UPLOADS}/march.mp4"></video></figure>
<!-- /wp:video -->

<!-- wp:details -->
<details class="wp-block-details"><summary>Strike pay rules</summary><!-- wp:paragraph -->
<p>Claim by Friday.</p>
<!-- /wp:paragraph --></details>
<!-- /wp:details -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><!-- wp:paragraph -->
<p>Not a penny less.</p>
<!-- /wp:paragraph --><cite>Maria, cleaner</cite></blockquote>
<!-- /wp:quote -->

<!-- wp:pullquote -->
<figure class="wp-block-pullquote"><blockquote><p>No more.</p><cite>— Ana</cite></blockquote></figure>
<!-- /wp:pullquote -->
"""


def test_players_folded_text_and_quotes_sources_read_as_the_site_showed_them(
    tmp_path: Path,
) -> None:
    """An audio block was a figure of its bare address over its caption; a details block's
    summary a plain paragraph, as if the text's own; a quote's source (<cite>) one more of
    its lines. The recording is now a link named by its caption (a video without one by
    its address), the summary bold over the text it folded, the source "— Maria"."""
    assert paragraphs_imported(tmp_path, BLOCKS) == [
        "Three hundred at the gates.",
        f"[The convenor at the gates]({UPLOADS}/speech.mp3)",
        f"<{UPLOADS}/march.mp4>",
        "**Strike pay rules**",
        "Claim by Friday.",
        "> Not a penny less.\n>\n> — Maria, cleaner",
        "::: figure\n> No more.\n>\n> — Ana\n:::",
    ]


PLUGIN_SHORTCODES = """<p>The branch met on Thursday.</p>
[pullquote]Not a penny less.[/pullquote]
[su_quote cite="Maria, cleaner"]We will not go back.[/su_quote]
[su_spoiler title="Strike pay rules" style="fancy"]Claim by Friday.[/su_spoiler]
[googlemaps https://maps.google.com/maps?q=Riverside+Hall&amp;output=embed]
[ctct form="1"]
[contact-form 1 "Contact form 1"]
[instagram-feed num=6]
[ssba]
[wp_ad_camp_1]
[toc]
<p>They said [sic] it was [toc of the list] and [subscribe to our list].</p>
"""


def test_a_plugins_shortcodes_show_what_the_site_showed_and_its_widgets_go(
    tmp_path: Path,
) -> None:
    """A plugin's quote, fold and map were printed as typed ("[pullquote]Not a penny
    less.[/pullquote]"), or lost their quote's source and fold's title with the page
    builders' tags; a newsletter form, a feed of the site's Instagram, a share bar, an
    advert and a list of contents were printed as typed. A form still goes when its
    attributes are given alone (Contact Form 7's first kind); words in brackets that are
    no plugin's stay."""
    assert paragraphs_imported(tmp_path, PLUGIN_SHORTCODES) == [
        "The branch met on Thursday.",
        "> Not a penny less.",
        "> We will not go back.\n>\n> — Maria, cleaner",
        "**Strike pay rules**",
        "Claim by Friday.",
        "<https://maps.google.com/maps?q=Riverside+Hall&output=embed>",
        "They said \\[sic\\] it was \\[toc of the list\\] and \\[subscribe to our list\\].",
    ]


TABS = """<p>Our demands, in both languages.</p>
[su_tabs][su_tab title="English"]<p>Pay every hour worked.</p>[/su_tab]
[su_tab title="Español" disabled="no"]<p>Pagar cada hora trabajada.</p>[/su_tab][/su_tabs]
[vc_tta_tabs][vc_tta_section title="How to claim" tab_id="1"]
[vc_column_text]<p>Ask your steward.</p>[/vc_column_text][/vc_tta_section][/vc_tta_tabs]
[et_pb_tabs][et_pb_tab title="Dates" _builder_version="4.9"]<p>From 3 March.</p>[/et_pb_tab]
[/et_pb_tabs]
[et_pb_toggle title="Who can vote?" open="off"]<p>Every member.</p>[/et_pb_toggle]
[fusion_tabs][fusion_tab title="Where"]<p>Gate 4.</p>[/fusion_tab][/fusion_tabs]
"""


def test_a_plugins_or_page_builders_tabs_and_toggles_keep_their_titles(tmp_path: Path) -> None:
    """A statement in two languages in Shortcodes Ultimate's tabs, a page builder's tabs
    and toggles (WPBakery, Divi, Avada): their tags went as a layout's, and each tab's
    title with them, so the texts came one after the other with nothing saying which
    language or question each was. Each is its title in bold over its text, as a fold."""
    assert paragraphs_imported(tmp_path, TABS) == [
        "Our demands, in both languages.",
        "**English**",
        "Pay every hour worked.",
        "**Español**",
        "Pagar cada hora trabajada.",
        "**How to claim**",
        "Ask your steward.",
        "**Dates**",
        "From 3 March.",
        "**Who can vote?**",
        "Every member.",
        "**Where**",
        "Gate 4.",
    ]


ACCORDION = """<!-- wp:accordion -->
<div class="wp-block-accordion"><!-- wp:accordion-item -->
<div class="wp-block-accordion-item"><!-- wp:accordion-heading -->
<h3 class="wp-block-accordion-heading"><button class="wp-block-accordion-heading__toggle"
 aria-expanded="false"><span class="wp-block-accordion-heading__toggle-title">How is strike
 pay paid?</span><span class="wp-block-accordion-heading__toggle-icon"
 aria-hidden="true">+</span></button></h3>
<!-- /wp:accordion-heading --><!-- wp:accordion-panel -->
<div class="wp-block-accordion-panel"><!-- wp:paragraph -->
<p>Weekly, by transfer.</p>
<!-- /wp:paragraph --></div>
<!-- /wp:accordion-panel --></div>
<!-- /wp:accordion-item --></div>
<!-- /wp:accordion -->
<p><button type="button" class="subscribe-button">Subscribe</button></p>
"""


def test_an_accordions_questions_keep_their_words(tmp_path: Path) -> None:
    """An accordion's question is a heading whose words are in a button, as the disclosure
    pattern writes it (WordPress's accordion block, a theme's FAQ): buttons went whole as
    furniture, and the question with them, leaving an empty heading over its answer. Its
    words stay, without the +; a button elsewhere still goes."""
    assert paragraphs_imported(tmp_path, ACCORDION) == [
        "### How is strike pay paid?",
        "Weekly, by transfer.",
    ]


VERSE = """<!-- wp:verse -->
<pre class="wp-block-verse">When the union's inspiration
Through the workers' blood shall run,

There can be no power greater
Anywhere beneath the sun.</pre>
<!-- /wp:verse -->
"""


def test_a_verse_is_printed_as_lines_not_as_code(tmp_path: Path) -> None:
    """WordPress keeps a verse block (a song's words, a poem) in a <pre> for its lines: it
    became a code block, printed in a fixed-width box. Each stanza is a paragraph, its
    lines broken where they were."""
    assert paragraphs_imported(tmp_path, VERSE) == [
        "When the union's inspiration\\\nThrough the workers' blood shall run,",
        "There can be no power greater\\\nAnywhere beneath the sun.",
    ]


NEWER_VERSE = """<!-- wp:verse -->
<pre class="wp-block-verse">We are <em>many</em>,<br>they are few.<br><br>Solidarity <strong>forever</strong><br>for the union makes us strong.</pre>
<!-- /wp:verse -->
"""


def test_a_verses_lines_broken_by_br_and_its_emphasis_are_kept(tmp_path: Path) -> None:
    """Newer WordPress ends a verse's lines with <br>, not new lines: its lines ran into
    one another ("many,they are few."), and a word the poet set in italics or bold lost
    it. Its lines stay lines, its stanzas paragraphs, its emphasis where it was."""
    assert paragraphs_imported(tmp_path, NEWER_VERSE) == [
        "We are *many*,\\\nthey are few.",
        "Solidarity **forever**\\\nfor the union makes us strong.",
    ]


PLUGINS_LEFT = """<p>Rents by district:</p>
<p>[table id=1 /][comment type="hidden"]Check the figures with Ana.[/comment]</p>
<p>[team columns="3"]Our organisers[/team]</p>
<p>Rents rose [sic] again; <code>[shortcode attr="1"]</code> is how a plugin is called.</p>
"""


def test_shortcodes_publisher_does_not_know_are_kept_and_reported(tmp_path: Path) -> None:
    """A plugin's shortcode (TablePress's table, a theme's team grid) that publisher cannot
    draw was printed as typed without a word, and the table it stood for missed. It is
    kept as typed, so nothing goes, and the report's line for the post names each, once;
    bracketed words and code are not shortcodes. A note the writer hid in a `[comment]`
    goes, and is not named: it was never shown."""
    export = tmp_path / "site.WordPress.2026-03-05.xml"
    export.write_text(WXR.replace("{content}", PLUGINS_LEFT), encoding="utf-8")
    root, report = imported(export, tmp_path)
    text = text_of(root, "rally-report")[1]
    assert r"\[table id=1 /\]" in text and "Ana" not in text  # brackets, not a link
    (line,) = [row for row in rows(report, root) if row[0] == "post: Rally report"]
    assert line[2].endswith(
        ", printed as typed, drawn by a plugin of the site: [table id=1 /],"
        ' [team columns="3"]; write in what they showed'
    )


MEMBERS_ONLY = """<p>The pay offer is 4%.</p>
<p>[restrict level="1"]Members: the ballot code is 7731.[/restrict]</p>
[membership level="2"]<p>Branch officers meet on Tuesday.</p>[/membership]
<p>[team_member name="Ana"]Ana chairs the branch.[/team_member]</p>
"""


def test_what_a_membership_plugin_shows_members_only_is_left_out_and_reported(
    tmp_path: Path,
) -> None:
    """A union's site shows some of a public post to signed-in members only, through a
    membership plugin's shortcode (Restrict Content Pro's [restrict], Paid Memberships Pro's
    [membership]): its words were imported, and with the report's new naming of shortcodes
    printed as typed, published in the open web archive. They are left out, and the report
    says so; a theme's team card is not a membership's."""
    export = tmp_path / "site.WordPress.2026-03-05.xml"
    export.write_text(WXR.replace("{content}", MEMBERS_ONLY), encoding="utf-8")
    root, report = imported(export, tmp_path)
    text = text_of(root, "rally-report")[1]
    assert "The pay offer is 4%." in text and "Ana chairs the branch." in text
    assert "7731" not in text and "Tuesday" not in text
    (line,) = [row for row in rows(report, root) if row[0] == "post: Rally report"]
    assert (
        "its parts for the site's members only left out (the web archive is open to all)" in line[2]
    )
