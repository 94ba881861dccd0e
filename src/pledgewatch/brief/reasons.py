"""A link's reasons in the reader's language.

The linker writes each reason once, in a fixed English form ("cue: 開催した -> achieved
(meeting)", "time: 6 days before the deadline 2026-04-26"), and stores it with the evidence.
A Japanese reader sees the same facts in Japanese: the fixed words are translated here, the
matched words (which are the item's own) are kept as they are.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from pledgewatch.assess.linking import tied_evidence
from pledgewatch.brief.labels import label
from pledgewatch.link.linker import OWN_PART

_KIND_JA = {
    "terms": "共通語",
    "concept": "概念",
    "party": "当事国",
    "actor": "主体",
    "time": "時期",
    "cue": "手がかり",
    "event": "同じ出来事",
}
_CONCEPT = re.compile(r"^(?P<id>[a-z0-9-]+) \((?P<words>.*)\)$")
_TIME = re.compile(r"^(\d+) days (before|after) the deadline (\d{4}-\d{2}-\d{2})$")
_CUE = re.compile(
    r"^(?P<term>.+?) -> (?P<class>achieved|progress|setback|mention)"
    r"(?: \((?P<kind>[a-z-]+)\))?(?:, (?P<modifier>negation|demand|plan))?$"
)
_CUE_KIND_JA = {
    "meeting": "会合",
    "agreement": "署名・締結",
    "selection": "選定",
    "finance": "資金",
    "approval": "承認・成立",
    "establishment": "設置",
    "attainment": "達成",
    "revision": "改定",
    "completion": "完了",
    "implementation": "実施・発効",
}
_MODIFIER_JA = {"negation": "否定", "demand": "要求", "plan": "予定"}


def reason_text(
    kind: str, detail: str, lang: str, concept_names: Mapping[str, str] | None = None
) -> str:
    """One reason of a link, as the reader of ``lang`` sees it ('kind: what').

    ``concept_names`` (concept id -> its name in ``lang``) names a concept reason by the
    thesaurus label rather than its id: 'concept: Investment (対米投資)'.
    """
    prefix = f"{kind}: "
    what = detail.removeprefix(prefix) if detail.startswith(prefix) else detail
    if kind == "concept" and concept_names:
        concept = _CONCEPT.match(what)
        if concept is not None and concept["id"] in concept_names:
            what = f"{concept_names[concept['id']]} ({concept['words']})"
    if lang != "ja":
        return f"{kind}: {what}"
    return f"{_KIND_JA.get(kind, kind)}: {_what_ja(kind, what)}"


def _what_ja(kind: str, what: str) -> str:
    if kind == "time":
        time = _TIME.match(what)
        if time is not None:
            days, side, deadline = time.groups()
            return f"期限（{deadline}）の{days}日{'前' if side == 'before' else '後'}"
    tie = tied_evidence(kind, what)
    if tie is not None:
        return f"根拠 #{tie[0]}（{tie[1]}）と同じ出来事の報道"
    if kind == "party" and what.endswith(f" {OWN_PART}"):
        return f"{what.removesuffix(f' {OWN_PART}')}（自国の取り組みとして）"
    if kind == "cue":
        cue = _CUE.match(what)
        if cue is not None:
            text = f"{cue['term']} → {label(cue['class'], 'ja')}"
            if cue["kind"]:
                text += f"（{_CUE_KIND_JA.get(cue['kind'], cue['kind'])}）"
            if cue["modifier"]:
                text += f"、{_MODIFIER_JA[cue['modifier']]}"
            return text
    return what.replace(", ", "、")
