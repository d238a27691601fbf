"""Play scripted protégé conversations through the offline coach, for people to read and rate.

    python -m eval.review eval/conversations/blind-review.yaml --out review.md

Each conversation runs on a fresh store; a returning protégé's earlier commitment is put in
place first, so the thread opens with the check-in. The output is Markdown: every protégé
message and every reply, numbered, plus the longest run of words a reply copied from the
protégé (the "no copied sentence" check: a run over 8 words is flagged).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.language.copying import MAX_COPIED_RUN, longest_copied_run


@dataclass
class Played:
    id: str
    persona: str
    turns: list[tuple[str, str, str]] = field(default_factory=list)  # (said, route/move, reply)
    opening: str = ""
    state: dict[str, Any] = field(default_factory=dict)


def review_service(folder: Path, knowledge_dir: Path) -> Any:
    """The offline coach as protégés get it, guidance search included, in a scratch folder."""
    from assistant.bootstrap import build_service
    from assistant.config import load_settings
    from assistant.knowledge.ingest import ensure_index
    from assistant.llm.offline import OfflineBackend

    settings = load_settings(data_dir=folder, knowledge_dir=knowledge_dir)
    ensure_index(settings)
    return build_service(settings, backend=OfflineBackend())


def play(convo: dict[str, Any], service: Any) -> Played:
    """One conversation, as its own protégé (so threads, commitments and agendas never mix)."""
    out = Played(str(convo.get("id", "?")), str(convo.get("persona", "")))
    ws = service.workspace
    user = f"protege-{out.id}".lower()
    actor = ws.ensure_user(user, "protege")
    if convo.get("returning") and convo.get("previous_commitment"):
        earlier = f"earlier-{user}"  # thread ids are global: one per protégé
        ws.register_thread(actor, earlier)
        ws.add_commitment(actor, earlier, str(convo["previous_commitment"]))
    thread, opening = service.open_thread(user)
    out.opening = opening
    for said in convo["turns"]:
        reply = list(service.respond(user, thread, str(said)))[-1]
        out.turns.append((str(said), f"{reply.route}/{reply.move}", reply.text))
    out.state = dict(service.state(user, thread))
    return out


def to_markdown(played: list[Played]) -> str:
    lines = []
    for p in played:
        lines += [f"## {p.id}: {p.persona}", ""]
        if p.opening:
            lines += [f"**Coach (opening):** {p.opening}", ""]
        said_so_far: list[str] = []
        for n, (said, where, reply) in enumerate(p.turns, 1):
            said_so_far.append(said)
            run, words = longest_copied_run(reply, said_so_far)
            flag = f"  ⚠ copied {run} words: “{words}”" if run > MAX_COPIED_RUN else ""
            lines += [f"{n}. **Protégé:** {said}", f"   **Coach** ({where}):{flag} {reply}", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--personas", action="store_true", help="also play the persona scripts in eval/scenarios")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--knowledge", type=Path, default=Path(__file__).resolve().parent.parent / "knowledge")
    args = parser.parse_args(argv)
    played = []
    with tempfile.TemporaryDirectory() as tmp:
        service = review_service(Path(tmp), args.knowledge)
        convos = [c for path in args.files for c in yaml.safe_load(path.read_text(encoding="utf-8"))]
        if args.personas:
            from eval.personas import load_personas

            convos += [{"id": p.id, "persona": p.title, "turns": list(p.turns), "returning": bool(p.commitments),
                        "previous_commitment": p.commitments[0] if p.commitments else ""} for p in load_personas()]
        for convo in convos:
            played.append(play(convo, service))
    text = to_markdown(played)
    runs = [longest_copied_run(reply, [t[0] for t in p.turns[: n + 1]])[0]
            for p in played for n, (_, where, reply) in enumerate(p.turns)
            if not where.endswith(("summary+agenda", "agenda_edit+question"))]
    print(f"{len(played)} conversations, {len(runs)} replies (agenda drafts and edits excepted): longest copied "
          f"run {max(runs, default=0)} words; replies over {MAX_COPIED_RUN}: {sum(r > MAX_COPIED_RUN for r in runs)}")
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
