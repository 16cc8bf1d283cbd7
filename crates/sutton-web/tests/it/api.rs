//! The JSON API: its OpenAPI document is valid and every documented route answers as documented.

use axum::http::StatusCode;
use serde_json::Value;

use crate::{Browser, demo_app};

#[tokio::test]
async fn the_openapi_document_is_3_1_and_self_consistent() {
    let doc: Value = serde_json::from_str(&sutton_web::openapi_json()).expect("JSON");
    assert!(doc["openapi"].as_str().expect("version").starts_with("3.1"), "{}", doc["openapi"]);
    assert_eq!(doc["info"]["title"], "Sutton API");
    let schemas = doc["components"]["schemas"].as_object().expect("schemas");
    assert!(doc["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer");
    // Every reference points at a schema that exists.
    let text = doc.to_string();
    for piece in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = piece.split('"').next().expect("name");
        assert!(schemas.contains_key(name), "dangling reference to {name}");
    }
    let paths = doc["paths"].as_object().expect("paths");
    assert!(paths.len() >= 8, "{:?}", paths.keys());
    for (path, item) in paths {
        // Reads answer 200; writes (logging a call) answer 201 Created.
        let (operation, success) = if item["get"].is_object() { (&item["get"], "200") } else { (&item["post"], "201") };
        assert!(operation["responses"][success].is_object(), "{path} documents its success");
        assert!(operation["responses"]["401"].is_object(), "{path} documents the missing token");
    }
}

/// Checks a JSON value against a schema of the document (types, required properties,
/// references, arrays, nullable unions) — the subset utoipa emits.
fn conforms(doc: &Value, schema: &Value, value: &Value, at: &str) -> Result<(), String> {
    if let Some(r) = schema["$ref"].as_str() {
        let name = r.trim_start_matches("#/components/schemas/");
        return conforms(doc, &doc["components"]["schemas"][name], value, at);
    }
    if let Some(options) = schema["oneOf"].as_array().or(schema["anyOf"].as_array()) {
        return if options.iter().any(|o| conforms(doc, o, value, at).is_ok()) {
            Ok(())
        } else {
            Err(format!("{at}: {value} matches none of {schema}"))
        };
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => return Ok(()),
    };
    let fits = |t: &str| match t {
        "null" => value.is_null(),
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        _ => false,
    };
    if !types.iter().any(|t| fits(t)) {
        return Err(format!("{at}: {value} is not {types:?}"));
    }
    if value.is_object() {
        for required in schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str) {
            if value.get(required).is_none() {
                return Err(format!("{at}: lacks required {required}"));
            }
        }
        for (name, sub) in schema["properties"].as_object().into_iter().flatten() {
            if let Some(v) = value.get(name) {
                conforms(doc, sub, v, &format!("{at}.{name}"))?;
            }
        }
    }
    if let Some(items) = value.as_array() {
        for (i, item) in items.iter().enumerate().take(20) {
            conforms(doc, &schema["items"], item, &format!("{at}[{i}]"))?;
        }
    }
    Ok(())
}

#[tokio::test]
async fn every_documented_route_answers_as_documented() {
    let app = demo_app();
    let doc: Value = serde_json::from_str(&sutton_web::openapi_json()).expect("JSON");
    let vp = app.user_by_login("vp").expect("vp");
    let (_, token) = app.create_api_token(&vp, "conformance").expect("token");
    let mut client = Browser::new(&app);
    client.bearer = Some(token);
    let some_account = client.get("/api/v1/accounts?per_page=1").await.json()["items"][0]["id"].as_i64().expect("id");
    let some_deal = client.get("/api/v1/opportunities?per_page=1").await.json()["items"][0]["id"].as_i64().expect("id");
    let team = app.store().teams().expect("teams")[0].id;
    let some_review = app.start_review("test", &sutton_app::domain::Scope::Everything, team, None).expect("review").id;
    let some_alignment =
        client.get("/api/v1/territories/scenarios").await.json()[0]["id"].as_i64().expect("an alignment");
    let some_run = client.get("/api/v1/comp/runs").await.json()[0]["id"].as_i64().expect("a stored run");
    let run = app.comp_run_record(some_run, &sutton_app::domain::Scope::Everything).expect("read").expect("run");
    let some_payee = run.statements.first().expect("a statement").payee.get();
    let mut checked = 0;
    for (path, item) in doc["paths"].as_object().expect("paths") {
        if item.get("get").is_none() {
            // Writes (logging a call) are exercised by their own tests.
            continue;
        }
        let concrete = if path.starts_with("/api/v1/accounts/") {
            path.replace("{id}", &some_account.to_string())
        } else if path.starts_with("/api/v1/pipeline/reviews/") {
            path.replace("{id}", &some_review.to_string())
        } else if path.starts_with("/api/v1/territories/scenarios/") {
            path.replace("{id}", &some_alignment.to_string())
        } else {
            path.replace("{id}", &some_deal.to_string())
                .replace("{run}", &some_run.to_string())
                .replace("{payee}", &some_payee.to_string())
        };
        let response = client.get(&concrete).await;
        assert_eq!(response.status, StatusCode::OK, "{concrete}: {}", response.body);
        let schema = &item["get"]["responses"]["200"]["content"]["application/json"]["schema"];
        conforms(&doc, schema, &response.json(), &concrete).unwrap_or_else(|e| panic!("{e}"));
        // And without a token, the documented 401 with the documented error shape.
        let anonymous = Browser::new(&app).get(&concrete).await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED, "{concrete}");
        let error_schema = &item["get"]["responses"]["401"]["content"]["application/json"]["schema"];
        conforms(&doc, error_schema, &anonymous.json(), &concrete).unwrap_or_else(|e| panic!("{e}"));
        checked += 1;
    }
    assert!(checked >= 10);
    // Documented 400 and 404 answers.
    let bad = client.get("/api/v1/accounts?per_page=0").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad.json()["error"]["code"], "bad_request");
    let missing = client.get("/api/v1/opportunities/999999999").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.json()["error"]["status"], 404);
}

#[tokio::test]
async fn money_in_the_api_is_exact_minor_units() {
    let app = demo_app();
    let mut vp = Browser::sign_in(&app, "vp").await;
    let d = vp.get("/api/v1/dashboard").await.json();
    assert_eq!(d["as_of"], "2026-11-15");
    assert!(d["open_pipeline"]["minor"].is_i64(), "{d}");
    assert_eq!(d["open_pipeline"]["currency"], "USD");
    let dashboard = app.dashboard(&sutton_app::domain::Scope::Everything, app.today()).expect("dashboard");
    assert_eq!(d["open_pipeline"]["minor"].as_i64(), Some(dashboard.open_pipeline.minor()));
}
