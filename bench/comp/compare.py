"""Compares two payee,payout_minor files: prints how many payouts differ (must be 0)."""

import sys


def load(path: str) -> dict[int, int]:
    with open(path) as f:
        next(f)
        return {int(p): int(a) for p, a in (line.strip().split(",") for line in f if line.strip())}


sutton, duck = load(sys.argv[1]), load(sys.argv[2])
payees = sorted(set(sutton) | set(duck))
differ = [p for p in payees if sutton.get(p) != duck.get(p)]
print(f"payees compared: {len(payees)}; payouts that differ: {len(differ)}")
for p in differ[:10]:
    print(f"  payee {p}: sutton {sutton.get(p)}, duckdb {duck.get(p)}")
sys.exit(1 if differ else 0)
