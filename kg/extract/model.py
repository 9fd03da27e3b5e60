"""The extractor's evidence model: a candidate name and the evidence the rules attach to it.

A :class:`Candidate` is a token span of one paper that some source found (a name-shaped
token, a gazetteer name, an acronym definition, the title's name, a name a cue points at), its
surface forms (aliases the text gives it) and a list of :class:`Evidence` items, each saying
*what* a rule found (``kind``), *which* rule (``rule_id``) and the value. Nothing else is
state: whether a candidate is proposed, of which type, in doubt, ... are read from the list
(the properties below), so every fact can be traced to the rule that stated it, and
:func:`kg.extract.decide.decide` explains its decision by the items it used.

Evidence kinds (``KINDS``) and how several items of one kind combine:

- ``fired``: a rule that fired on this mention; the mention's ``rule`` lists them, in order.
- ``proposes`` (``strong`` or ``weak``): the paper proposes or introduces it; a strong item
  ("we propose X", a title name) holds even when a list knows the name.
- ``type`` (method, dataset, benchmark, evaluation): a cue or the text's word; all count.
- ``defines_type``: the text says what it is ("X, a new dataset"); the last one holds.
- ``known`` / ``listed``: a strong list name's type / any list name's type; the first holds.
- ``variant_of``: the type of a known name this one extends ("ImageNet-1K"); a hint only.
- ``ambiguous``, ``doubt`` (true or false): a weak list name / a name that needs a cue
  before it counts (a task's acronym); the last item holds (a later rule can clear it).
- ``form`` (``short`` or ``long``): the short or long form of an acronym definition.
- ``needs_acronym``, ``lower_definition``, ``used``, ``owned``: a title phrase that counts only
  with an acronym or repetition, a lower-case acronym definition, a used-cue, an
  "our X" cue that owns an acronym's definition.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["KINDS", "Candidate", "Decision", "Evidence"]

FIRED = "fired"
PROPOSES = "proposes"
TYPE = "type"
DEFINES_TYPE = "defines_type"
KNOWN = "known"
LISTED = "listed"
VARIANT_OF = "variant_of"
AMBIGUOUS = "ambiguous"
DOUBT = "doubt"
FORM = "form"
NEEDS_ACRONYM = "needs_acronym"
LOWER_DEFINITION = "lower_definition"
USED = "used"
OWNED = "owned"

#: Every evidence kind and what an item of it says.
KINDS = {
    FIRED: "a rule that fired on this mention (listed in the mention's rule)",
    PROPOSES: "the paper proposes it: 'strong' holds even if a list knows the name",
    TYPE: "a cue's or the text's type for it (method, dataset, benchmark, evaluation)",
    DEFINES_TYPE: "the text says what it is ('X, a new dataset'); the last holds",
    KNOWN: "a strong list name, of this type; the first holds",
    LISTED: "a list name (strong or weak), of this type; the first holds",
    VARIANT_OF: "extends a known name of this type ('ImageNet-1K'): a typing hint",
    AMBIGUOUS: "a weak list name ('Places'): true or false, the last holds",
    DOUBT: "needs a cue before it counts: true or false, the last holds",
    FORM: "'short' or 'long' form of an acronym definition",
    NEEDS_ACRONYM: "a title phrase that counts only if the abstract defines or repeats it",
    LOWER_DEFINITION: "defined by a lower-case long form (a description unless a cue names it)",
    USED: "a cue says the paper uses it",
    OWNED: "an 'our X' cue: an acronym defined for it is the paper's own",
}

#: Kinds that a candidate found again on the same span passes on to the one kept.
_POOLED = frozenset([FIRED, PROPOSES, KNOWN, LISTED, LOWER_DEFINITION])


@dataclass(frozen=True, slots=True)
class Evidence:
    """One fact about a candidate: what (``kind``), which rule said it, and its value."""

    kind: str
    rule_id: str
    value: Any = True


@dataclass(slots=True)
class Candidate:
    """A span ``[start, end)`` of tokens that ``rule`` found, with the evidence about it.

    ``aliases`` are other surface forms the text gives it (an acronym's long form);
    ``same_as`` are names it is known to stand for that the text does not write (a list long
    form's acronym), used to group mentions and never output. ``priority`` breaks ties between
    overlapping candidates of one length.

    Evidence is attached with :meth:`add` or :meth:`attach`, never by appending to
    ``evidence``: each item is also filed under its kind, so that the properties below (read
    thousands of times a paper) look up one kind instead of scanning every item.
    """

    start: int
    end: int
    rule: str
    priority: int
    evidence: list[Evidence] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    same_as: list[str] = field(default_factory=list)
    #: The values of ``evidence`` by kind, in order (derived: kept in step by attach()).
    _values: dict[str, list[Any]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        for item in self.evidence:
            self._values.setdefault(item.kind, []).append(item.value)

    def add(self, kind: str, rule_id: str, value: Any = True) -> None:
        """Attach one item of evidence."""
        self.evidence.append(Evidence(kind, rule_id, value))
        values = self._values.get(kind)
        if values is None:
            self._values[kind] = [value]
        else:
            values.append(value)

    def attach(self, item: Evidence) -> None:
        """Attach one item of evidence made elsewhere (a cue's finding, a pooled item)."""
        self.evidence.append(item)
        values = self._values.get(item.kind)
        if values is None:
            self._values[item.kind] = [item.value]
        else:
            values.append(item.value)

    def _first(self, kind: str) -> Any:
        values = self._values.get(kind)
        return values[0] if values else None

    def _last(self, kind: str) -> Any:
        values = self._values.get(kind)
        return values[-1] if values else None

    def _has(self, kind: str, value: Any = True) -> bool:
        values = self._values.get(kind)
        return values is not None and value in values

    @property
    def cues(self) -> list[str]:
        """The rules that fired on this mention, in order."""
        return [item.rule_id for item in self.evidence if item.kind == FIRED]

    @property
    def proposed(self) -> bool:
        return PROPOSES in self._values

    @property
    def strong_proposed(self) -> bool:
        values = self._values.get(PROPOSES)
        return values is not None and "strong" in values

    @property
    def types(self) -> list[str]:
        return list(self._values.get(TYPE, ()))

    @property
    def defined_type(self) -> str | None:
        values = self._values.get(DEFINES_TYPE)
        return values[-1] if values else None

    @property
    def known_type(self) -> str | None:
        values = self._values.get(KNOWN)
        return values[0] if values else None

    @property
    def weak_type(self) -> str | None:
        values = self._values.get(LISTED)
        return values[0] if values else None

    @property
    def variant_type(self) -> str | None:
        return self._last(VARIANT_OF)

    @property
    def weak(self) -> bool:
        return bool(self._last(AMBIGUOUS))

    @property
    def needs_evidence(self) -> bool:
        return bool(self._last(DOUBT))

    @property
    def is_short_form(self) -> bool:
        values = self._values.get(FORM)
        return values is not None and "short" in values

    @property
    def is_long_form(self) -> bool:
        values = self._values.get(FORM)
        return values is not None and "long" in values

    @property
    def needs_acronym(self) -> bool:
        return self._has(NEEDS_ACRONYM)

    @property
    def lower_definition(self) -> bool:
        return self._has(LOWER_DEFINITION)

    @property
    def used_cue(self) -> bool:
        return self._has(USED)

    @property
    def owned_cue(self) -> bool:
        return self._has(OWNED)

    def absorb(self, other: Candidate) -> None:
        """The same span found twice (shape + gazetteer): pool what each knows.

        Rules fired, proposals, list types and lower-case definitions pool; a short form
        stays one; a weak list name found by another source too is no longer ambiguous; a
        short form whose definition names a task stays in doubt until a cue says otherwise.
        Types, long forms and the rest stay the kept candidate's own.
        """
        doubt = (self.needs_evidence and other.needs_evidence) or any(
            c.is_short_form and c.needs_evidence for c in (self, other)
        )
        ambiguous = self.weak and other.weak
        for item in other.evidence:
            if item.kind in _POOLED or (item.kind == FORM and item.value == "short"):
                self.attach(item)
        if doubt != self.needs_evidence:
            self.add(DOUBT, other.rule, doubt)
        if ambiguous != self.weak:
            self.add(AMBIGUOUS, other.rule, ambiguous)
        self.aliases.extend(other.aliases)
        self.same_as.extend(other.same_as)


@dataclass(frozen=True, slots=True)
class Decision:
    """What :func:`kg.extract.decide.decide` made of a group of mentions of one name.

    ``keep`` False drops it; ``reason`` is the id of the rule that decided (the drop rule, or
    for a kept one the rules that chose its type and its role); ``evidence`` the items those
    rules read; ``mentions`` the candidates kept as the entity's mentions.
    """

    keep: bool
    reason: str
    type: str | None = None
    role: str | None = None
    mentions: Sequence[Candidate] = ()
    #: The evidence kinds the deciding rule read (``evidence`` is found when asked for: only
    #: an explanation needs it).
    kinds: tuple[str, ...] = ()

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        """The items of the decided mentions that the deciding rule read."""
        return tuple(e for c in self.mentions for e in c.evidence if e.kind in self.kinds)
