"""`coach eval ...`: the evaluation suite for program staff. Wiring only; logic is in eval/."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer

from assistant.choices import unknown
from assistant.cli_common import fail, settings_of

#: Files given on the command line; none given means the project's own (blind) sets.
Paths = list[Path] | None

eval_app = typer.Typer(help="Evaluate: does the assistant prompt rather than direct?", no_args_is_help=True)

MAX_INPUT_BYTES = 50 * 1024 * 1024




@eval_app.command("run")
def run(
    ctx: typer.Context,
    personas: Annotated[str | None, typer.Option(help="Comma-separated persona ids (default: all).")] = None,
    out: Annotated[Path, typer.Option(help="Folder for results.jsonl, summary.json, report.html, junit.xml.")] = Path(
        "eval-runs/latest"
    ),
    seed: Annotated[int, typer.Option(help="Recorded with the run; varies thread ids.")] = 0,
    concurrency: Annotated[int, typer.Option(min=1, max=32)] = 2,
    quiet: Annotated[bool, typer.Option(help="No progress bar.")] = False,
    simulate: Annotated[
        bool, typer.Option(help="A model plays each protégé live (needs OPENAI_API_KEY or OPENAI_BASE_URL).")
    ] = False,
) -> None:
    """Play every protégé persona against the coach, score it, write reports; exit 1 below thresholds."""
    from assistant.bootstrap import build_service
    from assistant.knowledge.ingest import ensure_index
    from assistant.knowledge.store import KnowledgeError
    from eval.personas import PersonaError, load_personas
    from eval.runner import run_suite

    settings = settings_of(ctx)
    only = [p.strip() for p in personas.split(",") if p.strip()] if personas else None
    try:
        chosen = load_personas(only=only)
    except PersonaError as exc:
        fail(str(exc))
    try:
        ensure_index(settings)  # logistics answers need the guidance indexed
    except KnowledgeError as exc:
        typer.secho(f"note: guidance unavailable ({exc}); cited answers will fail.", err=True, fg="yellow")
    # Eval threads live with the run, never among real protégés' threads.
    eval_settings = settings.model_copy(
        update={"data_dir": out / "threads", "chroma_path": settings.effective_chroma_path}
    )
    protege = None
    if simulate:
        from eval.simulate import SimulatedProtege, SimulationError

        try:
            protege = SimulatedProtege(settings)
        except SimulationError as exc:
            fail(str(exc))
    result = run_suite(
        lambda: build_service(eval_settings, workspace=False),
        chosen,
        out,
        backend=settings.effective_backend,
        seed=seed,
        concurrency=concurrency,
        progress=not quiet,
        protege=protege,
    )
    played = "simulated protégés" if simulate else "scripted protégés"
    typer.echo(f"{len(chosen)} personas ({played}), backend {result.backend}, {result.seconds:.1f} s")
    for t in result.thresholds:
        mark = "PASS" if t.passed else "FAIL"
        bound = t.fair if t.gate == "fair" else t.good
        sign = ">=" if t.direction == "min" else "<="
        typer.echo(f"  {mark}  {t.metric:<36} {t.value:>7.3f}  (needs {sign} {bound:g}; level {t.level}; {t.source})")
    failed = [r for r in result.runs if not r.passed]
    for r in failed:
        typer.echo(f"  FAIL  persona {r.persona.id}: {'; '.join(r.failures)}")
    typer.echo(f"Report: {result.files.get('report', '')}")
    if not result.passed:
        raise typer.Exit(1)


@eval_app.command("personas")
def personas_gold(
    folder: Annotated[
        Path | None, typer.Argument(help="Persona files with gold (default: eval/personas-blind).")
    ] = None,
    transcripts: Annotated[
        Path | None, typer.Option(help="Score these played records (eval/play_personas.py output) instead of playing.")
    ] = None,
    out: Annotated[Path, typer.Option(help="Folder for report.md, summary.json, transcripts.jsonl.")] = Path(
        "eval-runs/personas"
    ),
    no_embeddings: Annotated[bool, typer.Option(help="Skip the relevance and near-repeat checks.")] = False,
) -> None:
    """Blind personas through the offline coach, checked against what a good coach would record; exit 1 on failures."""
    from eval.gold_personas import BLIND_DIR, GoldError, load_gold_personas
    from eval.gold_suite import (
        embedding_similarity,
        load_quality_settings,
        play_all,
        read_transcripts,
        score_all,
        shipped_service,
        to_markdown,
    )

    try:
        chosen = load_gold_personas(folder or BLIND_DIR)
    except GoldError as exc:
        fail(str(exc))
    if transcripts is not None:
        try:
            records = read_transcripts(transcripts)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            fail(f"cannot read the transcripts: {exc}")
        source = transcripts.name
    else:
        with shipped_service() as service:
            records = {r["id"]: r for r in play_all(chosen, service)}
        source = "the offline coach"
    report = score_all(chosen, records, None if no_embeddings else embedding_similarity(), load_quality_settings())
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.md").write_text(to_markdown(report, f"Blind personas: {source}"), encoding="utf-8")
    (out / "summary.json").write_text(json.dumps(report.summary(), indent=2, ensure_ascii=False), encoding="utf-8")
    (out / "transcripts.jsonl").write_text(
        "".join(json.dumps(records[s.persona.id], ensure_ascii=False) + "\n" for s in report.scored), encoding="utf-8"
    )
    summary = report.summary()
    typer.echo(f"{summary['personas']} personas ({source}): {summary['failed']} fail "
               f"({summary['failed_share']:.0%})")
    for metric, n in summary["personas_failing_each_metric"].items():
        typer.echo(f"  {metric:<12} fails {n} persona(s)")
    for metric, rate in summary["rates"].items():
        typer.echo(f"  rate {metric:<12} {rate:.3f}")
    if report.missing:
        typer.echo(f"  no transcript for: {', '.join(report.missing)}")
    typer.echo(f"Report: {out / 'report.md'}")
    if report.failed or report.missing:
        raise typer.Exit(1)


@eval_app.command("retrieval")
def retrieval(
    ctx: typer.Context,
    strategy: Annotated[str, typer.Option(help="mmr, vector, hybrid, or all to compare them.")] = "all",
    questions: Annotated[Path | None, typer.Option(help="A questions YAML (default: the shipped set).")] = None,
    show_misses: Annotated[bool, typer.Option(help="List questions whose gold section was not ranked first.")] = False,
) -> None:
    """hit@1, hit@3 and MRR of guidance search on questions with known answers."""
    from assistant.knowledge.ingest import ensure_index
    from assistant.knowledge.retrieve import STRATEGIES, Retriever
    from assistant.knowledge.store import KnowledgeError
    from eval.retrieval_eval import QUESTIONS_FILE, load_questions, score

    chosen = list(STRATEGIES) if strategy == "all" else [strategy]
    if any(s not in STRATEGIES for s in chosen):
        fail(unknown("strategy", strategy, ("all", *STRATEGIES)))
    try:
        items = load_questions(questions or QUESTIONS_FILE)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        fail(f"cannot read the questions file: {exc}")
    settings = settings_of(ctx)
    try:
        if questions is None or questions.resolve().parent == QUESTIONS_FILE.parent.resolve():
            ensure_index(settings)  # the shipped question sets are about the shipped guidance
        retriever = Retriever(settings)
    except KnowledgeError as exc:
        fail(str(exc))
    typer.echo(f"{len(items)} questions")
    for name in chosen:
        result = score(retriever, items, name)
        typer.echo(f"{name:<7} hit@1 {result.hit_at_1:.3f}   hit@3 {result.hit_at_3:.3f}   MRR {result.mrr:.3f}")
        if show_misses:
            for question, gold, got in result.misses:
                typer.echo(f"    miss: {question!r}: wanted {gold}, got {got}")


@eval_app.command("safety")
def safety(
    ctx: typer.Context,
    sentences: Annotated[Paths, typer.Option(help="Labelled CSVs (text,category); default: the blind sets.")] = None,
    conversations: Annotated[Paths, typer.Option(help="Scripted conversations YAML; default: the blind set.")] = None,
    show_misses: Annotated[bool, typer.Option(help="List missed alerts and false alarms.")] = False,
    transcripts: Annotated[bool, typer.Option(help="Print every conversation turn by turn.")] = False,
) -> None:
    """The safety detector on labelled sentences and whole scripted crisis conversations; exit 1 below the bar."""
    from assistant.safety import default_detector
    from eval.safety_eval import (
        BLIND_CONVERSATIONS,
        BLIND_SENTENCES,
        MUST_ALERT,
        load_conversations,
        load_sentences,
        offline_service_factory,
        run_conversation,
        score_sentences,
    )

    settings = settings_of(ctx)
    detector = default_detector()
    if not detector.learned:
        typer.secho("note: the trained head is unavailable; phrases only.", err=True, fg=typer.colors.YELLOW)
    ok = True
    for path in sentences or BLIND_SENTENCES:
        try:
            rows = load_sentences(path)
        except (OSError, ValueError, csv.Error) as exc:  # UnicodeDecodeError is a ValueError
            fail(f"cannot read {path}: {exc}")
        result = score_sentences(detector, rows)
        recall = result.rate(MUST_ALERT, "concern")
        false_alarms = result.rate(("work",), "concern")
        typer.echo(f"{path.name}: {result.total} sentences")
        per = ", ".join(f"{c} {result.rate((c,), 'concern'):.3f} (n={result.count((c,))})" for c in MUST_ALERT)
        typer.echo(f"  ideation + self-harm at concern or crisis: {recall:.3f}   [{per}]")
        typer.echo(f"  work talk at concern or crisis (false alarms): {false_alarms:.3f} (n={result.count(('work',))});"
                   f" at distress or above {result.rate(('work',), 'distress'):.3f}")
        typer.echo(f"  harm to others at concern or crisis: {result.rate(('harm_others',), 'concern'):.3f};"
                   f" abuse at concern: {result.rate(('abuse',), 'concern'):.3f};"
                   f" distress at distress or above: {result.rate(('distress',), 'distress'):.3f}")
        ok = ok and recall >= 0.97 and false_alarms <= 0.02
        if show_misses:
            for category, tier, text in result.misses:
                typer.echo(f"    {'missed' if category != 'work' else 'false alarm'} ({category} -> {tier}): {text!r}")

    make_service = offline_service_factory(Path(settings.knowledge_dir), detector)

    for path in conversations or BLIND_CONVERSATIONS:
        try:
            convos = load_conversations(path)
        except (OSError, ValueError) as exc:
            fail(f"cannot read {path}: {exc}")
        runs = [run_conversation(make_service, c) for c in convos]
        passed = sum(1 for r in runs if not r.failures)
        kinds = Counter(k for r in runs for k in r.kinds)
        typer.echo(f"{path.name}: {passed}/{len(runs)} conversations with every turn handled as expected"
                   f" ({', '.join(f'{k} {kinds[k]}' for k in sorted(kinds)) or 'no failures'})")
        for r in runs:
            for failure in r.failures:
                typer.echo(f"    {r.id} {failure}")
            if transcripts:
                for expect, said, where, reply in r.transcript:
                    typer.echo(f"  [{r.id} {expect} -> {where}]\n    protégé: {said}\n    coach:   {reply}")
        ok = ok and not any(r.critical for r in runs)
    if not ok:
        raise typer.Exit(1)


@eval_app.command("acts")
def acts(
    files: Annotated[Paths, typer.Argument(help="Labelled acts JSONL files; default: the blind batches.")] = None,
    checkin: Annotated[Paths, typer.Option(help="Labelled check-in JSONL files; default: the blind set.")] = None,
) -> None:
    """The dialogue-act and check-in classifiers on labelled messages; exit 1 below the bar."""
    from eval import acts_eval

    ok = True
    for path in files or acts_eval.BLIND_ACTS:
        try:
            result = acts_eval.score_acts(acts_eval.load_acts(path))
        except acts_eval.LabelledFileError as exc:
            fail(str(exc))
        typer.echo(acts_eval.format_acts(path.name, result))
        ok = ok and result.macro_f1 >= 0.80 and result.commitment_precision >= 0.95 and result.own_goal_accuracy >= 0.90
    for path in checkin or acts_eval.BLIND_CHECKIN:
        try:
            rows = acts_eval.load_checkin(path)
            accuracy, per = acts_eval.score_checkin(rows)
            head_only, _ = acts_eval.score_checkin(rows, classifier_only=True)
        except acts_eval.LabelledFileError as exc:
            fail(str(exc))
        typer.echo(f"{path.name}: check-in outcome accuracy {accuracy:.3f} (outcome head alone {head_only:.3f})  "
                   + "  ".join(f"{o} F1 {m['f1']:.2f} (n={int(m['support'])})" for o, m in per.items()))
        ok = ok and accuracy >= 0.90
    if not ok:
        typer.secho("below the bar (macro-F1 0.80, commitment precision 0.95, own goal 0.90, check-in 0.90)",
                    err=True, fg=typer.colors.RED)
        raise typer.Exit(1)


@eval_app.command("calibrate")
def calibrate(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(help="Labels: the project's labelled set, a suggestion set (text,label; or ESConv JSONL) "
                            "or an AnnoMI CSV."),
    ] = None,
    labels: Annotated[Path | None, typer.Option(help="Same as the argument.")] = None,
    coder: Annotated[str, typer.Option(help="offline (rules) or llm (the configured backend).")] = "offline",
    misses: Annotated[int, typer.Option(min=0, help="Show this many disagreements (labelled set).")] = 0,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Agreement of a coder with human labels: the project's labelled set, or AnnoMI transcripts."""
    from eval.calibrate import (
        LABELS,
        calibrate_annomi,
        calibrate_labelled,
        calibrate_suggestions,
        is_labelled_set,
        is_suggestion_set,
    )

    source = labels or path
    if source is None:
        fail("give the labels file: coach eval calibrate --labels eval/labelled/coaching-utterances.csv")
    batch = _batch_coder(ctx, coder)
    try:
        if is_suggestion_set(source):
            found = calibrate_suggestions(source, batch)
            if as_json:
                typer.echo(json.dumps(found.to_dict(), indent=2))
                return
            v, a = found.versus_prompting, found.all_rows
            typer.echo(f"{found.n} supporter utterances: {found.suggestions} suggestions, {found.prompting} prompting")
            typer.echo(f"suggestion vs questions/restatements/reflections: P {v['precision']:.3f}  "
                       f"R {v['recall']:.3f}  F1 {v['f1']:.3f}; prompting flagged {found.prompting_flagged:.3f}")
            typer.echo(f"suggestion vs every other utterance:             P {a['precision']:.3f}  "
                       f"R {a['recall']:.3f}  F1 {a['f1']:.3f}")
            return
        if is_labelled_set(source):
            labelled = calibrate_labelled(source, batch)
            if as_json:
                typer.echo(json.dumps(labelled.to_dict(), indent=2, ensure_ascii=False))
                return
            _print_labelled(labelled, misses)
            return
        result = calibrate_annomi(source, batch)
    except OSError as exc:
        fail(f"cannot read {source}: {exc.strerror or exc}")
    except UnicodeDecodeError:
        fail(f"{source} is not UTF-8 text.")
    except (KeyError, ValueError, ZeroDivisionError, csv.Error, json.JSONDecodeError) as exc:
        fail(f"{source} is neither the project's labelled set (text, code columns), a suggestion set (text, label; "
              f"or ESConv JSONL) nor an AnnoMI CSV ({exc}).")
    if as_json:
        typer.echo(json.dumps(result.to_dict(), indent=2))
        return
    d = result.directive
    typer.echo(f"{result.n} therapist utterances")
    typer.echo(f"directive (therapist_input vs question/reflection): P {d['precision']:.3f}  R {d['recall']:.3f}  "
               f"F1 {d['f1']:.3f}")
    typer.echo(f"4-way: accuracy {result.accuracy:.3f}  kappa {result.kappa:.3f}  macro-F1 {result.macro_f1:.3f}")
    for label in LABELS:
        m = result.per_class[label]
        support = int(m["support"])
        typer.echo(f"  {label:<16} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}  n={support}")
    typer.echo(f"transcript AUC (prompt share, high- vs low-quality MI): {result.transcript_auc:.3f}   "
               f"(the human labels score {result.human_auc:.3f} on this file)")


def _batch_coder(ctx: typer.Context, name: str) -> Any:
    from eval.calibrate import offline_coder

    if name == "offline":
        return offline_coder
    if name != "llm":
        fail(f"unknown coder {name!r}; choose offline or llm.")
    from eval.llm_coder import LLMCoder, LLMCoderError

    try:
        judge = LLMCoder(settings_of(ctx))
    except LLMCoderError as exc:
        fail(str(exc))
    return judge.code_many


def _print_labelled(result: Any, misses: int) -> None:
    from assistant.coding.coder import CODES

    d = result.directive
    typer.echo(f"{result.n} labelled coaching utterances")
    typer.echo(f"accuracy {result.accuracy:.3f}  kappa {result.kappa:.3f}  macro-F1 {result.macro_f1:.3f}")
    typer.echo(f"directive (persuade/confront vs the rest): P {d['precision']:.3f}  R {d['recall']:.3f}  "
               f"F1 {d['f1']:.3f}")
    typer.echo(f"advice disguised as a question, recall: {result.advice_question_recall:.3f}")
    typer.echo("per code:")
    for code in CODES:
        m = result.per_code[code]
        if m["support"] or m["precision"]:
            typer.echo(f"  {code:<26} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}  "
                       f"n={int(m['support'])}")
    typer.echo("hard cases (accuracy):")
    for tag, m in result.hard_cases.items():
        typer.echo(f"  {tag:<26} {m['accuracy']:.3f}  n={int(m['n'])}")
    for miss in result.misses[:misses]:
        typer.echo(f"  [{miss['id']}] gold {miss['gold']}, coded {miss['coded']}: {miss['text']}")


@eval_app.command("compare")
def compare_runs(
    run_a: Annotated[Path, typer.Argument(help="Earlier run folder.")],
    run_b: Annotated[Path, typer.Argument(help="Later run folder.")],
) -> None:
    """What got better or worse between two runs."""
    from eval.runner import compare

    for folder in (run_a, run_b):
        if not (folder / "summary.json").is_file():
            fail(f"{folder} has no summary.json; pass folders written by `coach eval run`.")
    try:
        rows = compare(run_a, run_b)
    except (ValueError, KeyError) as exc:
        fail(f"cannot compare these runs: {exc}")
    for metric, before, after, verdict in rows:
        typer.echo(f"{verdict:>6}  {metric:<40} {before:>8.3f} -> {after:<8.3f}")


@eval_app.command("code")
def code(
    ctx: typer.Context,
    input_path: Annotated[
        Path, typer.Argument(metavar="INPUT", help="JSONL ({id, text} per line) or CSV with a text column.")
    ],
    coder: Annotated[str, typer.Option(help="offline (rules) or llm (the configured backend).")] = "offline",
) -> None:
    """Code utterances with MITI-style codes; one JSON line per input on stdout."""
    items = _read_items(input_path)
    coded_all = _batch_coder(ctx, coder)([(text, None) for _, text in items])
    for (item_id, _), coded in zip(items, coded_all, strict=True):
        out: dict[str, Any] = {
            "id": item_id,
            "code": coded.code,
            "directive": coded.directive,
            "codes": [{"text": c.text, "code": c.code, "subtype": c.subtype, "cue": c.cue} for c in coded.codes],
            "cues": coded.cues,
        }
        typer.echo(json.dumps(out, ensure_ascii=False))


def _read_items(path: Path) -> list[tuple[str, str]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        fail(f"cannot read {path}: {exc.strerror or exc}")
    if len(raw) > MAX_INPUT_BYTES:
        fail(f"{path} is larger than 50 MB; split it into smaller files.")
    if b"\x00" in raw[:8192]:
        fail(f"{path} looks like a binary file; give JSONL or CSV text.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        fail(f"{path} is not UTF-8 text; save it as UTF-8.")
    items: list[tuple[str, str]] = []
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or "text" not in reader.fieldnames:
            fail(f"{path} has no 'text' column (columns: {', '.join(reader.fieldnames or [])}).")
        for n, row in enumerate(reader, 1):
            items.append((row.get("id") or str(n), row.get("text") or ""))
    else:
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                fail(f"{path}, line {n}: not valid JSON ({exc.msg}).")
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                fail(f'{path}, line {n}: expected an object with a "text" string.')
            items.append((str(obj.get("id", n)), obj["text"]))
    if not items:
        fail(f"{path} has no utterances.")
    return items
