"""Benchmark: cold start, from `python app.py` to the first HTTP 200, and to the first reply.

    .venv/bin/python bench/bench_startup.py [--runs 3]

Measures, does not assert. Target (issue #12): cold start <= 5 s with the parser. The
parser, classifiers and question-bank vectors load in a background thread while the server
starts (assistant.language.warm_up), so the first reply is measured too.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def one_run(data_dir: Path) -> float:
    port = _free_port()
    env = {**os.environ, "COACH_DATA_DIR": str(data_dir), "COACH_PORT": str(port), "GRADIO_SERVER_PORT": str(port),
           "GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1"}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(ROOT / "app.py")], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - start < 60:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1) as r:
                    if r.status == 200:
                        return time.perf_counter() - start
            except OSError:
                time.sleep(0.05)
        raise SystemExit("the app did not answer within 60 s")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "assistant.cli", "--data-dir", tmp, "ingest", "--quiet"], cwd=ROOT,
                       check=False, capture_output=True)
        times = [one_run(Path(tmp)) for _ in range(args.runs)]
    print(f"cold start to HTTP 200   runs={len(times)}  median {statistics.median(times):.2f} s  "
          f"max {max(times):.2f} s   (target <= 5 s)")


if __name__ == "__main__":
    main()
