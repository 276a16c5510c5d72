"""What a blog prints under a post, copied with it: sharing and like buttons ("Share this:",
"Facebook", "Like Loading…", Blogger's "Email ThisBlogThis!Share to X…"), "Related",
its related posts (Jetpack's: each one's title, date and category; Ghost's cards, each
over its reading time), WordPress's comment
form, Substack's card for its publication ("Subscribe to …", "Launched 2 years ago" and its
description), "Continue reading →" or Facebook's "See more" (which say that only the post's opening was
copied), "The post … appeared first on …" (a WordPress site's feed's, Yoast SEO's), a
reading time under its title ("5 min read"), comment links ("Leave a comment", "No comments:", "Post a
Comment"), older/newer post links, and the post's tags, labels or categories line (or the
hashtags a social media post closes with). WordPress, Blogger and their themes print them
in English, Spanish and French; a post pasted from a browser brings them along as lines of
text.

Only a run of such lines at the very end of a post is furniture: the same words inside
the text ("Follow us on Facebook") are the writer's.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .medium_page import medium_foot
from .memo_head import is_tagline
from .reading_time import is_reading_time
from .social import HASHTAG, HASHTAG_LINE
from .textblocks import Block
from .textdates import parse_date

_SHARE = r"share( this( post| article)?)?|share on|compart(e|ir)( esto| en)?|partager( cet article)?|partagez"
_LIKE = r"like this|me gusta( esto)?|j['’]aime( ceci)?"
_LOADING = r"(like|me gusta|j['’]aime)\s+(loading|cargando|chargement)\s*(\.{3}|…)?"
_RELATED = (
    r"related( posts| articles)?|(entradas |art[ií]culos )?relacionad[oa]s?|(articles )?similaires?"
)
_COMMENT = (
    r"leave a (comment|reply)|deja (un comentario|una respuesta)|laisser un commentaire|"
    r"laisser une r[ée]ponse|(no|\d+) comments?|post a comment|sin comentarios|\d+ comentarios?|"
    r"no hay comentarios|publicar un comentario|aucun commentaire|\d+ commentaires?|(enregistrer|publier) un commentaire"
)
_PAGES = (  # Blogger's links under a post
    r"((newer|older) post|home|entrada (m[aá]s reciente|antigua)|p[aá]gina principal|"
    r"article plus (r[ée]cent|ancien)|accueil)(\s+((newer|older) post|home|entrada (m[aá]s "
    r"reciente|antigua)|p[aá]gina principal|article plus (r[ée]cent|ancien)|accueil))*|"
    r"(subscribe to|suscribirse a|s['’]abonner [àa])\s*:.*"
)
_BUTTON_WORDS = (
    "facebook|twitter|x|whatsapp|telegram|e-?mail|email|correo( electr[oó]nico)?|courriel|"
    "print|imprimir|imprimer|linkedin|reddit|pinterest|tumblr|pocket|mastodon|bluesky|threads|"
    "nextdoor|more|m[aá]s|plus|tweet|pin it|"
    # a link sent to a friend by mail
    "e-?mail (a link|this) to a friend|"
    "enviar (un enlace )?por correo electr[oó]nico a un amigo|envoyer (un lien )?par e-?mail [àa] un ami"
)
# A button as WordPress's sharing buttons (Jetpack's) say it to a screen reader, and as it
# is copied with the page: "Click to share on X (Opens in new window)", "Click to print",
# "Haz clic para compartir en Facebook (Se abre en una ventana nueva)", "Cliquez pour
# partager sur Facebook(ouvre dans une nouvelle fenêtre)".
_CLICK_TO = r"(click to|haz clic para|cliquez pour|cliquer pour)( (share|compartir|partager)( (on|en|sur))?)?"
_BUTTON = (
    rf"({_CLICK_TO} )?({_BUTTON_WORDS})"
    r"( ?\((opens|se abre|s['’]ouvre|ouvre) [^)]*\))?"
)
# Substack's, Ghost's, Medium's and Facebook's buttons and counts: "Subscribe", "Restack", "12",
# "12 Likes", "All reactions:", "8 shares"; X's "1,204 Views", "12 Reposts".
_COUNTS = (
    r"\d[\d,.]*[KkM]?( (likes?|restacks?|comments?|me gusta|comentarios?|j['’]aime|commentaires?|"
    r"shares?|veces compartido|partages?|views|visualizaciones|vues|reposts?|quotes?|bookmarks?))?|"
    r"subscribe|suscr[ií]bete|s['’]abonner|like|comment|comentar|commenter|restack|sign up|"
    r"paid|"
    r"listen|escuchar|[ée]couter|"
    r"share this article|all reactions|todas las reacciones|toutes les r[ée]actions"
)
# WordPress's comment form under a post, copied with it (its themes' words in English,
# Spanish and French): "Leave a Reply Cancel reply", "Your email address will not be
# published. Required fields are marked *", its fields' labels, "Post Comment", Akismet's
# note. Sentences of it may share a line.
_COMMENT_FORM = (
    r"(leave a (reply|comment)|deja (una respuesta|un comentario)|laisser (une r[ée]ponse|un commentaire))"
    r"\s*(cancel reply|cancelar (la )?respuesta|annuler (la )?r[ée]ponse)|"
    r"cancel reply|cancelar (la )?respuesta|annuler (la )?r[ée]ponse|"
    r"your email address will not be published\.|required fields are marked( with)? \*|"
    r"tu direcci[oó]n de correo electr[oó]nico no ser[aá] publicada\.|"
    r"los campos obligatorios est[aá]n marcados con \*|"
    r"votre adresse (e-?mail|de messagerie|courriel) ne sera pas publi[ée]e\.|"
    r"les champs obligatoires sont indiqu[ée]s avec \*|"
    r"(comment|name|e-?mail|website|comentario|nombre|correo electr[oó]nico|web|sitio web|"
    r"commentaire|nom|site web|site)\s*\*:?|website|sitio web|site web|web|"
    r"save my name, email, and website in this browser for the next time i comment\.|"
    r"guarda mi nombre, correo electr[oó]nico y web en este navegador para la pr[oó]xima vez"
    r" que comente\.|"
    r"enregistrer mon nom, mon (e-?mail|courriel) et mon site (web )?dans (le|ce) navigateur"
    r" pour mon prochain commentaire\.|"
    r"notify me of (follow-up comments|new comments|new posts) (by|via) e-?mail\.|"
    r"(recibir|av[ií]same)( un)? (correo|e-?mail)[^.]{0,80}\.|pr[ée]venez-moi[^.]{0,80}\.|"
    r"(post|submit) comment|publicar (el )?comentario|"
    r"this site uses akismet to reduce spam\.|learn how your comment data is processed\.|"
    r"este sitio usa akismet para reducir el spam\.|"
    r"aprende c[oó]mo se procesan los datos de tus comentarios\.|"
    r"ce site utilise akismet pour r[ée]duire les ind[ée]sirables\.|"
    r"en savoir plus sur (la fa[çc]on dont|comment) les donn[ée]es de vos commentaires sont"
    r" (trait[ée]es|utilis[ée]es)\.|"
    r"you must be logged in to post a comment\.|comments are closed\.|"
    r"(los )?comentarios est[aá]n cerrados\.|les commentaires sont ferm[ée]s\."
)
# A WordPress.com site's follow box, under its name: "Join 123 other subscribers"
_JOINED = (
    r"join [\d.,]+ other subscribers|[uú]nete a (otros )?[\d.,]+ suscriptores( m[aá]s)?|"
    r"rejoignez(-vous [àa])? [\d.,]+ autres abonn[ée]s"
)
# What a Substack, Ghost, WordPress.com or LinkedIn post's page shows under it, copied whole:
# the form to subscribe, the discussion's tabs, the page's footer links.
_PAGE_END = (
    r"type your email\s*(\.{3}|…)?|enter your email|sign up for more like this\.?|"
    r"discussion about this post|comments|restacks|top|latest|discussion|no posts|"
    r"ready for more\?|start writing|get the app|substack is the home for great culture|"
    r"by subscribing,? i agree to substack['’]s terms of use.{0,300}|"
    # A social post's offer to translate it (Facebook's, Instagram's, X's)
    r"see translation|ver traducci[oó]n|voir (la )?traduction|translate (post|tweet)|"
    r"traducir (post|tweet)|traduire (le )?(post|tweet)|"
    # A newsletter's share bar, forwarded or pasted with it: "Share", "Tweet", "Forward"
    r"tuitear|tweeter|forward( to (a )?friend)?|reenviar( a un amigo)?|transf[ée]rer( [àa] un ami)?|"
    r"privacy|terms|collection notice|powered by ghost|"
    # A LinkedIn article's: its reactions, the comments' sign-in, the author's other articles
    r"celebrate|support|love|insightful|funny|curious|repost|send|"
    r"to view or add a comment, sign in|sign in to view more content|"
    r"more articles by .{1,80}|explore topics|others also viewed|report this article|"
    # A WordPress.com site's: its subscribe box, post navigation and cookie banner
    r"discover more from .{1,80}|descubre más de .{1,80}|découvrez-en plus sur .{1,80}|"
    r"subscribe to get the latest posts sent to your email\.?|"
    r"suscr[ií]bete para recibir las [uú]ltimas (entradas|publicaciones) en tu correo electr[oó]nico\.?|"
    r"abonnez-vous pour recevoir les derniers articles par (e-?mail|courriel)\.?|"
    r"post navigation|navegaci[oó]n de entradas|navigation (des articles|de l['’]article)|"
    # "Next Post Strike vote announced", a title after it, never a sentence ("Next post we…")
    r"[←«]?\s*((previous|next) post|(entrada|art[ií]culo) (anterior|siguiente)|"
    r"article (pr[ée]c[ée]dent|suivant))\b(.{0,150}[^.])?\s*[→»]?|"
    r"subscribed|suscrito|abonn[ée]|sign me up|reg[ií]strame|inscrivez-moi|"
    rf"{_JOINED}|"
    r"already have a wordpress\.com account\? log in now\.|"
    r"¿ya tienes una cuenta de wordpress\.com\? inicia sesi[oó]n ahora\.|"
    r"vous avez d[ée]j[àa] un compte wordpress\.com\s*\? connectez-vous maintenant\.|"
    r"privacy (&|and) cookies: this site uses cookies\..{0,300}|"
    r"to find out more, including how to control cookies, see here: cookie policy|"
    r"privacidad y cookies: este sitio utiliza cookies\..{0,300}|"
    r"para obtener m[aá]s informaci[oó]n, incluido c[oó]mo controlar las cookies, consulta aqu[ií]:"
    r" pol[ií]tica de cookies|"
    r"confidentialit[ée] (&|et) cookies\s*: ce site utilise des cookies\..{0,300}|"
    r"pour en savoir plus, y compris sur la fa[çc]on de contr[ôo]ler les cookies, reportez-vous"
    r" [àa] ce qui suit\s*: politique relative aux cookies"
)
_FURNITURE = re.compile(
    rf"^({_SHARE}|{_LIKE}|{_LOADING}|{_RELATED}|{_COMMENT}|{_PAGES}|{_COUNTS})\s*:?$|^{_BUTTON}$"
    r"|blogthis!",  # Blogger's buttons, run together: "Email ThisBlogThis!Share to X…"
    re.IGNORECASE,
)
# Only at a post's very end: the same words under a title are the writer's ("Privacy")
_AT_END = re.compile(rf"^({_PAGE_END})\s*:?$|^(({_COMMENT_FORM})(?!\w)\s*)+$", re.IGNORECASE)
# A newsletter platform's invitation to subscribe, wherever it stands in the post.
_INVITATION = re.compile(
    r"^(thanks for reading .{1,120}! subscribe for free|¡?gracias por leer .{1,120}! suscr[ií]bete|"
    r"merci d['’]avoir lu .{1,120} ?! abonnez-vous|.{1,120} is a reader-supported publication\.)",
    re.IGNORECASE,
)
# A link as a plain-text e-mail writes it, after its words: "Like (https://…)" (Mailchimp),
# "Like https://…" (Substack), "Like <https://…>" (Outlook)
LINK_AFTER = r"(?:\s*\(https?://[^\s)]*\)|\s*<https?://[^\s>]*>|\s+https?://\S+)"
# What Facebook prints where it cuts a long post short, in English, Spanish and French
_SEE_MORE = r"see more|ver m[aá]s|voir plus|afficher la suite"
# The link a blog's front page or a newsletter prints under a post's opening ("Continue
# reading “Title” →", "Read more »", "Leer más", "Lire la suite…", Facebook's "See more"):
# what was copied is the opening only.
_MORE = re.compile(
    r"^(?:…|\.{3})?\s*\[?(continue reading|read more|keep reading|read the (rest|full (post|article|story))"
    rf"|seguir leyendo|sigue leyendo|leer m[aá]s|lire la suite|la suite|{_SEE_MORE})"
    rf"(\s+[“\"«'‘][^”\"»’]{{1,150}}[”\"»’])?[\s.…→»›>\]]*(?:{LINK_AFTER})?$",
    re.IGNORECASE,
)
# Facebook's "See more" run on after the "…" that ends a post's opening ("…with tea…See more")
_SEE_MORE_AFTER = re.compile(rf"(?:(?<=…)|(?<=\.{{3}}))\s*({_SEE_MORE})$", re.IGNORECASE)
_LINK_AFTER_END = re.compile(rf"{LINK_AFTER}$")
# The line a WordPress site's feed adds under each post (Yoast SEO's, in English, Spanish
# and French): the feed's, not the post's.
FIRST_PUBLISHED = re.compile(
    r"^(the post .{1,300} appeared first on|la entrada .{1,300} se publicó primero en"
    r"|l['’]article .{1,300} est apparu en premier sur) .{1,200}$",
    re.IGNORECASE,
)
_TAGS = re.compile(
    r"^(tags|tagged|labels|etiquetas|[ée]tiquettes|libell[ée]s|mots[- ]cl[ée]s|categor(ies|[ií]as)|cat[ée]gories|"
    r"filed under|archivado en|class[ée] dans)\s*:\s*(?P<tags>.+)$",
    re.IGNORECASE,
)


@dataclass
class Furniture:
    """What was taken from the end of a post."""

    lines: int = 0  # of buttons, headings and links left out
    tags: tuple[str, ...] = ()
    more: str = ""  # the "Continue reading" link under the text: only its opening was copied
    tagline: str = ""  # a mail program's line under the text ("Sent from my iPhone")
    comments: int = 0  # lines of readers' comments under the post, copied with its page


def without_furniture(blocks: list[Block]) -> tuple[list[Block], Furniture]:
    """`blocks` without the blog furniture at their end and the platform's invitations to
    subscribe anywhere, and what they held."""
    found = Furniture()
    blocks, found.lines, found.tags = medium_foot(blocks)
    blocks, found.comments = _without_discussion(blocks)
    kept = [b for b in blocks if not (b.single_line and _INVITATION.match(b.text.strip()))]
    found.lines += len(blocks) - len(kept)
    blocks = kept
    end = len(blocks)
    while end > 1:
        block = blocks[end - 1]
        if (tags := _TAGS.match(block.text.strip())) and not found.tags:
            found.tags = tuple(t for t in re.split(r"\s*[,;|·•]\s*", tags["tags"]) if t)
        elif HASHTAG_LINE.match(block.text) and not found.tags:  # as social media close a post
            found.tags = tuple(dict.fromkeys(HASHTAG.findall(block.text)))
        elif buttons(block, at_end=True) or _site_name(block, blocks[end : end + 1]):
            found.lines += len(block.lines)
        elif block.single_line and more_link(block.text):
            found.lines += 1
            found.more = block.text.strip()
        elif block.single_line and FIRST_PUBLISHED.match(block.text.strip()):
            found.lines += 1
        elif block.single_line and not found.tagline and is_tagline(block.text):
            found.tagline = block.text.strip()
        elif _post_card(block):
            found.lines += len(block.lines)
        elif (
            start := _publication_card_start(blocks, end) or _related_posts_start(blocks, end)
        ) is not None:
            found.lines += sum(len(b.lines) for b in blocks[start:end])
            end = start + 1
        else:
            break
        end -= 1
    if not found.more and end and (cut := _SEE_MORE_AFTER.search(blocks[end - 1].lines[-1])):
        found.more = cut[1]
        block = blocks[end - 1]
        blocks[end - 1] = dataclasses.replace(
            block, lines=(*block.lines[:-1], block.lines[-1][: cut.start()])
        )
    return blocks[:end], found


# The heading over a post's comments: Substack's, Medium's, and WordPress themes' in
# English, Spanish and French ("2 thoughts on “Title”", "One response to “Title”", "3
# comentarios en «…»", "2 réflexions sur « … »"); and what marks a comment under it: a
# Substack commenter's picture's text ("Ana Ruiz's avatar"), "Expand full comment", "14
# more comments...", Medium's "What are your thoughts?", a WordPress commenter's "Ana Ruiz
# says:", "Reply", a Blogger commenter's "Ana Ruiz said..."
_QUOTED = r"[“\"«„‘'][^”\"»“’']{1,200}[”\"»“’']"
_DISCUSSION = re.compile(
    r"discussion about this post|responses \(\d+\)|"
    r"(\d+|one|un[ao]?|une) (thoughts?|responses?|comments?|replies|repl(y|ies)|"
    r"comentarios?|respuestas?|pensamientos?|r[ée]flexions?|commentaires?|r[ée]ponses?)"
    rf"( (on|to|en|a|sobre|de|sur|à|au sujet de)\s*{_QUOTED})?\s*:?",
    re.IGNORECASE,
)
_COMMENT_MARK = re.compile(
    r"^(.{1,80}['’]s avatar|expand full comment|\d+ more comments?\s*(\.{3}|…)?|no posts|"
    r".{1,80} (says|dice|dit)\s?:|.{1,80} (said|dijo|a dit)\s*(\.{3}|…)|reply|responder|r[ée]pondre|"
    r"what are your thoughts\?|see all responses)$",
    re.IGNORECASE | re.MULTILINE,
)


def _without_discussion(blocks: list[Block]) -> tuple[list[Block], int]:
    """`blocks` without the discussion under a post copied with its page (its heading, the
    readers' comments, their names and pictures' text), and how many lines it had: the
    readers' words, not the post's. Kept when nothing under the heading is a comment's
    mark, as the heading's words alone could be the writer's."""
    for at in range(len(blocks) - 1, 0, -1):
        if blocks[at].single_line and _DISCUSSION.fullmatch(blocks[at].text.strip()):
            under = blocks[at + 1 :]
            if under and not any(_COMMENT_MARK.search("\n".join(b.lines)) for b in under):
                return blocks, 0
            return blocks[:at], sum(len(b.lines) for b in blocks[at:])
    return blocks, 0


# Jetpack's related posts under a WordPress.com post: "Related", then each post's title,
# perhaps its date, and its category ("In "News"", "En «Noticias»", "Dans « Actualités »")
_RELATED_HEADING = re.compile(rf"({_RELATED})\s*:?", re.IGNORECASE)
_RELATED_IN = re.compile(
    r"(in|en|dans)\s*[“\"«„]\s*[^”\"»]{1,80}?\s*[”\"»“]|"
    r"(with|con|avec) \d+ (comments?|comentarios?|commentaires?)",
    re.IGNORECASE,
)
_RELATED_SHOWN = 6  # posts, at most: Jetpack shows three, themes up to six


# Substack's card for its publication under a post: "Subscribe to The Socialist Tendency",
# "Launched 2 years ago", the publication's description in a line or two
_SUBSCRIBE_TO = re.compile(r"subscribe to .{1,100}", re.IGNORECASE)
_LAUNCHED = re.compile(r"launched (\d+|an?) (years?|months?|weeks?|days?) ago", re.IGNORECASE)


def _publication_card_start(blocks: list[Block], end: int) -> int | None:
    """Where Substack's card for the publication ends `blocks[:end]`, if it does (its lines
    in one block or several)."""
    for start in range(end - 1, max(end - 4, 0), -1):
        lines = [line.strip() for block in blocks[start:end] for line in block.lines]
        while lines and _button_line(_without_link(lines[-1]), at_end=True):
            lines.pop()  # its form: "Type your email...", "Subscribe", Substack's terms
        if (
            1 < len(lines) <= 4
            and _SUBSCRIBE_TO.fullmatch(lines[0])
            and _LAUNCHED.fullmatch(lines[1])
        ):
            return start
    return None


def _related_posts_start(blocks: list[Block], end: int) -> int | None:
    """Where the related posts begin ("Related" over them) when `blocks[:end]` end with
    them; None when they do not."""
    lines: list[str] = []
    for start in range(end - 1, max(end - 1 - 3 * _RELATED_SHOWN, 0) - 1, -1):
        block = blocks[start]
        if block.single_line and _RELATED_HEADING.fullmatch(block.text.strip()):
            return start if _related_entries(lines) else None
        lines[:0] = block.lines
    return None


def _related_entries(lines: list[str]) -> bool:
    """Whether `lines` are posts' entries, each a title, perhaps its date, and its
    category line last."""
    run = 0  # lines since the last category line
    for line in lines:
        if _RELATED_IN.fullmatch(line.strip()):
            if not 1 <= run <= 2:
                return False
            run = 0
        elif run == 0 and (len(line) > 120 or line.rstrip().endswith((".", ",", ";", ":"))):
            return False  # a sentence, not a post's title
        elif run == 1 and not any(c.isdigit() for c in line):
            return False  # under a title, only its date
        else:
            run += 1
    return bool(lines) and run == 0


def _post_card(block: Block) -> bool:
    """Another post's card under a post (Ghost's "read more"): its title, opening and date
    over its reading time, two to five lines."""
    lines = [line.strip() for line in block.lines]
    return (
        2 <= len(lines) <= 5
        and is_reading_time(lines[-1])
        and any(parse_date(line) for line in lines[:-1])
    )


def more_link(words: str) -> bool:
    """Whether `words` are the link a blog prints under a post's opening to the rest of it
    ("Continue reading “Title” →", "Read more »")."""
    return bool(_MORE.match(words.strip()))


def buttons(block: Block, at_end: bool = False) -> bool:
    """Whether a block is only buttons, counts and the like (as under a post's byline), each
    perhaps with its link after it, as an e-mail's plain text writes links ("Like (https://…)"),
    or several on a line between dots or bars, as Facebook's are copied ("Like · Comment ·
    Share", "Me gusta · Comentar · Compartir"). `at_end`: at a post's very end, where a
    page's footer and a comment form count too."""
    lines = [_without_link(line) for line in block.lines]
    kept = [line for line in lines if not _COPYRIGHT.match(line)]
    if at_end and kept:  # the site's name over "Join 123 other subscribers", in its subscribe box
        kept = [
            line
            for line, after in zip(kept, [*kept[1:], ""], strict=True)
            if not _JOIN.match(after)
        ]
    return bool(kept) and all(_button_line(line, at_end) for line in kept)


def buttons_from(lines: Sequence[str], least: int = 0) -> int:
    """Where the buttons that end `lines` begin: the first index, not before `least`, from
    which the lines are a block `buttons` reads as buttons; `len(lines)` when there is none.
    Told in one pass, line by line from the last: asking `buttons` of ever longer tails took
    as the square of their length (4,000 "Share" lines under a date, 29 s)."""
    start, own = len(lines), False  # own: a line of the tail that is no copyright notice
    while start > least:
        line = _without_link(lines[start - 1])
        notice = bool(_COPYRIGHT.match(line))
        if not (notice or _button_line(line, False)) or (notice and not own):
            break  # no button, or a notice with no button under it: `buttons` reads none
        own = own or not notice
        start -= 1
    return start


def _without_link(line: str) -> str:
    return _LINK_AFTER_END.sub("", line.strip())


def _button_line(line: str, at_end: bool) -> bool:
    return all(_furniture(part, at_end) for part in _BETWEEN.split(line) if part)


def _site_name(block: Block, following: list[Block]) -> bool:
    """A line over "Join 123 other subscribers": the site's name, in its subscribe box."""
    return (
        block.single_line
        and len(block.text) <= 80
        and bool(following)
        and bool(_JOIN.match(following[0].lines[0]))
    )


_JOIN = re.compile(_JOINED, re.IGNORECASE)


def _furniture(words: str, at_end: bool) -> bool:
    return bool(_FURNITURE.search(words) or (at_end and _AT_END.search(words)))


# What stands between buttons copied on one line (Substack's is "∙")
_BETWEEN = re.compile(r"\s*[·•∙|]\s*")
# A site's copyright line among its footer's links ("© 2026 Ana Ruiz"): alone, it may be
# the writer's own notice under the text, and stays.
_COPYRIGHT = re.compile(
    r"([^\n]{0,80}\s)?(©|\(c\)|copyright)\s*(\d{4}\s*)?[^\n]{0,80}$", re.IGNORECASE
)
