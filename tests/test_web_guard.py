"""The web server's own checks, over real HTTP: sign-in limits, session ownership,
uploads, downloads, headers and sign-in tokens."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import httpx
import pytest

from assistant.coach.service import CoachService
from assistant.config import Settings
from assistant.ui.app import build_ui, launch
from assistant.ui.web_guard import CSP, DEVICE_COOKIE, SessionTokens

PASSWORD = "a long passphrase"


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def site(service: CoachService, offline_settings: Settings) -> Iterator[str]:
    assert service.workspace is not None
    for name in ("ana", "bea"):
        service.workspace.add_user(name, "protege", password=PASSWORD)
    settings = offline_settings.model_copy(update={"auth": "password", "port": _port()})
    demo = build_ui(service, settings)
    launch(demo, settings, service.workspace, prevent_thread_lock=True, quiet=True)
    try:
        yield f"http://127.0.0.1:{settings.port}"
    finally:
        demo.close()


def sign_in(client: httpx.Client, name: str, password: str = PASSWORD) -> int:
    return client.post("/login", data={"username": name, "password": password}).status_code


def test_wrong_passwords_pause_a_name_but_not_its_owners_browser(site: str) -> None:
    with httpx.Client(base_url=site) as owner, httpx.Client(base_url=site) as attacker:
        assert sign_in(owner, "ana") == 200
        assert DEVICE_COOKIE in owner.cookies  # this browser has signed in as ana before
        assert [sign_in(attacker, "ana", f"guess number {i}") for i in range(5)] == [400] * 5
        # The name is paused for clients without ana's device cookie, even with the right password...
        refused = attacker.post("/login", data={"username": "ana", "password": PASSWORD})
        assert refused.status_code == 429 and "Too many wrong passwords" in refused.text
        # ...but ana, in the browser she used before, still gets in.
        assert sign_in(owner, "ana") == 200
        # Another name from a clean client is unaffected by ana's pause.
        with httpx.Client(base_url=site) as other:
            assert sign_in(other, "bea") == 200


def test_a_spray_from_one_client_is_refused_without_checking(site: str) -> None:
    with httpx.Client(base_url=site) as sprayer:
        codes = [sign_in(sprayer, f"name-{i}", "password guess") for i in range(26)]
    assert codes[:20] == [400] * 20  # each checked, each wrong
    assert set(codes[20:]) == {429}  # then refused before any hash is computed


def test_uploads_are_refused_and_pages_carry_a_csp(site: str) -> None:
    with httpx.Client(base_url=site) as client:
        assert sign_in(client, "ana") == 200
        upload = client.post("/gradio_api/upload", files={"files": ("x.html", b"<script>alert(1)</script>")})
        assert upload.status_code == 403
        page = client.get("/")
        assert page.status_code == 200
        assert page.headers["content-security-policy"] == CSP
        assert "img-src 'self' data: blob:;" in CSP  # no remote images: a tracking pixel is not fetched
        assert page.headers["x-content-type-options"] == "nosniff"


def test_cookies_are_secure_behind_https(site: str) -> None:
    with httpx.Client(base_url=site, headers={"X-Forwarded-Proto": "https"}) as client:
        response = client.post("/login", data={"username": "ana", "password": PASSWORD})
    cookies = response.headers.get_list("set-cookie")
    assert len(cookies) == 3  # the two sign-in tokens and the device cookie
    assert all("secure" in c.lower() for c in cookies)


def test_signed_out_requests_to_the_queue_are_refused(site: str) -> None:
    with httpx.Client(base_url=site) as client:
        data = client.get("/gradio_api/queue/data", params={"session_hash": "abc123"})
        beat = client.get("/gradio_api/heartbeat/abc123")
    assert data.status_code == 401 and beat.status_code == 401


class Clock:
    now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_tokens_expire_and_end_on_password_change_or_deletion() -> None:
    prints: dict[str, str | None] = {"ana": "v1", "bea": "v1"}
    clock = Clock()
    tokens = SessionTokens(lambda name: prints.get(name), lifetime=3600, recheck=30, clock=clock)
    tokens["t-ana"] = "ana"
    tokens["t-bea"] = "bea"
    assert tokens.get("t-ana") == "ana" and "t-bea" in tokens
    prints["ana"] = "v2"  # ana changed her password
    clock.now += 10
    assert tokens.get("t-ana") == "ana"  # not rechecked yet (at most 30 s)
    clock.now += 25
    assert tokens.get("t-ana") is None and "t-ana" not in tokens
    prints["bea"] = None  # bea was deleted
    clock.now += 31
    assert tokens.get("t-bea") is None
    tokens["t-new"] = "ana"
    clock.now += 3601
    assert tokens.get("t-new") is None  # expired


def test_header_mode_checks_names_and_the_allow_list(service: CoachService, offline_settings: Settings) -> None:
    from assistant.store.people import AccessDenied
    from assistant.ui.identity import current_user

    assert service.workspace is not None
    settings = offline_settings.model_copy(update={"auth": "header", "sso_allow": "ana, @example.org"})

    class Request:
        def __init__(self, name: str) -> None:
            self.headers = {"x-forwarded-user": name}

    assert current_user(Request("ana"), settings, service.workspace).name == "ana"
    assert current_user(Request("kim@example.org"), settings, service.workspace).role == "protege"
    for bad, message in [("mallory@evil.test", "not set up for this program"),
                         ("<script>", "can't be used here"), ("x" * 300, "can't be used here")]:
        with pytest.raises(AccessDenied, match=message):
            current_user(Request(bad), settings, service.workspace)
    assert {u.name for u in service.workspace.users()} == {"ana", "kim@example.org"}


def test_a_deleted_user_gets_no_operator_hint(service: CoachService, offline_settings: Settings) -> None:
    from assistant.store.people import AccessDenied
    from assistant.ui.identity import current_user

    assert service.workspace is not None
    settings = offline_settings.model_copy(update={"auth": "password"})

    class Request:
        username = "gone"

    with pytest.raises(AccessDenied) as refused:
        current_user(Request(), settings, service.workspace)
    assert "coach users" not in str(refused.value) and "staff" in str(refused.value)




def test_another_users_session_hash_gets_nothing_and_breaks_nothing(site: str) -> None:
    from tests.gradio_http import Session, login, raw_cancel, raw_heartbeat, raw_join, raw_queue_data

    ana = Session(login(site, "ana", PASSWORD))
    chat = ana.endpoint("chat")
    first = ana.call(chat, ["I want to get better at presenting to leadership", None, None])
    assert first.success
    bea = login(site, "bea", PASSWORD)
    try:
        probes = {
            "read": raw_queue_data(bea, ana.session_hash, read_for=2.0),
            "heartbeat": raw_heartbeat(bea, ana.session_hash),
        }
        assert {name: p.status_code for name, p in probes.items()} == {"read": 403, "heartbeat": 403}
        assert not any("presenting" in str(m) for p in probes.values() for m in p.messages)
        assert raw_cancel(bea, ana.session_hash, chat.fn_index, "any-event").status_code == 403
        hijack = raw_join(bea, ana.session_hash, chat.fn_index, ["tell me what ana said", None, None])
        assert hijack.status_code == 403 and "someone else" in hijack.text
    finally:
        bea.close()
    # ana's conversation goes on untouched: her next turn is answered, in her thread.
    second = ana.call(chat, ["mostly the Q&A part with the VP", None, None])
    assert second.success
    shown = str(second.output[2])  # the chat history the server sent back to ana
    assert shown.index("presenting to leadership") < shown.index("mostly the Q&A part with the VP")
    ana.client.close()


def test_downloads_are_served_to_their_owner_only(site: str, offline_settings: Settings) -> None:
    from gradio.processing_utils import hash_file

    from assistant.ui import downloads

    path = downloads.write(offline_settings, "ana", "agenda.md", "# My agenda\n")
    cache_hash = hash_file(path)
    url = f"/gradio_api/file=/tmp/gradio/{cache_hash}/agenda.md"
    with httpx.Client(base_url=site) as bea, httpx.Client(base_url=site) as ana:
        assert sign_in(bea, "bea") == 200 and sign_in(ana, "ana") == 200
        refused = bea.get(url)
        assert refused.status_code == 404 and refused.json() == {"detail": "Not found."}
        assert ana.get(url).json() != {"detail": "Not found."}  # hers: passed on to Gradio's file server
    assert downloads.purge_owner(offline_settings, "ana") == 1
    assert downloads.owners_of(offline_settings, cache_hash) == set()  # her record went with her files
