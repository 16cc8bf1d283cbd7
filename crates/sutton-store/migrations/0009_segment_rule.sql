-- The organisation's segmentation rule (SEG-1): what accounts are ranked by, how they are cut,
-- over what scope, and the segments' names. One row in segment_rule (id 1), and one row per
-- segment in segment_rule_segments, most valuable first, with the boundary between it and the
-- next: a cut-off in parts per million for the Pareto and percentile methods, or a floor for
-- the threshold method in the measure's unit (minor units of `currency` for money measures,
-- parts per million of fit for the ICP score). When the rule ranks by ICP score it names the
-- stored profile it scores with. No row: the default rule (A, B, C by Pareto 50 % / 80 % of
-- potential) applies.
CREATE TABLE segment_rule (
    id BIGINT NOT NULL PRIMARY KEY,
    measure TEXT NOT NULL,
    method TEXT NOT NULL,
    scope TEXT NOT NULL,
    window_days BIGINT NOT NULL,
    icp_profile TEXT,
    currency TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_on DATE NOT NULL
);

CREATE TABLE segment_rule_segments (
    place BIGINT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    cut_off_ppm BIGINT,
    floor_value BIGINT
);
