"""Train the events stage's sentence classifier from the team's labelled sentences.

    python scripts/train_events.py            # what `make train` runs
    python scripts/train_events.py --report   # print the out-of-fold table only, write nothing

Reads ``training/events/*.jsonl`` (``{"text", "types", "mode", ...}``, ``[]`` = no event), parses
every sentence with the project's own pipeline (clean .. attribution), and puts each in one of
five folds by a hash of its text. For each fold it fits, on the other four, one L2 logistic
regression per label and one per mode within its type (L-BFGS, full batch, one thread: the same
data gives the same weights); it scores rules alone, classifier alone and both combined out of
fold, and chooses the combination's thresholds on those predictions. The model written to
``src/newsevents/stages/events/classifier.json`` is then refit on all sentences with those
thresholds. Needs numpy and scipy (both in the lock file), which the library never imports.
"""

from __future__ import annotations

import os

# One thread everywhere, set before numpy loads: sums in a fixed order give the same weights.
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"

import argparse  # noqa: E402
import hashlib  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
from collections import Counter  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
from scipy import sparse  # noqa: E402
from scipy.optimize import minimize  # noqa: E402

from newsevents.document import Document  # noqa: E402
from newsevents.pipeline import Pipeline  # noqa: E402
from newsevents.settings import Settings  # noqa: E402
from newsevents.stages.events import EventsStage  # noqa: E402
from newsevents.stages.events.classifier import (  # noqa: E402
    MODEL_PATH,
    NONE,
    SentenceClassifier,
    sentence_features,
)
from newsevents.stages.events.combine import NOT_OCCURRED, Thresholds  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "training" / "events"
TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
STAGES_BEFORE_EVENTS = ["clean", "nlp", "dates", "places", "actors", "attribution"]
MIN_FEATURE_COUNT = 2  # a feature seen once is noise, and weight in the file
MIN_POSITIVES = 5  # a type with fewer examples gets no classifier column
FOLDS = 5
DECIMALS = 4
# Threshold candidates. Veto and add start at even odds: the classifier overrules the rules only
# where it finds its answer more likely than not (lower points won on a few hundred held-out
# sentences but vetoed real events in long news sentences, unlike the short training ones).
GRID = {
    "veto": (0.5, 0.6, 0.7, 0.8, 0.9, 1.01),
    "keep": (0.1, 0.2, 0.3),
    "add": (0.5, 0.6, 0.7, 0.8, 0.9, 1.01),
}

log = logging.getLogger("train_events")
Fold = tuple[SentenceClassifier, list["Example"]]


@dataclass
class Example:
    text: str
    types: frozenset[str]
    first_type: str | None  # the type the row's mode belongs to
    mode_label: str | None  # "TYPE/mode"
    doc: Document
    features: list[str]

    @property
    def fold(self) -> int:
        """The cross-validation fold, from a hash of the text: stable as the files grow."""
        return hashlib.sha256(self.text.encode("utf-8")).digest()[0] % FOLDS


def read_rows(folder: Path) -> list[dict]:
    """Every labelled sentence, first occurrence of a text only; bad lines are logged, skipped."""
    rows, seen = [], set()
    for path in sorted(folder.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                text, types, mode = row["text"].strip(), row["types"], row.get("mode")
            except (ValueError, KeyError, AttributeError) as exc:
                log.warning("%s:%d skipped: %s", path.name, number, exc)
                continue
            unknown = set(types) - set(TYPES)
            if unknown:
                log.warning("%s:%d skipped: unknown types %s", path.name, number, sorted(unknown))
                continue
            if text and text not in seen:
                seen.add(text)
                first = types[0] if types else None
                rows.append(
                    {
                        "text": text,
                        "types": frozenset(types),
                        "first_type": first,
                        "mode_label": f"{first}/{mode}" if first and mode else None,
                    }
                )
    return rows


def data_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.jsonl")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def annotate(rows: list[dict], settings: Settings) -> list[Example]:
    pipeline = Pipeline(settings, stages=STAGES_BEFORE_EVENTS)
    docs = pipeline.pipe(
        Document(source=f"train:{i}", raw=row["text"]) for i, row in enumerate(rows)
    )
    examples = []
    for row, doc in zip(rows, docs, strict=True):
        if doc.error is not None or doc.nlp is None:
            log.warning("skipped %r: %s", row["text"][:60], doc.error)
            continue
        examples.append(Example(**row, doc=doc, features=sentence_features(doc.nlp)))
    return examples


def _loss_and_gradient(params, X, y, sample_weight, l2):
    """Weighted binary logistic loss with an L2 penalty on the weights (not the bias), and its
    gradient."""
    weights, bias = params[:-1], params[-1]
    z = X @ weights + bias
    signed = np.where(y > 0, 1.0, -1.0)
    margin = signed * z
    loss = sample_weight @ np.logaddexp(0.0, -margin) + 0.5 * l2 * weights @ weights
    residual = -signed * sample_weight / (1.0 + np.exp(margin))
    gradient = np.append(X.T @ residual + l2 * weights, residual.sum())
    return loss, gradient


@dataclass
class Fitted:
    """Column labels, vocabulary and a (vocabulary + 1) x labels matrix (last row: the bias)."""

    labels: list[str]
    vocabulary: list[str]
    matrix: np.ndarray


def fit(examples: list[Example], l2: float, balance: float) -> tuple[Fitted, Fitted]:
    """The type columns over all sentences, and the mode columns ("ASSAULT/aerial"), each over
    the sentences of its type: a mode is only asked for once the type is known."""
    counts = Counter(f for e in examples for f in set(e.features))
    vocabulary = sorted(f for f, n in counts.items() if n >= MIN_FEATURE_COUNT)
    X = _design(examples, vocabulary)
    positives = Counter(t for e in examples for t in e.types)
    positives[NONE] = sum(1 for e in examples if not e.types)
    labels = [t for t in (*TYPES, NONE) if positives[t] >= MIN_POSITIVES]
    types = [(np.arange(len(examples)), [_has(e, label) for e in examples]) for label in labels]
    mode_counts = Counter(e.mode_label for e in examples if e.mode_label)
    modes = sorted(m for m, n in mode_counts.items() if n >= MIN_POSITIVES)
    by_type = [
        np.array([i for i, e in enumerate(examples) if e.first_type == m.split("/")[0]])
        for m in modes
    ]
    mode_targets = [
        (rows, [examples[i].mode_label == m for i in rows])
        for m, rows in zip(modes, by_type, strict=True)
    ]
    return (
        Fitted(labels, vocabulary, _fit_columns(X, types, l2, balance)),
        Fitted(modes, vocabulary, _fit_columns(X, mode_targets, l2, balance)),
    )


def _design(examples: list[Example], vocabulary: list[str]) -> sparse.csr_matrix:
    column = {f: i for i, f in enumerate(vocabulary)}
    rows, cols = [], []
    for i, example in enumerate(examples):
        present = sorted({column[f] for f in example.features if f in column})
        rows.extend([i] * len(present))
        cols.extend(present)
    return sparse.csr_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(len(examples), len(vocabulary))
    )


def _fit_columns(X, targets, l2: float, balance: float) -> np.ndarray:
    """One logistic regression per (rows, labels) target, over those rows of ``X``."""
    matrix = np.zeros((X.shape[1] + 1, len(targets)))
    for j, (rows, labels) in enumerate(targets):
        y = np.array(labels, dtype=float)
        # A label is rare among its rows: positives weigh (negatives / positives) ** balance,
        # so its probability is not held down by how rare it is in the set.
        sample_weight = np.where(y > 0, ((len(y) - y.sum()) / y.sum()) ** balance, 1.0)
        result = minimize(
            _loss_and_gradient,
            np.zeros(X.shape[1] + 1),
            args=(X[rows], y, sample_weight, l2),
            jac=True,
            method="L-BFGS-B",
            options={"maxiter": 500},
        )
        matrix[:, j] = result.x
    return matrix


def _has(example: Example, label: str) -> bool:
    return not example.types if label == NONE else label in example.types


def to_model(fitted: tuple[Fitted, Fitted], thresholds: dict[str, float]) -> dict:
    types, modes = fitted
    return {**_columns(types), "thresholds": thresholds, "modes": _columns(modes)}


def _columns(fitted: Fitted) -> dict:
    rounded = np.round(fitted.matrix, DECIMALS)
    weights = {
        feature: [float(w) for w in rounded[i]]
        for i, feature in enumerate(fitted.vocabulary)
        if np.any(rounded[i] != 0.0)
    }
    return {"labels": fitted.labels, "bias": [float(b) for b in rounded[-1]], "weights": weights}


def predicted_types(events) -> frozenset[str]:
    return frozenset(e.type for e in events if e.status not in NOT_OCCURRED)


def score(pairs: list[tuple[frozenset[str], frozenset[str]]]) -> dict[str, float]:
    """Macro-F1 over the types in gold or predictions, and the share of no-event sentences left
    empty: the shared scorer's definitions."""
    f1s = []
    for label in TYPES:
        tp = sum(1 for g, p in pairs if label in g and label in p)
        fp = sum(1 for g, p in pairs if label not in g and label in p)
        fn = sum(1 for g, p in pairs if label in g and label not in p)
        if tp + fp + fn:
            f1s.append(2 * tp / (2 * tp + fp + fn))
    empty = [p for g, p in pairs if not g]
    return {
        "macro_f1": round(sum(f1s) / len(f1s), 3) if f1s else 0.0,
        "none_accuracy": round(sum(1 for p in empty if not p) / len(empty), 3) if empty else 0.0,
        "n": len(pairs),
    }


def cross_fit(examples: list[Example], l2: float, balance: float) -> list[Fold]:
    """One model per fold, fitted on the other folds, with the fold's sentences to score."""
    return [
        (
            SentenceClassifier.from_json(
                to_model(fit([e for e in examples if e.fold != k], l2, balance), {})
            ),
            [e for e in examples if e.fold == k],
        )
        for k in range(FOLDS)
    ]


def evaluate(folds: list[Fold], thresholds: Thresholds | None) -> dict[str, float]:
    """The stage's out-of-fold scores: rules alone when ``thresholds`` is None, else combined."""
    pairs, modes = [], []
    for model, examples in folds:
        stage = EventsStage() if thresholds is None else EventsStage(model, thresholds)
        for example in examples:
            events = stage(example.doc).events
            pairs.append((example.types, predicted_types(events)))
            if example.mode_label:
                found = {f"{e.type}/{e.mode}" for e in events if e.type == example.first_type}
                modes.append(example.mode_label in found)
    return {**score(pairs), "mode_accuracy": round(sum(modes) / len(modes), 3) if modes else 0.0}


def classifier_only(folds: list[Fold], add: float) -> dict[str, float]:
    pairs = []
    for model, examples in folds:
        for example in examples:
            found = set()
            for sentence in example.doc.nlp.sents:
                probabilities = model.predict(sentence)
                found |= {k for k, p in probabilities.items() if k != NONE and p >= add}
            pairs.append((example.types, frozenset(found)))
    return score(pairs)


def choose_thresholds(folds: list[Fold]) -> dict[str, float]:
    """The grid point with the best out-of-fold macro-F1 among those that leave at least 80% of
    the no-event sentences empty (else the best sum of both)."""

    def objective(values: dict[str, float]) -> tuple[bool, float]:
        result = evaluate(folds, Thresholds.from_mapping(values))
        meets = result["none_accuracy"] >= 0.8
        return meets, result["macro_f1"] + (0 if meets else result["none_accuracy"])

    grid = [dict(zip(GRID, point, strict=True)) for point in itertools.product(*GRID.values())]
    return max(grid, key=objective)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--l2", type=float, default=0.1)
    parser.add_argument("--balance", type=float, default=1.0)
    parser.add_argument("--report", action="store_true", help="score only; write no model")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    examples = annotate(read_rows(args.data), Settings())
    log.info("%d sentences in %d folds", len(examples), FOLDS)
    folds = cross_fit(examples, args.l2, args.balance)
    thresholds = choose_thresholds(folds)
    report = {
        "rules": evaluate(folds, None),
        "classifier": max(
            (classifier_only(folds, add) for add in GRID["add"]),
            key=lambda result: result["macro_f1"] + result["none_accuracy"],
        ),
        "combined": evaluate(folds, Thresholds.from_mapping(thresholds)),
    }
    log.info("thresholds %s", thresholds)
    for name, result in report.items():
        log.info("out of fold, %-10s %s", name, result)
    if args.report:
        return

    final = to_model(fit(examples, args.l2, args.balance), thresholds)
    final["provenance"] = {
        "data_sha256": data_hash(args.data),
        "sentences": len(examples),
        "out_of_fold": report,
        "l2": args.l2,
        "balance": args.balance,
    }
    text = json.dumps(final, sort_keys=True, separators=(",", ":")) + "\n"
    args.out.write_text(text, encoding="utf-8")
    log.info(
        "wrote %s: %d features, %d bytes, sha256 %s",
        args.out,
        len(final["weights"]),
        len(text.encode()),
        hashlib.sha256(text.encode()).hexdigest(),
    )


if __name__ == "__main__":
    main()
