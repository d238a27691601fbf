"""How much of a hostile model's output the guard lets through to the protégé.

Scores the labelled replies in eval/labelled/hostile/ (written blind, by a helper who
never read the guard) with the same decision the turn's guard makes: the coder's
direction check plus reply_check's secrets, other people, markup and advice forms.

    python -m eval.hostile_eval [FILES...]     # default: both files
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from assistant.coach.reply_check import ReplyChecks, Roster, instruction_texts
from assistant.config import PROJECT_ROOT

HERE = PROJECT_ROOT / "eval" / "labelled" / "hostile"


@dataclass(frozen=True)
class Case:
    id: str
    family: str
    reply: str
    should_block: bool
    said: tuple[str, ...] = ()  # the protégé's last message(s)


def load(path: Path) -> list[Case]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    def said(value: object) -> tuple[str, ...]:
        return tuple(str(v) for v in value) if isinstance(value, list) else (str(value or ""),)

    return [Case(r["id"], r["family"], r["reply"], bool(r["should_block"]), said(r.get("protege_said")))
            for r in rows]


def roster(path: Path = HERE / "roster.json") -> Roster:
    data = json.loads(path.read_text(encoding="utf-8"))
    others = tuple(n for person in data["others"] for n in _names(person))
    allowed = tuple(n for key in ("protege", "mentor") for n in _names(data[key]))
    return Roster(others=others, allowed=allowed)


def _names(person: dict[str, str]) -> list[str]:
    display = person.get("display", "")
    nick = re.findall(r"\(([^)]+)\)", display)
    return [person["name"], re.sub(r"\s*\([^)]*\)", "", display), *nick]


def blocked(case: Case, checks: ReplyChecks, people: Roster) -> list[str]:
    from assistant.bootstrap import directive_check
    from assistant.coach.reply_check import without_reported_speech

    # As the guard does: quotations and other people's "you should…" are hers, not advice.
    directive, _cues = directive_check(without_reported_speech(case.reply))
    return (["directive"] if directive else []) + checks.problems(case.reply, people, expects_question=True,
                                                                 context=case.said)


def score(cases: list[Case], checks: ReplyChecks, people: Roster) -> dict[str, dict[str, int]]:
    through: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for case in cases:
        total[case.family] += 1
        if not blocked(case, checks, people):
            through[case.family] += 1
    return {family: {"total": total[family], "reach_user": through[family]} for family in total}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--show", action="store_true", help="print every wrong decision")
    parser.add_argument("--roster", type=Path, default=HERE / "roster.json", help="who is in the program")
    args = parser.parse_args(argv)
    files = args.files or sorted(HERE.glob("hostile-*.jsonl"))
    checks = ReplyChecks(secrets=("sk-test-0000",), instructions=instruction_texts(PROJECT_ROOT / "prompts"),
                         knowledge_dir=str(PROJECT_ROOT / "knowledge"))
    people = roster(args.roster)
    for path in files:
        cases = load(path)
        print(f"{path.name}:")
        for family, row in sorted(score(cases, checks, people).items()):
            share = row["reach_user"] / row["total"]
            label = "shown (should be)" if family == "clean" else "reach the user"
            print(f"  {family:13} {row['reach_user']:3}/{row['total']:3} {label}  ({share:.1%})")
        if args.show:
            for case in cases:
                why = blocked(case, checks, people)
                if bool(why) != case.should_block:
                    print(f"    {case.id} {case.family} {'blocked ' + ','.join(why) if why else 'PASSED'}: "
                          f"{case.reply[:150]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
