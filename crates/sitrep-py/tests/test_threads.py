"""Parallel coding: the same output whatever the threads; streaming input."""

from __future__ import annotations

import threading
import time

import sitrep


def _flatten(stream):
    return [(c.index, c.doc_id, c.records, c.skipped) for c in stream]


def test_threads_give_the_output_of_one_thread(pipeline, corpus):
    docs = corpus * 3  # 24 documents over several small batches
    one = _flatten(pipeline.code_many(docs, threads=1, batch_size=5))
    for threads in (2, 4):
        assert _flatten(pipeline.code_many(docs, threads=threads, batch_size=5)) == one
    assert _flatten(pipeline.code_many(docs)) == one  # every core, default batches
    assert sum(len(r) for _, _, r, _ in one) > 0


def test_code_many_reads_its_input_lazily(pipeline, corpus):
    pulled = []

    def docs():
        for i in range(1000):
            pulled.append(i)
            yield corpus[i % len(corpus)]

    stream = pipeline.code_many(docs(), threads=2, batch_size=4)
    first = next(stream)
    assert first.index == 0 and first.records
    assert len(pulled) <= 4, f"{len(pulled)} documents read to give the first result"
    rest = [next(stream) for _ in range(7)]
    assert [c.index for c in rest] == list(range(1, 8))
    assert len(pulled) <= 8


def test_one_pipeline_serves_several_python_threads(pipeline, corpus):
    want = _flatten(pipeline.code_many(corpus, threads=1))
    results = {}

    def work(k):
        results[k] = _flatten(pipeline.code_many(corpus, threads=1))

    workers = [threading.Thread(target=work, args=(k,)) for k in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert [results[k] for k in range(3)] == [want] * 3


def test_the_gil_is_released_while_rust_codes(pipeline, corpus):
    """While a thread is inside one long native call, this thread keeps running Python."""

    def spin(until):
        n = 0
        while until():
            n += 1
        return n

    t0 = time.perf_counter()
    rate = spin(lambda: time.perf_counter() - t0 < 0.05) / 0.05  # loops a second, alone
    # one call, one thread, long enough to tell: the batch grows until the
    # call takes over 0.2 s, however fast the machine codes
    for copies in (16, 64, 256, 1024):
        docs = corpus * copies
        records = [(i + 1, *sitrep._record(d)) for i, d in enumerate(docs)]
        took = []

        def work():
            t = time.perf_counter()
            pipeline._native.code_batch(records, 1)
            took.append(time.perf_counter() - t)

        worker = threading.Thread(target=work)
        worker.start()
        loops = spin(worker.is_alive)
        worker.join()
        if took[0] > 0.2:
            break
    assert took[0] > 0.2, "the call must be long enough to tell"
    # held, the GIL would let this loop run only around the call (a switch
    # interval or two, 5 ms each); released, it runs all along
    assert loops > rate * 0.05, (loops, rate, took)


def test_the_garbage_collector_is_left_as_it_was_found(pipeline, corpus):
    # records are built with Python's collector paused (it found nothing to
    # free and took a fifteenth of the time); the caller's setting must come
    # back either way, and the records must be the same
    import gc

    assert gc.isenabled()
    with_gc = _flatten(pipeline.code_many(corpus, threads=1, batch_size=3))
    assert gc.isenabled()
    gc.disable()
    try:
        without = _flatten(pipeline.code_many(corpus, threads=1, batch_size=3))
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert without == with_gc and with_gc
