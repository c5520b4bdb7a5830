"""Running read → analyse → save over many inputs: on several processes (``analyse_parallel``)
or on a Dask cluster (``ingest_dask``)."""
from .cluster import ingest_dask
from .pool import Budget, analyse_parallel

__all__ = ["Budget", "analyse_parallel", "ingest_dask"]
