//! Compensation: plan book versions, runs and statements.
//!
//! A run loads the organisation's snapshot, credits the period's deals and leads and hands
//! them with the plan book in force to the pure engine in `sutton-comp`. The book is the one
//! given as a file, or else the stored versions in force over the period's fiscal year (cut
//! and joined where a version starts mid-year), or else the default book in
//! `docs/comp-plans.toml`, which fits the demo.
//!
//! A stored run is never changed. Running a period again computes it afresh and stores the
//! new statements beside the **adjustments** against the period's previous run: what was paid
//! is always the latest run's lines, because each run pays exactly its difference from the
//! one before. Recoverable draws carry over from the latest run of the period before.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
pub use sutton_comp::*;
use sutton_domain::{AuditEntry, AuditId, Currency, Dataset, Money, Period, PersonId, Rate, Scope};
pub use sutton_store::{CompRunHeader, CompRunSummary, StoredPlanVersion};
use sutton_store::{CompRunRecord, StoredAdjustment, StoredCredit, StoredLine, StoredStatement};

use crate::{App, AppError};

/// A typed cell of a statement file.
pub use sutton_io::export::Cell;

/// The plan book used when none is given or stored: `docs/comp-plans.toml`, which fits the demo.
pub const DEFAULT_PLANS: &str = include_str!("../../../docs/comp-plans.toml");

/// A computed run: the statements, what kept credit out, and what it changes against the
/// period's previous run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompRun {
    pub run: Run,
    pub book: PlanBook,
    /// Deals whose money was not credited (another currency than the plans').
    pub skipped: Vec<String>,
    /// The period's run before this one, if it was run before.
    pub previous: Option<i64>,
    /// Against the previous run: what this run pays or takes back. Empty for a first run.
    pub adjustments: Vec<Adjustment>,
    /// The stored plan versions the period was paid under (none when the book was a file or
    /// the default).
    pub plan_versions: Vec<i64>,
    /// The run's id once stored; `None` for a dry run.
    pub stored: Option<i64>,
}

impl CompRun {
    /// What this run pays: every line on a period's first run, the adjustments after that.
    pub fn to_pay(&self) -> Money {
        let currency = self.book.currency;
        let minor: i64 = match self.previous {
            None => self.run.total.minor(),
            Some(_) => self.adjustments.iter().map(|a| a.amount.minor()).sum(),
        };
        Money::from_minor(minor, currency)
    }
}

/// A proposed plan book paid on a period's actuals, beside the book in force.
#[derive(Debug, Clone)]
pub struct WhatIf {
    pub period: Period,
    /// Bookings credited in the period (revenue splits, no overlay), to read pay as a cost
    /// of sales.
    pub bookings: Money,
    pub current: CompRun,
    pub proposed: Run,
    pub proposed_book: PlanBook,
    pub roles: BTreeMap<PersonId, sutton_domain::SalesRole>,
}

/// The year's pay around the plans' lines (COMP-2 and the governance the issue asks for).
#[derive(Debug, Clone)]
pub struct Governance {
    pub fiscal_year: i32,
    /// The periods paid, each with the run read.
    pub periods: Vec<(Period, i64)>,
    pub distributions: Vec<governance::Distribution>,
    /// People whose plan changed in the year, most changes first.
    pub plan_changes: Vec<(Payee, u32)>,
}

/// One payee's part of a stored run: the run, their statement (none when they were only
/// adjusted) and their adjustments.
pub type StatementOfRun = (CompRunHeader, Option<Statement>, Vec<Adjustment>);

/// A stored run as its reader may see it: the statements and adjustments in their scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRun {
    pub header: CompRunHeader,
    pub statements: Vec<Statement>,
    pub adjustments: Vec<Adjustment>,
}

/// The book to run a period under, and where it came from.
#[derive(Debug, Clone)]
struct BookInForce {
    book: PlanBook,
    /// Stored versions in force during the period.
    versions: Vec<i64>,
    /// The text when the book is not made of stored versions.
    text: Option<String>,
}

impl App {
    /// Every payee's payout for `period` under the plan book `plans` (a file's text), or the
    /// stored versions in force, or the default book. With `save` the run is stored, with its
    /// adjustments against the period's previous run, and audited as `actor`'s.
    pub fn comp_run(&self, period: Period, plans: Option<&str>, save: bool, actor: &str) -> Result<CompRun, AppError> {
        let data = self.snapshot()?;
        self.comp_run_on(&data, period, plans, save, actor)
    }

    fn comp_run_on(
        &self,
        data: &Dataset,
        period: Period,
        plans: Option<&str>,
        save: bool,
        actor: &str,
    ) -> Result<CompRun, AppError> {
        let calendar = data.organisation.calendar;
        let (start, end) = (calendar.start(period), calendar.end(period));
        let year = year_of(data, period)?;
        let in_force = match plans {
            Some(text) => BookInForce { book: parse(text)?, versions: Vec::new(), text: Some(text.to_owned()) },
            None => self.book_in_force(start.min(year.0), end.max(year.1), (start, end))?,
        };
        let balances = self.store.comp_draw_balances(start)?;
        let (run, skipped) = compute(data, &in_force.book, period, &balances)?;
        let previous = self.store.latest_comp_run(period)?;
        let adjustments = match previous {
            Some(id) => {
                let paid = self.comp_run_record(id, &Scope::Everything)?.map(|r| r.statements).unwrap_or_default();
                let paid: Vec<PayoutLine> = paid.into_iter().flat_map(|s| s.lines).collect();
                let due: Vec<PayoutLine> = run.lines().cloned().collect();
                adjustments(&paid, &due)
            }
            None => Vec::new(),
        };
        let mut out = CompRun {
            run,
            book: in_force.book,
            skipped,
            previous,
            adjustments,
            plan_versions: in_force.versions,
            stored: None,
        };
        if save {
            let record = record_of(&out, start, end, self.today(), actor, in_force.text);
            let detail = format!(
                "{period}: {} payee(s), due {}; {} adjustment(s), to pay {}",
                out.run.statements.len(),
                out.run.total,
                out.adjustments.len(),
                out.to_pay()
            );
            let id = self.store.write(|tx| {
                let id = tx.insert_comp_run(&record)?;
                tx.audit(&[audit(actor, "run compensation", "comp run", Some(id.to_string()), &detail)])?;
                Ok::<i64, AppError>(id)
            })?;
            out.stored = Some(id);
        }
        Ok(out)
    }

    /// Payouts for `period` under a proposed book, beside those under the book in force, on
    /// the same credits: nothing is stored (COMP-4). A proposed book with problems is refused
    /// with all of them.
    pub fn comp_what_if(&self, period: Period, proposed: &str) -> Result<WhatIf, AppError> {
        let book = parse(proposed)?;
        let data = self.snapshot()?;
        let current = self.comp_run_on(&data, period, None, false, "what-if")?;
        let calendar = data.organisation.calendar;
        let (start, end) = (calendar.start(period), calendar.end(period));
        let (run, _) = compute(&data, &book, period, &self.store.comp_draw_balances(start)?)?;
        let (credits, _) = credits_from(&data, start, end);
        let booked: i64 = credits
            .iter()
            .filter(|c| c.measure == CompMeasure::Bookings && !c.source.is_overlay())
            .filter_map(|c| match c.quantity {
                Quantity::Money(m) if m.currency() == book.currency => Some(m.minor()),
                _ => None,
            })
            .sum();
        let roles = data.people.iter().map(|p| (p.id, p.role)).collect();
        Ok(WhatIf {
            period,
            bookings: Money::from_minor(booked, book.currency),
            current,
            proposed: run,
            proposed_book: book,
            roles,
        })
    }

    /// The last closed quarter before today: the actuals a what-if pays.
    pub fn comp_last_quarter(&self) -> Result<Period, AppError> {
        let calendar = self.store.organisation()?.calendar;
        Ok(calendar.period_of(self.today(), sutton_domain::PeriodKind::Quarter).previous())
    }

    /// How the year's pay was distributed around the plans' lines, and how often each
    /// person's plan changed in it, over the latest stored run of each period of `year`.
    pub fn comp_governance(&self, fiscal_year: i32) -> Result<Governance, AppError> {
        let organisation = self.store.organisation()?;
        let calendar = organisation.calendar;
        let year = Period::year(fiscal_year).map_err(|e| AppError::Input(e.to_string()))?;
        let (start, end) = (calendar.start(year), calendar.end(year));
        let book = self.comp_book(start, end)?;
        let mut latest: BTreeMap<Period, i64> = BTreeMap::new();
        for r in self.store.comp_runs(&Scope::Everything)? {
            if r.header.period.fiscal_year() == fiscal_year && r.header.start >= start && r.header.end <= end {
                let id = latest.entry(r.header.period).or_insert(r.header.id);
                *id = (*id).max(r.header.id);
            }
        }
        let mut runs = Vec::new();
        for (period, id) in &latest {
            if let Some(run) = self.comp_run_record(*id, &Scope::Everything)? {
                runs.push((*period, run));
            }
        }
        let statements: Vec<(Period, &Statement)> =
            runs.iter().flat_map(|(p, r)| r.statements.iter().map(move |s| (*p, s))).collect();
        let distributions = governance::distributions(
            &statements,
            &book,
            Rate::from_percent(5),
            Rate::from_percent(200),
            book.currency,
        );
        let people = self.people_in(&Scope::Everything)?;
        let mut changes = plan_changes_by_person(&people, &book, start, end);
        changes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.name.cmp(&b.0.name)));
        Ok(Governance { fiscal_year, periods: latest.into_iter().collect(), distributions, plan_changes: changes })
    }

    /// Every saved plan book version, oldest first.
    pub fn comp_plan_versions(&self) -> Result<Vec<StoredPlanVersion>, AppError> {
        Ok(self.store.comp_plan_versions()?)
    }

    /// Saves a plan book as a new version in force on `[from, until)`, after checking it: a
    /// book with problems is refused with all of them. Audited.
    pub fn comp_save_plan(
        &self,
        text: &str,
        from: NaiveDate,
        until: Option<NaiveDate>,
        note: &str,
        actor: &str,
    ) -> Result<i64, AppError> {
        let book = parse(text)?;
        if until.is_some_and(|u| u <= from) {
            return Err(AppError::Input(format!(
                "the version must end after it starts: {} is not after {from}",
                until.map(|u| u.to_string()).unwrap_or_default()
            )));
        }
        let version = StoredPlanVersion {
            id: 0,
            text: text.to_owned(),
            effective_from: from,
            effective_until: until,
            note: note.trim().to_owned(),
            saved_by: actor.to_owned(),
            saved_at: chrono::Utc::now(),
        };
        let plans: Vec<String> = book.plans.iter().map(Plan::label).collect();
        let detail = format!(
            "in force from {from}{}: {}{}",
            until.map(|u| format!(" until {u}")).unwrap_or_default(),
            plans.join(", "),
            if version.note.is_empty() { String::new() } else { format!(" — {}", version.note) }
        );
        self.store.write(|tx| {
            let id = tx.insert_comp_plan_version(&version)?;
            tx.audit(&[audit(actor, "save compensation plan", "comp plan version", Some(id.to_string()), &detail)])?;
            Ok::<i64, AppError>(id)
        })
    }

    /// The plan book in force over `[from, until)` as one book (the default when none is
    /// stored), for reading plans, counting changes and the what-if.
    pub fn comp_book(&self, from: NaiveDate, until: NaiveDate) -> Result<PlanBook, AppError> {
        Ok(self.book_in_force(from, until, (from, until))?.book)
    }

    /// The text of the plan book in force on `day`: the stored version that covers it, or the
    /// default book when none does. What the what-if and the editor start from.
    pub fn comp_plan_text_on(&self, day: NaiveDate) -> Result<String, AppError> {
        let versions = self.store.comp_plan_versions()?;
        let next = day.succ_opt().unwrap_or(day);
        let id = versions_in_force(&versions, day, next).first().map(|(_, _, id)| *id);
        Ok(versions.into_iter().find(|v| Some(v.id) == id).map_or_else(|| DEFAULT_PLANS.to_owned(), |v| v.text))
    }

    /// Runs the viewer may see, newest first, with figures over their scope.
    pub fn comp_runs(&self, scope: &Scope) -> Result<Vec<CompRunSummary>, AppError> {
        Ok(self.store.comp_runs(scope)?)
    }

    /// A stored run with the statements and adjustments in `scope`.
    pub fn comp_run_record(&self, id: i64, scope: &Scope) -> Result<Option<StoredRun>, AppError> {
        let record = self.store.comp_run(id, scope, None)?;
        record.map(stored_run).transpose()
    }

    /// One payee's statement in a stored run, with their adjustments; `None` when the run does
    /// not exist, the payee is outside `scope`, or the run has nothing for them.
    pub fn comp_statement(&self, id: i64, person: PersonId, scope: &Scope) -> Result<Option<StatementOfRun>, AppError> {
        if !scope.sees(person) {
            return Ok(None);
        }
        let Some(record) = self.store.comp_run(id, scope, Some(person))? else { return Ok(None) };
        let run = stored_run(record)?;
        if run.statements.is_empty() && run.adjustments.is_empty() {
            return Ok(None);
        }
        Ok(Some((run.header, run.statements.into_iter().next(), run.adjustments)))
    }

    /// The interface language of the payee `person`, to write their statement in: that of
    /// the first enabled user (by login) who is them; `None` when nobody signs in as them.
    pub fn payee_language(&self, person: PersonId) -> Result<Option<sutton_domain::Language>, AppError> {
        let users = self.store.users()?;
        Ok(users.into_iter().find(|u| u.person == Some(person) && !u.disabled).map(|u| u.language))
    }

    /// The stored versions in force over `[from, until)`, cut where a later-saved version
    /// takes over and joined into one book; `period` picks the versions to name on a run.
    fn book_in_force(
        &self,
        from: NaiveDate,
        until: NaiveDate,
        period: (NaiveDate, NaiveDate),
    ) -> Result<BookInForce, AppError> {
        let versions = self.store.comp_plan_versions()?;
        if versions.is_empty() {
            return Ok(BookInForce {
                book: parse(DEFAULT_PLANS)?,
                versions: Vec::new(),
                text: Some(DEFAULT_PLANS.to_owned()),
            });
        }
        let pieces = versions_in_force(&versions, from, until);
        let mut books: BTreeMap<i64, PlanBook> = BTreeMap::new();
        for (_, _, id) in &pieces {
            if !books.contains_key(id) {
                let text = versions.iter().find(|v| v.id == *id).map_or("", |v| v.text.as_str());
                let book = PlanBook::parse(text)
                    .map_err(|e| AppError::Internal(format!("stored plan version {id} no longer reads: {e}")))?;
                books.insert(*id, book);
            }
        }
        let joined: Vec<(NaiveDate, NaiveDate, &PlanBook)> =
            pieces.iter().filter_map(|(a, b, id)| books.get(id).map(|book| (*a, *b, book))).collect();
        let book = PlanBook::combine(&joined).map_err(|e| AppError::Input(e.to_string()))?;
        let mut used: Vec<i64> =
            pieces.iter().filter(|(a, b, _)| *a < period.1 && period.0 < *b).map(|(_, _, id)| *id).collect();
        used.sort_unstable();
        used.dedup();
        Ok(BookInForce { book, versions: used, text: None })
    }

    /// Stores the default plan book as the first version, and a second from the middle of the
    /// fiscal year that raises customer success's threshold and moves one customer success
    /// manager to the account executives' plan and back (so the governance page has plan
    /// changes to count: seed 001's warning that changing plans too often costs trust), then
    /// pays the year's closed quarters before `as_of`.
    pub(crate) fn comp_demo(&self, data: &Dataset, as_of: NaiveDate, actor: &str) -> Result<(), AppError> {
        let book = parse(DEFAULT_PLANS)?;
        let from = book.plans.iter().map(|p| p.effective_from).min().unwrap_or(as_of);
        self.comp_save_plan(DEFAULT_PLANS, from, None, "the default plans", actor)?;
        let calendar = data.organisation.calendar;
        let current = calendar.period_of(as_of, sutton_domain::PeriodKind::Quarter);
        let mid_year =
            calendar.start(Period::quarter(current.fiscal_year(), 3).map_err(|e| AppError::Internal(e.to_string()))?);
        if mid_year < as_of {
            let moved = data.people.iter().find(|p| {
                p.role == sutton_domain::SalesRole::CustomerSuccess && p.leave_date.is_none() && !p.placeholder
            });
            let text = demo_second_version(mid_year, moved.map(|p| p.id));
            self.comp_save_plan(&text, mid_year, None, "customer success: a higher threshold from mid-year", actor)?;
        }
        let mut period = Period::quarter(current.fiscal_year(), 1).map_err(|e| AppError::Internal(e.to_string()))?;
        while period != current {
            self.comp_run_on(data, period, None, true, actor)?;
            period = period.next();
        }
        Ok(())
    }
}

/// The demo's second plan book: the default one with customer success on a version 2 from
/// `mid_year` (threshold 70 % instead of 60 %), and `moved` put on the account executives'
/// plan for the two months after it.
fn demo_second_version(mid_year: NaiveDate, moved: Option<PersonId>) -> String {
    let csm_v1 = "id = \"csm\"\nname = \"Customer success\"\neffective_from = 2020-01-01\n";
    let mut text = DEFAULT_PLANS.replace(csm_v1, &format!("{csm_v1}effective_until = {mid_year}\n"));
    text.push_str(&format!(
        "\n# ---- customer success from {mid_year}: a higher minimum performance --------------------------\n\
         [[plan]]\nid = \"csm\"\nname = \"Customer success\"\nversion = 2\neffective_from = {mid_year}\n\
         roles = [\"customer_success\"]\ntarget_incentive = \"8000.00\"\nclawback_days = 90\n\n\
         [[plan.component]]\nname = \"Bookings\"\nmeasure = \"bookings\"\nweight = \"100%\"\nquota = \"stored\"\n\
         basis = \"target_incentive\"\nthreshold = \"70%\"\ncap_amount = \"16000.00\"\ntiers = [\n\
         \x20 {{ from = \"0%\", to = \"100%\", multiplier = \"1\" }},\n  {{ from = \"100%\", multiplier = \"1.25\" }},\n]\n"
    ));
    if let Some(person) = moved {
        let back = mid_year.checked_add_months(chrono::Months::new(2)).unwrap_or(mid_year);
        text.push_str(&format!(
            "\n# Covering for an account executive for two months.\n[[assignment]]\nperson = {}\nplan = \"ae\"\nfrom = {mid_year}\nuntil = {back}\n",
            person.get()
        ));
    }
    text
}

/// The stored versions in force over `[from, until)`: `(start, end, version id)` pieces in
/// order, each day under the latest-saved version covering it, days under none left out.
pub fn versions_in_force(
    versions: &[StoredPlanVersion],
    from: NaiveDate,
    until: NaiveDate,
) -> Vec<(NaiveDate, NaiveDate, i64)> {
    let mut cuts = vec![from, until];
    for v in versions {
        cuts.push(v.effective_from);
        cuts.extend(v.effective_until);
    }
    cuts.retain(|d| from <= *d && *d <= until);
    cuts.sort_unstable();
    cuts.dedup();
    let mut pieces: Vec<(NaiveDate, NaiveDate, i64)> = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let Some(v) = versions
            .iter()
            .filter(|v| v.effective_from <= a && v.effective_until.is_none_or(|u| a < u))
            .max_by_key(|v| v.id)
        else {
            continue;
        };
        match pieces.last_mut() {
            Some(last) if last.1 == a && last.2 == v.id => last.1 = b,
            _ => pieces.push((a, b, v.id)),
        }
    }
    pieces
}

fn parse(text: &str) -> Result<PlanBook, AppError> {
    PlanBook::parse(text).map_err(|e| AppError::Input(e.to_string()))
}

/// The fiscal year around `period`, `[start, end)`.
fn year_of(data: &Dataset, period: Period) -> Result<(NaiveDate, NaiveDate), AppError> {
    let calendar = data.organisation.calendar;
    let year = Period::year(period.fiscal_year()).map_err(|e| AppError::Input(e.to_string()))?;
    Ok((calendar.start(year), calendar.end(year)))
}

/// The people who may be paid.
pub fn payees(people: &[sutton_domain::Person]) -> Vec<Payee> {
    people
        .iter()
        .filter(|p| !p.placeholder)
        .map(|p| Payee {
            person: p.id,
            name: p.name.clone(),
            role: p.role,
            team: p.team,
            active_from: p.hire_date,
            active_until: p.leave_date,
        })
        .collect()
}

/// Runs the engine for one period of the snapshot under `book`.
fn compute(
    data: &Dataset,
    book: &PlanBook,
    period: Period,
    balances: &BTreeMap<PersonId, Money>,
) -> Result<(Run, Vec<String>), AppError> {
    let calendar = data.organisation.calendar;
    let (start, end) = (calendar.start(period), calendar.end(period));
    let (credits, skipped) = credits_from(data, start, end);
    let payees = payees(&data.people);
    let input = RunInput {
        book,
        period,
        start,
        end,
        payees: &payees,
        credits: &Arc::new(CreditPool::from(credits)),
        quotas: &data.quotas,
        draw_balances: balances,
        year: year_of(data, period)?,
    };
    let run = run(&input).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((run, skipped))
}

/// How many times each person's plan changes in `[from, until)` under `book`, for those whose
/// plan changes at all.
pub fn plan_changes_by_person(
    people: &[sutton_domain::Person],
    book: &PlanBook,
    from: NaiveDate,
    until: NaiveDate,
) -> Vec<(Payee, u32)> {
    payees(people)
        .into_iter()
        .filter_map(|p| {
            let n = plan_changes(book, &p, from, until);
            (n > 0).then_some((p, n))
        })
        .collect()
}

/// The rows a run is stored as.
fn record_of(
    out: &CompRun,
    start: NaiveDate,
    end: NaiveDate,
    as_of: NaiveDate,
    actor: &str,
    plan_text: Option<String>,
) -> CompRunRecord {
    let header = CompRunHeader {
        id: 0,
        period: out.run.period,
        start,
        end,
        as_of,
        run_by: actor.to_owned(),
        run_at: chrono::Utc::now(),
        currency: out.book.currency,
        previous: out.previous,
        plan_versions: out.plan_versions.clone(),
        plan_text,
    };
    let mut record = CompRunRecord {
        header,
        statements: Vec::new(),
        lines: Vec::new(),
        credits: Vec::new(),
        adjustments: Vec::new(),
    };
    for s in &out.run.statements {
        record.statements.push(StoredStatement {
            person: s.payee,
            name: s.name.clone(),
            total: s.total,
            draw_balance: s.draw_balance,
            plan_changes_in_year: s.plan_changes_in_year,
            problems: s.problems.clone(),
        });
        record.lines.extend(s.lines.iter().map(stored_line));
        for c in &s.components {
            let counted = c.credits.iter().map(|x| (std::borrow::Cow::Owned(x), None));
            let excluded = c.excluded.iter().map(|(x, why)| (std::borrow::Cow::Borrowed(x), Some(why)));
            for (credit, why) in counted.chain(excluded) {
                let (quantity, currency) = match credit.quantity {
                    Quantity::Money(m) => (m.minor(), Some(m.currency())),
                    Quantity::Units(u) => (u, None),
                };
                record.credits.push(StoredCredit {
                    person: s.payee,
                    plan: c.plan.clone(),
                    component: c.component.clone(),
                    segment_from: c.from,
                    measure: credit.measure.as_str().to_owned(),
                    date: credit.date,
                    quantity,
                    currency,
                    deal: credit.deal,
                    deal_name: credit.deal_name.clone(),
                    source: credit.source.code(),
                    cancelled_on: credit.cancelled_on,
                    excluded: why.map(Exclusion::to_string),
                    excluded_data: why.and_then(data),
                });
            }
        }
    }
    record.adjustments = out
        .adjustments
        .iter()
        .map(|a| StoredAdjustment {
            person: a.payee,
            period: a.period,
            component: a.component.clone(),
            paid: a.paid,
            due: a.due,
            amount: a.amount,
            clawback: a.clawback,
            reason: a.reason.to_string(),
            reason_data: data(&a.reason),
        })
        .collect();
    record
}

/// An explanation's figures as stored beside its English text: JSON of the engine's type, so
/// a stored run can be shown in any language later.
fn data<T: serde::Serialize>(figures: &T) -> Option<String> {
    serde_json::to_string(figures).ok()
}

/// The figures stored with a row; for rows stored before explanations had figures (or figures
/// this version cannot read) the English text that was stored, as `text` makes it.
fn figures<T: serde::de::DeserializeOwned>(data: Option<&str>, english: &str, text: impl FnOnce(String) -> T) -> T {
    data.and_then(|d| serde_json::from_str(d).ok()).unwrap_or_else(|| text(english.to_owned()))
}

fn stored_line(l: &PayoutLine) -> StoredLine {
    StoredLine {
        person: l.payee,
        plan: l.plan.clone(),
        component: l.component.clone(),
        measure: l.measure.map(|m| m.as_str().to_owned()),
        from: l.from,
        until: l.until,
        kind: l.kind.to_string(),
        achieved: l.achieved.map(Quantity::raw),
        quota: l.quota.map(Quantity::raw),
        attainment_ppm: l.attainment.map(Rate::ppm),
        band: l.band.map(|(from, to)| (from.ppm(), to.map(Rate::ppm))),
        rate: l.rate.clone(),
        amount: l.amount,
        explanation: l.explanation.to_string(),
        explanation_data: data(&l.explanation),
        deals: l.deals.to_vec(),
        clawed_back: l.clawed_back.to_vec(),
    }
}

fn corrupt(what: &str, value: &str) -> AppError {
    AppError::Internal(format!("a stored compensation run holds an unknown {what} {value:?}"))
}

fn measure(text: &str) -> Result<CompMeasure, AppError> {
    CompMeasure::parse(text).ok_or_else(|| corrupt("measure", text))
}

fn quantity(measure: Option<CompMeasure>, raw: i64, currency: Currency) -> Quantity {
    match measure {
        Some(m) if !m.is_money() => Quantity::Units(raw),
        _ => Quantity::Money(Money::from_minor(raw, currency)),
    }
}

/// A stored run back in the engine's vocabulary.
fn stored_run(record: CompRunRecord) -> Result<StoredRun, AppError> {
    let period = record.header.period;
    let mut lines: BTreeMap<PersonId, Vec<PayoutLine>> = BTreeMap::new();
    for l in &record.lines {
        let m = l.measure.as_deref().map(measure).transpose()?;
        let currency = l.amount.currency();
        lines.entry(l.person).or_default().push(PayoutLine {
            payee: l.person,
            period,
            plan: l.plan.clone(),
            component: l.component.clone(),
            measure: m,
            from: l.from,
            until: l.until,
            kind: LineKind::parse(&l.kind).ok_or_else(|| corrupt("line", &l.kind))?,
            achieved: l.achieved.map(|q| quantity(m, q, currency)),
            quota: l.quota.map(|q| quantity(m, q, currency)),
            attainment: l.attainment_ppm.map(Rate::from_ppm),
            band: l.band.map(|(from, to)| (Rate::from_ppm(from), to.map(Rate::from_ppm))),
            rate: l.rate.clone(),
            amount: l.amount,
            explanation: figures(l.explanation_data.as_deref(), &l.explanation, |text| Explanation::Text { text }),
            deals: l.deals.as_slice().into(),
            clawed_back: l.clawed_back.as_slice().into(),
        });
    }
    // Per payee, plan, component and segment: the credits counted and those left out, and why.
    type Key = (PersonId, String, String, NaiveDate);
    type Found = (Vec<Credit>, Vec<(Credit, Exclusion)>);
    let mut credits: BTreeMap<Key, Found> = BTreeMap::new();
    for c in &record.credits {
        let m = measure(&c.measure)?;
        let credit = Credit {
            payee: c.person,
            team: None,
            measure: m,
            date: c.date,
            quantity: match c.currency {
                Some(cur) => Quantity::Money(Money::from_minor(c.quantity, cur)),
                None => Quantity::Units(c.quantity),
            },
            deal: c.deal,
            deal_name: c.deal_name.clone(),
            source: CreditSource::parse_code(&c.source).ok_or_else(|| corrupt("credit source", &c.source))?,
            cancelled_on: c.cancelled_on,
        };
        let entry = credits.entry((c.person, c.plan.clone(), c.component.clone(), c.segment_from)).or_default();
        match &c.excluded {
            None => entry.0.push(credit),
            Some(why) => {
                entry.1.push((credit, figures(c.excluded_data.as_deref(), why, |text| Exclusion::Text { text })))
            }
        }
    }
    let mut statements = Vec::new();
    for s in &record.statements {
        let own = lines.remove(&s.person).unwrap_or_default();
        let mut components: Vec<ComponentResult> = Vec::new();
        for l in &own {
            let Some(m) = l.measure else { continue };
            if components.iter().any(|c| c.plan == l.plan && c.component == l.component && c.from == l.from) {
                continue;
            }
            let (counted, excluded) =
                credits.remove(&(s.person, l.plan.clone(), l.component.clone(), l.from)).unwrap_or_default();
            components.push(ComponentResult {
                plan: l.plan.clone(),
                component: l.component.clone(),
                measure: m,
                from: l.from,
                until: l.until,
                achieved: l.achieved.unwrap_or(quantity(Some(m), 0, s.total.currency())),
                quota: l.quota,
                attainment: l.attainment,
                credits: CreditLines::owned(counted),
                excluded,
            });
        }
        statements.push(Statement {
            payee: s.person,
            name: s.name.clone(),
            lines: own,
            components,
            total: s.total,
            draw_balance: s.draw_balance,
            plan_changes_in_year: s.plan_changes_in_year,
            problems: s.problems.clone(),
        });
    }
    let adjustments = record
        .adjustments
        .iter()
        .map(|a| Adjustment {
            payee: a.person,
            period: a.period,
            component: a.component.clone(),
            paid: a.paid,
            due: a.due,
            amount: a.amount,
            clawback: a.clawback,
            reason: figures(a.reason_data.as_deref(), &a.reason, |text| AdjustmentReason::Text { text }),
        })
        .collect();
    Ok(StoredRun { header: record.header, statements, adjustments })
}

fn audit(actor: &str, action: &str, entity: &str, id: Option<String>, detail: &str) -> AuditEntry {
    AuditEntry {
        id: AuditId(0),
        at: chrono::Utc::now(),
        actor: actor.to_owned(),
        action: action.to_owned(),
        entity: entity.to_owned(),
        entity_id: id,
        detail: detail.to_owned(),
    }
}

/// The columns of a statement file, one row per payout line then one per adjustment.
pub const STATEMENT_COLUMNS: [&str; 18] = [
    "run",
    "period",
    "payee",
    "name",
    "plan",
    "component",
    "measure",
    "from",
    "until",
    "line",
    "achieved",
    "quota",
    "attainment",
    "rate",
    "amount",
    "currency",
    "deals",
    "explanation",
];

/// A statement as rows of typed cells, for CSV and XLSX: every line, then each adjustment,
/// then the total (the sum of the rounded lines).
pub fn statement_rows(
    run: Option<i64>,
    period: Period,
    s: Option<&Statement>,
    adjustments: &[Adjustment],
) -> Vec<Vec<Cell>> {
    let run = run.map_or(Cell::Empty, Cell::Int);
    let text = |t: &str| if t.is_empty() { Cell::Empty } else { Cell::Text(t.to_owned()) };
    let quantity = |q: Option<Quantity>| match q {
        Some(Quantity::Money(m)) => Cell::Money(m),
        Some(q @ Quantity::Units(_)) => Cell::Text(q.to_string()),
        None => Cell::Empty,
    };
    let name = s.map_or("", |s| s.name.as_str());
    let mut rows = Vec::new();
    for l in s.map_or(&[][..], |s| s.lines.as_slice()) {
        rows.push(vec![
            run.clone(),
            Cell::Text(period.to_string()),
            Cell::Int(l.payee.get()),
            text(name),
            text(&l.plan),
            text(&l.component),
            l.measure.map_or(Cell::Empty, |m| Cell::Text(m.to_string())),
            Cell::Date(l.from),
            Cell::Date(l.until),
            Cell::Text(l.kind.to_string()),
            quantity(l.achieved),
            quantity(l.quota),
            l.attainment.map_or(Cell::Empty, Cell::Rate),
            text(&l.rate),
            Cell::Money(l.amount),
            Cell::Text(l.amount.currency().to_string()),
            text(&l.deals.iter().map(|d| d.get().to_string()).collect::<Vec<_>>().join(" ")),
            Cell::Text(l.explanation.to_string()),
        ]);
    }
    let blank = |n: usize| std::iter::repeat_n(Cell::Empty, n);
    for a in adjustments {
        let mut row = vec![
            run.clone(),
            Cell::Text(a.period.to_string()),
            Cell::Int(a.payee.get()),
            text(name),
            Cell::Empty,
            text(&a.component),
        ];
        row.extend(blank(3));
        row.push(Cell::Text(if a.clawback { "clawback" } else { "adjustment" }.to_owned()));
        row.extend(blank(4));
        row.push(Cell::Money(a.amount));
        row.push(Cell::Text(a.amount.currency().to_string()));
        row.push(Cell::Empty);
        row.push(Cell::Text(format!("paid {}, due {}: {}", a.paid, a.due, a.reason)));
        rows.push(row);
    }
    if let Some(s) = s {
        let mut row = vec![run, Cell::Text(period.to_string()), Cell::Int(s.payee.get()), text(name)];
        row.extend(blank(5));
        row.push(Cell::Text("total".to_owned()));
        row.extend(blank(4));
        row.push(Cell::Money(s.total));
        row.push(Cell::Text(s.total.currency().to_string()));
        row.extend(blank(2));
        rows.push(row);
    }
    rows
}

/// Every statement of a run as rows, then its adjustments (the command line's CSV).
pub fn run_rows(out: &CompRun) -> Vec<Vec<Cell>> {
    let mut rows: Vec<Vec<Cell>> =
        out.run.statements.iter().flat_map(|s| statement_rows(out.stored, out.run.period, Some(s), &[])).collect();
    rows.extend(statement_rows(out.stored, out.run.period, None, &out.adjustments));
    rows
}

/// A statement file with the English column names: `csv` or `xlsx`.
pub fn statement_file(rows: &[Vec<Cell>], xlsx: bool) -> Result<Vec<u8>, AppError> {
    table_file("Statement", &STATEMENT_COLUMNS, rows, xlsx)
}

/// A table as a file, `csv` or `xlsx`, under the headers and sheet name given (a statement in
/// its payee's language).
pub fn table_file(sheet: &str, headers: &[&str], rows: &[Vec<Cell>], xlsx: bool) -> Result<Vec<u8>, AppError> {
    let out = if xlsx {
        sutton_io::export::table_xlsx(sheet, headers, rows)
    } else {
        sutton_io::export::table_csv(headers, rows)
    };
    out.map_err(|e| AppError::Internal(e.to_string()))
}

#[cfg(test)]
mod tests {
    use sutton_domain::OpportunityId;

    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).expect("day")
    }

    /// One payee's run as stored: a cap line, an adjustment and a credit left out, each with
    /// its English text and, when `figures`, its figures.
    fn record(figures: bool) -> CompRunRecord {
        let usd = |minor| Money::from_minor(minor, Currency::USD);
        let payee = PersonId(3);
        let cap = Explanation::Cap { cap: usd(1_500_000) };
        let reason =
            AdjustmentReason::Deals { clawed_back: vec![OpportunityId(7)], removed: Vec::new(), added: Vec::new() };
        let excluded = Exclusion::Clawback { cancelled_on: day(5, 1), days_after: 20, window: 90 };
        let period = Period::parse("FY2026 Q2").expect("period");
        CompRunRecord {
            header: CompRunHeader {
                id: 1,
                period,
                start: day(4, 1),
                end: day(7, 1),
                as_of: day(11, 15),
                run_by: "test".to_owned(),
                run_at: chrono::Utc::now(),
                currency: Currency::USD,
                previous: Some(0),
                plan_versions: Vec::new(),
                plan_text: None,
            },
            statements: vec![StoredStatement {
                person: payee,
                name: "Rita Rep".to_owned(),
                total: usd(-800_000),
                draw_balance: usd(0),
                plan_changes_in_year: 0,
                problems: Vec::new(),
            }],
            lines: vec![StoredLine {
                person: payee,
                plan: "ae v1".to_owned(),
                component: "Bookings".to_owned(),
                measure: Some("bookings".to_owned()),
                from: day(4, 1),
                until: day(7, 1),
                kind: "cap".to_owned(),
                achieved: Some(16_000_000),
                quota: Some(10_000_000),
                attainment_ppm: Some(1_600_000),
                band: None,
                rate: String::new(),
                amount: usd(-800_000),
                explanation: cap.to_string(),
                explanation_data: data(&cap).filter(|_| figures),
                deals: vec![OpportunityId(6)],
                clawed_back: vec![OpportunityId(7)],
            }],
            credits: vec![StoredCredit {
                person: payee,
                plan: "ae v1".to_owned(),
                component: "Bookings".to_owned(),
                segment_from: day(4, 1),
                measure: "bookings".to_owned(),
                date: day(4, 11),
                quantity: 100_000,
                currency: Some(Currency::USD),
                deal: OpportunityId(7),
                deal_name: "Cancelled".to_owned(),
                source: "owner".to_owned(),
                cancelled_on: Some(day(5, 1)),
                excluded: Some(excluded.to_string()),
                excluded_data: data(&excluded).filter(|_| figures),
            }],
            adjustments: vec![StoredAdjustment {
                person: payee,
                period,
                component: "Bookings".to_owned(),
                paid: usd(0),
                due: usd(-800_000),
                amount: usd(-800_000),
                clawback: true,
                reason: reason.to_string(),
                reason_data: data(&reason).filter(|_| figures),
            }],
        }
    }

    #[test]
    fn a_stored_run_reads_back_its_figures_or_else_its_english() {
        let new = stored_run(record(true)).expect("read");
        let line = &new.statements[0].lines[0];
        assert_eq!(line.explanation, Explanation::Cap { cap: Money::from_minor(1_500_000, Currency::USD) });
        assert!(matches!(new.adjustments[0].reason, AdjustmentReason::Deals { .. }), "{:?}", new.adjustments[0]);
        assert!(new.statements[0].components[0].excluded[0].1.is_clawback());

        // A run stored before explanations had figures still says what it said, in English.
        let old = stored_run(record(false)).expect("read");
        let text = |e: &Explanation| match e {
            Explanation::Text { text } => text.clone(),
            other => panic!("figures that were never stored: {other:?}"),
        };
        assert_eq!(text(&old.statements[0].lines[0].explanation), "held to the component's cap of USD 15000.00");
        assert_eq!(
            old.adjustments[0].reason,
            AdjustmentReason::Text { text: "clawback of deal(s) 7 cancelled within the window".to_owned() }
        );
        let (_, why) = &old.statements[0].components[0].excluded[0];
        assert_eq!(
            why.to_string(),
            "cancelled on 2026-05-01, 20 days after closing, within the 90-day clawback window"
        );
        assert!(why.is_clawback(), "an old clawback is still known as one");
    }
}
