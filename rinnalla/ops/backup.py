"""Backups: one encrypted archive of the database and the private files, and its restore.

The archive is a tar of ``database.pgdump`` (``pg_dump`` custom format) or
``database.sqlite3`` (SQLite's online backup API, consistent while the site runs), the
private files under ``private/`` and ``manifest.json`` (SHA-256 of every member, the
row count of every table). The tar is encrypted with Fernet (``cryptography``) in
chunks of 8 MiB, each chunk authenticated and numbered, the last one marked, so that a
changed, reordered or truncated archive is refused. The key comes from
``RINNALLA_BACKUP_KEY`` or ``RINNALLA_BACKUP_KEY_FILE``; keep a copy of it away from the
archives (without it nothing can be restored).

``restore`` decrypts and checks every checksum before it touches anything; only then
does it replace the database (``pg_restore --clean --single-transaction`` or SQLite's
backup API) and the private files (the old directory is kept beside the new one).
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import struct
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.utils import timezone

MAGIC = b"RINNALLA-BACKUP\x01"
CHUNK = 8 * 1024 * 1024
SUFFIX = ".rbak"
PG_DUMP = "database.pgdump"
SQLITE_DUMP = "database.sqlite3"
MANIFEST = "manifest.json"
PRIVATE = "private"


class BackupError(Exception):
    """The archive cannot be used; the message says why. Nothing was changed."""


class RestoredWithDifferences(BackupError):
    """The restore ran, but the database does not hold what the archive listed."""


def fernet() -> Fernet:
    key = settings.RINNALLA_BACKUP_KEY
    if not key:
        raise ImproperlyConfigured(
            "Set RINNALLA_BACKUP_KEY (or RINNALLA_BACKUP_KEY_FILE) to a Fernet key; make one with "
            '.venv/bin/python -c "from cryptography.fernet import Fernet; '
            'print(Fernet.generate_key().decode())"'
        )
    try:
        return Fernet(key.encode())
    except ValueError as exc:
        raise ImproperlyConfigured(
            "RINNALLA_BACKUP_KEY is not a Fernet key (32 url-safe base64-encoded bytes)"
        ) from exc


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def row_counts(cursor=None) -> dict[str, int]:
    if cursor is None:
        with connection.cursor() as cursor:
            return row_counts(cursor)
    counts = {}
    for table in sorted(connection.introspection.table_names(cursor)):
        cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        counts[table] = cursor.fetchone()[0]
    return counts


def private_checksums(root: Path) -> dict[str, str]:
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): sha256(path)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


# --- the database -----------------------------------------------------------------------


def _pg_env() -> tuple[list[str], dict[str, str]]:
    db = connection.settings_dict
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


def dump_database(directory: Path) -> tuple[str, dict[str, int]]:
    """Dump the database into ``directory``; the dump's name and its tables' row counts.

    The counts are of exactly the dumped data: on PostgreSQL pg_dump runs in the
    snapshot of the transaction that counts; on SQLite they are read from the copy.
    """
    if connection.vendor == "postgresql":
        args, env = _pg_env()
        target = directory / PG_DUMP
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = row_counts(cursor)
            _run(
                ["pg_dump", "--format=custom", "--no-owner", f"--snapshot={snapshot}"]
                + ["--file", str(target), *args],
                env,
            )
        return PG_DUMP, counts
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(directory / SQLITE_DUMP)
        with target:
            connection.connection.backup(target)
        tables = [
            name
            for (name,) in target.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        counts = {
            name: target.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]  # noqa: S608
            for name in sorted(tables)
        }
        target.close()
        return SQLITE_DUMP, counts
    raise BackupError(f"backups of {connection.vendor} are not supported")


def restore_database(directory: Path, name: str) -> None:
    if connection.vendor == "postgresql" and name == PG_DUMP:
        connection.close()
        args, env = _pg_env()
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                *args,
                str(directory / PG_DUMP),
            ],
            env,
        )
        return
    if connection.vendor == "sqlite" and name == SQLITE_DUMP:
        connection.ensure_connection()
        source = sqlite3.connect(directory / SQLITE_DUMP)
        source.backup(connection.connection)
        source.close()
        return
    raise BackupError(
        f"this archive holds {name} and cannot be restored into {connection.vendor}; "
        "restore into the same kind of database it was made from"
    )


# --- encryption -------------------------------------------------------------------------


def encrypt(source: Path, target: Path, box: Fernet) -> None:
    size = source.stat().st_size
    with source.open("rb") as plain, target.open("wb") as out:
        out.write(MAGIC)
        index, done = 0, 0
        while True:
            data = plain.read(CHUNK)
            done += len(data)
            last = done >= size
            token = box.encrypt(struct.pack(">QB", index, last) + data)
            out.write(struct.pack(">I", len(token)) + token)
            index += 1
            if last:
                break


def _chunks(source: Path) -> Iterator[bytes]:
    with source.open("rb") as handle:
        if handle.read(len(MAGIC)) != MAGIC:
            raise BackupError(f"{source.name} is not a Rinnalla backup archive")
        while header := handle.read(4):
            if len(header) < 4:
                raise BackupError("the archive is truncated")
            (length,) = struct.unpack(">I", header)
            token = handle.read(length)
            if len(token) < length:
                raise BackupError("the archive is truncated")
            yield token


def decrypt(source: Path, target: Path, box: Fernet) -> None:
    expected, finished = 0, False
    with target.open("wb") as out:
        for token in _chunks(source):
            if finished:
                raise BackupError("the archive has data after its last part")
            try:
                plain = box.decrypt(token)
            except InvalidToken as exc:
                raise BackupError(
                    "the archive is damaged or was changed, or RINNALLA_BACKUP_KEY is not "
                    "the key it was made with"
                ) from exc
            index, last = struct.unpack(">QB", plain[:9])
            if index != expected:
                raise BackupError("the archive's parts are out of order")
            out.write(plain[9:])
            expected += 1
            finished = bool(last)
    if not finished:
        raise BackupError("the archive is truncated")


# --- backup and restore -----------------------------------------------------------------


@dataclass
class Archive:
    path: Path
    manifest: dict


def backup(*, output_dir: Path, keep: int | None = None) -> Archive:
    box = fernet()
    output_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    private_root = Path(settings.PRIVATE_MEDIA_ROOT)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    with tempfile.TemporaryDirectory(prefix="rinnalla-backup-") as work:
        work = Path(work)
        database, counts = dump_database(work)
        manifest = {
            "format": 1,
            "created_at": timezone.now().isoformat(),
            "vendor": connection.vendor,
            "database": database,
            "files": {database: sha256(work / database)},
            "private_files": {},
            "row_counts": counts,
        }
        for relative, digest in private_checksums(private_root).items():
            manifest["files"][f"{PRIVATE}/{relative}"] = digest
            manifest["private_files"][relative] = digest
        (work / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
        tar_path = work / "archive.tar"
        with tarfile.open(tar_path, "w") as tar:
            tar.add(work / MANIFEST, MANIFEST)
            tar.add(work / database, database)
            if private_root.exists():
                tar.add(private_root, PRIVATE)
        target = output_dir / f"rinnalla-{stamp}{SUFFIX}"
        partial = target.with_suffix(".part")
        encrypt(tar_path, partial, box)
        partial.chmod(0o600)
        partial.rename(target)
    if keep:
        for old in sorted(output_dir.glob(f"rinnalla-*{SUFFIX}"))[:-keep]:
            old.unlink()
    return Archive(path=target, manifest=manifest)


def _safe_extract(tar: tarfile.TarFile, directory: Path) -> None:
    for member in tar.getmembers():
        if not (member.isfile() or member.isdir()):
            raise BackupError(f"unexpected member {member.name!r} in the archive")
    tar.extractall(directory, filter="data")


def verify(archive: Path, directory: Path) -> dict:
    """Decrypt and unpack into ``directory``, check every checksum; return the manifest."""
    box = fernet()
    tar_path = directory / "archive.tar"
    decrypt(archive, tar_path, box)
    unpacked = directory / "unpacked"
    with tarfile.open(tar_path) as tar:
        _safe_extract(tar, unpacked)
    tar_path.unlink()
    try:
        manifest = json.loads((unpacked / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError("the archive has no readable manifest") from exc
    found = {
        path.relative_to(unpacked).as_posix()
        for path in unpacked.rglob("*")
        if path.is_file() and path.name != MANIFEST
    }
    listed = set(manifest["files"])
    if found != listed:
        extra, missing = sorted(found - listed), sorted(listed - found)
        raise BackupError(
            f"the archive's files differ from its manifest (extra: {extra}, missing: {missing})"
        )
    for relative, digest in sorted(manifest["files"].items()):
        if sha256(unpacked / relative) != digest:
            raise BackupError(f"checksum mismatch for {relative}: the archive was changed")
    return manifest


def restore(*, archive: Path) -> dict:
    """Verify ``archive`` completely, then replace the database and the private files."""
    private_root = Path(settings.PRIVATE_MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="rinnalla-restore-") as work:
        work = Path(work)
        manifest = verify(archive, work)
        unpacked = work / "unpacked"
        restore_database(unpacked, manifest["database"])
        restored_private = unpacked / PRIVATE
        if private_root.exists() or restored_private.exists():
            private_root.parent.mkdir(parents=True, exist_ok=True)
            stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
            if private_root.exists():
                private_root.rename(private_root.with_name(f"{private_root.name}.before-{stamp}"))
            if restored_private.exists():
                shutil.move(str(restored_private), private_root)
            else:
                private_root.mkdir(mode=0o750)
    counts = row_counts()
    differ = {
        table: (count, counts.get(table))
        for table, count in manifest["row_counts"].items()
        if counts.get(table) != count
    }
    if differ:
        raise RestoredWithDifferences(
            f"Restored, but the row counts differ from the archive's (table: archive, now): "
            f"{differ}"
        )
    return manifest
