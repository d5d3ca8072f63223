"""Bad input is normal input: named exceptions, and the stream goes on."""

from __future__ import annotations

import pytest

import sitrep


def test_the_exceptions_form_one_hierarchy():
    for cls in (sitrep.DocumentError, sitrep.DataError, sitrep.StoreError):
        assert issubclass(cls, sitrep.SitrepError)
        assert issubclass(cls, ValueError)
    assert issubclass(sitrep.SitrepError, Exception)


def test_an_empty_document_raises_naming_it(pipeline):
    with pytest.raises(sitrep.DocumentError) as info:
        pipeline.code("   \n ", doc_id="blank-7")
    assert info.value.doc_id == "blank-7"
    assert "blank-7" in str(info.value) and 'no "text" or "html" field with content' in str(info.value)


def test_an_unreadable_date_raises(pipeline):
    with pytest.raises(sitrep.DocumentError, match=r"'d1'.*date"):
        pipeline.code("Armenia accused Azerbaijan of shelling Stepanakert.", date="not a date", doc_id="d1")


def test_a_value_of_the_wrong_type_raises(pipeline):
    with pytest.raises(sitrep.DocumentError, match="text must be a string"):
        list(pipeline.code_many([{"id": "n", "text": 42}], errors="raise"))
    with pytest.raises(sitrep.DocumentError, match="a document is a str or a mapping"):
        list(pipeline.code_many([3.5], errors="raise"))


def test_bad_documents_are_reported_one_by_one_and_the_stream_goes_on(pipeline, corpus):
    good = corpus[0]["text"]  # an article of the bundled corpus: it codes into events
    docs = [
        {"id": "a", "text": good, "date": "2020-09-28"},
        {"id": "b", "text": ""},
        7,
        {"id": "c", "text": good, "date": "the day after"},
        {"id": "d", "title": "no body"},
        {"id": "e", "text": good, "date": "2020-09-28"},
    ]
    out = list(pipeline.code_many(docs, threads=2, batch_size=2))
    assert [c.index for c in out] == [0, 1, 2, 3, 4, 5]
    assert [c.ok for c in out] == [True, False, False, False, False, True]
    assert out[0].events and all(r["doc_id"] == "e" for r in out[5].records)
    assert [r["cameo"]["code"] for r in out[0].events] == [r["cameo"]["code"] for r in out[5].events]
    assert out[1].error.doc_id == "b" and "with content" in str(out[1].error)
    assert out[2].error.doc_id is None and out[2].error.origin == "<python>:3"
    assert "'c'" in str(out[3].error) and "date" in str(out[3].error)
    assert "'d'" in str(out[4].error) and "no \"text\" or \"html\" field" in str(out[4].error)
    assert all(not c.records for c in out[1:5])
    # skip leaves them out; raise stops at the first, after the good one
    assert [c.doc_id for c in pipeline.code_many(docs, errors="skip")] == ["a", "e"]
    stream = pipeline.code_many(docs, errors="raise")
    assert next(stream).doc_id == "a"
    with pytest.raises(sitrep.DocumentError, match="'b'"):
        next(stream)


def test_a_bad_data_directory_is_a_data_error(tmp_path):
    (tmp_path / "parse").mkdir()
    (tmp_path / "parse" / "model.bin").write_bytes(b"not a model")
    with pytest.raises(sitrep.DataError, match="parse model"):
        sitrep.Pipeline(data=tmp_path)
    with pytest.raises(sitrep.DataError, match="min_confidence"):
        sitrep.Pipeline(min_confidence=1.5)
    with pytest.raises(sitrep.DataError, match="actor dictionary"):
        sitrep.Pipeline(actors=[tmp_path / "missing.txt"])


def test_bad_arguments_raise_value_errors(pipeline):
    with pytest.raises(ValueError, match="threads"):
        list(pipeline.code_many(["x"], threads=0))
    with pytest.raises(ValueError, match="errors"):
        list(pipeline.code_many(["x"], errors="ignore"))
    with pytest.raises(TypeError, match="iterable of documents"):
        list(pipeline.code_many("one long string"))
    with pytest.raises(ValueError, match="kind"):
        sitrep.to_pandas([], kind="story")


def test_a_missing_store_is_a_store_error(tmp_path):
    with pytest.raises(sitrep.StoreError, match="no such store"):
        sitrep.read_store(tmp_path / "none.db")
    not_a_store = tmp_path / "x.db"
    not_a_store.write_bytes(b"hello, this is not SQLite" * 10)
    with pytest.raises(sitrep.StoreError):
        sitrep.read_store(not_a_store)
    with pytest.raises(sitrep.StoreError, match="no such file"):
        sitrep.read_parquet(tmp_path)
