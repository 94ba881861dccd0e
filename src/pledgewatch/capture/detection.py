"""Decide whether a sentence commits its parties, how strongly, and whether it is a grey zone.

The rules follow COMMITMENTS.md, not any training set: a commitment is a statement of future
action by the parties. Recitals ("Whereas", "Recognizing ...;", 前文), statements of fact or
purpose, past or ongoing action, welcomes and expectations are not. "We support / believe /
call on / urge", 「確認した」 and 「支持する」 are grey zones, proposed with the reason, for a
person to decide. Strength comes from the words that commit: "will", "shall", "commit",
"decided", する/していく/ことで一致した are binding; "intend", "plan", "aim", 意図を有する,
目指す are intent; "seek", "hope", "strive", 努める, 希望する are aspiration.

English is read from the cue ("will", "commit to") back to its subject, which must be the
parties (we, the Participants, both sides, a named signatory) or left out; Japanese from the
predicate at the end of the sentence, with the topic (Xは) checked the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pledgewatch.capture.speakers import REPORTING_VERBS

BINDING, INTENT, ASPIRATION = "binding", "intent", "aspiration"
_RANK = {BINDING: 0, INTENT: 1, ASPIRATION: 2}


@dataclass(frozen=True)
class Judgement:
    """What a sentence is: a commitment (possibly a grey zone) or not, and why."""

    commitment: bool
    strength: str | None  # binding | intent | aspiration, for commitments
    grey_zone: str | None  # the reason a person should decide, for grey zones
    reason: str  # the rule that decided, in words
    cue: str | None = None  # the words that decided


# The grey zones a person must decide, by key; brief/labels.py holds them in both languages.
GREY_ZONES: dict[str, str] = {
    "grey_call": "a call on others: a commitment only where it implies the parties' own action",
    "grey_support": "support or endorsement: a commitment only where it implies own action",
    "grey_belief": "a belief or an assessment of need, not yet an undertaking",
    "grey_confirm": "a confirmation (確認した): often an existing line, not a new commitment",
    "grey_list_item": "a list item read without its lead-in",
}


def grey_zone_key(reason: str) -> str | None:
    """The key of a grey-zone reason, for showing it in the reader's language."""
    return next((key for key, text in GREY_ZONES.items() if text == reason), None)


def _not(reason: str, cue: str | None = None) -> Judgement:
    return Judgement(False, None, None, reason, cue)


def _commit(strength: str, reason: str, cue: str | None, grey: str | None = None) -> Judgement:
    return Judgement(True, strength, grey, reason, cue)


def judge(text: str, language: str, *, preamble: bool = False) -> Judgement:
    """Judge one sentence (or list item read with its lead-in)."""
    if preamble:
        return _not("recital: the document's preamble")
    if language == "ja":
        return _judge_japanese(text)
    return _judge_english(text)


def is_fragment(text: str, language: str) -> bool:
    """Whether a text reads as a list item cut from its lead-in (no subject, or no verb)."""
    stripped = _clean_en(text) if language == "en" else text.strip()
    if not stripped:
        return False
    if language == "ja":
        return not re.search(
            r"[るうくすつむぶぐたいだ][。．]?$|ます[。．]?$|です[。．]?$", stripped
        )
    first = stripped.split()[0].strip("“”\"'([")
    return (
        first[:1].islower()
        or first.lower() in _ACTION_VERBS
        or first.lower() == "to"
        or (first.lower().endswith("ing") and first.lower() not in _PREAMBULAR)
    )


# --- English ------------------------------------------------------------------------------------

_PREAMBULAR = {
    "recognizing", "recognising", "noting", "affirming", "expressing", "recalling",
    "acknowledging", "considering", "desiring", "emphasizing", "emphasising", "stressing",
    "underlining", "welcoming", "mindful", "convinced", "concerned", "conscious", "aware",
    "bearing", "taking", "having", "guided", "believing", "reiterating", "observing",
    "realizing", "realising", "underscoring", "highlighting", "reaffirming", "sharing",
    "determined", "committed", "seeking", "wishing", "building", "deeply", "further",
    "appreciating", "confirming", "endorsing", "encouraged", "inspired", "reflecting",
    "whereas",
}  # fmt: skip
# Base forms that open a list item written as an instruction: "Establish ...", "Ratify ...".
_ACTION_VERBS = {
    "accelerate", "achieve", "address", "adopt", "advance", "assist", "build", "combat",
    "continue", "contribute", "convene", "cooperate", "coordinate", "create", "deepen",
    "deliver", "develop", "eliminate", "enable", "encourage", "enhance", "ensure", "establish",
    "expand", "explore", "facilitate", "finance", "foster", "fund", "give", "help", "identify",
    "implement", "improve", "increase", "invest", "launch", "maintain", "mobilize", "mobilise",
    "phase", "prepare", "prevent", "promote", "protect", "provide", "publish", "pursue",
    "ratify", "reduce", "reform", "reinforce", "remove", "report", "review", "scale", "secure",
    "share", "stimulate", "strengthen", "streamline", "support", "tackle", "take", "train",
    "undertake", "upgrade", "work", "will", "make", "apply", "set", "consider", "assess",
    "complete", "double", "extend", "halt", "intensify", "introduce", "monitor", "raise",
    "reach", "restore", "simplify", "sustain", "conclude", "designate", "endorse", "seek",
    "resist", "urge", "call",
}  # fmt: skip
_STATES = (
    r"japan|the united states(?: of america)?|the u\.s\.|u\.s\.|america|the united kingdom"
    r"|the u\.k\.|britain|france|germany|italy|canada|the european union|the eu|russia|korea"
    r"|the republic of korea|australia|india|the philippines"
)
_PARTY = re.compile(
    r"\b(?:we|us|each of us|all of us|those of us|both of us|the participants|the parties"
    r"|the signatories|the leaders|leaders|each (?:country|member|government|party|participant)"
    r"|(?:all |each |every |the )?(?:(?:developed|developing) (?:country )?)?(?:parties|party"
    r"|members|member states|states parties|contracting parties|participants)"
    r"|the heads of state and government|heads of state"
    r"|g-?\d+(?: members| countries| leaders| partners)?"
    r"|the g-?\d+(?: members| countries| leaders)?"
    r"|both (?:sides|countries|governments|participants|nations|leaders|parties)"
    r"|the two (?:countries|sides|governments|leaders|nations|participants)"
    r"|(?:our|their|both) (?:governments?|countries|nations|ministers|ministries|administrations)"
    r"|the (?:working group|committee|task force|ministerial|rapid response group)"
    r"|the governments? of [a-z .]+|prime minister|the prime minister|the president|president"
    r"|(?:the )?(?:secretary|minister|chancellor)\b[a-z ]{0,30}"
    rf"|{_STATES}|japanese and u\.s\. (?:governments|officials)|contributing [a-z-]+ members)\b"
)
# A read-out reports what one side said: "Prime Minister Takaichi stated that she will ...",
# "President Trump emphasized that he would ...". The pronoun stands for the speaker, a party.
_REPORTER = re.compile(
    rf"{_PARTY.pattern}[^,;:]*?\b{REPORTING_VERBS}\b[^,;:]{{0,30}}?(?:\s+that)?\s*$"
)
_SPEAKER_PRONOUN = re.compile(r"^\s*(?:she|he|they)\s*$")
_CLAUSE_START = re.compile(r"[,;:]|\bthat\b|\bwhich\b|\bwhere\b|\bwhile\b|\bbecause\b|\bif\b")
_FILLER = re.compile(
    r"^(?:\s|\band\b|\bor\b|\bbut\b|\balso\b|\btherefore\b|\bthus\b|\bhence\b|\bfurther\b"
    r"|\btogether\b|\bjointly\b|\bcollectively\b|\bindividually\b|\bhereby\b|\bfully\b|\bstill"
    r"\b|\beach\b|\ball\b|\bboth\b|\bnow\b|\btoday\b|\bhere\b|\bthen\b|\bin turn\b|\bin return\b"
    r"|\bfor our part\b|\bin particular\b|\bto this end\b|\bto that end\b|\bin this context\b"
    r"|\bin this regard\b|\baccordingly\b|\bcan\b|\bshould\b|\bdo\b|\b\w+ly\b|[\"“”'\[\]….]"
    r"|\bare\b|\bis\b|\bremain\b|\bremains\b|\bhave\b|\bhas\b|\bbe\b|\bbeen\b|\bam\b"
    r"|\bwill\b|\bshall\b|\bmust\b)*$"
)

_EN_CUES: list[tuple[str, str, re.Pattern[str]]] = [
    (
        BINDING,
        "mandate",
        re.compile(
            r"\b(?:direct|directed|instruct|instructed|task|tasked|mandate|mandated|ask|asked|request"
            r"|requested|invite|invited|charge|charged|call on|call upon)\s+(?:our|the|their|them"
            r"|relevant)\s+(?:\w+\s+){0,2}(?:ministers?|experts|officials|representatives|sherpas"
            r"|working groups?|them|agencies|leaders|personal representatives|presidency)\b"
        ),
    ),
    (
        ASPIRATION,
        "aspiration",
        re.compile(
            r"\b(?:will\s+|shall\s+|to\s+)?(?:seek|seeks|sought|strive|strives|endeavou?r|endeavou?rs"
            r"|hope|hopes|aspire|aspires|wish|wishes|desire)\s+(?:to|that|for)\b"
            r"|\b(?:will|shall)\s+(?:try|attempt)\s+to\b|\bdesire\s+to\b"
        ),
    ),
    (
        INTENT,
        "intent",
        re.compile(
            r"\b(?:intend|intends|intended|plan|plans|planned|planning|aim|aims|aimed|aiming)\s+(?:to|at)\b"
            r"|\bintention\s+(?:to|of)\b|\b(?:are|is|remain|stand|stands)\s+(?:\w+\s+)?(?:prepared"
            r"|ready|willing)\s+to\b|\bpropose\s+(?:to|as)\b|\bour\s+(?:\w+\s+)?(?:goal|aim|objective)"
            r"\s+(?:is|will be)\b|\bdetermination\s+to\b|\bexpect\s+to\b|\bshould\b|\bneed\s+to\b"
            r"|\bhave\s+(?:\w+ly\s+)?to\b|\bmust\b|\blook\s+to\b"
        ),
    ),
    (
        BINDING,
        "binding",
        re.compile(
            r"\b(?:will|shall)\b(?!\s+(?:be\s+)?(?:needed|required|necessary|important|essential"
            r"|difficult|possible|welcome|pleased|glad|happy|a|an|the)\b)"
            r"|\bcommit(?:s|ted)?\s+(?:ourselves\s+|themselves\s+|itself\s+|himself\s+|herself\s+)?"
            r"(?:to|that)\b|\bcommitted\b|\bour\s+(?:\w+\s+)?commitments?\b"
            r"|\b(?:reaffirm|reiterate|renew|reconfirm|confirm|restate)(?:s|ed)?\s+(?:\w+\s+){0,3}"
            r"(?:commitments?|pledges?|undertakings?)\b"
            r"|\b(?:are|is|remain|remains|were|was|am|stay|be)\s+(?:\w+\s+)?(?:determined|resolved)\b"
            r"|\bresolved?\s+to\b|\bpledges?\b|\bpledged\b|\bundert(?:ake|akes|ook)\s+(?:to|that)\b"
            r"|\bagree[sd]?\s+(?:to|on|that|upon)\b|\bagreed\b|\bdecide[sd]?\s+(?:to|on|that)\b"
            r"|\bdecided\b|\bshare\s+(?:a\s+)?(?:\w+\s+)?commitment\b|\bour\s+(?:\w+\s+)?steps\b"
            r"|(?<=\bwe )(?:hereby\s+)?(?:announce|launch|establish|create|adopt|set up|approve)\b"
        ),
    ),
    # Reported speech backshifts "will" to "would"; only a party's own reported undertaking counts.
    (BINDING, "reported", re.compile(r"\bwould\b(?!\s+(?:be|have|like|not|never)\b)")),
]
_GREY: list[tuple[str, re.Pattern[str]]] = [
    (
        GREY_ZONES["grey_call"],
        re.compile(
            r"\b(?:call|calls|called)\s+(?:on|upon|for)\b|\burge[sd]?\b|\bencourage[sd]?\b"
            r"|\binvite[sd]?\b|\bappeal\s+to\b|\bask(?:s|ed)?\b"
        ),
    ),
    (
        GREY_ZONES["grey_support"],
        re.compile(
            r"\bsupport(?:s|ed)?\b|\bendorse[sd]?\b|\bback\b|\bstand\s+(?:with|by)\b"
            r"|\badvocate[sd]?\b|\breaffirm(?:s|ed)?\b|\bcommend(?:s|ed)?\b"
        ),
    ),
    (
        GREY_ZONES["grey_belief"],
        re.compile(
            r"\bbelieve\b|\b(?:recogni[sz]e[sd]?|stress|underline|emphasi[sz]e|underscore"
            r"|acknowledge|reiterate|consider)\s+(?:\w+\s+){0,3}(?:need|importance|necessary"
            r"|responsibility|urgency)\b|\battach\s+(?:\w+\s+)?importance\b"
            r"|\bconsider\s+it\s+(?:necessary|essential|important)\b"
            r"|\bresponsibility\s+to\b|\bremain\s+engaged\b"
        ),
    ),
]
_WELCOME = re.compile(r"\bwelcome[sd]?\b|\bwelcoming\b|\bcongratulat", re.IGNORECASE)
_PURPOSE = re.compile(
    r"^(?:the\s+)?(?:purpose|objective|aim|goal|scope)s?\s+of\s+th(?:is|e)\s+[\w\s\"“”()-]{0,60}?"
    r"\s+(?:is|are|will be|shall be)\b",
    re.IGNORECASE,
)
_PAST_REPORT = re.compile(
    r"\b(?:signed|held|met|visited|announced|conducted|expressed|stated|said|welcomed|launched"
    r"|adopted|discussed|exchanged|emphasized|emphasised|reaffirmed|confirmed|noted|explained"
    r"|took place|was|were|has been|have been|had)\b"
)
_BRACKET = re.compile(r"[\[\]]")
_QUOTES = "“”\"'‘’…. "


_RUN_IN_HEADING = re.compile(r"^[A-Z0-9][A-Z0-9 ,.'’&/-]{6,}:\s+(?=\S)")


def _clean_en(text: str) -> str:
    """Drop quotation marks, square brackets around restored words, a run-in HEADING:."""
    text = _BRACKET.sub("", text).strip().strip(_QUOTES)
    text = _RUN_IN_HEADING.sub("", text)
    return re.sub(r"^\d{4}-\d+\.\s*", "", text)


def _judge_english(text: str) -> Judgement:
    clean = _clean_en(text)
    lower = " ".join(clean.lower().split())
    if not lower:
        return _not("empty")
    first = lower.split()[0].strip(",;:")
    if first == "whereas":
        return _not("recital: Whereas")
    if _PURPOSE.match(lower):
        return _not("statement of purpose")
    main = lower
    if first in _PREAMBULAR:
        operative = _main_clause(lower)
        if operative is None:
            return _not("recital: a preambular phrase with no operative clause", first)
        main = operative
    cues = _find_cues(main)
    if cues:
        return _strongest(cues, main)
    if _WELCOME.search(main):
        return _not("a welcome, with no action of the parties", "welcome")
    for reason, pattern in _GREY:
        match = pattern.search(main)
        if match and _party_subject(main, match.start()):
            return _commit(INTENT, "grey zone", match.group(), reason)
    if is_fragment(clean, "en"):
        return _commit(INTENT, "a list item: its lead-in was not found", first,
                       GREY_ZONES["grey_list_item"])  # fmt: skip
    if _PAST_REPORT.search(main):
        return _not("past or current action, or a statement of fact")
    return _not("no statement of future action by the parties")


def _main_clause(lower: str) -> str | None:
    """After a preambular phrase, the clause whose subject is the parties, if any."""
    for match in re.finditer(r"[,;:]\s*", lower):
        rest = lower[match.end() :]
        if _PARTY.match(rest) or rest.startswith(("will ", "shall ")):
            return rest
    return None


def _find_cues(text: str) -> list[tuple[str, str, re.Match[str]]]:
    found = []
    for strength, name, pattern in _EN_CUES:
        for match in pattern.finditer(text):
            if name == "reported":
                if _reported_subject(text, match.start()):
                    found.append((strength, name, match))
            elif (
                match.group().startswith("our ")
                or _party_subject(text, match.start())
                or (name == "binding" and _passive_action(text, match))
            ):
                found.append((strength, name, match))
    return found


def _reported_subject(text: str, position: int) -> bool:
    """Whether "would" is a reported "will": a party's reporting verb, then "he would help"."""
    head, _, clause = text[:position].rpartition(" that ")
    if not head:
        return False
    subject = clause.strip()
    return bool(_REPORTER.search(head + " that")) and bool(
        re.fullmatch(rf"she|he|they|{_STATES}", subject)
    )


def _passive_action(text: str, match: re.Match[str]) -> bool:
    """A passive action ("measures will be taken"), the parties being the unnamed agent."""
    if match.group() not in ("will", "shall"):
        return False
    after = text[match.end() : match.end() + 40]
    return bool(
        re.match(rf"\s+be\s+(?:\w+ly\s+)?(?:\w+ed|{_IRREGULAR})\b", after)
    ) and not re.match(
        r"\s+be\s+(?:\w+ly\s+)?(?:needed|required|expected|pleased|based|limited|used|aimed)", after
    )


_IRREGULAR = (
    "taken|given|held|made|done|set|built|sent|paid|met|kept|sought|brought|undertaken|shown"
    "|drawn|begun|spent|lent|put|laid|led|run|chosen|written|struck|sold|bound"
)


def _party_subject(text: str, position: int) -> bool:
    """Whether the clause before `position` has the parties as subject, or no subject at all."""
    before = text[:position]
    starts = [m.end() for m in _CLAUSE_START.finditer(before)]
    clause = before[starts[-1] :] if starts else before
    if _PARTY.search(clause):
        return True
    if _SPEAKER_PRONOUN.match(clause) and starts:
        return bool(_REPORTER.search(before[: starts[-1]]))
    if _FILLER.match(clause):
        # No subject of its own: the subject of the sentence carries over, if there is one.
        head = before[: starts[-1]] if starts else ""
        return not head.strip() or bool(_PARTY.search(head))
    return False


def _strongest(cues: list[tuple[str, str, re.Match[str]]], text: str) -> Judgement:
    """The first cue decides; a weaker verb right after it ("will seek to") weakens it."""
    cues.sort(key=lambda cue: cue[2].start())
    strength, name, match = cues[0]
    window = text[match.start() : match.end() + 40]
    for weaker, weak_name, pattern in _EN_CUES:
        if _RANK[weaker] > _RANK[strength] and weak_name != "mandate":
            found = pattern.search(window)
            if found and found.start() > 0:
                strength = weaker
    reason = "a mandate to a body of the parties" if name == "mandate" else f"{strength} language"
    return _commit(strength, reason, match.group())


# --- Japanese -----------------------------------------------------------------------------------

_JA_PARTY = re.compile(
    r"両者|両国|両政府|両首脳|双方|日米|日本|米国|アメリカ|我々|われわれ|私たち|我が国|わが国|政府"
    r"|首相|総理|大統領|首脳|閣僚|大臣|長官|作業部会|委員会|G[0-9]|Ｇ[０-９]|各国|参加者|締約国"
)
_JA_TOPICS = (
    re.compile(r"^(?P<topic>[^、。]{1,40}?)は(?!ず)"),
    re.compile(r"^[^、。]{0,14}、(?P<topic>[^、。]{1,40}?)は(?!ず)"),  # 今後、両国は...
)


def japanese_topic(sentence: str) -> str | None:
    """The topic (Xは) a Japanese sentence opens with, if any."""
    for pattern in _JA_TOPICS:
        match = pattern.match(sentence.strip())
        if match:
            return match.group("topic")
    return None


_JA_TAIL = re.compile(r"[。．\s」』)）]+$")
_JA_CLAUSE_TAIL = re.compile(r"(?:とともに|と共に|ており|ていて|つつ|ながら|、)+$")

# How a Japanese read-out reports what one side said: 〜旨述べた, 〜考えを示した.
_JA_REPORTED = r"(?:述べた|表明した|示した|伝えた|お伝えした|強調した)$"
_JA_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("not:歓迎", re.compile(r"歓迎(?:する|した|します|しました|し|の意を表明した|の意を表した)$")),
    (
        "not:期待",
        re.compile(
            r"期待(?:する|した|します|しました|を表明した|を表明しました|を示した|している)$"
        ),
    ),
    (
        "grey:確認",
        re.compile(r"(?:再)?確認(?:した|しました|する|します|し合った|しあった|された)$"),
    ),
    (
        "grey:call",
        re.compile(
            r"(?:求める|求めた|求めていく|呼びかける|呼びかけた|呼び掛ける|要請する"
            r"|要請した|促す|促した|奨励する|奨励した|働きかける|働きかけていく"
            r"|働き掛けていく)$"
        ),
    ),
    ("grey:支持", re.compile(r"支持(?:する|した|します|しました|していく)$")),
    (
        "intent",
        re.compile(
            r"(?:意図を有する|意図する|意図を確認した|意向である|意向を有する|意向を示した"
            r"|予定である|予定です|計画である|方針である|考えである|考えです|目指す"
            r"|目指していく|目指します|目標とする|たい|たいと考えている|見込みである)$"
        ),
    ),
    (
        "aspiration",
        re.compile(
            r"(?:希望する|希望した|望む|望んでいる|努める|努めていく|努めます"
            r"|努力する|努力していく|願う)$"
        ),
    ),
    (
        "binding",
        re.compile(
            r"(?:ことで一致した|ことで一致しました|ことに一致した|で一致した|ことで合意した"
            r"|ことに合意した|ことを合意した|に合意した|ことを決定した|を決定した|ことを決めた"
            r"|ことを約束した|を約束した|申し合わせた|決意(?:を)?(?:お伝えした|伝えた|表明した"
            r"|示した|述べた)|決意である|決意です|を誓った|ことを宣言した)$"
        ),
    ),
    # A read-out's reported undertaking: 〜していく旨述べた, 〜すると述べた, 〜していく考えを示した.
    (
        "binding",
        re.compile(
            r"(?<!期待|歓迎|評価|認識|留意|懸念|確信|重視|支持|強調)"
            rf"(?:する|[てで]いく|[てで]まいる)(?:旨|との考えを|考えを|意向を|方針を|と){_JA_REPORTED}"
        ),
    ),
    (
        "intent",
        re.compile(rf"たい(?:旨|との考えを|考えを|意向を|ということを|と){_JA_REPORTED}"),
    ),
    ("not:ongoing", re.compile(r"(?:ている|ています|ておる|ております)$")),
    (
        "not:assessment",
        re.compile(
            r"(?:認識する|認識した|認識しており|留意する|留意した|懸念する|懸念を表明した"
            r"|注目する|強調する|強調した|確信する|確信した|理解する|評価する|評価した"
            r"|感謝する|感謝した|賞賛する|称賛する|重視する|重要視する|述べた|説明した"
            r"|表明した|表明しました|関心を有する|有する|有している|なる|なります"
            r"|である|であった|でした|です|だ|ある|あります|いる|います|られる|れる"
            r"|できる|わかる|かかる|おります)$"
        ),
    ),
    (
        "binding",
        re.compile(
            r"(?:する|します|していく|していきます|てまいる|てまいります|ていく|ていきます"
            r"|こととする|こととした|こととしている|ものとする|行う|行います|取り組む"
            r"|取り組んでいく|取り組みます|図る|図っていく|進める|進めていく|講じる|講ずる"
            r"|[うくすつぬむぶぐる])$"
        ),
    ),
    (
        "nominal",
        re.compile(
            r"(?:促進|強化|推進|設置|拡大|実施|構築|支援|協力|開発|実装|整備|検討|創設"
            r"|導入|提供|確保|明確化|育成|共有|特定|連携|投資|実現|改善|削減|深化|加速"
            r"|展開|設立|開催|策定|締結|派遣|保護|防止|対処|対応)(?:等|など)?$"
        ),
    ),
    ("not:past", re.compile(r"(?:た|だ|ました|でした)$")),
]
_JA_NOT_REASONS = {
    "not:歓迎": "a welcome (歓迎), not a commitment",
    "not:期待": "an expression of expectation (期待), not an action of the parties",
    "not:assessment": "a statement of fact, recognition or assessment",
    "not:past": "past action or fact",
    "not:ongoing": "ongoing action",
}
_JA_GREY_REASONS = {
    "grey:確認": GREY_ZONES["grey_confirm"],
    "grey:call": GREY_ZONES["grey_call"],
    "grey:支持": GREY_ZONES["grey_support"],
}


def _predicate(text: str) -> str:
    return _JA_CLAUSE_TAIL.sub("", _JA_TAIL.sub("", text.strip()))


def _judge_japanese(text: str) -> Judgement:
    sentence = text.strip()
    if not sentence:
        return _not("empty")
    predicate = _predicate(sentence)
    topic = japanese_topic(sentence)
    party_topic = topic is None or bool(_JA_PARTY.search(topic))
    for name, pattern in _JA_RULES:
        match = pattern.search(predicate)
        if match is None:
            continue
        cue = match.group()
        if name.startswith("not:"):
            return _not(_JA_NOT_REASONS[name], cue)
        if not party_topic and name in ("binding", "nominal"):
            return _not("a statement about something other than the parties", cue)
        if name.startswith("grey:"):
            return _commit(INTENT, "grey zone", cue, _JA_GREY_REASONS[name])
        if name == "nominal":
            return _commit(BINDING, "a nominal summary of an action (体言止め)", cue)
        return _commit(name, f"{name} language", cue)
    return _not("no statement of future action by the parties")
