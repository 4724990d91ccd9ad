"""Analysing articles for the web app: one shared pipeline, and batches run in the background.

The pipeline (and its spaCy model) is built on first use, so the server starts at once and read-only
use never loads the model. One lock serialises the pipeline: spaCy pipelines are not meant to be
shared between threads, and one worker keeps a small machine responsive.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from ..document import Document
from ..errors import InputError, StoreError
from ..pipeline import Pipeline
from ..runner import analyze_documents
from ..store import SaveResult, Store

log = logging.getLogger(__name__)

MAX_JOBS_KEPT = 100  # finished jobs are forgotten oldest first beyond this


class Analyzer:
    """A lazily built pipeline behind a lock."""

    def __init__(self, build: Callable[[], Pipeline]) -> None:
        self._build = build
        self._pipeline: Pipeline | None = None
        self._lock = threading.Lock()

    def analyze(self, item: Document | InputError) -> Document:
        """The analysed document, or one that carries the input's error."""
        with self._lock:
            if self._pipeline is None:
                self._pipeline = self._build()
            return next(analyze_documents([item], self._pipeline))

    @property
    def stage_names(self) -> list[str]:
        return self._pipeline.stage_names if self._pipeline else []


@dataclass
class Job:
    """A batch being analysed and stored; what the progress page polls."""

    id: str
    total: int
    state: str = "queued"  # queued | running | done | failed
    done: int = 0
    stored: int = 0
    unchanged: int = 0
    events: int = 0
    failures: list[str] = field(default_factory=list)
    articles: list[dict[str, str]] = field(default_factory=list)  # id and title of each stored

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "href": f"/api/jobs/{self.id}",
            "state": self.state,
            "total": self.total,
            "done": self.done,
            "stored": self.stored,
            "unchanged": self.unchanged,
            "events": self.events,
            "failures": list(self.failures),
            "articles": list(self.articles),
        }


class Jobs:
    """Batches queued on one background worker."""

    def __init__(self, analyzer: Analyzer, store: Store) -> None:
        self.analyzer = analyzer
        self.store = store
        self._jobs: dict[str, Job] = {}
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsevents-batch")

    def submit(self, items: list[Document | InputError]) -> Job:
        job = Job(id=uuid.uuid4().hex[:12], total=len(items))
        self._forget_old()
        self._jobs[job.id] = job
        self._worker.submit(self._run, job, items)
        return job

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def shutdown(self) -> None:
        self._worker.shutdown(wait=False, cancel_futures=True)

    def _run(self, job: Job, items: Iterable[Document | InputError]) -> None:
        job.state = "running"
        try:
            for item in items:
                self._one(job, item)
                job.done += 1
        except Exception:  # a bug in a stage: the job says so instead of hanging at "running"
            log.exception("batch %s failed", job.id)
            job.state = "failed"
            return
        job.state = "done"

    def _one(self, job: Job, item: Document | InputError) -> None:
        doc = self.analyzer.analyze(item)
        if doc.error is not None:
            job.failures.append(doc.error)
            return
        try:
            result = self.store.save(doc, stages=self.analyzer.stage_names)
        except StoreError as exc:
            job.failures.append(str(exc))
            return
        if result is SaveResult.UNCHANGED:
            job.unchanged += 1
        else:
            job.stored += 1
            job.events += len(doc.events)
        job.articles.append({"id": doc.id, "title": doc.title or doc.source})

    def _forget_old(self) -> None:
        finished = [j for j in self._jobs.values() if j.state in ("done", "failed")]
        for job in finished[: max(0, len(self._jobs) - MAX_JOBS_KEPT + 1)]:
            del self._jobs[job.id]
