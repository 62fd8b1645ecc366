"""Article ingestion: reading files, splitting archives, finding dates, manifests, bad input."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.articles import (
    ArticleInfo,
    decode_article,
    load_documents,
    parse_article,
    parse_date_line,
    parse_manifest,
    read_manifest,
    read_text_file,
    split_articles,
)
from geo.errors import ArticleError, GeoError, ManifestError, Problem

DATA = Path(__file__).resolve().parent / "data"
ARCHIVE = DATA / "articles_archive.txt"

ARTICLE = (
    "Bridge reopens after repairs\n\n"
    "12 May 2019\n\n"
    "The bridge over the river reopened to traffic on Saturday after engineers finished "
    "repairing the damage left by last year's fighting, the provincial council said.\n"
)
UNDATED = (
    "Town council meets again\n\n"
    "The town council met for the first time in two years on Sunday, its members said, "
    "and agreed to repair the water station before the summer.\n"
)


def write(directory: Path, name: str, content: str | bytes) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------- the seeds


SEED_DATES = [
    ("000_9598ab118105b31b", date(2017, 11, 13), "manifest"),
    ("001_d779702fe51e1cc0", date(2017, 11, 13), "text"),
    ("002_20b9dcb76fc68891", date(2020, 8, 25), "text"),
    ("003_2eb522815f3a1db4#1", date(2017, 9, 5), "text"),
    ("003_2eb522815f3a1db4#2", date(2017, 8, 25), "text"),
    ("003_2eb522815f3a1db4#3", date(2017, 3, 3), "text"),
    ("003_2eb522815f3a1db4#4", date(2017, 3, 1), "text"),
    ("003_2eb522815f3a1db4#5", date(2017, 2, 23), "text"),
    ("003_2eb522815f3a1db4#6", date(2017, 1, 18), "text"),
    ("003_2eb522815f3a1db4#7", date(2017, 1, 17), "text"),
    ("003_2eb522815f3a1db4#8", date(2017, 1, 14), "text"),
    ("003_2eb522815f3a1db4#9", date(2016, 12, 12), "text"),
    ("003_2eb522815f3a1db4#10", date(2016, 11, 8), "text"),
    ("004_a3a907b2529063a9", date(2017, 11, 21), "manifest"),
]


def test_seeds_give_fourteen_dated_documents(seeds_dir: Path) -> None:
    documents, problems = load_documents([seeds_dir])
    assert problems == []
    assert [(d.id, d.published, d.date_source) for d in documents] == SEED_DATES
    assert all(d.source_file.startswith(str(seeds_dir)) for d in documents)


def test_seed_manifest_notes_explain_inferred_dates(seeds_dir: Path) -> None:
    documents, _ = load_documents([seeds_dir])
    notes = {d.id: d.date_note for d in documents}
    assert notes["000_9598ab118105b31b"] and "last Thursday" in notes["000_9598ab118105b31b"]
    assert notes["004_a3a907b2529063a9"] and "Putin" in notes["004_a3a907b2529063a9"]
    assert notes["001_d779702fe51e1cc0"] is None


def test_seed_archive_byline_belongs_to_the_article_after_it(seeds_dir: Path) -> None:
    documents, _ = load_documents([seeds_dir])
    by_id = {d.id: d for d in documents}
    last, before = by_id["003_2eb522815f3a1db4#10"], by_id["003_2eb522815f3a1db4#9"]
    assert last.text.startswith("By Delil Souleiman")
    assert last.line == 374
    assert "By Delil" not in before.text
    assert before.text.endswith("fail-to-dislodge-daesh-from-palmyra/.")
    assert before.outlet == "Middle East Monitor"
    assert before.url == (
        "https://www.middleeastmonitor.com/20161212-russia-syria-fail-to-dislodge-daesh-from-palmyra/"
    )


def test_seed_titles_and_outlets(seeds_dir: Path) -> None:
    documents, _ = load_documents([seeds_dir])
    by_id = {d.id: d for d in documents}
    assert by_id["001_d779702fe51e1cc0"].title == (
        "IS recaptures 'last stronghold' in Syria from regime, Hizballah"
    )
    assert by_id["002_20b9dcb76fc68891"].title == (
        "SYRIAN FORCES ARE HUNTING DOWN ISIS TERRORISTS IN DESERT"
    )
    assert by_id["002_20b9dcb76fc68891"].outlet == "South Front"  # from the manifest
    assert by_id["003_2eb522815f3a1db4#1"].url == "http://www.middle-east-online.com/english/?id=84687"
    assert by_id["003_2eb522815f3a1db4#1"].line == 4


def test_seed_texts_without_manifest_leave_two_undated(seeds_dir: Path, tmp_path: Path) -> None:
    for seed in seeds_dir.glob("*.txt"):
        shutil.copyfile(seed, tmp_path / seed.name)
    documents, problems = load_documents([tmp_path])
    assert len(documents) == 14
    undated = [d.id for d in documents if d.date_source == "none"]
    assert undated == ["000_9598ab118105b31b", "004_a3a907b2529063a9"]
    assert [p.message for p in problems] == [
        "000_9598ab118105b31b: no publication date; give one in manifest.csv",
        "004_a3a907b2529063a9: no publication date; give one in manifest.csv",
    ]


# ---------------------------------------------------------------------------- archives


def test_archive_fixture_is_split_with_dates_titles_and_trailers() -> None:
    documents, problems = load_documents([ARCHIVE])
    assert problems == []
    assert [(d.id, d.line, d.published, d.date_source) for d in documents] == [
        ("articles_archive#1", 4, date(2019, 4, 2), "text"),
        ("articles_archive#2", 16, date(2019, 3, 4), "text"),
        ("articles_archive#3", 24, date(2019, 2, 12), "text"),
        ("articles_archive#4", 30, date(2019, 1, 9), "text"),
        ("articles_archive#5", 42, date(2019, 1, 3), "text"),
    ]
    assert [d.title for d in documents] == [
        "Militia fighters pulled out of the hill villages north of the lake on Monday after two "
        "weeks of…",
        "A convoy of trucks carrying flour and medicine reached the besieged district of the old "
        "town on…",
        "Fighting flared again along the canal road overnight, with both sides trading artillery "
        "fire until…",
        "Engineers began repairing the railway bridge south of the port on Wednesday, three years "
        "after it…",
        "Harbour cranes return to work",
    ]
    assert [d.outlet for d in documents] == [
        "Example Wire", "Relief Bulletin", None, None, None,
    ]  # fmt: skip
    assert [d.url for d in documents] == [
        "https://news.example.org/2019/04/02/hill-villages",
        None,
        None,
        "https://news.example.org/2019/01/09/bridge",
        None,
    ]


def test_archive_boundaries_keep_bylines_and_leave_out_the_page_header() -> None:
    documents, _ = load_documents([ARCHIVE])
    texts = [d.text for d in documents]
    assert texts[0].startswith("2019-04-02\n\nRIVERTOWN")
    assert "Category Archives" not in texts[0]
    assert texts[0].endswith("Advertisements")
    assert texts[2].endswith("cleared of debris.")
    assert texts[3].startswith("By Jane Roe in Porthaven\n\nPorthaven, Coastland (XNA)\n\nJan. 9")
    assert texts[4].startswith("Harbour cranes return to work\n\n3rd of January, 2019")
    assert all(len(t) <= 100 for t in (d.title or "" for d in documents))


def test_split_single_article_is_the_whole_text() -> None:
    assert split_articles(ARTICLE) == [(1, ARTICLE)]


def test_split_needs_article_text_after_each_date_line() -> None:
    text = "2019-05-01\n2019-05-02\n\n" + " ".join(["word"] * 40) + "\n"
    assert split_articles(text) == [(1, text)]


def test_split_keeps_a_long_undated_preamble_as_an_article() -> None:
    body = " ".join(["Residents reported shelling near the mill."] * 6)
    text = f"{body}\n\n2019-05-01\n\n{body}\n\n2019-05-03\n\n{body}\n"
    assert [line for line, _ in split_articles(text)] == [1, 3, 7]


# ---------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2017-09-05", date(2017, 9, 5)),
        ("March 03, 2017", date(2017, 3, 3)),
        ("January 17, 2017", date(2017, 1, 17)),
        ("Nov 8, 2016", date(2016, 11, 8)),
        ("Nov. 8, 2016", date(2016, 11, 8)),
        ("Sept 30, 2015", date(2015, 9, 30)),
        ("13 November, 2017", date(2017, 11, 13)),
        ("Tuesday 25 August 2020", date(2020, 8, 25)),
        ("Thursday, June 4, 2020", date(2020, 6, 4)),
        ("3rd of January, 2019", date(2019, 1, 3)),
        ("Posted on 14 June 2018", date(2018, 6, 14)),
        ("Published: 2018-06-14 10:30 GMT", date(2018, 6, 14)),
        ("  *12 May 2019*  ", date(2019, 5, 12)),
        ("DECEMBER 12, 2016", date(2016, 12, 12)),
        ("2017/11/19", date(2017, 11, 19)),
        ("19 November، 2017", date(2017, 11, 19)),
        ("First published on Mon 13 Nov 2017 13.45 GMT", date(2017, 11, 13)),
        ("2017-11-13T10:30:00Z", date(2017, 11, 13)),
        ("Nov 13, 2017 | 10:30 AM", date(2017, 11, 13)),
    ],
)
def test_date_lines(line: str, expected: date) -> None:
    assert parse_date_line(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "",
        "2017-02-30",
        "1889-03-01",
        "2150-01-01",
        "March 2017",
        "13/11/2017",
        "Troops entered the town on March 3, 2017",
        "Smarch 3, 2017",
        "Updated March 3, 2017",
        "2017-11/19",
    ],
)
def test_not_date_lines(line: str) -> None:
    assert parse_date_line(line) is None


def test_dateline_with_a_full_date() -> None:
    text = (
        "HILLTOWN, Feb. 4, 2019 (Wire) - Troops moved into the hill villages on Monday after "
        "the last fighters left under a deal brokered by the elders, residents said.\n"
    )
    assert parse_article(text).published == date(2019, 2, 4)


def test_lowercase_text_before_a_date_is_not_a_dateline() -> None:
    text = "the town, 3 May 2019 - was quiet, residents said in a long report on the market.\n"
    assert parse_article(text).published is None


def test_date_beyond_the_header_is_not_taken() -> None:
    filler = "\n".join(f"Paragraph {i} of the report says little." for i in range(15))
    assert parse_article(f"Headline here\n{filler}\n2019-05-01\n").published is None


def test_parse_article_of_markdown_fixture() -> None:
    info = parse_article(read_text_file(DATA / "articles_single.md"))
    assert info == ArticleInfo(
        published=date(2018, 6, 14),
        title="Ceasefire holds in the valley for a third day",
        outlet="Valley Times",
        url=None,
    )


def test_parse_article_of_dateline_fixture() -> None:
    info = parse_article(read_text_file(DATA / "articles_dateline.txt"))
    assert info.published == date(2018, 9, 21)
    assert info.title == "Ferry service resumes across the estuary"


def test_link_loses_final_stop_and_nbsp() -> None:
    info = parse_article(ARTICLE + "\nLink:\u00a0https://example.org/a/b.\u00a0\n")
    assert info.url == "https://example.org/a/b"


# ---------------------------------------------------------------------------- bad input


def test_empty_binary_and_non_utf8_files_are_problems_and_others_still_read(
    tmp_path: Path,
) -> None:
    write(tmp_path, "a_good.txt", ARTICLE)
    write(tmp_path, "b_empty.txt", b"")
    write(tmp_path, "c_blank.txt", b"  \n\n")
    write(tmp_path, "d_binary.txt", b"PK\x03\x04\x00\x00binary")
    write(tmp_path, "e_latin1.txt", "Line one\nCaf\u00e9 du port\n".encode("latin-1"))
    write(tmp_path, "f_utf16.txt", ARTICLE.encode("utf-16"))
    write(tmp_path, "g_later.md", ARTICLE)
    documents, problems = load_documents([tmp_path])
    assert [d.id for d in documents] == ["a_good", "g_later"]
    assert problems == [
        Problem(str(tmp_path / "b_empty.txt"), None, None, "empty file"),
        Problem(str(tmp_path / "c_blank.txt"), None, None, "empty file"),
        Problem(str(tmp_path / "d_binary.txt"), None, None,
                "binary file (NUL byte at offset 4), not text"),
        Problem(str(tmp_path / "e_latin1.txt"), 2, None,
                "not UTF-8 text (byte 0xe9); save it as UTF-8"),
        Problem(str(tmp_path / "f_utf16.txt"), None, None, "UTF-16 text; save it as UTF-8"),
    ]


def test_read_text_file_raises_article_error(tmp_path: Path) -> None:
    path = write(tmp_path, "x.txt", b"abc\n\xff\xfe\x00")
    with pytest.raises(ArticleError) as error:
        read_text_file(path)
    assert str(error.value) == f"{path}: binary file (NUL byte at offset 6), not text"
    with pytest.raises(ArticleError, match=r"x\.txt:2: not UTF-8 text \(byte 0xff\)"):
        read_text_file(write(tmp_path, "x.txt", b"abc\n\xff"))
    with pytest.raises(ArticleError, match="empty file"):
        read_text_file(write(tmp_path, "x.txt", b""))
    with pytest.raises(ArticleError, match="cannot read"):
        read_text_file(tmp_path / "missing.txt")


def test_bom_is_dropped_and_line_ends_normalised(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode())
    documents, problems = load_documents([path])
    assert problems == []
    assert documents[0].text == ARTICLE
    assert documents[0].published == date(2019, 5, 12)
    assert documents[0].title == "Bridge reopens after repairs"


def test_directory_without_articles_and_missing_paths(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    write(empty, "notes.pdf", b"%PDF")
    other = write(tmp_path, "report.docx", b"PK")
    good = write(tmp_path, "good.txt", ARTICLE)
    documents, problems = load_documents([empty, tmp_path / "nope", other, good])
    assert [d.id for d in documents] == ["good"]
    assert problems == [
        Problem(str(empty), None, None, "no articles (.txt or .md files) in directory"),
        Problem(str(tmp_path / "nope"), None, None, "no such file or directory"),
        Problem(str(other), None, None, "not an article file (.txt or .md); skipped"),
    ]


def test_undated_document_is_kept_and_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "council.txt", UNDATED)
    documents, problems = load_documents([path])
    assert documents[0].date_source == "none"
    assert documents[0].published is None
    assert problems == [
        Problem(str(path), 1, "published",
                "council: no publication date; give one in manifest.csv"),
    ]
    assert str(problems[0]) == (
        f"{path}:1: published: council: no publication date; give one in manifest.csv"
    )


def test_duplicate_ids_and_files_given_twice(tmp_path: Path) -> None:
    txt = write(tmp_path, "a/report.txt", ARTICLE)
    md = write(tmp_path, "b/report.md", ARTICLE)
    documents, problems = load_documents([tmp_path, txt])
    assert [d.source_file for d in documents] == [str(txt)]
    assert problems == [
        Problem(str(md), 1, None,
                f"document id 'report' is already used by {txt}; this article is skipped"),
    ]


def test_hidden_files_are_skipped_and_order_is_sorted(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", ARTICLE)
    write(tmp_path, "a.md", ARTICLE)
    write(tmp_path, "sub/c.txt", ARTICLE)
    write(tmp_path, ".git/d.txt", ARTICLE)
    write(tmp_path, ".e.txt", ARTICLE)
    first = load_documents([tmp_path])
    assert [d.id for d in first[0]] == ["a", "b", "c"]
    assert load_documents([tmp_path]) == first


# ---------------------------------------------------------------------------- manifests


MANIFEST_HEADER = "file,published,outlet,url,title,date_note\n"


def test_manifest_supplies_and_overrides_and_reports_bad_rows(tmp_path: Path) -> None:
    write(tmp_path, "dated.txt", ARTICLE)
    write(tmp_path, "undated.txt", UNDATED)
    write(
        tmp_path,
        "manifest.csv",
        MANIFEST_HEADER
        + "undated.txt,2019-06-02,Town Herald,https://herald.example/1,,Day after the meeting\n"
        + "gone.txt,2019-06-03,,,,\n"
        + "\n"
        + "dated.txt,3 May 2019,Bridge Post,,Bridge open,\n",
    )
    documents, problems = load_documents([tmp_path])
    manifest = str(tmp_path / "manifest.csv")
    assert problems == [
        Problem(manifest, 3, "file", "no such file: gone.txt"),
        Problem(manifest, 5, "published",
                "not a date: '3 May 2019' (expected YYYY-MM-DD, year 1990-2100)"),
    ]
    dated, undated = documents
    assert (dated.published, dated.date_source, dated.outlet, dated.title) == (
        date(2019, 5, 12), "text", "Bridge Post", "Bridge open",
    )  # fmt: skip
    assert (undated.published, undated.date_source, undated.outlet, undated.url) == (
        date(2019, 6, 2), "manifest", "Town Herald", "https://herald.example/1",
    )  # fmt: skip
    assert undated.date_note == "Day after the meeting"
    assert str(problems[0]) == f"{manifest}:3: file: no such file: gone.txt"


@pytest.mark.parametrize("column", ["doc_id", "id", "Doc_ID"])
def test_manifest_doc_id_column_sets_the_document_id(tmp_path: Path, column: str) -> None:
    write(tmp_path, "dated.txt", ARTICLE)
    write(tmp_path, "undated.txt", UNDATED)
    write(tmp_path, "manifest.csv",
          f"{column},file,published\nr-017,dated.txt,\nr-018,undated.txt,2019-06-02\n")
    documents, problems = load_documents([tmp_path])
    assert problems == []
    assert [(d.id, d.published) for d in documents] == [
        ("r-017", date(2019, 5, 12)), ("r-018", date(2019, 6, 2))]


def test_manifest_doc_id_keeps_archive_numbers_and_the_per_article_row(tmp_path: Path) -> None:
    shutil.copy(ARCHIVE, tmp_path / "archive.txt")
    count = len(load_documents([tmp_path / "archive.txt"])[0])
    assert count >= 2
    write(tmp_path, "manifest.csv", "file,doc_id\narchive.txt,town\narchive.txt#2,second\n")
    documents, problems = load_documents([tmp_path])
    assert problems == []
    ids = [d.id for d in documents]
    assert ids[:2] == ["town#1", "second"]
    assert ids[2:] == [f"town#{n}" for n in range(3, count + 1)]


def test_manifest_doc_id_unsafe_or_duplicate_is_reported_and_the_own_id_kept(
    tmp_path: Path,
) -> None:
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "b.txt", ARTICLE)
    write(tmp_path, "c.txt", ARTICLE)
    write(tmp_path, "manifest.csv",
          "file,doc_id\na.txt,../../etc\nb.txt,c\nc.txt,<b>\n")
    documents, problems = load_documents([tmp_path])
    manifest = str(tmp_path / "manifest.csv")
    rule = ("(letters, digits and . _ - : #, starting with a letter or digit, at most 100 "
            "characters); the file's own id is kept")
    assert problems == [
        Problem(manifest, 2, "doc_id", f"not a usable document id: '../../etc' {rule}"),
        Problem(manifest, 4, "doc_id", f"not a usable document id: '<b>' {rule}"),
        Problem(manifest, 3, "doc_id", "document id 'c' is already used; 'b' is kept"),
    ]
    assert [d.id for d in documents] == ["a", "b", "c"]


def test_manifest_with_doc_id_and_id_ignores_id(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ARTICLE)
    rows, problems = parse_manifest("file,doc_id,id\na.txt,one,two\n", "m.csv", tmp_path)
    assert [r.doc_id for r in rows] == ["one"]
    assert [(p.field, p.message.split(" (")[0]) for p in problems] == [
        ("id", "unknown column, ignored")]


def test_manifest_date_overrides_text_date(tmp_path: Path) -> None:
    write(tmp_path, "dated.txt", ARTICLE)
    write(tmp_path, "manifest.csv", "file,published\ndated,2019-05-13\n")
    documents, problems = load_documents([tmp_path])
    assert problems == []
    assert (documents[0].published, documents[0].date_source) == (date(2019, 5, 13), "manifest")


def test_manifest_rows_for_an_archive(tmp_path: Path) -> None:
    shutil.copyfile(ARCHIVE, tmp_path / "archive.txt")
    write(
        tmp_path,
        "manifest.csv",
        "file,outlet,published\n"
        "archive.txt,Frontline Blog,\n"
        "archive.txt#2,Relief Weekly,2019-03-05\n"
        "archive.txt#9,,2019-03-05\n"
        "archive.txt#0,,\n"
        "archive.txt#2,Again,\n",
    )
    documents, problems = load_documents([tmp_path])
    manifest = str(tmp_path / "manifest.csv")
    assert [(d.outlet, d.published, d.date_source) for d in documents] == [
        ("Frontline Blog", date(2019, 4, 2), "text"),
        ("Relief Weekly", date(2019, 3, 5), "manifest"),
        ("Frontline Blog", date(2019, 2, 12), "text"),
        ("Frontline Blog", date(2019, 1, 9), "text"),
        ("Frontline Blog", date(2019, 1, 3), "text"),
    ]
    assert problems == [
        Problem(manifest, 5, "file", "'archive.txt#0': article numbers start at 1; row ignored"),
        Problem(manifest, 6, "file", "'archive.txt#2' already has a row (line 3); row ignored"),
        Problem(manifest, 4, "file", "'archive.txt#9': the file holds 5 article(s)"),
    ]


def test_explicit_manifest_replaces_the_auto_detected_one(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write(corpus, "undated.txt", UNDATED)
    write(corpus, "manifest.csv", "file,published\nundated.txt,2001-01-01\n")
    other = write(tmp_path, "other.csv", "file,published\ncorpus/undated.txt,2019-06-02\n")
    documents, problems = load_documents([corpus], manifest=other)
    assert problems == []
    assert documents[0].published == date(2019, 6, 2)
    _, problems = load_documents([corpus], manifest=tmp_path / "missing.csv")
    assert problems[0] == Problem(str(tmp_path / "missing.csv"), None, None,
                                  "cannot read: No such file or directory")


def test_unusable_manifest_is_one_problem_and_documents_still_read(tmp_path: Path) -> None:
    write(tmp_path, "dated.txt", ARTICLE)
    manifest = write(tmp_path, "manifest.csv", "name,published\ndated.txt,2019-01-01\n")
    documents, problems = load_documents([tmp_path])
    assert [d.published for d in documents] == [date(2019, 5, 12)]
    assert problems == [
        Problem(str(manifest), 1, "file",
                "missing column 'file' "
                "(columns: file, doc_id, published, outlet, url, title, date_note)"),
    ]


def test_read_manifest_errors(tmp_path: Path) -> None:
    path = write(tmp_path, "m.csv", b"file,published\nx.txt,caf\xe9\n")
    with pytest.raises(ManifestError) as error:
        read_manifest(path)
    assert str(error.value) == f"{path}:2: not UTF-8 text; save it as UTF-8"
    with pytest.raises(ManifestError, match=r"m\.csv: empty manifest"):
        read_manifest(write(tmp_path, "m.csv", "\n\n"))
    with pytest.raises(ManifestError, match=r"m\.csv: binary file \(NUL byte\)"):
        read_manifest(write(tmp_path, "m.csv", b"file\n\x00\n"))


def test_parse_manifest_reports_unknown_columns_extra_values_and_empty_names(
    tmp_path: Path,
) -> None:
    write(tmp_path, "a.txt", ARTICLE)
    text = "file,pubished\na.txt,2019-01-01,extra\n,2019-01-02\nnotes.pdf\n"
    write(tmp_path, "notes.pdf", b"%PDF")
    rows, problems = parse_manifest(text, "m.csv", tmp_path)
    assert [(r.file, r.line, r.published) for r in rows] == [("a.txt", 2, None)]
    assert problems == [
        Problem("m.csv", 1, "pubished",
                "unknown column, ignored "
                "(columns: file, doc_id, published, outlet, url, title, date_note)"),
        Problem("m.csv", 2, None, "3 values for 2 columns; extra values ignored"),
        Problem("m.csv", 3, "file", "empty file name; row ignored"),
        Problem("m.csv", 4, "file", "notes.pdf: not an article file (.txt or .md); row ignored"),
    ]


@pytest.mark.parametrize("value", ["2019-13-01", "2019-02-29", "1850-01-01", "19-01-01", "soon"])
def test_manifest_dates_that_are_not_dates(tmp_path: Path, value: str) -> None:
    write(tmp_path, "a.txt", ARTICLE)
    rows, problems = parse_manifest(f"file,published\na.txt,{value}\n", "m.csv", tmp_path)
    assert rows[0].published is None
    assert problems == [
        Problem("m.csv", 2, "published",
                f"not a date: {value!r} (expected YYYY-MM-DD, year 1990-2100)"),
    ]


# ---------------------------------------------------------------------------- properties

_FAST = settings(max_examples=150, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture])


@_FAST
@given(st.binary(max_size=600))
def test_random_bytes_to_article_reader(data: bytes) -> None:
    try:
        text = decode_article(data, "x.txt")
    except ArticleError:
        return
    for _, chunk in split_articles(text):
        assert chunk in text
    parse_article(text)


@_FAST
@given(st.text(max_size=800))
def test_random_text_to_article_parser(text: str) -> None:
    articles = split_articles(text)
    assert articles
    for line, chunk in articles:
        assert line >= 1
        info = parse_article(chunk)
        assert info.published is None or 1990 <= info.published.year <= 2100


_LINES = st.lists(
    st.sampled_from(
        ["2019-05-01", "March 3, 2018", "By A. Writer", "Source: X.", "Link: http://x.y/z.",
         "", "Headline words here", "Words " * 20 + "end.", "12 Foo 2019", "Tuesday 1 May 2018"]
    ),
    max_size=40,
)


@_FAST
@given(_LINES)
def test_random_archives_split_in_order(lines: list[str]) -> None:
    text = "\n".join(lines)
    articles = split_articles(text)
    starts = [line for line, _ in articles]
    assert starts == sorted(set(starts))


@_FAST
@given(data=st.binary(max_size=400))
def test_random_bytes_to_manifest_reader(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "manifest.csv"
    path.write_bytes(data)
    try:
        read_manifest(path)
    except GeoError as error:
        assert isinstance(error, ManifestError)


@_FAST
@given(text=st.text(alphabet=st.characters(), max_size=400))
def test_random_text_to_manifest_parser(tmp_path: Path, text: str) -> None:
    try:
        rows, problems = parse_manifest("file,published,outlet\n" + text, "m.csv", tmp_path)
    except GeoError as error:
        assert isinstance(error, ManifestError)
        return
    assert all(isinstance(p, Problem) for p in problems)
    assert all(r.line >= 2 for r in rows)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(article=st.binary(max_size=300), manifest=st.binary(max_size=200))
def test_random_corpus_never_raises(tmp_path: Path, article: bytes, manifest: bytes) -> None:
    (tmp_path / "a.txt").write_bytes(article)
    (tmp_path / "manifest.csv").write_bytes(manifest)
    documents, problems = load_documents([tmp_path])
    assert documents or problems


def test_manifest_with_an_unclosed_quote_reports_it_and_reads_the_rows_it_swallowed(
    tmp_path: Path,
) -> None:
    for stem in ("a", "b", "c"):
        write(tmp_path, f"{stem}.txt", ARTICLE)
    text = ('file,published,title\n'
            'a.txt,2019-01-01,"Siege lifted\n'
            'b.txt,2019-01-02,Second\n'
            'c.txt,2019-01-03,Third\n')
    rows, problems = parse_manifest(text, "m.csv", tmp_path)
    assert [(r.file, r.line, r.title) for r in rows] == [("b.txt", 3, "Second"),
                                                         ("c.txt", 4, "Third")]
    assert problems == [
        Problem("m.csv", 2, "title", "a quote is not closed: the value runs on to line 4; "
                "row ignored, the lines after it read as rows"),
    ]


def test_manifest_with_a_column_given_twice_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ARTICLE)
    with pytest.raises(ManifestError) as error:
        parse_manifest("file,title,published,Title\na.txt,One,2019-01-01,Two\n", "m.csv",
                       tmp_path)
    assert str(error.value) == "m.csv:1: title: column given twice (columns 2 and 4); keep one"


# ---------------------------------------------------------------------------- long documents


def test_split_long_cuts_at_paragraphs_then_lines_then_spaces() -> None:
    from geo.articles import split_long

    text = "First paragraph here.\n\nSecond one.\nStill second.\n\nThird."
    assert split_long(text, 30) == [
        (0, "First paragraph here.\n\n"), (2, "Second one.\nStill second.\n\n"), (5, "Third."),
    ]
    assert split_long("one two three four five", 10) == [
        (0, "one two "), (0, "three "), (0, "four five")
    ]
    assert split_long("abcdefghij", 4) == [(0, "abcd"), (0, "efgh"), (0, "ij")]
    assert split_long("short", 10) == [(0, "short")]


def test_a_very_long_article_is_read_in_parts_that_keep_its_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import geo.articles

    monkeypatch.setattr(geo.articles, "MAX_DOCUMENT_CHARS", 120)
    paragraphs = [f"Paragraph {n}: the convoy reached the checkpoint at dawn." for n in range(6)]
    write(tmp_path, "long.txt", "\n\n".join(["Front-line digest", *paragraphs]) + "\n")
    write(tmp_path, "manifest.csv", "file,published,outlet\nlong.txt,2016-08-15,Wire\n")
    documents, problems = load_documents([tmp_path])
    assert [(d.id, d.line, d.published, d.outlet, d.title) for d in documents] == [
        (f"long#part{k}", line, date(2016, 8, 15), "Wire", "Front-line digest")
        for k, line in ((1, 1), (2, 5), (3, 9), (4, 13))
    ]
    whole = "\n\n".join(["Front-line digest", *paragraphs]) + "\n"
    assert "".join(d.text for d in documents) == whole
    assert problems == [
        Problem(str(tmp_path / "long.txt"), 1, None,
                "360 characters, more than 120 for one document: read as 4 parts, "
                "long#part1 to long#part4"),
    ]


def test_manifest_title_with_a_quoted_line_break_is_kept(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ARTICLE)
    rows, problems = parse_manifest('file,title\na.txt,"Two\nlines"\n', "m.csv", tmp_path)
    assert ([(r.file, r.title) for r in rows], problems) == ([("a.txt", "Two\nlines")], [])
