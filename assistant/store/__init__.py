"""The protégé workspace store: people, pairings, goals, commitments, agendas, the
strengths log, sharing and safety flags (SQLAlchemy 2; SQLite by default, Postgres at scale).

Access rules live here, in the data layer, so every caller (UI, CLI, tests) gets them.
"""
