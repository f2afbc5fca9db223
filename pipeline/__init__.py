"""Topic modelling and theme comparison of Chinese local-government texts, as a DVC pipeline.

One module per stage (``ingest``, ``embed``, ``topics``, ``themes``, ``evaluate``, ``report``),
each run as ``python -m pipeline.<stage>`` from the folder that holds ``dvc.yaml``.
"""

import os
import platform
from pathlib import Path

RESOURCES = Path(__file__).parent / "resources"

# The same numbers on every machine. OpenBLAS chooses its kernels by the CPU (AVX-512 on one,
# AVX2 on another), NumPy dispatches its sorts and ufuncs to AVX-512 code where the CPU has it
# (an unstable argsort orders ties differently), and Numba compiles UMAP's and PyNNDescent's
# code for the CPU it runs on; each changes the last bits of the embeddings or of the layout,
# and on a small corpus that is enough to change the topics (6 or 3 on the bundled corpus) and
# some sentences' themes. So on x86-64 Linux with AVX2 (most CPUs made since 2013) OpenBLAS
# runs its Haswell kernels, NumPy its AVX2 code (AVX-512 switched off), torch (with MKL and
# oneDNN) its AVX2 kernels and Numba compiles generic code; where the CPU lacks AVX2, as on some old or emulated machines, the libraries
# choose (as they do on other systems, where the CPU is not read). They must be set before NumPy
# and Numba load: the stages import this package first. A variable already set by the user, or a
# NumPy feature choice of theirs (NPY_ENABLE_CPU_FEATURES), is left alone.


def _has_avx2() -> bool:
    """Whether the CPU runs OpenBLAS's Haswell kernels (a forced kernel is not checked: on a
    CPU without AVX2 it would stop with an illegal instruction)."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            flags = next((line.split() for line in f if line.startswith("flags")), [])
    except OSError:
        return False
    return "avx2" in flags and "fma" in flags


def _numpy_avx512() -> str:
    """NumPy's names for its AVX-512 targets, read without loading NumPy: 2.4 groups them
    (X86_V4 and later), 1.26 to 2.3 name each (a name NumPy was not built with is reported)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        major, minor = (int(part) for part in version("numpy").split(".")[:2])
    except (PackageNotFoundError, ValueError):
        return ""
    if (major, minor) >= (2, 4):
        return "X86_V4 AVX512_ICL AVX512_SPR"
    # not AVX512_SPR: 1.26 to 2.2 do not dispatch to it and warn at every import if it is named
    return "AVX512F AVX512CD AVX512_KNL AVX512_KNM AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL"


if platform.machine().lower() in ("x86_64", "amd64") and _has_avx2():
    os.environ.setdefault("OPENBLAS_CORETYPE", "Haswell")
    # torch (the sentence-transformers backend): its own kernels, MKL's and oneDNN's at AVX2 too
    os.environ.setdefault("ATEN_CPU_CAPABILITY", "avx2")
    os.environ.setdefault("MKL_CBWR", "AVX2")
    os.environ.setdefault("ONEDNN_MAX_CPU_ISA", "AVX2")
    user_choice = {"NPY_DISABLE_CPU_FEATURES", "NPY_ENABLE_CPU_FEATURES"} & os.environ.keys()
    if not user_choice and (avx512 := _numpy_avx512()):
        os.environ["NPY_DISABLE_CPU_FEATURES"] = avx512
os.environ.setdefault("NUMBA_CPU_NAME", "generic")
