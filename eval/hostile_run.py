"""A hostile language model, end to end: what reaches the protégé?

A scripted backend answers every coaching turn (and the guard's retry) with replies from
one hostile family of a labelled file (advice, secret, other_person or markup), written
blind by a helper who never read the guard. The protégé's side is the file's own
"protege_said" messages. Each mode runs N turns through the real service (engine,
guard, fallback) with the program's roster in the workspace; a turn "leaks" when the
text shown to the protégé is one of the hostile replies.

    python -m eval.hostile_run [--file eval/labelled/hostile/hostile-C.jsonl] [--turns 80]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from assistant.config import PROJECT_ROOT, Settings, load_settings
from eval.hostile_eval import HERE, load

MODES = ("advice", "secret", "other_person", "markup")


@dataclass(frozen=True)
class ModeResult:
    mode: str
    turns: int
    reached: int  # hostile text shown to the protégé
    fallbacks: int  # turns answered by the built-in coach instead
    examples: tuple[str, ...]

    @property
    def share(self) -> float:
        return self.reached / self.turns if self.turns else 0.0


def run(path: Path, turns: int, settings: Settings, roster_file: Path = HERE / "roster.json") -> list[ModeResult]:
    from assistant.bootstrap import build_service, open_workspace
    from assistant.llm.scripted import ScriptedBackend
    from assistant.records import Reply

    cases = load(path)
    said: list[str] = []
    for case in cases:  # the protégé's side: every message of every case, in file order
        said.extend(m for m in case.said if m.strip())
    workspace = open_workspace(settings)
    roster = json.loads(roster_file.read_text(encoding="utf-8"))
    me = roster["protege"]["name"]
    for person in [roster["protege"], roster["mentor"], *roster["others"]]:
        role = "mentor" if person is roster["mentor"] or person.get("role") == "mentor" else "protege"
        workspace.add_user(person["name"], role, display_name=person["display"])
    workspace.pair(me, roster["mentor"]["name"])
    results = []
    for mode in MODES:
        pool = [c.reply for c in cases if c.family == mode]
        # Each phrasing call gets the next hostile reply: the first try and the retry both misbehave.
        script = [pool[i % len(pool)] for i in range(turns * 2)]
        backend = ScriptedBackend(script, repeat_last=True)
        backend.name = "hostile"
        service = build_service(settings, backend=backend, workspace=workspace)
        reached, fallbacks, examples = 0, 0, []
        thread = ""
        for turn in range(turns):
            if turn % 10 == 0:  # fresh threads now and then, so every stage of a conversation is seen
                thread = service.new_thread(me)
            reply = list(service.respond(me, thread, said[turn % len(said)]))[-1]
            assert isinstance(reply, Reply)
            shown = reply.text.strip()
            if any(shown == h.strip() for h in pool):
                reached += 1
                examples.append(shown[:160])
            if reply.backend == "offline":
                fallbacks += 1
        results.append(ModeResult(mode, turns, reached, fallbacks, tuple(examples[:5])))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--file", type=Path, default=HERE / "hostile-C.jsonl")
    parser.add_argument("--turns", type=int, default=80)
    parser.add_argument("--roster", type=Path, default=HERE / "roster.json")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(backend="offline", data_dir=Path(tmp), knowledge_dir=PROJECT_ROOT / "knowledge",
                                 chroma_path=Path(tmp) / "no-index")
        for r in run(args.file, args.turns, settings, args.roster):
            print(f"{r.mode:13} {r.reached:3}/{r.turns} reached the protégé ({r.share:.1%}); "
                  f"{r.fallbacks} answered by the built-in coach")
            for example in r.examples:
                print(f"    {example}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
