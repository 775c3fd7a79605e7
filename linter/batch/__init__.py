"""Batch runs: many pairs, from a manifest or two folders, on local processes or a Dask cluster.

``manifest`` lists the pairs, ``task`` is one pair's work as a worker does it,
``executors`` run the tasks, ``state`` makes a batch resumable, ``index``
ranks the pairs, ``runner`` ties them together and ``command`` is what the
CLI calls.
"""
