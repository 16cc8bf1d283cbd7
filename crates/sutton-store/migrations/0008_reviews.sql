-- Pipeline reviews (DEAL-5) and recorded forecasts (DEAL-6). A review is a team's open pipeline
-- frozen on a date: one row per deal with what it was then (amount, stage, close date, forecast
-- category, quality flags as text), and the reviewer's note and decision. Deals are copied, not
-- referenced, so a review keeps saying what was seen even after the deal changes or is deleted.
-- A forecast snapshot is what a team's forecast for a period was on a date, kept so it can be
-- compared with what was won.
CREATE TABLE pipeline_reviews (
    id ID_PK,
    team_id BIGINT NOT NULL REFERENCES teams(id) DEFERRABLE INITIALLY DEFERRED,
    as_of DATE NOT NULL,
    taken_at TIMESTAMP NOT NULL,
    taken_by TEXT NOT NULL,
    previous_id BIGINT REFERENCES pipeline_reviews(id) DEFERRABLE INITIALLY DEFERRED
);

CREATE INDEX pipeline_reviews_by_team ON pipeline_reviews (team_id, id);

CREATE TABLE pipeline_review_deals (
    review_id BIGINT NOT NULL REFERENCES pipeline_reviews(id) DEFERRABLE INITIALLY DEFERRED,
    opportunity_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    owner_id BIGINT NOT NULL,
    owner_name TEXT NOT NULL,
    currency TEXT NOT NULL,
    amount_minor BIGINT NOT NULL,
    stage TEXT NOT NULL,
    close_date DATE NOT NULL,
    forecast_category TEXT NOT NULL,
    flags TEXT NOT NULL,
    note TEXT,
    decision TEXT,
    decided_by TEXT,
    decided_at TIMESTAMP,
    PRIMARY KEY (review_id, opportunity_id)
);

CREATE TABLE forecast_snapshots (
    id ID_PK,
    team_id BIGINT NOT NULL REFERENCES teams(id) DEFERRABLE INITIALLY DEFERRED,
    period TEXT NOT NULL,
    as_of DATE NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    source TEXT NOT NULL,
    currency TEXT NOT NULL,
    won_minor BIGINT NOT NULL,
    commit_minor BIGINT NOT NULL,
    best_case_minor BIGINT NOT NULL,
    weighted_minor BIGINT NOT NULL
);

CREATE INDEX forecast_snapshots_by_team ON forecast_snapshots (team_id, period, as_of);
