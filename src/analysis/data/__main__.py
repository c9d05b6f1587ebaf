"""`python -m analysis.data check`: validate everything the book reads."""

import sys

from analysis.data.check import main

sys.exit(main(sys.argv[1:]))
