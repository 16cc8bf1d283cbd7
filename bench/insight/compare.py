#!/usr/bin/env python3
"""Sutton's pipeline figures against DuckDB's on the same SQLite database, in one run.

Sutton: `sutton pipeline figures` reads the whole organisation once and computes coverage and
conversion by team and the full whiplash report (of which concentration is one measure).
DuckDB: attaches the same SQLite file (its sqlite extension, or when that cannot be installed,
CSV files the sqlite3 shell exports, export timed too) and computes coverage, conversion
and concentration with SQL. Both are timed from start to answer, reading included.

The figures are compared as of the demo's own date, each deal as it stood then: the last entry
of its stage/amount/close-date history on or before the date (the first, for a deal created
before its history starts; its current row when it has none, open if it closed later), as
Sutton reads it:
  coverage      per team and upcoming quarter: open pipeline expected to close in the quarter
                (overdue deals count in the current one) and bookings won in it;
  conversion    per team, deals closed in the last 365 days: won, lost, amount won;
  concentration per team, share of the last year's bookings in its three largest deals.
"""

import argparse
import datetime
import json
import os
import shutil
import subprocess
import tempfile
import sys
import time

import duckdb


def run_sutton(sutton, database):
    start = time.perf_counter()
    out = subprocess.run(
        [sutton, "pipeline", "figures", "--database", f"sqlite://{database}"],
        check=True,
        capture_output=True,
        text=True,
        env={"RUST_LOG": "warn", "PATH": "/usr/bin:/bin"},
    )
    return time.perf_counter() - start, json.loads(out.stdout)


SQL = """
CREATE TEMP MACRO qstart(d, m0) AS
    CAST(CAST(date_trunc('month', d) AS DATE) - to_months(CAST((month(d) - m0 + 12) % 3 AS INTEGER)) AS DATE);
CREATE TEMP TABLE h AS
    SELECT opportunity_id,
           arg_max(struct_pack(status := status, close_date := close_date, amount_minor := amount_minor),
                   (changed_at, id)) FILTER (WHERE CAST(changed_at AS DATE) <= $as_of) AS seen,
           arg_min(struct_pack(status := status, close_date := close_date, amount_minor := amount_minor),
                   (changed_at, id)) AS first
    FROM s.opportunity_changes GROUP BY opportunity_id;
CREATE TEMP TABLE deals AS
    SELECT o.id, o.account_id, coalesce(p.team_id, 0) AS team_id,
           CASE WHEN h.opportunity_id IS NOT NULL THEN coalesce(h.seen, h.first).status
                WHEN o.status <> 'open' AND o.close_date > $as_of THEN 'open' ELSE o.status END AS status,
           CASE WHEN h.opportunity_id IS NOT NULL THEN coalesce(h.seen, h.first).close_date
                ELSE o.close_date END AS close_date,
           o.created_on,
           CASE WHEN h.opportunity_id IS NOT NULL THEN coalesce(h.seen, h.first).amount_minor
                ELSE o.amount_minor END AS amount_minor
    FROM s.opportunities o
    JOIN s.people p ON p.id = o.owner_id
    LEFT JOIN h ON h.opportunity_id = o.id
    WHERE o.currency = (SELECT currency FROM s.organisation)
      AND o.created_on <= $as_of;
"""

COVERAGE = """
WITH m AS (SELECT fiscal_first_month AS m0 FROM s.organisation),
upcoming AS (
    SELECT CAST(qstart($as_of::DATE, m0) + to_months(3 * k) AS DATE) AS q FROM m, range(0, 4) t(k)),
pipe AS (
    SELECT team_id, qstart(greatest(close_date, $as_of::DATE), (SELECT m0 FROM m)) AS q,
           sum(amount_minor) AS pipeline, count(*) AS deals
    FROM deals WHERE status = 'open' GROUP BY ALL),
won AS (
    SELECT team_id, qstart(close_date, (SELECT m0 FROM m)) AS q, sum(amount_minor) AS booked
    FROM deals WHERE status = 'won' GROUP BY ALL),
keys AS (SELECT team_id, q FROM pipe UNION SELECT team_id, q FROM won)
SELECT k.team_id, k.q, coalesce(p.pipeline, 0), coalesce(w.booked, 0), coalesce(p.deals, 0)
FROM keys k
JOIN upcoming u ON u.q = k.q
LEFT JOIN pipe p ON p.team_id = k.team_id AND p.q = k.q
LEFT JOIN won w ON w.team_id = k.team_id AND w.q = k.q
"""

CONVERSION = """
SELECT team_id,
       count(*) FILTER (WHERE status = 'won') AS won,
       count(*) FILTER (WHERE status = 'lost') AS lost,
       coalesce(sum(amount_minor) FILTER (WHERE status = 'won'), 0) AS won_minor
FROM deals
WHERE status IN ('won', 'lost') AND close_date > $as_of::DATE - INTERVAL 365 DAY AND close_date <= $as_of::DATE
GROUP BY team_id
"""

CONCENTRATION = """
WITH won AS (
    SELECT team_id, amount_minor,
           row_number() OVER (PARTITION BY team_id ORDER BY amount_minor DESC) AS k
    FROM deals
    WHERE status = 'won' AND close_date > $as_of::DATE - INTERVAL 365 DAY AND close_date <= $as_of::DATE)
SELECT team_id, sum(amount_minor) FILTER (WHERE k <= 3) / sum(amount_minor) AS top3
FROM won GROUP BY team_id HAVING sum(amount_minor) > 0
"""


EXPORTS = {
    "organisation": "SELECT currency, fiscal_first_month FROM organisation",
    "people": "SELECT id, team_id FROM people",
    "opportunities": "SELECT id, account_id, owner_id, status, close_date, created_on, currency, amount_minor "
                     "FROM opportunities",
    "opportunity_changes": "SELECT id, opportunity_id, changed_at, status, close_date, amount_minor "
                           "FROM opportunity_changes",
}


def attach(con, database, workdir):
    """The SQLite file as schema `s`: through DuckDB's sqlite extension when it can be loaded,
    else through CSV files written by the sqlite3 shell (the export is part of the time)."""
    try:
        con.execute("INSTALL sqlite; LOAD sqlite;")
        con.execute(f"ATTACH '{database}' AS s (TYPE sqlite, READ_ONLY)")
        return "sqlite extension"
    except duckdb.Error:
        pass
    con.execute("CREATE SCHEMA s")
    for table, query in EXPORTS.items():
        path = os.path.join(workdir, f"{table}.csv")
        with open(path, "w") as out:
            subprocess.run(["sqlite3", "-csv", "-header", database, query], check=True, stdout=out)
        con.execute(f"CREATE TABLE s.{table} AS SELECT * FROM read_csv('{path}', header = true)")
    return "sqlite3 CSV export + read_csv"


def run_duckdb(database, as_of):
    start = time.perf_counter()
    con = duckdb.connect()
    workdir = tempfile.mkdtemp()
    how = attach(con, database, workdir)
    # The date is our own (from Sutton's JSON, checked below): written into the SQL as a literal.
    date = f"DATE '{datetime.date.fromisoformat(as_of).isoformat()}'"
    sql = lambda text: text.replace("$as_of::DATE", date).replace("$as_of", date)
    for statement in [s for s in SQL.split(";") if s.strip()]:
        con.execute(sql(statement))
    coverage = con.execute(sql(COVERAGE)).fetchall()
    conversion = con.execute(sql(CONVERSION)).fetchall()
    concentration = con.execute(sql(CONCENTRATION)).fetchall()
    elapsed = time.perf_counter() - start
    shutil.rmtree(workdir, ignore_errors=True)
    return elapsed, how, coverage, conversion, concentration


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sutton", required=True)
    ap.add_argument("--database", required=True)
    args = ap.parse_args()

    # Three runs each, taking turns, the median reported: on a freshly started machine the first
    # touch of memory is slow, and whichever side runs first would pay for it.
    sutton_runs, duck_runs = [], []
    for _ in range(3):
        sutton_s, figures = run_sutton(args.sutton, args.database)
        sutton_runs.append(sutton_s)
        as_of = figures["as_of"]
        duck_s, how, coverage, conversion, concentration = run_duckdb(args.database, as_of)
        duck_runs.append(duck_s)
    sutton_s = sorted(sutton_runs)[1]
    duck_s = sorted(duck_runs)[1]

    problems = []
    ours = {(c["team_id"], c["period_start"]): (c["pipeline_minor"], c["booked_minor"], c["deals"])
            for c in figures["coverage"]}
    theirs = {(t, str(q)): (int(p), int(b), int(n)) for t, q, p, b, n in coverage}
    for key in sorted(set(ours) | set(theirs)):
        a, b = ours.get(key, (0, 0, 0)), theirs.get(key, (0, 0, 0))
        if a != b:
            problems.append(f"coverage {key}: sutton {a}, duckdb {b}")
    ours = {c["team_id"]: (c["won"], c["lost"], c["won_minor"]) for c in figures["conversion"]}
    theirs = {t: (int(w), int(l), int(m)) for t, w, l, m in conversion}
    for key in sorted(set(ours) | set(theirs)):
        if ours.get(key) != theirs.get(key):
            problems.append(f"conversion team {key}: sutton {ours.get(key)}, duckdb {theirs.get(key)}")
    ours = {c["team_id"]: c["top3_share"] for c in figures["concentration"]}
    theirs = {t: round(float(s), 3) for t, s in concentration}
    for key in sorted(set(ours) & set(theirs)):
        if abs(ours[key] - theirs[key]) > 0.0005:
            problems.append(f"top-3 share team {key}: sutton {ours[key]}, duckdb {theirs[key]}")

    print(f"as of {as_of}; {len(figures['coverage'])} coverage rows, {len(figures['conversion'])} conversion rows, "
          f"{len(figures['concentration'])} concentration rows")
    print()
    print("| tool | what | time (s, reading included, median of 3) |")
    print("|---|---|---:|")
    print(f"| Sutton `pipeline figures` | coverage + conversion + full whiplash report (8 measures) | {sutton_s:.2f} |")
    print(f"| DuckDB {duckdb.__version__} ({how}) | coverage + conversion + concentration | {duck_s:.2f} |")
    print(f"| ratio Sutton / DuckDB | | {sutton_s / duck_s:.2f} |")
    print()
    print("runs (s), median above: Sutton " + " ".join(f"{x:.2f}" for x in sutton_runs)
          + "; DuckDB " + " ".join(f"{x:.2f}" for x in duck_runs))
    print()
    if problems:
        print(f"figures DISAGREE ({len(problems)}):")
        for p in problems[:20]:
            print("  " + p)
        sys.exit(1)
    print("figures agree: coverage (pipeline, bookings, deals) per team and quarter, conversion (won, lost, "
          "amount won) per team, top-3 deal share per team")


if __name__ == "__main__":
    main()
