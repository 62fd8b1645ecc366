"""Bench corpora: real, distinct text (the chronicles cut into documents, plus the seeds).

The chronicle corpus (88 Wikipedia articles on the wars in Syria and Iraq, CC BY-SA 4.0) is read
from the project's copy (``data/chronicles/``) when it is there, otherwise from the shared corpus
beside the project (``../shared/corpora/wikipedia-war``). Each article's body is cut into
news-sized documents: consecutive paragraphs of one section, grouped until about 2,500
characters, headed by the article title and the section heading. Each document is dated 31
December of the latest year it names (else of its article's period), as a manifest would date a
report whose day is unknown. Nothing is copied twice: every document is a different stretch of text.

``replicated_seeds`` (the five seeds copied to a size) stays for the ingestion bench and for the
20,000-document memory run, where the number of documents matters and caching does not.
"""

from __future__ import annotations

import csv
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
_CANDIDATES = (ROOT / "data" / "chronicles", ROOT.parent / "shared" / "corpora" / "wikipedia-war")
TARGET_CHARS = 2500

_IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]*\)\s*$", re.MULTILINE)
_HEADING = re.compile(r"^(#{1,6})\s+(.*\S)\s*$")
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")


def chronicle_dir() -> Path:
    """The folder holding the chronicle articles (``*.md`` and ``index.csv``).

    Raises:
        FileNotFoundError: When neither the project copy nor the shared corpus is there.
    """
    for folder in _CANDIDATES:
        if (folder / "index.csv").is_file():
            return folder
    raise FileNotFoundError("no chronicle corpus: looked in "
                            + ", ".join(str(c) for c in _CANDIDATES))


@dataclass(frozen=True)
class BenchDoc:
    """One bench document: a file name, its text and the date a manifest gives it."""

    name: str
    text: str
    published: date | None


def _body(text: str) -> str:
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end >= 0:
            text = text[end + 4 :]
    return _IMAGE.sub("", text)


def _period_date(period: str, title: str) -> date | None:
    years = _YEAR.findall(period) or _YEAR.findall(title)
    return date(int(years[-1]), 12, 31) if years else None


def _cut(stem: str, title: str, published: date | None, body: str,
         target_chars: int) -> list[BenchDoc]:
    """One article's body cut into documents of whole paragraphs of one section."""
    out: list[BenchDoc] = []
    section = ""
    group: list[str] = []
    size = 0

    def flush() -> None:
        if not group:
            return
        head = f"{title}: {section}" if section else title
        text = head + "\n\n" + "\n\n".join(group) + "\n"
        own = _YEAR.findall(text)
        day = date(int(max(own)), 12, 31) if own else published
        out.append(BenchDoc(f"{stem}-{len(out) + 1:03d}.txt", text, day))
        group.clear()

    for block in re.split(r"\n\s*\n", body):
        lines = [ln for ln in block.strip().splitlines() if ln.strip()]
        while lines and (heading := _HEADING.match(lines[0])):
            flush()
            size = 0
            section = heading.group(2)
            lines.pop(0)
        if not lines:
            continue
        paragraph = "\n".join(lines)
        group.append(paragraph)
        size += len(paragraph)
        if size >= target_chars:
            flush()
            size = 0
    flush()
    return out


def chronicle_documents(target_chars: int = TARGET_CHARS) -> list[BenchDoc]:
    """The chronicles cut into documents (see the module docstring), in a stable order."""
    folder = chronicle_dir()
    with (folder / "index.csv").open(encoding="utf-8", newline="") as handle:
        index = {row["file"]: row for row in csv.DictReader(handle)}
    out: list[BenchDoc] = []
    for name in sorted(index):
        path = folder / name
        if not path.is_file():
            continue
        row = index[name]
        title = row["title"].strip() or path.stem
        published = _period_date(row.get("period") or "", title)
        body = _body(path.read_text(encoding="utf-8"))
        out.extend(_cut(path.stem, title, published, body, target_chars))
    return out


def write_corpus(folder: Path, docs: list[BenchDoc], *, seeds: bool = True) -> int:
    """Write ``docs`` (and the seeds, with their manifest rows) into ``folder`` with a manifest.

    Returns:
        The number of bytes of article text written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    rows: list[list[str]] = []
    for doc in docs:
        data = doc.text.encode("utf-8")
        (folder / doc.name).write_bytes(data)
        total += len(data)
        rows.append([doc.name, doc.published.isoformat() if doc.published else "", "Wikipedia",
                     "", "", ""])
    if seeds:
        with (SEEDS / "manifest.csv").open(encoding="utf-8", newline="") as handle:
            seed_rows = {r["file"]: r for r in csv.DictReader(handle)}
        for seed in sorted(SEEDS.glob("*.txt")):
            data = seed.read_bytes()
            (folder / f"seed-{seed.name}").write_bytes(data)
            total += len(data)
            r = seed_rows.get(seed.name)
            if r is not None:
                rows.append([f"seed-{seed.name}", r["published"], r["outlet"], r["url"],
                             r["title"], r["date_note"]])
    with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["file", "published", "outlet", "url", "title", "date_note"])
        writer.writerows(rows)
    return total


def bench_corpus() -> tuple[Path, int, int]:
    """The chronicle documents and the seeds written to a temporary folder with a manifest.

    Returns:
        The folder (the caller removes it), the number of article files and their bytes.
    """
    docs = chronicle_documents()
    out = Path(tempfile.mkdtemp(prefix="geo-bench-corpus-"))
    size = write_corpus(out, docs)
    return out, len(docs) + len(list(SEEDS.glob("*.txt"))), size


def replicated_seeds(min_bytes: int = 20 * 1024 * 1024) -> tuple[Path, int, int]:
    """Copy the seed articles into a temporary directory until it holds ``min_bytes``.

    Returns:
        The directory, the number of files written and their total size in bytes. The caller
        removes the directory (``shutil.rmtree``).
    """
    seeds = sorted(p for p in SEEDS.glob("*.txt"))
    out = Path(tempfile.mkdtemp(prefix="geo-bench-"))
    total = files = 0
    copy = 0
    while total < min_bytes:
        for seed in seeds:
            target = out / f"{copy:05d}_{seed.name}"
            shutil.copyfile(seed, target)
            total += target.stat().st_size
            files += 1
        copy += 1
    return out, files, total


def many_documents(count: int) -> tuple[Path, int]:
    """``count`` documents for the memory run: the chronicle documents cycled under new names.

    Here the number of documents matters, not their novelty (nothing is timed), so the 1,600
    distinct documents are written again as often as needed. Returns the folder (the caller
    removes it) and the bytes written.
    """
    docs = chronicle_documents()
    out: list[BenchDoc] = []
    for i in range(count):
        doc = docs[i % len(docs)]
        out.append(BenchDoc(f"{i // len(docs):02d}-{doc.name}", doc.text, doc.published))
    folder = Path(tempfile.mkdtemp(prefix="geo-bench-many-"))
    return folder, write_corpus(folder, out, seeds=False)
