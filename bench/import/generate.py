#!/usr/bin/env python3
"""Writes a Salesforce-shaped Data Export for the import benchmark: User.csv (50 owners),
Account.csv (20,000 accounts) and Opportunity.csv (N opportunities, default 1,000,000), with
API field names as headers, 18-character ids and Salesforce timestamps. Deterministic."""

import random
import sys
from pathlib import Path

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"


def sf_id(prefix: str, n: int) -> str:
    """A valid 18-character Salesforce id: 15 characters and the case-encoding suffix."""
    base = f"{prefix}D{n:011d}"[:15]
    suffix = ""
    for i in range(0, 15, 5):
        bits = sum(1 << j for j, ch in enumerate(base[i:i + 5]) if ch.isupper())
        suffix += ALPHABET[bits]
    return base + suffix


STAGES = [
    ("Prospecting", 10, "Pipeline", 0, 0),
    ("Qualification", 20, "Pipeline", 0, 0),
    ("Needs Analysis", 40, "Pipeline", 0, 0),
    ("Proposal/Price Quote", 60, "BestCase", 0, 0),
    ("Negotiation/Review", 80, "Commit", 0, 0),
    ("Closed Won", 100, "Closed", 1, 1),
    ("Closed Lost", 0, "Omitted", 1, 0),
]
TYPES = ["New Business", "Existing Business", "Renewal"]
SOURCES = ["Web", "Partner", "Trade Show", "Phone Inquiry", "Other"]


def main() -> None:
    out = Path(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(2026)
    owners = [sf_id("005", i + 1) for i in range(50)]
    with open(out / "User.csv", "w", newline="") as f:
        f.write("Id,FirstName,LastName,Email,Title,IsActive\n")
        for i, oid in enumerate(owners):
            f.write(f"{oid},Rep,Number {i + 1},rep{i + 1}@example.com,Account Executive,true\n")
    accounts = [sf_id("001", i + 1) for i in range(20_000)]
    with open(out / "Account.csv", "w", newline="") as f:
        f.write("Id,Name,Type,Industry,NumberOfEmployees,AnnualRevenue,BillingCity,BillingState,BillingPostalCode,BillingCountry,OwnerId,CreatedDate\n")
        for i, aid in enumerate(accounts):
            f.write(
                f"{aid},Account {i + 1},Customer - Direct,Manufacturing,{rng.randint(5, 5000)},"
                f"{rng.randint(100_000, 90_000_000)}.00,Tulsa,OK,74101,US,{rng.choice(owners)},"
                f"2022-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T09:30:00.000+0000\n"
            )
    with open(out / "Opportunity.csv", "w", newline="") as f:
        f.write(
            "Id,Name,AccountId,OwnerId,StageName,IsClosed,IsWon,Probability,ForecastCategoryName,"
            "Amount,CurrencyIsoCode,CloseDate,CreatedDate,Type,LeadSource\n"
        )
        lines = []
        for i in range(n):
            stage, prob, cat, closed, won = rng.choice(STAGES)
            month = rng.randint(1, 12)
            day = rng.randint(1, 28)
            lines.append(
                f"{sf_id('006', i + 1)},\"Deal {i + 1}, phase {i % 7}\",{rng.choice(accounts)},{rng.choice(owners)},"
                f"{stage},{closed},{won},{prob},{cat},{rng.randint(1_000, 2_000_000)}.{rng.randint(0, 99):02d},USD,"
                f"2025-{month:02d}-{day:02d},2024-{month:02d}-{day:02d}T16:14:25.000+0000,"
                f"{rng.choice(TYPES)},{rng.choice(SOURCES)}\n"
            )
            if len(lines) == 10_000:
                f.writelines(lines)
                lines.clear()
        f.writelines(lines)


if __name__ == "__main__":
    main()
