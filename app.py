"""Gradio entry point: `python app.py` (or `make run`) serves the coach on http://127.0.0.1:7860."""

from __future__ import annotations

import logging
import sys

from assistant.bootstrap import build_service
from assistant.coach.service import CoachError
from assistant.config import SettingsError, load_settings


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        settings = load_settings()
        service = build_service(settings)
    except (SettingsError, CoachError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    import threading

    from assistant.language import warm_up
    from assistant.ui.app import build_ui, launch

    # The parser and classifiers load in the background while the server starts.
    threading.Thread(target=warm_up, args=(settings.knowledge_dir / "questions.yaml",), daemon=True).start()
    launch(build_ui(service, settings), settings, service.workspace)
    return 0


if __name__ == "__main__":
    sys.exit(main())
