"""The Python question API over the networkx graph."""

from __future__ import annotations

import pytest

from kg.analysis.questions import (
    EntityNotFound,
    cooccurrence,
    find_entities,
    find_entity,
    methods_evaluated_on,
    neighbourhood,
    papers_using,
)
from kg.errors import QueryError, SchemaError
from tests.sample_graph import sample_graph


@pytest.fixture(scope="module")
def G():
    return sample_graph()


@pytest.mark.parametrize(("name", "expected"), [
    ("ImageNet", "dataset:imagenet"),
    ("imagenet", "dataset:imagenet"),
    ("ImageNet-1K", "dataset:imagenet"),      # alias
    ("MS COCO", "dataset:mscoco"),            # alias with a space
    ("coco", "dataset:mscoco"),
    ("resnet 50", "method:resnet50"),         # punctuation folded
    ("Multi-scale Attention Fusion", "method:maformer"),  # long form
    ("dataset:imagenet", "dataset:imagenet"),  # node id
    ("https://github.com/org/repo", "repo:github.com/org/repo"),
])
def test_find_entity_by_name_alias_or_id(G, name: str, expected: str) -> None:
    assert find_entity(G, name) == expected


def test_name_beats_alias_and_labels_restrict(G) -> None:
    assert find_entities(G, "ResNet") == ["method:resnet"]
    assert find_entities(G, "ImageNet", labels="Method") == []
    with pytest.raises(SchemaError, match="Nope"):
        find_entities(G, "ImageNet", labels="Nope")


def test_unknown_entity_is_a_query_error_naming_it(G) -> None:
    with pytest.raises(EntityNotFound, match="'NoSuchNet'") as info:
        papers_using(G, "NoSuchNet")
    assert isinstance(info.value, QueryError)


def test_papers_using(G) -> None:
    assert papers_using(G, "CSWin") == ["arxiv:2401.00001", "title:0123456789abcdef"]
    assert papers_using(G, "ImageNet") == [
        "arxiv:2401.00001", "arxiv:2401.00002", "title:0123456789abcdef"]
    assert papers_using(G, "MAFormer", types=["USES"]) == []
    assert papers_using(G, "MAFormer", types=["PROPOSES"]) == ["arxiv:2401.00001"]


def test_methods_evaluated_on(G) -> None:
    assert methods_evaluated_on(G, "ImageNet") == [
        ("method:cswin", 1), ("method:maformer", 1), ("method:resnet", 1),
        ("method:resnet50", 1)]
    assert methods_evaluated_on(G, "COCO") == [("method:cswin", 1)]
    with pytest.raises(EntityNotFound):
        methods_evaluated_on(G, "CSWin")  # a method, not a dataset


def test_cooccurrence_counts_papers(G) -> None:
    pairs = cooccurrence(G, "Method", "Dataset")
    assert pairs[0] == ("method:cswin", "dataset:imagenet", 2)
    assert ("method:resnet50", "dataset:imagenet", 1) in pairs
    assert cooccurrence(G, "Method", "Dataset", min_papers=2) == [
        ("method:cswin", "dataset:imagenet", 2)]
    # Same label: each unordered pair once.
    assert cooccurrence(G, "Method", "Method") == [
        ("method:cswin", "method:maformer", 1), ("method:cswin", "method:resnet", 1)]
    with pytest.raises(ValueError, match="min_papers"):
        cooccurrence(G, "Method", "Dataset", min_papers=0)


def test_neighbourhood(G) -> None:
    one = neighbourhood(G, "GLUE")
    assert sorted(one) == ["arxiv:2401.00002", "benchmark:glue"]
    assert one.nodes["benchmark:glue"]["name"] == "GLUE"
    assert one.has_edge("arxiv:2401.00002", "benchmark:glue", key="EVALUATES_ON")
    two = neighbourhood(G, "GLUE", hops=2)
    assert {"method:resnet50", "dataset:imagenet"} <= set(two)
    assert neighbourhood(G, "GLUE", hops=0).number_of_nodes() == 1
    assert neighbourhood(G, "arxiv:2401.00002").number_of_nodes() == 4  # papers too
    with pytest.raises(ValueError, match="hops"):
        neighbourhood(G, "GLUE", hops=-1)
