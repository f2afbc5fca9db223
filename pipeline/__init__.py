"""Topic modelling and theme comparison of Chinese local-government texts, as a DVC pipeline.

One module per stage (``ingest``, ``embed``, ``topics``, ``themes``, ``evaluate``, ``report``),
each run as ``python -m pipeline.<stage>`` from the folder that holds ``dvc.yaml``.
"""

from pathlib import Path

RESOURCES = Path(__file__).parent / "resources"
