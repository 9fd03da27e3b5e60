"""Corpus-wide entity resolution: surface forms -> canonical entities.

The extractor reports, per paper, entities as written (``name``, ``aliases``, mention texts).
This module decides which of those strings name the same thing across the whole corpus:

* :func:`kg.names.canonical_key` folds case, spaces, hyphens and punctuation (``"MS-COCO"``
  and ``"ms coco"`` -> ``"mscoco"``).
* Acronym <-> long-form pairs (``CAE`` / ``context autoencoder``) are learned from every
  paper's aliases and applied everywhere. An acronym seen with two different long forms in
  the corpus is *ambiguous*: each (acronym, long form) pair becomes its own entity (a
  "sense"), and a bare mention goes to a sense only when its own paper gives that long form.
  This is the one-sense-per-discourse heuristic (Gale, Church & Yarowsky, 1992) applied to
  abbreviations, whose definitions are found the way Schwartz & Hearst (PSB 2003) find them.
* Other aliases in one paper (``MSCOCO`` / ``COCO``) are synonyms; synonyms are merged with a
  union-find over canonical keys, corpus-wide.
* Size/version variants (``ResNet-50``, ``BERT-Base``, ``LLaMA-2-7B``) are never merged into
  their base: :func:`variant_base` parses them and the graph links them with ``VARIANT_OF``.
* Datasets and benchmarks share one namespace; an entity's label is the majority of the types
  the papers gave it (ties go to Dataset, the guidelines' choice), alternatives recorded.
* One name is one entity across methods and data too: when some papers call a name a method
  and others a dataset or benchmark (an extractor's typing slip, or a model that is also an
  evaluation target), the two nodes merge into the side more papers chose (ties go to the data
  side), and the minority types are recorded in ``type_alternatives``.

Everything here is a pure function of the *set* of papers seen, so the result does not
depend on input order. Ids are ``entity:<canonical>`` whatever the label: a label decided by
votes can change as papers are added, an id must not (:func:`kg.names.entity_id`).

>>> variant_base("LLaMA-2-7B")
('LLaMA-2', 'variant.size')
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from kg.errors import InputError
from kg.names import canonical_key, entity_id, is_long_form
from kg.records import ExtractedEntity
from kg.unionfind import UnionFind

__all__ = [
    "EntityNode",
    "Resolution",
    "Resolver",
    "load_synonyms",
    "variant_base",
]

#: Entity groups: methods, and datasets+benchmarks (one namespace, type by majority).
METHOD_GROUP = "method"
DATA_GROUP = "data"

_GROUP_OF_TYPE = {"method": METHOD_GROUP, "dataset": DATA_GROUP, "benchmark": DATA_GROUP}
_LABEL_OF_TYPE = {"method": "Method", "dataset": "Dataset", "benchmark": "Benchmark"}
#: Tie-break order for the majority label: the guidelines prefer Dataset when torn.
_LABEL_PREFERENCE = {"Dataset": 0, "Benchmark": 1, "Method": 2}


# Variant suffixes, as data: (rule id, regex for the last token). Order matters: first match.
_SIZE_WORDS = (
    "base|large|small|tiny|huge|giant|medium|mini|nano|micro|xl|xxl|xs|s|b|l|h|t|m|g"
)
_VARIANT_TOKEN_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("variant.size", re.compile(r"\d+(?:\.\d+)?[bmkt]", re.IGNORECASE)),
    ("variant.size", re.compile(rf"(?:{_SIZE_WORDS})", re.IGNORECASE)),
    ("variant.size", re.compile(r"[bslh]\d+", re.IGNORECASE)),
    ("variant.version", re.compile(r"v\d+(?:\.\d+)*", re.IGNORECASE)),
    ("variant.version", re.compile(r"\d+(?:\.\d+)*[a-z]?", re.IGNORECASE)),
)
#: A separated suffix: ``base`` + one of ``- _ / space`` + token.
_SEPARATED = re.compile(r"^(?P<base>.*?[^\W_])[-_/ ]+(?P<token>[^-_/ ]+)$")
#: An attached numeric suffix after a letter-only word of 3+ letters (ResNet50, YOLOv8, GPT2).
_ATTACHED = re.compile(r"^(?P<base>.*[^\W\d_]{3,})(?P<token>v?\d+(?:\.\d+)*)$", re.IGNORECASE)


def variant_base(name: str) -> tuple[str, str] | None:
    """The base name of a size/version variant and the rule that matched, or ``None``.

    Peels one suffix: ``ResNet-50`` -> ``ResNet``; ``LLaMA-2-7B`` -> ``LLaMA-2`` (apply again
    for ``LLaMA``); ``ResNet50`` -> ``ResNet``; ``GPT-4o`` -> ``GPT``; ``ViT-B/16`` -> ``ViT-B``.
    The base must keep at least two letters, so ``T5`` or ``R-CNN`` are not variants.

    >>> variant_base("MAFormer-L")
    ('MAFormer', 'variant.size')
    >>> variant_base("R-CNN") is None
    True
    """
    name = name.strip()
    match = _SEPARATED.match(name)
    if match:
        token = match["token"]
        for rule, pattern in _VARIANT_TOKEN_RULES:
            if pattern.fullmatch(token):
                return _checked_base(match["base"], rule)
    match = _ATTACHED.match(name)
    if match:
        base = match["base"]
        # "YOLOv8", "MobileNetV3": the greedy letters took the version marker "v"; give it back.
        if base[-1] in "vV" and len(base) > 3:
            base = base[:-1]
        # "SpeechT5", "FLAN-T5": a capital letter + digits is a name of its own (T5), not a size.
        elif base[-1].isupper() and base[-2].islower():
            return None
        return _checked_base(base, "variant.version")
    return None


def _checked_base(base: str, rule: str) -> tuple[str, str] | None:
    # A base with fewer than two letters is not a name ("T" of T5, "3" of 3-D).
    if sum(ch.isalpha() for ch in base) < 2:
        return None
    return base.strip(), rule


def _variant_chain(name: str) -> list[tuple[str, str]]:
    """Every (base, rule) reached by peeling suffixes repeatedly: LLaMA-2-7B -> LLaMA-2 -> LLaMA."""
    chain = []
    current = name
    while (step := variant_base(current)) is not None:
        chain.append(step)
        current = step[0]
    return chain


@dataclass(slots=True)
class EntityNode:
    """One resolved entity: everything the graph needs to make its node."""

    id: str
    label: str
    canonical: str
    name: str
    aliases: list[str]
    type_alternatives: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Resolution:
    """The corpus-wide decision: which node each (entity record, mention text) goes to."""

    nodes: dict[str, EntityNode]
    #: (group, key) -> node id, for keys that are not ambiguous acronyms.
    by_key: dict[tuple[str, str], str]
    #: (group, acronym key, long-form key) -> node id of that sense.
    senses: dict[tuple[str, str, str], str]
    #: variant node id -> (base node id, rule)
    variants: dict[str, tuple[str, str]]

    def node_for(self, type_: str, text: str, context: Iterable[str] = ()) -> str | None:
        """Node id for a mention ``text`` of an entity of ``type_`` whose paper gave the
        long forms ``context`` (canonical keys); ``None`` if the text was never seen."""
        group = _GROUP_OF_TYPE[type_]
        key = canonical_key(text)
        for long_key in sorted(context):
            sense = self.senses.get((group, key, long_key))
            if sense is not None:
                return sense
        return self.by_key.get((group, key))


class Resolver:
    """Collect entity records from every paper, then :meth:`resolve` them all at once.

    >>> from kg.records import ExtractedEntity
    >>> r = Resolver()
    >>> r.add("p1", [ExtractedEntity("CAE", "method", "proposed", ("context autoencoder",))])
    >>> r.add("p2", [ExtractedEntity("Context AutoEncoder", "method", "used")])
    >>> sorted(r.resolve().nodes)
    ['entity:cae']
    """

    def __init__(self, *, synonyms: Iterable[tuple[str, Sequence[str]]] | None = None) -> None:
        """``synonyms``: ``(type, names)`` pairs known before any paper (default: the shipped
        ``kg/data/synonyms.jsonl``, see :func:`load_synonyms`; ``()`` for none)."""
        # Counts only: memory is O(distinct surface forms), not O(papers).
        self._surface_counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        self._acronym_longs: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._long_signatures: dict[tuple[str, str], set[tuple[str, ...]]] = defaultdict(set)
        self._synonyms: set[tuple[str, str, str]] = set()
        # (group, key) -> label -> number of papers giving that type
        self._label_votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        self._seen_keys: set[tuple[str, str]] = set()
        self._seed_forms: dict[tuple[str, str], set[str]] = defaultdict(set)
        for type_, names in load_synonyms() if synonyms is None else synonyms:
            group = _GROUP_OF_TYPE[type_]
            for form in names:
                self._seed_forms[(group, canonical_key(form))].add(form)
            # Learned exactly like one paper's aliases, but they are not mentions: they add no
            # surface form, vote or node by themselves.
            self._learn_pairs(group, names[0], tuple(names))

    def add(self, paper_id: str, entities: Iterable[ExtractedEntity]) -> None:
        """Record one paper's entities (call once per paper)."""
        votes: dict[tuple[str, str], str] = {}
        for entity in entities:
            group = _GROUP_OF_TYPE[entity.type]
            label = _LABEL_OF_TYPE[entity.type]
            forms = _forms(entity)
            for form in forms:
                key = canonical_key(form)
                if not key:
                    continue
                self._surface_counts[(group, key)][form] += 1
                self._seen_keys.add((group, key))
                votes.setdefault((group, key), label)
            self._learn_pairs(group, entity.name, forms)
        for gk, label in votes.items():
            self._label_votes[gk][label] += 1

    def merge(self, other: Resolver) -> Resolver:
        """Add everything ``other`` has collected to this resolver (and return it): resolvers
        filled from disjoint sets of papers (one per Spark partition, made with
        ``synonyms=()``), merged into one, resolve exactly as one resolver fed every paper."""
        for gk, counts in other._surface_counts.items():
            self._surface_counts[gk].update(counts)
        for gk, longs in other._acronym_longs.items():
            self._acronym_longs[gk].update(longs)
        for gk, signatures in other._long_signatures.items():
            self._long_signatures[gk].update(signatures)
        self._synonyms.update(other._synonyms)
        for gk, votes in other._label_votes.items():
            self._label_votes[gk].update(votes)
        self._seen_keys.update(other._seen_keys)
        for gk, forms in other._seed_forms.items():
            self._seed_forms[gk].update(forms)
        return self

    def _learn_pairs(self, group: str, name: str, forms: tuple[str, ...]) -> None:
        name_key = canonical_key(name)
        shorts = [f for f in forms if not is_long_form(f)]
        longs = [f for f in forms if is_long_form(f)]
        # A size/version variant written next to its base (MAFormer-L beside MAFormer) is not
        # another spelling of the base's long form.
        plain = [f for f in shorts if f == name or not _related_variants(name, f)]
        for short in plain:
            s_key = canonical_key(short)
            for long in longs:
                l_key = canonical_key(long)
                if not s_key or not l_key or s_key == l_key:
                    continue
                if s_key in l_key:
                    # "COCO" / "Microsoft COCO": a longer spelling, not an expansion.
                    self._synonyms.add(_pair(group, s_key, l_key))
                else:
                    self._acronym_longs[(group, s_key)].add(l_key)
                    self._long_signatures[(group, l_key)].add(_signature(long))
        # Short spellings of one record are synonyms of its name, unless one is a size/version
        # variant of the other (MAFormer-L stays its own node).
        for short in shorts:
            key = canonical_key(short)
            if key and name_key and key != name_key and not _related_variants(name, short):
                self._synonyms.add(_pair(group, name_key, key))
        if not shorts:
            for long in longs[1:]:
                l_key = canonical_key(long)
                if l_key and name_key and l_key != name_key:
                    self._synonyms.add(_pair(group, name_key, l_key))

    def _senses(self) -> dict[tuple[str, str], list[list[str]]]:
        """Long forms of each acronym grouped into senses.

        Two long forms are one sense when one's key contains the other's ("Low-Rank Adaptation"
        / "low rank adaptation of LLMs") or their content words agree (:func:`_same_expansion`:
        "Low-Rank Adapters", "Vision Transformer models"). Word initials cannot tell senses
        apart (every real expansion of CAE spells C-A-E), so they are not used. An acronym
        with two or more senses is ambiguous.
        """
        out = {}
        for (group, s_key), longs in self._acronym_longs.items():
            uf: UnionFind[str] = UnionFind()
            ordered = sorted(longs)
            for i, a in enumerate(ordered):
                uf.add(a)
                for b in ordered[i + 1:]:
                    if a in b or b in a or any(
                        _same_expansion(x, y)
                        for x in self._long_signatures[(group, a)]
                        for y in self._long_signatures[(group, b)]
                    ):
                        uf.union(a, b)
            clusters: dict[object, list[str]] = defaultdict(list)
            for long in ordered:
                clusters[uf.find(long)].append(long)
            out[(group, s_key)] = sorted(clusters.values())
        return out

    def resolve(self) -> Resolution:
        """Decide every entity: merge synonyms, split ambiguous acronyms, link variants."""
        senses_of = self._senses()
        ambiguous = {gk for gk, clusters in senses_of.items() if len(clusters) > 1}
        uf: UnionFind[tuple[str, ...]] = UnionFind()
        for gk in self._seen_keys:
            uf.add(gk)
        for group, a, b in self._synonyms:
            if (group, a) in ambiguous or (group, b) in ambiguous:
                continue  # an ambiguous acronym is never merged wholesale
            uf.union((group, a), (group, b))
        for (group, s_key), clusters in senses_of.items():
            for cluster in clusters:
                # An ambiguous acronym gets one "sense" item per cluster of long forms.
                anchor = (("sense", group, s_key, cluster[0]) if (group, s_key) in ambiguous
                          else (group, s_key))
                for l_key in cluster:
                    uf.union(anchor, (group, l_key))

        # One name is one entity across methods and data (the label is then voted below).
        for group, key in sorted(self._seen_keys):
            if group == METHOD_GROUP and (DATA_GROUP, key) in self._seen_keys and not (
                    (METHOD_GROUP, key) in ambiguous or (DATA_GROUP, key) in ambiguous):
                uf.union((METHOD_GROUP, key), (DATA_GROUP, key))

        components: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
        for item in list(uf.parent):
            components[uf.find(item)].append(item)

        nodes: dict[str, EntityNode] = {}
        by_key: dict[tuple[str, str], str] = {}
        for members in sorted(components.values(), key=lambda m: sorted(map(str, m))):
            if not any((m[0], m[1]) in self._seen_keys for m in members if m[0] != "sense"):
                continue  # only known synonyms that no paper used
            node = self._make_node(members)
            nodes[node.id] = node
            for member in members:
                if member[0] != "sense":
                    by_key[(member[0], member[1])] = node.id
        senses = {
            (group, s_key, l_key): by_key[(group, l_key)]
            for (group, s_key) in ambiguous
            for cluster in senses_of[(group, s_key)]
            for l_key in cluster
            if (group, l_key) in by_key
        }
        variants = self._link_variants(nodes, by_key)
        return Resolution(nodes=nodes, by_key=by_key, senses=senses, variants=variants)

    def _make_node(self, members: list[tuple[str, ...]]) -> EntityNode:
        keys = sorted(m for m in members if m[0] != "sense")
        sense = sorted(m for m in members if m[0] == "sense")
        group = (keys[0] if keys else sense[0][1:])[0]
        surfaces: Counter[str] = Counter()
        votes: Counter[str] = Counter()
        for member in keys:
            gk = (member[0], member[1])
            surfaces.update(self._surface_counts.get(gk, Counter()))
            votes.update(self._label_votes.get(gk, Counter()))
        if sense:
            _, _, acronym, long_key = sense[0]
            surfaces.update(self._surface_counts.get((group, acronym), Counter()))
            canonical = f"{acronym}_{long_key}"
        else:
            known = Counter(surfaces)
            for member in keys:
                known.update(self._seed_forms.get((member[0], member[1]), ()))
            canonical = _pick_canonical(keys, known)
        name = _pick_name(surfaces)
        # The label most papers gave (ties: Dataset, then Benchmark, then Method); a node
        # no paper typed (a known synonym, a variant base) keeps its group's label.
        ranked = sorted(votes.items(), key=lambda kv: (-kv[1], _LABEL_PREFERENCE[kv[0]]))
        default = "Method" if group == METHOD_GROUP else "Dataset"
        label = ranked[0][0] if ranked else default
        alternatives = sorted(f"{lab}:{n}" for lab, n in ranked[1:])
        aliases = sorted(s for s in surfaces if s != name)
        return EntityNode(id=entity_id(canonical), label=label, canonical=canonical,
                          name=name, aliases=aliases, type_alternatives=alternatives)

    def _link_variants(self, nodes: dict[str, EntityNode],
                       by_key: dict[tuple[str, str], str]) -> dict[str, tuple[str, str]]:
        """VARIANT_OF from each method variant to its base; missing bases become nodes."""
        variants: dict[str, tuple[str, str]] = {}
        pending = sorted((n for n in nodes.values() if n.label == "Method"), key=lambda n: n.id)
        while pending:
            node = pending.pop(0)
            # Only spellings of the node's own key: an expansion in the aliases ("Gated
            # Transformer-XL" of GTrXL) says nothing about what GTrXL is a variant of.
            spellings = {s for s in (node.name, *node.aliases)
                         if canonical_key(s) == node.canonical}
            for surface in sorted(spellings):
                step = variant_base(surface)
                if step is None:
                    continue
                base, rule = step
                base_key = canonical_key(base)
                base_id = by_key.get((METHOD_GROUP, base_key))
                if base_id is not None and nodes[base_id].label != "Method":
                    continue  # the base is a dataset/benchmark: VARIANT_OF links methods only
                if base_id is None and (DATA_GROUP, base_key) in by_key:
                    continue
                if base_id is None:
                    base_node = EntityNode(id=entity_id(base_key), label="Method",
                                           canonical=base_key, name=base, aliases=[])
                    base_id = base_node.id
                    nodes[base_id] = base_node
                    by_key[(METHOD_GROUP, base_key)] = base_id
                    pending.append(base_node)
                if base_id != node.id and node.id not in variants:
                    variants[node.id] = (base_id, rule)
        return variants


@cache
def load_synonyms() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Well-known names whose spellings papers rarely pair themselves (``COCO`` / ``MS COCO``),
    from ``kg/data/synonyms.jsonl``: one ``{"id", "type", "names"}`` object per line, the
    first name the preferred short form. A malformed line is an :class:`InputError`."""
    source = "kg/data/synonyms.jsonl"
    text = resources.files("kg").joinpath("data/synonyms.jsonl").read_text(encoding="utf-8")
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
            type_, names = entry["type"], entry["names"]
            ok = (type_ in _GROUP_OF_TYPE and isinstance(entry["id"], str) and len(names) >= 2
                  and all(isinstance(n, str) and canonical_key(n) for n in names))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(f"bad synonym entry: {exc}", source, number) from None
        if not ok:
            raise InputError("a synonym entry needs an id, a type (method, dataset, "
                             "benchmark) and two or more names", source, number)
        out.append((type_, tuple(names)))
    return tuple(out)


def _forms(entity: ExtractedEntity) -> tuple[str, ...]:
    """Name, aliases and mention texts of an entity record, deduplicated, stripped."""
    seen: dict[str, None] = {}
    for form in (entity.name, *entity.aliases, *(m.text for m in entity.mentions)):
        form = " ".join(form.split())
        if form:
            seen.setdefault(form, None)
    return tuple(seen)


def _pair(group: str, a: str, b: str) -> tuple[str, str, str]:
    """A synonym pair in a fixed order, so (a, b) and (b, a) are one pair."""
    return (group, min(a, b), max(a, b))


#: Words that do not tell two expansions apart ("Vision Transformer models").
_GENERIC_WORDS = frozenset((
    "a", "an", "and", "approach", "approaches", "for", "framework", "in", "method", "methods",
    "model", "models", "network", "networks", "of", "on", "technique", "techniques", "the",
    "to", "with",
))


def _signature(long_form: str) -> tuple[str, ...]:
    """Content words of a long form, each cut to four characters (a crude stem)."""
    words = re.findall(r"[^\W_]+", long_form.casefold())
    return tuple(w[:4] for w in words if w not in _GENERIC_WORDS)


def _same_expansion(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two expansions of one acronym name the same thing when their first content words agree
    and at least half of the shorter one's words occur in the other ("hierarchical RL" /
    "hierarchical reinforcement learning"); "context autoencoder" and "convolutional
    autoencoder" differ in the first word, so they stay apart."""
    if not a or not b or a[0] != b[0]:
        return False
    shorter, longer = sorted((a, b), key=len)
    return 2 * len(set(shorter) & set(longer)) >= len(shorter)


def _related_variants(a: str, b: str) -> bool:
    """True when one name is a size/version variant (at any depth) of the other."""
    a_key, b_key = canonical_key(a), canonical_key(b)
    return any(canonical_key(base) == b_key for base, _ in _variant_chain(a)) or any(
        canonical_key(base) == a_key for base, _ in _variant_chain(b)
    )


def _pick_canonical(keys: list[tuple[str, ...]], surfaces: Counter[str]) -> str:
    """The component's canonical key: the shortest key of a short form (so the acronym beats
    its expansion), then alphabetical. Frequencies are not used, so adding papers that repeat
    a spelling never renames a node."""

    def rank(member: tuple[str, ...]) -> tuple[int, int, str]:
        key = member[1]
        forms = [s for s in surfaces if canonical_key(s) == key]
        long = all(is_long_form(s) for s in forms) if forms else True
        return (int(long), len(key), key)

    return min(keys, key=rank)[1]


def _pick_name(surfaces: Counter[str]) -> str:
    """Display name: short forms first, then most frequent, then shortest, then alphabetical."""
    return min(surfaces, key=lambda s: (is_long_form(s), -surfaces[s], len(s), s))
