"""Find the structure of an outcome document: headings, numbered paragraphs, lists, preamble.

Commitments are read in their place in the document: a list item means nothing without the
lead-in that introduces it ("The Working Group will focus on the following areas:"), a numbered
paragraph is cited by its number (II.3), and the recitals before "have reached the following" or
以下の事項を認識する are not commitments however they are worded. So before any sentence is
judged, the text is read line by line into blocks that know their section, their lead-in and
whether they lie in the preamble. Offsets always point into the text as given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Line markers, tried in order; each names a family (the kind of numbering) and a key.
_MARKERS: list[tuple[str, re.Pattern[str]]] = [
    (
        "chapter",
        re.compile(r"第\s*(?P<key>[IVXivx\d一二三四五六七八九十]+)\s*[章部編]\s*[:：]?\s*"),
    ),
    ("article", re.compile(r"第\s*(?P<key>[\d一二三四五六七八九十]+)\s*条\s*")),
    (
        "section",
        re.compile(r"(?:Section|Article|Part|Chapter)\s+(?P<key>[IVX]+|\d+)\s*[.:：\-–]?\s+"),
    ),
    ("roman", re.compile(r"(?P<key>[IVX]{1,5})\s*[.:：)）]\s*(?=\S)")),
    ("number", re.compile(r"(?P<key>\d{1,2})\s*[.)．）](?!\d)\s*(?=\S)")),
    ("number", re.compile(r"(?P<key>\d{1,2})[ \u3000]+(?=[^\x00-\x7f])")),
    ("paren", re.compile(r"[(（]\s*(?P<key>\d{1,2})\s*[)）]\s*")),
    ("bracket", re.compile(r"(?:\[|［|【|〈|<)\s*(?P<key>\d{1,2})\s*(?:\]|］|】|〉|>)\s*")),
    ("circled", re.compile(r"(?P<key>[①-⑳])\s*")),
    ("letter", re.compile(r"[(（]?(?P<key>[a-h])[)）]\s+|(?P<key2>[a-h])\.\s+(?=[A-Z])")),
    ("small-roman", re.compile(r"[(（](?P<key>(?:i|ii|iii|iv|v|vi|vii|viii|ix|x))[)）]\s*")),
    ("bullet", re.compile(r"(?P<key>[・•●○◆◇■□▪‣∙✔✓➢►▶◎〇])\s*|(?P<key2>[-–—*])\s+")),
]
_TERMINAL = re.compile(r"[。．.!?！？;；:：、,，]\s*[\"'”’」』)）]*$")
_INNER_STOP = re.compile(r"[。．！？]|[.!?]\s+[A-Z]")
_EN_CLAUSE = re.compile(
    r"\b(?:we|our|will|shall|must|should|would|are|is|was|were|been|has|have|had|commit|commits)\b"
    r"|\bto\s+[a-z]+\b.*\b[a-z]",
    re.IGNORECASE,
)
_JA_PREDICATE = re.compile(
    r"(?:する|します|していく|ていく|てまいります|こととする|ものとする|一致した|決定した|合意した|確認した"
    r"|である|ました|した)$"
)
_INSTRUCTIONS = {
    "ratify", "publish", "establish", "develop", "pursue", "make", "provide", "promote", "ensure",
    "support", "strengthen", "implement", "accelerate", "encourage", "facilitate", "reduce",
    "increase", "improve", "create", "adopt", "take", "work", "build", "expand", "set", "launch",
    "prepare", "review", "enhance", "address", "stimulate", "help", "give", "share", "will",
}  # fmt: skip
_COLON_END = re.compile(r"[:：]\s*$")
_FOLLOWING = re.compile(
    r"\b(?:the following|as follows|following (?:areas|steps|actions|measures|points|projects))\b"
    r"|以下の|次の|下記の",
    re.IGNORECASE,
)
# The formula that closes the recitals and opens the operative part.
_PREAMBLE_END = re.compile(
    r"\b(?:have|has|hereby)\s+(?:jointly\s+)?(?:reached|agreed|decided|adopted|come\s+to|resolved)"
    r"\b[^.。]{0,80}?\b(?:the\s+following|as\s+follows)\b"
    r"|\bagreed?\s+as\s+follows\b|\bhave\s+reached\s+the\s+following\b"
    r"|以下の(?:事項|とおり|通り|認識|点|内容)[をにでについて]{0,4}.{0,30}?"
    r"(?:認識|確認|決定|合意|共有|一致|表明|宣言)"
    r"|次のとおり(?:合意|決定|確認|認識)",
    re.IGNORECASE,
)
_DATE_LINE = re.compile(
    r"^(?:(?:令和|平成)[元\d]+年|\d{4}年)?\d{1,2}月\d{1,2}日(?:\s*[(（].[)）])?$"
    r"|^[A-Z][a-z]+\.? \d{1,2}, \d{4}$|^\d{1,2} [A-Z][a-z]+ \d{4}$"
    r"|^(?:令和|平成)[元\d]+年\d{1,2}月\d{1,2}日(?:\s*[(（].[)）])?$"
)


@dataclass(frozen=True)
class Block:
    """A heading, a paragraph or a list item of the document, with where it lies."""

    kind: str  # heading | paragraph | item
    start: int  # offsets of the content (markers excluded) into the document text
    end: int
    parts: tuple[tuple[int, int], ...]  # an item's title and sub-points, markers excluded
    marker: str | None
    section: str | None
    preamble: bool = False
    lead_in: Block | None = None
    is_lead_in: bool = False


@dataclass
class _Line:
    start: int
    end: int
    content_start: int
    marker: str | None
    family: str | None
    key: str | None


@dataclass
class _Outline:
    """The numbering above the current line: (family, key, title) from outermost in."""

    stack: list[tuple[str, str, str | None]] = field(default_factory=list)
    free_title: str | None = None

    def enter(self, family: str, key: str, title: str | None) -> None:
        for index, (known, _, _) in enumerate(self.stack):
            if known == family:
                del self.stack[index:]
                break
        self.stack.append((family, key, title))

    def reset(self, title: str) -> None:
        self.stack.clear()
        self.free_title = title

    def label(self) -> str | None:
        keys = [_key_label(family, key) for family, key, _ in self.stack if family != "bullet"]
        title = next((t for _, _, t in reversed(self.stack) if t), None)
        if not keys:
            return title or self.free_title
        path = ".".join(keys)
        return f"{path} {title}" if title else path


def _key_label(family: str, key: str) -> str:
    if family == "paren":
        return f"({key})"
    if family == "bracket":
        return f"[{key}]"
    return key


def read_structure(text: str, language: str) -> list[Block]:
    """The document's blocks in order: headings, paragraphs and list items."""
    lines = _logical_lines(text, language)
    preamble_end = _preamble_end(text, lines)
    blocks: list[Block] = []
    outline = _Outline()
    lead_ins: list[tuple[Block, str | None]] = []  # open lead-ins and their item family
    item: Block | None = None
    item_family: str | None = None

    def close_item() -> None:
        nonlocal item
        if item is not None:
            blocks.append(item)
            item = None

    for index, line in enumerate(lines):
        content = text[line.content_start : line.end]
        following = lines[index + 1] if index + 1 < len(lines) else None
        # A heading heads something: a last line with nothing after it is read as text.
        heading = following is not None and _is_heading(content, language)
        lead = _is_lead_in(content) and following is not None and following.marker is not None
        in_preamble = line.end <= preamble_end
        family = line.family
        if lead_ins and family is not None and item_family is None:
            item_family = family
            lead_ins[-1] = (lead_ins[-1][0], family)
        if lead_ins and family is not None and family == item_family:
            close_item()
            section = _section_after(outline, family, line.key or "", content, heading)
            item = Block("item", line.content_start, line.end, ((line.content_start, line.end),),
                         line.marker, section, in_preamble, lead_ins[-1][0], lead)  # fmt: skip
            if lead:  # an item that opens a list of its own: "- Energy investments:"
                blocks.append(item)
                lead_ins.append((item, None))
                item, item_family = None, None
            continue
        if (
            item is not None
            and family is not None
            and family != item_family
            and not _shallower(outline, family, item_family)
        ):
            parts = (*item.parts, (line.content_start, line.end))
            item = Block("item", item.start, line.end, parts, item.marker, item.section,
                         item.preamble, item.lead_in, item.is_lead_in)  # fmt: skip
            continue
        close_item()
        if lead_ins and (family is None or _shallower(outline, family, item_family)):
            lead_ins, item_family = _close_lists(lead_ins, family, heading)
        if family is not None:
            title = _title(content) if heading else None
            outline.enter(family, line.key or "", title)
        elif heading and not _DATE_LINE.match(content.strip()):
            outline.reset(_title(content))
        kind = "heading" if heading and not lead else "paragraph"
        block = Block(kind, line.content_start, line.end, ((line.content_start, line.end),),
                      line.marker, outline.label(), in_preamble, None, lead)  # fmt: skip
        blocks.append(block)
        if lead and not in_preamble:
            lead_ins = [(block, None)]
            item_family = None
    close_item()
    return blocks


def _section_after(outline: _Outline, family: str, key: str, content: str, heading: bool) -> str:
    outline.enter(family, key, _title(content) if heading else None)
    label = outline.label()
    return label or ""


def _shallower(outline: _Outline, family: str, than: str | None) -> bool:
    """Whether `family` sits above `than` in the current numbering (it ends the list)."""
    families = [known for known, _, _ in outline.stack]
    if than is None or than not in families:
        return False
    return family in families and families.index(family) < families.index(than)


def _close_lists(
    lead_ins: list[tuple[Block, str | None]], family: str | None, heading: bool
) -> tuple[list[tuple[Block, str | None]], str | None]:
    """Drop nested lead-ins whose items are over; keep an outer one the family still matches."""
    while lead_ins:
        if family is not None and lead_ins[-1][1] == family and not heading:
            return lead_ins, family
        lead_ins = lead_ins[:-1]
    return [], None


def _title(content: str) -> str:
    return " ".join(content.split()).rstrip(":：")


def _is_heading(content: str, language: str) -> bool:
    stripped = content.strip()
    if not stripped or _TERMINAL.search(stripped) or _INNER_STOP.search(stripped):
        return False
    if language == "ja":
        return len(stripped) <= 60 and not _JA_PREDICATE.search(stripped)
    words = stripped.split()
    if stripped[0].islower() or len(words) > 16 or _EN_CLAUSE.search(stripped):
        return False
    if words[0].lower() in _INSTRUCTIONS and len(words) > 3:
        return False  # "Ratify the convention by 1993": a list item, not a title
    capitalised = sum(1 for word in words if word[:1].isupper() or not word[:1].isalpha())
    long_words = [word for word in words if len(word) > 3]
    long_capitalised = sum(1 for word in long_words if word[:1].isupper())
    return len(words) <= 6 or capitalised == len(words) or long_capitalised * 2 >= len(long_words)


def _is_lead_in(content: str) -> bool:
    stripped = content.strip()
    return bool(_COLON_END.search(stripped)) or bool(_FOLLOWING.search(stripped[-80:]))


def _preamble_end(text: str, lines: list[_Line]) -> int:
    """The end of the line that closes the recitals, or 0 when the document has none."""
    for line in lines:
        if _PREAMBLE_END.search(text[line.content_start : line.end]):
            return line.end
    return 0


# --- lines --------------------------------------------------------------------------------------

_LINE = re.compile(r"[^\n]*\n?")
_INDENT = re.compile(r"[ \t\u3000]*")


def _physical_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    for match in _LINE.finditer(text):
        raw = match.group().rstrip("\r\n")
        if not raw.strip():
            continue
        start = match.start() + len(_INDENT.match(raw).group())  # type: ignore[union-attr]
        end = match.start() + len(raw.rstrip())
        marker, family, key, content_start = _marker(text, start, end)
        lines.append(_Line(start, end, content_start, marker, family, key))
    return lines


def _marker(text: str, start: int, end: int) -> tuple[str | None, str | None, str | None, int]:
    for family, pattern in _MARKERS:
        match = pattern.match(text, start, end)
        if match is None or match.end() >= end:
            continue
        key = match.group("key") or (match.groupdict().get("key2") or "")
        if family == "roman" and len(text[match.end() : end].split()) == 0:
            continue
        return match.group().strip(), family, key, match.end()
    return None, None, None, start


def _logical_lines(text: str, language: str) -> list[_Line]:
    """Rejoin lines that were wrapped inside a paragraph (PDFs, fixed-width text)."""
    lines = _physical_lines(text)
    if not lines:
        return []
    widths = sorted(line.end - line.start for line in lines)
    wide = widths[int(len(widths) * 0.9)] if len(widths) >= 5 else 10_000
    joined: list[_Line] = [lines[0]]
    for line in lines[1:]:
        last = joined[-1]
        blank_between = text.count("\n", last.end, line.start) >= 2
        if not blank_between and line.marker is None and _runs_on(text, last, wide, language):
            joined[-1] = _Line(last.start, line.end, last.content_start, last.marker,
                               last.family, last.key)  # fmt: skip
        else:
            joined.append(line)
    return joined


def _runs_on(text: str, line: _Line, wide: int, language: str) -> bool:
    content = text[line.content_start : line.end]
    if re.search(r"[。．.!?！？;；:：]\s*[\"'”’」』)）]*$", content):
        return False
    if language == "ja":
        return bool(re.search(r"[、のとをにはがで「『（(]$", content)) or (
            line.end - line.start >= 0.8 * wide and len(content) > 20
        )
    if re.search(r"[,;]$|\b(?:and|or|the|of|to|in|for|a|an|with|by|on)$|[a-z]$", content):
        return len(content) > 40 or content.endswith(",")
    return line.end - line.start >= 0.8 * wide and len(content) > 40
