"""Words the parse and the classifiers share."""

from __future__ import annotations

#: Feeling words people use about work, reflected back as they said them.
FEELING_WORDS = frozenset(
    """
    afraid angry annoyed anxious ashamed awkward bitter bored burned burnt conflicted confused curious
    demotivated disappointed discouraged doubtful drained embarrassed excited exhausted fed frustrated
    grateful guilty happy helpless hopeful hopeless hurt ignored impatient insecure intimidated
    invisible irritated isolated jealous lonely lost motivated nervous nervy optimistic overwhelmed
    panicked panicky pessimistic proud pumped relieved resentful restless sad scared shy stressed stuck
    terrified thrilled tired torn unappreciated uncertain uncomfortable underappreciated undervalued
    uninspired unmotivated unsure upset worried
    """.split()  # noqa: SIM905 - a word list reads best as one
)
