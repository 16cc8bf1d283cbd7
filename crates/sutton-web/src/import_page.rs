//! Importing CRM files from the browser: the same importer as `sutton import`, run in the
//! background with a progress page, ending in the same report (per object read, created,
//! updated, unchanged, rejected; every rejected row with file, line, column, field, value and
//! reason; skipped files, placeholders, ignored columns).
//!
//! Uploads are written to a private temporary folder under their own (sanitised) names, so the
//! importer detects each file's source and object from its name and header exactly as it does
//! on the command line; the folder is removed when the import ends. Jobs live in memory for a
//! day: a restart forgets the report, never the data (the import itself is one transaction).

use std::collections::HashMap;
use std::fmt::Write;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock, Mutex};
use std::time::Instant;

use axum::extract::{Multipart, Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Redirect, Response};
use sutton_app::domain::AccessRole;
use sutton_app::{App, ImportOutcome, ImportRequest, ImportSource, Step};

use crate::WebError;
use crate::html::{escape, page};
use crate::i18n::Tr;
use crate::session::Viewer;

/// Where a background import is.
#[derive(Debug)]
enum JobState {
    Running { phase: String, done: usize, total: usize },
    Finished(Box<ImportOutcome>),
    Failed(String),
}

#[derive(Debug)]
struct Job {
    owner: String,
    files: Vec<String>,
    started: Instant,
    seconds: f64,
    state: JobState,
}

type Jobs = Mutex<HashMap<String, Arc<Mutex<Job>>>>;

static JOBS: LazyLock<Jobs> = LazyLock::new(Mutex::default);

fn jobs() -> std::sync::MutexGuard<'static, HashMap<String, Arc<Mutex<Job>>>> {
    JOBS.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn lock(job: &Mutex<Job>) -> std::sync::MutexGuard<'_, Job> {
    job.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A file name safe to create in our folder: the last path component, odd characters replaced.
fn safe_name(name: &str, n: usize) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("").trim();
    let cleaned: String =
        last.chars().map(|c| if c.is_alphanumeric() || "._- ".contains(c) { c } else { '_' }).collect();
    let cleaned = cleaned.trim_start_matches('.').to_owned();
    if cleaned.is_empty() { format!("upload-{n}.csv") } else { cleaned }
}

pub(crate) async fn form(v: Viewer) -> Result<Response, WebError> {
    v.require(&[AccessRole::Admin])?;
    let tr = v.tr;
    let mut body =
        format!("<h1>{}</h1><p class=\"sub\">{}</p>", escape(&tr.t("nav-import")), escape(&tr.t("import-intro")));
    let _ = write!(
        body,
        "<form class=\"panel\" method=\"post\" action=\"/admin/import\" enctype=\"multipart/form-data\">\
         <input type=\"hidden\" name=\"csrf\" value=\"{}\">\
         <p><label>{}<br><input type=\"file\" name=\"files\" multiple required accept=\".csv,.txt,.xlsx,.xlsm\"></label></p>\
         <p><label>{}<br><select name=\"from\"><option value=\"\">{}</option><option value=\"salesforce\">Salesforce</option>\
         <option value=\"hubspot\">HubSpot</option><option value=\"native\">Sutton</option></select></label></p>\
         <fieldset><legend>{}</legend>\
         <label><input type=\"radio\" name=\"mode\" value=\"all\" checked> {}</label><br>\
         <label><input type=\"radio\" name=\"mode\" value=\"skip\"> {}</label><br>\
         <label><input type=\"radio\" name=\"mode\" value=\"dry\"> {}</label></fieldset>\
         <p><button class=\"primary\" type=\"submit\">{}</button></p></form>",
        escape(&v.csrf),
        escape(&tr.t("import-files")),
        escape(&tr.t("import-source")),
        escape(&tr.t("import-detect")),
        escape(&tr.t("import-mode")),
        escape(&tr.t("import-all-or-nothing")),
        escape(&tr.t("import-skip-invalid")),
        escape(&tr.t("import-dry-run")),
        escape(&tr.t("import-start")),
    );
    Ok(Html(page(&v, "/admin/import", &tr.t("nav-import"), &body)).into_response())
}

pub(crate) async fn start(
    State(app): State<App>,
    v: Viewer,
    headers: HeaderMap,
    mut multipart: Multipart,
) -> Result<Response, WebError> {
    v.require(&[AccessRole::Admin])?;
    let tr = v.tr;
    let bad = |detail: String| WebError::BadRequest(tr, detail);
    let id = sutton_app::random_token().map_err(WebError::App)?[..16].to_owned();
    let dir = std::env::temp_dir().join(format!("sutton-upload-{id}"));
    std::fs::create_dir_all(&dir).map_err(|e| WebError::Internal(format!("creating {}: {e}", dir.display())))?;
    let cleanup = |dir: &PathBuf| {
        let _ = std::fs::remove_dir_all(dir);
    };
    let (mut csrf, mut from, mut mode, mut files) = (String::new(), String::new(), "all".to_owned(), Vec::new());
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                cleanup(&dir);
                return Err(bad(tr.ta("import-upload-failed", &[("reason", e.to_string())])));
            }
        };
        match field.name().unwrap_or("") {
            "csrf" => csrf = field.text().await.unwrap_or_default(),
            "from" => from = field.text().await.unwrap_or_default(),
            "mode" => mode = field.text().await.unwrap_or_default(),
            "files" => {
                let name = safe_name(field.file_name().unwrap_or(""), files.len() + 1);
                let bytes = match field.bytes().await {
                    Ok(b) => b,
                    Err(e) => {
                        cleanup(&dir);
                        return Err(bad(tr.ta("import-upload-failed", &[("reason", e.to_string())])));
                    }
                };
                if bytes.is_empty() {
                    continue;
                }
                let path = dir.join(&name);
                if let Err(e) = std::fs::write(&path, &bytes) {
                    cleanup(&dir);
                    return Err(WebError::Internal(format!("writing {}: {e}", path.display())));
                }
                files.push(name);
            }
            _ => {}
        }
    }
    if let Err(e) = v.check_form(&headers, &csrf) {
        cleanup(&dir);
        return Err(e);
    }
    if files.is_empty() {
        cleanup(&dir);
        return Err(bad(tr.t("import-no-files")));
    }
    let source = match from.as_str() {
        "" => None,
        other => match ImportSource::parse(other) {
            Some(s) => Some(s),
            None => {
                cleanup(&dir);
                return Err(bad(tr.ta("bad-field", &[("field", "from".into()), ("value", other.into())])));
            }
        },
    };
    let request = ImportRequest {
        paths: vec![dir.clone()],
        from: source,
        skip_invalid: mode == "skip",
        dry_run: mode == "dry",
        rejects_dir: Some(dir.join("rejects")),
        // Pages keep reading while the upload is written.
        sole: false,
    };
    let job = Arc::new(Mutex::new(Job {
        owner: v.user.login.clone(),
        files: files.clone(),
        started: Instant::now(),
        seconds: 0.0,
        state: JobState::Running { phase: tr.t("import-reading"), done: 0, total: 0 },
    }));
    {
        // Reports are kept for a day; older finished jobs are forgotten as new ones start.
        let mut all = jobs();
        all.retain(|_, j| {
            let j = lock(j);
            matches!(j.state, JobState::Running { .. }) || j.started.elapsed().as_secs() < 24 * 3600
        });
        all.insert(id.clone(), job.clone());
    }
    tokio::task::spawn_blocking(move || {
        let progress_job = job.clone();
        let mut progress = move |step: Step<'_>| {
            let mut j = lock(&progress_job);
            j.state = match step {
                Step::Reading(name) => JobState::Running { phase: format!("📄 {name}"), done: 0, total: 0 },
                Step::Rows { phase, done, total } => JobState::Running { phase: phase.to_owned(), done, total },
                Step::Writing => JobState::Running { phase: "💾".to_owned(), done: 0, total: 0 },
            };
        };
        let result = app.import(&request, &mut progress);
        let mut j = lock(&job);
        j.seconds = j.started.elapsed().as_secs_f64();
        j.state = match result {
            Ok(outcome) => JobState::Finished(Box::new(outcome)),
            Err(e) => JobState::Failed(e.to_string()),
        };
        let _ = std::fs::remove_dir_all(&dir);
    });
    Ok(Redirect::to(&format!("/admin/import/{id}")).into_response())
}

pub(crate) async fn status(v: Viewer, Path(id): Path<String>) -> Result<Response, WebError> {
    v.require(&[AccessRole::Admin])?;
    let tr = v.tr;
    let Some(job) = jobs().get(&id).cloned() else { return Err(WebError::NotFound(tr)) };
    let job = lock(&job);
    if job.owner != v.user.login {
        return Err(WebError::NotFound(tr));
    }
    let mut body = format!(
        "<p><a href=\"/admin/import\">← {}</a></p><h1>{}</h1><p class=\"sub\">{}</p>",
        escape(&tr.t("import-another")),
        escape(&tr.t("import-report")),
        escape(&job.files.join(", "))
    );
    let refresh = match &job.state {
        JobState::Running { phase, done, total } => {
            let _ = write!(
                body,
                "<div class=\"panel\" role=\"status\" aria-live=\"polite\"><p>{} · {}</p>",
                escape(&tr.t("import-running")),
                escape(phase)
            );
            if *total > 0 {
                let _ =
                    write!(
                        body,
                        "<progress max=\"{total}\" value=\"{done}\" style=\"width:100%\"></progress><p>{}</p>",
                        escape(&tr.ta(
                            "import-rows",
                            &[("done", tr.number(*done as i64)), ("total", tr.number(*total as i64))]
                        ))
                    );
            } else {
                body.push_str("<progress style=\"width:100%\"></progress>");
            }
            let _ = write!(
                body,
                "<p class=\"sub\">{}</p></div>",
                escape(&tr.ta("import-elapsed", &[("seconds", tr.number(job.started.elapsed().as_secs() as i64))]))
            );
            true
        }
        JobState::Failed(reason) => {
            let _ = write!(body, "<p class=\"error\" role=\"alert\">{}</p>", escape(reason));
            false
        }
        JobState::Finished(outcome) => {
            report(&tr, outcome, job.seconds, &mut body);
            false
        }
    };
    let mut html = page(&v, "/admin/import", &tr.t("import-report"), &body);
    if refresh {
        html = html.replacen("<head>", "<head><meta http-equiv=\"refresh\" content=\"1\">", 1);
    }
    Ok(Html(html).into_response())
}

/// The importer's report, as `sutton import` prints it, in tables.
fn report(tr: &Tr, o: &ImportOutcome, seconds: f64, body: &mut String) {
    let plan = &o.plan;
    let verdict = if o.failed() {
        ("error", tr.count("import-failed", plan.rejected_rows.len().max(plan.problems.len()) as i64))
    } else if !o.written {
        ("notice", tr.t("import-dry-run-done"))
    } else if plan.problems.is_empty() {
        ("notice", tr.t("import-written"))
    } else {
        ("notice", tr.count("import-written-some", plan.rejected_rows.len() as i64))
    };
    let _ = write!(
        body,
        "<p class=\"{}\" role=\"status\">{} {}</p>",
        verdict.0,
        escape(&verdict.1),
        escape(&tr.ta("import-took", &[("seconds", tr.decimal(seconds, 1))]))
    );
    let _ = write!(
        body,
        "<div class=\"panel\"><table><caption>{}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"n\">{}</th>\
         <th scope=\"col\" class=\"n\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\" class=\"n\">{}</th></tr></thead><tbody>",
        escape(&tr.t("import-summary")),
        escape(&tr.t("kind")),
        escape(&tr.t("import-read")),
        escape(&tr.t("import-created")),
        escape(&tr.t("import-updated")),
        escape(&tr.t("import-unchanged")),
        escape(&tr.t("import-rejected")),
    );
    for (object, t) in &plan.tallies {
        let _ = write!(
            body,
            "<tr><th scope=\"row\">{}</th><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(object.label()),
            tr.number(t.read as i64),
            tr.number(t.created as i64),
            tr.number(t.updated as i64),
            tr.number(t.unchanged as i64),
            tr.number(t.rejected as i64),
        );
    }
    body.push_str("</tbody></table></div>");
    let list = |title: &str, items: Vec<String>, body: &mut String| {
        if items.is_empty() {
            return;
        }
        let _ = write!(body, "<h2>{}</h2><ul>", escape(title));
        for i in items {
            let _ = write!(body, "<li>{}</li>", escape(&i));
        }
        body.push_str("</ul>");
    };
    list(
        &tr.t("import-files-read"),
        plan.files.iter().map(|(f, s, o)| format!("{f}: {} {}", s.as_str(), o.label())).collect(),
        body,
    );
    list(&tr.t("import-skipped"), plan.skipped.iter().map(|(f, why)| format!("{f}: {why}")).collect(), body);
    list(&tr.t("import-placeholders"), plan.placeholders.iter().map(|(_, how)| how.clone()).collect(), body);
    list(
        &tr.t("import-ignored-columns"),
        plan.ignored_columns.iter().map(|(f, cols)| format!("{f}: {}", cols.join(", "))).collect(),
        body,
    );
    list(&tr.t("import-new-stages"), plan.new_stages.clone(), body);
    if !plan.problems.is_empty() {
        const SHOWN: usize = 1_000;
        let _ = write!(
            body,
            "<h2>{}</h2><div class=\"panel\"><table><thead><tr><th scope=\"col\" data-sort>{}</th><th scope=\"col\" class=\"n\" data-sort>{}</th>\
             <th scope=\"col\" data-sort>{}</th><th scope=\"col\" data-sort>{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
            escape(&tr.count("import-problems", plan.problems.len() as i64)),
            escape(&tr.t("import-file")),
            escape(&tr.t("import-line")),
            escape(&tr.t("import-column")),
            escape(&tr.t("import-field")),
            escape(&tr.t("value")),
            escape(&tr.t("import-reason")),
        );
        for p in plan.problems.iter().take(SHOWN) {
            let _ = write!(
                body,
                "<tr><td>{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&p.file),
                p.line,
                escape(p.column.as_deref().unwrap_or("")),
                escape(&p.field),
                escape(&p.value),
                escape(&p.reason)
            );
        }
        body.push_str("</tbody></table></div>");
        if plan.problems.len() > SHOWN {
            let _ = write!(
                body,
                "<p class=\"sub\">{}</p>",
                escape(&tr.ta("import-more-problems", &[("count", tr.number((plan.problems.len() - SHOWN) as i64))]))
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploaded_names_cannot_leave_the_folder() {
        assert_eq!(safe_name("../../etc/passwd", 1), "passwd");
        assert_eq!(safe_name("C:\\Users\\ann\\Account.csv", 1), "Account.csv");
        assert_eq!(safe_name("..hidden", 1), "hidden");
        assert_eq!(safe_name("", 3), "upload-3.csv");
        assert_eq!(safe_name("Opportunity<script>.csv", 1), "Opportunity_script_.csv");
    }
}
