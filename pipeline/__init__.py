"""Topic modelling and theme comparison of Chinese local-government texts, as a DVC pipeline.

One module per stage (``ingest``, ``embed``, ``topics``, ``themes``, ``evaluate``, ``report``),
each run as ``python -m pipeline.<stage>`` from the folder that holds ``dvc.yaml``.
"""

import os
import platform
from pathlib import Path

RESOURCES = Path(__file__).parent / "resources"

# The same numbers on every machine. OpenBLAS chooses its kernels by the CPU (AVX-512 on one,
# AVX2 on another) and Numba compiles UMAP's and PyNNDescent's code for the CPU it runs on;
# either changes the last bits of the embeddings and of the layout, and on a small corpus
# that is enough to change the topics and some sentences' themes. So the kernels are pinned
# to one that every x86-64 CPU of the last decade runs (Haswell: AVX2) and Numba compiles
# generic code. They must be set before NumPy and Numba load: the stages import this package
# first. A variable already set (by the user) is left alone.
if platform.machine().lower() in ("x86_64", "amd64"):
    os.environ.setdefault("OPENBLAS_CORETYPE", "Haswell")
os.environ.setdefault("NUMBA_CPU_NAME", "generic")
