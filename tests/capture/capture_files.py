"""Small documents built for the capture tests: a PDF and an HTML page, in memory."""

from __future__ import annotations


def minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with the lines in Helvetica, with correct xref offsets."""
    operators = ["BT", "/F1 11 Tf", "72 720 Td", "14 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        operators.append(f"({escaped}) Tj T*")
    operators.append("ET")
    stream = "\n".join(operators).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


PDF_LINES = [
    "Joint Statement on Shipbuilding Cooperation",
    "Washington, February 4, 2026",
    "The two governments will establish a shipbuilding working group within 90 days.",
    "The two governments held a signing ceremony.",
]

HTML_PAGE = """<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>日米重要鉱物協力に関する共同声明</title></head>
<body>
<nav><a href="/">トップ</a> <a href="/news">報道発表</a></nav>
<article>
<h1>日米重要鉱物協力に関する共同声明</h1>
<p>令和7年10月28日</p>
<p>両国政府は、重要鉱物及びレアアースのサプライチェーンの強靱化が両国の経済安全保障にとって重要であることを認識した。</p>
<p>日米両国は、6か月以内に選定された事業への資金支援を行う。</p>
<p>両国は、180日以内に投資に関する閣僚会合を開催することで一致した。</p>
<p>日本は、最大5,500億ドルの戦略的投資を行う。</p>
<p>両国は、同志国の取組を歓迎した。</p>
</article>
<footer>お問い合わせ先 経済産業省</footer>
</body></html>
"""
