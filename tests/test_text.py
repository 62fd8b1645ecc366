"""Sentence splitting keeps offsets and does not break on abbreviations or initials."""

from __future__ import annotations

from geo.text import split_sentences


def test_offsets_point_back_into_the_text() -> None:
    text = "Rebels took the village. Troops withdrew on Monday!  Was it over?"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Rebels took the village.",
        "Troops withdrew on Monday!",
        "Was it over?",
    ]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
    assert [s.index for s in sentences] == [0, 1, 2]


def test_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    text = (
        "Maj. Gen. Ali Haidar said the town fell on Feb. 12 to U.S. backed fighters. "
        "George W. Bush was not there."
    )
    assert [s.text for s in split_sentences(text)] == [
        "Maj. Gen. Ali Haidar said the town fell on Feb. 12 to U.S. backed fighters.",
        "George W. Bush was not there.",
    ]


def test_headlines_and_datelines_stand_alone() -> None:
    text = "Army enters desert town\n\nMarch 4, 2018\nHOMS – The army entered the town on Sunday."
    assert [s.text for s in split_sentences(text)] == [
        "Army enters desert town",
        "March 4, 2018",
        "HOMS – The army entered the town on Sunday.",
    ]


def test_quoted_sentence_end_and_lower_case_continuation() -> None:
    text = "“We liberated it,” he said. The mayor disagreed. e.g. this stays."
    assert [s.text for s in split_sentences(text)] == [
        "“We liberated it,” he said.",
        "The mayor disagreed. e.g. this stays.",
    ]


def test_empty_and_blank_text() -> None:
    assert split_sentences("") == []
    assert split_sentences("  \n\n ") == []


def test_hard_wrapped_lines_join_into_sentences() -> None:
    text = (
        "Kurdish fighters pushed into the northern\n"
        "outskirts of the town on Monday while the\n"
        "Syrian army shelled the eastern districts from\n"
        "positions on the hills above the river plain.\n"
        "Residents said the roads were closed by both\n"
        "sides and that no aid had arrived in weeks.\n"
    )
    assert [s.text for s in split_sentences(text)] == [
        "Kurdish fighters pushed into the northern\noutskirts of the town on Monday while the\n"
        "Syrian army shelled the eastern districts from\npositions on the hills above the river "
        "plain.",
        "Residents said the roads were closed by both\nsides and that no aid had arrived in "
        "weeks.",
    ]
