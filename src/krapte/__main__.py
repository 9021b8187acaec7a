"""``python -m krapte``: the same command line as ``krapte``."""

from krapte.cli import main

if __name__ == "__main__":
    main()
