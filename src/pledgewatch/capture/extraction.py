"""Propose the commitments of an outcome document: the detection engine, end to end.

The steps, each in its own module: structure (headings, numbered paragraphs, lead-ins with
their lists, the preamble), sentences, detection (commitment or not, strength, grey zone),
splitting by target, then for each proposal its parties, deadline, money and sectors. Every
proposal keeps the exact span of its operative part in the text, so a person reviewing it can
see where it came from; nothing is stored here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from pledgewatch.capture.detection import Judgement, is_fragment, japanese_topic, judge
from pledgewatch.capture.money import find_money
from pledgewatch.capture.parties import ALL, PartyNames, detect_parties, party_names
from pledgewatch.capture.proposals import (
    ExtractionResult,
    ProposedCommitment,
    ProposedDeadline,
)
from pledgewatch.capture.sectors import sectors_of, shipped_broader, shipped_matcher
from pledgewatch.capture.speakers import speaker_parties
from pledgewatch.capture.splitting import Target, split_targets
from pledgewatch.capture.structure import Block, read_structure
from pledgewatch.text.concepts import ConceptMatcher
from pledgewatch.text.language import detect_language
from pledgewatch.text.sentences import Sentence, split_sentences
from pledgewatch.text.timex import TimeMention, find_time_mentions, pick_deadline


@dataclass(frozen=True)
class _Context:
    language: str
    document_date: date | None
    signatories: PartyNames | None
    matcher: ConceptMatcher
    broader: Mapping[str, str]


def extract(
    text: str,
    *,
    document_date: date | None,
    language: str | None = None,
    parties: Sequence[str] = (),
    matcher: ConceptMatcher | None = None,
    party_aliases: Mapping[str, Sequence[str]] | None = None,
    broader: Mapping[str, str] | None = None,
) -> ExtractionResult:
    """Propose the commitments of `text`; see pledgewatch.capture.proposals for the fields.

    `parties` are the signatories' codes when known (from a stored agreement), with
    `party_aliases` for the names the text may use; otherwise the text's opening is read.
    Sectors come from `matcher` (with `broader`, each topic's sector), else from the thesaurus
    shipped with pledgewatch.
    """
    if matcher is None:
        matcher, broader = shipped_matcher(), shipped_broader()
    lang = language if language in ("ja", "en") else (detect_language(text) or "en")
    signatories = party_names(parties, party_aliases) if parties else detect_parties(text, lang)
    context = _Context(lang, document_date, signatories, matcher, broader or {})
    blocks = read_structure(text, lang)
    lead_ins_with_items = {id(block.lead_in) for block in blocks if block.lead_in is not None}
    proposals: list[ProposedCommitment] = []
    for block in blocks:
        if block.kind == "heading":
            continue
        if block.kind == "item":
            proposals += _from_item(text, block, context)
        elif not (block.is_lead_in and id(block) in lead_ins_with_items):
            proposals += _from_paragraph(text, block, context)
    return ExtractionResult(text=text, language=lang, document_date=document_date,
                            proposals=proposals)  # fmt: skip


# A sentence that goes on about the commitment before it ("This will include ...", "Aid will
# rise by $50 billion by 2010", これにより...) belongs to it: the G7 Research Group quotes such
# passages whole, and the target's figures are often in the second sentence.
_EN_ELABORATION = re.compile(
    r"^\W*(?:this|these|they|it|such|that|those)\b|\b(?:will|shall|should)\b"
)
_JA_ELABORATION = re.compile(r"^(?:これ|この|それ|その|同|当該|なお)")


def _elaborates(sentence: str, language: str) -> bool:
    if language == "ja":
        return bool(_JA_ELABORATION.match(sentence))
    return bool(_EN_ELABORATION.search(sentence.lower()))


# A commitment whose only target is a reference back ("We reaffirm our commitments in this
# regard.", この点に関するコミットメントを再確認する) names its target in the sentence before:
# it carries that sentence, as a list item carries its lead-in.
_EN_BACK_REFERENCE = re.compile(
    r"^\W*(?:we|they|the g-?[78]|g-?[78] (?:leaders|members))(?:\s+[\w']+){1,4}?\s+"
    r"(?:in (?:this|that) (?:regard|respect)|to (?:this|that|it|them|do so|doing so)"
    r"|(?:this|that|these|those) (?:goals?|objectives?|targets?|commitments?|efforts?|aims?))"
    r"\W*$",
    re.IGNORECASE,
)
_JA_BACK_REFERENCE = re.compile(
    r"^(?:[^、。「」]{1,12}は、?)?(?:引き続き、?)?"
    r"(?:この点|その点|これ|それ|(?:この|その|これらの|それらの)(?:目標|目的|コミットメント|取組|取り組み))"
    r"(?:に関する(?:[^、。]{0,8}の)?コミットメントを再確認する"
    r"|に(?:引き続き)?(?:取り組む|取り組んでいく|コミットする)"
    r"|の(?:実現|達成)に(?:向けて|向け)?、?(?:引き続き)?(?:取り組む|取り組んでいく|努める|協力する))"
    r"(?:ことで一致した|ことを確認した)?[。．]?$"
)


def _refers_back(sentence: str, language: str) -> bool:
    if language == "ja":
        return bool(_JA_BACK_REFERENCE.match(sentence.strip()))
    return bool(_EN_BACK_REFERENCE.match(sentence.strip()))


def _from_paragraph(text: str, block: Block, context: _Context) -> list[ProposedCommitment]:
    proposals: list[ProposedCommitment] = []
    chunk = text[block.start : block.end]
    previous: tuple[str, int, Judgement] | None = None  # the last proposal's text, start, verdict
    before: Sentence | None = None  # the sentence before this one, proposed or not
    lang = context.language
    joiner = "" if lang == "ja" else " "
    for sentence in split_sentences(chunk, lang, offset=block.start):
        judgement = judge(sentence.text, lang, preamble=block.preamble)
        last, before = before, sentence
        if judgement.commitment and last is not None and _refers_back(sentence.text, lang):
            if previous is not None and proposals[-1].span[1] == last.end:
                body, start, verdict = previous  # the target is the last proposal's
                proposals.pop()
            else:
                body, start, verdict = last.text, last.start, judgement
            body = f"{body}{joiner}{sentence.text}"
            proposals.append(_proposal(body, (start, sentence.end), block, verdict, context))
            previous = (body, start, verdict)
            continue
        if not judgement.commitment:
            if previous is not None and _elaborates(sentence.text, lang):
                body, start, verdict = previous
                body = f"{body}{joiner}{sentence.text}"
                proposals[-1] = _proposal(body, (start, sentence.end), block, verdict, context)
                previous = (body, start, verdict)
            else:
                previous = None
            continue
        targets = split_targets(sentence.text, sentence.start, lang)
        kept: list[tuple[Target, Judgement]] = []
        if len(targets) > 1:
            # Each part is judged again: "歓迎するとともに、〜する" keeps only its second half.
            judged = [(target, judge(target.text, lang)) for target in targets]
            kept = [
                (target, _governed(verdict, judgement))
                for target, verdict in judged
                if verdict.commitment
            ]
        if not kept:
            kept = [(Target(sentence.text, sentence.start, sentence.end), judgement)]
        for target, verdict in kept:
            proposals.append(
                _proposal(target.text, (target.start, target.end), block, verdict, context)
            )
        last_target, last_verdict = kept[-1]
        previous = (last_target.text, last_target.start, last_verdict)
    return proposals


_RANK = {"binding": 0, "intent": 1, "aspiration": 2}


def _governed(part: Judgement, whole: Judgement) -> Judgement:
    """A part keeps what governs the whole: 〜を強化すると共に、〜していくことを確認した."""
    strengths = [s for s in (part.strength, whole.strength) if s is not None]
    strength = max(strengths, key=lambda s: _RANK.get(s, 0)) if strengths else None
    grey = whole.grey_zone or part.grey_zone
    return replace(part, strength=strength, grey_zone=grey)


def _from_item(text: str, block: Block, context: _Context) -> list[ProposedCommitment]:
    """A list item, read with the lead-ins above it."""
    if block.is_lead_in:
        return []
    chain: list[Block] = []
    lead = block.lead_in
    while lead is not None:
        chain.insert(0, lead)
        lead = lead.lead_in
    lead_text = " ".join(_one_line(text[b.start : b.end]) for b in chain)
    separator = "：" if context.language == "ja" else ": "
    parts = [_one_line(text[start:end]) for start, end in block.parts]
    item_text = separator.join(parts) if len(parts) > 1 else parts[0]
    if context.language == "ja" and len(parts) > 2:
        item_text = parts[0] + "：" + "；".join(parts[1:])
    lead_judgement = judge(lead_text, context.language, preamble=block.preamble)
    own = judge(item_text, context.language, preamble=block.preamble)
    if own.commitment and not is_fragment(item_text, context.language):
        judgement = own
    elif lead_judgement.commitment:
        judgement = lead_judgement
    else:
        return []
    joiner = " "
    if context.language == "ja":
        joiner = "" if re.search(r"[。：:]$", lead_text) else "："
    full = f"{lead_text}{joiner}{item_text}" if lead_text else item_text
    return [_proposal(full, (block.start, block.end), block, judgement, context)]


def _one_line(text: str) -> str:
    return (
        " ".join(text.split())
        if not re.search(r"[^\x00-\x7f]", text)
        else re.sub(r"\s*\n\s*", "", text.strip())
    )


def _proposal(
    text: str, span: tuple[int, int], block: Block, judgement: Judgement, context: _Context
) -> ProposedCommitment:
    mentions = find_time_mentions(text, context.language, reference=context.document_date)
    chosen = pick_deadline(mentions, reference=context.document_date)
    return ProposedCommitment(
        text=text,
        span=span,
        section=block.section,
        parties=_parties(text, judgement, context),
        deadline=_deadline(chosen, context.document_date),
        money=find_money(text),
        strength=judgement.strength or "binding",
        sectors=sectors_of(text, context.matcher, context.broader),
        grey_zone=judgement.grey_zone,
        language=context.language,
        time_mentions=[mention.text for mention in mentions],
    )


def _parties(text: str, judgement: Judgement, context: _Context) -> list[str]:
    """All signatories, unless the subject names only some of them or a read-out's speaker does."""
    everyone = list(context.signatories.codes) if context.signatories else [ALL]
    subject = _subject(text, judgement, context.language)
    names = context.signatories or party_names(
        ("JP", "US", "UK", "FR", "DE", "IT", "CA", "EU", "RU", "KR", "AU", "IN", "PH", "CN")
    )
    named = names.named_in(subject) if subject else []
    if named and (context.signatories is None or len(named) < len(everyone)):
        return named
    if not named:
        # In a read-out, what one leader or minister undertakes binds that side only.
        speaking = [code for code in speaker_parties(text, context.language) if code in names.codes]
        if speaking and (context.signatories is None or len(speaking) < len(everyone)):
            return speaking
    return everyone


def _subject(text: str, judgement: Judgement, language: str) -> str:
    if language == "ja":
        return japanese_topic(text) or ""
    if not judgement.cue:
        return ""
    position = text.lower().find(judgement.cue.lower())
    if position <= 0:
        return ""
    clause = re.split(r"[,;:]|\bthat\b", text[:position])[-1]
    if re.search(r"\b(?:we|us|our)\b", clause, re.IGNORECASE):
        return ""
    return clause


def _deadline(mention: TimeMention | None, document_date: date | None) -> ProposedDeadline | None:
    if mention is None:
        return None
    resolved = mention.resolved
    if resolved is not None:
        return ProposedDeadline(
            date=resolved.date,
            precision=resolved.precision.value,
            basis=mention.text,
            event=None,
            rule=resolved.rule,
        )
    if mention.event is not None:
        rule = f"counted from {mention.event}, whose date is not known yet"
    else:
        rule = "relative to the document date, which is not known; give --date"
    return ProposedDeadline(
        date=None,
        precision=mention.precision.value,
        basis=mention.text,
        event=mention.event,
        rule=rule,
    )
