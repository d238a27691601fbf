"""Offline language understanding of the protégé's messages.

`parse` owns the spaCy pipeline (who is speaking or quoted, negation, clauses, person and
tense), `person` says the protégé's words back in correct second person, `acts` holds the
trained dialogue-act and check-in classifiers, and `meaning` puts them together into what
one message means for the coach.
"""


def warm_up(bank_path: object = None) -> None:
    """Load the parser, the act heads, the embedding model and the question bank's vectors,
    so the first protégé of the day does not wait ~2 s for them. Safe to run in a thread;
    a failure is logged, not raised (the first turn will load what it needs)."""
    import logging
    from pathlib import Path

    try:
        from assistant.coach.question_choice import QuestionPicker
        from assistant.language.meaning import read

        read("I want to get better at presenting to my team.")
        if bank_path is not None:
            QuestionPicker(Path(str(bank_path))).pick("goal", [], (0.0,) * 384, set())
    except Exception:  # warming is an optimisation; the turn itself reports real problems
        logging.getLogger(__name__).exception("warm-up failed; the first turn will load the models")
