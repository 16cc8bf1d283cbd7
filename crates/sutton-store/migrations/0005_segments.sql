-- Segments (SEG-1): each account's segment from the latest run, with the rule's own answer and
-- its explanation beside it, and the manual overrides that every run must respect. Overrides
-- live in their own table so a re-run, which replaces every row of account_segments, can never
-- lose one.
CREATE TABLE account_segments (
    account_id BIGINT NOT NULL PRIMARY KEY REFERENCES accounts(id) DEFERRABLE INITIALLY DEFERRED,
    segment TEXT NOT NULL,
    computed_segment TEXT NOT NULL,
    measure TEXT NOT NULL,
    measure_value BIGINT,
    segment_rank BIGINT NOT NULL,
    cumulative_share_ppm BIGINT NOT NULL,
    explanation TEXT NOT NULL,
    assigned_on DATE NOT NULL
);

CREATE TABLE segment_overrides (
    account_id BIGINT NOT NULL PRIMARY KEY REFERENCES accounts(id) DEFERRABLE INITIALLY DEFERRED,
    segment TEXT NOT NULL,
    reason TEXT NOT NULL,
    set_by TEXT NOT NULL,
    set_on DATE NOT NULL
);
