"""Run RegReader from a checkout: ``python main.py [COMMAND ...]`` is the same as ``regreader``."""
import sys

from reader.cli import main

if __name__ == "__main__":
    sys.exit(main())
