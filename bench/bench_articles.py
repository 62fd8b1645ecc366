"""Ingestion throughput: the seeds replicated to 20 MB, read by ``load_documents``."""

from __future__ import annotations

import shutil
import time

from bench.corpus import replicated_seeds
from geo.articles import load_documents


def run() -> list[tuple[str, float, str]]:
    directory, files, size = replicated_seeds(20 * 1024 * 1024)
    try:
        start = time.perf_counter()
        documents, _ = load_documents([directory])
        seconds = time.perf_counter() - start
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    return [
        ("articles: corpus size", size / 1e6, "MB"),
        ("articles: files read", float(files), "files"),
        ("articles: documents", float(len(documents)), "documents"),
        ("articles: throughput", len(documents) / seconds, "documents/s"),
        ("articles: throughput (bytes)", size / 1e6 / seconds, "MB/s"),
    ]
