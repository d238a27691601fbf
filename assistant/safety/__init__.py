"""Safety for the protégé's messages: a layered detector (phrases, a trained head over the
sentence embeddings we already ship, conversation context) that decides, before anything
else in a turn, whether the coach steps aside for care and contacts."""

from __future__ import annotations

import logging
from functools import lru_cache

from assistant.safety.detector import Assessment, SafetyDetector

log = logging.getLogger(__name__)

#: What staff see for a flag: a category, never the words.
CATEGORY_LABELS = {
    "": "unspecified",
    "ideation_direct": "suicidal ideation",
    "ideation_indirect": "indirect suicidal ideation or hopelessness",
    "self_harm": "self-harm",
    "harm_others": "harm to others",
    "abuse": "harassment or abuse",
    "distress": "acute distress",
    "work": "none",
}


@lru_cache(maxsize=1)
def default_detector() -> SafetyDetector:
    """Phrases plus the shipped classifier; phrases alone (logged) if the model can't load.

    Always local, whatever backend phrases the replies: a safety check must not depend on
    the network or on a key.
    """
    from assistant.language.acts import coaching_score
    from assistant.safety.model import ClassifierError, load_classifier
    from assistant.safety.neighbours import load_neighbours

    neighbours = load_neighbours()
    try:
        return SafetyDetector(load_classifier(), coaching_score, neighbours.alert_share if neighbours else None)
    except ClassifierError as exc:
        log.error("safety classifier unavailable, phrases only: %s", exc)
        return SafetyDetector(None)


__all__ = ["CATEGORY_LABELS", "Assessment", "SafetyDetector", "default_detector"]
