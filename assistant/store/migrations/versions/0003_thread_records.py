"""goals and agendas hold what the coach needs of them (the workspace is their one owner)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 06:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


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
