import sys

from .cli import main  # the package's __init__ has set BLAS to one thread

sys.exit(main())
