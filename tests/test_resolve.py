"""Corpus-wide entity resolution: canonical keys, acronyms, variants, type votes, senses."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.graph import build_graph, find_entity
from kg.graph.resolve import Resolver, load_synonyms, variant_base
from kg.names import canonical_key, entity_id, is_long_form, normalize_name
from kg.records import ExtractedEntity
from tests.graph_records import extraction


@pytest.mark.parametrize(
    ("a", "b"),
    [("MS-COCO", "ms coco"), ("MSCOCO", "MS COCO"), ("BERT-Base", "bert_base"),
     ("ResNet-50", "ResNet50"), ("GPT-4o", "gpt 4o"), ("Ｉｍａｇｅ Net", "imagenet")],
)
def test_canonical_key_folds_case_spaces_hyphens_punctuation(a: str, b: str) -> None:
    assert canonical_key(a) == canonical_key(b)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_canonical_key_is_the_base_fold_of_the_nfkc_text_outside_long_forms(text: str) -> None:
    # The graph's key is looser than the extractor's in two documented ways only: NFKC first,
    # and a plural s folded in a multi-word long form (which may then drop one "s").
    nfkc = unicodedata.normalize("NFKC", text)
    if is_long_form(text):
        assert len(canonical_key(text)) >= len(normalize_name(nfkc)) - len(text.split())
    else:
        assert canonical_key(text) == normalize_name(nfkc)
    assert canonical_key(canonical_key(text)) == canonical_key(text)


@pytest.mark.parametrize(("a", "b"), [("ResNet-50", "ResNet-101"), ("GPT-4", "GPT-4o"),
                                      ("CIFAR-10", "CIFAR-100")])
def test_canonical_key_keeps_what_differs(a: str, b: str) -> None:
    assert canonical_key(a) != canonical_key(b)


@pytest.mark.parametrize(
    ("name", "base", "rule"),
    [
        ("ResNet-50", "ResNet", "variant.version"),
        ("ResNet50", "ResNet", "variant.version"),
        ("BERT-Base", "BERT", "variant.size"),
        ("MAFormer-L", "MAFormer", "variant.size"),
        ("LLaMA-2-7B", "LLaMA-2", "variant.size"),
        ("LLaMA-2", "LLaMA", "variant.version"),
        ("GPT-4o", "GPT", "variant.version"),
        ("YOLOv8", "YOLO", "variant.version"),
        ("Qwen2.5", "Qwen", "variant.version"),
        ("ViT-B/16", "ViT-B", "variant.version"),
        ("EfficientNet-B7", "EfficientNet", "variant.size"),
        ("Swin-T", "Swin", "variant.size"),
        ("Llama 3.1", "Llama", "variant.version"),
        ("MobileNetV3", "MobileNet", "variant.version"),
        ("SimCLRv2", "SimCLR", "variant.version"),
    ],
)
def test_variant_base(name: str, base: str, rule: str) -> None:
    assert variant_base(name) == (base, rule)


@pytest.mark.parametrize("name", ["T5", "R-CNN", "U-Net", "word2vec", "BERT", "Transformer",
                                  "S4", "3D", "Mask R-CNN", "TD3", "Seq2Seq", "DALL-E",
                                  "SpeechT5", "FLAN-T5"])
def test_not_a_variant(name: str) -> None:
    assert variant_base(name) is None


@pytest.mark.parametrize(("form", "long"), [("context autoencoder", True),
                                            ("Low-Rank Adaptation", True), ("MS COCO", True),
                                            ("CAE", False), ("ResNet-50", False),
                                            ("GPT 4", False)])
def test_is_long_form(form: str, long: bool) -> None:
    assert is_long_form(form) is long


def _edges(G, pid: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {v: k for _, v, k in G.out_edges(pid, keys=True)}


def test_acronym_long_form_learned_in_one_paper_applies_everywhere() -> None:
    G = build_graph([
        extraction("p1", "CAE", "We propose context autoencoder (CAE) for images.",
                   methods=[("CAE", "proposed", ["context autoencoder"])]),
        extraction("p2", "Study", "We build on the Context AutoEncoder.",
                   methods=[("Context AutoEncoder", "used")]),
        extraction("p3", "Other", "CAE is strong.", methods=[("CAE", "used")]),
    ])
    methods = [n for n, label in G.nodes(data="label") if label == "Method"]
    assert methods == ["entity:cae"]
    node = G.nodes["entity:cae"]
    assert node["name"] == "CAE"
    assert {"context autoencoder", "Context AutoEncoder"} <= set(node["aliases"])
    assert node["paper_count"] == 3
    assert _edges(G, "p1") == {"entity:cae": "PROPOSES"}
    assert _edges(G, "p2") == {"entity:cae": "USES"}


def test_case_and_hyphen_variants_and_learned_synonyms_are_one_node() -> None:
    G = build_graph([
        extraction("p1", "A", "Results on MS-COCO.", datasets=[("MS-COCO", "used")]),
        extraction("p2", "B", "Results on ms coco.", datasets=[("ms coco", "used")]),
        extraction("p3", "C", "We use MSCOCO (COCO).", datasets=[("MSCOCO", "used", ["COCO"])]),
        extraction("p4", "D", "Detection on COCO.", datasets=[("COCO", "used")]),
    ])
    datasets = [n for n, label in G.nodes(data="label") if label == "Dataset"]
    assert datasets == ["entity:coco"]
    assert G.nodes["entity:coco"]["paper_count"] == 4
    for name in ("COCO", "MS COCO", "ms-coco", "MSCOCO"):
        assert find_entity(G, name) == "entity:coco"


def test_version_variants_are_separate_nodes_linked_to_their_base() -> None:
    G = build_graph([
        extraction("p1", "MAFormer", "MAFormer-L beats ResNet-50 and BERT-Base.",
                   methods=[("MAFormer", "proposed", ["MAFormer-L"]), ("ResNet-50", "used"),
                            ("BERT-Base", "used")]),
        extraction("p2", "B", "We fine-tune LLaMA-2-7B and compare with ResNet.",
                   methods=[("LLaMA-2-7B", "used"), ("ResNet", "used")]),
    ])
    variant_of = {u: v for u, v, k in G.edges(keys=True) if k == "VARIANT_OF"}
    assert variant_of == {
        "entity:maformerl": "entity:maformer",
        "entity:resnet50": "entity:resnet",
        "entity:bertbase": "entity:bert",
        "entity:llama27b": "entity:llama2",
        "entity:llama2": "entity:llama",
    }
    # MAFormer-L was an alias of MAFormer in p1: its mention gets its own node and edge.
    assert _edges(G, "p1")["entity:maformerl"] == "PROPOSES"
    assert _edges(G, "p1")["entity:maformer"] == "PROPOSES"
    # A base nobody names directly is still a node, reachable from the variant's name.
    assert G.nodes["entity:bert"]["paper_count"] == 0
    assert G.nodes["entity:resnet"]["paper_count"] == 1
    from kg.graph import variants_of
    assert variants_of(G, find_entity(G, "ResNet")) == ["entity:resnet50"]
    assert variants_of(G, "entity:llama") == ["entity:llama2", "entity:llama27b"]


def test_type_conflict_resolved_by_majority_with_alternatives() -> None:
    G = build_graph([
        extraction("p1", "A", "We use SQuAD.", datasets=[("SQuAD", "used")]),
        extraction("p2", "B", "We use SQuAD.", datasets=[("SQuAD", "used")]),
        extraction("p3", "C", "The SQuAD benchmark.", benchmarks=[("SQuAD", "used")]),
        extraction("p4", "D", "The GLUE benchmark.", benchmarks=[("GLUE", "used")]),
        extraction("p5", "E", "The GLUE dataset.", datasets=[("GLUE", "used")]),
    ])
    assert G.nodes["entity:squad"]["type_alternatives"] == ["Benchmark:1"]
    assert G.nodes["entity:squad"]["label"] == "Dataset"
    # All three papers point at the one node, whatever type they gave it.
    assert {u for u, _ in G.in_edges("entity:squad")} == {"p1", "p2", "p3"}
    # A tie goes to Dataset (the guidelines' choice when torn).
    assert G.nodes["entity:glue"]["type_alternatives"] == ["Benchmark:1"]


def test_a_name_typed_method_and_dataset_becomes_one_node_of_the_majority_type() -> None:
    G = build_graph([
        extraction("p1", "A", "We train on GSM8K.", benchmarks=[("GSM8K", "used")]),
        extraction("p2", "B", "Results on GSM8K.", benchmarks=[("GSM8K", "used")]),
        extraction("p3", "C", "GSM8K and ResNet.", methods=[("GSM8K", "used"), ("ResNet", "used")]),
        extraction("p4", "D", "We fine-tune BERT.", methods=[("BERT", "used")]),
        extraction("p5", "E", "BERT is our dataset.", datasets=[("BERT", "used")]),
        extraction("p6", "F", "We use BERT.", methods=[("BERT", "used")]),
    ])
    assert G.nodes["entity:gsm8k"]["label"] == "Benchmark"
    assert G.nodes["entity:bert"]["label"] == "Method"
    assert G.nodes["entity:gsm8k"]["type_alternatives"] == ["Method:1"]
    assert G.nodes["entity:bert"]["type_alternatives"] == ["Dataset:1"]
    # The minority paper's edge follows the node's type: p3 evaluates on GSM8K.
    assert G.has_edge("p3", "entity:gsm8k", key="EVALUATES_ON")
    assert G.has_edge("p5", "entity:bert", key="USES")
    # ...and the same-sentence pair becomes a method x benchmark link.
    assert G.has_edge("entity:resnet", "entity:gsm8k", key="EVALUATED_ON")


def test_a_variant_of_a_dataset_name_gets_no_method_base() -> None:
    G = build_graph([
        extraction("p1", "A", "Top-1 on ImageNet.", datasets=[("ImageNet", "used")]),
        extraction("p2", "B", "ImageNet-21K pretraining.", methods=[("ImageNet-21K", "used")]),
    ])
    assert G.nodes["entity:imagenet"]["label"] == "Dataset"
    assert not [e for e in G.edges(keys=True) if e[2] == "VARIANT_OF"]


def test_shared_acronym_with_different_long_forms_is_kept_apart() -> None:
    G = build_graph([
        extraction("p1", "A", "We propose a context autoencoder (CAE).",
                   methods=[("CAE", "proposed", ["context autoencoder"])]),
        extraction("p2", "B", "A convolutional autoencoder (CAE) denoises.",
                   methods=[("CAE", "used", ["convolutional autoencoder"])]),
        extraction("p3", "C", "Our Context Autoencoder (CAE) again.",
                   methods=[("CAE", "used", ["Context Autoencoder"])]),
        extraction("p4", "D", "CAE alone is ambiguous.", methods=[("CAE", "used")]),
    ])
    sense_a = next(iter(_edges(G, "p1")))
    sense_b = next(iter(_edges(G, "p2")))
    assert sense_a != sense_b
    assert _edges(G, "p3") == {sense_a: "USES"}
    assert "context autoencoder" in G.nodes[sense_a]["aliases"]
    assert "convolutional autoencoder" in G.nodes[sense_b]["aliases"]
    assert "convolutional autoencoder" not in G.nodes[sense_a]["aliases"]
    # A bare mention with no long form in its paper is not guessed into either sense.
    bare = next(iter(_edges(G, "p4")))
    assert bare not in (sense_a, sense_b)
    assert {G.nodes[n]["name"] for n in (sense_a, sense_b, bare)} == {"CAE"}


def test_long_forms_that_agree_are_one_sense() -> None:
    G = build_graph([
        extraction("p1", "A", "Low-Rank Adaptation (LoRA) is cheap.",
                   methods=[("LoRA", "used", ["Low-Rank Adaptation"])]),
        extraction("p2", "B", "We use low rank adaptation of LLMs (LoRA).",
                   methods=[("LoRA", "used", ["low rank adaptation of LLMs"])]),
    ])
    assert [n for n, label in G.nodes(data="label") if label == "Method"] == ["entity:lora"]


@pytest.mark.parametrize(("acronym", "first", "second"), [
    ("LoRA", "Low-Rank Adaptation", "Low-Rank Adapters"),
    ("ViT", "Vision Transformers", "Vision Transformer models"),
    ("HRL", "hierarchical reinforcement learning", "hierarchical RL"),
])
def test_expansions_with_the_same_content_words_are_one_sense(acronym: str, first: str,
                                                               second: str) -> None:
    G = build_graph([
        extraction("p1", "A", f"We use {first} ({acronym}).",
                   methods=[(acronym, "used", [first])]),
        extraction("p2", "B", f"We use {second} ({acronym}).",
                   methods=[(acronym, "used", [second])]),
    ])
    assert [n for n, label in G.nodes(data="label") if label == "Method"] == [
        entity_id(canonical_key(acronym))]


def test_expansion_in_the_aliases_does_not_make_a_variant() -> None:
    G = build_graph([extraction("p1", "A", "Gated Transformer-XL (GTrXL) is stable.",
                                methods=[("GTrXL", "used", ["Gated Transformer-XL"])])])
    assert not [e for e in G.edges(keys=True) if e[2] == "VARIANT_OF"]


def test_no_two_nodes_of_a_label_share_a_canonical_key() -> None:
    G = build_graph([
        extraction("p1", "A", "A context autoencoder (CAE) on MS-COCO.",
                   methods=[("CAE", "proposed", ["context autoencoder"])],
                   datasets=[("MS-COCO", "used")]),
        extraction("p2", "B", "A convolutional autoencoder (CAE) on mscoco.",
                   methods=[("CAE", "used", ["convolutional autoencoder"])],
                   datasets=[("mscoco", "used")]),
        extraction("p3", "C", "CAE and ResNet-50 and ResNet50.",
                   methods=[("CAE", "used"), ("ResNet-50", "used"), ("ResNet50", "used")]),
    ])
    seen: set[str] = set()
    for n, attrs in G.nodes(data=True):
        if attrs["label"] in ("Method", "Dataset", "Benchmark"):
            # Stricter than per label: one canonical key, one node, whatever its label.
            assert attrs["canonical"] not in seen, n
            seen.add(attrs["canonical"])
            assert n == entity_id(attrs["canonical"])


def _resolve(*papers: list[ExtractedEntity], **options: object) -> list[str]:
    resolver = Resolver(**options)  # type: ignore[arg-type]
    for i, entities in enumerate(papers):
        resolver.add(f"p{i}", entities)
    return sorted(resolver.resolve().nodes)


def test_known_synonyms_join_spellings_no_paper_pairs() -> None:
    ms_coco = [ExtractedEntity("MS COCO", "dataset", "used")]
    coco = [ExtractedEntity("COCO", "dataset", "used")]
    assert _resolve(ms_coco, coco) == ["entity:coco"]
    assert _resolve(ms_coco) == ["entity:coco"]  # the id does not depend on the spelling
    assert _resolve(ms_coco, coco, synonyms=()) == ["entity:coco", "entity:mscoco"]


def test_known_synonyms_make_no_nodes_by_themselves() -> None:
    assert load_synonyms()  # the shipped file loads and is well-formed
    assert _resolve() == []
    assert _resolve([ExtractedEntity("BERT", "method", "used")]) == ["entity:bert"]


def test_plural_of_a_long_form_is_the_same_entity() -> None:
    assert canonical_key("Vision Transformers") == canonical_key("vision transformer")
    assert canonical_key("Gaussian Process") == "gaussianprocess"
    assert canonical_key("Adams") == "adams"  # single names keep their s
    assert _resolve([ExtractedEntity("Vision Transformers", "method", "used")],
                    [ExtractedEntity("Vision Transformer", "method", "used")],
                    synonyms=()) == ["entity:visiontransformer"]
