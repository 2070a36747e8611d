"""Backup → restore round trip on the suite's database (SQLite, and PostgreSQL in
``make test-postgres``): identical row counts and file checksums; tampering refused."""

import io
import json
import struct
import tarfile
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.core.management.base import CommandError

from rinnalla.clients.models import Client
from rinnalla.ops import backup

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def backup_settings(settings, tmp_path):
    settings.RINNALLA_BACKUP_KEY = Fernet.generate_key().decode()
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    (tmp_path / "private" / "consent").mkdir(parents=True)
    (tmp_path / "private" / "consent" / "scan-1.pdf").write_bytes(b"%PDF-1.4 scan one")
    (tmp_path / "private" / "attachments").mkdir()
    (tmp_path / "private" / "attachments" / "decision.pdf").write_bytes(b"%PDF-1.4 decision")
    return settings


def make_backup(tmp_path) -> Path:
    out = io.StringIO()
    call_command("backup", output=tmp_path / "backups", stdout=out)
    assert "Backup written" in out.getvalue()
    (archive,) = (tmp_path / "backups").glob("*.rbak")
    return archive


def test_backup_then_restore_gives_identical_rows_and_files(backup_settings, episode, tmp_path):
    private = Path(backup_settings.PRIVATE_MEDIA_ROOT)
    before_rows = backup.row_counts()
    before_files = backup.private_checksums(private)
    archive = make_backup(tmp_path)
    assert archive.stat().st_mode & 0o777 == 0o600
    assert "Meikäläinen".encode() not in archive.read_bytes()  # encrypted

    # Life goes on after the backup: a client is renamed, a file changes, one is added.
    Client.objects.update(last_name="Muutettu")
    (private / "consent" / "scan-1.pdf").write_bytes(b"changed")
    (private / "new.pdf").write_bytes(b"new")

    call_command("restore", str(archive), yes=True, stdout=io.StringIO())

    assert backup.row_counts() == before_rows
    assert backup.private_checksums(private) == before_files
    assert Client.objects.get().last_name == "Meikäläinen"
    kept = list(private.parent.glob("private.before-*"))
    assert len(kept) == 1 and (kept[0] / "new.pdf").exists()


def test_a_tampered_archive_is_refused_and_nothing_changes(backup_settings, client, tmp_path):
    archive = make_backup(tmp_path)
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0x01
    archive.write_bytes(bytes(data))
    Client.objects.update(last_name="Jälkeen")
    with pytest.raises(CommandError, match="damaged or was changed.*Nothing was restored"):
        call_command("restore", str(archive), yes=True)
    assert Client.objects.get().last_name == "Jälkeen"


def test_a_truncated_archive_is_refused(backup_settings, client, tmp_path):
    archive = make_backup(tmp_path)
    archive.write_bytes(archive.read_bytes()[:-100])
    with pytest.raises(CommandError, match="truncated"):
        call_command("restore", str(archive), yes=True)


def test_a_checksum_mismatch_is_refused_before_anything_is_touched(
    backup_settings, client, tmp_path
):
    """An archive whose content does not match its manifest (made with the right key)."""
    box = backup.fernet()
    plain = tmp_path / "plain.tar"
    backup.decrypt(make_backup(tmp_path), plain, box)
    with tarfile.open(plain) as tar:
        manifest = json.load(tar.extractfile(backup.MANIFEST))
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}
    members["private/consent/scan-1.pdf"] = b"%PDF-1.4 forged"
    forged = tmp_path / "forged.tar"
    with tarfile.open(forged, "w") as tar:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    archive = tmp_path / "forged.rbak"
    backup.encrypt(forged, archive, box)
    Client.objects.update(last_name="Jälkeen")
    with pytest.raises(CommandError, match="checksum mismatch for private/consent/scan-1.pdf"):
        call_command("restore", str(archive), yes=True)
    assert Client.objects.get().last_name == "Jälkeen"
    assert manifest["private_files"]["consent/scan-1.pdf"]


def test_another_key_cannot_restore(backup_settings, client, tmp_path):
    archive = make_backup(tmp_path)
    backup_settings.RINNALLA_BACKUP_KEY = Fernet.generate_key().decode()
    with pytest.raises(CommandError, match="not the key it was made with"):
        call_command("restore", str(archive), verify_only=True)


def test_verify_only_checks_without_restoring(backup_settings, client, tmp_path):
    archive = make_backup(tmp_path)
    out = io.StringIO()
    call_command("restore", str(archive), verify_only=True, stdout=out)
    assert "Archive OK" in out.getvalue()


def test_without_a_key_the_command_names_the_variable(settings, db, tmp_path):
    settings.RINNALLA_BACKUP_KEY = ""
    with pytest.raises(CommandError, match="RINNALLA_BACKUP_KEY"):
        call_command("backup", output=tmp_path)


def test_keep_removes_the_oldest_archives(backup_settings, client, tmp_path):
    out = tmp_path / "backups"
    out.mkdir()
    for name in ("rinnalla-20250101-000000.rbak", "rinnalla-20250102-000000.rbak"):
        (out / name).write_bytes(b"old")
    call_command("backup", output=out, keep=2, stdout=io.StringIO())
    names = sorted(p.name for p in out.glob("*.rbak"))
    assert len(names) == 2 and names[0] == "rinnalla-20250102-000000.rbak"


def test_chunks_are_numbered(tmp_path, settings):
    settings.RINNALLA_BACKUP_KEY = Fernet.generate_key().decode()
    box = backup.fernet()
    source = tmp_path / "s"
    source.write_bytes(b"x" * 10)
    target = tmp_path / "t"
    backup.encrypt(source, target, box)
    data = target.read_bytes()[len(backup.MAGIC) :]
    (length,) = struct.unpack(">I", data[:4])
    token = data[4 : 4 + length]
    # The same chunk twice: the second claims index 0 again → out of order (or after last).
    doubled = tmp_path / "d"
    doubled.write_bytes(backup.MAGIC + data + data)
    with pytest.raises(backup.BackupError):
        backup.decrypt(doubled, tmp_path / "out", box)
    assert box.decrypt(token)[:9] == struct.pack(">QB", 0, 1)
