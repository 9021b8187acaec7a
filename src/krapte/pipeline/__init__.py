"""Batch jobs over many documents on a distributed engine (Dask distributed).

``run_extract_pipeline`` is what ``krapte pipeline extract`` runs; see :mod:`krapte.pipeline.extract_job` and
``docs/pipeline.md``.
"""

from krapte.pipeline.extract_job import JobOptions, PipelineReport, run_extract_pipeline

__all__ = ["JobOptions", "PipelineReport", "run_extract_pipeline"]
