-- Planning settings people edit (SEG-2, CALL-7): named ideal-client profiles, kept as their
-- definition in JSON (weighted criteria and the fit threshold) so a new kind of criterion needs
-- no new column, and the CALLPLAN response curve of each segment ("a,b,c,d" of the ADBUDG form).
-- Call patterns (CALL-1) already have their table, call_patterns, since the foundation.
CREATE TABLE icp_profiles (
    name TEXT NOT NULL PRIMARY KEY,
    definition TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_on DATE NOT NULL
);

CREATE TABLE response_curves (
    segment TEXT NOT NULL PRIMARY KEY,
    curve TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_on DATE NOT NULL
);
