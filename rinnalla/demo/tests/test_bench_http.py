"""The HTTP run reads wrk's report (the run itself needs gunicorn, wrk and the county)."""

from rinnalla.demo.management.commands.bench_http import Command, Result, parse_wrk

WRK = """Running 15s test @ http://127.0.0.1:8912/clients/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    98.12ms   20.01ms 300.00ms   80.00%
  Latency Distribution
     50%   95.50ms
     75%  105.00ms
     90%  120.00ms
     99%    1.20s
  1200 requests in 15.00s, 30.00MB read
  Socket errors: connect 0, read 0, write 0, timeout 2
  Non-2xx or 3xx responses: 3
Requests/sec:     80.00
Transfer/sec:      2.00MB
"""


def test_wrk_report_gives_rate_percentiles_in_ms_and_errors():
    assert parse_wrk(WRK) == (80.0, 95.5, 1200.0, 5)


def test_microsecond_latencies_and_a_clean_run():
    text = WRK.replace("95.50ms", "812.00us").replace(
        "  Socket errors: connect 0, read 0, write 0, timeout 2\n  Non-2xx or 3xx responses: 3\n",
        "",
    )
    rps, p50, _p99, errors = parse_wrk(text)
    assert (rps, round(p50, 3), errors) == (80.0, 0.812, 0)


def test_the_table_gives_each_page_its_ratio_to_hello_world():
    table = Command.table(
        [
            Result("django hello-world", 200, 2000.0, 3.0, 9.0, 0),
            Result("/x/", 200, 100.0, 80.0, 150.0, 0),
        ]
    )
    assert table.splitlines()[2].split()[-1] == "0.050"
