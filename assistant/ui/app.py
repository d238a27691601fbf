"""The Gradio app: one Blocks page, one module per tab."""

from __future__ import annotations

import html
import logging
import os
from pathlib import Path
from typing import Any

import gradio as gr
from starlette.middleware import Middleware

from assistant.coach.service import CoachService
from assistant.config import Settings
from assistant.llm.factory import describe_backend
from assistant.questions import bank_path
from assistant.store.people import AccessDenied
from assistant.store.workspace import Workspace
from assistant.ui.chat_tab import build_prepare_tab
from assistant.ui.downloads import TTL, owners_of, server_secret
from assistant.ui.identity import current_user, password_check
from assistant.ui.mentor_tab import build_mentor_tab
from assistant.ui.page_title import PageTitle
from assistant.ui.staff_tab import REPORTS_PATH, build_staff_tab, report_route
from assistant.ui.web_guard import Identity, WebGuard, token_installer

log = logging.getLogger(__name__)

CSS = """
.backend-badge { display:inline-block; padding:2px 10px; border-radius:999px;
  background:var(--color-accent-soft); font-size:0.85em; }
.grow-steps { display:flex; gap:6px; list-style:none; padding:0; margin:6px 0 10px; flex-wrap:wrap; }
.grow-step { padding:4px 10px; border-radius:999px; border:1px solid var(--border-color-primary);
  font-size:0.85em; }
.grow-done { background:var(--color-accent-soft); }
.grow-current { background:var(--color-accent); color:white; font-weight:600; }
#notices:empty { display:none; }
/* The chat's trash icon would empty the view while the conversation goes on: "Start a new
   conversation" is the honest way to begin again. */
#prep-chat button[aria-label="Clear"] { display:none; }
.dark [role="tab"][aria-selected="true"] { color:var(--primary-400); }
#support-resources { border:2px solid #b45309; border-radius:8px; padding:8px 14px;
  background:#fffbeb; color:#1f2937; }
#support-resources h3 { margin-top:4px; color:#1f2937; }
"""

TITLE = "Protégé coach"

INTRO = (
    "You lead; the coach asks. Say what's on your mind and, question by question, shape a "
    "goal in your own words and an agenda you approve. Your conversation stays yours."
)


def tabs_for(role: str, auth: str) -> tuple[str, set[str]]:
    """(home tab, tabs shown) for a role. Signed in, each person sees their own tools only;
    on a laptop (auth none) the one local person may prepare and try the mentor tools."""
    if auth == "none":
        return "prepare", {"prepare", "mentor"}
    home = {"protege": "prepare", "mentor": "mentor", "staff": "staff"}.get(role, "prepare")
    return home, {home}


def build_ui(service: CoachService, settings: Settings) -> gr.Blocks:
    """One page; each tab shows what the signed-in person's role may use. Hiding a tab is
    only courtesy: the workspace refuses the data to anyone without the right."""
    ws = service.workspace
    assert ws is not None, "the web app needs the workspace store (build_service opens it)"
    # Downloads are copied into Gradio's cache: a protégé's words should not sit there
    # long. Swept every minute, files older than TTL go, so none outlives ten minutes
    # by more than a minute (and a deleted user's go at once: downloads.purge_owner).
    with gr.Blocks(title=TITLE, delete_cache=(60, TTL - 60)) as demo:
        whoami = gr.Markdown(elem_id="whoami")
        with gr.Tabs() as tabs:
            # Every tab starts hidden and the page load shows the person's own: Gradio 6
            # applies "show" to a tab but not "hide" to one that was rendered visible.
            with gr.Tab("Prepare", id="prepare", elem_id="tab-prepare", visible=False) as prepare:
                gr.Markdown(INTRO)
                build_prepare_tab(demo, service, settings, describe_backend(settings))
            with gr.Tab("Mentor", id="mentor", elem_id="tab-mentor", visible=False) as mentor:
                build_mentor_tab(bank_path(settings.knowledge_dir), ws, settings, demo)
            with gr.Tab("Staff", id="staff", elem_id="tab-staff", visible=False) as staff:
                refresh_staff, staff_body = build_staff_tab(ws, settings)

        def on_load(request: gr.Request) -> tuple[Any, ...]:
            try:
                user = current_user(request, settings, ws)
            except AccessDenied as exc:
                return f"⚠️ {exc}", gr.update(), gr.update(), gr.update(), "", gr.update()
            hello = f"## Protégé coach <small>· {html.escape(user.name)} ({user.role})</small>"
            home, shown = tabs_for(user.role, settings.auth)
            # Each person sees their own tabs and lands on their home. Hiding is courtesy:
            # the data layer refuses anyone else's data to a handler reached another way.
            return (
                hello,
                gr.Tab(visible="prepare" in shown),
                gr.Tab(visible="mentor" in shown),
                gr.Tab(visible="staff" in shown),
                refresh_staff(request) if "staff" in shown else "",
                gr.Tabs(selected=home),
            )

        demo.load(on_load, outputs=[whoami, prepare, mentor, staff, staff_body, tabs])
    return demo


#: Runs once the page has loaded. Gradio titles a radio group with a <span> inside its
#: <fieldset>, not a <legend>: screen readers announced an unnamed group. This names each
#: group by its (possibly hidden) title, also for groups rendered later (closed accordions).
A11Y_JS = """
() => {
  const name = () => document.querySelectorAll('fieldset').forEach((set, i) => {
    const title = set.querySelector(':scope > [data-testid="block-info"]');
    if (!title || set.hasAttribute('aria-labelledby') || !set.querySelector('input[type=radio]')) return;
    title.id = title.id || `${set.id || 'radio-' + i}-title`;
    set.setAttribute('role', 'radiogroup');
    set.setAttribute('aria-labelledby', title.id);
  });
  name();
  new MutationObserver(name).observe(document.body, { childList: true, subtree: true });
}
"""


def theme() -> gr.themes.Base:
    """Gradio's Soft theme, with text and controls at WCAG AA contrast (4.5:1): its
    indigo-500 labels, buttons and selected options, and gray-400 hints, fall short."""
    # System fonts only: the default Google fonts would be fetched at run time.
    return gr.themes.Soft(
        font=["ui-sans-serif", "system-ui", "Segoe UI", "Roboto", "sans-serif"],
        font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "monospace"],
    ).set(
        color_accent="*primary_600",  # the selected tab's text, the current GROW step
        block_label_text_color="*primary_700",
        block_title_text_color="*primary_700",
        body_text_color_subdued="*neutral_600",
        input_placeholder_color="*neutral_500",
        button_primary_background_fill="*primary_600",
        button_primary_background_fill_hover="*primary_700",
        checkbox_label_background_fill_selected="*primary_600",
        checkbox_background_color_selected="*primary_800",  # the dot's ring, seen on the darker fill
        checkbox_border_color_selected="*primary_800",
        # Dark mode: white on indigo-500 is just as short of 4.5:1.
        button_primary_background_fill_hover_dark="*primary_700",
        button_secondary_background_fill_hover_dark="*primary_700",
        input_placeholder_color_dark="*neutral_300",
    )


def guard_middleware(settings: Settings, workspace: Workspace | None) -> Middleware:
    identity = Identity(settings.auth, settings.sso_header, settings.local_user)
    tokens = None
    if settings.auth == "password" and workspace is not None:
        tokens = token_installer(workspace.login_fingerprint, settings.session_hours * 3600)
    routes = {REPORTS_PATH: report_route(settings, workspace)} if workspace is not None else {}
    return Middleware(WebGuard, identity=identity, secret=server_secret(Path(settings.data_dir)), tokens=tokens,
                      download_owners=lambda cache_hash: owners_of(settings, cache_hash), routes=routes)


def launch(demo: gr.Blocks, settings: Settings, workspace: Workspace | None = None, **kwargs: Any) -> None:
    if settings.auth == "password":
        if workspace is None:
            raise ValueError("password sign-in needs the workspace store")
        if not workspace.has_logins():
            log.warning("COACH_AUTH=password but nobody has a password yet: add one with "
                        "`coach users add NAME --role protege --password-stdin`.")
        kwargs.setdefault("auth", password_check(workspace))
        # Gradio's form says "Incorrect credentials" for any refusal, so the pause is explained here.
        kwargs.setdefault("auth_message", "Sign in with the name and password your program gave you. "
                          "After 5 wrong passwords, signing in to that name pauses for 15 minutes, except "
                          "in a browser that has signed in to it before.")
    # Gradio's queue rebuilds a pandas summary of its last 10,000 events twice per event
    # (for its monitoring page, unused here): per-turn cost grew with uptime. Summarise
    # rarely, over few events.
    os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", "100000")
    os.environ.setdefault("GRADIO_ANALYTICS_MAX_EVENTS", "200")
    demo.queue(default_concurrency_limit=16).launch(
        server_name=settings.host,
        server_port=settings.port,
        css=CSS,
        theme=theme(),
        js=A11Y_JS,
        footer_links=[],
        app_kwargs={"middleware": [guard_middleware(settings, workspace), Middleware(PageTitle, title=TITLE)]},
        **kwargs,
    )
