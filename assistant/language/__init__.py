"""Offline language understanding of the protégé's messages.

`parse` owns the spaCy pipeline (who is speaking or quoted, negation, clauses, person and
tense), `person` says the protégé's words back in correct second person, `acts` holds the
trained dialogue-act and check-in classifiers, and `meaning` puts them together into what
one message means for the coach.
"""
