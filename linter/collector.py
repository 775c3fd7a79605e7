"""Pausing Python's cyclic garbage collector while kzlint builds its values.

A run of a book builds millions of small objects that stay alive until the
report is written: tokens, links, diffs, findings. None of them forms a
reference cycle, so reference counting frees them all; but the cyclic
collector, triggered by the count of allocations, walks every live object
again and again (about a fifth of the run on the book pair). The engine and
the reporters therefore run with it paused. When it resumes, the objects
built meanwhile are frozen (``gc.freeze``): left in the young generation,
they would all be walked by the very next collection, and again by each
older one, to find nothing. Frozen objects are still freed by reference
counting; only a reference cycle made during the pause (kzlint makes none)
would outlive its last use.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the enclosed block with the cyclic collector off, then freeze what it built and restore its state."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.enable()
