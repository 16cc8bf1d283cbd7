-- What imports bring along that Sutton's own tables have no column for: Salesforce custom
-- fields (`…__c`) on imported records, kept so that an export back to the CRM carries them.
-- One row per record and field; `object` is the native object name (`accounts`,
-- `opportunities`, …) and `record_id` that object's Sutton id.

CREATE TABLE custom_fields (
    object TEXT NOT NULL,
    record_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (object, record_id, name)
);
