"""One table of cues: every cue it generates finds its change in a sentence written for it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from geo.cues import CUE_TABLE, CUES, PREFILTER, find_cues, word_regex
from geo.extract import extract_events
from geo.gazetteer import Gazetteer
from geo.models import Document

FIXTURE = Path(__file__).resolve().parent / "data" / "extract_gazetteer.csv"
PUBLISHED = date(2017, 6, 14)  # a Wednesday

# cue name -> (sentence, (place id, new side, previous side, kind))
SENTENCES: dict[str, tuple[str, tuple[str, str, str, str]]] = {
    "besiege_passive": ("Deir ez-Zor has been besieged by IS since January, the UN said.",
                        ("sy-deir-ez-zor", "is", "", "siege")),
    "capture_passive": ("Markadah was captured by the SDF on Monday.",
                        ("sy-markadah", "sdf", "", "capture")),
    "recapture_passive": ("Tal Afar was retaken by Iraqi troops on Sunday.",
                          ("iq-tal-afar", "iraq", "", "recapture")),
    "clear_passive": ("Hammam al-Alil was cleared of IS by Iraqi forces on Tuesday.",
                      ("iq-hammam-al-alil", "iraq", "is", "capture")),
    "take_passive": ("Azaz was taken by Turkish-backed rebels on Monday.",
                     ("sy-azaz", "turkish_backed", "", "capture")),
    "lose_passive": ("Suluk was lost to the SDF on Tuesday, a monitor said.",
                     ("sy-suluk", "sdf", "", "capture")),
    "percent": ("The army has seized 60 percent of Douma, a commander said on Tuesday.",
                ("sy-douma", "government", "", "partial")),
    "lose_percent": ("IS has lost 70 percent of Mosul to Iraqi forces.",
                     ("iq-mosul", "iraq", "is", "partial")),
    "lose_part": ("The rebels lost most of Saraqib to the army on Monday.",
                  ("sy-saraqib", "government", "rebels", "partial")),
    "lose_control": ("Rebels Lost Control Of Daraa's Old City District To Government Troops",
                     ("sy-daraa", "government", "rebels", "partial")),
    "lay_siege": ("Kurdish fighters laid siege to Qamishli on Sunday.",
                  ("sy-qamishli", "sdf", "", "siege")),
    "break_siege": ("Syrian troops ended the long siege of Deir ez-Zor Airport on Tuesday.",
                    ("sy-deir-ez-zor-airport", "government", "", "siege_broken")),
    "besiege": ("Iraqi troops encircled Fallujah on Monday.",
                ("iq-fallujah", "iraq", "", "siege")),
    "take_control": ("The SDF took full control of al-Shaddadi on Monday.",
                     ("sy-shaddadi", "sdf", "", "capture")),
    "retake_control": ("The Syrian army regained control of al-Qaryatayn on Tuesday.",
                       ("sy-qaryatayn", "government", "", "recapture")),
    "restore": ("The Syrian Arab Army restored security and stability to Ma'dan on Monday.",
                ("sy-madan", "government", "", "capture")),
    "restoration": ("Residents welcomed the restoration of security and safety to Ma'dan by "
                    "the army on Monday.", ("sy-madan", "government", "", "capture")),
    "say_freed": ("Iraq Says Ramadi Fully Liberated", ("iq-ramadi", "iraq", "", "claim")),
    "complete": ("Iraqi forces completed the liberation of Ramadi on Sunday.",
                 ("iq-ramadi", "iraq", "", "capture")),
    "crush_last": ("Iraqi troops crushed the last IS-held town of al-Qaim on Monday.",
                   ("iq-qaim", "iraq", "is", "capture")),
    "raise_flag": ("Rebels raised their flag over Saraqib on Tuesday.",
                   ("sy-saraqib", "rebels", "", "capture")),
    "held_since": ("Hajin, which IS had held since the summer of 2014, is its last town.",
                   ("sy-hajin", "is", "", "capture")),
    "in_control": ("IS fighters were in full control of al-Qaryatayn on Friday, a monitor said.",
                   ("sy-qaryatayn", "is", "", "capture")),
    "now_hold": ("The SDF said it now controls Tabqa after a week of fighting.",
                 ("sy-tabqa", "sdf", "", "claim")),
    "changed_hands": ("Dabiq changed hands twice this year, ending up under Turkish-backed "
                      "control.", ("sy-dabiq", "turkish_backed", "", "capture")),
    "declare_freed": ("Iraqi forces declared Fallujah fully liberated on Sunday.",
                      ("iq-fallujah", "iraq", "", "claim")),
    "declared_freed": ("Tal Afar was formally declared free of IS by the Iraqi army.",
                       ("iq-tal-afar", "iraq", "is", "claim")),
    "drive_from": ("Kurdish fighters drove IS militants from Kobani on Monday.",
                   ("sy-kobani", "sdf", "is", "capture")),
    "declare_victory": ("Iraqi forces declared victory in Tal Afar on Monday.",
                        ("iq-tal-afar", "iraq", "", "claim")),
    "push_back": ("Government troops pushed IS fighters back from the gates of Palmyra on "
                  "Monday.", ("sy-palmyra", "government", "is", "capture")),
    "drive_out": ("Peshmerga fighters chased IS out of Sinjar on Sunday.",
                  ("iq-sinjar", "kurdistan", "is", "capture")),
    "expel": ("The SDF ousted IS from Abu Ilaj on Monday.",
              ("sy-abu-ilaj", "sdf", "is", "capture")),
    "capture": ("Government forces overran Khan Shaykhun on Tuesday.",
                ("sy-khan-shaykhun", "government", "", "capture")),
    "recapture": ("Kurdish fighters reclaimed Kobani on Monday.",
                  ("sy-kobani", "sdf", "", "recapture")),
    "clear": ("Iraqi troops cleared Bashiqa of IS militants on Monday.",
              ("iq-bashiqa", "iraq", "is", "capture")),
    "take": ("The SDF took Ain Issa on Sunday.", ("sy-ain-issa", "sdf", "", "capture")),
    "regain": ("Government troops won back al-Tanf on Tuesday.",
               ("sy-tanf", "government", "", "recapture")),
    "enter": ("Turkish-backed rebels stormed Tal Rifaat on Monday.",
              ("sy-tal-rifaat", "turkish_backed", "", "partial")),
    "into": ("Government troops rolled into Douma on Tuesday.",
             ("sy-douma", "government", "", "partial")),
    "driven_out": ("IS fighters were driven out of Markadah by the army on Monday.",
                   ("sy-markadah", "government", "is", "capture")),
    "expelled_from": ("The rebels were expelled from Douma by Syrian troops on Sunday.",
                      ("sy-douma", "government", "rebels", "capture")),
    "withdraw": ("IS fighters retreated from Tabqa on Monday after a deal with the SDF.",
                 ("sy-tabqa", "sdf", "is", "withdrawal")),
    "pull_out": ("Syrian troops pulled out of Palmyra on Sunday as IS advanced.",
                 ("sy-palmyra", "is", "government", "withdrawal")),
    "lose": ("The rebels surrendered Daraa to the army on Monday.",
             ("sy-daraa", "government", "rebels", "capture")),
    "hand_over": ("The SDF handed over Manbij to the Syrian army on Monday.",
                  ("sy-manbij", "government", "sdf", "capture")),
    "fall": ("Ramadi fell into the hands of IS on Sunday.", ("iq-ramadi", "is", "", "capture")),
    "noun": ("Residents celebrated the liberation of Raqqa by the SDF on Tuesday.",
             ("sy-raqqa", "sdf", "", "capture")),
    "noun_again": ("Syrian troops celebrated the recapture of Palmyra on Monday.",
                   ("sy-palmyra", "government", "", "recapture")),
    "noun_loss": ("IS fighters fled after their loss of Tabqa to the SDF on Monday.",
                  ("sy-tabqa", "sdf", "is", "capture")),
}


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load(FIXTURE)


def test_every_cue_has_a_sentence() -> None:
    assert sorted(SENTENCES) == sorted(cue.name for cue in CUES)


@pytest.mark.parametrize("name", sorted(SENTENCES))
def test_cue_finds_its_change(gazetteer: Gazetteer, name: str) -> None:
    sentence, expected = SENTENCES[name]
    assert name in [cue.name for cue, _m in find_cues(sentence)]
    result = extract_events([Document("t", sentence, "t.txt", published=PUBLISHED)], gazetteer)
    found = [(e.place_id or "", e.controller, e.previous_controller or "", e.kind)
             for e in result.events]
    assert found == [expected]


def test_prefilter_skips_sentences_without_a_cue_word() -> None:
    assert PREFILTER.search("Shells hit the market in the morning.") is None
    assert find_cues("Shells hit the market in the morning.") == []
    assert PREFILTER.search("Rebels overran the base.") is not None


def test_word_regex_reads_is_only_in_lower_case() -> None:
    import re

    regex = re.compile(word_regex("was is"), re.IGNORECASE)
    assert regex.search("IS took it") is None
    assert regex.search("it is taken") is not None


def test_table_rows_have_unique_names() -> None:
    names = [entry.name for entry in CUE_TABLE]
    assert len(names) == len(set(names))
