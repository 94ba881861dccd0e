"""Text, title, publication date and language of a fetched document: HTML, PDF or plain text.

Bytes from the network are untrusted: a wrong charset header, a page with no article, a broken
PDF. Decoding never fails (it falls back step by step, see decode_text); HTML always yields an
Extracted, possibly with empty text; only a PDF that cannot be opened raises ExtractionError.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

import charset_normalizer
import trafilatura
from htmldate import find_date
from lxml import html as lxml_html  # type: ignore[import-untyped]  # lxml ships no type hints
from pypdf import PdfReader
from trafilatura.metadata import extract_title
from trafilatura.utils import load_html

from pledgewatch.errors import ExtractionError
from pledgewatch.text.dates import dates_in, find_publication_date, parse_date
from pledgewatch.text.language import detect_language

Kind = Literal["html", "pdf", "text"]

MAX_PDF_PAGES = 2000
"""Pages read from one PDF; a larger one is cut there (its first pages carry the substance)."""

_FIRST_LINES = 10
_DATELINE_REACH = 200


@dataclass(frozen=True)
class Extracted:
    """What was read from a document."""

    text: str
    """The article text (HTML: without navigation, header, footer and comments)."""
    title: str | None
    published: date | None
    """The publication date written in the document or its metadata, if any."""
    language: Literal["ja", "en"] | None
    kind: Kind


# --- decoding ------------------------------------------------------------------------------

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Python's shift_jis lacks the characters Windows adds (①, ～, NEC and IBM kanji) that Japanese
# sites use all the time; cp932 is the superset browsers actually apply.
_ALIASES = {"shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932",
            "ms_kanji": "cp932", "windows-31j": "cp932", "csshiftjis": "cp932",
            "x-euc-jp": "euc_jp"}  # fmt: skip
# Single-byte Western charsets decode any bytes without error, and servers send them by default
# (Apache's ISO-8859-1), so a page in Japanese labelled so is only caught by looking further.
_WEAK_CODECS = frozenset({"iso8859-1", "iso8859-15", "cp1252", "ascii"})
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""")


def decode_text(content: bytes, *, declared: str | None = None) -> str:
    """Decode a document's bytes to text, never failing.

    Tried in turn: a byte-order mark; UTF-8 when the bytes are valid
    UTF-8 (Japanese Shift_JIS or EUC-JP text practically never is); the `declared` charset
    (the Content-Type header); a <meta charset> or XML declaration; charset-normalizer's guess;
    and at last UTF-8 with replacement characters. Each charset must decode without error.
    """
    for bom, bom_codec in _BOMS:
        if content.startswith(bom):
            return content.decode(bom_codec, errors="replace")
    if content.isascii():
        return content.decode("ascii")
    found = _strict(content, "utf-8")
    if found is not None:
        return found
    declared_codec = _codec(declared)
    embedded_codec = _codec(_embedded_charset(content))
    weak: list[str] = []
    for labelled in (declared_codec, embedded_codec):
        if labelled is None:
            continue
        if labelled in _WEAK_CODECS:
            weak.append(labelled)
            continue
        found = _strict(content, labelled)
        if found is not None:
            return found
    guess = charset_normalizer.from_bytes(content).best()
    guessed_codec = _codec(guess.encoding) if guess is not None else None
    for candidate in (guessed_codec, *weak):
        found = _strict(content, candidate) if candidate else None
        if found is not None:
            return found
    return content.decode("utf-8", errors="replace")


def _codec(name: str | None) -> str | None:
    """Python's codec for a charset name, or None when the name is unknown."""
    if not name:
        return None
    name = name.strip().lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _strict(content: bytes, codec: str) -> str | None:
    try:
        return content.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _embedded_charset(content: bytes) -> str | None:
    head = content[:4096]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


# --- HTML ----------------------------------------------------------------------------------


def extract_html(
    content: bytes | str, *, url: str | None = None, charset: str | None = None
) -> Extracted:
    """Read an HTML page: the article text without boilerplate, its title, date and language.

    The text comes from trafilatura (precision first; recall, then the page's whole text, when
    precision finds no article). The date comes from the page's markup (meta tags, <time>,
    structured data, the URL) through htmldate, else from a dateline near the start of the text.
    The title is the page's headline, og:title or <title>. The page is parsed once, with
    trafilatura's parser, for all of them (trafilatura and htmldate copy a tree they are given
    before they prune it).
    """
    page = content if isinstance(content, str) else decode_text(content, declared=charset)
    if not page.strip():
        return Extracted(text="", title=None, published=None, language=None, kind="html")
    tree = load_html(page)
    text = _article_text(page if tree is None else tree, url)
    title, marked_date = _title_and_date(tree, url) if tree is not None else (None, None)
    published = marked_date or _dateline_near(page, title) or find_publication_date(text)
    return Extracted(
        text=text,
        title=title,
        published=published,
        language=detect_language(text or title or ""),
        kind="html",
    )


def _article_text(page: str | lxml_html.HtmlElement, url: str | None) -> str:
    text = trafilatura.extract(page, url=url, include_comments=False, favor_precision=True)
    if not text:
        text = trafilatura.extract(page, url=url, include_comments=False, favor_recall=True)
    if not text:
        text = trafilatura.html2txt(page)
    return (text or "").strip()


def _dateline_near(page: str, title: str | None) -> date | None:
    """The date written just after, else just before, the headline in the page's whole text.

    Bylines and datelines sit beside the headline, and trafilatura often drops them with the
    boilerplate. The body's first dates are no substitute: they are the dates of the events the
    article reports. A date elsewhere on the page (a header's date of today, a copyright) is
    not looked at.
    """
    if not title:
        return None
    whole = " ".join(trafilatura.html2txt(page).split())
    at = whole.find(title)
    if at < 0:
        return None
    after = whole[at + len(title) : at + len(title) + _DATELINE_REACH]
    before = whole[max(0, at - _DATELINE_REACH // 2) : at]
    preceding = dates_in(before)
    return parse_date(after) or (preceding[-1] if preceding else None)


def _max_date() -> str:
    # htmldate refuses dates after this; a little slack covers time zones ahead of the machine.
    return date.fromordinal(datetime.now().astimezone().date().toordinal() + 2).isoformat()


def _title_and_date(tree: lxml_html.HtmlElement, url: str | None) -> tuple[str | None, date | None]:
    """The headline and the date the page's markup gives.

    Only the title and the date are read: trafilatura's full metadata pass (author, site name,
    categories) cost more than the article text itself and pledgewatch uses none of it.
    """
    title = _clean(extract_title(tree)) or _markup_title(tree)
    found = find_date(
        tree, url=url, original_date=True, extensive_search=False, max_date=_max_date()
    )
    return title, _iso_date(found)


def _markup_title(tree: lxml_html.HtmlElement) -> str | None:
    for xpath in ('//meta[@property="og:title"]/@content', "//title/text()", "//h1//text()"):
        values = tree.xpath(xpath)
        if isinstance(values, list):
            for value in values:
                cleaned = _clean(str(value))
                if cleaned:
                    return cleaned
    return None


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    return " ".join(value.split()) or None


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


# --- PDF -----------------------------------------------------------------------------------

_FILE_NAME_TITLE = re.compile(r"(^Microsoft (Word|PowerPoint) - |\.(docx?|pptx?|pdf|xlsx?)$)", re.I)


def extract_pdf(content: bytes) -> Extracted:
    """Read a PDF's text (pypdf), title, date and language.

    The title is the document's metadata title unless that is missing or a file name; else the
    first non-empty line. The date is the first one written in the first lines, else the
    PDF's creation date. A PDF that is broken, or encrypted with a password, raises
    ExtractionError; one encrypted only against editing (an empty user password) is read.
    """
    reader = _open_pdf(content)
    try:
        pages = [page.extract_text() or "" for page in reader.pages[:MAX_PDF_PAGES]]
    except Exception as error:  # untrusted input: pypdf raises many built-in types on bad files
        raise ExtractionError(
            "PDF",
            f"its pages cannot be read ({error})",
            reason_ja=f"ページを読み取れません（{error}）",
        ) from error
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    info_title, created = _pdf_info(reader)
    title = info_title or _first_line(text)
    return Extracted(
        text=text,
        title=title,
        published=find_publication_date(_head(text)) or created,
        language=detect_language(text or title or ""),
        kind="pdf",
    )


def _open_pdf(content: bytes) -> PdfReader:
    if b"%PDF-" not in content[:1024]:
        raise ExtractionError(
            "PDF",
            "no %PDF- signature in its first 1024 bytes: not a PDF file",
            reason_ja="先頭1024バイトに %PDF- の署名がないため、PDF ファイルではありません",
        )
    # pypdf warns through logging on every recoverable defect of a file; the defects are the
    # file's, not ours, so they are not worth a log line each.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractionError(
                "PDF",
                "it is encrypted with a password",
                reason_ja="パスワードで暗号化されています",
            )
        _ = len(reader.pages)
    except ExtractionError:
        raise
    except Exception as error:  # untrusted input: pypdf raises many built-in types on bad files
        if "crypt" in type(error).__name__.lower() or "crypt" in str(error).lower():
            raise ExtractionError(
                "PDF",
                f"it is encrypted and cannot be read ({error})",
                reason_ja=f"暗号化されていて読み取れません（{error}）",
            ) from error
        detail = error or type(error).__name__
        raise ExtractionError(
            "PDF", f"it is broken ({detail})", reason_ja=f"ファイルが壊れています（{detail}）"
        ) from error
    return reader


def _pdf_info(reader: PdfReader) -> tuple[str | None, date | None]:
    try:
        info = reader.metadata
        if info is None:
            return None, None
        title = _clean(info.title)
        created = info.creation_date
    except Exception:  # a malformed info dictionary only loses the metadata
        return None, None
    if title and _FILE_NAME_TITLE.search(title):
        title = None
    return title, created.date() if created else None


# --- plain text and sniffing ---------------------------------------------------------------


def extract_text_document(content: bytes, *, charset: str | None = None) -> Extracted:
    """Read a plain-text document.

    Its title is the first non-empty line, its date the first one written in the first lines.
    """
    text = decode_text(content, declared=charset).replace("\r\n", "\n").replace("\r", "\n")
    text = text.strip()
    return Extracted(
        text=text,
        title=_first_line(text),
        published=find_publication_date(_head(text)),
        language=detect_language(text),
        kind="text",
    )


def sniff_kind(content: bytes, *, content_type: str | None = None, url: str | None = None) -> Kind:
    """Whether `content` is a PDF, an HTML page or plain text, by its bytes first.

    The %PDF- signature wins over any label; then an HTML or PDF content type; then the
    bytes' start (<!doctype html, <html, <head, <body); then a .pdf / .txt / .html URL.
    """
    head = content[:1024]
    if b"%PDF-" in head:
        return "pdf"
    media = (content_type or "").split(";")[0].strip().lower()
    if media == "application/pdf":
        return "pdf"
    if media in {"text/html", "application/xhtml+xml"}:
        return "html"
    if re.search(rb"<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", head.lower()):
        return "html"
    path = (url or "").split("?")[0].split("#")[0].lower()
    if path.endswith(".pdf"):
        return "pdf"
    if path.endswith((".html", ".htm", ".xhtml")):
        return "html"
    return "text"


def extract_document(
    content: bytes,
    *,
    content_type: str | None = None,
    url: str | None = None,
    charset: str | None = None,
) -> Extracted:
    """Read any fetched document, choosing HTML, PDF or plain text with sniff_kind."""
    kind = sniff_kind(content, content_type=content_type, url=url)
    if kind == "pdf":
        return extract_pdf(content)
    if kind == "html":
        return extract_html(content, url=url, charset=charset)
    return extract_text_document(content, charset=charset)


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        cleaned = _clean(line)
        if cleaned:
            return cleaned
    return None


def _head(text: str) -> str:
    """The first non-empty lines, where a document's title and dateline are."""
    lines = [line for line in text.splitlines() if line.strip()]
    return "\n".join(lines[:_FIRST_LINES])
