"""Typed records passed between the stages: read -> extract -> resolve -> graph.

Each stage consumes the records of the stage before it and nothing else, so these
dataclasses are the whole contract between modules. They are plain data: no I/O, no
references back into the stage that made them.

Offsets: every character offset (``Mention.start``/``end``) indexes into
:attr:`Paper.text`, which is the title, a blank line, then the abstract.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

EntityType = Literal["method", "dataset", "benchmark"]
Role = Literal["proposed", "used", "introduced"]

#: Separator between title and abstract in :attr:`Paper.text`.
TITLE_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True, order=True)
class Occurrence:
    """Where a paper was read from: the input file and the 1-based line its record starts on."""

    source: str
    line: int

    def __str__(self) -> str:
        return f"{self.source}:{self.line}"


@dataclass(slots=True)
class Paper:
    """One paper, as read from any input format.

    ``id`` is stable across runs: ``arxiv:<id>`` or ``doi:<doi>`` when the input has one,
    otherwise ``title:<sha1 of the normalised title, 16 hex>``.
    ``date`` is ISO 8601 (``YYYY-MM-DD``) when the full date is known; ``date_text`` keeps
    what the input said (for instance ``"Sep 25"``, a listing date with no year).
    """

    id: str
    title: str
    abstract: str
    date: str | None = None
    date_text: str | None = None
    authors: tuple[str, ...] = ()
    author_count: int | None = None
    upvotes: int | None = None
    organization: str | None = None
    url: str | None = None
    categories: tuple[str, ...] = ()
    occurrences: tuple[Occurrence, ...] = ()

    @property
    def text(self) -> str:
        """Title and abstract as one string; every mention offset indexes into it."""
        return f"{self.title}{TITLE_SEPARATOR}{self.abstract}"

    @property
    def abstract_offset(self) -> int:
        """Offset in :attr:`text` where the abstract starts."""
        return len(self.title) + len(TITLE_SEPARATOR)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict; empty optional fields are left out, occurrences as ``file:line``."""
        out: dict[str, Any] = {"id": self.id, "title": self.title, "abstract": self.abstract}
        optional: dict[str, Any] = {
            "date": self.date,
            "date_text": self.date_text,
            "authors": list(self.authors) or None,
            "author_count": self.author_count,
            "upvotes": self.upvotes,
            "organization": self.organization,
            "url": self.url,
            "categories": list(self.categories) or None,
        }
        out.update({k: v for k, v in optional.items() if v is not None})
        out["sources"] = [str(o) for o in self.occurrences]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Paper:
        """Inverse of :meth:`to_dict`."""
        occurrences = []
        for src in data.get("sources") or []:
            path, _, line = str(src).rpartition(":")
            occurrences.append(
                Occurrence(path, int(line)) if line.isdigit() else Occurrence(src, 0)
            )
        return cls(
            id=data["id"],
            title=data["title"],
            abstract=data["abstract"],
            date=data.get("date"),
            date_text=data.get("date_text"),
            authors=tuple(data.get("authors") or ()),
            author_count=data.get("author_count"),
            upvotes=data.get("upvotes"),
            organization=data.get("organization"),
            url=data.get("url"),
            categories=tuple(data.get("categories") or ()),
            occurrences=tuple(occurrences),
        )


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in a paper's text where an entity or URL was found, and why."""

    text: str
    start: int
    end: int
    sentence: str
    #: Index of the sentence in the paper's text (0 = the title); same index = same sentence.
    sentence_index: int
    #: Id of the pattern or rule that fired, e.g. ``"gazetteer.dataset"`` or ``"cue.we_propose"``.
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "sentence_index": self.sentence_index,
            "rule": self.rule,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        return cls(
            text=data["text"],
            start=int(data["start"]),
            end=int(data["end"]),
            sentence=data["sentence"],
            sentence_index=int(data.get("sentence_index", -1)),
            rule=data["rule"],
        )


@dataclass(frozen=True, slots=True)
class ExtractedEntity:
    """A named method, dataset or benchmark found in one paper.

    ``name`` is the form as written (the short/acronym form when both occur);
    ``aliases`` are the other surface forms in the same paper (e.g. an acronym's long form).
    ``role`` is ``proposed``/``used`` for methods, ``introduced``/``used`` for datasets and
    benchmarks.
    """

    name: str
    type: EntityType
    role: Role
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "role": self.role,
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass(frozen=True, slots=True)
class RepositoryRef:
    """A code/data/model repository URL found in a paper, normalised (``https://host/path``)."""

    url: str
    mentions: tuple[Mention, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"url": self.url, "mentions": [m.to_dict() for m in self.mentions]}


@dataclass(slots=True)
class PaperExtraction:
    """Everything the extractor found in one paper. Lists are in order of first mention."""

    paper: Paper
    methods: list[ExtractedEntity] = field(default_factory=list)
    datasets: list[ExtractedEntity] = field(default_factory=list)
    benchmarks: list[ExtractedEntity] = field(default_factory=list)
    repositories: list[RepositoryRef] = field(default_factory=list)
    #: Other URLs (project pages, videos, short links): kept as the paper's links.
    links: list[str] = field(default_factory=list)

    @property
    def entities(self) -> list[ExtractedEntity]:
        return [*self.methods, *self.datasets, *self.benchmarks]

    def to_dict(self) -> dict[str, Any]:
        """The ``kg extract`` JSONL line (also what ``../shared/eval/score.py`` reads)."""
        return {
            "id": self.paper.id,
            "title": self.paper.title,
            "methods": [e.to_dict() for e in self.methods],
            "datasets": [e.to_dict() for e in self.datasets],
            "benchmarks": [e.to_dict() for e in self.benchmarks],
            "repositories": [r.to_dict() for r in self.repositories],
            "links": list(self.links),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], paper: Paper | None = None) -> PaperExtraction:
        """Read a ``kg extract`` line back; ``paper`` supplies the full record when known."""
        if paper is None:
            paper = Paper(id=data["id"], title=data["title"], abstract="")

        def entities(key: str, type_: EntityType) -> list[ExtractedEntity]:
            return [
                ExtractedEntity(
                    name=e["name"],
                    type=type_,
                    role=e["role"],
                    aliases=tuple(e.get("aliases") or ()),
                    mentions=tuple(Mention.from_dict(m) for m in e.get("mentions") or ()),
                )
                for e in data.get(key) or ()
            ]

        return cls(
            paper=paper,
            methods=entities("methods", "method"),
            datasets=entities("datasets", "dataset"),
            benchmarks=entities("benchmarks", "benchmark"),
            repositories=[
                RepositoryRef(
                    r["url"], tuple(Mention.from_dict(m) for m in r.get("mentions") or ())
                )
                for r in data.get("repositories") or ()
            ],
            links=list(data.get("links") or ()),
        )


@dataclass(slots=True)
class QueryResult:
    """Rows of a Cypher query, from the embedded graph or a server: same shape either way."""

    columns: list[str]
    rows: list[list[Any]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]
