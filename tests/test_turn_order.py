"""Messages sent to one thread at the same time are all kept, in the order they arrived."""

from __future__ import annotations

import threading
import time
from typing import Any

from assistant.coach.turn_order import TurnOrder
from assistant.records import Reply


def test_turns_on_one_thread_run_one_at_a_time_first_come_first_served() -> None:
    order = TurnOrder()
    ran: list[int] = []
    inside = threading.Event()
    release = threading.Event()

    def first() -> None:
        with order.turn("t"):
            inside.set()
            release.wait(5)
            ran.append(0)

    def later(i: int) -> None:
        with order.turn("t"):
            ran.append(i)

    threads = [threading.Thread(target=first)]
    threads[0].start()
    assert inside.wait(5)
    for i in range(1, 8):  # each queues behind the one before it
        t = threading.Thread(target=later, args=(i,))
        t.start()
        threads.append(t)
        deadline = time.monotonic() + 5
        while order.waiting("t") != i + 1 and time.monotonic() < deadline:
            time.sleep(0.005)
    assert order.waiting("t") == 8
    with order.turn("other"):  # other threads never wait
        pass
    release.set()
    for t in threads:
        t.join(5)
    assert ran == list(range(8))
    assert order.waiting("t") == 0


def test_twenty_messages_sent_at_once_to_one_thread_are_all_stored_and_each_answered(service: Any) -> None:
    thread = service.new_thread("ana")
    sent = [f"message number {i} about presenting" for i in range(20)]

    def say(text: str) -> None:
        replies = [e for e in service.respond("ana", thread, text) if isinstance(e, Reply)]
        assert len(replies) == 1 and replies[0].text

    workers = [threading.Thread(target=say, args=(text,)) for text in sent]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    turns = [(t.role, t.content) for t in service.history("ana", thread)]
    said = [content for role, content in turns if role == "user"]
    assert sorted(said) == sorted(sent)  # none lost, none doubled
    # Each message is answered before the next is read: no two turns interleaved.
    roles = [role for role, _ in turns if role in ("user", "assistant")]
    assert roles[-40:] == ["user", "assistant"] * 20


def test_a_page_s_sends_are_answered_in_the_order_typed_even_when_they_arrive_out_of_order() -> None:
    from assistant.ui.send_order import PageOrder

    order = PageOrder()
    ran: list[int] = []

    def send(n: int) -> None:
        with order.send("page", n, f"message {n}"):
            ran.append(n)

    threads = [threading.Thread(target=send, args=(n,)) for n in (3, 2)]
    for t in threads:  # 3 and 2 arrive before 1
        t.start()
    time.sleep(0.3)
    assert ran == [] and order.queued("page") == ["message 2", "message 3"]
    send(1)
    for t in threads:
        t.join(5)
    assert ran == [1, 2, 3]
    order.skip("page", 4)  # an empty send holds nothing up
    send(5)
    assert ran == [1, 2, 3, 5]


def test_a_send_that_never_arrives_holds_the_next_one_back_only_briefly(monkeypatch: Any) -> None:
    from assistant.ui import send_order

    monkeypatch.setattr(send_order, "GAP_SECONDS", 0.3)
    order = send_order.PageOrder()
    started = time.monotonic()
    with order.send("page", 2, "the second message; the first was lost"):
        waited = time.monotonic() - started
    assert 0.25 <= waited < 2
