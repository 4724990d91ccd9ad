"""Throughput benchmark: ``newsevents analyze --jsonl`` over a corpus of realistic articles.

The corpus is built from the team's own texts (``examples/`` and the articles under
``tests/data/``): paragraphs are drawn with a fixed seed and joined into articles of 500 to 900
words, so every run measures the same input. The command runs as a child process, as a user would
run it; the report gives articles/s, words/s and the child's peak RSS.

    python bench/run.py                 # 2,000 articles, the default settings
    python bench/run.py -n 200 --n-process 2
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "examples", ROOT / "tests" / "data"]


def paragraphs() -> list[str]:
    """Every paragraph of the team's plain-text articles, title lines left out."""
    found = []
    for folder in SOURCES:
        for path in sorted(folder.rglob("*.txt")):
            parts = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n")]
            found.extend(p for p in parts[1:] if len(p.split()) >= 12)
    return found


def corpus(count: int, seed: int = 13) -> list[dict]:
    """``count`` articles of 500-900 words, the same ones for the same seed."""
    rng = random.Random(seed)
    pool = paragraphs()
    articles = []
    for number in range(count):
        target = rng.randint(500, 900)
        body: list[str] = []
        while sum(len(p.split()) for p in body) < target:
            body.append(rng.choice(pool))
        articles.append({"id": f"bench-{number}", "text": "\n\n".join(body)})
    return articles


def run(articles: list[dict], command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Seconds the command took over the corpus, and how many results it printed."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as handle:
        for article in articles:
            handle.write(json.dumps(article) + "\n")
    started = time.perf_counter()
    result = subprocess.run(
        [*command, handle.name], env=env, capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - started
    os.unlink(handle.name)
    if result.returncode != 0:
        sys.stderr.write(result.stderr[-2000:])
    return elapsed, sum(1 for line in result.stdout.splitlines() if line.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--articles", type=int, default=2000)
    parser.add_argument("--n-process", type=int, default=2, help="spaCy worker processes")
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()

    articles = corpus(args.articles)
    words = sum(len(a["text"].split()) for a in articles)
    env = dict(
        os.environ,
        NEWSEVENTS_N_PROCESS=str(args.n_process),
        NEWSEVENTS_BATCH_SIZE=str(args.batch_size),
    )
    command = [str(Path(sys.executable).parent / "newsevents"), "analyze", "--jsonl"]
    elapsed, printed = run(articles, command, env)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"articles        {len(articles)} ({printed} results)")
    print(f"words           {words} ({words / len(articles):.0f} per article)")
    print(f"seconds         {elapsed:.1f} (model load included)")
    print(f"articles/s      {len(articles) / elapsed:.2f}")
    print(f"words/s         {words / elapsed:.0f}")
    print(f"peak RSS (MB)   {peak_mb:.0f} (largest single process)")


if __name__ == "__main__":
    main()
