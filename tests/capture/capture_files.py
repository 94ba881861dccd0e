"""Small documents built for the capture tests: a PDF's lines and an HTML page, in memory."""

from __future__ import annotations

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
