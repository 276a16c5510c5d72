"""A paragraph written the other way from its document reads its own way in every output: an
English paragraph in a Farsi statement starts at the left with its full stop at its end, an
Arabic slogan quoted as a paragraph of an English report starts at the right, and each says
its language. Words of the other direction inside a sentence, and a web address in an
Arabic sentence, leave the paragraph as it is. A document that does not say its language
is in the one its letters tell, when they run the other way from the newsletter's.

The workspace is tests/workspaces/minimal with a Farsi statement and an English report
written here, and an editorial with an Arabic line. The web page, the email and the EPUB's
chapter are shown in headless Chromium; the PDF's words are found where pymupdf reads them.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import lxml.html
import pymupdf
import pytest
from bounded import finishes_within
from conftest import FIXED_EPOCH, minimal_with
from parsed_outputs import holding
from playwright.sync_api import Page
from test_metadata_docx_language import office_file
from test_office_contents import with_part_changed

from publisher.build import BuildReport, build
from publisher.readers import read_document
from publisher.renderers.email.browser import show_email

ISSUE = "001-first"
FARSI_STATEMENT = "ما می\u200cخواهیم که دستمزدها افزایش یابد"
ENGLISH_TRANSLATION = "The English translation follows the statement, as read at the rally."
WITH_ADDRESS = "برای اطلاعات بیشتر"
SLOGAN = "الخبز والحرية والعدالة الاجتماعية"
FARSI_DEMAND = "دستمزد بیشتر برای همه"
QUOTING = "The crowd chanted"
UNION_CALL = "Unite النقابة تدعو إلى الإضراب العام في كل الموانئ"  # Arabic, from an English name
EDITORIAL_LINE = "تحية إلى عمال النسيج"
# Words of the other direction inside a sentence, unmarked as an editor types them: a place
# followed by a figure, a Hebrew greeting, and a Farsi word with no letter Arabic lacks.
PLACE = "كفر المناسج"
WITH_FIGURE = f"In {PLACE} 3,000 workers struck on 4 March."
GREETING = "שלום עליכם"
FARSI_WORD = "اعتصاب"
WITH_CODE = "سندها را در"  # … `documents/` بگذارید (`.docx`).

FARSI = f"""\
---
title: "بیانیه کارگران"
lang: fa
---

{FARSI_STATEMENT}. کارگران در خیابان\u200cها جمع شدند.

{ENGLISH_TRANSLATION} The banner said {FARSI_WORD}.

{WITH_ADDRESS}: https://strike.example.org/bayan/2026/statement-of-the-textile-workers

{WITH_CODE} `documents/` بگذارید (`.docx`).

"""
REPORT = f"""\
---
title: Solidarity from the docks
---

The dockers sent greetings to the textile workers.

> {SLOGAN}

- Tehran
- {FARSI_DEMAND}

{QUOTING} «الخبز والحرية» for an hour.

{UNION_CALL}

{WITH_FIGURE} Comrades in Haifa wrote {GREETING} to them.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildReport:
    root = minimal_with(
        tmp_path_factory.mktemp("directions") / "ws", {"farsi.md": FARSI, "report.md": REPORT}
    )
    manifest = root / "issues" / f"{ISSUE}.yaml"
    manifest.write_text(
        manifest.read_text().replace(
            "Hello from the editors.\n", f"Hello from the editors.\n\n  {EDITORIAL_LINE}\n"
        )
    )
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        return build(root)


def marks(root: lxml.html.HtmlElement, phrase: str) -> tuple[str | None, str | None]:
    element = holding(root, phrase)
    return element.get("dir"), element.get("lang")


def test_a_paragraph_written_the_other_way_says_its_direction_and_language(
    built: BuildReport,
) -> None:
    for page in ["index.html", "farsi/index.html", "report/index.html"]:
        root = lxml.html.parse(str(built.out_dir / ISSUE / page)).getroot()
        if FARSI_STATEMENT in root.text_content():
            assert marks(root, ENGLISH_TRANSLATION) == ("ltr", "en")
            assert marks(root, FARSI_STATEMENT) == (None, None)  # the article's own
            assert marks(root, WITH_ADDRESS) == (None, None)  # the address does not turn it
        if SLOGAN in root.text_content():
            assert marks(root, SLOGAN) == ("rtl", "ar")
            assert marks(root, FARSI_DEMAND) == ("rtl", "fa")
            assert marks(root, "Tehran") == (None, None)
            assert marks(root, QUOTING) == (None, None)  # a few Arabic words in English
            assert marks(root, UNION_CALL) == ("rtl", "ar")
    issue_page = lxml.html.parse(str(built.out_dir / ISSUE / "index.html")).getroot()
    assert marks(issue_page, EDITORIAL_LINE) == ("rtl", "ar")


def test_a_phrase_written_the_other_way_inside_a_sentence_says_its_direction_and_language(
    built: BuildReport,
) -> None:
    """Marked by itself, its sentence left as it is: a screen reader speaks it in its
    language, the theme sets its size (partials/arabic-size.css)."""
    report = lxml.html.parse(str(built.out_dir / ISSUE / "report" / "index.html")).getroot()
    assert marks(report, PLACE) == ("rtl", "ar")
    assert holding(report, PLACE).text == PLACE  # the figure is not in it
    assert marks(report, GREETING) == ("rtl", "he")
    assert marks(report, "الخبز والحرية") == ("rtl", "ar")  # its quote marks outside
    assert holding(report, "الخبز والحرية").text == "الخبز والحرية"
    (sentence,) = [p for p in report.iter("p") if "Comrades in Haifa" in p.text_content()]
    assert (sentence.get("dir"), sentence.get("lang")) == (None, None)
    # In a Farsi statement's English paragraph, a word in Arabic letters is the statement's
    # language, Farsi, though no letter of it tells Farsi from Arabic.
    farsi = lxml.html.parse(str(built.out_dir / ISSUE / "farsi" / "index.html")).getroot()
    assert marks(farsi, "The banner said") == ("ltr", "en")
    assert marks(farsi, FARSI_WORD) == ("rtl", "fa")


FIGURE_AND_PLACE = """([place, figure]) => {
    const where = (words) => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let text = walker.nextNode(); text; text = walker.nextNode()) {
            const at = text.data.indexOf(words);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(text, at);
            range.setEnd(text, at + words.length);
            const box = range.getBoundingClientRect();
            return [box.left, box.right];
        }
    };
    return [where(place), where(figure)];
}"""


def test_a_paragraph_of_thousands_of_phrases_the_other_way_is_marked_in_linear_time() -> None:
    """In a child bounded at 10 s (this takes about a second): each phrase's span was put
    in by its index among the paragraph's children, counted to it each time: 20,000 took
    6 s, 40,000 half a minute."""
    finishes_within(
        10,
        "from publisher.readers.directions import marked_directions",
        "body = marked_directions('<p>Start ' + 'سلام word ' * 40_000 + '<b>end</b></p>', 'en')",
        'assert body.count(\'<span lang="ar" dir="rtl">سلام</span> word \') == 40_000',
        "assert body.startswith('<p>Start <span') and body.endswith('<b>end</b></p>'), body[-40:]",
    )


def test_a_figure_after_an_arabic_name_stays_after_it_on_the_web_and_in_the_pdf(
    page: Page, built: BuildReport
) -> None:
    """Unmarked, the bidirectional algorithm reads "3,000" after Arabic letters as Arabic's
    and draws it before the name: "In 3,000 كفر المناسج workers"."""
    page.unroute_all()
    page.set_viewport_size({"width": 900, "height": 900})
    page.goto((built.out_dir / ISSUE / "report" / "index.html").as_uri())
    place, figure = page.evaluate(FIGURE_AND_PLACE, [PLACE, "3,000"])
    assert figure[0] >= place[1] - 1, f"the figure at {figure}, the place at {place}"
    with pymupdf.open(built.out_dir / ISSUE / f"{ISSUE}.pdf") as pdf:
        pdf_page = next(p for p in pdf if p.search_for("3,000 workers"))
        words = pdf_page.get_text("words")
    (figure_word,) = [w for w in words if w[4] == "3,000"]
    line = [w for w in words if abs(w[1] - figure_word[1]) < 3]
    arabic = [w for w in line if w[4] in PLACE.split()]
    assert len(arabic) == 2, line
    assert figure_word[0] >= max(w[2] for w in arabic) - 1, line


NAMED_ADDRESS = "Facebook: https://facebook.com/textileunion"
FOLLOW_US = f"""\
---
title: "ما را دنبال کنید"
lang: fa
---

ما را در {NAMED_ADDRESS} دنبال کنید.
"""
NAMED_THEN_ADDRESS = """() => {
    const link = document.querySelector('a[href="https://facebook.com/textileunion"]');
    const before = link.previousSibling.lastChild || link.previousSibling;
    const left = (node, i) => { const r = document.createRange(); r.setStart(node, i);
                                r.setEnd(node, i + 1); return r.getBoundingClientRect().left; };
    return [left(before, before.textContent.indexOf("Facebook")), left(link.firstChild, 0)];
}"""


def test_english_words_before_an_address_in_a_right_to_left_sentence_stay_before_it(
    page: Page, tmp_path: Path
) -> None:
    """ "Facebook: https://…" in a Farsi sentence is one left-to-right run, its word left of
    the address, on the web and in the PDF: the address, set apart to keep its own slashes
    and dots in order, was drawn left of it ("https://… :Facebook")."""
    root = minimal_with(tmp_path / "ws", {"follow.md": FOLLOW_US})
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        out = build(root, formats=["web", "pdf"]).out_dir / ISSUE
    page.unroute_all()
    page.set_viewport_size({"width": 900, "height": 900})
    page.goto((out / "follow" / "index.html").as_uri())
    name, address = page.evaluate(NAMED_THEN_ADDRESS)
    assert name < address, f"Facebook at {name}, the address at {address}"
    with pymupdf.open(out / f"{ISSUE}.pdf") as pdf:
        words = next(p.get_text("words") for p in pdf if p.search_for("Facebook"))
    (facebook,) = [w for w in words if w[4].startswith("Facebook")]
    line = sorted((w for w in words if abs(w[1] - facebook[1]) < 3), key=lambda w: w[0])
    drawn = " ".join(w[4] for w in line)
    assert NAMED_ADDRESS in drawn, drawn


def ends_of(page: Page, phrase: str) -> tuple[float, float, float, float]:
    """Where the paragraph holding `phrase` is drawn: its box's left and right, and the left
    of its first and of its last character."""
    found: tuple[float, float, float, float] = page.evaluate(
        """phrase => {
            const block = [...document.querySelectorAll("p")]
                .find(p => p.textContent.includes(phrase));
            const text = document.createTreeWalker(block, NodeFilter.SHOW_TEXT).nextNode();
            const at = (i) => { const r = document.createRange(); r.setStart(text, i);
                                r.setEnd(text, i + 1); return r.getBoundingClientRect().left; };
            const box = block.getBoundingClientRect();
            return [box.left, box.right, at(0), at(text.length - 1)];
        }""",
        phrase,
    )
    return found


def assert_starts_left(page: Page, phrase: str) -> None:
    left, _, first, last = ends_of(page, phrase)
    assert first - left < 2, f"{phrase!r} starts {first - left:.0f} px in from the left"
    assert first < last, f"{phrase!r} reads left to right: its full stop right of its first word"


def assert_starts_right(page: Page, phrase: str) -> None:
    _, right, first, last = ends_of(page, phrase)
    assert right - first < 20, f"{phrase!r} starts {right - first:.0f} px in from the right"
    assert first > last, f"{phrase!r} reads right to left"


def test_on_the_web_and_in_the_email_each_paragraph_starts_on_its_own_side(
    page: Page, built: BuildReport
) -> None:
    page.set_viewport_size({"width": 600, "height": 900})
    page.goto((built.out_dir / ISSUE / "index.html").as_uri())
    assert_starts_left(page, ENGLISH_TRANSLATION)
    assert_starts_right(page, SLOGAN)
    show_email(page, built.out_dir / ISSUE / "email.html", 600)
    assert_starts_left(page, ENGLISH_TRANSLATION)
    assert_starts_right(page, SLOGAN)


def test_in_the_epub_each_paragraph_starts_on_its_own_side(
    page: Page, built: BuildReport, tmp_path: Path
) -> None:
    with zipfile.ZipFile(built.out_dir / ISSUE / f"{ISSUE}.epub") as book:
        book.extractall(tmp_path)
    chapters = [
        path for path in tmp_path.rglob("*.xhtml") if ENGLISH_TRANSLATION in path.read_text()
    ]
    assert chapters, "the Farsi statement's chapter"
    page.unroute_all()  # show_email's: it lets the email's file only
    page.set_viewport_size({"width": 600, "height": 900})
    page.goto(chapters[0].as_uri())
    assert_starts_left(page, ENGLISH_TRANSLATION)


def test_in_the_pdf_the_english_paragraph_starts_at_the_left_margin(built: BuildReport) -> None:
    with pymupdf.open(built.out_dir / ISSUE / f"{ISSUE}.pdf") as pdf:
        for page in pdf:
            if found := page.search_for(ENGLISH_TRANSLATION[:30]):
                # the page's left margin: where its English text, and each full line, starts
                margin = min(block[0] for block in page.get_text("blocks"))
                assert abs(found[0].x0 - margin) < 1, "left-aligned, as English text"
                return
    pytest.fail("the English translation is in the PDF")


def test_in_the_pdfs_contents_every_page_number_stands_at_the_same_edge(
    built: BuildReport,
) -> None:
    """The Farsi statement's entry among English ones: its title at the start, its page
    number at the end, as theirs; not the other way round."""
    with pymupdf.open(built.out_dir / ISSUE / f"{ISSUE}.pdf") as pdf:
        contents = next(page for page in pdf if page.search_for("Contents"))
        spans = [
            span
            for block in contents.get_text("dict")["blocks"]
            for line in block.get("lines", [])
            for span in line["spans"]
        ]
    leaders = [span["bbox"][1] for span in spans if "....." in span["text"]]
    numbers = [
        round(span["bbox"][2])
        for span in spans
        if span["text"].strip().isdigit() and any(abs(span["bbox"][1] - y) < 3 for y in leaders)
    ]
    assert len(numbers) >= 5, "the editorial's and four articles' page numbers"
    assert len(set(numbers)) == 1, f"page numbers end at {sorted(set(numbers))} pt"


CODE_READS = """code => {
    const text = code.firstChild;
    const at = (i) => { const r = document.createRange(); r.setStart(text, i);
                        r.setEnd(text, i + 1); return r.getBoundingClientRect().left; };
    return at(0) < at(text.length - 1);
}"""  # its first character left of its last: read left to right


def assert_code_reads_left_to_right(page: Page) -> None:
    for text in ("documents/", ".docx"):
        code = page.locator("code", has_text=text).first
        assert code.evaluate(CODE_READS), f"{text!r} is drawn the other way round"
        font = code.evaluate("code => getComputedStyle(code).fontFamily")
        assert "mono" in font.lower(), f"{text!r} in {font}"


def test_code_in_a_right_to_left_paragraph_reads_left_to_right_in_its_own_font(
    page: Page, built: BuildReport, tmp_path: Path
) -> None:
    """`documents/` in a Farsi sentence was drawn "/documents", `.docx` "docx.", and in
    the Farsi text's font: the rule that sets it outranked code's own."""
    page.unroute_all()
    page.set_viewport_size({"width": 600, "height": 900})
    page.goto((built.out_dir / ISSUE / "farsi" / "index.html").as_uri())
    assert_code_reads_left_to_right(page)
    show_email(page, built.out_dir / ISSUE / "email.html", 600)
    assert_code_reads_left_to_right(page)
    page.unroute_all()
    with zipfile.ZipFile(built.out_dir / ISSUE / f"{ISSUE}.epub") as book:
        book.extractall(tmp_path)
    chapter = next(p for p in tmp_path.rglob("*.xhtml") if WITH_CODE in p.read_text())
    page.goto(chapter.as_uri())
    assert_code_reads_left_to_right(page)
    with pymupdf.open(built.out_dir / ISSUE / f"{ISSUE}.pdf") as pdf:
        drawn = [
            "".join(c["c"] for c in sorted(span["chars"], key=lambda c: c["origin"][0]))
            for page_ in pdf
            for block in page_.get_text("rawdict")["blocks"]
            for line in block.get("lines", [])
            for span in line["spans"]
            if "Mono" in span["font"]
        ]
    assert "documents/" in drawn and ".docx" in drawn, drawn  # left to right on the page


UNDECLARED = f"""\
---
title: "اعتصاب در بندر"
---

کارگران بندر امروز اعتصاب کردند. {FARSI_STATEMENT}.
"""


def test_a_document_that_does_not_say_its_language_is_read_in_the_one_its_letters_tell(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A Farsi text in an English newsletter, in Markdown without `lang` or from a Word
    whose own language property is its English interface's (pandoc writes the Markdown's
    `lang` there), is a Farsi article; the editor's own `lang` is never second-guessed."""
    root = minimal_with(
        tmp_path / "ws",
        {
            "undeclared.md": UNDECLARED,
            "from-word.docx": UNDECLARED.replace("---\n\n", "lang: en-US\n---\n\n", 1),
            "declared.md": UNDECLARED.replace("---\n\n", "lang: en\n---\n\n", 1),
            "quoting.md": REPORT,  # English quoting Arabic, without `lang`
        },
    )
    with caplog.at_level("INFO", logger="publisher"):
        report = build(root, formats=["web"])
    languages = {}
    for slug in ("undeclared", "from-word", "declared", "quoting"):
        page = lxml.html.parse(str(report.out_dir / ISSUE / slug / "index.html")).getroot()
        article = page.find(".//article")
        languages[slug] = (article.get("lang"), article.get("dir"))
    assert languages == {
        "undeclared": ("fa", "rtl"),
        "from-word": ("fa", "rtl"),
        "declared": ("en", "ltr"),
        "quoting": ("en", "ltr"),
    }
    notes = [r.getMessage() for r in caplog.records if "by its letters" in r.getMessage()]
    assert sorted(notes) == [
        f"{root / 'documents' / 'from-word.docx'}: read as Persian (fa) by its letters, not"
        " English (United States, en-US): say so in its file name (from-word.fa.docx)",
        f"{root / 'documents' / 'undeclared.md'}: read as Persian (fa) by its letters, not"
        " English (en): say so in its front matter (lang: fa) or its file name"
        " (undeclared.fa.md)",
    ]


def test_a_right_to_left_paragraph_of_a_word_file_is_one_in_an_english_document(
    tmp_path: Path,
) -> None:
    """Word marks an Arabic paragraph right to left twice: the paragraph (`w:bidi`) and its
    runs (`w:rtl`). pandoc keeps only the runs' (<p><span dir="rtl">…</span></p>), so the
    paragraph stood at the left of an English page and its language went unsaid."""
    english = "The dockers sent greetings to the textile workers of the city."
    report = office_file(tmp_path / "report.docx", f"# Greetings\n\n{english}\n\nAfter.\n")

    def rtl_run(words: str, bold: bool = False) -> str:
        return (
            f"<w:r><w:rPr>{'<w:b/><w:bCs/>' if bold else ''}<w:rtl/></w:rPr>"
            f'<w:t xml:space="preserve">{words}</w:t></w:r>'
        )

    arabic = (
        f"<w:p><w:pPr><w:bidi/></w:pPr>{rtl_run('النقابة تدعو ')}"
        f"{rtl_run('إلى الإضراب العام', bold=True)}{rtl_run(' في كل الموانئ (٢٠٢٦).')}</w:p>"
    )
    quoting = f"<w:p><w:r><w:t>They chanted </w:t></w:r>{rtl_run(SLOGAN)}<w:r><w:t>"
    quoting += " for an hour at the gates of the port.</w:t></w:r></w:p>"
    report = with_part_changed(
        report, "word/document.xml", f"</w:p>{arabic}{quoting}<w:p>", english
    )
    body = lxml.html.fromstring(read_document(report, "report", tmp_path, "en").body_html)

    def paragraph_marks(phrase: str) -> tuple[str | None, str | None]:
        paragraph = holding(body, phrase).xpath("ancestor-or-self::p")[0]
        return paragraph.get("dir"), paragraph.get("lang")

    assert paragraph_marks("النقابة تدعو") == ("rtl", "ar")
    assert paragraph_marks("They chanted") == (None, None)  # a slogan quoted in English
    assert paragraph_marks(english) == (None, None)


def test_a_paragraph_that_is_only_a_web_address_keeps_its_documents_direction(
    tmp_path: Path,
) -> None:
    """An address is marked left to right wherever it stands, and so says a direction of its
    own; alone in a paragraph of a Farsi statement it does not turn the paragraph."""
    address = "https://strike.example.org/bayan/2026/statement"
    statement = tmp_path / "bayan.md"
    statement.write_text(f"---\nlang: fa\n---\n\n{FARSI_STATEMENT}.\n\n{address}\n")
    body = lxml.html.fromstring(read_document(statement, "bayan", tmp_path, "en").body_html)
    link = holding(body, address)
    assert link.get("dir") == "ltr"
    assert (link.getparent().get("dir"), link.getparent().get("lang")) == (None, None)


def block_marks(body: lxml.html.HtmlElement, phrase: str) -> tuple[str | None, str | None]:
    """The direction and language marked on the paragraph or list item holding `phrase`."""
    block = holding(body, phrase).xpath("ancestor-or-self::*[self::p or self::li][1]")[0]
    return block.get("dir"), block.get("lang")


def test_a_paragraph_keeps_the_direction_of_the_words_it_starts_with(tmp_path: Path) -> None:
    """As Unicode's bidirectional algorithm and a browser's `dir="auto"` judge a paragraph
    by its first letter: an Arabic sentence followed by a longer English one, or a Farsi
    demand with its English gloss, stays right to left in its document (it was turned
    left to right and said to be English, its bullet at the left). A paragraph is turned
    only when it is written the other way: its first words (a name opening it aside) and
    most of its letters run the other way."""
    arabic = tmp_path / "idrab.md"
    arabic.write_text(
        "---\nlang: ar\n---\n\n"
        "قالت عاملة رافضة ذكر اسمها[^1]: «نحن لسنا آلات». The manager replied in English:"
        ' "We will review the offer next week."\n\n'
        "Northline Distribution Ltd. رفضت كل مطالب العمال وقالت إنها ستدرس العرض.\n\n"
        "Yasmin Fawzy read the letter out at the April meeting of the network.\n\n"
        "محمد said the strike would go on until the company paid the bonus.\n\n"
        "[^1]: مقابلة أجرتها صحيفة النشرة في 2 يونيو 2026.\n"
    )
    body = lxml.html.fromstring(read_document(arabic, "idrab", tmp_path, "en").body_html)
    assert block_marks(body, "قالت عاملة") == (None, None)
    assert block_marks(body, "Northline Distribution") == (None, None)  # mostly Arabic
    assert block_marks(body, "Yasmin Fawzy") == ("ltr", "en")
    assert block_marks(body, "محمد") == ("ltr", "en")  # an Arabic name opens it
    farsi = tmp_path / "hambastegi.md"
    farsi.write_text(
        "---\nlang: fa\n---\n\n* دستمزد عادلانه؛\n* امنیت شغلی؛\n"
        "* حق تشکل (freedom of association).\n"
    )
    body = lxml.html.fromstring(read_document(farsi, "hambastegi", tmp_path, "en").body_html)
    assert block_marks(body, "حق تشکل") == (None, None)
    english = tmp_path / "report.md"
    english.write_text("محمد said the strike would go on until the company paid the bonus.\n")
    body = lxml.html.fromstring(read_document(english, "report", tmp_path, "en").body_html)
    assert block_marks(body, "محمد") == (None, None)
