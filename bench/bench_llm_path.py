"""Benchmark: the project's LLM turn side by side with a bare LangChain chain, in one run.

    .venv/bin/python bench/bench_llm_path.py [--delay 0.1] [--turns 40]

What a developer would write instead of this project is a bare LCEL chain: a Chroma
retriever (k=4) over the same collection and embedder -> ChatPromptTemplate (the
project's own system prompt, with the retrieved passages) -> ChatOpenAI ->
StrOutputParser. It lives here, in bench/, and nowhere in the product.

Both talk to the same loopback server (bench/fake_llm.py, its own process) that waits a
fixed delay per call. For each turn this prints, per side:
- overhead: the turn's wall time minus the time the server spent on its calls (p50, p95);
- CPU: the client process's CPU time per turn (p50);
- LLM calls per turn (over `--turns` turns of one thread) and prompt tokens per call.
Measures, does not assert: the ratios are what issue #16 is judged on.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.bootstrap import build_service  # noqa: E402
from assistant.config import Settings, load_settings  # noqa: E402
from assistant.knowledge.ingest import ingest  # noqa: E402
from assistant.language import warm_up  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def script(turns: int) -> list[list[str]]:
    """Blind conversations (eval/conversations/blind-review.yaml, written by people who never
    saw the engine), first-time ones, as threads of protégé messages."""
    convs = yaml.safe_load((ROOT / "eval/conversations/blind-review.yaml").read_text(encoding="utf-8"))
    return [list(c["turns"]) for c in convs if not c.get("returning")][:turns]


class Fake:
    def __init__(self, delay: float) -> None:
        self.port = _free_port()
        self.proc = subprocess.Popen([sys.executable, str(ROOT / "bench/fake_llm.py"), str(self.port),
                                      "--delay", str(delay)], stdout=subprocess.DEVNULL)
        for _ in range(200):
            try:
                self.calls()
                return
            except OSError:
                time.sleep(0.05)
        raise SystemExit("the fake model server did not start")

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def calls(self) -> list[dict[str, Any]]:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/stats", timeout=5) as r:
            return list(json.loads(r.read()))

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def bare_chain(settings: Settings, base_url: str) -> Callable[[str], str]:
    from langchain_chroma import Chroma
    from langchain_core.embeddings import Embeddings
    from langchain_core.output_parsers import StrOutputParser
    from langchain_core.prompts import ChatPromptTemplate
    from langchain_core.runnables import RunnablePassthrough
    from langchain_openai import ChatOpenAI

    from assistant.knowledge.embeddings import make_embedder
    from assistant.knowledge.store import COLLECTION, open_client

    embedder = make_embedder(settings)

    class ProjectEmbeddings(Embeddings):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return [list(v) for v in embedder.embed(texts)]

        def embed_query(self, text: str) -> list[float]:
            return list(embedder.embed([text])[0])

    store = Chroma(client=open_client(settings), collection_name=COLLECTION,
                   embedding_function=ProjectEmbeddings())
    system = (ROOT / "prompts/system.md").read_text(encoding="utf-8").replace("{guidance}", "{context}")
    prompt = ChatPromptTemplate.from_messages([("system", system), ("human", "{question}")])
    llm = ChatOpenAI(model="bench", api_key="not-needed", base_url=base_url, max_retries=0)  # type: ignore[arg-type]

    def docs_text(docs: list[Any]) -> str:
        return "\n\n".join(d.page_content for d in docs)

    if not store.similarity_search("how often do we meet", k=4):
        raise SystemExit("the bare chain's retriever finds nothing: wrong collection?")
    chain = ({"context": store.as_retriever(search_kwargs={"k": 4}) | docs_text, "question": RunnablePassthrough()}
             | prompt | llm | StrOutputParser())
    return lambda message: str(chain.invoke(message))


def project(settings: Settings) -> Callable[[str, str], str]:
    service = build_service(settings)

    def turn(thread: str, message: str) -> str:
        text = ""
        for event in service.respond("bench", thread, message):
            text = getattr(event, "text", text)
        return text

    return turn


def measure(fake: Fake, run: Callable[[str, str], Any], threads: list[list[str]], tag: str) -> dict[str, Any]:
    overhead, cpu, calls_per_turn, tokens = [], [], [], []
    for n, messages in enumerate(threads):
        for message in messages:
            before = len(fake.calls())
            wall, used = time.perf_counter(), time.process_time()
            run(f"{tag}-{n}", message)
            wall, used = time.perf_counter() - wall, time.process_time() - used
            new = fake.calls()[before:]
            overhead.append(wall * 1000 - sum(c["ms"] for c in new))
            cpu.append(used * 1000)
            calls_per_turn.append(len(new))
            tokens += [c["tokens"] for c in new]
    return {"overhead": overhead, "cpu": cpu, "calls": calls_per_turn, "tokens": tokens}


def threads_of(convs: list[list[str]], messages: int) -> list[list[str]]:
    """Whole conversations, each its own thread, up to `messages` messages in all."""
    out, left = [], messages
    for conv in convs:
        if left > 0:
            out.append(conv[:left])
            left -= len(out[-1])
    return out


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=0.1, help="seconds the fake model waits per call")
    parser.add_argument("--messages", type=int, default=20, help="messages in the timed script")
    parser.add_argument("--turns", type=int, default=40, help="turns of one thread for calls per turn")
    args = parser.parse_args()
    convs = script(100)
    flat = [m for c in convs for m in c]
    timed = threads_of(convs, args.messages)
    spread = threads_of(convs, args.turns)
    # The summary only runs in long threads: one thread of every message, one after another.
    long_thread = [(flat * (args.turns // len(flat) + 1))[: args.turns]]
    fake = Fake(args.delay)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            settings = load_settings(data_dir=Path(tmp), backend="openai", openai_base_url=fake.base_url,
                                     openai_api_key="sk-bench", model="bench", max_retries=0)
            ingest(settings, progress=False)
            warm_up(settings.knowledge_dir / "questions.yaml")
            ours = project(settings)
            bare = bare_chain(settings, fake.base_url)
            # Warm both (imports, first connections), then time them alternately.
            ours("warm", flat[0])
            bare(flat[0])
            results: dict[str, dict[str, Any]] = {"project": {}, "bare": {}}
            for side, fn in (("bare", lambda _t, m: bare(m)), ("project", ours)):
                results[side] = measure(fake, fn, timed, side)
            per_conversation = measure(fake, ours, spread, "spread")
            long = measure(fake, ours, long_thread, "long")
            bare_long = measure(fake, lambda _t, m: bare(m), long_thread, "bare-long")
    finally:
        fake.stop()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}; fake model delay "
          f"{args.delay * 1000:.0f} ms; script: {args.messages} blind messages in {len(timed)} threads")
    rows = [
        ("overhead p50 (ms)", lambda r: p(r["overhead"], 0.5)),
        ("overhead p95 (ms)", lambda r: p(r["overhead"], 0.95)),
        ("client CPU p50 (ms)", lambda r: p(r["cpu"], 0.5)),
        ("prompt tokens per call (median)", lambda r: p(r["tokens"], 0.5)),
    ]
    print(f"{'':<34}{'project':>10}{'bare chain':>12}{'ratio':>8}")
    for label, get in rows:
        a, b = get(results["project"]), get(results["bare"])
        print(f"{label:<34}{a:>10.1f}{b:>12.1f}{(a / b if b else 0):>8.2f}")
    for label, got in ((f"LLM calls per turn ({args.turns} turns, {len(spread)} threads)", per_conversation),
                       (f"LLM calls per turn ({args.turns} turns, 1 thread)", long)):
        calls = sum(got["calls"]) / len(got["calls"])
        phrased = [c for c in got["calls"] if c]
        print(f"{label:<44}{calls:>6.2f}   (bare chain 1.00; per turn the model phrased: "
              f"{sum(phrased) / max(1, len(phrased)):.2f}, {len(phrased)} of {len(got['calls'])} turns)")
    ratio = p(long["tokens"], 0.5) / max(1, p(bare_long["tokens"], 0.5))
    print(f"{'prompt tokens per call, long (med)':<34}{p(long['tokens'], 0.5):>10.1f}"
          f"{p(bare_long['tokens'], 0.5):>12.1f}{ratio:>8.2f}")


if __name__ == "__main__":
    main()
