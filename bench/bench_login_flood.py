"""A sign-in flood against a running app: does a signed-in person's chat stay quick?

Starts the app in a separate process (bench/load_chat.py --serve, offline, password
sign-in), signs one person in, then runs `--flooders` clients (default 16) posting random
names and passwords to /login as fast as they can, while that person takes `--turns`
chat turns. Prints the turn latencies (join to the reply) and what the flood got back.
A benchmark: it measures and always exits 0.

    .venv/bin/python bench/bench_login_flood.py [--flooders 16] [--turns 10]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import secrets
import signal
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.gradio_http import AsyncSession, alogin  # noqa: E402

MESSAGES = [
    "I have a meeting with my mentor on Thursday and don't know what to talk about",
    "I guess I want to get better at saying no to extra projects",
    "Success would be turning down one request this month without feeling guilty",
    "Right now I say yes before I even think about it",
    "I could ask for a day to think, or check with my manager first",
    "Asking for a day to think feels most like me",
    "I'll try it with the next request that comes in",
    "That agenda looks right",
    "What should I bring to the meeting?",
    "Thanks, that helps",
]


async def flood(url: str, stop: asyncio.Event, counts: Counter[int]) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        while not stop.is_set():
            name = "x" + secrets.token_hex(4)
            try:
                response = await client.post("/login", data={"username": name, "password": secrets.token_hex(8)})
                counts[response.status_code] += 1
            except httpx.HTTPError:
                counts[0] += 1


async def run(url: str, name: str, password: str, flooders: int, turns: int) -> None:
    client = await alogin(url, name, password)
    session = AsyncSession(client)
    chat = (await session.config(), None)[0]
    from tests.gradio_http import find_endpoint

    endpoint = find_endpoint(chat, "chat")
    quiet = []
    for message in MESSAGES[:2]:  # before the flood
        began = time.perf_counter()
        await session.result(await session.join(endpoint, [message, [], None]), timeout=60)
        quiet.append(time.perf_counter() - began)
    stop = asyncio.Event()
    counts: Counter[int] = Counter()
    tasks = [asyncio.create_task(flood(url, stop, counts)) for _ in range(flooders)]
    await asyncio.sleep(3)  # let the flood build up
    during = []
    for message in MESSAGES[2 : 2 + turns]:
        began = time.perf_counter()
        result = await session.result(await session.join(endpoint, [message, [], None]), timeout=60)
        during.append(time.perf_counter() - began)
        if not result.success:
            print(f"  turn failed: {result.error}")
        await asyncio.sleep(0.5)
    # A plain page load during the flood, too.
    began = time.perf_counter()
    page = await client.get("/")
    page_s = time.perf_counter() - began
    stop.set()
    flood_s = 3 + sum(during) + 0.5 * len(during)
    await asyncio.gather(*tasks)
    await client.aclose()
    print(f"== sign-in flood: {flooders} clients posting random names to /login")
    print(f"  flood        {sum(counts.values())} attempts in {flood_s:.0f} s "
          f"({sum(counts.values()) / flood_s:.0f}/s); answers {dict(sorted(counts.items()))}")
    print(f"  chat before  {', '.join(f'{t * 1000:.0f}' for t in quiet)} ms")
    print(f"  chat during  n={len(during)} median={statistics.median(during) * 1000:.0f} ms "
          f"max={max(during) * 1000:.0f} ms")
    print(f"  page during  GET / {page.status_code} in {page_s * 1000:.0f} ms")
    print(f"  machine      {os.cpu_count()} CPUs, load avg {os.getloadavg()[0]:.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--flooders", type=int, default=16)
    parser.add_argument("--turns", type=int, default=8)
    args = parser.parse_args(argv)
    server = subprocess.Popen([sys.executable, str(ROOT / "bench" / "load_chat.py"), "--serve", "--users", "1"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    try:
        url = users = ""
        assert server.stdout is not None
        for line in server.stdout:
            if found := re.search(r"(http://127\.0\.0\.1:\d+/)", line):
                url = found.group(1)
            if found := re.search(r"users file: (\S+)", line):
                users = found.group(1)
            if url and users:
                break
        name, password = Path(users).read_text(encoding="utf-8").splitlines()[0].split(":", 1)
        asyncio.run(run(url, name, password, args.flooders, args.turns))
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
