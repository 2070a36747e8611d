"""Writing generated rows fast: ids assigned here, PostgreSQL COPY or executemany."""

import json

from django.core.management.color import no_style
from django.db import connection, models
from django.utils import timezone

from rinnalla.clients.models import Client
from rinnalla.consent.models import Consent
from rinnalla.episodes.models import (
    Closing,
    Episode,
    Handover,
    PathEvent,
    ResponsiblePerson,
)
from rinnalla.referrals.models import Referral


class Rows:
    """The rows of one table for one chunk, as dicts, with their ids assigned here."""

    def __init__(self, model, next_id: int):
        self.model = model
        self.next_id = next_id
        self.rows: list[dict] = []

    def add(self, **values) -> dict:
        values["id"] = self.next_id
        self.next_id += 1
        self.rows.append(values)
        return values


# Written in this order: every foreign key points to a row written before it.
MODELS = [
    Client,
    Episode,
    Referral,
    ResponsiblePerson,
    Handover,
    PathEvent,
    Closing,
    Consent,
    Consent.organisations.through,
]


class Batch:
    def __init__(self, next_ids: dict):
        self.tables = {model: Rows(model, next_ids[model]) for model in MODELS}
        for model, rows in self.tables.items():
            setattr(self, model._meta.model_name, rows)


class Writer:
    """Writes a Batch with PostgreSQL COPY or, elsewhere, executemany.

    The ids were assigned by the generator (from the tables' current maximum), so no row
    needs to come back from the database; PostgreSQL's sequences are moved past them
    afterwards. Columns a row does not name get the model field's default, so a field
    added later with a default does not break the generator.
    """

    def __init__(self, rows_per_insert: int):
        self.rows_per_insert = rows_per_insert
        self.vendor = connection.vendor
        self.columns = {model: self._columns(model) for model in MODELS}

    def _columns(self, model):
        ops = connection.ops
        columns = []
        for f in model._meta.concrete_fields:
            adapt = None
            if isinstance(f, models.JSONField):
                adapt = json.dumps  # COPY and executemany take JSON as text
            elif self.vendor != "postgresql":
                if isinstance(f, models.DateTimeField):
                    adapt = ops.adapt_datetimefield_value
                elif isinstance(f, models.DateField):
                    adapt = ops.adapt_datefield_value
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                default = timezone.now
            elif f.has_default() and callable(f.default):
                default = f.default
            else:
                default = f.get_default()
            columns.append((f.attname, f.column, default, adapt))
        return columns

    def next_ids(self) -> dict:
        with connection.cursor() as cursor:
            ids = {}
            for model in MODELS:
                table = connection.ops.quote_name(model._meta.db_table)
                cursor.execute(f"SELECT MAX(id) FROM {table}")  # noqa: S608 - a model's table
                ids[model] = (cursor.fetchone()[0] or 0) + 1
        return ids

    def write(self, batch: Batch) -> None:
        with connection.cursor() as cursor:
            for model, table in batch.tables.items():
                if table.rows:
                    self._insert(cursor, model, table.rows)
            if self.vendor == "postgresql":
                for sql in connection.ops.sequence_reset_sql(no_style(), MODELS):
                    cursor.execute(sql)

    def _insert(self, cursor, model, rows):
        columns = self.columns[model]
        quoted = ", ".join(connection.ops.quote_name(c[1]) for c in columns)
        table = connection.ops.quote_name(model._meta.db_table)
        tuples = (tuple(self._value(row, c) for c in columns) for row in rows)
        if self.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for values in tuples:
                    copy.write_row(values)
            return
        marks = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({quoted}) VALUES ({marks})"  # noqa: S608 - names from the models
        chunk = []
        for values in tuples:
            chunk.append(values)
            if len(chunk) >= self.rows_per_insert:
                cursor.executemany(sql, chunk)
                chunk = []
        if chunk:
            cursor.executemany(sql, chunk)

    @staticmethod
    def _value(row, column):
        name, _db_column, default, adapt = column
        if name in row:
            value = row[name]
        elif callable(default):
            value = default()
        else:
            value = default
        if adapt is not None and value is not None:
            value = adapt(value)
        return value
