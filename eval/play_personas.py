"""Play persona scripts through an offline coach and write what happened, turn by turn, as JSON lines.

    python eval/play_personas.py eval/personas-blind --out transcripts.jsonl

It imports only the product's public service API (`assistant.bootstrap`, `assistant.config`,
the workspace), never this `eval` package, so it runs unchanged inside an older checkout
(`cd old-checkout && python /path/to/eval/play_personas.py ...`): that is how the suite is
shown to catch an older engine's faults. `coach eval personas --transcripts FILE` scores the
output; any other bot can be scored the same way by writing the same records.

One record per persona: {"id", "opening", "turns": [{"user", "reply", "route", "move",
"citations": [{"source", "section"}], "slots": {...}, "commitments": [...]}], "final":
{"commitments": [{"text", "status"}], "agenda": "...", "approved": bool}}.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml


def offline_service(folder: Path, knowledge_dir: Path) -> Any:
    from assistant.bootstrap import build_service
    from assistant.config import load_settings
    from assistant.knowledge.ingest import ensure_index
    from assistant.llm.offline import OfflineBackend

    settings = load_settings(data_dir=folder, knowledge_dir=knowledge_dir)
    ensure_index(settings)
    return build_service(settings, backend=OfflineBackend())


def _plain(value: Any) -> Any:
    """State values as JSON: text stays text, anything else its string form."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return str(value)


def play(persona: dict[str, Any], service: Any) -> dict[str, Any]:
    """One persona as its own protégé, so commitments and agendas never mix."""
    ws = service.workspace
    user = f"protege-{persona['id']}".lower()
    actor = ws.ensure_user(user, "protege")
    earlier = [str(c) for c in persona.get("previous_commitments") or []]
    if persona.get("returning") and earlier:
        ws.register_thread(actor, f"earlier-{user}")
        for text in earlier:
            ws.add_commitment(actor, f"earlier-{user}", text)
    thread, opening = service.open_thread(user)
    turns = []
    for said in persona["turns"]:
        reply = list(service.respond(user, thread, str(said)))[-1]
        state = service.state(user, thread)
        turns.append(
            {
                "user": str(said),
                "reply": reply.text,
                "route": reply.route,
                "move": reply.move,
                "citations": [
                    {"source": getattr(c, "source", ""), "section": getattr(c, "section", "")}
                    for c in (reply.citations or [])
                ],
                "slots": _plain(state.get("slots", {})),
                "commitments": _plain(state.get("commitments", [])),
            }
        )
    agendas = ws.agendas(actor)
    mine = [a for a in agendas if a.thread_id == thread]
    return {
        "id": persona["id"],
        "opening": opening or "",
        "turns": turns,
        "final": {
            "commitments": [
                {"text": c.text, "status": c.status, "thread": "this" if c.thread_id == thread else "earlier"}
                for c in ws.commitments(actor)
            ],
            "agenda": mine[-1].markdown if mine else "",
            "approved": any(a.status == "approved" for a in mine),
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("personas", type=Path, help="a folder of persona YAML files (or one file)")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--knowledge", type=Path, default=Path("knowledge"))
    args = parser.parse_args(argv)
    files = sorted(args.personas.glob("*.yaml")) if args.personas.is_dir() else [args.personas]
    if not files:
        print(f"No persona files in {args.personas}.", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        service = offline_service(Path(tmp), args.knowledge)
        with args.out.open("w", encoding="utf-8") as out:
            for path in files:
                persona = yaml.safe_load(path.read_text(encoding="utf-8"))
                out.write(json.dumps(play(persona, service), ensure_ascii=False) + "\n")
    print(f"{len(files)} personas played -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
