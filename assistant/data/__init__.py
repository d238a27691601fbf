"""Rules and word lists the product reads as data (not code): edit them without touching Python."""

from pathlib import Path

DATA_DIR = Path(__file__).parent
