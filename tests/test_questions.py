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
    ("ImageNet", "entity:imagenet"),
    ("imagenet", "entity:imagenet"),
    ("ImageNet-1K", "entity:imagenet"),      # alias
    ("MS COCO", "entity:mscoco"),            # alias with a space
    ("coco", "entity:mscoco"),
    ("resnet 50", "entity:resnet50"),         # punctuation folded
    ("Multi-scale Attention Fusion", "entity:maformer"),  # long form
    ("entity:imagenet", "entity:imagenet"),  # node id
    ("https://github.com/org/repo", "repo:github.com/org/repo"),
])
def test_find_entity_by_name_alias_or_id(G, name: str, expected: str) -> None:
    assert find_entity(G, name) == expected


def test_name_beats_alias_and_labels_restrict(G) -> None:
    assert find_entities(G, "ResNet") == ["entity:resnet"]
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
        ("entity:cswin", 1), ("entity:maformer", 1), ("entity:resnet", 1),
        ("entity:resnet50", 1)]
    assert methods_evaluated_on(G, "COCO") == [("entity:cswin", 1)]
    with pytest.raises(EntityNotFound):
        methods_evaluated_on(G, "CSWin")  # a method, not a dataset


def test_cooccurrence_counts_papers(G) -> None:
    pairs = cooccurrence(G, "Method", "Dataset")
    assert pairs[0] == ("entity:cswin", "entity:imagenet", 2)
    assert ("entity:resnet50", "entity:imagenet", 1) in pairs
    assert cooccurrence(G, "Method", "Dataset", min_papers=2) == [
        ("entity:cswin", "entity:imagenet", 2)]
    # Same label: each unordered pair once.
    assert cooccurrence(G, "Method", "Method") == [
        ("entity:cswin", "entity:maformer", 1), ("entity:cswin", "entity:resnet", 1)]
    with pytest.raises(ValueError, match="min_papers"):
        cooccurrence(G, "Method", "Dataset", min_papers=0)


def test_neighbourhood(G) -> None:
    one = neighbourhood(G, "GLUE")
    assert sorted(one) == ["arxiv:2401.00002", "entity:glue"]
    assert one.nodes["entity:glue"]["name"] == "GLUE"
    assert one.has_edge("arxiv:2401.00002", "entity:glue", key="EVALUATES_ON")
    two = neighbourhood(G, "GLUE", hops=2)
    assert {"entity:resnet50", "entity:imagenet"} <= set(two)
    assert neighbourhood(G, "GLUE", hops=0).number_of_nodes() == 1
    assert neighbourhood(G, "arxiv:2401.00002").number_of_nodes() == 4  # papers too
    with pytest.raises(ValueError, match="hops"):
        neighbourhood(G, "GLUE", hops=-1)
