"""The faction registry, name recognition and context-dependent references."""

from __future__ import annotations

import pytest

from geo.factions import (
    FACTIONS,
    SIDES,
    FactionMention,
    colour,
    country_allows,
    document_side,
    find_factions,
    get,
    label,
    resolve_reference,
)


def _found(sentence: str) -> list[tuple[str, str]]:
    return [(m.faction_id or m.reference, m.surface) for m in find_factions(sentence)]


def test_registry_ids_and_colours_are_stable() -> None:
    assert list(FACTIONS) == ["government", "rebels", "hts", "turkish_backed", "sdf", "is",
                              "iraq", "kurdistan", "turkey", "us_coalition", "contested",
                              "unknown"]
    assert colour("government") == "#d62728"
    assert colour("rebels") == "#71b876"
    assert colour("sdf") == "#ffdf69"
    assert colour("is") == "#1a1a1a"
    assert colour("nobody") == colour("unknown")
    assert label("turkish_backed") == "Turkish-backed forces"
    # Turkey's own army (its bases in Iraq) is a side apart from the groups it backs in Syria.
    assert label("turkey") == "Turkish Armed Forces"
    assert len({colour(s) for s in SIDES}) == len(SIDES)
    assert SIDES[0] == "government"


def test_get_unknown_lists_valid_ids() -> None:
    with pytest.raises(KeyError, match="unknown faction 'martians'; expected one of government"):
        get("martians")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("IS fighters attacked the town.", [("is", "IS")]),
    ("The situation is tense and it is getting worse.", []),
    ("The town is held by Is fighters.", []),
    ("Deash terrorists fled.", [("is", "Deash terrorists")]),
    ("Turkish/FSA-allied forces took the town.",
     [("turkish_backed", "Turkish/FSA-allied forces")]),
    ("SDF forces and Euphrates Shield troops moved in.",
     [("sdf", "SDF forces"), ("turkish_backed", "Euphrates Shield troops")]),
    ("Da'esh and Daesh and ISIL and ISIS", [("is", "Da'esh"), ("is", "Daesh"), ("is", "ISIL"),
                                            ("is", "ISIS")]),
    ("Turkish backed opposition fighters moved in.",
     [("turkish_backed", "Turkish backed opposition fighters")]),
    ("Turkish-backed Syrian rebels said", [("turkish_backed", "Turkish-backed Syrian rebels")]),
    ("a US-backed alliance of Kurdish and Arab fighters",
     [("sdf", "US-backed alliance of Kurdish and Arab fighters")]),
    ("the US-backed Kurdish-Arab alliance", [("sdf", "US-backed Kurdish-Arab alliance")]),
    ("U.S.-backed Syrian Kurdish forces", [("sdf", "U.S.-backed Syrian Kurdish forces")]),
    ("Hizballah and Iranian-backed militias", [("government", "Hizballah"),
                                              ("shia", "Iranian-backed militias")]),
    ("Shi'ite militias and Kataib Hezbollah", [("shia", "Shi'ite militias"),
                                               ("shia", "Kataib Hezbollah")]),
    ("Iraq says the PMF and the Golden Division", [("iraq", "Iraq"), ("iraq", "PMF"),
                                                   ("iraq", "Golden Division")]),
    ("Syria said its army", [("government", "Syria"), ("state", "army")]),
    ("Turkey says its forces", [("turkish_backed", "Turkey"), ("state", "forces")]),
    ("Jaish al-Izza and Faylaq al-Sham", [("rebels", "Jaish al-Izza"),
                                          ("rebels", "Faylaq al-Sham")]),
    ("Kurdish peshmerga and the YPJ", [("kurdistan", "Kurdish peshmerga"), ("sdf", "YPJ")]),
    ("Iraq and Syria", []),
    ("Syria’s army advanced", [("government", "Syria’s army")]),
    ("Assad's forces and pro-Assad units", [("government", "Assad's forces"),
                                            ("government", "pro-Assad units")]),
    ("Damascus claimed the town.", [("government", "Damascus")]),
    ("Iraq recaptured both border towns.", [("iraq", "Iraq")]),
    ("Syria retook the oasis town.", [("government", "Syria")]),
    ("Refugees fled Iraq taking little with them.", []),
    ("Shells fell on Damascus.", []),
    ("Iraqi forces and the Counter Terrorism Service", [("iraq", "Iraqi forces"),
                                                       ("iraq", "Counter Terrorism Service")]),
    ("peshmerga fighters", [("kurdistan", "peshmerga")]),
    ("Hay'at Tahrir al-Sham, the former Nusra Front", [("hts", "Hay'at Tahrir al-Sham"),
                                                      ("hts", "Nusra Front")]),
    ("The militants and the jihadists", [("militant", "The militants"),
                                         ("militant", "the jihadists")]),
    ("The army and government troops", [("state", "The army"),
                                        ("state", "government troops")]),
    ("Kurdish forces advanced", [("kurdish", "Kurdish forces")]),
    ("the IS-held town and anti-ISIS raids", []),
])
def test_find_factions(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert _found(sentence) == expected


def test_mention_offsets() -> None:
    sentence = "Later, SDF fighters entered."
    (mention,) = find_factions(sentence)
    assert mention == FactionMention("sdf", 7, 10, "SDF")
    assert sentence[mention.start : mention.end] == "SDF"


def _ref(surface: str, reference: str) -> FactionMention:
    return FactionMention("", 0, len(surface), surface, reference)  # type: ignore[arg-type]


def test_state_reference_follows_the_country() -> None:
    troops = _ref("troops", "state")
    assert resolve_reference(troops, country="SY") == "government"
    assert resolve_reference(troops, country="IQ") == "iraq"
    assert resolve_reference(_ref("Kurdish forces", "kurdish"), country="IQ") == "kurdistan"
    assert resolve_reference(_ref("Kurdish forces", "kurdish"), country="SY") == "sdf"
    assert resolve_reference(_ref("Shia militias", "shia"), country="IQ") == "iraq"
    assert resolve_reference(_ref("Shia militias", "shia"), country="SY") == "government"


def test_militant_reference_previous_sentence_then_document() -> None:
    militants = _ref("the militants", "militant")
    # the previous sentence names one non-state side
    assert resolve_reference(militants, previous=[["government", "hts"]],
                             document=["is", "is", "hts"]) == "hts"
    # the previous sentence names none: go further back, then the document's main side
    assert resolve_reference(militants, previous=[["government"], []],
                             document=["is", "rebels", "is"]) == "is"
    assert resolve_reference(militants, previous=[], document=[]) is None
    # "jihadists" never means the mainstream rebels
    jihadists = _ref("the jihadists", "militant")
    assert resolve_reference(jihadists, previous=[["rebels"]], document=["rebels"]) is None


def test_named_mentions_resolve_to_themselves() -> None:
    assert resolve_reference(FactionMention("sdf", 0, 3, "SDF")) == "sdf"


def test_document_side_tie_prefers_is() -> None:
    assert document_side(["rebels", "is", "government", "government"]) == "is"
    assert document_side(["sdf", "sdf", "is"]) == "sdf"
    assert document_side(["government"]) is None


def test_country_allows() -> None:
    assert country_allows("iraq", "IQ") and not country_allows("iraq", "SY")
    assert country_allows("sdf", "SY") and not country_allows("sdf", "IQ")
    assert country_allows("is", "IQ") and country_allows("is", "SY")
    assert country_allows("government", "")
