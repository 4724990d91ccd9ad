"""Throughput benchmark: ``newsevents analyze --jsonl`` over a corpus of realistic articles.

The corpus is built from the team's own texts (``examples/`` and the articles under
``tests/data/``): paragraphs are drawn with a fixed seed and joined into articles of 500 to 900
words, so every run measures the same input. The command runs as a child process, as a user would
run it; the report gives articles/s, words/s, the CPU seconds each article took (all processes
together: on a busy machine wall time says little, CPU time stays put), the largest process's
peak RSS, and the peak of all its processes' memory together (PSS, which counts pages that forked
workers share with their parent once).

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
import threading
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


def run(articles: list[dict], command: list[str], env: dict[str, str]) -> dict:
    """Wall and CPU seconds the command took over the corpus, its results and its memory."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as handle:
        for article in articles:
            handle.write(json.dumps(article) + "\n")
    cpu_before = os.times()
    started = time.perf_counter()
    with subprocess.Popen(
        [*command, handle.name], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as child:
        memory = MemoryWatch(child.pid)
        memory.start()
        stdout, stderr = child.communicate()
        memory.stop()
    elapsed = time.perf_counter() - started
    cpu_after = os.times()
    os.unlink(handle.name)
    if child.returncode != 0:
        sys.stderr.write(stderr[-2000:])
    cpu = (cpu_after.children_user - cpu_before.children_user) + (
        cpu_after.children_system - cpu_before.children_system
    )
    return {
        "seconds": elapsed,
        "cpu": cpu,
        "printed": sum(1 for line in stdout.splitlines() if line.strip()),
        "pss_mb": memory.peak_kb / 1024,
    }


class MemoryWatch(threading.Thread):
    """Samples the summed PSS of a process and its descendants, keeping the peak (Linux only)."""

    def __init__(self, pid: int, every: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.pid, self.every, self.peak_kb = pid, every, 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(self.every):
            self.peak_kb = max(self.peak_kb, sum(map(pss_kb, process_tree(self.pid))))

    def stop(self) -> None:
        self._done.set()
        self.join()


def process_tree(root: int) -> list[int]:
    """``root`` and every process below it."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    tree, grew = {root}, True
    while grew:
        below = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= below
        grew = bool(below)
    return sorted(tree)


def pss_kb(pid: int) -> int:
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    sizes = (int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:"))
    return next(sizes, 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--articles", type=int, default=2000)
    parser.add_argument("--n-process", type=int, default=2, help="worker processes")
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
    load_before = os.getloadavg()[0]
    result = run(articles, command, env)
    elapsed = result["seconds"]
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"articles        {len(articles)} ({result['printed']} results)")
    print(f"words           {words} ({words / len(articles):.0f} per article)")
    print(f"seconds         {elapsed:.1f} (model load included)")
    print(f"articles/s      {len(articles) / elapsed:.2f}")
    print(f"words/s         {words / elapsed:.0f}")
    print(f"CPU s/article   {result['cpu'] / len(articles):.3f} (all processes)")
    print(f"peak RSS (MB)   {peak_mb:.0f} (largest single process)")
    print(f"peak PSS (MB)   {result['pss_mb']:.0f} (all processes together)")
    print(f"load average    {load_before:.2f} before, {os.getloadavg()[0]:.2f} after")


if __name__ == "__main__":
    main()
