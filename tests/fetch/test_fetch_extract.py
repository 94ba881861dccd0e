"""Reading fetched documents: charsets, HTML articles in both languages, PDF and plain text.

The pages are written for these tests (no copied news text): a header, navigation, ranking
sidebar and footer around a short article with a dateline, as news sites lay them out.
"""

from __future__ import annotations

import io
from datetime import date

import pytest
from pdf_documents import minimal_pdf
from pypdf import PdfReader, PdfWriter
from pytest_httpserver import HTTPServer

from pledgewatch.errors import ExtractionError
from pledgewatch.fetch.extract import (
    decode_text,
    extract_document,
    extract_html,
    extract_pdf,
    sniff_kind,
)
from pledgewatch.fetch.http import Fetcher
from pledgewatch.fetch.policy import FetchPolicy

JA_PAGE = """<!DOCTYPE html>
<html lang="ja">
<head>
{meta}
<title>日米、重要鉱物の投資閣僚会合を開催 | 経済ニュース東西</title>
<meta property="og:title" content="日米、重要鉱物の投資閣僚会合を開催">
</head>
<body>
<header><div class="logo">経済ニュース東西</div>
<nav><ul><li><a href="/">トップ</a></li><li><a href="/politics">政治</a></li>
<li><a href="/economy">経済</a></li><li><a href="/world">国際</a></li>
<li><a href="/login">ログイン</a></li></ul></nav>
</header>
<main>
<article>
<h1>日米、重要鉱物の投資閣僚会合を開催</h1>
<p class="dateline">2026年2月4日 18時30分</p>
<p>日米両政府は4日、重要鉱物とレアアースの供給確保に向けた投資閣僚会合を東京都内で開いた。
昨年10月28日の首脳会談で署名した枠組みに基づく初の閣僚会合で、採掘や精錬の事業に対する共同出資の
方針を確認した。</p>
<p>会合では、ガリウムやゲルマニウムなど特定国への依存度が高い鉱物について、備蓄の積み増しと許認可
手続きの迅速化を進めることで一致した。経済産業省によると、両国は今後半年以内に具体的な案件の選定を
終える予定だという。</p>
<p>政府関係者は「枠組みの署名から約100日で閣僚会合にこぎつけた。次は資金の流れを目に見える形に
する段階だ」と話した。</p>
</article>
</main>
<aside><h2>アクセスランキング</h2><ol><li><a href="/a/1">円相場、一時150円台</a></li>
<li><a href="/a/2">春闘の集中回答日が決定</a></li></ol></aside>
<footer><p>利用規約 | プライバシーポリシー | お問い合わせ</p>
<p>Copyright (C) 2026 経済ニュース東西 All rights reserved.</p></footer>
</body>
</html>
"""

EN_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>US and Japan hold first critical minerals investment ministerial - Pacific Ledger</title>
<meta property="og:title"
 content="US and Japan hold first critical minerals investment ministerial">
<meta property="article:published_time" content="2026-02-04T09:30:00-05:00">
</head>
<body>
<header><a class="brand" href="/">Pacific Ledger</a>
<nav><a href="/world">World</a> <a href="/business">Business</a>
<a href="/markets">Markets</a> <a href="/subscribe">Subscribe</a></nav>
</header>
<main><article>
<h1>US and Japan hold first critical minerals investment ministerial</h1>
<p class="byline">By Staff Reporter | February 4, 2026</p>
<p>WASHINGTON - Ministers from the United States and Japan met on Wednesday for the first
investment ministerial under the critical minerals framework the two leaders signed in Tokyo
last October, agreeing to co-finance mining and processing projects.</p>
<p>The framework set a deadline of 180 days for the ministerial. Officials said the two
governments would also expand stockpiles of gallium and germanium and speed up permitting for
new separation plants in both countries.</p>
<p>"We have moved from signatures to projects," a senior official told reporters after the
meeting, adding that a first list of projects would be published within six months.</p>
</article></main>
<div class="newsletter">Sign up for our daily briefing. Enter your email address.</div>
<footer><p>Terms of Use | Privacy Policy | Contact us</p>
<p>&copy; 2026 Pacific Ledger Media. All rights reserved.</p></footer>
</body>
</html>
"""

JA_BOILERPLATE = ["ログイン", "アクセスランキング", "円相場", "利用規約", "Copyright"]
EN_BOILERPLATE = ["Subscribe", "Markets", "Sign up", "Terms of Use", "All rights reserved"]

CODECS = {"Shift_JIS": "cp932", "EUC-JP": "euc_jp", "UTF-8": "utf-8"}


def ja_page(charset: str, *, meta: bool) -> bytes:
    declaration = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    return JA_PAGE.format(meta=declaration if meta else "").encode(CODECS[charset])


STATEMENT = [
    "Joint Statement on Shipbuilding Cooperation",
    "Washington, February 4, 2026",
    "The two governments will establish a shipbuilding working group within 90 days.",
    "They will review progress at the next ministerial meeting.",
]


# --- charsets ------------------------------------------------------------------------------


@pytest.mark.parametrize("charset", ["Shift_JIS", "EUC-JP", "UTF-8"])
@pytest.mark.parametrize("meta", [True, False], ids=["meta", "no-meta"])
@pytest.mark.parametrize(
    "declared", [None, "right", "iso-8859-1", "utf-8", "euc-jp", "shift_jis", "bogus-charset"]
)
def test_japanese_pages_decode_right_whatever_the_labels(
    charset: str, meta: bool, declared: str | None
) -> None:
    content = ja_page(charset, meta=meta)
    label = charset if declared == "right" else declared
    text = decode_text(content, declared=label)
    assert text == content.decode(CODECS[charset])
    assert "重要鉱物とレアアース" in text


def test_decode_text_honours_a_byte_order_mark() -> None:
    text = "日米首脳会談\n"
    assert decode_text(b"\xef\xbb\xbf" + text.encode()) == text
    assert decode_text(text.encode("utf-16")) == text


def test_decode_text_reads_an_xml_declaration() -> None:
    xml = '<?xml version="1.0" encoding="EUC-JP"?><title>経済産業省の発表</title>'
    assert decode_text(xml.encode("euc_jp")) == xml


def test_decode_text_never_fails() -> None:
    assert isinstance(decode_text(bytes(range(256)) * 4), str)
    assert decode_text(b"plain ascii", declared="no-such-charset") == "plain ascii"


# --- HTML ----------------------------------------------------------------------------------


@pytest.mark.parametrize("charset", ["Shift_JIS", "EUC-JP", "UTF-8"])
def test_a_japanese_article_page(charset: str) -> None:
    extracted = extract_html(ja_page(charset, meta=False), url="https://news.example/a/100")
    assert extracted.kind == "html"
    assert extracted.title == "日米、重要鉱物の投資閣僚会合を開催"
    assert extracted.published == date(2026, 2, 4)
    assert extracted.language == "ja"
    assert "備蓄の積み増しと許認可" in extracted.text
    assert "段階だ」と話した。" in extracted.text
    for boilerplate in JA_BOILERPLATE:
        assert boilerplate not in extracted.text, boilerplate


def test_an_english_article_page() -> None:
    extracted = extract_html(EN_PAGE.encode(), url="https://ledger.example/world/minerals")
    assert extracted.title == "US and Japan hold first critical minerals investment ministerial"
    assert extracted.published == date(2026, 2, 4)
    assert extracted.language == "en"
    assert "expand stockpiles of gallium and germanium" in extracted.text
    assert "within six months" in extracted.text
    for boilerplate in EN_BOILERPLATE:
        assert boilerplate not in extracted.text, boilerplate


def test_an_english_page_dated_only_by_its_dateline() -> None:
    page = EN_PAGE.replace(
        '<meta property="article:published_time" content="2026-02-04T09:30:00-05:00">', ""
    ).replace("February 4, 2026", "Feb. 3, 2026")
    assert extract_html(page).published == date(2026, 2, 3)


def test_the_title_falls_back_to_the_title_element() -> None:
    page = "<html><head><title>外務省 報道発表</title></head><body><p>本文です。</p></body></html>"
    extracted = extract_html(page)
    assert extracted.title == "外務省 報道発表"
    assert extracted.language == "ja"


@pytest.mark.parametrize("content", [b"", b"   ", b"<html></html>", b"<<<>>>&&&", b"\x00\xff" * 50])
def test_junk_html_never_raises(content: bytes) -> None:
    extracted = extract_html(content)
    assert extracted.kind == "html"
    assert isinstance(extracted.text, str)


# --- PDF -----------------------------------------------------------------------------------


def test_a_pdf_statement() -> None:
    extracted = extract_pdf(minimal_pdf(STATEMENT, created="D:20260210120000+09'00'"))
    assert extracted.kind == "pdf"
    assert extracted.title == "Joint Statement on Shipbuilding Cooperation"
    assert extracted.published == date(2026, 2, 4)  # the dateline beats the creation date
    assert extracted.language == "en"
    assert "working group within 90 days" in extracted.text


def test_a_pdf_without_dateline_takes_its_creation_date_and_metadata_title() -> None:
    pdf = minimal_pdf(
        ["Some remarks on the Quad."],
        title="Fact Sheet on Investment",
        created="D:20251028093000+09'00'",
    )
    extracted = extract_pdf(pdf)
    assert extracted.title == "Fact Sheet on Investment"
    assert extracted.published == date(2025, 10, 28)


def test_a_file_name_is_not_taken_as_a_pdf_title() -> None:
    pdf = minimal_pdf(["Remarks by the Minister"], title="Microsoft Word - draft3.docx")
    assert extract_pdf(pdf).title == "Remarks by the Minister"


def _encrypted(user_password: str) -> bytes:
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(minimal_pdf(STATEMENT))))
    owner = "owner"  # a test PDF's throwaway password
    writer.encrypt(user_password=user_password, owner_password=owner, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_an_encrypted_pdf_is_an_extraction_error() -> None:
    with pytest.raises(ExtractionError, match="encrypted with a password"):
        extract_pdf(_encrypted("secret"))


def test_a_pdf_only_protected_against_editing_is_read() -> None:
    assert "working group" in extract_pdf(_encrypted("")).text


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"%PDF-1.4\nthis is not a pdf body at all", "broken"),
        (minimal_pdf(STATEMENT)[:180], "broken"),
        (b"<html>not a pdf</html>", "not a PDF"),
    ],
)
def test_a_broken_pdf_is_an_extraction_error(content: bytes, why: str) -> None:
    with pytest.raises(ExtractionError, match=why):
        extract_pdf(content)


# --- plain text and sniffing ---------------------------------------------------------------


def test_a_plain_text_document_in_japanese() -> None:
    text = (
        "\n\n日米造船協力に関する覚書について\n令和8年2月4日\n国土交通省\n\n"
        "両政府は作業部会を設置する。\n"
    )
    extracted = extract_document(text.encode("cp932"), content_type="text/plain")
    assert extracted.kind == "text"
    assert extracted.title == "日米造船協力に関する覚書について"
    assert extracted.published == date(2026, 2, 4)
    assert extracted.language == "ja"


def test_a_plain_text_document_in_english() -> None:
    text = "Fact Sheet: Japan investment in the United States\r\nOctober 28, 2025\r\n\r\nBody."
    extracted = extract_document(text.encode(), url="https://example.org/fact-sheet.txt")
    assert extracted.kind == "text"
    assert extracted.title == "Fact Sheet: Japan investment in the United States"
    assert extracted.published == date(2025, 10, 28)
    assert extracted.language == "en"
    assert "\r" not in extracted.text


@pytest.mark.parametrize(
    ("content", "content_type", "url", "kind"),
    [
        (minimal_pdf(["x"]), "text/html", None, "pdf"),  # the bytes beat a wrong label
        (b"%PDF-", None, None, "pdf"),
        (b"\x00binary", "application/pdf", None, "pdf"),
        (b"<!DOCTYPE html><html><body>x</body></html>", None, None, "html"),
        (b"<p>fragment</p>", "text/html; charset=utf-8", None, "html"),
        (b"  <HTML lang=ja><body>x</body></HTML>", "application/octet-stream", None, "html"),
        (b"plain words", None, "https://example.org/a.txt", "text"),
        (b"plain words", "text/plain", None, "text"),
        (b"<p>x</p>", None, "https://example.org/page.html", "html"),
    ],
)
def test_sniff_kind(content: bytes, content_type: str | None, url: str | None, kind: str) -> None:
    assert sniff_kind(content, content_type=content_type, url=url) == kind


def test_fetch_then_extract_a_shift_jis_page_without_charset_header(
    httpserver: HTTPServer,
) -> None:
    httpserver.expect_request("/news/100.html").respond_with_data(
        ja_page("Shift_JIS", meta=False), content_type="text/html"
    )
    httpserver.expect_request("/release.pdf").respond_with_data(
        minimal_pdf(STATEMENT), content_type="application/octet-stream"
    )
    policy = FetchPolicy(allow_private=True, host_interval_seconds=0.0)
    with Fetcher(policy) as fetcher:
        page = fetcher.get(httpserver.url_for("/news/100.html"))
        pdf = fetcher.get(httpserver.url_for("/release.pdf"))
    extracted = extract_document(
        page.content, content_type=page.content_type, url=page.url, charset=page.charset
    )
    assert page.charset is None
    assert extracted.title == "日米、重要鉱物の投資閣僚会合を開催"
    assert extracted.language == "ja"
    released = extract_document(pdf.content, content_type=pdf.content_type, url=pdf.url)
    assert released.kind == "pdf"
    assert released.published == date(2026, 2, 4)
