import os
import sys

# One BLAS thread, set before NumPy loads: the face walk's products are small, and a second
# thread only fights HiGHS (and other processes) for the cores.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

from .cli import main  # noqa: E402

sys.exit(main())
