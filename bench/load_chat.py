"""Load test: N signed-in protégés chatting with the coach at once, over Gradio's HTTP queue.

    .venv/bin/python bench/load_chat.py                      # 50 users x 20 turns, in-process app
    .venv/bin/python bench/load_chat.py --users 5 --turns 3  # a quick check
    .venv/bin/python bench/load_chat.py --serve              # only serve (prints URL and users file)
    .venv/bin/python bench/load_chat.py --url http://127.0.0.1:7860/ --users-file users.txt

Without --url the app is started in this process (offline backend, password sign-in, the
shipped knowledge indexed into a temporary data directory) and N users with passwords are
added. Client and server then share one interpreter (and its GIL); for a cleaner split run
`--serve` in one terminal and `--url/--users-file` in another. A users file has one
`name:password` per line (names cannot contain ':'); `#` starts a comment.

Each user signs in through /login, waits a think time, and sends M messages, one per turn,
with a think time drawn uniformly from [--think-min, --think-max] seconds between turns.
Per turn it records the latency from queue/join to process_completed, errors (HTTP errors,
process_completed with success false, no completion within --timeout), and "lost" turns:
the chatbot history in the final output does not end with the message sent followed by a
non-empty assistant reply. "drift" counts turns whose history's protégé messages are not
exactly the ones this user sent so far (another thread's words, or missing ones).

Measures, does not assert: it always exits 0. Numbers depend on the machine and on
whatever else runs on it (see the load averages in the summary).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import random
import signal
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `python bench/load_chat.py` puts bench/, not the root, on the path
    sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from tests.gradio_http import (  # noqa: E402
    AsyncSession,
    Endpoint,
    GradioHTTPError,
    LoginError,
    alogin,
    find_endpoint,
)

#: What protégés say while preparing for a meeting with their mentor, roughly in GROW order:
#: a turn early in a conversation draws from the first groups, a late one from the last.
MESSAGES: list[list[str]] = [
    [  # goal
        "I have a meeting with my mentor on Thursday and I'm not sure what to bring up.",
        "I want to get better at presenting to leadership.",
        "I'd like to work out whether I should aim for a team lead role next year.",
        "Mostly I want to be more confident speaking up in design reviews.",
        "I keep saying yes to everything and I want to learn to prioritise my own work.",
        "My goal is to give clearer feedback to the two juniors I've started helping.",
        "I want to understand what it would take to move from support into product management.",
        "I'd like to get better at running meetings so they end with actual decisions.",
    ],
    [  # reality
        "Right now I present once a month and I usually rush through the slides.",
        "Last sprint I took on three extra tickets and missed my own deadline.",
        "My manager says my work is solid but that nobody outside the team knows about it.",
        "In the last review I had a point to make but waited too long and the topic moved on.",
        "I've been in this role for two years and I mostly get the same kind of tasks.",
        "When I gave feedback last week it came out vague and I'm not sure it landed.",
        "I've shadowed our product manager twice and I liked the customer calls a lot.",
        "Our weekly sync runs over by twenty minutes almost every time.",
    ],
    [  # obstacles
        "I think what gets in the way is that I worry about sounding unprepared.",
        "Honestly, I don't have a good way to say no without feeling rude.",
        "The senior engineers talk fast and I lose the moment to jump in.",
        "I don't really know what leadership cares about when they ask for an update.",
        "Time is the main thing, my calendar is full of other people's meetings.",
        "I'm not sure my manager would support me spending time on product work.",
    ],
    [  # options
        "One option is to rehearse the next presentation with a colleague first.",
        "I could block two mornings a week for focused work and decline meetings then.",
        "Maybe I could write down my point before the review so I'm ready to say it.",
        "I could ask my manager for a stretch project that is visible outside the team.",
        "Another idea is to ask the product manager if I can own one small feature.",
        "I might try a simple agenda with a decision we need at the top of each sync.",
        "I could ask the juniors how they prefer to receive feedback.",
        "Perhaps I start by summarising the last review's open questions at the next one.",
    ],
    [  # way forward
        "I think the first step is to book a dry run with Sam before the all-hands.",
        "By Friday I'll send my manager a note asking about a stretch project.",
        "I'll try the agenda idea at Monday's sync and see how long it runs.",
        "Next week I'll say no to at least one request and note how it went.",
        "I'm going to ask my mentor how she handled the move into a lead role.",
        "Could we put together an agenda for the meeting with my mentor?",
    ],
    [  # questions for the mentor and logistics
        "What questions should I ask my mentor about building visibility?",
        "Who schedules the meetings with my mentor?",
        "How often are we supposed to meet in this program?",
        "I want to ask my mentor what she wishes she had known at my stage.",
    ],
]


def all_messages() -> list[str]:
    return [m for group in MESSAGES for m in group]


def message_for(rng: random.Random, turn: int, turns: int, used: set[str]) -> str:
    """A message fitting this point of the conversation, not one this user already sent."""
    stage = min(len(MESSAGES) - 1, turn * len(MESSAGES) // max(1, turns))
    for group in (MESSAGES[stage], *MESSAGES):  # the stage first; any fresh one if it ran dry
        fresh = [m for m in group if m not in used]
        if fresh:
            choice = rng.choice(fresh)
            used.add(choice)
            return choice
    return rng.choice(MESSAGES[stage])


# --------------------------------------------------------------------------- the in-process app


_COACH_ENV = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "COACH_BACKEND", "COACH_OPENAI_API_KEY", "COACH_OPENAI_BASE_URL",
              "COACH_RETRIEVAL", "COACH_EMBEDDING_MODEL", "COACH_MODEL", "COACH_TOP_K", "COACH_CHROMA_URL",
              "COACH_DATABASE_URL", "COACH_DATA_DIR", "COACH_KNOWLEDGE_DIR", "COACH_AUTH", "COACH_CHROMA_PATH")


@dataclass
class LocalServer:
    """An app served from this process; `close()` stops it and removes its data directory."""

    url: str
    users: list[tuple[str, str]]
    data_dir: Path
    startup_s: float
    _close: Any = field(repr=False, default=None)

    def close(self) -> None:
        if self._close is not None:
            self._close()
            self._close = None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_users(count: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(f"users-{seed}")
    return [(f"load{i:03d}", "".join(rng.choice("abcdefghijkmnpqrstuvwxyz23456789") for _ in range(16)))
            for i in range(count)]


def start_local_server(users: list[tuple[str, str]], *, port: int = 0, host: str = "127.0.0.1",
                       data_dir: Path | None = None, warm: bool = True) -> LocalServer:
    """Serve the app as `make run` would, but offline, with password sign-in and these users.

    The shipped knowledge (knowledge/) is indexed into `data_dir` (a fresh temporary
    directory by default, removed on close) the same way the test fixtures and
    `coach ingest` do. COACH_* variables and a developer's OpenAI key are ignored, so a
    .env cannot turn the benchmark into an API bill.
    """
    for name in _COACH_ENV:
        os.environ.pop(name, None)
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

    from assistant.bootstrap import build_service
    from assistant.config import load_settings
    from assistant.knowledge.ingest import ingest
    from assistant.ui.app import build_ui, launch

    started = time.perf_counter()
    tmp = tempfile.TemporaryDirectory(prefix="load-chat-") if data_dir is None else None
    root = Path(tmp.name) if tmp is not None else data_dir
    assert root is not None
    ingest(load_settings(data_dir=root, backend="offline"), progress=False)
    settings = load_settings(backend="offline", data_dir=root, auth="password", host=host,
                             port=port or _free_port())
    service = build_service(settings)
    workspace = service.workspace
    assert workspace is not None
    for name, password in users:
        workspace.add_user(name, "protege", password=password)
    if warm:
        from assistant.language import warm_up

        warm_up(settings.knowledge_dir / "questions.yaml")
    demo = build_ui(service, settings)
    launch(demo, settings, workspace, prevent_thread_lock=True, quiet=True)

    def close() -> None:
        demo.close()
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.cleanup()

    return LocalServer(f"http://{host}:{settings.port}/", users, root, time.perf_counter() - started, close)


def read_users_file(path: Path) -> list[tuple[str, str]]:
    users = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, password = line.partition(":")
        if not sep:
            raise SystemExit(f"{path}: expected name:password, got {line!r}")
        users.append((name.strip(), password))
    return users


# --------------------------------------------------------------------------- one simulated user


@dataclass
class Turn:
    user: str
    turn: int
    latency_s: float | None  # join -> process_completed (None: no completion)
    first_frame_s: float | None
    join_s: float | None
    frames: int
    outcome: str  # ok | lost | failed | timeout | http
    drift: bool = False
    detail: str = ""


@dataclass
class UserRun:
    name: str
    login_s: float | None = None
    login_error: str | None = None
    login_retries: int = 0
    turns: list[Turn] = field(default_factory=list)


def text_of(content: Any) -> str:
    """Chatbot message content as text: Gradio 6 sends typed parts, older versions a string."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(text_of(part) for part in content)
    if isinstance(content, dict):
        if content.get("type") == "text" or "text" in content:
            return str(content.get("text") or "")
        return ""
    return "" if content is None else str(content)


def _norm(text: str) -> str:
    return " ".join(text.split())


def check_reply(history: Any, sent: str, sent_so_far: list[str]) -> tuple[bool, bool, str]:
    """(lost, drift, why) for the chatbot history a turn ended with."""
    if not isinstance(history, list) or not history:
        return True, True, "no chatbot history in the output"
    messages = [m for m in history if isinstance(m, dict)]
    users = [i for i, m in enumerate(messages) if m.get("role") == "user"]
    drift = [_norm(text_of(messages[i].get("content"))) for i in users] != [_norm(s) for s in sent_so_far]
    if not users:
        return True, drift, "no user message in the history"
    last = users[-1]
    if _norm(text_of(messages[last].get("content"))) != _norm(sent):
        return True, drift, f"last user message is {text_of(messages[last].get('content'))[:60]!r}"
    replies = [m for m in messages[last + 1:] if m.get("role") == "assistant" and text_of(m.get("content")).strip()]
    if not replies:
        return True, drift, "no assistant reply after the message"
    return False, drift, ""


def chatbot_position(config: dict[str, Any], endpoint: Endpoint) -> int:
    """Where the Chatbot sits in the chat event's outputs (found by component type)."""
    types = {c.get("id"): c.get("type") for c in config.get("components", []) if isinstance(c, dict)}
    for position, component in enumerate(endpoint.outputs):
        if types.get(component) == "chatbot":
            return position
    raise GradioHTTPError("the chat event has no Chatbot output")


async def simulate_user(name: str, password: str, base_url: str, turns: int, think: tuple[float, float],
                        seed: int, timeout: float, login_gate: asyncio.Semaphore, login_retries: int) -> UserRun:
    rng = random.Random(f"{seed}-{name}")
    run = UserRun(name)
    started = time.perf_counter()
    client: httpx.AsyncClient | None = None
    while client is None:
        try:
            async with login_gate:
                client = await alogin(base_url, name, password, timeout=timeout)
        except LoginError as exc:
            # "Sign-in is busy" (503) is what a person meets by pressing the button again.
            if exc.status_code not in (502, 503, 504) or run.login_retries >= login_retries:
                run.login_error = f"{exc.__class__.__name__}: {exc}"
                return run
            run.login_retries += 1
            await asyncio.sleep(rng.uniform(0.5, 2.0))
        except (GradioHTTPError, httpx.HTTPError) as exc:
            run.login_error = f"{exc.__class__.__name__}: {exc}"
            return run
    run.login_s = time.perf_counter() - started
    try:
        session = AsyncSession(client)
        try:
            config = await session.config()
            endpoint = find_endpoint(config, "chat")
            chat_at = chatbot_position(config, endpoint)
            try:  # the browser refreshes the side panels right after each reply (a chained event)
                panels: Endpoint | None = find_endpoint(config, "after_chat")
            except (GradioHTTPError, ValueError):
                panels = None
        except (GradioHTTPError, httpx.HTTPError, ValueError) as exc:
            run.login_error = f"config: {exc.__class__.__name__}: {exc}"
            return run
        used: set[str] = set()
        sent: list[str] = []
        for t in range(turns):
            await asyncio.sleep(rng.uniform(*think))  # reading the reply, typing the next message
            message = message_for(rng, t, turns, used)
            try:
                turn = await one_turn(session, endpoint, chat_at, name, t, message, sent, timeout)
                if panels is not None:
                    await session.result(await session.join(panels, [None]), timeout=timeout)
            except Exception as exc:  # a client-side surprise is this turn's error, not the run's end
                turn = Turn(name, t, None, None, None, 0, "http", detail=f"{exc.__class__.__name__}: {exc}"[:300])
            run.turns.append(turn)
    finally:
        await client.aclose()
    return run


async def one_turn(session: AsyncSession, endpoint: Endpoint, chat_at: int, name: str, t: int, message: str,
                   sent: list[str], timeout: float) -> Turn:
    # Inputs: the message box, the chatbot (ignored: the server reads the stored thread) and
    # the thread State (ignored: State lives on the server under the session hash).
    began = time.perf_counter()
    try:
        event_id = await session.join(endpoint, [message, None, None])
    except (GradioHTTPError, httpx.HTTPError) as exc:
        return Turn(name, t, None, None, time.perf_counter() - began, 0, "http", detail=str(exc)[:300])
    sent.append(message)
    result = await session.result(event_id, timeout=timeout)

    def turn(latency: float | None, outcome: str, detail: str, drift: bool = False) -> Turn:
        return Turn(name, t, latency, result.t_first_frame, result.t_join, result.frames, outcome, drift, detail[:300])

    if not result.success:
        err = result.error or ""
        timed_out = "within" in err or result.t_total >= timeout
        # A transport failure has no output; a handler error comes back as process_completed.
        return turn(None, "timeout" if timed_out else "http" if "Error:" in err else "failed", err)
    if result.t_total > timeout:
        return turn(result.t_total, "timeout", "completed after the timeout")
    history = result.output[chat_at] if result.output and len(result.output) > chat_at else None
    lost, drift, why = check_reply(history, message, sent)
    return turn(result.t_total, "lost" if lost else "ok", why, drift)


# --------------------------------------------------------------------------- the run and its summary


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-q * len(ordered) // 100))))
    return ordered[rank - 1]


def stats_ms(values: list[float]) -> dict[str, float | int | None]:
    def ms(v: float | None) -> float | None:
        return None if v is None else round(v * 1000, 1)

    return {"n": len(values), "p50": ms(percentile(values, 50)), "p95": ms(percentile(values, 95)),
            "p99": ms(percentile(values, 99)), "max": ms(max(values) if values else None),
            "mean": ms(sum(values) / len(values) if values else None)}


class _LoadSampler:
    """Samples the 1-minute load average and this process's CPU use while the run goes on."""

    def __init__(self) -> None:
        self.samples: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self.cpu0 = time.process_time()

    def _loop(self) -> None:
        while not self._stop.wait(2.0):
            with contextlib.suppress(OSError):
                self.samples.append(os.getloadavg()[0])

    @contextlib.contextmanager
    def running(self) -> Iterator[_LoadSampler]:
        self._thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            self._thread.join(timeout=5)


async def run_load(base_url: str, users: list[tuple[str, str]], turns: int, think: tuple[float, float], seed: int,
                   timeout: float, login_concurrency: int, login_retries: int) -> tuple[list[UserRun], float]:
    gate = asyncio.Semaphore(max(1, login_concurrency))
    started = time.perf_counter()
    runs = await asyncio.gather(*(simulate_user(n, p, base_url, turns, think, seed, timeout, gate, login_retries)
                                  for n, p in users))
    return list(runs), time.perf_counter() - started


def summarise(runs: list[UserRun], wall_s: float, args: argparse.Namespace, mode: str, extra: dict[str, Any]
              ) -> dict[str, Any]:
    turns = [t for r in runs for t in r.turns]
    by = {k: sum(1 for t in turns if t.outcome == k) for k in ("ok", "lost", "failed", "timeout", "http")}
    login_fail = [r for r in runs if r.login_error]
    planned = len(runs) * args.turns
    errors = by["failed"] + by["timeout"] + by["http"]
    completed = [t.latency_s for t in turns if t.latency_s is not None]
    cpus = os.cpu_count() or 0
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = cpus
    samples: list[float] = list(extra.pop("load_samples", []))
    return {
        "mode": mode,
        "users": len(runs),
        "turns_per_user": args.turns,
        "think_s": [args.think_min, args.think_max],
        "seed": args.seed,
        "timeout_s": args.timeout,
        "planned_turns": planned,
        "turns": len(turns),
        "ok": by["ok"],
        "errors": errors,
        "errors_by_kind": {"failed": by["failed"], "timeout": by["timeout"], "http": by["http"]},
        "lost": by["lost"],
        "drift": sum(1 for t in turns if t.drift),
        "login_failures": len(login_fail),
        "login_retries": sum(r.login_retries for r in runs),
        "latency_ms": stats_ms(completed),
        "first_frame_ms": stats_ms([t.first_frame_s for t in turns if t.first_frame_s is not None]),
        "latency_p50_ms_by_turn": [stats_ms([t.latency_s for t in turns if t.turn == i and t.latency_s is not None])
                                   ["p50"] for i in range(args.turns)],
        "join_ms": stats_ms([t.join_s for t in turns if t.join_s is not None]),
        "login_ms": stats_ms([r.login_s for r in runs if r.login_s is not None]),
        "frames_per_turn_mean": round(sum(t.frames for t in turns) / len(turns), 1) if turns else None,
        "wall_s": round(wall_s, 1),
        "throughput_turns_per_s": round(len(completed) / wall_s, 2) if wall_s > 0 else None,
        "cpu_count": cpus,
        "cpus_usable": usable,
        "loadavg_1m": {"before": extra.pop("load_before", None),
                       "max_during": round(max(samples), 2) if samples else None,
                       "after": extra.pop("load_after", None)},
        **extra,
        "error_samples": [asdict(t) for t in turns if t.outcome not in ("ok",)][:10]
        + [{"user": r.name, "login_error": r.login_error} for r in login_fail][:5],
    }


def print_summary(s: dict[str, Any]) -> None:
    def row(label: str, st: dict[str, Any]) -> str:
        return (f"  {label:<12} n={st['n']:<5} p50={st['p50']} p95={st['p95']} p99={st['p99']} max={st['max']} "
                f"mean={st['mean']} (ms)")

    print(f"\n== load_chat: {s['users']} users x {s['turns_per_user']} turns, think {s['think_s'][0]}-"
          f"{s['think_s'][1]} s, seed {s['seed']} ({s['mode']})")
    print(f"  turns        {s['turns']} of {s['planned_turns']} planned; ok {s['ok']}, errors {s['errors']} "
          f"{s['errors_by_kind']}, lost {s['lost']}, drift {s['drift']}, login failures {s['login_failures']} "
          f"(after {s['login_retries']} busy retries)")
    print(row("latency", s["latency_ms"]))
    print(row("1st frame", s["first_frame_ms"]))
    print(row("join", s["join_ms"]))
    by_turn = s["latency_p50_ms_by_turn"]
    if by_turn:
        print(f"  p50 by turn  {', '.join(str(v) for v in by_turn)} (ms; turn 1 first)")
    print(row("login", s["login_ms"]))
    print(f"  throughput   {s['throughput_turns_per_s']} turns/s over {s['wall_s']} s wall; "
          f"{s['frames_per_turn_mean']} frames per turn")
    la = s["loadavg_1m"]
    print(f"  machine      {s['cpu_count']} CPUs ({s['cpus_usable']} usable); load avg 1m before {la['before']}, "
          f"max during {la['max_during']}, after {la['after']}")
    if "process_cpu_s" in s:
        print(f"  this process {s['process_cpu_s']} s CPU ({s['process_cpu_util']} of one core over the run)")
    for sample in s["error_samples"][:5]:
        print(f"  sample problem: {sample}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    doc = __doc__ or ""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=doc)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--think-min", type=float, default=2.0)
    parser.add_argument("--think-max", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds a turn may take before it counts lost")
    parser.add_argument("--login-concurrency", type=int, default=1000,
                        help="at most this many sign-ins in flight (default: all at once)")
    parser.add_argument("--login-retries", type=int, default=20,
                        help="retries of a sign-in refused as busy (HTTP 503), 0.5-2 s apart")
    parser.add_argument("--url", help="target a running app instead of starting one")
    parser.add_argument("--users-file", type=Path, help="with --url: name:password per line")
    parser.add_argument("--serve", action="store_true",
                        help="only start the app with --users users; print its URL and a users file, serve until ^C")
    parser.add_argument("--port", type=int, default=0, help="port for the in-process app (default: a free one)")
    parser.add_argument("--app-log", action="store_true", help="show the in-process app's warnings (the offline "
                        "guard logs each flagged draft)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the numbers as JSON")
    args = parser.parse_args(argv)
    if args.think_max < args.think_min:
        parser.error("--think-max is below --think-min")
    if args.url and not args.users_file:
        parser.error("--url needs --users-file")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    server: LocalServer | None = None
    try:
        if args.url:
            users = read_users_file(args.users_file)
            if len(users) < args.users:
                print(f"note: {args.users_file} has {len(users)} users; running {len(users)}", file=sys.stderr)
            users = users[: args.users]
            url, mode = args.url, f"--url {args.url}"
            extra: dict[str, Any] = {}
        else:
            if not args.app_log:
                logging.getLogger("assistant").setLevel(logging.ERROR)
            server = start_local_server(make_users(args.users, args.seed), port=args.port)
            users, url = server.users, server.url
            mode, extra = "in-process app, offline backend", {"startup_s": round(server.startup_s, 1)}
            print(f"app up at {url} in {server.startup_s:.1f} s ({len(users)} users added)", flush=True)
            if args.serve:
                users_file = server.data_dir / "users.txt"
                users_file.write_text("".join(f"{n}:{p}\n" for n, p in users), encoding="utf-8")
                print(f"users file: {users_file}\nserving until interrupted (^C or SIGTERM)", flush=True)

                def stop(signum: int, frame: Any) -> None:
                    raise KeyboardInterrupt

                signal.signal(signal.SIGTERM, stop)  # `kill PID` cleans up too (a background job ignores ^C)
                with contextlib.suppress(KeyboardInterrupt):
                    while True:
                        time.sleep(3600)
                return 0
        extra["load_before"] = round(os.getloadavg()[0], 2)
        sampler = _LoadSampler()
        with sampler.running():
            runs, wall = asyncio.run(run_load(url, users, args.turns, (args.think_min, args.think_max), args.seed,
                                              args.timeout, args.login_concurrency, args.login_retries))
        cpu = time.process_time() - sampler.cpu0
        extra.update(load_samples=sampler.samples, load_after=round(os.getloadavg()[0], 2),
                     process_cpu_s=round(cpu, 1), process_cpu_util=round(cpu / wall, 2) if wall else None)
        summary = summarise(runs, wall, args, mode, extra)
        print_summary(summary)
        if args.json:
            args.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
            print(f"  numbers written to {args.json}")
    except Exception as exc:  # a benchmark reports what went wrong; it does not fail the build
        import traceback

        traceback.print_exc()
        print(f"load_chat could not finish: {exc.__class__.__name__}: {exc}", file=sys.stderr)
    finally:
        if server is not None:
            server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
