"""Hand-made ``PaperExtraction`` records for the resolution and graph tests.

``extraction(pid, title, abstract, methods=[...], datasets=[...], ...)`` finds every
occurrence of each entity's name and aliases in the paper text and makes real ``Mention``s
(offsets into ``Paper.text``, sentence index), the way the extractor reports them, so the
graph stage is tested without depending on the extractor's output.
"""

from __future__ import annotations

import re
from typing import Any

from kg.records import (
    ExtractedEntity,
    Mention,
    Paper,
    PaperExtraction,
    RepositoryRef,
)

Spec = tuple[Any, ...]  # (name, role) or (name, role, aliases)


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: the title, then abstract sentences split after . ! ?"""
    spans = []
    start = 0
    for match in re.finditer(r"\n\n|(?<=[.!?])\s+", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _mentions(text: str, forms: list[str], rule: str) -> tuple[Mention, ...]:
    spans = _sentences(text)
    found = []
    taken: set[int] = set()
    for form in sorted(forms, key=len, reverse=True):
        for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
            if taken & set(range(m.start(), m.end())):
                continue
            taken |= set(range(m.start(), m.end()))
            index = next(i for i, (s, e) in enumerate(spans) if s <= m.start() < e + 1)
            s, e = spans[index]
            found.append(Mention(form, m.start(), m.end(), text[s:e], index, rule))
    return tuple(sorted(found, key=lambda x: x.start))


def _entities(text: str, specs: list[Spec], type_: str) -> list[ExtractedEntity]:
    out = []
    for spec in specs:
        name, role, aliases = (*spec, ())[:3]
        mentions = _mentions(text, [name, *aliases], f"test.{type_}")
        out.append(ExtractedEntity(name, type_, role, tuple(aliases), mentions))  # type: ignore[arg-type]
    return out


def extraction(pid: str, title: str, abstract: str, *, methods: list[Spec] = (),  # type: ignore[assignment]
               datasets: list[Spec] = (), benchmarks: list[Spec] = (),  # type: ignore[assignment]
               repositories: list[str] = (), **paper: Any) -> PaperExtraction:  # type: ignore[assignment]
    p = Paper(pid, title, abstract, **paper)
    text = p.text
    repos = [RepositoryRef(url, _mentions(text, [url], "url.repository")) for url in repositories]
    return PaperExtraction(
        paper=p,
        methods=_entities(text, list(methods), "method"),
        datasets=_entities(text, list(datasets), "dataset"),
        benchmarks=_entities(text, list(benchmarks), "benchmark"),
        repositories=repos,
    )


HOSTILE = "<script>alert(1)</script> \"Quoted\", 'single'; semi|pipe `tick` \\ back"


def corpus() -> list[PaperExtraction]:
    """Six papers covering every node label and relationship type, acronyms, variants, a type
    conflict, an ambiguous acronym, a repository and hostile text."""
    return [
        extraction(
            "arxiv:2401.00001", "MAFormer: Multi-scale Attention Fusion",
            "We introduce Multi-scale Attention Fusion (MAFormer). MAFormer-L reaches 85.9% on "
            "ImageNet, beating ResNet-50 and CSWin. On MS-COCO, MAFormer beats CSWin.",
            methods=[("MAFormer", "proposed", ["Multi-scale Attention Fusion", "MAFormer-L"]),
                     ("ResNet-50", "used"), ("CSWin", "used")],
            datasets=[("ImageNet", "used"), ("MS-COCO", "used")],
            date="2024-01-02", authors=("A. One", "B. Two"), author_count=2, upvotes=7,
            url="https://huggingface.co/papers/2401.00001",
        ),
        extraction(
            "arxiv:2401.00002", HOSTILE,
            "We fine-tune BERT-Base on SQuAD and evaluate on GLUE; code at "
            "https://github.com/org/repo. A context autoencoder (CAE) helps.",
            methods=[("BERT-Base", "used"), ("CAE", "proposed", ["context autoencoder"])],
            datasets=[("SQuAD", "used")], benchmarks=[("GLUE", "used")],
            repositories=["https://github.com/org/repo"],
        ),
        extraction(
            "doi:10.1000/xyz", "A study of detection",
            "We compare ResNet and CSWin on MSCOCO (COCO). The SQuAD benchmark is also used. "
            "A convolutional autoencoder (CAE) denoises.",
            methods=[("ResNet", "used"), ("CSWin", "used"),
                     ("CAE", "used", ["convolutional autoencoder"])],
            datasets=[("MSCOCO", "used", ["COCO"])], benchmarks=[("SQuAD", "used")],
        ),
        extraction(
            "title:0123456789abcdef", "Introducing DetBench",
            "We introduce DetBench, a benchmark for detection, and evaluate LLaMA-2-7B and "
            "GPT-4o on it and on COCO. See https://github.com/org/detbench for code.",
            methods=[("LLaMA-2-7B", "used"), ("GPT-4o", "used")],
            datasets=[("COCO", "used")], benchmarks=[("DetBench", "introduced")],
            repositories=["https://github.com/org/detbench"],
        ),
        extraction(
            "arxiv:2402.00005", "SQuAD again",
            "Experiments on SQuAD with BERT show gains. CAE is mentioned without a long form.",
            methods=[("BERT", "used"), ("CAE", "used")], datasets=[("SQuAD", "used")],
        ),
        extraction("arxiv:2402.00006", "Nothing named here", "We study a problem in general."),
    ]
