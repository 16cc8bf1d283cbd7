"""Runs Sutton and DuckDB on the same accounts, checks that every account gets the same
segment, and prints one table. Called by run.sh."""

import argparse
import json
import os
import subprocess
import time

import duckdb


def sutton(binary, data):
    started = time.perf_counter()
    out = subprocess.run([binary, "run", data], check=True, capture_output=True, text=True).stdout
    wall = time.perf_counter() - started
    figures = json.loads(out.strip().splitlines()[-1])
    figures["wall_s"] = wall
    return figures


SEGMENT_SQL = """
CREATE OR REPLACE TABLE duck_segments AS
WITH total AS (SELECT SUM(potential) AS total FROM accounts WHERE potential > 0),
groups AS (
    SELECT potential, SUM(potential) AS tied FROM accounts WHERE potential > 0 GROUP BY potential
),
ranked AS (
    SELECT potential,
           COALESCE(SUM(tied) OVER (ORDER BY potential DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
               AS before
    FROM groups
)
SELECT a.id,
       CASE
           WHEN a.potential <= 0 THEN 'C'
           WHEN r.before * 1000000 >= 800000 * t.total THEN 'C'
           WHEN r.before * 1000000 >= 500000 * t.total THEN 'B'
           ELSE 'A'
       END AS segment
FROM accounts a LEFT JOIN ranked r USING (potential), total t
"""


def duck(data):
    con = duckdb.connect()
    started = time.perf_counter()
    con.execute(
        "CREATE TABLE accounts AS SELECT * FROM read_csv(?, header = true, columns = "
        "{'id': 'BIGINT', 'owner': 'BIGINT', 'potential': 'BIGINT', 'lat': 'DOUBLE', 'lon': 'DOUBLE'})",
        [os.path.join(data, "accounts.csv")],
    )
    load = time.perf_counter() - started
    # Five runs, the median reported, as on Sutton's side.
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        con.execute(SEGMENT_SQL)
        runs.append(time.perf_counter() - started)
    segment = sorted(runs)[len(runs) // 2]
    counts = dict(con.execute("SELECT segment, COUNT(*) FROM duck_segments GROUP BY segment").fetchall())
    con.execute(
        "CREATE TABLE sutton_segments AS SELECT * FROM read_csv(?, header = true, columns = "
        "{'id': 'BIGINT', 'segment': 'VARCHAR'})",
        [os.path.join(data, "sutton_segments.csv")],
    )
    (differ,) = con.execute(
        "SELECT COUNT(*) FROM duck_segments d FULL JOIN sutton_segments s USING (id) "
        "WHERE d.segment IS DISTINCT FROM s.segment"
    ).fetchone()
    return {"load_s": load, "segment_s": segment, "segment_runs": runs, "counts": counts, "differ": differ,
            "threads": con.execute("SELECT current_setting('threads')").fetchone()[0]}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--sutton", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--callplan-accounts", type=int, default=20000)
    p.add_argument("--callplan-reps", type=int, default=60)
    args = p.parse_args()

    s = sutton(args.sutton, args.data)
    d = duck(args.data)
    cp = json.loads(subprocess.run(
        [args.sutton, "callplan", str(args.callplan_accounts), str(args.callplan_reps), "11"],
        check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1])

    print(f"accounts: {s['accounts']:,}   DuckDB {duckdb.__version__} ({d['threads']} threads)")
    print(f"{'step':<40}{'Sutton':>12}{'DuckDB':>12}")
    print(f"{'read the CSV into memory (s)':<40}{s['load_s']:>12.3f}{d['load_s']:>12.3f}")
    print(f"{'ABC segmentation, median of 5 (s)':<40}{s['segment_s']:>12.3f}{d['segment_s']:>12.3f}")
    print(f"{'workload of the patterns, median (s)':<40}{s['workload_s']:>12.3f}{'—':>12}")
    print(f"{'segmentation + workload (s)':<40}{s['segment_s'] + s['workload_s']:>12.3f}{'—':>12}")
    print(f"{'A / B / C accounts':<40}{s['A']:>4}/{s['B']}/{s['C']}   {d['counts'].get('A', 0)}/{d['counts'].get('B', 0)}/{d['counts'].get('C', 0)}")
    print(f"accounts whose segment differs: {d['differ']}")
    print("segmentation runs (s), median above: Sutton "
          + " ".join(f"{x:.3f}" for x in s["segment_runs"]) + "; DuckDB "
          + " ".join(f"{x:.3f}" for x in d["segment_runs"]))
    print(f"CALLPLAN, {cp['accounts']:,} accounts over {cp['reps']} reps: {cp['callplan_s']:.3f} s "
          f"(expected gross profit {cp['current_profit'] / 100:,.0f} → {cp['planned_profit'] / 100:,.0f})")


if __name__ == "__main__":
    main()
