"""Words the parse and the classifiers share."""

from __future__ import annotations

#: Feeling words people use about work, reflected back as they said them.
FEELING_WORDS = frozenset(
    ["nervous", "anxious", "worried", "scared", "afraid", "stuck", "frustrated", "excited", "overwhelmed", "confused", "lost", "unsure", "intimidated", "tired", "exhausted", "proud", "happy", "stressed", "embarrassed", "discouraged", "hopeful", "curious", "uncertain", "insecure", "bored", "angry", "disappointed", "motivated", "torn", "annoyed", "upset", "sad", "drained", "burnt", "burned", "demotivated", "underappreciated", "undervalued", "unappreciated", "invisible", "ignored", "jealous", "guilty", "ashamed", "hurt", "lonely", "isolated", "nervy", "terrified", "panicked", "panicky", "relieved", "grateful", "thrilled", "pumped", "optimistic", "pessimistic", "doubtful", "resentful", "bitter", "irritated", "fed", "helpless", "hopeless", "restless", "impatient", "awkward", "uncomfortable", "shy", "conflicted", "unmotivated", "uninspired", "excited"]
)
