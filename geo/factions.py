"""The registry of sides, and how reports name them.

Ids, labels and colours are stable: every file and every map uses them. Colours follow the
convention of the widely used Syria control maps (government red, rebels green, SDF yellow, IS
black, HTS grey, Turkish-backed a distinct teal), each moved as little as needed so that every pair
of colours, as drawn on the map (at :data:`AREA_OPACITY` over white) and as printed in the legend,
stays at least 10 CIEDE2000 units apart for normal vision and under simulated protanopia and
deuteranopia (:mod:`geo.colours`; checked by ``tests/test_factions.py``). IS is a solid near-black
(drawn opaque); contested ground and uncertain states also carry hatching, a cue that needs no
colour vision.

Recognising a side in a sentence (:func:`find_factions`)
    * Names are matched on word boundaries, longest first, so "Turkish-backed opposition
      fighters" is one mention of ``turkish_backed`` and not a ``rebels`` mention inside it, and
      "a US-backed alliance of Kurdish and Arab fighters" is one mention of ``sdf``.
    * Acronyms (IS, ISIS, ISIL, SDF, SAA, YPG, HTS, FSA, SNA, TFSA, CTS, NDF) match only in
      capitals, so the verb "is" is never the Islamic State; every other name is matched in any
      case. Common misspellings are aliases too ("Deash", "Da'esh", "Hizballah").
    * A possessive is part of the name ("Syria's army", "Assad's forces", "IS's"), and so is a
      plain noun right after it ("SDF forces", "Euphrates Shield troops", "IS militants").
    * "Damascus" names the government only as the subject of a statement ("Damascus claimed",
      "Damascus said"); "Syria", "Iraq", "Baghdad" and "Turkey" name their states as the
      subject of a statement or of a change of hands ("Iraq captured", "Syria retook");
      elsewhere they are places.

Context-dependent references (``FactionMention.reference``)
    Some words name a side only through the article around them; :func:`find_factions` returns
    them with an empty ``faction_id`` and a ``reference`` kind, and :func:`resolve_reference`
    picks the side:

    * ``militant`` ("the militants", "the jihadists", "the terrorists", "the extremists", "the
      group", "the militant group"): the armed non-state side the article is about: the only
      non-state side the previous sentences name (nearest first, up to three back), else the
      non-state side the document names most often (IS wins a tie, then HTS). "Jihadists" and
      "extremists" only ever resolve to IS or HTS, "terrorists" to IS, HTS or the rebels; in
      Iraq every such reference is IS (the one non-state side that held ground there).
    * ``state`` ("the army", "troops", "soldiers", "government forces", "the military", "forces"):
      the state army of the country the place is in: ``iraq`` in Iraq, ``government`` elsewhere.
      "Iraqi forces" is always ``iraq``; "Syrian troops" always ``government``.
    * ``kurdish`` ("Kurdish forces", "Kurdish fighters"): ``kurdistan`` (peshmerga) in Iraq,
      ``sdf`` in Syria.
    * ``shia`` ("Shi'ite militias", "Iranian-backed militias", "Kataib Hezbollah", "Badr"): the
      Popular Mobilisation (``iraq``) in Iraq, the government's allies in Syria.

    The extractor adds one rule that needs place and date: ``rebels`` or "opposition" fighting
    for a place in northern Aleppo province (north of 36.2°N) from 24 August 2016 (Euphrates
    Shield) in a document that mentions Turkey, Turkish troops or Ankara means
    ``turkish_backed``. Hezbollah, Liwa Fatemiyoun, Liwa al-Quds and other pro-Assad militias
    are ``government`` (Iranian-backed and Shi'ite militias too, in Syria: see ``shia``);
    a country that speaks ("Iraq says", "Syria announced", "Turkey says") is its side;
    "US-backed forces" and the "US-backed Kurdish-Arab alliance" are ``sdf``; "US forces"
    holding ground are ``us_coalition``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from geo.text import alternation

Reference = Literal["", "militant", "state", "kurdish", "shia"]


@dataclass(frozen=True)
class Faction:
    """One side of the war.

    Attributes:
        id: Stable id used in every file (``government``, ``is``...).
        label: Name shown in legends.
        colour: Fill colour, ``#rrggbb``.
        aliases: Lower-case names and phrases reports use for it (matched on word boundaries;
            acronyms only in capitals).
    """

    id: str
    label: str
    colour: str
    aliases: tuple[str, ...]


FACTIONS: dict[str, Faction] = {
    f.id: f
    for f in (
        Faction(
            "government",
            "Syrian government and allies",
            "#d62728",
            (
                "syrian army", "syrian arab army", "saa", "regime", "assad regime",
                "assad's forces", "assad forces", "pro-assad", "loyalist", "loyalists",
                "regime forces", "regime troops", "syrian government", "syrian troops",
                "syrian military", "syria's army", "syria's military", "syrian government forces",
                "syrian government troops", "syrian soldiers", "hezbollah", "hizballah",
                "hizbollah", "liwa fatemiyoun", "tiger forces", "national defence forces",
                "national defense forces", "ndf", "russian-backed assad regime",
                "syrian regime", "syrian regime forces", "republican guard", "fourth division",
                "4th division", "desert hawks", "liwa al-quds", "qalamoun shield",
                "fatemiyoun", "fatemiyoun brigade", "zainabiyoun", "syrian arab republic army",
            ),
        ),
        Faction(
            "rebels",
            "Rebels (opposition)",
            "#71b876",
            (
                "rebels", "rebel", "opposition", "opposition fighters", "opposition forces",
                "opposition factions", "rebel factions", "rebel groups", "free syrian army",
                "fsa", "ahrar al-sham", "jaish al-islam", "southern front",
                "syrian opposition", "syrian rebels", "syrian insurgents", "armed opposition",
                "islamist rebels", "jaish al-izza", "jaysh al-izza", "faylaq al-sham",
                "failaq al-sham", "nour al-din al-zenki", "nour al-din al-zinki", "levant front",
                "jabhat al-shamiya", "jaish al-fatah", "jaysh al-fatah", "army of conquest",
                "national front for liberation", "national liberation front", "jaish al-nasr",
                "jaysh al-nasr", "jaysh al-islam", "islamic front", "liwa al-tawhid",
                "harakat ahrar al-sham", "fatah halab",
            ),
        ),
        Faction(
            "hts",
            "Hay'at Tahrir al-Sham",
            "#7e7b6b",
            (
                "hay'at tahrir al-sham", "hayat tahrir al-sham", "tahrir al-sham", "hts",
                "nusra front", "al-nusra front", "jabhat al-nusra", "jabhat fateh al-sham",
                "nusra", "al-nusra", "fateh al-sham", "jabhat fatah al-sham", "hayat tahrir",
            ),
        ),
        Faction(
            "turkish_backed",
            "Turkish-backed forces",
            "#078a8c",
            (
                "turkish-backed", "turkish backed", "turkish-backed rebels",
                "turkish-backed opposition fighters", "euphrates shield", "tfsa", "sna",
                "syrian national army", "turkish troops", "turkish army", "turkish forces",
                "turkish military", "turkey's military", "turkish armed forces",
                "turkey's army", "turkish soldiers", "olive branch", "peace spring",
                "ankara-backed", "turkey-backed", "turkish-supported", "sultan murad",
                "sultan murad division", "hamza division",
            ),
        ),
        Faction(
            "sdf",
            "SDF (Syrian Democratic Forces)",
            "#ffdf69",
            (
                "sdf", "syrian democratic forces", "syria democratic forces", "ypg",
                "kurdish-arab alliance", "us-backed kurdish-arab alliance",
                "us-backed alliance of kurdish and arab fighters", "us-backed forces",
                "kurdish-led", "manbij military council", "syrian kurdish forces",
                "syrian kurdish", "ypj", "people's protection units",
                "kurdish people's protection units", "kurdish ypg", "deir ez-zor military council",
                "deir al-zor military council", "syriac military council", "jaish al-thuwar",
            ),
        ),
        Faction(
            "is",
            "Islamic State",
            "#1a1a1a",
            (
                "is", "isis", "isil", "islamic state", "islamic state group", "daesh", "deash",
                "da'esh", "daish", "islamic state of iraq and the levant",
                "islamic state of iraq and syria",
            ),
        ),
        Faction(
            "iraq",
            "Iraqi forces",
            "#e576c2",
            (
                "iraqi forces", "iraqi army", "iraqi troops", "iraqi security forces",
                "iraqi government", "iraqi government forces", "iraqi military",
                "iraqi prime minister", "iraqi special forces", "iraqi federal police",
                "counter terrorism service", "counter-terrorism forces", "cts",
                "popular mobilization forces", "hashd al-shaabi", "popular mobilisation forces",
                "popular mobilization units", "popular mobilisation units", "pmf", "pmu",
                "hashd", "popular mobilisation", "popular mobilization", "golden division",
                "federal police", "emergency response division", "rapid response division",
            ),
        ),
        Faction("kurdistan", "Kurdistan Region (peshmerga)", "#f19300",
                ("peshmerga", "kurdish peshmerga", "zeravani", "zerevani", "krg forces",
                 "kurdistan regional government", "kurdish regional government")),
        # Turkey's own army where it holds ground itself (its bases in Iraqi Kurdistan, which
        # the Iraqi map draws in their own colour); the Syrian groups it backs are
        # ``turkish_backed``.
        Faction("turkey", "Turkish Armed Forces", "#880000", ()),
        Faction(
            "us_coalition",
            "US-led coalition",
            "#1d6085",
            ("us forces", "u.s. forces", "us troops", "coalition forces", "us-led coalition"),
        ),
        Faction("contested", "Contested", "#9456cf", ()),
        Faction("unknown", "No clear control", "#d9d9d9", ()),
    )
}

#: Fill opacity of a side's area on the maps (IS is drawn opaque: :data:`OPAQUE`).
AREA_OPACITY = 0.85
#: Sides drawn fully opaque.
OPAQUE: frozenset[str] = frozenset({"is"})
#: Opacity of a side's colour where its state is uncertain (drawn hatched as well).
UNCERTAIN_OPACITY = 0.45

#: Sides that can hold ground, in legend order.
SIDES: tuple[str, ...] = (
    "government",
    "rebels",
    "hts",
    "turkish_backed",
    "sdf",
    "is",
    "iraq",
    "kurdistan",
    "turkey",
    "us_coalition",
)

#: Armed sides that are not a state's forces (what "the militants" can refer to).
NON_STATE: tuple[str, ...] = ("is", "hts", "rebels", "sdf", "turkish_backed")

#: Sides that hold ground only in Syria, and only in Iraq.
_SYRIA_ONLY = frozenset({"government", "rebels", "hts", "turkish_backed", "sdf"})
_IRAQ_ONLY = frozenset({"iraq", "kurdistan"})


@dataclass(frozen=True)
class FactionMention:
    """A name for a side found in a sentence.

    Attributes:
        faction_id: The side, or ``""`` for a context-dependent reference.
        start: Offset of the name in the sentence.
        end: Offset just past the name.
        surface: The name as written.
        reference: ``""`` for a name, else the kind of context-dependent reference
            (``militant``, ``state``, ``kurdish``), resolved by :func:`resolve_reference`.
    """

    faction_id: str
    start: int
    end: int
    surface: str
    reference: Reference = ""


def get(faction_id: str) -> Faction:
    """Return the faction with id ``faction_id``.

    Raises:
        KeyError: For an unknown id; the message lists the valid ones.
    """
    try:
        return FACTIONS[faction_id]
    except KeyError:
        raise KeyError(
            f"unknown faction {faction_id!r}; expected one of {', '.join(FACTIONS)}"
        ) from None


def colour(faction_id: str) -> str:
    """Return the map colour of ``faction_id`` (``unknown``'s grey for an unknown id)."""
    return FACTIONS.get(faction_id, FACTIONS["unknown"]).colour


def fill(faction_id: str, *, uncertain: bool = False) -> str:
    """Return the colour an area of ``faction_id`` is painted with on the maps.

    The registry colour as it looks at :data:`AREA_OPACITY` over white (opaque, so neighbouring
    cells show no seams), the colour itself for :data:`OPAQUE` sides, and fainter
    (:data:`UNCERTAIN_OPACITY`) for ground held on uncertain evidence (which is also hatched).
    """
    from geo.colours import blend

    base = colour(faction_id)
    if uncertain:
        return blend(base, UNCERTAIN_OPACITY)
    return base if faction_id in OPAQUE else blend(base, AREA_OPACITY)


def label(faction_id: str) -> str:
    """Return the legend label of ``faction_id``."""
    return FACTIONS.get(faction_id, FACTIONS["unknown"]).label


# Patterns beside the plain aliases: (first words, regex, faction id or "", reference kind).
# Case-insensitive. The first words let the matcher try only the patterns that can start at a
# word, which keeps recognition fast on long documents.
_US = r"u\.?s\.?(?:-led)?"
_STATE_VERBS = (r"(?:claimed|claims|said|says|announced|announces|declared|declares|captured|"
                r"recaptured|retook|retaken|seized|took|taken|liberated|regained)\b")
_PATTERNS: tuple[tuple[tuple[str, ...], str, str, Reference], ...] = (
    (("turkish",),
     r"turkish[- ]backed(?:\s+(?:syrian|free syrian army|fsa))?(?:\s+(?:rebels?|opposition"
     r"(?:\s+(?:fighters|forces|factions|groups))?|fighters|forces|factions|groups|allies"
     r"|militias?))?", "turkish_backed", ""),
    (("turkish",), r"turkish-led(?:\s+(?:forces|troops|operation))?", "turkish_backed", ""),
    (("turkish",), r"turkish\s*/\s*(?:fsa|rebel|opposition)(?:[- ](?:allied|backed|led))?"
     r"(?:\s+(?:forces|fighters|rebels|troops|groups))?", "turkish_backed", ""),
    (("us", "u.s", "u.s."),
     rf"{_US}[- ]backed\s+(?:syrian\s+)?(?:kurdish[- ]arab\s+)?(?:alliance|coalition|forces"
     r"|fighters|militias?)(?:\s+of\s+kurdish\s+and\s+arab\s+(?:fighters|militias|forces))?",
     "sdf", ""),
    (("us", "u.s", "u.s."),
     rf"{_US}[- ]backed\s+(?:syrian\s+)?kurdish(?:-led)?\s+(?:forces|fighters|militias?"
     r"|alliance)", "sdf", ""),
    (("kurdish", "arab"), r"(?:kurdish|kurdish-arab|arab-kurdish)\s+alliance", "sdf", ""),
    (("syrian",), r"syrian\s+kurdish\s+(?:forces|fighters|side|militias?|ypg)", "sdf", ""),
    (("pro", "loyalist", "regime"),
     r"(?:pro-assad|pro-government|pro-regime|loyalist|regime\s+loyalist)\s+(?:foreign\s+)?"
     r"(?:forces|troops|units|militias?|militiamen|fighters|soldiers)", "government", ""),
    (("the", "assad"), r"(?:the\s+)?assad\s+regime(?:'s|’s)?\s+(?:forces|troops|army|military)",
     "government", ""),
    (("iranian", "iran"), r"(?:iranian|iran)[- ](?:backed|supported|allied)\s+(?:forces|militias?"
     r"|fighters|paramilitar(?:y|ies)\s*(?:groups|forces)?)", "", "shia"),
    (("iranian",), r"iranian\s+militias", "", "shia"),
    (("shia", "shi'ite", "shiite", "shi’ite"),
     r"(?:shia|shi['’]ite|shiite)\s+(?:militias?|militiamen|paramilitar(?:y|ies)|fighters|"
     r"volunteers)(?:\s+(?:groups|forces))?", "", "shia"),
    (("kata'ib", "kataib", "asaib", "asa'ib", "badr"),
     r"kata['’]?ib\s+hez?bollah|asa['’]?ib\s+ahl\s+al-haq|badr\s+(?:organi[sz]ation|brigades?)",
     "", "shia"),
    (("damascus",),
     r"damascus(?=\s+(?:has\s+|had\s+)?(?:claimed|claims|said|says|announced|declared))",
     "government", ""),
    (("iraqi", "iraq", "iraq's"),
     r"(?:iraqi|iraq['’]s)\s+(?:government\s+|federal\s+|special\s+|elite\s+)?(?:commanders?|"
     r"generals?|officers?|officials?|soldiers|units|brigades?|divisions?|police|army|military|"
     r"troops|security\s+forces|counter[- ]terrorism\s+(?:service|forces|units)|"
     r"defen[cs]e\s+ministry|joint\s+operations\s+command|forces|prime\s+minister)",
     "iraq", ""),
    # A state named by its country or capital as the subject of a claim or a change of hands
    # ("Iraq captured the last strongholds", "Syria retook the city"), as Turkey's below.
    (("baghdad", "iraq"),
     rf"(?:baghdad|iraq)(?=\s+(?:has\s+|had\s+|now\s+)?{_STATE_VERBS})", "iraq", ""),
    (("syria",), rf"syria(?=\s+(?:has\s+|had\s+|now\s+)?{_STATE_VERBS})", "government", ""),
    (("turkey",),
     r"turkey(?:\s+and\s+its\s+(?:syrian\s+)?(?:rebel\s+)?(?:allies|proxies))?(?=\s+(?:has\s+|"
     r"had\s+)?(?:captured|seized|took|taken|entered|controls|claimed|claims|said|says|"
     r"announced|announces|declared|declares))",
     "turkish_backed", ""),
    (("islamic",),
     r"islamic\s+state(?:\s+group)?(?:\s+(?:militants|fighters|jihadists|forces))?", "is", ""),
    (("the", "jihadist", "militant", "extremist", "terrorist"),
     r"(?:the\s+)?(?:jihadist|militant|extremist|terrorist)\s+(?:group|organi[sz]ation)s?",
     "", "militant"),
    (("the", "militants", "jihadists", "terrorists", "extremists", "insurgents"),
     r"(?:the\s+)?(?:militants|jihadists|terrorists|extremists|insurgents)", "", "militant"),
    (("the",), r"the\s+group(?!\s+of)", "", "militant"),
    (("syrian", "iraqi", "government", "army", "state"),
     r"(?:(?:syrian|iraqi)\s+)?(?:government|army|state)\s+(?:forces|troops|soldiers|units)",
     "", "state"),
    (("the", "army", "military"),
     r"(?:the\s+)?(?:army|military)(?:'s|’s)?(?!-)(?!\s+(?:airport|airbase|base|source|sources|"
     r"statement|command|commander|official|officials|spokesman|experts?|analysts?|operations?|"
     r"advisers|intelligence|hospital|police|court|council|vehicles?|plane|planes|jets?))",
     "", "state"),
    (("the", "government"), r"(?:the\s+)?government(?:'s|’s)?(?!-)", "", "state"),
    (("the", "troops", "soldiers", "forces"), r"(?:the\s+)?(?:troops|soldiers|forces)", "",
     "state"),
    (("kurdish",), r"kurdish\s+(?:forces|fighters|troops)", "", "kurdish"),
)

#: Names matched only in capitals ("IS" is the Islamic State, "is" is a verb).
ACRONYMS = frozenset({"is", "isis", "isil", "sdf", "saa", "ypg", "hts", "fsa", "sna", "tfsa", "cts",
                      "ndf", "ypj", "pmf", "pmu"})

_WORD = re.compile(r"[A-Za-z0-9'’.]+")
_Entry = tuple[re.Pattern[str], str, Reference]


def _alias_regex(alias: str) -> str:
    return re.escape(alias).replace(r"\ ", r"\s+").replace("'", "['’]")


def _first_word(alias: str) -> str:
    match = _WORD.match(alias)
    return (match.group(0) if match else alias).replace("’", "'").lower()


def _build() -> dict[str, list[_Entry]]:
    table: dict[str, list[_Entry]] = {}

    def add(words: Sequence[str], body: str, faction_id: str, reference: Reference,
            acronym: bool) -> None:
        flags = 0 if acronym else re.IGNORECASE
        regex = re.compile(rf"(?:{body})(?:['’]s?)?(?![\w-])", flags)
        for word in words:
            table.setdefault(word, []).append((regex, faction_id, reference))

    for faction in FACTIONS.values():
        for alias in faction.aliases:
            acronym = alias in ACRONYMS
            text = alias.upper() if acronym else alias
            add([_first_word(alias)], _alias_regex(text), faction.id, "", acronym)
    for words, pattern, faction_id, reference in _PATTERNS:
        add(words, pattern, faction_id, reference, False)
    return table


_TABLE = _build()
# Only words that can start a name are looked at.
_FIRST = re.compile(
    r"(?<![\w'’-])(?:" + alternation(_TABLE).replace("'", "['’]") + r")(?![A-Za-z0-9])",
    re.IGNORECASE,
)


_BARE_NOUN = re.compile(r"(?:troops|soldiers|forces|militants|jihadists|terrorists|insurgents)"
                        r"(?:['’]s?)?", re.IGNORECASE)


def find_factions(sentence: str) -> list[FactionMention]:
    """Find every name of a side in ``sentence``, in order, longest names first.

    Args:
        sentence: Any text (usually one sentence).

    Returns:
        The mentions; context-dependent references have ``faction_id == ""`` and a
        ``reference`` kind (see the module docstring).
    """
    found: list[FactionMention] = []
    last = 0
    for word in _FIRST.finditer(sentence):
        start = word.start()
        if start < last:
            continue
        entries = _TABLE.get(word.group(0).replace("’", "'").lower())
        if not entries:
            continue
        best: tuple[int, str, Reference] | None = None
        for regex, faction_id, reference in entries:
            match = regex.match(sentence, start)
            if match and (best is None or match.end() > best[0]):
                best = (match.end(), faction_id, reference)
        if best is None:
            continue
        end, faction_id, reference = best
        prev = found[-1] if found else None
        if (prev is not None and reference in ("state", "militant") and not prev.reference
                and _BARE_NOUN.fullmatch(sentence[start:end])
                and not sentence[prev.end : start].strip()):
            # "SDF forces", "Euphrates Shield fighters": one name, not a name and a reference.
            found[-1] = FactionMention(prev.faction_id, prev.start, end,
                                       sentence[prev.start : end])
        else:
            found.append(FactionMention(faction_id, start, end, sentence[start:end], reference))
        last = end
    return found


def country_allows(faction_id: str, country: str) -> bool:
    """Whether ``faction_id`` can hold ground in ``country`` (ISO code; ``""`` allows all)."""
    if country == "IQ":
        return faction_id not in _SYRIA_ONLY
    if country == "SY":
        return faction_id not in _IRAQ_ONLY
    return True


def document_side(named: Iterable[str]) -> str | None:
    """The non-state side a document names most often (IS first on a tie, then HTS), or None."""
    counts: dict[str, int] = {}
    for faction_id in named:
        if faction_id in NON_STATE:
            counts[faction_id] = counts.get(faction_id, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda f: (counts[f], -NON_STATE.index(f)))


def resolve_reference(
    mention: FactionMention,
    *,
    previous: Sequence[Sequence[str]] = (),
    document: Iterable[str] = (),
    country: str = "",
) -> str | None:
    """Resolve a mention to a faction id, using the article around it for references.

    Args:
        mention: A mention from :func:`find_factions`.
        previous: The named sides of the previous sentences, nearest first.
        document: Every named side in the document (with repeats: the counts matter).
        country: ISO code of the place the sentence is about (``""`` when unknown).

    Returns:
        The faction id, or ``None`` when the context does not tell.
    """
    if not mention.reference:
        return mention.faction_id
    if mention.reference == "state":
        return "iraq" if country == "IQ" else "government"
    if mention.reference == "kurdish":
        return "kurdistan" if country == "IQ" else "sdf"
    if mention.reference == "shia":
        return "iraq" if country == "IQ" else "government"
    if country == "IQ":
        return "is"  # the one armed non-state side that held ground in Iraq
    surface = mention.surface.lower()
    allowed: tuple[str, ...] = NON_STATE
    if "jihad" in surface or "extremist" in surface:
        allowed = ("is", "hts")
    elif "terrorist" in surface:
        allowed = ("is", "hts", "rebels")  # state media's word for IS and the rebels
    for names in previous[:3]:
        sides = {f for f in names if f in allowed}
        if len(sides) == 1:
            return sides.pop()
        if len(sides) > 1:
            break
    return document_side(f for f in document if f in allowed)
