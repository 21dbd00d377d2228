"""``screen batch``: screen whole folders, in parallel, resumably, locally or on a Dask cluster.

* :mod:`.discover` — which files count (by content; include/exclude globs; hidden and lock files
  skipped; link loops ended).
* :mod:`.runner` — the local process pool: one Screener per worker, a per-file deadline, crashed
  or stuck workers replaced.
* :mod:`.dask_runner` — the same on an existing Dask cluster (``--scheduler``).
* :mod:`.work` — one file in a worker: cache look-up, scan, display rows, masking.
* :mod:`.cache` — the SQLite cache of masked results, keyed by content hash and setup fingerprint.
* :mod:`.model` — :class:`~.model.BatchItem` and the summary's shape; :mod:`.summary` builds and
  prints the summary; :mod:`.progress` is the progress line.

Nothing here is imported by ``screen FILE``: the batch modules load only when ``screen batch``
runs.
"""

from .model import BatchItem

__all__ = ["BatchItem"]
