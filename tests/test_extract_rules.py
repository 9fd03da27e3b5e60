"""Each rule function of the decision core called directly, on made-up sentences: a table of
cases where it holds and where it must not (issue 12: "every rule function has direct unit
tests"). The candidate sources are in test_extract_sources.py, the cue targets through the
extractor in test_extract_targets.py, the generic rules in test_extract_generic.py."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from kg.extract import candidates as cands
from kg.extract import cues_apply, decide, generic, shapes, vocabulary
from kg.extract.candidates import (
    CueMatch,
    FoundEntity,
    FoundMention,
    SourceInput,
    Tokens,
    span_text,
    token_sentences,
)
from kg.extract.components import CUES_KEY, GAZETTEER_KEY, doc_tokens
from kg.extract.model import (
    DEFINES_TYPE,
    DOUBT,
    FIRED,
    FORM,
    KNOWN,
    LISTED,
    LOWER_DEFINITION,
    OWNED,
    PROPOSES,
    TYPE,
    USED,
    Candidate,
)
from kg.extract.patterns import Cue
from kg.records import TITLE_SEPARATOR
from tests.extract_support import shared_extractor


@pytest.fixture(autouse=True)
def _shipped_lexicon() -> None:
    """The rules read the lexicon in force; another test's extractor may have left its own."""
    vocabulary.use(vocabulary.lexicon_at())


def tokens_of(abstract: str, title: str = "A study") -> Tokens:
    """The tokens the rules read, from the shipped tokenizer."""
    return doc_tokens(shared_extractor().nlp.make_doc(title + TITLE_SEPARATOR + abstract))


def banned() -> dict[str, str]:
    return shared_extractor().nlp.get_pipe("kg_entities").banned


def index(tokens: Tokens, word: str, nth: int = 0) -> int:
    """The token index of the ``nth`` token ``word`` (in the abstract, after the title)."""
    hits = [
        i for i, w in enumerate(tokens.words) if w == word and tokens.starts[i] >= tokens.title_end
    ]
    return hits[nth]


def sentence_end(tokens: Tokens, i: int) -> int:
    """The end token of the sentence holding token ``i``."""
    sent_of = token_sentences(tokens.starts, [s for s, _ in tokens.sentences])
    return max(k for k, s in enumerate(sent_of) if s == sent_of[i]) + 1


def span(tokens: Tokens, start: int, end: int) -> str | None:
    return span_text(tokens, start, end) if end > start else None


def cue(effect: str = "used", target: str = "right_first", **options: bool) -> Cue:
    return Cue("cue.test", [{"LOWER": "x"}], effect, target, 1, **options)


def candidate(start: int, end: int, *evidence: tuple, rule: str = "test.rule") -> Candidate:
    c = Candidate(start, end, rule, priority=1)
    for item in evidence:
        c.add(*item)
    return c


# --- kg.extract.cues_apply: capture helpers -------------------------------------------------


@pytest.mark.parametrize(
    ("abstract", "first", "expected"),
    [
        # A capitalised run after "dubbed" is the name, links included ("of").
        ("We build a system dubbed Quux Walker here.", "Quux", "Quux Walker"),
        ("We build a method dubbed Bag of Quux today.", "Bag", "Bag of Quux"),
        # A lower-case phrase ends at a stop word or punctuation.
        ("We call it early experience, which helps.", "early", "early experience"),
        # A quoted name ends before its closing quote.
        ('We name it "quux walk" today.', '"', '"quux walk'),
        # An unclosed quote captures nothing.
        ('We name it "quux walk and more text follows here without end.', '"', None),
        # Punctuation right after the cue: nothing.
        ("It is dubbed , so to say.", ",", None),
    ],
)
def test_capture_name_right(abstract: str, first: str, expected: str | None) -> None:
    tokens = tokens_of(abstract)
    j = index(tokens, first)
    end = cues_apply.capture_name_right(tokens, j, sentence_end(tokens, j), 4)
    assert span(tokens, j, end) == expected


@pytest.mark.parametrize(
    ("title", "abstract", "expected"),
    [
        # The title opens with the name and its lower-case words: they belong to it.
        (
            "Quuxing Step-by-Step!",
            "We introduce Quuxing step-by-step, a method.",
            "Quuxing step-by-step",
        ),
        # The title says something else: the name stays as captured.
        ("A study of things", "We introduce Quuxing step-by-step, a method.", "Quuxing"),
        # Function words do not continue it.
        ("Quuxing the Rest", "We introduce Quuxing the rest of it.", "Quuxing"),
    ],
)
def test_title_echo(title: str, abstract: str, expected: str) -> None:
    tokens = tokens_of(abstract, title)
    j = index(tokens, "Quuxing")
    end = cues_apply.title_echo(tokens, j, j + 1, sentence_end(tokens, j))
    assert span(tokens, j, end) == expected


@pytest.mark.parametrize(
    ("abstract", "first", "expected"),
    [
        ("We play games such as Misty Lake and Blockfall.", "Misty", "Misty Lake"),
        # A possessive joins two capitalised words.
        ("We play Montezuma's Revenge today.", "Montezuma", "Montezuma's Revenge"),
        # A plural Title-Case phrase is a description.
        ("We compare Training Algorithms today.", "Training", None),
        # A Title-Case compound is a description.
        ("We use Part-Of-Speech tags.", "Part-Of-Speech", None),
        # A run that ends in a banned name-shaped word cannot be delimited.
        ("We study Story NLI today.", "Story", None),
    ],
)
def test_capture_title_run(abstract: str, first: str, expected: str | None) -> None:
    tokens = tokens_of(abstract)
    j = index(tokens, first)
    end = cues_apply.capture_title_run(tokens, j, sentence_end(tokens, j), banned())
    # One word alone is not a run: the helper returns the first word's end or ``j``.
    assert span(tokens, j, end) == expected or (expected is None and end <= j + 1)


@pytest.mark.parametrize(
    ("abstract", "name", "head", "modifiers", "expected"),
    [
        # Over a citation to the name before it.
        ("We use FooSet (Zhang et al., 2018) datasets.", "FooSet", "datasets", True, "FooSet"),
        # Over up to two lower-case modifiers.
        ("We use QUUX coding benchmarks.", "QUUX", "benchmarks", True, "QUUX"),
        # Not over a function word.
        ("We use QUUX and the benchmarks.", "QUUX", "benchmarks", True, None),
        # Not over modifiers when told not to.
        ("We use QUUX coding benchmarks.", "QUUX", "benchmarks", False, None),
    ],
)
def test_skip_left(
    abstract: str, name: str, head: str, modifiers: bool, expected: str | None
) -> None:
    tokens = tokens_of(abstract)
    i = index(tokens, name)
    ends = {i + 1: candidate(i, i + 1)}
    k = cues_apply.skip_left(tokens.words, index(tokens, head), 0, ends, modifiers=modifiers)
    assert (span(tokens, ends[k].start, k) if k in ends else None) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Bayesian methods", True),  # a lower-case noun after: an adjective
        ("Misty Lake and", False),  # a list goes on
        ("Quux which", False),  # a function word
        ("Quux ,", False),
        ("Quux", False),  # the sentence ends
    ],
)
def test_modifies_noun(words: str, expected: bool) -> None:
    split = words.split()
    assert cues_apply.modifies_noun(split, 1, len(split)) is expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("a collection of instruction-tuned models", True),
        ("a suite of open chat models", True),
        ("a collection of images", False),
        ("a collection of 3 models", False),  # a number is no modifier
        ("a collection with models", False),  # "of" is needed
    ],
)
def test_of_models(words: str, expected: bool) -> None:
    split = words.split()
    assert cues_apply.of_models(split, 2, len(split)) is expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("Llama", True), ("Zorbo", True), ("Bayesian", False), ("The", False), ("OpenAI", False),
     ("GPT-4", False), ("quux", False)],
)
def test_is_model_word(word: str, expected: bool) -> None:
    assert cues_apply.is_model_word(word, banned()) is expected


@pytest.mark.parametrize(
    ("abstract", "head", "expected"),
    [
        ("We use the DeepMind Control Suite benchmark.", "benchmark", "DeepMind Control Suite"),
        # "The" does not start a name to its right.
        ("It beats The Quux benchmark.", "benchmark", "Quux"),
        # A plural noun before the head is a description.
        ("We use the Training Algorithms benchmark.", "benchmark", None),
        # A lower-case word stops the name at once.
        ("We use the quux benchmark.", "benchmark", None),
    ],
)
def test_capture_name_left(abstract: str, head: str, expected: str | None) -> None:
    tokens = tokens_of(abstract)
    k = index(tokens, head)
    match = CueMatch(k, k + 1, cue("benchmark", "left_list"))
    lo = index(tokens, abstract.split()[0])
    start = cues_apply.capture_name_left(tokens, match, lo)
    assert span(tokens, start, k) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("On A , B and C , FooNet improves", True),  # the list goes on after B
        ("On A , FooNet improves on it", False),  # the comma closes "On A,"
        ("On A , B", False),  # the sentence ends
    ],
)
def test_list_goes_on(words: str, expected: bool) -> None:
    split = words.split()
    assert cues_apply.list_goes_on(split, split.index(","), len(split)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("three new datasets", (True, False)),
        ("a benchmark suite", (False, True)),
        ("the benchmark datasets", (True, False)),  # benchmark datasets are datasets
        ("a text corpus and a benchmark", (True, True)),
        ("nothing of the sort", (False, False)),
    ],
)
def test_sentence_words(text: str, expected: tuple[bool, bool]) -> None:
    assert cues_apply.sentence_words(text) == expected


@pytest.mark.parametrize(
    ("the_cue", "adjacent", "kinds"),
    [
        (cue("proposed", definitional=True), True, {(FIRED, True), (PROPOSES, "strong")}),
        (cue("proposed", definitional=True), False, {(FIRED, True), (PROPOSES, "weak")}),
        (cue("proposed"), True, {(FIRED, True), (PROPOSES, "weak")}),
        (cue("dataset"), True, {(FIRED, True), (TYPE, "dataset")}),
        (
            cue("benchmark", appositive=True),
            True,
            {(FIRED, True), (TYPE, "benchmark"), (DEFINES_TYPE, "benchmark")},
        ),
        (cue("method"), True, {(FIRED, True), (TYPE, "method"), (USED, True)}),
        (cue("used", owns_definition=True), True, {(FIRED, True), (USED, True), (OWNED, True)}),
        (cue("evaluation"), True, {(FIRED, True), (TYPE, "evaluation")}),
    ],
)
def test_apply_evidence(the_cue: Cue, adjacent: bool, kinds: set) -> None:
    c = candidate(0, 1)
    cues_apply.apply_evidence(c, the_cue, adjacent=adjacent)
    assert {(e.kind, e.value) for e in c.evidence} == kinds
    assert all(e.rule_id == "cue.test" for e in c.evidence)


def _apply_cues(abstract: str) -> dict[str, Candidate]:
    nlp = shared_extractor().nlp
    doc = nlp.make_doc("A study" + TITLE_SEPARATOR + abstract)
    for name in ("kg_gazetteer", "kg_cues"):
        doc = nlp.get_pipe(name)(doc)
    tokens = doc_tokens(doc)
    found = cands.shape_names(SourceInput(tokens, banned(), doc.user_data[GAZETTEER_KEY]))
    sent_of = token_sentences(tokens.starts, [s for s, _ in tokens.sentences])
    out = cues_apply.apply_cues(tokens, found, doc.user_data[CUES_KEY], sent_of, banned())
    return {span_text(tokens, c.start, c.end): c for c in out}


@pytest.mark.parametrize(
    ("abstract", "name", "proposed"),
    [
        ("We introduce ZorbLM for chat.", "ZorbLM", True),
        # A proposing verb after an organisation is another's release.
        ("Meta introduces ZorbLM for chat.", "ZorbLM", False),
        ("We evaluate ZorbLM for chat.", "ZorbLM", False),
    ],
)
def test_apply_cues(abstract: str, name: str, proposed: bool) -> None:
    assert _apply_cues(abstract)[name].proposed is proposed


def test_apply_cues_adds_the_names_a_cue_captures() -> None:
    found = _apply_cues("We play games such as Misty Lake and Blockfall.")
    assert {"Misty Lake", "Blockfall"} <= set(found)
    assert found["Misty Lake"].rule.startswith("cue.")


def _group(texts: Sequence[str], tokens: Tokens, *evidence: tuple) -> list[Candidate]:
    group = []
    for text in texts:
        first = text.split()[0]
        i = index(tokens, first)
        group.append(candidate(i, i + len(text.split()), *evidence))
    return group


def _says(dataset: bool, benchmark: bool):  # type: ignore[no-untyped-def]
    return lambda group: (dataset, benchmark)


@pytest.mark.parametrize(
    ("abstract", "name", "evidence", "says", "expected"),
    [
        ("We use Quux here.", "Quux", [(DEFINES_TYPE, "r", "dataset")], (0, 0),
         ("dataset", "type.defined_by_text")),
        ("We use Quux here.", "Quux", [(TYPE, "r", "method"), (TYPE, "r", "method"),
                                      (TYPE, "r", "dataset")], (0, 0),
         ("method", "type.method_cues")),
        ("We use Quux here.", "Quux", [(TYPE, "r", "benchmark")], (0, 0),
         ("benchmark", "type.cue_types")),
        ("We use the Quux Corpus here.", "Quux Corpus", [], (0, 0),
         ("dataset", "type.dataset_head")),
        ("We use the Quux Suite here.", "Quux Suite", [], (0, 0),
         ("benchmark", "type.benchmark_head")),
        ("We use QuuxBench here.", "QuuxBench", [], (0, 0),
         ("benchmark", "type.benchmark_shape")),
        ("We use Quux here.", "Quux", [(TYPE, "r", "evaluation")], (1, 0),
         ("dataset", "type.sentence_says_dataset")),
        ("We use Quux here.", "Quux", [(TYPE, "r", "evaluation")], (0, 1),
         ("benchmark", "type.sentence_says_benchmark")),
        ("We use Quux-7B here.", "Quux-7B", [(TYPE, "r", "evaluation")], (1, 0),
         ("method", "type.evaluated_model_name")),
        ("We use Quux here.", "Quux", [(KNOWN, "r", "dataset")], (0, 0),
         ("dataset", "type.known")),
        ("We use Quux here.", "Quux", [(LISTED, "r", "benchmark")], (0, 0),
         ("benchmark", "type.listed")),
        ("We use Quux here.", "Quux", [], (0, 0), ("method", "type.default_method")),
    ],
)
def test_pick_type(
    abstract: str, name: str, evidence: list, says: tuple[int, int], expected: tuple
) -> None:
    tokens = tokens_of(abstract)
    group = _group([name], tokens, *evidence)
    assert cues_apply.pick_type(group, tokens, _says(*map(bool, says))) == expected


# --- kg.extract.candidates ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "expected"),
    [("2-L", True), ("2-Chat", True), ("3.5-Haiku", True), ("2-7B", True), ("2-Foo", False),
     ("v2", False), ("Quux-2", False)],
)
def test_is_suffixed_version(word: str, expected: bool) -> None:
    assert cands.is_suffixed_version(word) is expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("RL-training", True), ("MT-Bench", False), ("Nimbus-7B-SFT", False), ("FooNet", False),
     ("LLM-QuuxNet", False), ("LLM-Quux", True)],
)
def test_banned_compound(word: str, expected: bool) -> None:
    assert cands.banned_compound(word, banned()) is expected


@pytest.mark.parametrize(
    ("abstract", "first", "expected"),
    [
        ("We tune Nimbus 2 70B today.", "Nimbus", "Nimbus 2 70B"),
        ("We tune Falcor 1.0 Pro today.", "Falcor", "Falcor 1.0 Pro"),
        ("We tune QuuxNet Large today.", "QuuxNet", "QuuxNet Large"),
        ("We tune Zorbo-4o mini today.", "Zorbo-4o", "Zorbo-4o mini"),
        # A number before a count noun is a count, not a version.
        ("We stack QuuxNet 3 layers deep.", "QuuxNet", "QuuxNet"),
        # A tier after a plain word is no tier.
        ("We tune Falcor Pro today.", "Falcor", "Falcor"),
        # span.edition: a name-shaped name keeps its year or numbered edition ...
        ("We test on QBLX 2024 and more.", "QBLX", "QBLX 2024"),
        ("We test on FooQA v2 and more.", "FooQA", "FooQA v2"),
        # ... but a plain word does not, nor does a name with a version already.
        ("In Spring 2024 we test more.", "Spring", "Spring"),
        ("We test QuuxNet 2 2024 today.", "QuuxNet", "QuuxNet 2"),
        ("We test on FooQA 3000 items.", "FooQA", "FooQA"),
        ("We test on QBLX 100k today.", "QBLX", "QBLX 100k"),
    ],
)
def test_extend_name(abstract: str, first: str, expected: str) -> None:
    tokens = tokens_of(abstract)
    i = index(tokens, first)
    assert span(tokens, i, cands.extend_name(tokens, i, i + 1)) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("our model outperforms MAE on it", True),  # a comparison before it
        ("we use an MAE encoder", True),  # a model noun after it
        ("we compare MAE and BEiT", True),  # listed with a name that is no metric
        ("we report lower MAE here", False),  # a measure word before it
        ("the MAE of 0.3", False),
        ("we report MAE 0.31", False),  # a number after it
        ("we report MAE and RMSE", False),  # listed with a metric
        ("we report MAE here", False),  # no method cue
    ],
)
def test_method_reading(words: str, expected: bool) -> None:
    split = words.split()
    assert cands.method_reading(split, split.index("MAE"), banned()) is expected


@pytest.mark.parametrize(
    ("short", "long_form", "expected"),
    [
        ("MAE", "Masked AutoEncoder", True),  # a metric's acronym defined as a method
        ("MAE", "mean absolute error", False),  # the metric itself
        ("RMSE", "Root Mean Square Error", False),  # Title-Case, but a metric's head
        ("QuuxNet", "Quux Network", False),  # no metric
    ],
)
def test_redefines_metric(short: str, long_form: str, expected: bool) -> None:
    assert cands.redefines_metric(short, long_form, banned()) is expected


@pytest.mark.parametrize(
    ("short", "long_form", "expected"),
    [
        ("LoQA", "low-rank quux adapters", True),
        ("AoA", "angle of attack", False),  # the small letter is a small word's
        ("QA", "quux adapters", False),  # no mixed case
    ],
)
def test_coined_short(short: str, long_form: str, expected: bool) -> None:
    assert cands.coined_short(short, long_form) is expected


@pytest.mark.parametrize(
    ("abstract", "name", "expected"),
    [
        ("We build a Flexible Adaptive Vision Transformer architecture.", "Vision Transformer",
         True),
        ("We use the Vision Transformer here.", "Vision Transformer", False),
        ("We use a Flexible BERT model.", "BERT", False),  # a name by shape stands alone
    ],
)
def test_inside_title_phrase(abstract: str, name: str, expected: bool) -> None:
    tokens = tokens_of(abstract)
    i = index(tokens, name.split()[0])
    sent_starts = {s for s, _ in tokens.sentences}
    assert cands.inside_title_phrase(tokens, i, i + len(name.split()), sent_starts) is expected


def test_merge_overlaps_keeps_the_longest_and_pools_a_repeated_span() -> None:
    short = candidate(0, 1, (FIRED, "shape.name"), rule="shape.name")
    long = candidate(0, 2, (FIRED, "gazetteer.method"), rule="gazetteer.method")
    same = candidate(0, 2, (KNOWN, "gazetteer.method", "method"), rule="shape.name")
    apart = candidate(3, 4, rule="shape.name")
    kept = cands.merge_overlaps([short, long, same, apart])
    assert kept == [long, apart]
    assert long.known_type == "method"  # the same span's evidence is pooled
    assert short not in kept


def test_merge_overlaps_gives_a_list_name_in_the_title_name_its_proposal() -> None:
    listed = candidate(0, 3, rule="gazetteer.method")
    title = candidate(0, 1, rule=cands.TITLE_NAME_RULE)
    assert cands.merge_overlaps([title, listed]) == [listed]
    assert listed.strong_proposed
    # A shape name inside a list name gets nothing.
    other = candidate(0, 3, rule="gazetteer.method")
    cands.merge_overlaps([candidate(0, 1, rule="shape.name"), other])
    assert not other.proposed


@pytest.mark.parametrize(
    ("abstract", "part", "named"),
    [
        (
            "QuuxNet integrates three core components: Blorp Phrase Grounding (BPG) and more.",
            "BPG",
            True,
        ),
        # A sentence not about the paper's own method names no part.
        ("ZorbNet integrates three components: Blorp Phrase Grounding (BPG) and more.", "BPG",
         False),
        # Without a word for parts, a definition is no part.
        ("QuuxNet is used with Blorp Phrase Grounding (BPG) and more.", "BPG", False),
    ],
)
def test_mark_named_parts(abstract: str, part: str, named: bool) -> None:
    tokens = tokens_of(abstract)
    source = SourceInput(tokens, banned(), [])
    found = cands.merge_overlaps(cands.shape_names(source) + cands.acronym_forms(source))
    for c in found:
        if span_text(tokens, c.start, c.end) == "QuuxNet":
            c.add(PROPOSES, "test", "strong")
    sent_of = token_sentences(tokens.starts, [s for s, _ in tokens.sentences])
    cands.mark_named_parts(tokens, found, sent_of)
    [target] = [c for c in found if span_text(tokens, c.start, c.end) == part]
    assert ("cue.named_part" in target.cues) is named


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("QuestLadder: A Benchmark for Quests", ["benchmark"]),
        ("QuestLadder: A Dataset of Quests", ["dataset"]),
        ("QuestLadder: A Benchmark Dataset of Quests", ["dataset"]),
        ("QuestLadder: Learning to Quest", []),
    ],
)
def test_type_title_name(title: str, expected: list[str]) -> None:
    tokens = tokens_of("We study quests.", title)
    [name] = cands.title_names(SourceInput(tokens, banned(), []))
    cands.type_title_name(tokens, name)
    assert name.types == expected


def test_token_sentences_and_is_capitalised() -> None:
    assert token_sentences([0, 5, 10, 20], [0, 8]) == [0, 0, 1, 1]
    assert token_sentences([0, 3], [0]) == [0, 0]
    assert cands.is_capitalised("Quux") and not cands.is_capitalised("The")
    assert not cands.is_capitalised("quux")


# --- kg.extract.decide ----------------------------------------------------------------------


def paper_of(tokens: Tokens, group: Sequence[Candidate]) -> decide.PaperView:
    sent_of = token_sentences(tokens.starts, [s for s, _ in tokens.sentences])
    first: dict[int, int] = {}
    for i, s in enumerate(sent_of):
        first.setdefault(s, i)
    texts = {id(c): span_text(tokens, c.start, c.end) for c in group}
    return decide.PaperView(tokens, texts, banned(), sent_of, first, _says(False, False))


@pytest.mark.parametrize(
    ("abstract", "name", "evidence", "reason"),
    [
        ("We propose Quux Net today.", "Quux Net", [(FORM, "r", "long")], "drop.long_form_alone"),
        ("We improve the QF-all metric.", "QF-all", [], "drop.before_metric"),
        ("We report BLEU, ROUGE and FooEval here.", "FooEval", [], "generic.measure_or_task"),
        ("We work in domains such as FinQuux here.", "FinQuux", [],
         "generic.category_or_software"),
        ("We use a QuuxNet-like decoder.", "QuuxNet", [], "generic.modifier_use"),
        ("We study SLQ here.", "SLQ", [(FORM, "r", "short"), (DOUBT, "r", True)],
         "drop.needs_cue"),
        ("We study JAHS here.", "JAHS", [(FORM, "r", "short"), (LOWER_DEFINITION, "r")],
         "drop.lower_case_definition"),
        ("AI has mastered games like Quuxgo.", "Quuxgo", [], "rule.named_as_history"),
        # "-style" is a modifier suffix too: modifier_use drops it before rule.family_modifier
        # (whose suffixes are a subset of modifier_suffixes) is reached.
        ("We use QuuxNet-style encoders.", "QuuxNet", [], "generic.modifier_use"),
    ],
)
def test_decide_drops(abstract: str, name: str, evidence: list, reason: str) -> None:
    tokens = tokens_of(abstract)
    group = _group([name], tokens, *evidence)
    decision = decide.decide(group, paper_of(tokens, group))
    assert (decision.keep, decision.reason) == (False, reason)


@pytest.mark.parametrize(
    ("evidence", "role", "reason"),
    [
        ([(PROPOSES, "r", "strong")], "proposed", "type.default_method; role.strong_proposal"),
        ([(PROPOSES, "r", "weak")], "proposed", "type.default_method; role.proposed_unlisted"),
        # A weak proposal of a name a list knows: used.
        ([(PROPOSES, "r", "weak"), (KNOWN, "r", "method")], "used", "type.known; role.used"),
        ([(FORM, "r", "short"), (OWNED, "r")], "proposed",
         "type.default_method; role.owned_definition"),
        ([(TYPE, "r", "dataset"), (PROPOSES, "r", "strong")], "introduced",
         "type.cue_types; role.strong_proposal"),
        ([], "used", "type.default_method; role.used"),
    ],
)
def test_decide_keeps(evidence: list, role: str, reason: str) -> None:
    tokens = tokens_of("We build QuuxNet today.")
    group = _group(["QuuxNet"], tokens, *evidence)
    decision = decide.decide(group, paper_of(tokens, group))
    assert (decision.keep, decision.role, decision.reason) == (True, role, reason)


@pytest.mark.parametrize(
    ("abstract", "name", "evidence", "expected"),
    [
        ("We report BLEU and FooEval here.", "FooEval", [], True),
        ("We train for the FGD task here.", "FGD", [], True),
        ("We report QuuxScore here.", "QuuxScore", [], True),
        # A known name or a dataset cue keeps it.
        ("We report BLEU and FooEval here.", "FooEval", [(TYPE, "r", "dataset")], False),
        ("We train on FooEval here.", "FooEval", [], False),
    ],
)
def test_reads_as_measure_or_task(abstract: str, name: str, evidence: list, expected: bool) -> None:
    tokens = tokens_of(abstract)
    group = _group([name], tokens, *evidence)
    texts = {id(c): span_text(tokens, c.start, c.end) for c in group}
    assert decide.reads_as_measure_or_task(group, tokens, texts, banned()) is expected


@pytest.mark.parametrize(
    ("abstract", "name", "evidence", "expected"),
    [
        ("We work in domains such as FinQuux here.", "FinQuux", [], True),
        ("It is written with the QuuxLib library.", "QuuxLib", [], True),
        # The paper's own stays.
        ("We work in domains such as FinQuux here.", "FinQuux", [(PROPOSES, "r", "weak")], False),
        ("We train QuuxNet here.", "QuuxNet", [], False),
    ],
)
def test_reads_as_category_or_software(
    abstract: str, name: str, evidence: list, expected: bool
) -> None:
    tokens = tokens_of(abstract)
    group = _group([name], tokens, *evidence)
    assert decide.reads_as_category_or_software(group, tokens.words) is expected


def entity(name: str, type_: str = "method", role: str = "used", *, at: int = 0,
           rule: str = "shape.name", aliases: tuple[str, ...] = ()) -> FoundEntity:
    mention = FoundMention(name, at, at + len(name), 0, rule)
    return FoundEntity(name, type_, role, aliases, (mention,))


@pytest.mark.parametrize(
    ("names", "pairs"),
    [
        ({"Quux", "Quux-Large", "Quux 7B"}, [("Quux", "Quux 7B"), ("Quux", "Quux-Large")]),
        ({"Quux", "Quuxology"}, []),
        ({"Quux", "Quux-Net"}, []),
    ],
)
def test_sized_pairs(names: set[str], pairs: list) -> None:
    assert sorted(decide.sized_pairs(names)) == pairs


@pytest.mark.parametrize(
    ("name", "forms", "not_forms"),
    [
        ("Auto-QNN", {"aqnn"}, {"auto"}),
        ("Zeta-QUUX", {"quux"}, {"zeta"}),
        ("Quux-$\\pi$", {"quux-pi"}, set()),
    ],
)
def test_title_forms(name: str, forms: set[str], not_forms: set[str]) -> None:
    got = decide.title_forms(name)
    from kg.names import normalize_name

    assert {normalize_name(f) for f in forms} <= got
    assert not {normalize_name(f) for f in not_forms} & got


def test_merge_title_forms() -> None:
    title = entity("Zeta-QUUX", role="proposed", rule="cue.title_name")
    ours = entity("QUUX", role="proposed", at=30)
    other = entity("FooNet", at=50)
    merged = decide.merge_title_forms([title, ours, other])
    assert [e.name for e in merged] == ["QUUX", "FooNet"]
    assert merged[0].aliases == ("Zeta-QUUX",)
    # A used name is not the title's.
    assert decide.merge_title_forms([title, entity("QUUX", at=30)])[0] is title


@pytest.mark.parametrize(
    ("name", "key"),
    [("Quux Transformer", ("method", "QT", 2)), ("QuuxNet Transformer", None), ("Quux", None),
     ("quux transformer", None)],
)
def test_spelled_out_key(name: str, key: tuple | None) -> None:
    assert decide.spelled_out_key(entity(name)) == key


def test_merge_spelled_out() -> None:
    long = entity("Quux Transformer", role="proposed")
    short = entity("QT", at=40)
    merged = decide.merge_spelled_out([long, short])
    assert [(e.name, e.role, e.aliases) for e in merged] == [
        ("QT", "proposed", ("Quux Transformer",))
    ]
    # Another type, or initials that differ, stay apart.
    assert len(decide.merge_spelled_out([long, entity("QT", "dataset", at=40)])) == 2
    assert len(decide.merge_spelled_out([long, entity("QX", at=40)])) == 2


@pytest.mark.parametrize(
    ("text", "joint", "expected"),
    [
        ("On QuuxQA, FooNet improves a lot.", ", ", True),
        ("On QuuxQA, FooNet and BarNet.", ", ", False),  # no verb after the name
        ("On QuuxQA and FooNet improves.", " and ", False),  # no bare comma
    ],
)
def test_clause_after_comma(text: str, joint: str, expected: bool) -> None:
    end = text.index("FooNet") + len("FooNet")
    assert decide.clause_after_comma(joint, text, end) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on QuuxSet and FooQA", "dataset"),  # listed next to a dataset
        ("on QuuxSet, FooQA", "dataset"),
        ("on QuuxSet; later FooQA", "method"),  # not one list
    ],
)
def test_type_by_siblings(text: str, expected: str) -> None:
    dataset = entity("QuuxSet", "dataset", at=text.index("QuuxSet"), rule="gazetteer.dataset")
    bare = entity("FooQA", at=text.index("FooQA"))
    out = decide.type_by_siblings([dataset, bare], text)
    assert out[1].type == expected


@pytest.mark.parametrize(
    ("name", "prefix"), [("CV-QuuxLoss", "CV-"), ("QuuxLoss", None), ("ABCDE-Foo", None),
                         ("Cv-Foo", None)]
)
def test_family_prefix(name: str, prefix: str | None) -> None:
    assert decide.family_prefix(name) == prefix


@pytest.mark.parametrize(
    ("name", "expected"), [("KNT-D", True), ("KNT-W-2", True), ("KNTD", False), ("KN-D", False)]
)
def test_dash_variant(name: str, expected: bool) -> None:
    assert decide.dash_variant(name, {"KNT"}) is expected


def test_variants_of_proposed() -> None:
    ours = entity("KNT", role="proposed")
    variant = entity("KNT-D", at=10)
    family = entity("CV-FooLoss", at=20)
    other = entity("BarNet", at=30)
    out = decide.variants_of_proposed([ours, entity("CV-QuuxLoss", role="proposed", at=40),
                                       variant, family, other])
    assert [e.role for e in out] == ["proposed", "proposed", "proposed", "proposed", "used"]
    # Nothing proposed: nothing changes.
    assert decide.variants_of_proposed([variant])[0].role == "used"


# --- kg.extract.generic and kg.extract.shapes -----------------------------------------------


@pytest.mark.parametrize(
    ("words", "expected"),
    [("a QuuxNet -like decoder", True), ("GPT -style prompts", True),
     ("a QuuxNet -based judge", False), ("a QuuxNet decoder", False)],
)
def test_modifier_use(words: str, expected: bool) -> None:
    split = words.split()
    name = next(i for i, w in enumerate(split) if w[:1].isupper())
    assert generic.modifier_use(split, name + 1) is expected


@pytest.mark.parametrize(
    ("words", "items"),
    [
        ("BLEU , ROUGE and FooEval", ["ROUGE", "BLEU"]),
        ("FooEval , BLEU and ROUGE", ["BLEU", "ROUGE"]),
        ("we report FooEval here", []),
    ],
)
def test_list_items(words: str, items: list[str]) -> None:
    split = words.split()
    i = split.index("FooEval")
    assert generic.list_items(split, i, i + 1)[0] == items


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("SimCLR", True), ("GPT-4o", True), ("mBERT", True), ("ResNet-50", True),
        ("zorbo-3-opus", True), ("wav2vec", True), ("Qwen2.5", True), ("T5X", True),
        ("Self-Attention", False), ("7B", False), ("LLMs", False), ("top-1", False),
        ("W.R.T", False), ("K=3", False), ("CO_2", False), ("12%", False), ("L3", False),
        ("E4-recorded", False), ("14B-parameter", False), ("quux", False), ("Quux", False),
    ],
)
def test_is_name_shaped(word: str, expected: bool) -> None:
    assert shapes.is_name_shaped(word) is expected


@pytest.mark.parametrize(
    ("rule", "word", "expected"),
    [
        (shapes.is_plural_family, "LLMs", True), (shapes.is_plural_family, "ViTs", True),
        (shapes.is_plural_family, "SMS", False), (shapes.is_plural_family, "Quux", False),
        (shapes.is_version, "2.0", True), (shapes.is_version, "II", True),
        (shapes.is_version, "B7", True), (shapes.is_version, "Quux", False),
        (shapes.is_model_size, "70B", True), (shapes.is_model_size, "1.5B", True),
        (shapes.is_model_size, "Quux", False), (shapes.is_model_size, "2024", False),
    ],
)
def test_shape_rules(rule, word: str, expected: bool) -> None:  # type: ignore[no-untyped-def]
    assert rule(word) is expected



@pytest.mark.parametrize(
    ("target", "abstract", "cue_id", "name", "kinds"),
    [
        ("right_first", "We propose QuuxNet for it.", "cue.we_propose", "QuuxNet",
         ["fired", "proposes", "proposes"]),
        ("left_first", "QuuxNet is proposed to solve it.", "cue.is_proposed_left", "QuuxNet",
         ["fired", "proposes"]),
        ("right_list", "We are evaluated on FooSet and BarSet.", "cue.evaluated_on", "BarSet",
         ["fired", "type"]),
    ],
)
def test_a_target_rule_returns_its_findings_and_changes_no_candidate(
    target: str, abstract: str, cue_id: str, name: str, kinds: list[str]
) -> None:
    nlp = shared_extractor().nlp
    doc = nlp.get_pipe("kg_cues")(nlp.make_doc("A study" + TITLE_SEPARATOR + abstract))
    tokens = doc_tokens(doc)
    found = cands.shape_names(SourceInput(tokens, banned(), []))
    site = cues_apply.CueSite(
        tokens, banned(), {c.start: c for c in found}, {c.end: c for c in found}
    )
    [match] = [m for m in doc.user_data[CUES_KEY] if m.cue.id == cue_id]
    findings = cues_apply.TARGET_RULES[target](site, match, 0, len(tokens.words))
    assert all(not c.evidence for c in found)  # nothing attached yet
    [cand] = [c for c in found if span_text(tokens, c.start, c.end) == name]
    assert [f.evidence.kind for f in findings if f.candidate is cand and f.evidence] == kinds
    for finding in findings:
        finding.apply()
    assert [e.kind for e in cand.evidence] == kinds
