"""crawl runs that say how they ended, bills' last check, crawl alerts, hearing gavel

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 18:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import tracker.models


revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('bill', schema=None) as batch_op:
        batch_op.add_column(sa.Column('checked_at', tracker.models.columns.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_index('ix_bill_companion', ['legislature', 'special_session', 'companion_type', 'companion_number'], unique=False)

    with op.batch_alter_table('crawl_run', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mode', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('pid', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('host', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('lost', sa.JSON(), nullable=False, server_default='[]'))

    with op.batch_alter_table('hearing', schema=None) as batch_op:
        batch_op.add_column(sa.Column('gavel', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))

    op.create_table('crawl_alert',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('sent_at', tracker.models.columns.UTCDateTime(timezone=True), nullable=True),
    sa.Column('recipients', sa.JSON(), nullable=False),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('kind', 'day')
    )


def downgrade() -> None:
    op.drop_table('crawl_alert')
    with op.batch_alter_table('hearing', schema=None) as batch_op:
        batch_op.drop_column('gavel')
    with op.batch_alter_table('crawl_run', schema=None) as batch_op:
        batch_op.drop_column('lost')
        batch_op.drop_column('host')
        batch_op.drop_column('pid')
        batch_op.drop_column('mode')
    with op.batch_alter_table('bill', schema=None) as batch_op:
        batch_op.drop_index('ix_bill_companion')
        batch_op.drop_column('checked_at')
