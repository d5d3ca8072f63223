"""The package gives what the command line gives, field for field."""

from __future__ import annotations

import json
import re

import pytest

from conftest import CORPUS, REPO, jsonl, run_cli

# JSONL with a `source` (outlet) field and datelines that name it
# ("BATKEN, May 2 (Caravan News) - ..."): the CLI reads `source` as the
# outlet, and what it codes depends on it.
STORIES = REPO / "eval" / "stories" / "articles.jsonl"

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ACTOR_FIELDS = {"id", "code", "country", "sector", "name", "text", "start", "end"}
PLACE_FIELDS = {"name", "country", "admin1", "lat", "lon", "geonameid", "precision"}
MENTION_FIELDS = {"doc_id", "sentence", "start", "end", "text"}


def test_code_many_gives_the_events_of_sitrep_code_on_the_bundled_corpus(cli, corpus_records):
    expected = jsonl(run_cli(cli, "code", str(CORPUS)))
    assert len(expected) > 20, "the bundled corpus codes into dozens of events"
    assert [r.get("event_id") for r in corpus_records] == [r.get("event_id") for r in expected]
    assert corpus_records == expected


def test_jsonl_lines_with_a_source_field_code_as_sitrep_code_codes_them(cli, pipeline, tmp_path):
    lines = [json.loads(line) for line in STORIES.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert all("source" in r for r in lines)
    # a field the package does not know is passed over, as the CLI passes it over
    lines = [{**r, "base": 7} for r in lines]
    path = tmp_path / "stories.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    expected = jsonl(run_cli(cli, "code", str(path)))
    got = [r for coded in pipeline.code_many(lines, threads=1, errors="raise") for r in coded.records]
    assert len(expected) > 20
    assert got == expected
    # the field matters: without it the CLI codes these lines otherwise
    bare = tmp_path / "bare.jsonl"
    bare.write_text("".join(json.dumps({k: v for k, v in r.items() if k != "source"}) + "\n" for r in lines))
    assert jsonl(run_cli(cli, "code", str(bare))) != expected


def _difference(got, expected, path="$"):
    """Where two JSON values differ in type, key order or value; None if
    they are the same. Stricter than ``==``, for which ``1 == 1.0 == True``
    and key order does not count."""
    if type(got) is not type(expected):
        return f"{path}: {type(got).__name__} {got!r} where the JSON has {type(expected).__name__} {expected!r}"
    if isinstance(got, dict):
        if list(got) != list(expected):
            return f"{path}: keys {list(got)} where the JSON has {list(expected)}"
        items = [(got[k], expected[k], f"{path}.{k}") for k in got]
    elif isinstance(got, list):
        if len(got) != len(expected):
            return f"{path}: {len(got)} items where the JSON has {len(expected)}"
        items = [(g, e, f"{path}[{i}]") for i, (g, e) in enumerate(zip(got, expected))]
    else:
        return None if got == expected else f"{path}: {got!r} where the JSON has {expected!r}"
    return next((d for d in (_difference(g, e, p) for g, e, p in items) if d), None)


def test_records_are_the_values_json_loads_gives_type_for_type(cli, pipeline, corpus, corpus_records, tmp_path):
    """The records are built in Rust, not parsed from the CLI's JSON: each
    value must still be what ``json.loads`` makes of that JSON, an int an
    int and a float a float, a list never a tuple, keys in the JSON's order."""
    assert _difference([1, {"a": 2}], [1, {"a": 2.0}]) is not None, "the comparison tells an int from a float"
    assert _difference({"a": 1, "b": 2}, {"b": 2, "a": 1}) is not None, "the comparison sees key order"
    expected = jsonl(run_cli(cli, "code", str(CORPUS)))
    assert _difference(corpus_records, expected) is None, _difference(corpus_records, expected)
    docs = corpus[:2]
    path = tmp_path / "two.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    annotated = [c.records[0] for c in pipeline.annotate_many(docs, threads=1, errors="raise")]
    expected = jsonl(run_cli(cli, "annotate", str(path)))
    assert _difference(annotated, expected) is None, _difference(annotated, expected)


def test_code_of_one_document_is_the_cli_output_for_that_record(cli, pipeline, corpus, tmp_path):
    doc = corpus[2]
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    expected = jsonl(run_cli(cli, "code", str(path)))
    got = pipeline.code(doc["text"], date=doc["date"], doc_id=doc["id"], title=doc["title"], url=doc["url"])
    assert got == expected
    assert got, "this article reports events"


def test_annotate_is_what_sitrep_annotate_prints(cli, pipeline, corpus, tmp_path):
    docs = corpus[:3]
    path = tmp_path / "three.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    expected = jsonl(run_cli(cli, "annotate", str(path)))
    got = [c.records[0] for c in pipeline.annotate_many(docs, threads=2, errors="raise")]
    assert got == expected
    assert all(a["syntax"] for a in got), "each sentence carries its parse, as annotate gives it"
    one = pipeline.annotate(**{"text": docs[0]["text"], "date": docs[0]["date"], "doc_id": docs[0]["id"], "title": docs[0]["title"], "url": docs[0]["url"]})
    assert one == expected[0]


def _check_actor(a, where):
    assert set(a) >= ACTOR_FIELDS, where
    assert isinstance(a["code"], str) and a["code"], where
    assert a["country"] is None or re.fullmatch(r"[A-Z]{3}", a["country"]), where
    assert isinstance(a["start"], int) and isinstance(a["end"], int) and a["start"] <= a["end"], where


def test_every_event_field_has_its_documented_type(corpus_records):
    events = [r for r in corpus_records if r["kind"] == "event"]
    assert events
    for e in events:
        w = e["event_id"]
        assert isinstance(e["event_id"], str) and isinstance(e["doc_id"], str)
        assert e["date"] is None or ISO_DATE.match(e["date"]), w
        assert e["date_precision"] in {"day", "month", "year", "none"}, w
        assert e["date_source"] in {"text", "document", "inferred", "none"}, w
        for role in ("source", "target", "claimant"):
            if e[role] is not None:
                _check_actor(e[role], w)
        assert e["source"] or e["target"] or e.get("uncoded_source") or e.get("uncoded_target"), w
        c = e["cameo"]
        assert set(c) == {"code", "base", "root", "goldstein", "quad_class", "label"}, w
        assert re.fullmatch(r"\d{2,4}", c["code"]) and c["base"] == c["code"][:3] and c["root"] == c["code"][:2], w
        assert isinstance(c["goldstein"], float) and -10 <= c["goldstein"] <= 10, w
        assert c["quad_class"] in {1, 2, 3, 4}, w
        assert set(e["plover"]) == {"event", "mode"}, w
        assert e["modality"] in {"asserted", "future", "negated", "hypothetical", "claimed"}, w
        if e["location"] is not None:
            assert set(e["location"]) >= PLACE_FIELDS and e["location"]["precision"] in {"place", "admin1", "country"}, w
        assert isinstance(e["confidence"], float) and 0 <= e["confidence"] <= 1, w
        assert e["mentions"] and all(set(m) == MENTION_FIELDS for m in e["mentions"]), w
        assert set(e["explanation"]) >= {"sentence", "predicate", "predicate_start", "predicate_end", "pattern", "rules"}, w


def test_every_claim_field_has_its_documented_type(corpus_records):
    claims = [r for r in corpus_records if r["kind"] == "claim"]
    assert claims, "the bundled corpus reports casualty figures"
    for c in claims:
        assert isinstance(c["doc_id"], str)
        assert c["category"] in {"killed", "wounded", "captured", "missing", "released", "displaced"} or isinstance(c["category"], str)
        for k in ("low", "best", "high"):
            assert c[k] is None or (isinstance(c[k], int) and c[k] >= 0)
        if c["low"] is not None and c["high"] is not None:
            assert c["low"] <= c["high"]
        assert c["date"] is None or ISO_DATE.match(c["date"])
        assert set(c["mention"]) == MENTION_FIELDS
        assert isinstance(c["why"], str) and c["why"]


def test_events_come_before_claims_within_each_document(corpus_records):
    by_doc = {}
    for r in corpus_records:
        by_doc.setdefault(r["doc_id"], []).append(r["kind"])
    for kinds in by_doc.values():
        assert kinds == sorted(kinds, key=lambda k: k != "event")


def test_min_confidence_is_sitrep_code_min_confidence(cli, corpus, corpus_records):
    import sitrep

    confidences = sorted(r["confidence"] for r in corpus_records if r["kind"] == "event")
    cut = confidences[len(confidences) // 2]
    strict = sitrep.Pipeline(min_confidence=cut)
    got = [r for c in strict.code_many(corpus, threads=1) for r in c.records]
    assert got == jsonl(run_cli(cli, "code", "--min-confidence", str(cut), str(CORPUS)))
    assert all(r["confidence"] >= cut for r in got if r["kind"] == "event")
    assert [r for r in got if r["kind"] == "claim"] == [r for r in corpus_records if r["kind"] == "claim"]
    assert len(got) < len(corpus_records)


def test_a_string_document_is_coded_and_given_a_stable_id(pipeline):
    text = "Russian Foreign Minister Sergey Lavrov hosted talks in Moscow on Friday."
    first = list(pipeline.code_many([text, text], threads=1))
    assert first[0].doc_id == first[1].doc_id and first[0].doc_id.startswith("doc-")
    assert first[0].records == first[1].records
    assert pipeline.code(text) == first[0].records


def test_html_documents_are_read_like_html_records(cli, pipeline, tmp_path):
    html = (CORPUS.parent / "html" / "2020-10-17-ganja-strike-new-truce.html").read_text(encoding="utf-8")
    path = tmp_path / "page.jsonl"
    path.write_text(json.dumps({"id": "page", "html": html}) + "\n", encoding="utf-8")
    expected = jsonl(run_cli(cli, "code", str(path)))
    assert pipeline.code(html=html, doc_id="page") == expected
    assert expected
