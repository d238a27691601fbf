"""The Gradio app: one Blocks page, one module per tab."""

from __future__ import annotations

import gradio as gr

from assistant.coach.service import CoachService
from assistant.config import Settings
from assistant.llm.factory import describe_backend
from assistant.questions import bank_path
from assistant.ui.chat_tab import build_prepare_tab
from assistant.ui.mentor_tab import build_mentor_tab

CSS = """
.backend-badge { display:inline-block; padding:2px 10px; border-radius:999px;
  background:var(--color-accent-soft); font-size:0.85em; }
.grow-steps { display:flex; gap:6px; list-style:none; padding:0; margin:6px 0 10px; flex-wrap:wrap; }
.grow-step { padding:4px 10px; border-radius:999px; border:1px solid var(--border-color-primary);
  font-size:0.85em; }
.grow-done { background:var(--color-accent-soft); }
.grow-current { background:var(--color-accent); color:white; font-weight:600; }
#notices:empty { display:none; }
"""

INTRO = (
    "You lead; the coach asks. Say what's on your mind and, question by question, shape a "
    "goal in your own words and an agenda you approve. Your conversation stays yours."
)


def build_ui(service: CoachService, settings: Settings, user: str = "local") -> gr.Blocks:
    with gr.Blocks(title="Protégé coach") as demo:
        gr.Markdown("## Protégé coach")
        with gr.Tab("Prepare"):
            gr.Markdown(INTRO)
            build_prepare_tab(demo, service, user, describe_backend(settings))
        with gr.Tab("Mentor"):
            build_mentor_tab(bank_path(settings.knowledge_dir))
    return demo


def launch(demo: gr.Blocks, settings: Settings, **kwargs: object) -> None:
    demo.queue(default_concurrency_limit=16).launch(
        server_name=settings.host,
        server_port=settings.port,
        css=CSS,
        # System fonts only: the default Google fonts would be fetched at run time.
        theme=gr.themes.Soft(
            font=["ui-sans-serif", "system-ui", "Segoe UI", "Roboto", "sans-serif"],
            font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "monospace"],
        ),
        footer_links=[],
        **kwargs,
    )
