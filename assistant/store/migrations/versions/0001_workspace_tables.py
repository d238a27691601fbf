"""workspace tables

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-25 04:58:46.247408

Every table but users, pairings and threads belongs to one person (`id`, `owner_id` with an
index, deleted with them); their columns are written as "name type" below, where type is
int, text, bool, time (with zone) or strN (a string of N characters), and a trailing "?"
allows NULL. The DDL is the one Alembic generated for these tables, written shorter.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None

_TYPES = {'int': sa.Integer, 'text': sa.Text, 'bool': sa.Boolean}

#: (table, columns after id and owner_id, unique together, other foreign keys: column -> (table, on delete))
_OWNED: tuple[tuple[str, str, tuple[str, ...], dict[str, tuple[str, str]]], ...] = (
    ('agendas', 'thread_id str64, markdown text, meeting_at time?, status str16, edited bool, updated_at time, '
                'approved_at time?', ('owner_id', 'thread_id'), {}),
    ('commitments', 'thread_id str64, text text, due str120, status str16, reflection text, reviewed_in str64?, '
                    'created_at time, reviewed_at time?', ('owner_id', 'thread_id', 'text'), {}),
    ('flags', 'thread_id str64, turn int, severity str16, reason str200, created_at time', (), {}),
    ('goals', 'thread_id str64, text text, created_at time, updated_at time', ('owner_id', 'thread_id'), {}),
    ('shares', 'mentor_id int, item_type str16, item_id int, created_at time, revoked_at time?',
     ('owner_id', 'mentor_id', 'item_type', 'item_id'), {'mentor_id': ('users', 'CASCADE')}),
    ('log_entries', 'kind str16, text text, evidence text, goal_id int?, created_at time', (),
     {'goal_id': ('goals', 'SET NULL')}),
)


def _columns(spec: str) -> list[sa.Column]:
    columns = []
    for item in spec.split(','):
        name, kind = item.split()
        nullable = kind.endswith('?')
        kind = kind.rstrip('?')
        if kind == 'time':
            type_: sa.types.TypeEngine = sa.DateTime(timezone=True)
        elif kind.startswith('str'):
            type_ = sa.String(length=int(kind[3:]))
        else:
            type_ = _TYPES[kind]()
        columns.append(sa.Column(name, type_, nullable=nullable))
    return columns


def _index(table: str, column: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f'ix_{table}_{column}'), [column], unique=False)


def upgrade() -> None:
    op.create_table('users', *_columns('id int, name str128, role str16, password_hash str255?, created_at time'),
                    sa.PrimaryKeyConstraint('id'), sa.UniqueConstraint('name'))
    for table, spec, unique, keys in _OWNED:
        constraints: list[sa.schema.Constraint] = [sa.ForeignKeyConstraint([column], [f'{other}.id'], ondelete=rule)
                       for column, (other, rule) in keys.items()]
        constraints.append(sa.ForeignKeyConstraint(['owner_id'], ['users.id'], ondelete='CASCADE'))
        constraints.append(sa.PrimaryKeyConstraint('id'))
        if unique:
            constraints.append(sa.UniqueConstraint(*unique))
        op.create_table(table, *_columns('id int, owner_id int, ' + spec), *constraints)
        if table == 'shares':
            _index(table, 'mentor_id')
        _index(table, 'owner_id')
    op.create_table('pairings', *_columns('protege_id int, mentor_id int, created_at time'),
                    sa.ForeignKeyConstraint(['mentor_id'], ['users.id'], ondelete='CASCADE'),
                    sa.ForeignKeyConstraint(['protege_id'], ['users.id'], ondelete='CASCADE'),
                    sa.PrimaryKeyConstraint('protege_id'))
    _index('pairings', 'mentor_id')
    op.create_table('threads', *_columns('id str64, owner_id int, created_at time'),
                    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], ondelete='CASCADE'),
                    sa.PrimaryKeyConstraint('id'))
    _index('threads', 'owner_id')


def downgrade() -> None:
    indexes = {'threads': ['owner_id'], 'pairings': ['mentor_id'], 'shares': ['owner_id', 'mentor_id']}
    tables = ['threads', 'pairings', *[table for table, *_ in reversed(_OWNED)]]
    for table in tables:
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in indexes.get(table, ['owner_id']):
                batch_op.drop_index(batch_op.f(f'ix_{table}_{column}'))
        op.drop_table(table)
    op.drop_table('users')
