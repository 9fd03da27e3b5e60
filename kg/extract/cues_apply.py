"""Cue evidence for candidates: capture the name a cue points at, apply cues, pick a type.

Name capture left and right of a cue ("dubbed X", "the X benchmark"), the application of cue
matches to candidates (roles such as "we propose X", types such as "evaluated on X": one rule
per cue target, :data:`TARGET_RULES`, which returns what it found for :func:`apply_cues` to
attach; what a cue gives is its record, never its id), and the
choice of one type for a group of mentions (:func:`pick_type`). Called by
:func:`kg.extract.decide.find_entities`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from kg.extract import vocabulary as vocab
from kg.extract.candidates import (
    CueMatch,
    Tokens,
    is_capitalised,
    sentence_runs,
    span_text,
)
from kg.extract.model import (
    DEFINES_TYPE,
    FIRED,
    OWNED,
    PROPOSES,
    TYPE,
    USED,
    Candidate,
    Evidence,
)
from kg.extract.patterns import ORGANISATION, Cue
from kg.extract.shapes import (
    is_model_size,
    is_name_shaped,
    is_plural_family,
    is_version,
)


def capture_name_right(tokens: Tokens, j: int, sent_end: int, limit: int) -> int:
    """End of the name that starts at token ``j`` (after "dubbed", "we call it")."""
    words = tokens.words
    if j >= sent_end:
        return j
    quoted = words[j] in vocab.OPENING_QUOTES
    if quoted:
        k = j + 1
        while k < sent_end and k - j <= limit and words[k] not in vocab.CLOSING_QUOTES:
            k += 1
        return k if k < sent_end and words[k] in vocab.CLOSING_QUOTES else j
    k = j
    if is_capitalised(words[j]) or is_name_shaped(words[j]):
        while (
            k < sent_end
            and k - j < limit
            and (
                is_capitalised(words[k])
                or is_name_shaped(words[k])
                or is_version(words[k])
                or (
                    k > j
                    and words[k].lower() in vocab.NAME_LINKS
                    and k + 1 < sent_end
                    and is_capitalised(words[k + 1])
                )
            )
        ):
            k += 1
        return k
    while (
        k < sent_end
        and k - j < limit
        and words[k].isalpha()
        and words[k].islower()
        and words[k] not in vocab.NAME_STOP
    ):
        k += 1
    return k




def title_echo(tokens: Tokens, j: int, end: int, sent_end: int) -> int:
    """ "We introduce Quuxing step-by-step, ..." under the title "Quuxing Step-by-Step!": the
    lower-case words after a captured name still belong to it when the title opens with them."""
    title = " ".join(tokens.text[: tokens.title_end].lower().split())
    best, k = end, end
    while (
        k < sent_end
        and k - end < 4
        and vocab.ECHO_WORD.fullmatch(tokens.words[k])
        and tokens.words[k].lower() not in vocab.FUNCTION_WORDS
    ):
        k += 1
        phrase = re.escape(span_text(tokens, j, k).lower())
        # The title opens with the name: "Quuxing Step-by-Step!", "Blorp Token and ...".
        if re.match(rf"{phrase}(?!\w)", title):
            best = k
    return best


def capture_title_run(tokens: Tokens, j: int, sent_end: int, banned: dict[str, str]) -> int:
    """End of a run of capitalised words from ``j`` ("Montezuma 's Revenge", "Misty Lake")."""
    words = tokens.words
    k = j + 1
    while k < sent_end and k - j < 4:
        word = words[k]
        if word in vocab.POSSESSIVES and k + 1 < sent_end and is_capitalised(words[k + 1]):
            k += 2
        elif (is_capitalised(word) or is_name_shaped(word) or is_version(word)) and (
            word not in banned
        ):
            k += 1
        else:
            break
    # "Story NLI" where NLI is a generic word: a name we cannot delimit, so none.
    if k < sent_end and k - j < 4 and is_name_shaped(words[k]):
        return j
    # Title-Case compounds ("Part-Of-Speech") and plural nouns ("Training Algorithms") are
    # descriptions, not names.
    last = words[k - 1]
    plural = k - j > 1 and last.endswith("s") and last[:-1].isalpha()
    if not is_name_shaped(last) and ("-" in last or plural):
        return j
    return k


def skip_left(
    words: Sequence[str],
    k: int,
    sent_lo: int,
    ends: dict[int, Candidate],
    *,
    modifiers: bool = True,
) -> int:
    """Step left over a citation "(Zhang et al., 2018)" and up to two lower-case modifiers
    ("QUUX coding benchmarks") to where a list item should end."""
    if k in ends:
        return k
    if k - 1 >= sent_lo and words[k - 1] == ")":
        j = k - 1
        while j > sent_lo and words[j - 1] != "(" and k - j < 12:
            j -= 1
        if j - 1 in ends or (j - 1 >= sent_lo and words[j - 1] == "(" and (j - 1) in ends):
            return j - 1
        if j > sent_lo and words[j - 1] == "(" and (j - 1) in ends:
            return j - 1
    if modifiers:
        j = k
        while (
            j - 1 >= sent_lo
            and k - j < 2
            and words[j - 1].isalpha()
            and (
                words[j - 1].islower()
                and words[j - 1] not in vocab.FUNCTION_WORDS
                and words[j - 1] not in vocab.LIST_FILLERS
            )
        ):
            j -= 1
            if j in ends:
                return j
    return k


def modifies_noun(words: Sequence[str], end: int, sent_end: int) -> bool:
    """A capitalised run followed by a lower-case noun is an adjective ("Bayesian methods")."""
    if end >= sent_end:
        return False
    after = words[end]
    return (
        after.isalpha()
        and after.islower()
        and after not in vocab.LIST_FILLERS
        and (after not in vocab.FUNCTION_WORDS and after not in vocab.NAME_STOP)
        # rule list.verb_after: "such as Quillon and Brenner fail": a verb, not a noun
        and after not in vocab.SUBJECT_VERBS
    )




def of_models(words: Sequence[str], j: int, sent_end: int) -> bool:
    """ "a collection / suite / family of ... models": the head counts the models it names."""
    if j >= sent_end or words[j].lower() != "of":
        return False
    for k in range(j + 1, min(j + 7, sent_end)):
        word = words[k].lower()
        if word in vocab.MODEL_NOUNS:
            return True
        if not word.isalpha() and "-" not in word:
            return False
    return False


def is_model_word(word: str, banned: dict[str, str]) -> bool:
    """A lone capitalised word that may be a model's name when a list says so ("Llama")."""
    return (
        word.isalpha()
        and is_capitalised(word)
        and word not in banned
        and not vocab.ADJECTIVE.search(word)
        and word.lower() not in vocab.FUNCTION_WORDS
    )


def capture_name_left(tokens: Tokens, cue: CueMatch, sent_start_tok: int) -> int:
    """Start of a capitalised name right before a head noun ("the DeepMind Control Suite")."""
    words = tokens.words
    k = cue.start
    before = words[k - 1] if k > 0 else ""
    if not is_name_shaped(before) and before.endswith("s") and before[:-1].isalpha():
        return k  # "Training Algorithms benchmark": a plural noun is a description
    while (
        k - 1 > sent_start_tok
        and cue.start - k < 4
        and words[k - 1] not in vocab.NOT_LEFT
        and (
            (is_capitalised(words[k - 1]) or is_name_shaped(words[k - 1]))
            and not tokens.url_like[k - 1]
        )
    ):
        k -= 1
    return k


@dataclass(frozen=True, slots=True)
class Finding:
    """What a target rule found about one candidate: an item of evidence, or another surface
    form the text gives it (``alias``). The rule returns its findings and :func:`apply_cues`
    attaches them, in order."""

    candidate: Candidate
    evidence: Evidence | None = None
    alias: str | None = None

    def apply(self) -> None:
        if self.evidence is not None:
            self.candidate.attach(self.evidence)
        if self.alias is not None:
            self.candidate.aliases.append(self.alias)


def cue_evidence(cand: Candidate, cue: Cue, *, adjacent: bool = True) -> list[Finding]:
    """The evidence one cue gives the candidate it points at (what its record says it gives);
    ``adjacent`` is False when words lie between cue and name."""
    items = [Evidence(FIRED, cue.id)]
    if cue.effect == "proposed":
        items.append(
            Evidence(PROPOSES, cue.id, "strong" if cue.definitional and adjacent else "weak")
        )
    elif cue.effect in {"dataset", "benchmark", "evaluation", "method", "collection"}:
        items.append(Evidence(TYPE, cue.id, cue.effect))
        if cue.definitional or cue.appositive:
            # "X, a new dataset of ...": the text says so
            items.append(Evidence(DEFINES_TYPE, cue.id, cue.effect))
    if cue.effect in {"used", "method"}:
        items.append(Evidence(USED, cue.id))
    if cue.owns_definition:
        items.append(Evidence(OWNED, cue.id))
    return [Finding(cand, item) for item in items]


def apply_evidence(cand: Candidate, cue: Cue, *, adjacent: bool = True) -> None:
    """Attach :func:`cue_evidence` to ``cand`` at once."""
    for finding in cue_evidence(cand, cue, adjacent=adjacent):
        finding.apply()


@dataclass(slots=True)
class CueSite:
    """One paper's candidates indexed by first and end token, as the cue rules see them.

    A target rule reads the tokens and the index and returns its :class:`Finding` s (the
    cue's evidence for the candidates it points at), which :func:`apply_cues` attaches. Its
    one write is :meth:`add`, a candidate for a name it captures: that name is a candidate at
    once, as the rest of the list and later cues of the paper may point at it.
    """

    tokens: Tokens
    banned: dict[str, str]
    starts: dict[int, Candidate]
    ends: dict[int, Candidate]
    added: list[Candidate] = field(default_factory=list)

    def add(self, start: int, end: int, rule: str) -> Candidate | None:
        """A new candidate ``[start, end)`` found by ``rule``, unless it overlaps one."""
        starts, ends = self.starts, self.ends
        if end <= start or any(i in starts or i in ends for i in range(start + 1, end)):
            return None
        text = span_text(self.tokens, start, end)
        if text in self.banned or start in starts or end in ends:
            return None
        cand = Candidate(start, end, rule, priority=3)
        starts[start] = ends[end] = cand
        self.added.append(cand)
        return cand


def coined_compound(word: str) -> bool:
    """Rule ``cue.coined_compound``: one hyphenated word of capitalised parts right after a
    proposal verb ("We introduce Quill-Zero", "we present Tree-Planner") is the name coined,
    though a Title-Case compound elsewhere is a description ("Part-Of-Speech tags").

    >>> coined_compound("Quill-Zero"), coined_compound("Chain-of-Thought"), coined_compound("Zorb")
    (True, False, False)
    """
    parts = word.split("-")
    return len(parts) > 1 and all(p[:1].isupper() and p.isalnum() for p in parts)


def listed_after(site: CueSite, first: Candidate, sent_hi: int) -> list[Candidate]:
    """Rule ``list.covered``: the names joined to ``first`` by "and" or commas ("our Foo
    Module (FM) and Bar Block (BB)"), a bracketed short form after each skipped: what a cue
    with ``covers_list`` says of the first name it says of these too (issue 13 capability 6).
    """
    words, starts = site.tokens.words, site.starts
    out: list[Candidate] = []
    k = first.end
    while k < sent_hi:
        inner = starts.get(k + 1) if words[k] == "(" else None
        if inner is not None and inner.end < sent_hi and words[inner.end] == ")":
            k = inner.end + 1  # "(FM)": the short form of the name before
            continue
        j = k
        while j < sent_hi and words[j] in vocab.COMMA_AND_OR:
            j += 1
        if j == k or j not in starts:
            break
        out.append(starts[j])
        k = starts[j].end
    return out


def _right_first(site: CueSite, match: CueMatch, sent_lo: int, sent_hi: int) -> list[Finding]:
    """Target ``right_first``: the first name after the cue ("we propose X", "a novel X"); a
    proposing cue also captures a capitalised run right after it ("We present Quillo")."""
    found: list[Finding] = []
    cue, tokens, banned = match.cue, site.tokens, site.banned
    words, starts, ends = tokens.words, site.starts, site.ends
    j = match.end
    if (
        cue.effect == "proposed"
        and j < sent_hi
        and j not in starts
        and is_capitalised(words[j])
        and words[j] not in banned
        and tokens.starts[j] >= tokens.title_end
    ):
        # "We present Quillo, ...": a capitalised word right after the verb is a name.
        end = capture_title_run(tokens, j, sent_hi, banned)
        if end > j:
            end = title_echo(tokens, j, end, sent_hi)
        elif coined_compound(words[j]) and not modifies_noun(words, j + 1, sent_hi):
            end = j + 1  # "We introduce Quill-Zero, ...": one coined compound, a name
        # "we propose Self-paced Routing framework": the noun after is the kind.
        describes = end < sent_hi and words[end].lower() in vocab.KIND_NOUNS
        modifies = modifies_noun(words, end, sent_hi) and not describes
        comma = match.start > 0 and words[match.start - 1] == ","
        named = ends.get(match.start - 1) if comma else None
        if named is not None and end - j > 1 and describes and not modifies:
            # "FlexA-ViT, a novel Flexible Adaptive Vision Transformer architecture":
            # the Title-Case phrase before the kind noun spells out the name before
            # the comma.
            found.append(Finding(named, alias=span_text(tokens, j, end)))
            return found
        inner = starts.get(end + 1) if end + 1 < sent_hi and words[end] == "(" else None
        if (
            inner is None
            and end - j > 1
            and end + 2 < sent_hi
            and words[end] == "("
            and words[end + 2] == ")"
            and any(c.isupper() for c in words[end + 1][1:])
            and words[end + 1] not in banned
            and not is_plural_family(words[end + 1])
        ):
            # "we propose Stacked Quux Tuning (M^2-Tuning)": the bracketed word is the
            # coined phrase's short form even when it is not name-shaped on its own.
            inner = site.add(end + 1, end + 2, "acronym.short_form")
        if inner is not None and inner.end < sent_hi and words[inner.end] == ")" and end - j > 1:
            # "we propose Stacked Sparse Tuning (S^2-Tuning)": a name in brackets
            # right after the coined phrase is its short form, even when its letters do
            # not spell the phrase out.
            found.append(Finding(inner, alias=span_text(tokens, j, end)))
            found += cue_evidence(inner, cue)
            found.append(Finding(inner, Evidence(PROPOSES, cue.id, "strong")))
            return found
        cand = None if modifies else site.add(j, end, cue.id)
        if cand is not None:
            found += cue_evidence(cand, cue)
            if cue.covers_list:
                for sibling in listed_after(site, cand, sent_hi):
                    found += cue_evidence(sibling, cue)
            return found
    for j in range(match.end, min(match.end + cue.window, sent_hi)):
        if j in starts:
            if cue.stop_at_model_size and any(
                is_model_size(words[t]) for t in range(match.end, j)
            ):
                break  # "our 70B Llama 2-Chat model": a released model at one size
            # "a novel Flexible Adaptive Vision Transformer": a name further on may be
            # only part of the new one.
            between = range(match.end, j)
            adjacent = not any(words[t][:1].isupper() for t in between)
            found += cue_evidence(starts[j], cue, adjacent=adjacent)
            if j == match.end and cue.effect == "proposed":
                # "we propose X" with nothing in between: X is the paper's own, even
                # when an older artifact shares the name.
                found.append(Finding(starts[j], Evidence(PROPOSES, cue.id, "strong")))
            if cue.covers_list:
                for sibling in listed_after(site, starts[j], sent_hi):
                    found += cue_evidence(sibling, cue, adjacent=adjacent)
            break
        if (
            cue.effect == "proposed"
            and (j > match.end or match.end - match.start > 1)
            and words[j] == ","
            and words[j - 1].lower() in vocab.KIND_NOUNS
            and j + 1 < sent_hi
            and j + 1 not in starts
            and is_capitalised(words[j + 1])
            and words[j + 1] not in banned
        ):
            # rule cue.kind_appositive: "we propose a two-stage framework, Zorbify, ...",
            # "our approach, Zorbify, ..."
            end = capture_title_run(tokens, j + 1, sent_hi, banned)
            if end > j + 1 and (end >= sent_hi or words[end] in vocab.COMMA_AND_OR):
                cand = site.add(j + 1, end, cue.id)
                if cand is not None:
                    found += cue_evidence(cand, cue)
            break
        word = words[j].lower()
        if word in vocab.EVALUATION_WORDS or (
            # "the proposed framework boosts the SER ...", "our model beats X": a verb ends
            # the phrase (right after the cue too when the cue ends in its own noun)
            (j > match.end or match.end - match.start > 1)
            and word.endswith("s")
            and word.isalpha()
            and word not in vocab.KIND_NOUNS
            and not word.endswith("ss")
        ):
            break  # "an extension of FooReg", "results on GLUE": used, not proposed
    return found


def _right_name(site: CueSite, match: CueMatch, sent_lo: int, sent_hi: int) -> list[Finding]:
    """Target ``right_name``: the name a naming cue gives ("dubbed X", "we call it X"),
    captured whole; a lower-case phrase only after a cue that ``coins_lowercase``."""
    found: list[Finding] = []
    cue, tokens = match.cue, site.tokens
    words, starts = tokens.words, site.starts
    j = match.end
    while j < sent_hi and words[j].lower() in vocab.NAMING_FILLERS:
        j += 1
    if j in starts:
        found += cue_evidence(starts[j], cue)
        return found
    if j >= sent_hi or words[j].lower() in vocab.NAMED_ENTITY_NOUNS:
        return found
    lowercase = not (is_capitalised(words[j]) or is_name_shaped(words[j]))
    before = words[match.start - 1].lower() if match.start > 0 else ""
    # Lower-case phrases count only after "we call it" or "..., dubbed" style naming
    # (guidelines rule 11), not after a participle such as "named entity".
    if lowercase and not (
        cue.coins_lowercase
        or (before in vocab.NAMING_LEFT and words[match.start].lower() in vocab.COINING_WORDS)
    ):
        return found
    end = capture_name_right(tokens, j, sent_hi, cue.window)
    if end > j and not lowercase:
        end = title_echo(tokens, j, end, sent_hi)
    quoted = words[j] in vocab.OPENING_QUOTES
    cand = site.add(j + 1 if quoted else j, end, cue.id)
    if cand is not None:
        found += cue_evidence(cand, cue)
    return found


def _left_first(site: CueSite, match: CueMatch, sent_lo: int, sent_hi: int) -> list[Finding]:
    """Target ``left_first``: the nearest name ending within ``window`` tokens before the cue
    ("X is proposed")."""
    found: list[Finding] = []
    for k in range(match.start, max(match.start - match.cue.window, sent_lo) - 1, -1):
        if k in site.ends:
            found += cue_evidence(site.ends[k], match.cue)
            break
    return found


def _left_adjacent(site: CueSite, match: CueMatch, sent_lo: int, sent_hi: int) -> list[Finding]:
    """Target ``left_adjacent``: the name right before the cue, over a bracket ("X (Foo et
    al.), a new dataset"); an ``appositive`` cue skips a name in a fronted phrase."""
    found: list[Finding] = []
    cue, words, ends = match.cue, site.tokens.words, site.ends
    k = match.start
    if k > 0 and words[k - 1] == ")":
        while k > sent_lo and words[k - 1] != "(":
            k -= 1
        k -= 1
    if k not in ends:
        return found
    cand = ends[k]
    fronted = (
        cand.start - 1 == sent_lo
        and words[sent_lo].lower() in vocab.FRONTING_PREPOSITIONS
        and cue.appositive
    )
    if fronted:
        return found
    if (
        cue.effect == "proposed"
        and cand.start > sent_lo
        and words[cand.start - 1].lower() in vocab.USE_PREPOSITIONS
    ):
        # rule cue.appositive_used: "we prune with X, a sparsity recipe ...": a tool used
        return found
    if cue.effect in {"dataset", "benchmark"} and of_models(words, match.end, sent_hi):
        # "Llama 2-Chat, a collection of instruction-tuned models": of models.
        found.append(Finding(cand, Evidence(TYPE, "rule.of_models", "method")))
        return found
    found += cue_evidence(cand, cue)
    return found


def _left_list(site: CueSite, match: CueMatch, sent_lo: int, sent_hi: int) -> list[Finding]:
    """Target ``left_list``: the names of the list before a head ("X and Y datasets"); with
    no candidate there, the capitalised name before a dataset or benchmark head, or lone
    capitalised words listed with a name before a model head."""
    found: list[Finding] = []
    cue, tokens, banned = match.cue, site.tokens, site.banned
    words, ends = tokens.words, site.ends
    k = skip_left(words, match.start, sent_lo, ends)
    if k not in ends:
        in_title = tokens.starts[match.start] < tokens.title_end
        if cue.effect in {"dataset", "benchmark"} and not in_title:
            head_is_name = words[match.start][:1].isupper()
            start = capture_name_left(tokens, match, sent_lo)
            end = match.end if head_is_name else match.start
            # "the LLM Reasoning benchmark", "the Medical QA dataset": a task described
            described = not head_is_name and (
                ends_in_task_noun(words, end) or any(w in banned for w in words[start:end])
            )
            if start < match.start and not described:
                cand = site.add(start, end, cue.id)
                if cand is not None:
                    found += cue_evidence(cand, cue)
        elif cue.effect == "method" and not in_title:
            # "on both Qwen and Llama models": lone capitalised words listed with a
            # name before a model head are models' names.
            items: list[int] = []  # lone words, right to left
            listed_name = False
            k = match.start
            while k - 1 > sent_lo:
                if k in ends:
                    listed_name = True
                    k = ends[k].start
                elif is_model_word(words[k - 1], banned):
                    items.append(k - 1)
                    k -= 1
                else:
                    break
                if k - 1 > sent_lo and words[k - 1] in vocab.COMMA_AND_OR:
                    k -= 1
                else:
                    break
            if listed_name and items:
                for i in items:
                    cand = site.add(i, i + 1, cue.id)
                    if cand is not None:
                        found += cue_evidence(cand, cue)
                k = skip_left(words, match.start, sent_lo, ends)
                while k in ends:
                    cand = ends[k]
                    found += cue_evidence(cand, cue)
                    k = cand.start
                    while k - 1 >= sent_lo and words[k - 1] in vocab.COMMA_AND_OR:
                        k -= 1
        return found
    while k in ends:
        cand = ends[k]
        found += cue_evidence(cand, cue)
        k = cand.start
        while k - 1 >= sent_lo and words[k - 1] in vocab.LIST_JOINERS:
            k -= 1
        k = skip_left(words, k, sent_lo, ends, modifiers=False)
    return found


def _right_list(site: CueSite, match: CueMatch, sent_lo: int, sent_hi: int) -> list[Finding]:
    """Target ``right_list``: the names of the list after the cue ("evaluated on X, Y and
    Z", "datasets such as X"), capturing capitalised items that no candidate covers."""
    found: list[Finding] = []
    cue, tokens, banned = match.cue, site.tokens, site.banned
    words, starts = tokens.words, site.starts
    j = match.end
    hops = 0
    # "On X, ...", "Evaluated on X, ...": the cue is in the sentence's opening phrase.
    opener = words[sent_lo].lower()
    fronted = match.start - sent_lo <= 2 and (
        match.start == sent_lo
        or opener in vocab.FRONTING_PREPOSITIONS
        or opener.endswith(vocab.PARTICIPLE_ENDINGS)
    )
    while j < sent_hi and hops < 40:
        if fronted and words[j] == "," and not list_goes_on(words, j, sent_hi):
            break  # "On QuuxQA, FooNet improves": the comma ends the fronted phrase
        if j in starts:
            cand = starts[j]
            found += cue_evidence(cand, cue)
            j = cand.end
        elif (
            cue.effect in {"dataset", "benchmark", "used", "evaluation", "method", "collection"}
            and is_capitalised(words[j])
            and words[j] not in banned
            and not is_plural_family(words[j])  # "models (TMs)": a family's acronym
            and not tokens.url_like[j]
            and tokens.starts[j] >= tokens.title_end
        ):
            # "games such as Mazer, Blockfall and Tilepush": capitalised list items.
            end = capture_title_run(tokens, j, sent_hi, banned)
            if cue.effect in {"used", "evaluation"} and (
                (end - j > 1 and "'s" not in words[j:end])
                or not words[j].isalpha()
                or (end < sent_hi and words[end] in vocab.PHRASE_CONTINUATIONS)
            ):
                break  # "Knowledge Distillation": a Title-Case technique, not a name
            if modifies_noun(words, end, sent_hi) or vocab.ADJECTIVE.search(words[j]):
                break
            if ends_in_task_noun(words, end):
                j = end  # "tasks such as Question Answering, ...": a task, the list goes on
                hops += 1
                continue
            item = site.add(j, end, cue.id)
            if item is None:
                break
            found += cue_evidence(item, cue)
            j = end
        elif words[j] == "(" and (close := result_bracket_end(words, j, sent_hi)):
            j = close  # "on QuuxQA (5-shot), BarMath (+3.1) and ...": a result, the list goes on
        elif words[j].lower() in vocab.LIST_FILLERS:
            j += 1
        else:
            break
        hops += 1
    return found


def ends_in_task_noun(words: Sequence[str], end: int) -> bool:
    """Rule ``list.task_item``: a capitalised list item ending at ``end`` whose last word names
    a task or field ("Question Answering", "Summarization", "Quux Planning") is a task, not a
    name a cue's list may capture (GUIDELINES rule 2).

    >>> ends_in_task_noun("such as Question Answering".split(), 4)
    True
    >>> ends_in_task_noun("such as Quuxcraft".split(), 3)
    False
    """
    last = words[end - 1].lower()
    return last in vocab.TASK_HEADS or last.removesuffix("s") in vocab.TASK_HEADS


def result_bracket_end(words: Sequence[str], j: int, sent_hi: int) -> int | None:
    """Rule ``list.result_bracket``: the token after a short bracket at ``j`` that holds a
    result or a setting and no name ("(5-shot)", "(+3.1)", "(72.4% accuracy)"), else None.

    >>> result_bracket_end("on A ( 5-shot ) , B".split(), 2, 7)
    5
    >>> result_bracket_end("on A ( QX ) , B".split(), 2, 7) is None
    True
    """
    for k in range(j + 1, min(j + 8, sent_hi)):
        if words[k] == ")":
            inside = words[j + 1 : k]
            has_digit = any(ch.isdigit() for w in inside for ch in w)
            named = any(w[:1].isupper() for w in inside)
            return k + 1 if inside and has_digit and not named else None
        if words[k] == "(":
            return None
    return None


#: What each cue ``target`` does: one rule per target (kg/data/patterns/cues.jsonl names the
#: target of each cue; :data:`kg.extract.patterns.CUE_TARGETS` are the valid ones).
TARGET_RULES: dict[str, Callable[[CueSite, CueMatch, int, int], list[Finding]]] = {
    "right_first": _right_first,
    "right_name": _right_name,
    "left_first": _left_first,
    "left_adjacent": _left_adjacent,
    "left_list": _left_list,
    "right_list": _right_list,
}


def apply_cues(
    tokens: Tokens,
    candidates: list[Candidate],
    cues: Sequence[CueMatch],
    sent_of: list[int],
    banned: dict[str, str],
) -> list[Candidate]:
    """Attach each cue's evidence to the candidates it points at; may add new candidates."""
    n = len(tokens.words)
    site = CueSite(
        tokens, banned, {c.start: c for c in candidates}, {c.end: c for c in candidates}
    )
    sent_bounds = sentence_runs(sent_of)
    for match in cues:
        cue = match.cue
        sent_lo, sent_hi = sent_bounds[sent_of[min(match.start, n - 1)]]
        if (
            cue.effect == "proposed"
            and match.start > sent_lo
            and banned.get(tokens.words[match.start - 1]) == ORGANISATION
        ):
            continue  # "before Meta released X": another organisation's artifact
        if cue.effect == "evaluation" and on_after_basis(tokens.words, match.start, sent_lo):
            continue  # "built on QuuxNet": the basis, not an evaluation set
        for finding in TARGET_RULES[cue.target](site, match, sent_lo, sent_hi):
            finding.apply()
    return candidates + site.added


def on_after_basis(words: Sequence[str], start: int, sent_lo: int) -> bool:
    """Rule ``cue.on_after_basis``: an evaluation cue that starts at "on" right after a
    basis word ("based on X", "builds on X", "relies on X") points at what the work is built
    from, not at what it is evaluated on.

    >>> on_after_basis("we build on QuuxNet".split(), 2, 0)
    True
    >>> on_after_basis("we test on QuuxNet".split(), 2, 0)
    False
    """
    return (
        start > sent_lo
        and words[start].lower() in vocab.BASIS_PREPOSITIONS
        and words[start - 1].lower() in vocab.BASIS_WORDS
    )


def list_goes_on(words: Sequence[str], comma: int, sent_hi: int) -> bool:
    """Rule ``list.fronted_comma``: after a sentence-opening "On A," the list goes on only when
    another separator follows the next item ("On A, B and C, ..."), else the comma closes the
    fronted phrase and the clause's subject follows ("On A, FooNet improves")."""
    k = comma + 1
    while k < sent_hi and words[k] not in vocab.LIST_FILLERS:
        k += 1
        if k - comma > 4:
            return False
    return k < sent_hi and words[k] in vocab.LIST_JOINERS


def sentence_words(text: str) -> tuple[bool, bool]:
    """Whether ``text`` calls something a dataset, and a benchmark ("benchmark datasets" are
    datasets, GUIDELINES addendum rule 8)."""
    as_datasets = vocab.BENCHMARK_DATASETS.sub("datasets", text)
    says_benchmark = bool(vocab.SENT_BENCHMARK.search(as_datasets))
    return bool(vocab.SENT_DATASET.search(text)), says_benchmark


def pick_type(
    cand_group: list[Candidate],
    tokens: Tokens,
    says: Callable[[list[Candidate]], tuple[bool, bool]],
) -> tuple[str, str]:
    """Type of a group of mentions, and the id of the rule that chose it: the text's own
    word, then the list, then the name's shape.

    In order: ``type.defined_by_text`` ("X, a new dataset"), ``type.method_cues`` and
    ``type.cue_types`` (the kinds the cues say, by majority), ``type.dataset_head`` /
    ``type.benchmark_head`` (the name's own last word), ``type.benchmark_shape`` ("FooBench"),
    ``type.collection`` ("X, which contains 3,200 questions", "trained on X", unless a list
    knows X or X has a parameter count), then for a name evaluated on ``type.evaluated_known``,
    ``type.evaluated_model_name``, ``type.sentence_says_*``, ``type.evaluated_on``; else
    ``type.known`` (the gazetteer), ``type.listed`` (a weak list name or a variant of one) and
    ``type.default_method``.

    ``says(group)`` is :func:`sentence_words` of the group's sentences, asked only when needed.
    """
    defined = [c.defined_type for c in cand_group if c.defined_type]
    if defined:
        return defined[0], "type.defined_by_text"
    types = [t for c in cand_group for t in c.types]
    dataset, benchmark = types.count("dataset"), types.count("benchmark")
    if types.count("method") > dataset + benchmark:
        # "finetuned on Nimbus-7B-SFT and Quill-3-8B-Instruct models"
        return "method", "type.method_cues"
    if dataset or benchmark:
        return ("benchmark" if benchmark > dataset else "dataset"), "type.cue_types"
    known = [c.known_type for c in cand_group if c.known_type]
    if "evaluation" in types and not known:
        known = [c.weak_type for c in cand_group if c.weak_type]
    names = [span_text(tokens, c.start, c.end) for c in cand_group]
    names += [a for c in cand_group for a in c.aliases]
    # The name's own head word: "Retro Learning Environment (RLE)", "DeepMind Control Suite".
    heads = {n.split()[-1].lower() for n in names if " " in n}
    if heads & vocab.DATASET_HEADS:
        return "dataset", "type.dataset_head"
    if heads & vocab.BENCHMARK_HEADS:
        return "benchmark", "type.benchmark_head"
    if any(vocab.BENCHMARK_SHAPE.search(n) for n in names):
        return "benchmark", "type.benchmark_shape"
    if (
        "collection" in types
        and not known
        and not any(vocab.MODEL_NAME.search(n) for n in names)
    ):
        # "X, which contains 3,200 questions": a collection of data, named by the text's own
        # word for it (GUIDELINES rule 8), a dataset when the text has none.
        says_dataset, says_benchmark = says(cand_group)
        return ("benchmark" if says_benchmark and not says_dataset else "dataset"), (
            "type.collection"
        )
    if "evaluation" in types and "method" not in known and not any(c.proposed for c in cand_group):
        if known:
            # a known dataset stays one whatever the sentence calls the set
            return known[0], "type.evaluated_known"
        variant = [c.variant_type for c in cand_group if c.variant_type]
        if any(vocab.MODEL_NAME.search(n) for n in names) or variant[:1] == ["method"]:
            # "on LLaMA-3.1-8B": a parameter count or chat suffix is a model
            return "method", "type.evaluated_model_name"
        says_dataset, says_benchmark = says(cand_group)
        if says_dataset and not says_benchmark:
            return "dataset", "type.sentence_says_dataset"
        if says_benchmark and not says_dataset:
            return "benchmark", "type.sentence_says_benchmark"
        return (known[0] if known else (variant or ["benchmark"])[0]), "type.evaluated_on"
    if known:
        return (
            "dataset" if "dataset" in known and "method" not in known else known[0]
        ), "type.known"
    weak = [c.weak_type for c in cand_group if c.weak_type]
    if not weak and not any(c.proposed for c in cand_group):
        weak = [c.variant_type for c in cand_group if c.variant_type]
    if weak and not any(c.is_short_form for c in cand_group):
        return weak[0], "type.listed"
    return "method", "type.default_method"
