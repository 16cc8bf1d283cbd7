-- Sutton's foundation schema: one logical schema for SQLite and PostgreSQL.
-- `ID_PK` becomes `INTEGER PRIMARY KEY` (the rowid) on SQLite and `BIGINT PRIMARY KEY` on PostgreSQL.
-- Money is two columns: an integer amount in minor units (`*_minor`) and an ISO 4217 `currency`.
-- Rates are integers in parts per million (`*_ppm`). Dates are DATE (ISO text in SQLite).
-- Foreign keys are checked at commit, so a batch may insert records in any order. Two references
-- close a cycle (teams <-> people, leads <-> opportunities); PostgreSQL gets them as constraints
-- added at the end, SQLite (which cannot add constraints later) relies on Sutton's own checks.
-- Blocks between `-- @postgres` and `-- @end` run on PostgreSQL only.
-- External ids (`ext_system`, `ext_id`) are unique per table so re-imports update, not duplicate.

CREATE TABLE organisation (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    currency TEXT NOT NULL,
    fiscal_first_month BIGINT NOT NULL CHECK (fiscal_first_month BETWEEN 1 AND 12),
    fiscal_naming TEXT NOT NULL
);

CREATE TABLE id_counters (
    name TEXT PRIMARY KEY,
    next_id BIGINT NOT NULL
);

CREATE TABLE geo_units (
    id ID_PK,
    kind TEXT NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    region TEXT,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    area_km2 DOUBLE PRECISION,
    UNIQUE (kind, code)
);

CREATE TABLE geo_edges (
    a_id BIGINT NOT NULL REFERENCES geo_units(id) DEFERRABLE INITIALLY DEFERRED,
    b_id BIGINT NOT NULL REFERENCES geo_units(id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (a_id, b_id),
    CHECK (a_id < b_id)
);

CREATE TABLE teams (
    id ID_PK,
    name TEXT NOT NULL,
    parent_id BIGINT REFERENCES teams(id) DEFERRABLE INITIALLY DEFERRED,
    -- Checked by the PostgreSQL-only constraint at the end (people do not exist yet here).
    manager_id BIGINT
);

CREATE TABLE people (
    id ID_PK,
    ext_system TEXT,
    ext_id TEXT,
    name TEXT NOT NULL,
    email TEXT,
    role TEXT NOT NULL,
    channel TEXT,
    team_id BIGINT REFERENCES teams(id) DEFERRABLE INITIALLY DEFERRED,
    manager_id BIGINT REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
    home_country TEXT,
    home_postal_code TEXT,
    home_city TEXT,
    home_region TEXT,
    home_lat DOUBLE PRECISION,
    home_lon DOUBLE PRECISION,
    home_geo_unit_id BIGINT REFERENCES geo_units(id) DEFERRABLE INITIALLY DEFERRED,
    hire_date DATE,
    leave_date DATE,
    weekly_capacity_minutes BIGINT NOT NULL,
    placeholder BOOLEAN NOT NULL,
    UNIQUE (ext_system, ext_id)
);
CREATE INDEX people_team ON people (team_id);

CREATE TABLE accounts (
    id ID_PK,
    ext_system TEXT,
    ext_id TEXT,
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    industry TEXT,
    employees BIGINT,
    currency TEXT,
    annual_revenue_minor BIGINT,
    potential_minor BIGINT,
    country TEXT,
    postal_code TEXT,
    city TEXT,
    region TEXT,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    geo_unit_id BIGINT REFERENCES geo_units(id) DEFERRABLE INITIALLY DEFERRED,
    owner_id BIGINT REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
    parent_id BIGINT REFERENCES accounts(id) DEFERRABLE INITIALLY DEFERRED,
    created_on DATE,
    UNIQUE (ext_system, ext_id)
);
CREATE INDEX accounts_owner ON accounts (owner_id);
CREATE INDEX accounts_geo_unit ON accounts (geo_unit_id);

CREATE TABLE contacts (
    id ID_PK,
    ext_system TEXT,
    ext_id TEXT,
    account_id BIGINT REFERENCES accounts(id) DEFERRABLE INITIALLY DEFERRED,
    name TEXT NOT NULL,
    title TEXT,
    email TEXT,
    phone TEXT,
    buying_role TEXT,
    engaged BOOLEAN NOT NULL,
    UNIQUE (ext_system, ext_id)
);
CREATE INDEX contacts_account ON contacts (account_id);

CREATE TABLE product_lines (
    id ID_PK,
    ext_system TEXT,
    ext_id TEXT,
    name TEXT NOT NULL,
    UNIQUE (ext_system, ext_id)
);

CREATE TABLE products (
    id ID_PK,
    ext_system TEXT,
    ext_id TEXT,
    name TEXT NOT NULL,
    code TEXT,
    line_id BIGINT NOT NULL REFERENCES product_lines(id) DEFERRABLE INITIALLY DEFERRED,
    currency TEXT NOT NULL,
    list_price_minor BIGINT NOT NULL,
    unit_cost_minor BIGINT NOT NULL,
    active BOOLEAN NOT NULL,
    UNIQUE (ext_system, ext_id)
);

CREATE TABLE stages (
    id ID_PK,
    name TEXT NOT NULL UNIQUE,
    sort_order BIGINT NOT NULL,
    probability_ppm BIGINT NOT NULL,
    forecast_category TEXT NOT NULL,
    status TEXT NOT NULL
);

CREATE TABLE leads (
    id ID_PK,
    ext_system TEXT,
    ext_id TEXT,
    name TEXT NOT NULL,
    company TEXT,
    email TEXT,
    source TEXT,
    status TEXT NOT NULL,
    owner_id BIGINT REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
    created_on DATE NOT NULL,
    converted_on DATE,
    converted_account_id BIGINT REFERENCES accounts(id) DEFERRABLE INITIALLY DEFERRED,
    converted_opportunity_id BIGINT,
    UNIQUE (ext_system, ext_id)
);

CREATE TABLE opportunities (
    id ID_PK,
    ext_system TEXT,
    ext_id TEXT,
    name TEXT NOT NULL,
    account_id BIGINT NOT NULL REFERENCES accounts(id) DEFERRABLE INITIALLY DEFERRED,
    owner_id BIGINT NOT NULL REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
    kind TEXT NOT NULL,
    stage TEXT NOT NULL,
    status TEXT NOT NULL,
    probability_ppm BIGINT NOT NULL,
    forecast_category TEXT NOT NULL,
    source TEXT,
    lead_id BIGINT REFERENCES leads(id) DEFERRABLE INITIALLY DEFERRED,
    created_on DATE NOT NULL,
    close_date DATE NOT NULL,
    currency TEXT NOT NULL,
    amount_minor BIGINT NOT NULL,
    discount_ppm BIGINT NOT NULL,
    margin_ppm BIGINT,
    UNIQUE (ext_system, ext_id),
    CHECK (close_date >= created_on)
);
CREATE INDEX opportunities_account ON opportunities (account_id);
CREATE INDEX opportunities_owner ON opportunities (owner_id);
CREATE INDEX opportunities_close ON opportunities (close_date);

CREATE TABLE opportunity_lines (
    id ID_PK,
    ext_system TEXT,
    ext_id TEXT,
    opportunity_id BIGINT NOT NULL REFERENCES opportunities(id) DEFERRABLE INITIALLY DEFERRED,
    product_id BIGINT NOT NULL REFERENCES products(id) DEFERRABLE INITIALLY DEFERRED,
    quantity BIGINT NOT NULL,
    currency TEXT NOT NULL,
    list_price_minor BIGINT NOT NULL,
    discount_ppm BIGINT NOT NULL,
    unit_cost_minor BIGINT NOT NULL,
    UNIQUE (ext_system, ext_id)
);
CREATE INDEX opportunity_lines_opportunity ON opportunity_lines (opportunity_id);

CREATE TABLE opportunity_team (
    opportunity_id BIGINT NOT NULL REFERENCES opportunities(id) DEFERRABLE INITIALLY DEFERRED,
    person_id BIGINT NOT NULL REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
    role TEXT NOT NULL,
    split_type TEXT NOT NULL CHECK (split_type IN ('revenue', 'overlay')),
    split_ppm BIGINT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (opportunity_id, person_id, split_type)
);

-- Append-only: Sutton never updates or deletes these rows.
CREATE TABLE opportunity_changes (
    id ID_PK,
    opportunity_id BIGINT NOT NULL REFERENCES opportunities(id) DEFERRABLE INITIALLY DEFERRED,
    changed_at TIMESTAMP NOT NULL,
    changed_by BIGINT REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
    stage TEXT NOT NULL,
    status TEXT NOT NULL,
    probability_ppm BIGINT NOT NULL,
    forecast_category TEXT NOT NULL,
    currency TEXT NOT NULL,
    amount_minor BIGINT NOT NULL,
    close_date DATE NOT NULL
);
CREATE INDEX opportunity_changes_opportunity ON opportunity_changes (opportunity_id, changed_at);

CREATE TABLE activities (
    id ID_PK,
    ext_system TEXT,
    ext_id TEXT,
    person_id BIGINT NOT NULL REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
    account_id BIGINT REFERENCES accounts(id) DEFERRABLE INITIALLY DEFERRED,
    contact_id BIGINT REFERENCES contacts(id) DEFERRABLE INITIALLY DEFERRED,
    opportunity_id BIGINT REFERENCES opportunities(id) DEFERRABLE INITIALLY DEFERRED,
    kind TEXT NOT NULL,
    mode TEXT NOT NULL,
    activity_date DATE NOT NULL,
    duration_minutes BIGINT NOT NULL,
    category TEXT NOT NULL,
    outcome TEXT,
    subject TEXT,
    UNIQUE (ext_system, ext_id)
);
CREATE INDEX activities_person_date ON activities (person_id, activity_date);
CREATE INDEX activities_account ON activities (account_id);

CREATE TABLE contracts (
    id ID_PK,
    ext_system TEXT,
    ext_id TEXT,
    account_id BIGINT NOT NULL REFERENCES accounts(id) DEFERRABLE INITIALLY DEFERRED,
    product_line_id BIGINT REFERENCES product_lines(id) DEFERRABLE INITIALLY DEFERRED,
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    currency TEXT NOT NULL,
    annual_value_minor BIGINT NOT NULL,
    renewal_status TEXT NOT NULL,
    renewal_opportunity_id BIGINT REFERENCES opportunities(id) DEFERRABLE INITIALLY DEFERRED,
    UNIQUE (ext_system, ext_id),
    CHECK (end_date >= start_date)
);
CREATE INDEX contracts_account ON contracts (account_id);
CREATE INDEX contracts_end ON contracts (end_date);

CREATE TABLE proposals (
    id ID_PK,
    opportunity_id BIGINT NOT NULL REFERENCES opportunities(id) DEFERRABLE INITIALLY DEFERRED,
    sent_on DATE NOT NULL,
    currency TEXT NOT NULL,
    amount_minor BIGINT NOT NULL,
    status TEXT NOT NULL
);
CREATE INDEX proposals_opportunity ON proposals (opportunity_id);

-- Exactly one owner: a person or a team. Money targets have a currency, count targets do not.
CREATE TABLE quotas (
    id ID_PK,
    person_id BIGINT REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
    team_id BIGINT REFERENCES teams(id) DEFERRABLE INITIALLY DEFERRED,
    period_kind TEXT NOT NULL,
    fiscal_year BIGINT NOT NULL,
    period_index BIGINT NOT NULL,
    measure TEXT NOT NULL,
    currency TEXT,
    target_minor BIGINT,
    target_count BIGINT,
    CHECK ((person_id IS NULL) <> (team_id IS NULL)),
    CHECK ((target_minor IS NULL) <> (target_count IS NULL))
);
CREATE INDEX quotas_period ON quotas (fiscal_year, period_kind, period_index);

CREATE TABLE territories (
    id ID_PK,
    name TEXT NOT NULL,
    level TEXT NOT NULL,
    parent_id BIGINT REFERENCES territories(id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE alignments (
    id ID_PK,
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    based_on_id BIGINT REFERENCES alignments(id) DEFERRABLE INITIALLY DEFERRED,
    created_on DATE NOT NULL,
    note TEXT
);

-- A unit is a geographic unit or a named account, never both.
CREATE TABLE territory_assignments (
    alignment_id BIGINT NOT NULL REFERENCES alignments(id) DEFERRABLE INITIALLY DEFERRED,
    geo_unit_id BIGINT REFERENCES geo_units(id) DEFERRABLE INITIALLY DEFERRED,
    account_id BIGINT REFERENCES accounts(id) DEFERRABLE INITIALLY DEFERRED,
    territory_id BIGINT NOT NULL REFERENCES territories(id) DEFERRABLE INITIALLY DEFERRED,
    locked BOOLEAN NOT NULL,
    CHECK ((geo_unit_id IS NULL) <> (account_id IS NULL)),
    UNIQUE (alignment_id, geo_unit_id),
    UNIQUE (alignment_id, account_id)
);

CREATE TABLE territory_reps (
    alignment_id BIGINT NOT NULL REFERENCES alignments(id) DEFERRABLE INITIALLY DEFERRED,
    territory_id BIGINT NOT NULL REFERENCES territories(id) DEFERRABLE INITIALLY DEFERRED,
    person_id BIGINT NOT NULL REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (alignment_id, territory_id, person_id)
);

CREATE TABLE call_patterns (
    id ID_PK,
    segment TEXT NOT NULL,
    role TEXT NOT NULL,
    channel TEXT NOT NULL,
    mode TEXT NOT NULL,
    calls BIGINT NOT NULL,
    per TEXT NOT NULL,
    duration_minutes BIGINT NOT NULL
);

CREATE TABLE reference_clients (
    id ID_PK,
    account_id BIGINT NOT NULL REFERENCES accounts(id) DEFERRABLE INITIALLY DEFERRED,
    since DATE NOT NULL,
    until DATE,
    note TEXT
);

CREATE TABLE reference_circumstances (
    reference_id BIGINT NOT NULL REFERENCES reference_clients(id) DEFERRABLE INITIALLY DEFERRED,
    position BIGINT NOT NULL,
    circumstance TEXT NOT NULL,
    PRIMARY KEY (reference_id, position)
);

CREATE TABLE reference_uses (
    id ID_PK,
    reference_id BIGINT NOT NULL REFERENCES reference_clients(id) DEFERRABLE INITIALLY DEFERRED,
    requested_by BIGINT NOT NULL REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
    opportunity_id BIGINT REFERENCES opportunities(id) DEFERRABLE INITIALLY DEFERRED,
    used_on DATE NOT NULL
);

CREATE TABLE trainings (
    id ID_PK,
    person_id BIGINT NOT NULL REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
    course TEXT NOT NULL,
    skill TEXT,
    completed_on DATE NOT NULL,
    hours BIGINT NOT NULL
);

CREATE TABLE audit_log (
    id ID_PK,
    at TIMESTAMP NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT,
    detail TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);

-- @postgres
ALTER TABLE teams ADD CONSTRAINT teams_manager_fk
    FOREIGN KEY (manager_id) REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE leads ADD CONSTRAINT leads_converted_opportunity_fk
    FOREIGN KEY (converted_opportunity_id) REFERENCES opportunities(id) DEFERRABLE INITIALLY DEFERRED;
-- @end
