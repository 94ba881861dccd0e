"""Small valid PDFs built in memory for the tests that read PDF (fetch and capture).

pypdf reads them as a publisher's PDF would be read: one page of Helvetica text with correct
cross-reference offsets, and optionally a document title and creation date in /Info.
"""

from __future__ import annotations


def minimal_pdf(lines: list[str], *, title: str | None = None, created: str | None = None) -> bytes:
    """A one-page PDF with ``lines``; ``title`` and ``created`` (D:YYYYMMDD...) go in /Info."""
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
    info = " ".join(
        entry
        for entry in (
            f"/Title ({title})" if title else "",
            f"/CreationDate ({created})" if created else "",
        )
        if entry
    )
    if info:
        objects.append(f"<< {info} >>".encode("latin-1"))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    trailer_info = b" /Info 6 0 R" if info else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\n" % (len(objects) + 1, trailer_info)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
