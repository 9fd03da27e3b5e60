"""``python -m kg.spark`` / ``spark-submit .../kg/spark/__main__.py``: ``kg spark-build``."""

from kg.cli.spark import command

if __name__ == "__main__":
    command()
