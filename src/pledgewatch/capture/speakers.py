"""Who states a commitment in a read-out: the leader or minister who speaks, and their state.

COMMITMENTS.md: each side's read-out counts for what that side itself undertook. In "Prime
Minister Takaichi conveyed her determination to ...", 「トランプ大統領は…と述べた」 or
「高市総理から…旨述べた」 the undertaking binds the speaker's party, not every signatory. The
offices and office holders, with the party each acts for, are pledgewatch's list in
data/actors.yaml (the same file the linker reads); only their names and parties are used here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pledgewatch.text.actor_file import default_actor_file

# The verbs by which a read-out reports what one side said (detection.py reads them too).
REPORTING_VERBS = (
    r"(?:stated|said|conveyed|expressed|explained|emphasi[sz]ed|stressed|underscored|affirmed"
    r"|reaffirmed|confirmed|indicated|announced|noted|pledged|promised|assured|declared|added"
    r"|made\s+clear|told)"
)
# The speaker opens the sentence, after an optional connective ("Furthermore,", "In response,"):
# capitalised words of a title and name, then the reporting verb.
_EN_SPEAKER = re.compile(
    r"^\W*(?:[A-Za-z]+(?:\s[a-z]+)?,\s+)?"
    r"(?P<who>(?:(?:[A-Z][\w.'’-]*|of|the|for|and|&)\s+){1,8}?)(?:also\s+|then\s+|further\s+)?"
    rf"{REPORTING_VERBS}\b"
)
# 高市総理から、/ トランプ大統領は、(after an optional また、さらに、); the one spoken to or with
# (トランプ大統領とは, 大統領に対しては) is not the speaker.
_JA_SPEAKER = re.compile(
    r"^(?:[^、。「」]{0,8}、)?(?P<who>[^、。「」]{1,30}?)(?<![とにでへ間])(?<!対し)(?<!対して)(?:は|から|より)(?!ず)"
)


def speaker_parties(text: str, language: str) -> list[str]:
    """The parties of the leaders or ministers a read-out sentence reports, in order; [] if none."""
    if language == "ja":
        match = _JA_SPEAKER.match(text.strip())
        found = _named(match.group("who"), "ja") if match else []
        if not found:  # 日本として、米国として: the side speaking for itself
            pattern, codes_of = _countries_as()
            found = [code for m in pattern.finditer(text) for code in codes_of[m.group(1)]]
        return list(dict.fromkeys(found))
    match = _EN_SPEAKER.match(text.strip())
    return _named(match.group("who"), "en") if match else []


def _named(who: str, language: str) -> list[str]:
    found: list[tuple[int, str]] = []
    for pattern, party_of in _patterns()[language]:
        for match in pattern.finditer(who):
            name = match.group()
            found.append((match.start(), party_of.get(name) or party_of[name.lower()]))
    return list(dict.fromkeys(party for _, party in sorted(found)))


def _key(name: str) -> str:
    """Acronyms keep their case (US is not 'us'); other English names are looked up lower-cased."""
    return name if name.isupper() or not name.isascii() else name.lower()


@lru_cache(maxsize=1)
def _countries_as() -> tuple[re.Pattern[str], dict[str, list[str]]]:
    """Japanese country names followed by として, and the codes of each (日米 is both)."""
    codes_of: dict[str, list[str]] = {}
    for country in default_actor_file().countries:
        for name in country.names.ja:
            codes_of.setdefault(name, []).append(country.code)
    names = "|".join(re.escape(name) for name in sorted(codes_of, key=len, reverse=True))
    return re.compile(rf"({names})として"), codes_of


@lru_cache(maxsize=1)
def _patterns() -> dict[str, list[tuple[re.Pattern[str], dict[str, str]]]]:
    """Per language, name patterns with the party of each name.

    English names match whole words, ignoring case, except all-capital acronyms (MOFA, USTR),
    which match as written; Japanese names match as written, inside longer words too (高市総理).
    """
    names: dict[str, dict[str, str]] = {"en": {}, "ja": {}}
    for actor in default_actor_file().actors:
        for language, listed in (("en", actor.names.en), ("ja", actor.names.ja)):
            for name in listed:
                names[language].setdefault(_key(name), actor.party)
    patterns: dict[str, list[tuple[re.Pattern[str], dict[str, str]]]] = {}
    for language, party_of in names.items():
        ordered = sorted(party_of, key=len, reverse=True)
        if language == "ja":
            alternatives = "|".join(re.escape(name) for name in ordered)
            patterns[language] = [(re.compile(alternatives), party_of)]
            continue
        upper = "|".join(re.escape(name) for name in ordered if name.isupper())
        other = "|".join(re.escape(name) for name in ordered if not name.isupper())
        patterns[language] = [
            (re.compile(rf"(?<![\w.])(?:{upper})(?!\w)"), party_of),
            (re.compile(rf"(?<![\w.])(?:{other})(?!\w)", re.IGNORECASE), party_of),
        ]
    return patterns
