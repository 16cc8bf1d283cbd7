//! # sutton-app — what Sutton does, independent of how it is asked
//!
//! The web interface and the command line are two doors into the same rooms. Each use case
//! lives here once: open the store, load what an engine needs, run it, persist what must be
//! kept, write the audit trail. Neither door contains business logic, and this crate knows
//! nothing of HTTP or terminals.
//!
//! Settings are typed ([`Settings`]) and come from the command line or the environment
//! (`SUTTON_DATABASE_URL`); the binary resolves them, this crate only uses them.

mod auth;
/// Compensation runs, and the engine's vocabulary for the layers above.
pub mod comp;
mod dashboard;
mod import;
mod pipeline;
mod plan;
mod plan_settings;
mod reviews;
mod scenarios;
mod segment_rule;
mod territories;

/// The vocabulary, for the web and command-line layers that sit on this crate.
pub use sutton_domain as domain;

use std::sync::{Arc, Mutex, OnceLock};
use std::time::Instant;

pub use auth::{NewUser, PasswordHashing, SESSION_HOURS, SignedIn, random_token, token_hash};
pub use comp::{CompRun, DEFAULT_PLANS};
pub use dashboard::{Dashboard, QuarterFigures};
pub use import::{ImportOutcome, ImportRequest, Step};
pub use pipeline::{PipelineFigures, PipelineOverview, PipelineQuery};
pub use plan::{CallPlanRequest, CallPlanRun, PlanContext, SegmentRun};
pub use plan_settings::{IcpFit, NewCall, parse_curve};
pub use reviews::{ForecastRecord, ReviewSummary, ReviewWorkspace};
pub use scenarios::{ScenarioSettings, ScenarioTerritory, ScenarioUnit, ScenarioView, Sizing, SizingPoint, UnitEdit};
pub use segment_rule::{MAX_WINDOW_DAYS, RuleSaved, SegmentRule};
pub use sutton_align as align;
pub use sutton_demo::{DEFAULT_SEED as DEMO_SEED, DemoConfig, STORIES as DEMO_STORIES, Scale as DemoScale};
use sutton_domain::{AccessRole, AuditEntry, AuditId, Language, Organisation, SalesRole};
/// The pipeline and whiplash engines' vocabulary, for the layers above.
pub use sutton_insight as insight;
pub use sutton_io::export::Format as ExportFormat;
pub use sutton_io::{Object as ImportObject, Source as ImportSource};
pub use sutton_plan as planning;
pub use sutton_store::{
    AccountDetail, AccountQuery, AccountSort, AccountSummary, ApiToken, Backend, Counts, DEFAULT_URL,
    OpportunityDetail, OpportunityQuery, OpportunitySort, OpportunitySummary, Page, SessionUser, Store, StoreError,
    TerritorySummary, known_versions as known_schema_versions, latest_version as latest_schema_version,
};
pub use territories::{Coverage, Orphan, PlanMeasure, PlanOutcome, PlanRequest, PublishOutcome};

/// Everything a Sutton process needs to know to start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// `sqlite://PATH` or `postgres://…`.
    pub database_url: String,
    pub password_hashing: PasswordHashing,
    /// The date the pages and reports treat as today. `None`: the demo's own "as of" date on a
    /// demo database (its history stops there), the calendar date otherwise.
    pub as_of: Option<chrono::NaiveDate>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { database_url: DEFAULT_URL.to_owned(), password_hashing: PasswordHashing::Standard, as_of: None }
    }
}

impl Settings {
    pub fn new(database_url: impl Into<String>) -> Settings {
        Settings { database_url: database_url.into(), ..Settings::default() }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(
        "{database} already holds {organisation}'s data, not the demo's; give the demo its own database (for example --database sqlite://sutton-demo.db)"
    )]
    NotADemoDatabase { database: String, organisation: String },
    #[error("the login or the password is wrong")]
    BadCredentials,
    #[error("too many failed sign-ins; try again in {retry_after_seconds} s")]
    Throttled { retry_after_seconds: u64 },
    #[error("a password needs at least 8 characters")]
    WeakPassword,
    #[error("no {what} {id}")]
    NotFound { what: &'static str, id: String },
    #[error("{0}")]
    Internal(String),
    /// A file or folder to import that cannot be read at all.
    #[error("{0}")]
    Input(String),
}

/// State shared by every clone of an [`App`].
#[derive(Debug)]
struct Shared {
    hashing: PasswordHashing,
    throttle: Mutex<auth::Throttle>,
    dummy_hash: OnceLock<String>,
    dashboards: Mutex<dashboard::Cache>,
    /// `Some(day)` once known to be fixed (settings, or a demo database); `None` until then.
    /// A database found not to be a demo is remembered as `calendar` so that looking is done once.
    as_of: Mutex<AsOf>,
    sessions: Mutex<auth::SessionCache>,
    /// The last whiplash report (computed at most every few minutes: it reads everything).
    whiplash: Mutex<Option<pipeline::CachedWhiplash>>,
    /// Everyone in the organisation, for pick lists: read at most every few seconds.
    people: Mutex<Option<(Instant, Arc<Vec<sutton_domain::Person>>)>>,
    pipeline: Mutex<Option<(Instant, chrono::NaiveDate, Arc<PipelineOverview>)>>,
}

#[derive(Debug, Clone, Copy, Default)]
enum AsOf {
    #[default]
    Unknown,
    Fixed(chrono::NaiveDate),
    Calendar,
}

/// An open Sutton: the store, ready for use cases. Cheap to clone.
#[derive(Debug, Clone)]
pub struct App {
    store: Store,
    shared: Arc<Shared>,
}

/// What the home page and `sutton db status` show: where the data is and how much there is.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    pub organisation: Organisation,
    pub database: String,
    pub backend: Backend,
    pub schema_version: i64,
    pub counts: Counts,
}

impl App {
    /// Opens the database named in `settings`, creating and migrating it as needed, so that no
    /// command fails on a new file.
    pub fn open(settings: &Settings) -> Result<App, AppError> {
        let store = Store::open(&settings.database_url)?;
        let app = App::with_store(store, settings.password_hashing);
        if let Some(day) = settings.as_of {
            *app.as_of_state() = AsOf::Fixed(day);
        }
        Ok(app)
    }

    fn with_store(store: Store, hashing: PasswordHashing) -> App {
        let shared = Shared {
            hashing,
            throttle: Mutex::default(),
            dummy_hash: OnceLock::new(),
            dashboards: Mutex::default(),
            as_of: Mutex::default(),
            sessions: Mutex::default(),
            whiplash: Mutex::default(),
            people: Mutex::default(),
            pipeline: Mutex::default(),
        };
        App { store, shared: Arc::new(shared) }
    }

    /// Forgets the figures remembered for pages (dashboards, whiplash, pipeline) after a change
    /// that moves them, such as owners reassigned.
    pub(crate) fn forget_figures(&self) {
        self.shared.dashboards.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clear();
        *self.shared.whiplash.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = None;
        *self.shared.pipeline.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = None;
        *self.shared.people.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = None;
    }

    /// The people a scope sees, for pick lists (owner filters, user forms): read from the
    /// database at most every five seconds, forgotten at once when this process changes data.
    pub fn people_in(&self, scope: &sutton_domain::Scope) -> Result<Vec<sutton_domain::Person>, AppError> {
        let mut cached = self.shared.people.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let all = match cached.as_ref() {
            Some((at, all)) if at.elapsed() < std::time::Duration::from_secs(5) => all.clone(),
            _ => {
                let all = Arc::new(self.store.people(&sutton_domain::Scope::Everything)?);
                *cached = Some((Instant::now(), all.clone()));
                all
            }
        };
        Ok(all.iter().filter(|p| scope.sees(p.id)).cloned().collect())
    }

    fn as_of_state(&self) -> std::sync::MutexGuard<'_, AsOf> {
        self.shared.as_of.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The date pages and reports treat as today (see [`Settings::as_of`]).
    pub fn today(&self) -> chrono::NaiveDate {
        let known = *self.as_of_state();
        match known {
            AsOf::Fixed(day) => day,
            AsOf::Calendar => chrono::Utc::now().date_naive(),
            AsOf::Unknown => {
                let demo = self.store.audit_log(1_000).ok().map(|log| {
                    log.into_iter()
                        .find(|e| e.action == "generate demo")
                        .and_then(|e| e.detail.rsplit("as of ").next().and_then(|d| d.trim().parse().ok()))
                });
                match demo {
                    // Only a demo's date is fixed: the calendar moves on while a server runs.
                    Some(Some(day)) => {
                        *self.as_of_state() = AsOf::Fixed(day);
                        day
                    }
                    Some(None) => {
                        *self.as_of_state() = AsOf::Calendar;
                        chrono::Utc::now().date_naive()
                    }
                    // The log could not be read: try again next time.
                    None => chrono::Utc::now().date_naive(),
                }
            }
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Applies pending migrations to a database opened without them; returns what was applied.
    pub fn migrate(settings: &Settings) -> Result<(Store, Vec<i64>), AppError> {
        let store = Store::connect(&settings.database_url)?;
        let applied = store.migrate()?;
        Ok((store, applied))
    }

    pub fn overview(&self) -> Result<Overview, AppError> {
        Ok(Overview {
            organisation: self.store.organisation()?,
            database: self.store.describe(),
            backend: self.store.backend(),
            schema_version: self.store.schema_version()?,
            counts: self.store.counts()?,
        })
    }

    /// Whether the database answers.
    pub fn health(&self) -> Result<(), AppError> {
        Ok(self.store.ping()?)
    }
}

/// What `App::demo` did.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoOutcome {
    /// False when the database already held the demo and was reused.
    pub generated: bool,
    /// How the stored demo was made (seed, scale, as-of date), from the audit log.
    pub made_with: Option<String>,
    pub generate_seconds: f64,
    pub write_seconds: f64,
    /// The sign-ins the demo has: (login, what they see).
    pub logins: Vec<(String, String)>,
}

/// Every demo login has this password.
pub const DEMO_PASSWORD: &str = "sutton-demo";

impl App {
    /// Makes this database the demo organisation: generates and stores it when the database is
    /// empty, reuses it when it already holds the demo, and refuses to touch anything else.
    /// The demo is written in one transaction through the same store API an import uses, and
    /// gets sign-ins for an administrator, the VP, a manager and a rep.
    pub fn demo(&self, config: &DemoConfig, progress: &mut dyn FnMut(&str)) -> Result<DemoOutcome, AppError> {
        let overview = self.overview()?;
        let made_with = |store: &Store| -> Result<Option<String>, AppError> {
            Ok(store.audit_log(1_000)?.into_iter().find(|e| e.action == "generate demo").map(|e| e.detail))
        };
        if overview.counts.total() > 0 {
            if overview.organisation.name != sutton_demo::ORGANISATION_NAME {
                return Err(AppError::NotADemoDatabase {
                    database: overview.database,
                    organisation: overview.organisation.name,
                });
            }
            let logins = self.demo_logins()?;
            return Ok(DemoOutcome {
                generated: false,
                made_with: made_with(&self.store)?,
                generate_seconds: 0.0,
                write_seconds: 0.0,
                logins,
            });
        }
        let started = Instant::now();
        let data = sutton_demo::generate(config, progress);
        let generate_seconds = started.elapsed().as_secs_f64();
        progress("writing to the database");
        let detail = format!("seed {}, scale {}, as of {}", config.seed, config.scale.as_str(), config.as_of);
        let started = Instant::now();
        self.store.write(|tx| {
            tx.insert_dataset(&data)?;
            tx.audit(&[AuditEntry {
                id: AuditId(0),
                at: chrono::Utc::now(),
                actor: "sutton demo".to_owned(),
                action: "generate demo".to_owned(),
                entity: "organisation".to_owned(),
                entity_id: None,
                detail: detail.clone(),
            }])
        })?;
        let write_seconds = started.elapsed().as_secs_f64();
        *self.as_of_state() = AsOf::Fixed(config.as_of);
        progress("creating demo sign-ins");
        self.create_demo_logins(&data)?;
        progress("paying the closed quarters");
        self.comp_demo(&data, config.as_of, "sutton demo")?;
        Ok(DemoOutcome {
            generated: true,
            made_with: Some(detail),
            generate_seconds,
            write_seconds,
            logins: self.demo_logins()?,
        })
    }

    /// An administrator, the VP, the manager of Field West (the team with the most trouble)
    /// and one of Field East's reps.
    fn create_demo_logins(&self, data: &sutton_domain::Dataset) -> Result<(), AppError> {
        let vp = data.people.iter().find(|p| p.role == SalesRole::Vp);
        let team = |name: &str| data.teams.iter().find(|t| t.name == name);
        let manager = team("Field West").and_then(|t| t.manager).and_then(|m| data.people.iter().find(|p| p.id == m));
        let rep = team("Field East").and_then(|t| {
            data.people
                .iter()
                .find(|p| p.team == Some(t.id) && p.role == SalesRole::AccountExecutive && p.leave_date.is_none())
        });
        let mut logins = vec![("admin", "Sutton administrator".to_owned(), AccessRole::Admin, None)];
        for (login, person, role) in
            [("vp", vp, AccessRole::Vp), ("manager", manager, AccessRole::Manager), ("rep", rep, AccessRole::Rep)]
        {
            if let Some(p) = person {
                logins.push((login, p.name.clone(), role, Some(p.id)));
            }
        }
        for (login, name, role, person) in logins {
            let new = NewUser {
                login: login.to_owned(),
                display_name: name,
                role,
                person,
                language: Language::English,
                password: DEMO_PASSWORD.to_owned(),
            };
            self.add_user("sutton demo", new)?;
        }
        Ok(())
    }

    fn demo_logins(&self) -> Result<Vec<(String, String)>, AppError> {
        Ok(self
            .store
            .users()?
            .into_iter()
            .filter(|u| ["admin", "vp", "manager", "rep"].contains(&u.login.as_str()))
            .map(|u| {
                let sees = match u.role {
                    AccessRole::Admin => "everything, and administers users".to_owned(),
                    AccessRole::Vp => format!("{}, the whole organisation", u.display_name),
                    AccessRole::Manager => format!("{}, manager of Field West", u.display_name),
                    AccessRole::Rep => format!("{}, a Field East rep: only their own book", u.display_name),
                };
                (u.login, sees)
            })
            .collect())
    }
}
