"""``python -m newscompare`` runs the console script."""

import sys

from newscompare.cli import main

sys.exit(main())
