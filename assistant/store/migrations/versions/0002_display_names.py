"""users.display_name: how a person is called ("Priya Raman"), besides their login name

Written 2026-11-29 17:40:00.
"""

import sqlalchemy as sa
from alembic import op

revision, down_revision = '0002', '0001'  # this migration, and the one it follows


def upgrade() -> None:
    op.add_column('users', sa.Column('display_name', sa.String(length=128), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('users') as batch:
        batch.drop_column('display_name')
