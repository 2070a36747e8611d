"""The bench on a tiny county (30 clients, 3 requests per page): a few seconds."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from rinnalla.demo import bench as bench_module

pytestmark = pytest.mark.django_db


def test_bench_loads_a_tiny_county_and_prints_the_table():
    out = StringIO()
    call_command(
        "bench",
        clients=30,
        requests=3,
        warmup=1,
        seed=3,
        no_progress=True,
        stdout=out,
        stderr=StringIO(),
    )
    text = out.getvalue()
    for page in (
        "client list (?page=)",
        "name search (?q=prefix)",
        "henkilötunnus search (?q=code)",
        "referral queue",
        "client page",
    ):
        line = next(line for line in text.splitlines() if line.startswith(page))
        assert "ms" in line
        assert "not 200" not in line and "not available" not in line
    assert "30 synthetic clients" in text
    for report in ("overview", "referrals", "first-contact", "surveys", "API referrals"):
        line = next(line for line in text.splitlines() if line.startswith(report + " "))
        assert "ms" in line and "not 200" not in line
    assert "Report rollups: full refresh" in text


def test_raw_baseline_lists_the_same_clients_as_the_page():
    call_command("generate_synthetic", clients=30, seed=3, no_progress=True, stdout=StringIO())
    bench = bench_module.Bench(seed=3, requests=1, warmup=0)
    from rinnalla.clients import selectors

    page = list(selectors.client_list(bench.coordinator)[:25].values_list("id", flat=True))
    raw = [row[0] for row in bench._raw_list(page=1)]
    assert raw == page
    code = bench.codes[0]
    assert [row[0] for row in bench._raw_list(code=code)] == list(
        selectors.client_list(bench.coordinator, query=code).values_list("id", flat=True)
    )


def test_bench_refuses_the_development_database():
    from rinnalla.demo.management.commands.bench import DEV_DATABASE, guard_dev_database

    dev = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(DEV_DATABASE)}
    with pytest.raises(CommandError, match="development database"):
        guard_dev_database(dev, allowed=False)
    postgres = {"ENGINE": "django.db.backends.postgresql", "NAME": "rinnalla_bench"}
    guard_dev_database(postgres, allowed=False)  # no complaint


def test_bench_makes_the_directory_of_a_separate_sqlite_file(tmp_path):
    from rinnalla.demo.management.commands.bench import guard_dev_database

    path = tmp_path / "var" / "bench" / "rinnalla.sqlite3"
    guard_dev_database({"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)}, allowed=False)
    assert path.parent.is_dir()
