"""The coach as the UI and the CLI see it: (user, thread, message) in, streamed reply out."""

from __future__ import annotations

import logging
import queue
import re
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from langgraph.checkpoint.sqlite import SqliteSaver

from assistant.coach import templates as T
from assistant.coach.answers import SearchFn
from assistant.coach.checkin import opening
from assistant.coach.checkpoint_prune import prune
from assistant.coach.reply_check import ReplyChecks, Roster, instruction_texts
from assistant.coach.thread_records import MemoryRecords, RecordStore, with_records
from assistant.coach.turn import DirectiveCheck, TurnDeps, build_graph, recorded
from assistant.coach.turn_order import TurnOrder
from assistant.config import Settings
from assistant.llm.base import Backend, ChatTurn
from assistant.records import Partial, Passage, Reply
from assistant.safety import SafetyDetector, default_detector
from assistant.store.people import AccessDenied, StoreInputError
from assistant.store.records import UserRecord
from assistant.store.workspace import Workspace
from assistant.tokens import truncate_to_tokens

log = logging.getLogger(__name__)

_DONE = object()  # the end of a turn's events

_ID = re.compile(r"^[A-Za-z0-9_.@-]{1,128}$")


class CoachError(RuntimeError):
    """A problem the person at the keyboard can act on (bad ids, unwritable data dir)."""


def _check_id(kind: str, value: str) -> str:
    if not _ID.match(value or ""):
        raise CoachError(f"Invalid {kind} id {value!r}: use letters, digits, '.', '_', '@' or '-'.")
    return value


def open_checkpointer(settings: Settings) -> Any:
    """The thread store: Postgres when COACH_DATABASE_URL names one, else SQLite in the data dir."""
    url = settings.database_url or ""
    if url.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        return _postgres_checkpointer(url.replace("postgresql+psycopg://", "postgresql://", 1))
    path = Path(settings.data_dir) / "threads.sqlite"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # check_same_thread=False is safe: SqliteSaver serialises access with its own lock.
        conn = sqlite3.connect(path, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        # Deleted pages are zeroed, so `coach delete` leaves no copy of a conversation behind.
        conn.execute("PRAGMA secure_delete=ON")
    except (OSError, sqlite3.Error) as exc:
        raise CoachError(f"Cannot open the thread store at {path}: {exc}") from None
    return SqliteSaver(conn)


def _postgres_checkpointer(url: str) -> Any:
    """Threads in Postgres, for several app processes behind a load balancer."""
    try:
        from langgraph.checkpoint.postgres import PostgresSaver
        from psycopg.rows import dict_row
        from psycopg_pool import ConnectionPool
    except ImportError:  # pragma: no cover - install problem
        raise CoachError("Postgres support is not installed; run `make install`.") from None
    from assistant.config import mask_url

    try:
        # autocommit + dict rows are what PostgresSaver expects; prepare_threshold=None
        # keeps it working behind PgBouncer in transaction mode.
        pool = ConnectionPool(
            conninfo=url,
            min_size=1,
            max_size=10,
            kwargs={"autocommit": True, "row_factory": dict_row, "prepare_threshold": None},
            open=True,
            timeout=5,
        )
        pool.wait(timeout=5)
        saver = PostgresSaver(pool)  # type: ignore[arg-type]
        saver.setup()  # creates or migrates its tables; idempotent
    except Exception as exc:  # psycopg raises many types; all mean "no store"
        raise CoachError(f"Cannot open the thread store at {mask_url(url)}: {exc}") from None
    return saver


class CoachService:
    """Runs turns through the graph; every thread is keyed by its owner, so one user's
    id can never address another user's thread."""

    def __init__(
        self,
        settings: Settings,
        backend: Backend,
        search: SearchFn | None,
        is_directive: DirectiveCheck,
        checkpointer: Any | None = None,
        workspace: Workspace | None = None,
        safety: SafetyDetector | None = None,
        checks: ReplyChecks | None = None,
    ) -> None:
        self.settings = settings
        # People, ownership, commitments and agendas; None runs the coach alone (tests, eval).
        self.workspace = workspace
        self._claimed: dict[tuple[str, str], UserRecord] = {}  # (user, thread) already checked
        self._turns = TurnOrder()
        self._rosters: dict[str, tuple[float, Roster]] = {}
        self.backend = backend
        self._saver = checkpointer if checkpointer is not None else open_checkpointer(settings)
        # The thread's goal, agenda and commitments: the workspace's, or memory's without one.
        self._records: RecordStore = _WorkspaceRecords(workspace, self._claim) if workspace is not None \
            else MemoryRecords()
        deps = TurnDeps(
            backend=backend,
            search=search,
            is_directive=is_directive,
            knowledge_dir=settings.knowledge_dir,
            safety=safety or default_detector(),
            top_k=settings.top_k,
            turn_deadline=settings.turn_deadline,
            checks=checks or ReplyChecks(secrets=_deployment_secrets(settings),
                                         instructions=instruction_texts(settings.prompts_dir),
                                         knowledge_dir=str(settings.knowledge_dir)),
            roster=self._roster if workspace is not None else None,
            prompts_dir=settings.prompts_dir,
            records=self._records,
        )
        self._graph = build_graph(deps, self._saver)

    def _roster(self, user_id: str) -> Roster:
        """The names a reply to this person must not mention; cached briefly (a turn that
        reaches the guard with a model reply reads it, at most once a minute per person)."""
        assert self.workspace is not None
        cached = self._rosters.get(user_id)
        if cached is not None and time.monotonic() - cached[0] < 60:
            return cached[1]
        roster = Roster(*self.workspace.names_to_withhold(user_id))
        if len(self._rosters) > 5_000:
            self._rosters.clear()
        self._rosters[user_id] = (time.monotonic(), roster)
        return roster

    def new_thread(self, user_id: str) -> str:
        return self.open_thread(user_id)[0]

    def open_thread(self, user_id: str) -> tuple[str, str]:
        """A new thread and its first message. A returning protégé with open commitments
        is asked how each went before anything else; the others get the usual greeting."""
        _check_id("user", user_id)
        thread_id = uuid.uuid4().hex[:12]
        if self.workspace is None:
            return thread_id, T.GREETING
        actor = self._actor(user_id)
        self.workspace.register_thread(actor, thread_id)
        review = [{"id": c.id, "text": c.label} for c in self.workspace.commitments(actor, open_only=True)]
        if not review:
            return thread_id, T.GREETING
        text = opening(review)
        question = text[text.rfind(". ") + 2 :] if ". " in text else text
        seed = {"review": review, "review_at": 0, "asked": [question], "stage": "goal",
                "messages": [{"role": "assistant", "content": text}]}
        self._graph.update_state(self._config(user_id, thread_id), seed, as_node="persist")
        return thread_id, text

    def resume(self, user_id: str) -> tuple[str, str | None]:
        """(thread, None) for the thread to continue, or (new thread, its opening): the
        latest thread when it is unfinished (something said, agenda not yet approved),
        else a new one. An untouched thread is reused rather than multiplied (a reload
        must not start another)."""
        if self.workspace is None:
            thread, opening = self.open_thread(user_id)
            return thread, opening
        actor = self._actor(user_id)
        latest = next(iter(self.workspace.thread_overview(actor)), None)
        if latest is not None:
            state = self.state(user_id, latest.id)
            if not _said_anything(state) or not _finished(state):
                return latest.id, None  # unfinished, or opened with nothing said yet
        thread, opening = self.open_thread(user_id)
        return thread, opening

    def unfinished(self, user_id: str, thread_id: str) -> bool:
        """Something was said and the agenda is not yet approved: leaving it deserves a question."""
        state = self.state(user_id, thread_id)
        return _said_anything(state) and not _finished(state)

    def _actor(self, user_id: str) -> UserRecord:
        assert self.workspace is not None
        try:
            return self.workspace.ensure_user(user_id, "protege")
        except (StoreInputError, AccessDenied) as exc:
            raise CoachError(str(exc)) from None

    def _claim(self, user_id: str, thread_id: str) -> UserRecord | None:
        """The thread is the caller's (claimed on first use), or the call is refused."""
        if self.workspace is None:
            return None
        key = (user_id, thread_id)
        if key in self._claimed:
            return self._claimed[key]
        actor = self._actor(user_id)
        try:
            self.workspace.register_thread(actor, _check_id("thread", thread_id))
        except AccessDenied as exc:
            raise CoachError(str(exc)) from None
        if len(self._claimed) > 10_000:
            self._claimed.clear()
        # A turn reads the state several times; ownership was settled by the first read.
        self._claimed[key] = actor
        return actor

    def _config(self, user_id: str, thread_id: str) -> dict[str, Any]:
        key = f"{_check_id('user', user_id)}/{_check_id('thread', thread_id)}"
        return {"configurable": {"thread_id": key}}

    def state(self, user_id: str, thread_id: str) -> dict[str, Any]:
        """The thread as the coach sees it: the checkpoint, with the goal, agenda and
        commitments from their store (an agenda approved in the panel counts at once)."""
        self._claim(user_id, thread_id)
        snapshot = self._graph.get_state(self._config(user_id, thread_id))
        return self._with_records(user_id, thread_id, dict(snapshot.values or {}))

    def _with_records(self, user_id: str, thread_id: str, values: dict[str, Any]) -> dict[str, Any]:
        if values.get("records_pending"):
            return values  # the last turn's records are still in the state, the newest there are
        key = self._config(user_id, thread_id)["configurable"]["thread_id"]
        try:
            found = self._records.load(*key.split("/", 1))
        except Exception:  # the store being down costs the side panels a refresh, never a reply
            log.exception("could not read a thread's records for thread %s", thread_id)
            return values
        view = with_records(values, found)
        if _finished(view):
            view["stage"] = "done"
        return view

    def forget(self, user_id: str, thread_ids: list[str]) -> None:
        """Hard-delete these threads' checkpoints and compact the store so no copy lingers."""
        self._claimed = {k: v for k, v in self._claimed.items() if k[0] != user_id}
        for thread_id in thread_ids:
            key = f"{_check_id('user', user_id)}/{_check_id('thread', thread_id)}"
            self._saver.delete_thread(key)
        if isinstance(self._records, MemoryRecords):
            self._records.forget(user_id, thread_ids)  # the workspace's are deleted with the person
        conn = getattr(self._saver, "conn", None)
        if isinstance(conn, sqlite3.Connection):
            with self._saver.lock:
                conn.commit()
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                conn.execute("VACUUM")

    def history(self, user_id: str, thread_id: str) -> list[ChatTurn]:
        messages = self.state(user_id, thread_id).get("messages", [])
        return [ChatTurn(m["role"], m["content"]) for m in messages]

    def respond(self, user_id: str, thread_id: str, message: str) -> Iterator[Partial | Reply]:
        """Yield the checked part of a model's reply as it grows (Partial), then the Reply.
        Bad input gets a notice, not an error. Turns on one thread run one at a time, in
        arrival order (a fast second send waits)."""
        config = self._config(user_id, thread_id)
        # The turn runs on a worker thread that holds the thread's place in the queue, and
        # hands its events over: a caller that stops reading early can't keep the thread
        # locked, and the turn (already stored) still finishes.
        events: queue.SimpleQueue[Any] = queue.SimpleQueue()

        def run() -> None:
            try:
                with self._turns.turn(config["configurable"]["thread_id"]):
                    for event in self._respond(user_id, thread_id, message, config):
                        events.put(event)
            except BaseException as exc:  # handed to the caller, raised there
                events.put(exc)
            finally:
                events.put(_DONE)

        threading.Thread(target=run, name="coach-turn", daemon=True).start()
        while (event := events.get()) is not _DONE:
            if isinstance(event, BaseException):
                raise event
            yield event

    def _respond(self, user_id: str, thread_id: str, message: str, config: dict[str, Any]) -> Iterator[Partial | Reply]:
        actor = self._claim(user_id, thread_id)
        text = (message or "").replace("\x00", "").strip()
        if not text:
            yield Reply(
                text=T.EMPTY_MESSAGE_NOTICE,
                stage=self.state(user_id, thread_id).get("stage", "goal"),
                move="notice",
                route="notice",
                backend="offline",
            )
            return
        notices: list[str] = []
        text, cut = truncate_to_tokens(text, self.settings.max_message_tokens)
        if cut:
            notices.append(
                f"Your message was long, so I read the first {self.settings.max_message_tokens} "
                "tokens (roughly the first few pages) only."
            )
        try:
            # 1) the message, stored before anything that can fail; 2) the rest of the turn,
            # stored once at its end.
            before = self._graph.get_state(config).values or {}
            self._graph.update_state(config, {**recorded(before, text), "notices": notices}, as_node="record")
        except Exception:
            log.exception("could not store a message for thread %s", thread_id)
            yield from _notice(T.STORE_FAILED, T.STORE_FAILED)
            return
        try:
            result: dict[str, Any] = {}
            # A model's reply arrives sentence by sentence, each checked before it is passed on.
            for mode, chunk in self._graph.stream(None, config, stream_mode=["custom", "values"], durability="exit"):
                if mode == "values":
                    result = chunk
                elif isinstance(chunk, dict) and chunk.get("partial"):
                    yield Partial(str(chunk["partial"]))
        except Exception:
            # The message was checkpointed by the first node; the next turn answers it too.
            # Ids only in the log: a protégé's words never go there.
            log.exception("a turn failed for thread %s", thread_id)
            yield from _notice(T.TURN_FAILED, T.TURN_FAILED_NOTICE)
            return
        try:
            prune(self._saver, config["configurable"]["thread_id"])
        except Exception:  # storage tidying must never cost a turn; the next turn prunes again
            log.exception("could not prune old checkpoints for thread %s", thread_id)
        if actor is not None and self.workspace is not None:
            # The turn is already checkpointed; the workspace records what it decided about
            # earlier commitments and any flag for staff (both stay in the state, so a later
            # turn records them). A store failure costs a panel refresh, not a word, and the
            # protégé is told without the database's own words.
            try:
                self.workspace.record_checkins(actor, thread_id, result)
            except Exception:
                log.exception("workspace sync failed for a thread")
                result["notices"] = [*result.get("notices", []), T.CHECKINS_PENDING]
        result = self._with_records(user_id, thread_id, result)
        reply = Reply(
            text=result["reply"],
            stage=result.get("stage", "goal"),
            move=result.get("move", ""),
            route=result.get("route", "coach"),
            backend=result.get("backend_used", "offline"),
            citations=[Passage.from_dict(p) for p in result.get("passages", [])],
            notices=list(result.get("notices", [])),
            slots=dict(result.get("slots", {})),
            support=dict(result.get("support", {})),
        )
        yield reply


def _said_anything(state: dict[str, Any]) -> bool:
    return any(m["role"] == "user" for m in state.get("messages", []))


def _finished(state: dict[str, Any]) -> bool:
    return state.get("stage") == "done" or bool(state.get("agenda_approved") and state.get("agenda_shown"))


def _deployment_secrets(settings: Settings) -> tuple[str, ...]:
    """Values this deployment holds that no reply may ever contain."""
    from urllib.parse import urlsplit

    found = [settings.openai_api_key.get_secret_value()] if settings.openai_api_key else []
    for url in (settings.database_url, settings.chroma_url):
        password = urlsplit(url).password if url else None
        if password:
            found.append(password)
    return tuple(found)


def _notice(text: str, notice: str) -> Iterator[Partial | Reply]:
    """A turn that could not run: said in the chat, and as a notice."""
    yield Reply(text=text, stage="goal", move="notice", route="notice", backend="offline", notices=[notice])


class _WorkspaceRecords:
    """The workspace as the turn's record store (coach/thread_records.py)."""

    def __init__(self, workspace: Workspace, claim: Callable[[str, str], UserRecord | None]) -> None:
        self._workspace = workspace
        self._claim = claim  # the service's owner check, cached per thread: no user lookup per call

    def load(self, user_id: str, thread_id: str) -> dict[str, Any]:
        actor = self._claim(user_id, thread_id)
        return self._workspace.thread_records(actor, thread_id) if actor is not None else {}

    def save(self, user_id: str, thread_id: str, records: dict[str, Any]) -> None:
        actor = self._claim(user_id, thread_id)
        if actor is not None:
            self._workspace.save_thread_records(actor, thread_id, records)
