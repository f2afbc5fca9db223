"""Where the heavy loops run: in this process, or on a Dask cluster.

``compute.scheduler`` in ``params.yaml`` is empty (in-process) or the address of a running
Dask scheduler (``tcp://host:8786``). Only the two loops that grow with the corpus go there:
embedding the paragraphs the cache does not have, and assigning paragraphs to topics. Both
are maps over batches; results come back in order, so the rest of the stage (the cache,
the output files, clustering of the sample) runs unchanged in the stage's own process.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any, Callable, Iterable, Iterator

from .config import PipelineError

log = logging.getLogger("pipeline.compute")


class ComputeError(PipelineError, RuntimeError):
    """The scheduler named in params cannot be reached."""


@contextlib.contextmanager
def client_for(scheduler: str, timeout: float = 20.0) -> Iterator[Any]:
    """A ``dask.distributed.Client`` connected to ``scheduler``, or None for in-process."""
    if not scheduler:
        yield None
        return
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise ComputeError(f"compute.scheduler is set but dask.distributed cannot be imported: {exc}") from None
    try:
        client = Client(scheduler, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ComputeError(f"compute.scheduler: cannot reach the Dask scheduler at {scheduler} ({exc})") from None
    workers = len(client.scheduler_info().get("workers", {}))
    log.info("running on the Dask cluster at %s (%d workers)", scheduler, workers)
    try:
        yield client
    finally:
        client.close()


def map_ordered(fn: Callable, items: Iterable, client=None, window: int = 64) -> Iterator:
    """``fn(item)`` for each item, in order; on the cluster, at most ``window`` tasks are in
    flight at once, so memory stays bounded however many items there are."""
    if client is None:
        for item in items:
            yield fn(item)
        return
    from collections import deque

    pending: deque = deque()
    for item in items:
        pending.append(client.submit(fn, item, pure=False))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
