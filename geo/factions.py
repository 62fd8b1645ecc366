"""The registry of sides: stable ids, labels, map colours and the names reports use for them.

Colours follow the convention of the widely used Syria control maps: government red, rebels
green, SDF yellow, IS black, HTS grey, Turkish-backed a distinct teal.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Faction:
    """One side of the war.

    Attributes:
        id: Stable id used in every file (``government``, ``is``...).
        label: Name shown in legends.
        colour: Fill colour, ``#rrggbb``.
        aliases: Lower-case names and phrases reports use for it (matched on word boundaries).
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
                "government forces", "government troops", "regime forces", "regime troops",
                "syrian government", "syrian troops", "syrian military", "hezbollah",
                "hizballah", "iranian-backed militias", "liwa fatemiyoun", "tiger forces",
                "national defence forces", "ndf",
            ),
        ),
        Faction(
            "rebels",
            "Rebels (opposition)",
            "#4daf4a",
            (
                "rebels", "rebel", "opposition", "opposition fighters", "free syrian army",
                "fsa", "ahrar al-sham", "jaish al-islam", "southern front",
            ),
        ),
        Faction(
            "hts",
            "Hay'at Tahrir al-Sham",
            "#7f7f7f",
            (
                "hay'at tahrir al-sham", "hayat tahrir al-sham", "tahrir al-sham", "hts",
                "nusra front", "al-nusra front", "jabhat al-nusra", "jabhat fateh al-sham",
            ),
        ),
        Faction(
            "turkish_backed",
            "Turkish-backed forces",
            "#0f8b8d",
            (
                "turkish-backed", "turkish backed", "euphrates shield", "tfsa", "sna",
                "syrian national army", "turkish troops", "turkish army", "turkish forces",
            ),
        ),
        Faction(
            "sdf",
            "SDF (Syrian Democratic Forces)",
            "#f2c500",
            (
                "sdf", "syrian democratic forces", "syria democratic forces", "ypg",
                "kurdish-arab alliance", "kurdish-led", "manbij military council",
                "kurdish forces", "syrian kurdish",
            ),
        ),
        Faction(
            "is",
            "Islamic State",
            "#1a1a1a",
            (
                "is", "isis", "isil", "islamic state", "daesh", "deash", "da'esh",
                "islamic state group", "jihadists", "jihadist",
            ),
        ),
        Faction(
            "iraq",
            "Iraqi forces",
            "#e377c2",
            (
                "iraqi forces", "iraqi army", "iraqi troops", "counter terrorism service",
                "cts", "popular mobilization forces", "hashd al-shaabi",
            ),
        ),
        Faction("kurdistan", "Kurdistan Region (peshmerga)", "#ff9f1c", ("peshmerga",)),
        Faction(
            "us_coalition",
            "US-led coalition",
            "#1f77b4",
            ("us forces", "u.s. forces", "us troops", "coalition forces", "us-led coalition"),
        ),
        Faction("contested", "Contested", "#9467bd", ()),
        Faction("unknown", "No clear control", "#d9d9d9", ()),
    )
}

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
    "us_coalition",
)


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


def label(faction_id: str) -> str:
    """Return the legend label of ``faction_id``."""
    return FACTIONS.get(faction_id, FACTIONS["unknown"]).label
