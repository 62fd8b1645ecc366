"""Places of Syria and its borderlands: spellings folded, names found in text, resolved in context.

The gazetteer is ``data/gazetteer.csv`` (built by ``geo gazetteer build``, see ``data/README.md``).
:func:`normalize` folds the transliteration variants of one Arabic name ("al-Bukamal",
"Albukamal", "Abu Kamal", "al-Boukamal") to one key; :meth:`Gazetteer.find` matches every name
and variant over a document at once with an Aho-Corasick automaton over the normalised token
stream, keeps the longest match, maps it back to the original offsets, and chooses among
same-name places by the qualifiers in the sentence, then proximity to the document's other
places, then kind and population. Foreign places (``data/foreign_places.csv``) come out with
status ``foreign``; capitalised names after "town of", "near", "in"... that match nothing are
tried fuzzily and otherwise reported ``unresolved``, never dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from geo.errors import GazetteerError, Problem
from geo.gazetteer_data import (
    COLUMNS,
    FOREIGN_COLUMNS,
    KIND_WEIGHT,
    Candidate,
    ForeignPlace,
    Resolution,
    _beside,
    check,
    load_foreign,
)
from geo.gazetteer_data import _parse_rows as _parse_rows  # geo.gazetteer_check reads rows
from geo.gazetteer_names import _deaccent as _deaccent  # geo.gazetteer_build folds names
from geo.gazetteer_names import _tokens, normalize
from geo.gazetteer_online import USER_AGENT, online_resolve
from geo.gazetteer_resolve import Resolver
from geo.gazetteer_scan import Scanner
from geo.models import Mention, Place
from geo.paths import data_path

__all__ = [
    "COLUMNS",
    "FOREIGN_COLUMNS",
    "KIND_WEIGHT",
    "USER_AGENT",
    "Candidate",
    "ForeignPlace",
    "Gazetteer",
    "Resolution",
    "check",
    "load_foreign",
    "normalize",
    "online_resolve",
]


class Gazetteer(Scanner, Resolver):
    """The places a document may name, with fast lookup by id and by any spelling.

    Build one with :meth:`load` (the shipped ``data/gazetteer.csv`` by default) or
    :meth:`from_places`. Loading only parses the file; the name index and the automaton are
    built on first use.
    """

    # construction

    @classmethod
    def load(cls, path: Path | str | None = None) -> Gazetteer:
        """Read a gazetteer CSV (default: the shipped ``data/gazetteer.csv``).

        ``foreign_places.csv`` and ``english_words.txt`` are read from beside the file when
        present, otherwise from the shipped data.

        Raises:
            GazetteerError: On the first malformed row, as ``file:line: field: what is wrong``
                (use :func:`check` to list them all).
        """
        file = Path(path) if path is not None else data_path("gazetteer.csv")
        places, problems, _ = _parse_rows(file)
        if problems:
            raise GazetteerError(str(problems[0]))
        if not places:
            raise GazetteerError(f"{file}: no places: the file has only a header row")
        return cls(
            places,
            foreign=load_foreign(_beside(file, "foreign_places.csv")),
            words_path=_beside(file, "english_words.txt"),
            source=str(file),
        )

    @classmethod
    def from_places(
        cls,
        places: Iterable[Place],
        *,
        foreign: Sequence[ForeignPlace] = (),
        common_words: Iterable[str] | None = None,
    ) -> Gazetteer:
        """Make a gazetteer from places in memory (tests, other data).

        Args:
            places: The places; ids must be unique.
            foreign: Places outside the map, reported ``foreign``.
            common_words: English words never taken for a one-word place name; the shipped
                list when ``None``.

        Raises:
            GazetteerError: When two places share an id.
        """
        table: dict[str, Place] = {}
        for place in places:
            if place.id in table:
                raise GazetteerError(f"duplicate id {place.id!r}")
            table[place.id] = place
        if common_words is None:
            return cls(table, foreign=foreign, words_path=data_path("english_words.txt"))
        return cls(table, foreign=foreign, common_words=common_words)

    # finding places in text

    def find(self, text: str, doc_id: str = "", country: str = "") -> list[Mention]:
        """Find every place mention in ``text`` and resolve it in the document's context.

        Names and spellings are matched over the normalised token stream (longest match
        first), one-word matches that are common English words ("March", "Most") or that are
        not capitalised are skipped, foreign places come out ``foreign``, and capitalised
        place-like names that match nothing (after "town of", "near", "in"...) are tried
        fuzzily and otherwise reported ``unresolved``. Offsets index into ``text``;
        ``sentence_index`` follows :func:`geo.text.split_sentences`. ``country`` (``SY``,
        ``IQ``) is the country of the text the document was cut from (a chronicle's chunk: its
        article, see :attr:`geo.models.Document.country`): it chooses between namesakes across
        the border when neither the sentence nor the document itself names a country.
        """
        from geo.text import split_sentences

        tokens = _tokens(text)
        if not tokens:
            return []
        sentences = split_sentences(text)
        starts = [s.start for s in sentences] or [0]
        hits = self._match(text, tokens, starts)
        hits.extend(self._unmatched(text, tokens, hits, starts))
        hits.sort(key=lambda h: h.start)
        return self._resolve_hits(text, hits, sentences, doc_id, country)

    # reporting

    def problems_for(self, mentions: Iterable[Mention], text: str = "") -> list[Problem]:
        """Turn the unresolved mentions into problems naming the document and the sentence."""
        from geo.text import split_sentences

        sentences = split_sentences(text) if text else []
        out: list[Problem] = []
        for mention in mentions:
            if mention.status != "unresolved":
                continue
            sentence = (sentences[mention.sentence_index].text
                        if mention.sentence_index < len(sentences) else "")
            message = f"unresolved place {mention.surface!r}"
            if sentence:
                message += f" in: {sentence}"
            out.append(Problem(mention.doc_id, None, "place", message))
        return out

