//! The objects Sutton imports and exports, and the columns each source writes for them.
//!
//! Every object has one list of fields, named by its **native** column (the documented format
//! `sutton export --to native` writes). Salesforce and HubSpot columns are aliases of those
//! fields: API names first (what their exporters write and their importers take), then the
//! labels their reports and UI exports use. Importing any source is therefore "rename the
//! headers, then read native fields", and exporting is the reverse, so the three formats can
//! never drift apart.

/// What a file holds, in the order imports apply them (referenced objects first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Object {
    GeoUnit,
    Team,
    Person,
    Account,
    Contact,
    Product,
    Stage,
    Lead,
    Opportunity,
    OpportunityLine,
    DealTeam,
    OpportunityChange,
    Activity,
}

/// Where a file comes from (or goes to).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    Native,
    Salesforce,
    Hubspot,
}

impl Source {
    pub fn parse(text: &str) -> Option<Source> {
        match text.trim().to_ascii_lowercase().as_str() {
            "native" | "sutton" => Some(Source::Native),
            "salesforce" | "sfdc" => Some(Source::Salesforce),
            "hubspot" => Some(Source::Hubspot),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Source::Native => "native",
            Source::Salesforce => "salesforce",
            Source::Hubspot => "hubspot",
        }
    }
}

impl Object {
    pub const ALL: [Object; 13] = [
        Object::GeoUnit,
        Object::Team,
        Object::Person,
        Object::Account,
        Object::Contact,
        Object::Product,
        Object::Stage,
        Object::Lead,
        Object::Opportunity,
        Object::OpportunityLine,
        Object::DealTeam,
        Object::OpportunityChange,
        Object::Activity,
    ];

    /// The native file name (without `.csv`) and sheet name.
    pub fn native_name(self) -> &'static str {
        match self {
            Object::GeoUnit => "geo_units",
            Object::Team => "teams",
            Object::Person => "people",
            Object::Account => "accounts",
            Object::Contact => "contacts",
            Object::Product => "products",
            Object::Stage => "stages",
            Object::Lead => "leads",
            Object::Opportunity => "opportunities",
            Object::OpportunityLine => "opportunity_lines",
            Object::DealTeam => "deal_teams",
            Object::OpportunityChange => "opportunity_changes",
            Object::Activity => "activities",
        }
    }

    /// The Salesforce object (activities are split between Task and Event on export).
    pub fn salesforce_name(self) -> &'static str {
        match self {
            Object::GeoUnit => "Sutton_Geo_Unit__c",
            Object::Team => "UserRole",
            Object::Person => "User",
            Object::Account => "Account",
            Object::Contact => "Contact",
            Object::Product => "Product2",
            Object::Stage => "OpportunityStage",
            Object::Lead => "Lead",
            Object::Opportunity => "Opportunity",
            Object::OpportunityLine => "OpportunityLineItem",
            Object::DealTeam => "OpportunitySplit",
            Object::OpportunityChange => "OpportunityHistory",
            Object::Activity => "Task",
        }
    }

    /// The HubSpot object, for those HubSpot has.
    pub fn hubspot_name(self) -> Option<&'static str> {
        match self {
            Object::Person => Some("owners"),
            Object::Account => Some("companies"),
            Object::Contact => Some("contacts"),
            Object::Opportunity => Some("deals"),
            Object::Activity => Some("calls"),
            _ => None,
        }
    }

    /// What people call one of them, for summaries.
    pub fn label(self) -> &'static str {
        match self {
            Object::GeoUnit => "geographic units",
            Object::Team => "teams",
            Object::Person => "people",
            Object::Account => "accounts",
            Object::Contact => "contacts",
            Object::Product => "products",
            Object::Stage => "stages",
            Object::Lead => "leads",
            Object::Opportunity => "opportunities",
            Object::OpportunityLine => "opportunity lines",
            Object::DealTeam => "deal team members",
            Object::OpportunityChange => "opportunity changes",
            Object::Activity => "activities",
        }
    }

    /// Recognises a file or sheet name: native, Salesforce object or HubSpot object names.
    pub fn from_name(name: &str) -> Option<(Object, Option<Source>)> {
        let key = normalise(name);
        let key = key.strip_suffix("_export").unwrap_or(&key);
        for o in Object::ALL {
            if key == normalise(o.native_name()) {
                return Some((o, Some(Source::Native)));
            }
            if key == normalise(o.salesforce_name()) {
                return Some((o, Some(Source::Salesforce)));
            }
            if o.hubspot_name().is_some_and(|h| key == h || key.trim_end_matches('s') == h.trim_end_matches('s')) {
                return Some((o, Some(Source::Hubspot)));
            }
        }
        match key {
            "event" => Some((Object::Activity, Some(Source::Salesforce))),
            "opportunityteammember" => None,
            "meetings" | "meeting" | "activities" => Some((Object::Activity, None)),
            "users" | "owner" => Some((Object::Person, None)),
            "accounts" | "company" => Some((Object::Account, None)),
            "deal" | "opportunities" => Some((Object::Opportunity, None)),
            _ => None,
        }
    }

    pub fn fields(self) -> &'static [Field] {
        match self {
            Object::GeoUnit => GEO_UNIT,
            Object::Team => TEAM,
            Object::Person => PERSON,
            Object::Account => ACCOUNT,
            Object::Contact => CONTACT,
            Object::Product => PRODUCT,
            Object::Stage => STAGE,
            Object::Lead => LEAD,
            Object::Opportunity => OPPORTUNITY,
            Object::OpportunityLine => LINE,
            Object::DealTeam => DEAL_TEAM,
            Object::OpportunityChange => CHANGE,
            Object::Activity => ACTIVITY,
        }
    }

    /// The field a header names, for a file from `source` (native names are accepted from any
    /// source, so a hand-made file may mix them in).
    pub fn field_for(self, header: &str, source: Source) -> Option<&'static Field> {
        let key = normalise(header);
        let fields = self.fields();
        let aliases = |f: &Field| -> &'static [&'static str] {
            match source {
                Source::Native => &[],
                Source::Salesforce => f.salesforce,
                Source::Hubspot => f.hubspot,
            }
        };
        // A bare `Id` from a CRM is its own record id, never Sutton's.
        let native_fallback = source == Source::Native || key != "id";
        fields
            .iter()
            .find(|f| aliases(f).iter().any(|a| normalise(a) == key))
            .or_else(|| fields.iter().find(|f| native_fallback && normalise(f.key) == key))
    }
}

/// One field of an object: its native column and the other sources' names for it.
#[derive(Debug)]
pub struct Field {
    pub key: &'static str,
    pub salesforce: &'static [&'static str],
    pub hubspot: &'static [&'static str],
    /// Written by the native export (lookups by name and split names are read-only).
    pub native_export: bool,
}

const fn f(key: &'static str, salesforce: &'static [&'static str], hubspot: &'static [&'static str]) -> Field {
    Field { key, salesforce, hubspot, native_export: true }
}

/// A column Sutton reads but does not write in its native format.
const fn read_only(key: &'static str, salesforce: &'static [&'static str], hubspot: &'static [&'static str]) -> Field {
    Field { key, salesforce, hubspot, native_export: false }
}

/// Lower case without spaces, underscores, dots, hyphens or brackets: `Account.Sutton_Id__c`,
/// `account sutton id c` and `ACCOUNT_SUTTON_ID__C` are the same header.
pub fn normalise(text: &str) -> String {
    text.trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '.' | '-' | '(' | ')' | ':' | '/'))
        .flat_map(char::to_lowercase)
        .collect()
}

const SUTTON_ID: Field = f("id", &["Sutton_Id__c"], &["Sutton ID", "sutton_id"]);

const GEO_UNIT: &[Field] = &[
    SUTTON_ID,
    f("kind", &["Kind__c"], &[]),
    f("code", &["Code__c"], &[]),
    f("name", &["Name"], &[]),
    f("region", &["Region__c"], &[]),
    f("lat", &["Latitude__c"], &[]),
    f("lon", &["Longitude__c"], &[]),
    f("area_km2", &["Area_km2__c"], &[]),
];

const TEAM: &[Field] = &[
    SUTTON_ID,
    read_only("external_id", &["Id", "Role ID"], &[]),
    f("name", &["Name", "Role Name"], &[]),
    f("parent", &["ParentRole.Sutton_Id__c"], &[]),
    read_only("parent_ref", &["ParentRoleId", "Parent Role ID"], &[]),
    f("manager", &["Sutton_Manager__r.Sutton_Id__c"], &[]),
];

const PERSON: &[Field] = &[
    SUTTON_ID,
    f("external_id", &["Id", "User ID"], &["Record ID", "Owner ID", "ID", "Owner Id", "User ID"]),
    f("name", &["Name", "Full Name"], &["Name", "Owner Name"]),
    read_only("first_name", &["FirstName", "First Name"], &["First Name", "First name"]),
    read_only("last_name", &["LastName", "Last Name"], &["Last Name", "Last name"]),
    f("email", &["Email"], &["Email", "Owner Email"]),
    f("role", &["Sutton_Role__c", "Title", "Profile.Name", "Profile"], &["Sutton Role", "Job Title", "Role"]),
    f("channel", &["Sutton_Channel__c"], &["Sutton Channel"]),
    f("team", &["UserRole.Sutton_Id__c"], &[]),
    read_only("team_ref", &["UserRoleId", "Role ID"], &[]),
    read_only("team_name", &["UserRole.Name", "Role", "Role Name"], &["Team", "Teams", "Primary Team"]),
    f("manager", &["Manager.Sutton_Id__c"], &[]),
    read_only("manager_ref", &["ManagerId", "Manager ID"], &[]),
    f("home_country", &["Country"], &["Country"]),
    f("home_postal_code", &["PostalCode", "Zip/Postal Code"], &["Postal Code"]),
    f("home_city", &["City"], &["City"]),
    f("home_region", &["State", "State/Province"], &["State/Region"]),
    f("home_lat", &["Latitude"], &[]),
    f("home_lon", &["Longitude"], &[]),
    f("home_geo_unit", &["Sutton_Geo_Unit__r.Sutton_Id__c"], &[]),
    f("hire_date", &["Sutton_Hire_Date__c"], &["Sutton Hire Date"]),
    f("leave_date", &["Sutton_Leave_Date__c"], &["Sutton Leave Date"]),
    f("weekly_capacity_minutes", &["Sutton_Weekly_Capacity_Minutes__c"], &[]),
    f("placeholder", &["Sutton_Placeholder__c"], &[]),
    read_only("active", &["IsActive", "Active"], &["Archived"]),
];

const ACCOUNT: &[Field] = &[
    SUTTON_ID,
    f("external_id", &["Id", "Account ID", "Account Id"], &["Record ID", "Company ID"]),
    f("name", &["Name", "Account Name"], &["Company name", "Name", "Company Name"]),
    f("status", &["Type", "Account Type"], &["Lifecycle Stage", "Type", "Company Type"]),
    f("industry", &["Industry"], &["Industry"]),
    f("employees", &["NumberOfEmployees", "Employees"], &["Number of Employees"]),
    f("currency", &["CurrencyIsoCode", "Account Currency", "Currency"], &["Currency"]),
    f("annual_revenue", &["AnnualRevenue", "Annual Revenue"], &["Annual Revenue"]),
    f("potential", &["Sutton_Potential__c"], &["Sutton Potential"]),
    f("country", &["BillingCountry", "Billing Country", "BillingCountryCode"], &["Country/Region", "Country"]),
    f("postal_code", &["BillingPostalCode", "Billing Zip/Postal Code"], &["Postal Code", "Zip"]),
    f("city", &["BillingCity", "Billing City"], &["City"]),
    f("region", &["BillingState", "Billing State/Province"], &["State/Region", "State"]),
    f("lat", &["BillingLatitude"], &[]),
    f("lon", &["BillingLongitude"], &[]),
    f("geo_unit", &["Sutton_Geo_Unit__r.Sutton_Id__c"], &[]),
    f("owner", &["Owner.Sutton_Id__c"], &["Sutton Owner ID"]),
    read_only(
        "owner_ref",
        &["OwnerId", "Owner ID", "Account Owner ID"],
        &["Company owner", "HubSpot Owner ID", "Owner ID"],
    ),
    read_only("owner_name", &["Account Owner", "Owner.Name"], &["Company Owner Name"]),
    f("parent", &["Parent.Sutton_Id__c"], &[]),
    read_only("parent_ref", &["ParentId", "Parent Account ID"], &["Parent Company ID"]),
    f("created_on", &["CreatedDate", "Created Date"], &["Create Date", "Created Date"]),
    f("segment", &["Segment__c"], &["Sutton Segment"]),
    f("territory", &["Territory__c"], &["Sutton Territory"]),
];

const CONTACT: &[Field] = &[
    SUTTON_ID,
    f("external_id", &["Id", "Contact ID"], &["Record ID", "Contact ID"]),
    f("name", &["Name", "Full Name", "Contact Name"], &["Name", "Full Name"]),
    read_only("first_name", &["FirstName", "First Name"], &["First Name"]),
    read_only("last_name", &["LastName", "Last Name"], &["Last Name"]),
    f("account", &["Account.Sutton_Id__c"], &[]),
    read_only(
        "account_ref",
        &["AccountId", "Account ID"],
        &["Associated Company IDs", "Associated Company ID", "Company ID", "Primary Associated Company ID"],
    ),
    read_only("account_name", &["Account Name", "Account.Name"], &["Company Name", "Associated Company"]),
    f("title", &["Title"], &["Job Title"]),
    f("email", &["Email"], &["Email"]),
    f("phone", &["Phone", "MobilePhone"], &["Phone Number", "Mobile Phone Number"]),
    f("buying_role", &["Sutton_Buying_Role__c", "Buying Role"], &["Buying Role"]),
    f("engaged", &["Sutton_Engaged__c"], &["Sutton Engaged"]),
    read_only("owner_ref", &["OwnerId"], &["Contact owner"]),
];

const PRODUCT: &[Field] = &[
    SUTTON_ID,
    f("external_id", &["Id", "Product ID"], &[]),
    f("name", &["Name", "Product Name"], &[]),
    f("code", &["ProductCode", "Product Code"], &[]),
    f("product_line", &["Family", "Product Family"], &[]),
    f("currency", &["CurrencyIsoCode"], &[]),
    f("list_price", &["Sutton_List_Price__c", "List Price"], &[]),
    f("unit_cost", &["Sutton_Unit_Cost__c"], &[]),
    f("active", &["IsActive", "Active"], &[]),
];

const STAGE: &[Field] = &[
    SUTTON_ID,
    f("name", &["MasterLabel", "ApiName", "Stage Name"], &[]),
    f("sort_order", &["SortOrder"], &[]),
    f("probability", &["DefaultProbability"], &[]),
    f("forecast_category", &["ForecastCategoryName", "ForecastCategory"], &[]),
    f("status", &["Sutton_Status__c"], &[]),
    read_only("is_closed", &["IsClosed"], &[]),
    read_only("is_won", &["IsWon"], &[]),
];

const LEAD: &[Field] = &[
    SUTTON_ID,
    f("external_id", &["Id", "Lead ID"], &[]),
    f("name", &["Name", "Full Name"], &[]),
    read_only("first_name", &["FirstName", "First Name"], &[]),
    read_only("last_name", &["LastName", "Last Name"], &[]),
    f("company", &["Company"], &[]),
    f("email", &["Email"], &[]),
    f("source", &["LeadSource", "Lead Source"], &[]),
    f("status", &["Status", "Lead Status"], &[]),
    f("owner", &["Owner.Sutton_Id__c"], &[]),
    read_only("owner_ref", &["OwnerId", "Owner ID"], &[]),
    read_only("owner_name", &["Lead Owner"], &[]),
    f("created_on", &["CreatedDate", "Create Date"], &[]),
    f("converted_on", &["ConvertedDate", "Converted Date"], &[]),
    f("converted_account", &["ConvertedAccount.Sutton_Id__c"], &[]),
    read_only("converted_account_ref", &["ConvertedAccountId"], &[]),
    f("converted_opportunity", &["ConvertedOpportunity.Sutton_Id__c"], &[]),
    read_only("converted_opportunity_ref", &["ConvertedOpportunityId"], &[]),
];

const OPPORTUNITY: &[Field] = &[
    SUTTON_ID,
    f("external_id", &["Id", "Opportunity ID"], &["Record ID", "Deal ID"]),
    f("name", &["Name", "Opportunity Name"], &["Deal Name"]),
    f("account", &["Account.Sutton_Id__c"], &[]),
    read_only(
        "account_ref",
        &["AccountId", "Account ID"],
        &["Associated Company IDs", "Associated Company ID", "Company ID", "Primary Associated Company ID"],
    ),
    read_only("account_name", &["Account Name", "Account.Name"], &["Associated Company", "Company Name"]),
    f("owner", &["Owner.Sutton_Id__c"], &["Sutton Owner ID"]),
    read_only("owner_ref", &["OwnerId", "Owner ID"], &["Deal owner", "HubSpot Owner ID", "Owner ID"]),
    read_only("owner_name", &["Opportunity Owner", "Owner.Name"], &["Deal Owner Name"]),
    f("kind", &["Type", "Opportunity Type"], &["Deal Type"]),
    f("stage", &["StageName", "Stage"], &["Deal Stage", "Stage"]),
    f("status", &["Sutton_Status__c"], &[]),
    read_only("is_closed", &["IsClosed", "Closed"], &["Is Closed", "Is closed"]),
    read_only("is_won", &["IsWon", "Won"], &["Is Closed Won", "Is closed won"]),
    f("probability", &["Probability", "Probability (%)"], &["Deal probability", "Deal Probability"]),
    f(
        "forecast_category",
        &["ForecastCategoryName", "ForecastCategory", "Forecast Category"],
        &["Forecast category", "Forecast Category"],
    ),
    f("source", &["LeadSource", "Lead Source"], &["Original Source", "Source", "Original Traffic Source"]),
    f("lead", &["Sutton_Lead__r.Sutton_Id__c"], &[]),
    f("created_on", &["CreatedDate", "Created Date"], &["Create Date", "Created Date"]),
    f("close_date", &["CloseDate", "Close Date"], &["Close Date"]),
    f("currency", &["CurrencyIsoCode", "Opportunity Currency", "Currency"], &["Currency", "Deal currency code"]),
    f("amount", &["Amount"], &["Amount"]),
    f("discount", &["Sutton_Discount__c", "Discount__c", "Discount"], &["Sutton Discount", "Discount"]),
    f("margin", &["Sutton_Margin__c", "Margin__c", "Margin"], &["Sutton Margin", "Margin"]),
    f("territory", &["Territory__c"], &["Sutton Territory"]),
    read_only("pipeline", &["Pipeline"], &["Pipeline"]),
];

const LINE: &[Field] = &[
    SUTTON_ID,
    f("external_id", &["Id"], &[]),
    f("opportunity", &["Opportunity.Sutton_Id__c"], &[]),
    read_only("opportunity_ref", &["OpportunityId", "Opportunity ID"], &[]),
    f("product", &["Product2.Sutton_Id__c"], &[]),
    read_only("product_ref", &["Product2Id", "Product ID"], &[]),
    read_only("product_name", &["Product Name", "Product2.Name"], &[]),
    f("quantity", &["Quantity"], &[]),
    f("currency", &["CurrencyIsoCode"], &[]),
    f("list_price", &["ListPrice", "List Price"], &[]),
    f("discount", &["Discount"], &[]),
    f("unit_cost", &["Sutton_Unit_Cost__c"], &[]),
];

const DEAL_TEAM: &[Field] = &[
    f("opportunity", &["Opportunity.Sutton_Id__c"], &[]),
    read_only("opportunity_ref", &["OpportunityId", "Opportunity ID"], &[]),
    f("person", &["SplitOwner.Sutton_Id__c"], &[]),
    read_only("person_ref", &["SplitOwnerId", "Split Owner ID"], &[]),
    f("role", &["Sutton_Team_Role__c", "TeamMemberRole"], &[]),
    f("split_type", &["SplitType.DeveloperName", "SplitTypeId", "Split Type"], &[]),
    f("split", &["SplitPercentage", "Split Percentage"], &[]),
];

const CHANGE: &[Field] = &[
    SUTTON_ID,
    f("opportunity", &["Opportunity.Sutton_Id__c"], &[]),
    read_only("opportunity_ref", &["OpportunityId", "Opportunity ID"], &[]),
    f("changed_at", &["CreatedDate", "Created Date", "Last Modified"], &[]),
    f("changed_by", &["CreatedBy.Sutton_Id__c"], &[]),
    read_only("changed_by_ref", &["CreatedById"], &[]),
    f("stage", &["StageName", "Stage", "To Stage"], &[]),
    f("status", &["Sutton_Status__c"], &[]),
    f("probability", &["Probability", "Probability (%)"], &[]),
    f("forecast_category", &["ForecastCategory", "Forecast Category"], &[]),
    f("currency", &["CurrencyIsoCode"], &[]),
    f("amount", &["Amount"], &[]),
    f("close_date", &["CloseDate", "Close Date"], &[]),
];

const ACTIVITY: &[Field] = &[
    SUTTON_ID,
    f("external_id", &["Id", "Activity ID"], &["Record ID", "Activity ID"]),
    f("person", &["Owner.Sutton_Id__c"], &[]),
    read_only(
        "person_ref",
        &["OwnerId", "Assigned ID"],
        &["Activity assigned to", "HubSpot Owner ID", "Call owner", "Meeting owner", "Owner ID"],
    ),
    read_only("person_name", &["Assigned", "Assigned To"], &[]),
    f("account", &["Account.Sutton_Id__c"], &[]),
    read_only(
        "account_ref",
        &["AccountId", "Account ID"],
        &["Associated Company IDs", "Associated Company ID", "Company ID"],
    ),
    read_only("what_ref", &["WhatId", "Related To ID"], &[]),
    f("contact", &["Who.Sutton_Id__c"], &[]),
    read_only("contact_ref", &["WhoId", "Contact ID"], &["Associated Contact IDs", "Associated Contact ID"]),
    f("opportunity", &["What.Sutton_Id__c"], &[]),
    read_only("opportunity_ref", &[], &["Associated Deal IDs", "Associated Deal ID"]),
    f(
        "kind",
        &["Sutton_Kind__c", "TaskSubtype", "EventSubtype", "Type", "Task Subtype"],
        &["Activity type", "Activity Type", "Engagement type"],
    ),
    f("mode", &["Sutton_Mode__c"], &["Sutton Mode", "Meeting location type"]),
    f(
        "date",
        &["ActivityDate", "Date", "Due Date"],
        &["Activity date", "Activity Date", "Create Date", "Meeting start time", "Call date"],
    ),
    f("duration_minutes", &["DurationInMinutes", "Duration"], &["Sutton Duration Minutes"]),
    read_only("duration_seconds", &["CallDurationInSeconds", "Call Duration"], &[]),
    read_only("duration_ms", &[], &["Call duration (HH:mm:ss)", "Call duration", "Call Duration"]),
    f("category", &["Sutton_Category__c"], &["Sutton Category"]),
    f(
        "outcome",
        &["CallDisposition", "Call Result", "Sutton_Outcome__c"],
        &["Call outcome", "Meeting outcome", "Outcome"],
    ),
    f("subject", &["Subject"], &["Call title", "Meeting name", "Activity title", "Subject", "Title"]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_object_has_unique_field_keys_and_names_resolve() {
        for o in Object::ALL {
            let mut keys: Vec<&str> = o.fields().iter().map(|f| f.key).collect();
            keys.sort_unstable();
            let n = keys.len();
            keys.dedup();
            assert_eq!(keys.len(), n, "{o:?}");
            assert_eq!(Object::from_name(o.native_name()).map(|x| x.0), Some(o));
            assert_eq!(Object::from_name(o.salesforce_name()).map(|x| x.0), Some(o));
        }
        assert_eq!(Object::from_name("Event").map(|x| x.0), Some(Object::Activity));
        assert_eq!(Object::from_name("deals").map(|x| x.0), Some(Object::Opportunity));
        assert_eq!(Object::from_name("Case"), None);
        let f = Object::Opportunity.field_for("Account.Sutton_Id__c", Source::Salesforce).expect("field");
        assert_eq!(f.key, "account");
        assert_eq!(Object::Opportunity.field_for("Deal Stage", Source::Hubspot).map(|f| f.key), Some("stage"));
        assert_eq!(Object::Opportunity.field_for("close_date", Source::Salesforce).map(|f| f.key), Some("close_date"));
    }
}
