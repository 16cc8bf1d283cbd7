-- Incentive compensation (COMP-2, COMP-3): plan books as they were saved, and payout runs.
--
-- Nothing here is ever updated. A plan book version is in force on [effective_from,
-- effective_until); where versions overlap the one saved last wins, so a new version
-- supersedes without rewriting the old. A run keeps every payee's statement as computed —
-- lines, the credits behind them with their deals, draw balances — and, when it re-runs a
-- period, the adjustments against the period's previous run: what was paid for a period is
-- the first run's lines plus every later run's adjustments, which always equals the latest
-- run's lines.

CREATE TABLE comp_plan_versions (
    id ID_PK,
    plan_text TEXT NOT NULL,
    effective_from DATE NOT NULL,
    effective_until DATE,
    note TEXT NOT NULL,
    saved_by TEXT NOT NULL,
    saved_at TIMESTAMP NOT NULL
);

CREATE TABLE comp_runs (
    id ID_PK,
    period TEXT NOT NULL,
    period_start DATE NOT NULL,
    period_end DATE NOT NULL,
    as_of DATE NOT NULL,
    run_by TEXT NOT NULL,
    run_at TIMESTAMP NOT NULL,
    currency TEXT NOT NULL,
    -- The period's run this one adjusts against; NULL for a period's first run.
    previous_run_id BIGINT REFERENCES comp_runs(id) DEFERRABLE INITIALLY DEFERRED,
    -- The plan book's text when it was given as a file instead of the stored versions.
    plan_text TEXT
);
CREATE INDEX comp_runs_period ON comp_runs (period, id);

CREATE TABLE comp_run_plans (
    run_id BIGINT NOT NULL REFERENCES comp_runs(id) DEFERRABLE INITIALLY DEFERRED,
    plan_version_id BIGINT NOT NULL REFERENCES comp_plan_versions(id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (run_id, plan_version_id)
);

CREATE TABLE comp_statements (
    run_id BIGINT NOT NULL REFERENCES comp_runs(id) DEFERRABLE INITIALLY DEFERRED,
    person_id BIGINT NOT NULL REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
    name TEXT NOT NULL,
    total_minor BIGINT NOT NULL,
    draw_balance_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    plan_changes_in_year BIGINT NOT NULL,
    -- Data that kept a line from being paid, one problem per line of text.
    problems TEXT NOT NULL,
    PRIMARY KEY (run_id, person_id)
);
CREATE INDEX comp_statements_person ON comp_statements (person_id);

-- One payout line. Quantities are minor units for money measures, millionths of a unit for
-- counts (the measure says which); attainment and band edges are parts per million.
CREATE TABLE comp_run_lines (
    run_id BIGINT NOT NULL REFERENCES comp_runs(id) DEFERRABLE INITIALLY DEFERRED,
    person_id BIGINT NOT NULL REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
    position BIGINT NOT NULL,
    plan TEXT NOT NULL,
    component TEXT NOT NULL,
    measure TEXT,
    segment_from DATE NOT NULL,
    segment_until DATE NOT NULL,
    kind TEXT NOT NULL,
    achieved BIGINT,
    quota BIGINT,
    attainment_ppm BIGINT,
    band_from_ppm BIGINT,
    band_to_ppm BIGINT,
    rate TEXT NOT NULL,
    amount_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    explanation TEXT NOT NULL,
    -- Deal ids separated by spaces: the deals the component counted, and those clawed back.
    deals TEXT NOT NULL,
    clawed_back TEXT NOT NULL,
    PRIMARY KEY (run_id, person_id, position)
);

-- Every credit a component looked at, counted or not, each naming its deal.
CREATE TABLE comp_run_credits (
    run_id BIGINT NOT NULL REFERENCES comp_runs(id) DEFERRABLE INITIALLY DEFERRED,
    person_id BIGINT NOT NULL REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
    position BIGINT NOT NULL,
    plan TEXT NOT NULL,
    component TEXT NOT NULL,
    segment_from DATE NOT NULL,
    measure TEXT NOT NULL,
    credited_on DATE NOT NULL,
    quantity BIGINT NOT NULL,
    -- NULL for counts.
    currency TEXT,
    opportunity_id BIGINT NOT NULL REFERENCES opportunities(id) DEFERRABLE INITIALLY DEFERRED,
    deal_name TEXT NOT NULL,
    -- owner, revenue:PPM, overlay:PPM or lead:ID.
    source TEXT NOT NULL,
    cancelled_on DATE,
    -- Why the credit was not counted; NULL when it was.
    excluded_reason TEXT,
    PRIMARY KEY (run_id, person_id, position)
);

CREATE TABLE comp_run_adjustments (
    run_id BIGINT NOT NULL REFERENCES comp_runs(id) DEFERRABLE INITIALLY DEFERRED,
    person_id BIGINT NOT NULL REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
    position BIGINT NOT NULL,
    period TEXT NOT NULL,
    component TEXT NOT NULL,
    paid_minor BIGINT NOT NULL,
    due_minor BIGINT NOT NULL,
    amount_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    clawback BOOLEAN NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (run_id, person_id, position)
);
