"""goals and agendas hold what the coach needs of them (the workspace is their one owner)

A goal keeps, besides the sentence shown, the protégé's own words as the coach holds them and
how they said it (as an action, as a goal); an agenda keeps the coach's draft as data: its
items, the changes asked for in the chat, and the draft as rendered before those changes.
Before this, the conversation state held a second copy of each.

Written 2026-11-30 06:40:00.
"""

import sqlalchemy as sa
from alembic import op

revision, down_revision = '0003', '0002'  # this migration, and the one it follows


def upgrade() -> None:
    with op.batch_alter_table('goals') as batch:
        batch.add_column(sa.Column('words', sa.Text(), nullable=True))
        batch.add_column(sa.Column('is_verb', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column('said', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('agendas') as batch:
        batch.add_column(sa.Column('draft', sa.Text(), nullable=True))
        batch.add_column(sa.Column('items', sa.Text(), nullable=True))
        batch.add_column(sa.Column('edits', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('agendas') as batch:
        batch.drop_column('edits')
        batch.drop_column('items')
        batch.drop_column('draft')
    with op.batch_alter_table('goals') as batch:
        batch.drop_column('said')
        batch.drop_column('is_verb')
        batch.drop_column('words')
