"""The DuckDB side of the compensation benchmark: the same payouts as Sutton's engine, in SQL.

Reads payees.csv, credits.csv and plan.toml from a folder, pays every payee under the plan's
one component (target incentive × weight × multiplier per unit of attainment, band by band,
marginally; nothing below the threshold; attainment capped) with every line computed exactly
in 128-bit integers and rounded once, half away from zero, as Sutton does; writes
payee,payout_minor.

    python3 duckdb_pay.py DIR OUT.csv
"""

import sys
import time
import tomllib
from decimal import Decimal
from pathlib import Path

import duckdb


def ppm(text: str) -> int:
    """'150%' or '1.5' as parts per million (of one)."""
    text = text.strip()
    if text.endswith("%"):
        return int(Decimal(text[:-1].strip()) * 10_000)
    return int(Decimal(text) * 1_000_000)


def minor(text: str, exponent: int = 2) -> int:
    return int(Decimal(text) * 10**exponent)


def main() -> None:
    folder, out = Path(sys.argv[1]), Path(sys.argv[2])
    book = tomllib.loads((folder / "plan.toml").read_text())
    plan = book["plan"][0]
    (component,) = plan["component"]
    assert component["basis"] == "target_incentive" and book.get("rounding", "half_away_from_zero") == "half_away_from_zero"
    ti = minor(plan["target_incentive"])
    weight = ppm(component["weight"])
    threshold = ppm(component.get("threshold", "0%"))
    cap = ppm(component["cap"]) if "cap" in component else None
    tiers = [(ppm(t["from"]), ppm(t["to"]) if "to" in t else None, ppm(t["multiplier"])) for t in component["tiers"]]
    values = ", ".join(
        f"({i}, {lo}::HUGEINT, {'NULL' if hi is None else str(hi) + '::HUGEINT'}, {m}::HUGEINT)"
        for i, (lo, hi, m) in enumerate(tiers, 1)
    )
    cap_sql = "NULL" if cap is None else f"{cap}::HUGEINT * b.q"

    con = duckdb.connect()
    started = time.perf_counter()
    con.execute(
        f"""CREATE TABLE credits AS SELECT * FROM read_csv('{folder / "credits.csv"}', header = true,
            columns = {{'payee': 'BIGINT', 'deal': 'BIGINT', 'day': 'DATE', 'amount_minor': 'BIGINT'}})"""
    )
    con.execute(
        f"""CREATE TABLE payees AS SELECT * FROM read_csv('{folder / "payees.csv"}', header = true,
            columns = {{'payee': 'BIGINT', 'quota_minor': 'BIGINT'}})"""
    )
    read = time.perf_counter() - started
    paying = time.perf_counter()
    # Everything scaled by 10^6 so band edges (ppm × quota) stay whole numbers:
    # a = achieved × 10^6, edges = ppm × quota; a line is
    # ti × weight × multiplier × covered / (10^18 × quota), rounded half away from zero.
    rows = con.execute(
        f"""
        WITH achieved AS (
            SELECT payee, SUM(amount_minor)::HUGEINT AS a FROM credits
            WHERE day >= DATE '2026-01-01' AND day < DATE '2026-04-01' GROUP BY payee
        ),
        base AS (
            SELECT p.payee, p.quota_minor::HUGEINT AS q, COALESCE(a.a, 0::HUGEINT) * 1000000 AS a
            FROM payees p LEFT JOIN achieved a USING (payee)
        ),
        tiers (i, lo, hi, m) AS (VALUES {values}),
        lines AS (
            SELECT b.payee, b.q, t.m,
                GREATEST(
                    LEAST(
                        CASE WHEN {cap_sql} IS NULL THEN b.a ELSE LEAST(b.a, {cap_sql}) END,
                        COALESCE(t.hi * b.q, b.a)
                    ) - t.lo * b.q,
                    0::HUGEINT
                ) AS covered
            FROM base b CROSS JOIN tiers t
            WHERE b.a >= {threshold}::HUGEINT * b.q
        ),
        amounts AS (
            SELECT payee,
                (2 * {ti}::HUGEINT * {weight}::HUGEINT * m * covered + 1000000000000000000::HUGEINT * q)
                    // (2 * 1000000000000000000::HUGEINT * q) AS amount
            FROM lines
        )
        SELECT p.payee, COALESCE(SUM(x.amount), 0)::BIGINT AS payout_minor
        FROM payees p LEFT JOIN amounts x USING (payee)
        GROUP BY p.payee ORDER BY p.payee
        """
    ).fetchall()
    paid = time.perf_counter() - paying
    with out.open("w") as f:
        f.write("payee,payout_minor\n")
        for payee, amount in rows:
            f.write(f"{payee},{amount}\n")
    lines = con.execute("SELECT COUNT(*) FROM credits").fetchone()[0]
    total = sum(a for _, a in rows)
    print(
        f"duckdb {duckdb.__version__}: {lines} credit lines, {len(rows)} payees, total USD {total / 100:,.2f}: "
        f"read {read:.3f} s, pay {paid:.3f} s, together {read + paid:.3f} s"
    )


if __name__ == "__main__":
    main()
