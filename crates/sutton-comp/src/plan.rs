//! Plan files: the TOML format people write, and the validated [`PlanBook`] the engine runs.
//!
//! Parsing goes in two steps. `serde` reads the file into raw structs of strings and numbers
//! (so a typo in a number is reported as the plan's problem, with where it is, rather than as a
//! parser's), then [`PlanBook::parse`] checks every rule and returns **all** the problems at
//! once, each naming the plan, version, component and tier, and saying what to change.
//! `docs/comp-plans.md` documents the format with a full example.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sutton_domain::{Currency, Money, PersonId, Rate, Rounding, SalesRole};

/// What a component counts. Money measures are in the plan's currency; counts may be fractional
/// when a deal is shared (a 50 % split of a new logo is half a logo).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompMeasure {
    /// Won deals of every kind (new business, expansion, renewal), by close date.
    Bookings,
    /// Amount × margin of won deals whose margin is known.
    GrossProfit,
    /// Won new-business deals, counted.
    NewLogos,
    /// Leads the payee owns that became opportunities, counted on the opportunity's creation.
    LeadsConverted,
    /// Won deals, counted.
    DealsClosed,
    /// Won renewal deals, in money.
    Renewals,
    /// The bookings of the payee's team against the team's quota.
    TeamBookings,
}

impl CompMeasure {
    pub const ALL: [CompMeasure; 7] = [
        CompMeasure::Bookings,
        CompMeasure::GrossProfit,
        CompMeasure::NewLogos,
        CompMeasure::LeadsConverted,
        CompMeasure::DealsClosed,
        CompMeasure::Renewals,
        CompMeasure::TeamBookings,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CompMeasure::Bookings => "bookings",
            CompMeasure::GrossProfit => "gross_profit",
            CompMeasure::NewLogos => "new_logos",
            CompMeasure::LeadsConverted => "leads_converted",
            CompMeasure::DealsClosed => "deals_closed",
            CompMeasure::Renewals => "renewals",
            CompMeasure::TeamBookings => "team_bookings",
        }
    }

    pub fn parse(text: &str) -> Option<CompMeasure> {
        CompMeasure::ALL.into_iter().find(|m| m.as_str() == text.trim())
    }

    /// Measured in money (else counted).
    pub fn is_money(self) -> bool {
        matches!(
            self,
            CompMeasure::Bookings | CompMeasure::GrossProfit | CompMeasure::Renewals | CompMeasure::TeamBookings
        )
    }

    /// The stored quota that gives this measure's target, when `quota = "stored"`.
    pub fn quota_measure(self) -> sutton_domain::Measure {
        use sutton_domain::Measure;
        match self {
            CompMeasure::Bookings | CompMeasure::TeamBookings => Measure::Bookings,
            CompMeasure::GrossProfit => Measure::GrossProfit,
            CompMeasure::NewLogos => Measure::NewLogos,
            CompMeasure::LeadsConverted => Measure::LeadsCreated,
            CompMeasure::DealsClosed => Measure::DealsClosed,
            CompMeasure::Renewals => Measure::Renewals,
        }
    }
}

impl fmt::Display for CompMeasure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a component's target comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum QuotaSource {
    /// The payee's (or, for team bookings, the team's) stored quota for the period.
    Stored,
    /// The same money target for everyone on the plan, per period.
    Amount(Money),
    /// The same count for everyone on the plan, per period.
    Count(i64),
    /// No target: only a rate component without tiers beyond the first can have none.
    None,
}

/// How a component turns credit into pay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Basis {
    /// Target incentive × weight × multiplier per unit of attainment, band by band.
    TargetIncentive,
    /// A commission rate on money credited, or an amount per unit counted, band by band.
    Rate,
}

/// What one band pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TierPay {
    /// Of the component's target incentive per unit of attainment (1 = on-target pay rate).
    Multiplier(Rate),
    /// Of money credited within the band.
    Rate(Rate),
    /// Per unit counted within the band.
    PerUnit(Money),
}

impl TierPay {
    fn ppm_or_minor(self) -> i64 {
        match self {
            TierPay::Multiplier(r) | TierPay::Rate(r) => r.ppm(),
            TierPay::PerUnit(m) => m.minor(),
        }
    }
}

impl fmt::Display for TierPay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TierPay::Multiplier(r) => write!(f, "{}× target incentive", decimal_of_ppm(r.ppm())),
            TierPay::Rate(r) => write!(f, "{r} of credit"),
            TierPay::PerUnit(m) => write!(f, "{m} per unit"),
        }
    }
}

/// One attainment band `[from, to)`; the last band may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Tier {
    pub from: Rate,
    pub to: Option<Rate>,
    pub pay: TierPay,
    pub decelerator: bool,
}

/// A flat bonus on reaching an attainment gate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Gate {
    pub at: Rate,
    pub bonus: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Component {
    pub name: String,
    pub measure: CompMeasure,
    /// Share of the target incentive; zero for rate components.
    pub weight: Rate,
    pub quota: QuotaSource,
    pub basis: Basis,
    /// Nothing is paid below this attainment; at or above it, every band from 0 % pays.
    pub threshold: Rate,
    /// Attainment beyond which nothing more is paid; `None` is uncapped.
    pub cap: Option<Rate>,
    /// Most the component pays in a full period; `None` is uncapped.
    pub cap_amount: Option<Money>,
    pub tiers: Vec<Tier>,
    pub gates: Vec<Gate>,
}

/// A guaranteed minimum: when earnings fall short the draw tops them up; a recoverable draw is
/// repaid from later earnings above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Draw {
    pub amount: Money,
    pub recoverable: bool,
}

/// One version of a plan, in force on `[effective_from, effective_until)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Plan {
    pub id: String,
    pub name: String,
    pub version: u32,
    pub effective_from: NaiveDate,
    pub effective_until: Option<NaiveDate>,
    /// People in these roles are on this plan unless an assignment says otherwise.
    pub roles: Vec<SalesRole>,
    /// Per period, at 100 % of every target-incentive component.
    pub target_incentive: Option<Money>,
    /// A deal cancelled within this many days of closing is taken back.
    pub clawback_days: Option<u32>,
    pub draw: Option<Draw>,
    pub components: Vec<Component>,
}

impl Plan {
    pub fn in_force_on(&self, day: NaiveDate) -> bool {
        self.effective_from <= day && self.effective_until.is_none_or(|u| day < u)
    }

    /// `id v2`, as lines and messages name it.
    pub fn label(&self) -> String {
        format!("{} v{}", self.id, self.version)
    }
}

/// A person put on a plan for `[from, until)`, overriding the plan their role would give them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assignment {
    pub person: PersonId,
    pub plan: String,
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
}

/// Every plan version and assignment in one file, validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanBook {
    pub currency: Currency,
    /// The one rounding rule, applied once per payout line.
    pub rounding: Rounding,
    pub plans: Vec<Plan>,
    pub assignments: Vec<Assignment>,
}

/// A plan file that cannot be used, with every reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanError {
    pub problems: Vec<String>,
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "the plan file has {} problem(s):", self.problems.len())?;
        for p in &self.problems {
            writeln!(f, "  - {p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for PlanError {}

impl PlanBook {
    /// Reads and validates a plan file.
    pub fn parse(text: &str) -> Result<PlanBook, PlanError> {
        let raw: RawBook =
            toml::from_str(text).map_err(|e| PlanError { problems: vec![format!("not a readable plan file: {e}")] })?;
        raw.validate()
    }

    /// The plan version that `role` puts a person on, on `day`.
    pub fn plan_for_role(&self, role: SalesRole, day: NaiveDate) -> Option<&Plan> {
        self.plans.iter().find(|p| p.roles.contains(&role) && p.in_force_on(day))
    }

    /// The version of plan `id` in force on `day`.
    pub fn version_on(&self, id: &str, day: NaiveDate) -> Option<&Plan> {
        self.plans.iter().find(|p| p.id == id && p.in_force_on(day))
    }

    /// One book from books in force on consecutive, non-overlapping ranges of days
    /// `[from, until)`, as when a new version of the whole book is saved to start mid-year.
    /// Each book's plans and assignments are clipped to its range; a plan (or assignment)
    /// that goes on unchanged from one range into the next stays one, so nobody's plan is
    /// counted as changed where it did not. The books must pay in one currency by one rule.
    pub fn combine(pieces: &[(NaiveDate, NaiveDate, &PlanBook)]) -> Result<PlanBook, PlanError> {
        let Some((_, _, first)) = pieces.first() else {
            return Err(PlanError { problems: vec!["no plan book is in force on these days; save one".to_owned()] });
        };
        let mut problems = Vec::new();
        let mut plans: Vec<Plan> = Vec::new();
        let mut assignments: Vec<Assignment> = Vec::new();
        for &(from, until, book) in pieces {
            if book.currency != first.currency || book.rounding != first.rounding {
                problems.push(format!(
                    "the book in force from {from} pays in {} rounding {:?}, the one before in {} rounding {:?}; \
                     a period is paid in one currency by one rule",
                    book.currency, book.rounding, first.currency, first.rounding
                ));
                continue;
            }
            for p in &book.plans {
                let Some((f, u)) = clip(p.effective_from, p.effective_until, from, until) else { continue };
                let continued = plans.iter_mut().find(|q| {
                    q.effective_until == Some(f)
                        && Plan { effective_from: q.effective_from, effective_until: q.effective_until, ..p.clone() }
                            == **q
                });
                match continued {
                    Some(q) => q.effective_until = Some(u),
                    None => plans.push(Plan { effective_from: f, effective_until: Some(u), ..p.clone() }),
                }
            }
            for a in &book.assignments {
                let Some((f, u)) = clip(a.from, a.until, from, until) else { continue };
                match assignments.iter_mut().find(|b| b.person == a.person && b.plan == a.plan && b.until == Some(f)) {
                    Some(b) => b.until = Some(u),
                    None => assignments.push(Assignment { from: f, until: Some(u), ..a.clone() }),
                }
            }
        }
        if problems.is_empty() {
            Ok(PlanBook { currency: first.currency, rounding: first.rounding, plans, assignments })
        } else {
            Err(PlanError { problems })
        }
    }
}

/// `[from, until)` cut to `[start, end)`, or `None` when they do not meet.
fn clip(from: NaiveDate, until: Option<NaiveDate>, start: NaiveDate, end: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let f = from.max(start);
    let u = until.map_or(end, |u| u.min(end));
    (f < u).then_some((f, u))
}

// ---- the file as written ---------------------------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBook {
    currency: String,
    #[serde(default)]
    rounding: Option<String>,
    #[serde(default)]
    plan: Vec<RawPlan>,
    #[serde(default)]
    assignment: Vec<RawAssignment>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlan {
    id: String,
    name: String,
    #[serde(default = "one")]
    version: u32,
    effective_from: toml::value::Datetime,
    #[serde(default)]
    effective_until: Option<toml::value::Datetime>,
    #[serde(default)]
    roles: Vec<String>,
    #[serde(default)]
    target_incentive: Option<String>,
    #[serde(default)]
    clawback_days: Option<u32>,
    #[serde(default)]
    draw: Option<RawDraw>,
    #[serde(default)]
    component: Vec<RawComponent>,
}

fn one() -> u32 {
    1
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDraw {
    amount: String,
    #[serde(default)]
    recoverable: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawComponent {
    name: String,
    measure: String,
    #[serde(default)]
    weight: Option<String>,
    #[serde(default)]
    quota: Option<toml::Value>,
    basis: String,
    #[serde(default)]
    threshold: Option<String>,
    #[serde(default)]
    cap: Option<String>,
    #[serde(default)]
    cap_amount: Option<String>,
    #[serde(default)]
    tiers: Vec<RawTier>,
    #[serde(default)]
    gates: Vec<RawGate>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTier {
    from: String,
    #[serde(default)]
    to: Option<String>,
    #[serde(default)]
    multiplier: Option<String>,
    #[serde(default)]
    rate: Option<String>,
    #[serde(default)]
    per_unit: Option<String>,
    #[serde(default)]
    decelerator: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGate {
    at: String,
    bonus: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAssignment {
    person: i64,
    plan: String,
    from: toml::value::Datetime,
    #[serde(default)]
    until: Option<toml::value::Datetime>,
}

/// Collects problems with the place they were found.
struct Problems(Vec<String>);

impl Problems {
    fn add(&mut self, at: &str, what: impl fmt::Display) {
        self.0.push(format!("{at}: {what}"));
    }
}

impl RawBook {
    fn validate(self) -> Result<PlanBook, PlanError> {
        let mut p = Problems(Vec::new());
        let currency = match Currency::parse(&self.currency) {
            Ok(c) => c,
            Err(_) => {
                p.add("currency", format!("{:?} is not an ISO 4217 code; write one such as \"USD\"", self.currency));
                Currency::USD
            }
        };
        let rounding = match self.rounding.as_deref().map(str::trim) {
            None | Some("half_away_from_zero") => Rounding::HalfAwayFromZero,
            Some("half_even") => Rounding::HalfEven,
            Some("toward_zero") => Rounding::TowardZero,
            Some(other) => {
                p.add(
                    "rounding",
                    format!("{other:?} is not a rule; use half_away_from_zero, half_even or toward_zero"),
                );
                Rounding::HalfAwayFromZero
            }
        };
        if self.plan.is_empty() {
            p.add("plan", "the file has no [[plan]]; add at least one");
        }
        let plans: Vec<Plan> = self.plan.into_iter().filter_map(|raw| raw.validate(currency, &mut p)).collect();
        check_versions(&plans, &mut p);
        let mut assignments = Vec::new();
        for (i, a) in self.assignment.into_iter().enumerate() {
            let at = format!("assignment {} (person {}, plan {:?})", i + 1, a.person, a.plan);
            let from = date(&at, "from", &a.from, &mut p);
            let until = a.until.as_ref().and_then(|u| date(&at, "until", u, &mut p));
            if !plans.iter().any(|pl| pl.id == a.plan) {
                p.add(&at, "no plan has this id; use the id of a [[plan]] in this file");
            }
            if let (Some(f), Some(u)) = (from, until)
                && u <= f
            {
                p.add(&at, format!("until {u} is not after from {f}; until is the first day no longer on the plan"));
            }
            if let Some(from) = from {
                assignments.push(Assignment { person: PersonId(a.person), plan: a.plan, from, until });
            }
        }
        check_assignments(&assignments, &mut p);
        if p.0.is_empty() {
            Ok(PlanBook { currency, rounding, plans, assignments })
        } else {
            Err(PlanError { problems: p.0 })
        }
    }
}

impl RawPlan {
    fn validate(self, currency: Currency, p: &mut Problems) -> Option<Plan> {
        let at = format!("plan {} v{}", self.id, self.version);
        if self.id.trim().is_empty() {
            p.add(&at, "the id is empty; give the plan a short id such as \"ae\"");
        }
        let effective_from = date(&at, "effective_from", &self.effective_from, p);
        let effective_until = self.effective_until.as_ref().and_then(|d| date(&at, "effective_until", d, p));
        if let (Some(f), Some(u)) = (effective_from, effective_until)
            && u <= f
        {
            p.add(&at, format!("effective_until {u} is not after effective_from {f}"));
        }
        let mut roles = Vec::new();
        for r in &self.roles {
            match r.parse::<SalesRole>() {
                Ok(role) => roles.push(role),
                Err(e) => p.add(&at, format!("role {r:?}: {e}")),
            }
        }
        let target_incentive =
            self.target_incentive.as_deref().and_then(|t| money(&at, "target_incentive", t, currency, p));
        let draw = self.draw.as_ref().and_then(|d| {
            money(&at, "draw.amount", &d.amount, currency, p).map(|amount| Draw { amount, recoverable: d.recoverable })
        });
        if self.component.is_empty() {
            p.add(&at, "the plan has no [[plan.component]]; add at least one");
        }
        let mut components = Vec::new();
        for (i, c) in self.component.into_iter().enumerate() {
            let cat = format!("{at}, component {} ({:?})", i + 1, c.name);
            if components.iter().any(|x: &Component| x.name == c.name) {
                p.add(&cat, "another component has this name; names must differ so statements can tell them apart");
            }
            if let Some(component) = c.validate(&cat, currency, p) {
                components.push(component);
            }
        }
        let ti: Vec<&Component> = components.iter().filter(|c| c.basis == Basis::TargetIncentive).collect();
        if !ti.is_empty() {
            let total: i64 = ti.iter().map(|c| c.weight.ppm()).sum();
            if total != Rate::ONE.ppm() {
                p.add(
                    &at,
                    format!(
                        "the weights of the target-incentive components sum to {}, not 100 %; change them so they do",
                        Rate::from_ppm(total)
                    ),
                );
            }
            if target_incentive.is_none() {
                p.add(&at, "components paid on target incentive need target_incentive on the plan; add it");
            }
        }
        Some(Plan {
            id: self.id,
            name: self.name,
            version: self.version,
            effective_from: effective_from?,
            effective_until,
            roles,
            target_incentive,
            clawback_days: self.clawback_days,
            draw,
            components,
        })
    }
}

impl RawComponent {
    fn validate(self, at: &str, currency: Currency, p: &mut Problems) -> Option<Component> {
        let measure = CompMeasure::parse(&self.measure);
        if measure.is_none() {
            let all: Vec<&str> = CompMeasure::ALL.iter().map(|m| m.as_str()).collect();
            p.add(at, format!("measure {:?} is unknown; use one of {}", self.measure, all.join(", ")));
        }
        let basis = match self.basis.trim() {
            "target_incentive" => Some(Basis::TargetIncentive),
            "rate" => Some(Basis::Rate),
            other => {
                p.add(at, format!("basis {other:?} is unknown; use target_incentive or rate"));
                None
            }
        };
        let (measure, basis) = (measure?, basis?);
        let weight = match (&self.weight, basis) {
            (Some(w), Basis::TargetIncentive) => rate(at, "weight", w, p).unwrap_or(Rate::ZERO),
            (None, Basis::TargetIncentive) => {
                p.add(at, "a target-incentive component needs a weight such as \"60%\"");
                Rate::ZERO
            }
            (Some(_), Basis::Rate) => {
                p.add(at, "a rate component has no weight (it pays its rate); remove weight or use basis = \"target_incentive\"");
                Rate::ZERO
            }
            (None, Basis::Rate) => Rate::ZERO,
        };
        if weight.ppm() < 0 {
            p.add(at, "the weight is negative; weights are shares between 0 % and 100 %");
        }
        let quota = match &self.quota {
            None => QuotaSource::None,
            Some(toml::Value::String(s)) if s.trim() == "stored" => QuotaSource::Stored,
            Some(toml::Value::String(s)) if measure.is_money() => {
                money(at, "quota", s, currency, p).map_or(QuotaSource::None, QuotaSource::Amount)
            }
            Some(toml::Value::Integer(n)) if !measure.is_money() => QuotaSource::Count(*n),
            Some(other) => {
                let want =
                    if measure.is_money() { "an amount such as \"250000.00\"" } else { "a whole number such as 20" };
                p.add(at, format!("quota {other:?} does not fit measure {measure}: write \"stored\" or {want}"));
                QuotaSource::None
            }
        };
        match quota {
            QuotaSource::Amount(m) if m.minor() <= 0 => p.add(at, "the quota must be above zero"),
            QuotaSource::Count(n) if n <= 0 => p.add(at, "the quota must be above zero"),
            _ => {}
        }
        if basis == Basis::TargetIncentive && quota == QuotaSource::None {
            p.add(
                at,
                "a target-incentive component pays per unit of attainment and needs a quota (\"stored\" or a target)",
            );
        }
        let threshold = self.threshold.as_deref().and_then(|t| rate(at, "threshold", t, p)).unwrap_or(Rate::ZERO);
        let cap = self.cap.as_deref().and_then(|c| rate(at, "cap", c, p));
        let cap_amount = self.cap_amount.as_deref().and_then(|c| money(at, "cap_amount", c, currency, p));
        if quota == QuotaSource::None && (threshold != Rate::ZERO || cap.is_some()) {
            p.add(at, "threshold and cap are attainments and need a quota; add a quota or remove them");
        }
        if let Some(cap) = cap {
            if cap <= Rate::ZERO {
                p.add(at, "cap must be above 0 %; leave it out for an uncapped component");
            } else if cap < threshold {
                p.add(at, format!("cap {cap} is below threshold {threshold}: nothing could ever be paid"));
            }
        }
        if threshold < Rate::ZERO {
            p.add(at, "threshold is negative; write 0 % or more");
        }
        let mut tiers = Vec::new();
        if self.tiers.is_empty() {
            p.add(at, "no tiers; add at least one, such as { from = \"0%\", multiplier = \"1\" }");
        }
        for (i, t) in self.tiers.iter().enumerate() {
            let tat = format!("{at}, tier {}", i + 1);
            if let Some(tier) = t.validate(&tat, measure, basis, currency, p) {
                tiers.push(tier);
            }
        }
        check_tiers(at, &tiers, threshold, quota, p);
        let mut gates = Vec::new();
        for (i, g) in self.gates.iter().enumerate() {
            let gat = format!("{at}, gate {}", i + 1);
            if quota == QuotaSource::None {
                p.add(&gat, "a gate is an attainment and needs a quota on the component");
            }
            if let (Some(at_rate), Some(bonus)) =
                (rate(&gat, "at", &g.at, p), money(&gat, "bonus", &g.bonus, currency, p))
            {
                if at_rate <= Rate::ZERO || bonus.is_negative() {
                    p.add(&gat, "a gate needs an attainment above 0 % and a bonus of zero or more");
                }
                gates.push(Gate { at: at_rate, bonus });
            }
        }
        Some(Component { name: self.name, measure, weight, quota, basis, threshold, cap, cap_amount, tiers, gates })
    }
}

impl RawTier {
    fn validate(
        &self,
        at: &str,
        measure: CompMeasure,
        basis: Basis,
        currency: Currency,
        p: &mut Problems,
    ) -> Option<Tier> {
        let from = rate(at, "from", &self.from, p)?;
        let to = match &self.to {
            Some(t) => Some(rate(at, "to", t, p)?),
            None => None,
        };
        let given =
            [self.multiplier.is_some(), self.rate.is_some(), self.per_unit.is_some()].iter().filter(|b| **b).count();
        if given != 1 {
            p.add(at, "give exactly one of multiplier, rate or per_unit");
            return None;
        }
        let pay = match (basis, &self.multiplier, &self.rate, &self.per_unit) {
            (Basis::TargetIncentive, Some(m), _, _) => TierPay::Multiplier(decimal_rate(at, "multiplier", m, p)?),
            (Basis::Rate, _, Some(r), _) if measure.is_money() => TierPay::Rate(rate(at, "rate", r, p)?),
            (Basis::Rate, _, _, Some(u)) if !measure.is_money() => {
                TierPay::PerUnit(money(at, "per_unit", u, currency, p)?)
            }
            (Basis::TargetIncentive, ..) => {
                p.add(at, "a target-incentive component's tiers pay a multiplier, such as multiplier = \"1.5\"");
                return None;
            }
            (Basis::Rate, ..) if measure.is_money() => {
                p.add(at, format!("{measure} is money: its tiers pay a rate, such as rate = \"5%\""));
                return None;
            }
            (Basis::Rate, ..) => {
                p.add(
                    at,
                    format!("{measure} is a count: its tiers pay an amount per unit, such as per_unit = \"250.00\""),
                );
                return None;
            }
        };
        if pay.ppm_or_minor() < 0 {
            p.add(at, "a tier pays a negative amount; use a lower rate (a decelerator) instead");
        }
        Some(Tier { from, to, pay, decelerator: self.decelerator })
    }
}

fn check_tiers(at: &str, tiers: &[Tier], threshold: Rate, quota: QuotaSource, p: &mut Problems) {
    let Some(first) = tiers.first() else { return };
    if first.from != Rate::ZERO {
        p.add(
            at,
            format!(
                "the first tier starts at {}; tiers start at 0 % (use threshold for a minimum performance)",
                first.from
            ),
        );
    }
    if quota == QuotaSource::None && (tiers.len() > 1 || first.to.is_some()) {
        p.add(at, "bands are attainments and need a quota: without one, give a single open tier from 0 %");
    }
    if let Some(to) = first.to
        && threshold >= to
    {
        p.add(
            at,
            format!(
                "threshold {threshold} is above the first tier (0 % to {to}): lower the threshold below {to} or start the second tier at the threshold"
            ),
        );
    }
    for (i, pair) in tiers.windows(2).enumerate() {
        let (a, b) = (pair[0], pair[1]);
        let (na, nb) = (i + 1, i + 2);
        match a.to {
            None => p.add(at, format!("tier {na} is open-ended but tier {nb} follows it; give tier {na} a `to`")),
            Some(to) if b.from < to => {
                p.add(at, format!("tiers {na} and {nb} overlap: tier {na} ends at {to} but tier {nb} starts at {}; start tier {nb} at {to}", b.from));
            }
            Some(to) if b.from > to => {
                p.add(at, format!("there is a gap between tier {na} (ends at {to}) and tier {nb} (starts at {}); start tier {nb} at {to}", b.from));
            }
            Some(_) => {}
        }
        if b.pay.ppm_or_minor() < a.pay.ppm_or_minor() && !b.decelerator {
            p.add(
                at,
                format!("tier {nb} pays less than tier {na}; if that is meant, mark it decelerator = true, else raise its rate"),
            );
        }
    }
    for (i, t) in tiers.iter().enumerate() {
        if let Some(to) = t.to
            && to <= t.from
        {
            p.add(at, format!("tier {} ends at {to}, not after it starts at {}", i + 1, t.from));
        }
    }
}

fn check_versions(plans: &[Plan], p: &mut Problems) {
    for (i, a) in plans.iter().enumerate() {
        for b in &plans[i + 1..] {
            let overlap = a.effective_until.is_none_or(|u| b.effective_from < u)
                && b.effective_until.is_none_or(|u| a.effective_from < u);
            if a.id == b.id && a.version == b.version {
                p.add(
                    &format!("plan {}", a.id),
                    format!("version {} is given twice; number versions 1, 2, 3…", a.version),
                );
            } else if a.id == b.id && overlap {
                p.add(
                    &format!("plan {}", a.id),
                    format!(
                        "versions {} and {} are both in force on some days; end one before the other starts",
                        a.version, b.version
                    ),
                );
            } else if overlap && let Some(role) = a.roles.iter().find(|r| b.roles.contains(r)) {
                p.add(
                    &format!("plans {} and {}", a.label(), b.label()),
                    format!("both claim role {role} on the same days; give the role to one plan, or assign people explicitly"),
                );
            }
        }
    }
}

fn check_assignments(assignments: &[Assignment], p: &mut Problems) {
    let mut by_person: BTreeMap<PersonId, Vec<&Assignment>> = BTreeMap::new();
    for a in assignments {
        by_person.entry(a.person).or_default().push(a);
    }
    for (person, mut list) in by_person {
        list.sort_by_key(|a| a.from);
        for pair in list.windows(2) {
            if pair[0].until.is_none_or(|u| pair[1].from < u) {
                p.add(
                    &format!("assignments of person {}", person.get()),
                    format!(
                        "plans {} (from {}) and {} (from {}) overlap; end the first before the second starts",
                        pair[0].plan, pair[0].from, pair[1].plan, pair[1].from
                    ),
                );
            }
        }
    }
}

fn date(at: &str, field: &str, value: &toml::value::Datetime, p: &mut Problems) -> Option<NaiveDate> {
    let parsed = match (value.date, value.time) {
        (Some(d), None) => NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day)),
        _ => None,
    };
    if parsed.is_none() {
        p.add(at, format!("{field} = {value} is not a date; write a plain date such as 2026-02-01"));
    }
    parsed
}

fn money(at: &str, field: &'static str, text: &str, currency: Currency, p: &mut Problems) -> Option<Money> {
    Money::parse_major(field, text, currency).map_err(|e| p.add(at, e)).ok()
}

fn rate(at: &str, field: &'static str, text: &str, p: &mut Problems) -> Option<Rate> {
    Rate::parse_percent(field, text).map_err(|e| p.add(at, e)).ok()
}

/// A plain decimal factor (`"1.5"` is 150 %), exact to a millionth.
fn decimal_rate(at: &str, field: &'static str, text: &str, p: &mut Problems) -> Option<Rate> {
    let t = text.trim();
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    let frac = frac.trim_end_matches('0');
    let ok = !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
        && frac.len() <= 6
        && whole.len() <= 6;
    if !ok {
        p.add(at, format!("{field} {text:?} is not a factor; write a decimal such as \"1.5\" (at most six decimals)"));
        return None;
    }
    let digits = format!("{whole}{frac:0<6}");
    digits.parse::<i64>().ok().map(Rate::from_ppm)
}

/// `1500000` ppm as `1.5`.
pub(crate) fn decimal_of_ppm(ppm: i64) -> String {
    let sign = if ppm < 0 { "-" } else { "" };
    let abs = ppm.unsigned_abs();
    let frac = format!("{:06}", abs % 1_000_000);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() { format!("{sign}{}", abs / 1_000_000) } else { format!("{sign}{}.{frac}", abs / 1_000_000) }
}

#[cfg(test)]
mod schema_tests {
    //! `docs/comp-plan.schema.json` against the types the file is read into: every object's
    //! properties are exactly the fields serde reads, the closed sets are the engine's, and the
    //! demo's plan book passes the schema (checked by a small validator of the keywords the
    //! schema uses; `pattern` and `format` are left to [`PlanBook::parse`]).

    use serde::de::{DeserializeOwned, Deserializer, Error as _, Visitor};
    use serde_json::Value;

    use super::*;

    /// The field names serde's derive gives a struct, read by asking it to deserialize.
    fn fields_of<T: DeserializeOwned>() -> &'static [&'static str] {
        struct Probe<'a>(&'a std::cell::Cell<&'static [&'static str]>);
        impl<'de> Deserializer<'de> for Probe<'_> {
            type Error = serde::de::value::Error;
            fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
                Err(Self::Error::custom("probe"))
            }
            fn deserialize_struct<V: Visitor<'de>>(
                self,
                _: &'static str,
                fields: &'static [&'static str],
                _: V,
            ) -> Result<V::Value, Self::Error> {
                self.0.set(fields);
                Err(Self::Error::custom("probe"))
            }
            serde::forward_to_deserialize_any! {
                bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
                unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
            }
        }
        let cell = std::cell::Cell::new(&[][..]);
        let _ = T::deserialize(Probe(&cell));
        cell.get()
    }

    fn schema() -> Value {
        let text = include_str!("../../../docs/comp-plan.schema.json");
        serde_json::from_str(text).expect("the schema is JSON")
    }

    fn keys(object: &Value) -> Vec<String> {
        let mut k: Vec<String> = object["properties"].as_object().expect("properties").keys().cloned().collect();
        k.sort();
        k
    }

    fn sorted(fields: &[&str]) -> Vec<String> {
        let mut f: Vec<String> = fields.iter().map(|s| (*s).to_owned()).collect();
        f.sort();
        f
    }

    #[test]
    fn the_schema_names_exactly_the_fields_the_reader_takes() {
        let s = schema();
        let defs = &s["$defs"];
        assert_eq!(keys(&s), sorted(fields_of::<RawBook>()), "the book");
        assert_eq!(keys(&defs["plan"]), sorted(fields_of::<RawPlan>()), "a plan");
        assert_eq!(keys(&defs["draw"]), sorted(fields_of::<RawDraw>()), "a draw");
        assert_eq!(keys(&defs["component"]), sorted(fields_of::<RawComponent>()), "a component");
        assert_eq!(keys(&defs["tier"]), sorted(fields_of::<RawTier>()), "a tier");
        assert_eq!(keys(&defs["gate"]), sorted(fields_of::<RawGate>()), "a gate");
        assert_eq!(keys(&defs["assignment"]), sorted(fields_of::<RawAssignment>()), "an assignment");
        let measures: Vec<&str> = defs["component"]["properties"]["measure"]["enum"]
            .as_array()
            .expect("enum")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(measures, CompMeasure::ALL.iter().map(|m| m.as_str()).collect::<Vec<_>>());
        let roles: Vec<&str> = defs["plan"]["properties"]["roles"]["items"]["enum"]
            .as_array()
            .expect("enum")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(roles, SalesRole::ALL.iter().map(|r| r.as_str()).collect::<Vec<_>>());
    }

    /// TOML as JSON, dates as their text.
    fn json_of(v: &toml::Value) -> Value {
        match v {
            toml::Value::String(s) => Value::String(s.clone()),
            toml::Value::Integer(i) => Value::from(*i),
            toml::Value::Float(f) => Value::from(*f),
            toml::Value::Boolean(b) => Value::Bool(*b),
            toml::Value::Datetime(d) => Value::String(d.to_string()),
            toml::Value::Array(a) => Value::Array(a.iter().map(json_of).collect()),
            toml::Value::Table(t) => Value::Object(t.iter().map(|(k, v)| (k.clone(), json_of(v))).collect()),
        }
    }

    fn type_ok(want: &str, v: &Value) -> bool {
        match want {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "integer" => v.is_i64() || v.is_u64(),
            "boolean" => v.is_boolean(),
            _ => false,
        }
    }

    /// The problems of `v` against `schema` (the keywords this schema uses), with where.
    fn validate(root: &Value, schema: &Value, v: &Value, at: &str, out: &mut Vec<String>) {
        if let Some(r) = schema["$ref"].as_str() {
            let name = r.trim_start_matches("#/$defs/");
            validate(root, &root["$defs"][name], v, at, out);
        }
        match &schema["type"] {
            Value::String(t) if !type_ok(t, v) => out.push(format!("{at}: not a {t}")),
            Value::Array(ts) if !ts.iter().filter_map(Value::as_str).any(|t| type_ok(t, v)) => {
                out.push(format!("{at}: none of {ts:?}"));
            }
            _ => {}
        }
        if let Some(options) = schema["enum"].as_array()
            && !options.contains(v)
        {
            out.push(format!("{at}: {v} is not one of {options:?}"));
        }
        if let Some(min) = schema["minimum"].as_i64()
            && v.as_i64().is_some_and(|n| n < min)
        {
            out.push(format!("{at}: below {min}"));
        }
        if let Some(object) = v.as_object() {
            let properties = schema["properties"].as_object();
            for required in schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str) {
                if !object.contains_key(required) {
                    out.push(format!("{at}: {required} is missing"));
                }
            }
            for (k, value) in object {
                match properties.and_then(|p| p.get(k)) {
                    Some(sub) => validate(root, sub, value, &format!("{at}.{k}"), out),
                    None if schema["additionalProperties"] == Value::Bool(false) => {
                        out.push(format!("{at}: {k} is not allowed"));
                    }
                    None => {}
                }
            }
            if let Some(choices) = schema["oneOf"].as_array() {
                let fits = choices
                    .iter()
                    .filter(|c| {
                        let mut p = Vec::new();
                        validate(root, c, v, at, &mut p);
                        p.is_empty()
                    })
                    .count();
                if fits != 1 {
                    out.push(format!("{at}: fits {fits} of the oneOf choices, not one"));
                }
            }
        }
        if let (Some(items), Some(array)) = (schema.get("items"), v.as_array()) {
            if let Some(min) = schema["minItems"].as_u64()
                && (array.len() as u64) < min
            {
                out.push(format!("{at}: fewer than {min} items"));
            }
            for (i, item) in array.iter().enumerate() {
                validate(root, items, item, &format!("{at}[{i}]"), out);
            }
        }
    }

    fn problems_of(toml_text: &str) -> Vec<String> {
        let s = schema();
        let doc = json_of(&toml::Value::Table(toml::from_str::<toml::Table>(toml_text).expect("TOML")));
        let mut out = Vec::new();
        validate(&s, &s, &doc, "book", &mut out);
        out
    }

    #[test]
    fn the_demo_plan_book_passes_the_schema_and_broken_ones_do_not() {
        let demo = include_str!("../../../docs/comp-plans.toml");
        assert_eq!(problems_of(demo), Vec::<String>::new());
        assert!(PlanBook::parse(demo).is_ok());
        let typo = demo.replace("clawback_days = 90 ", "clawbak_days = 90 ");
        assert!(
            problems_of(&typo).iter().any(|p| p.contains("clawbak_days is not allowed")),
            "{:?}",
            problems_of(&typo)
        );
        let wrong = demo.replace("measure = \"bookings\"", "measure = \"revenue\"");
        assert!(problems_of(&wrong).iter().any(|p| p.contains("measure")), "{:?}", problems_of(&wrong));
        let two = demo.replace(
            "{ from = \"0%\", per_unit = \"150.00\" }",
            "{ from = \"0%\", per_unit = \"150.00\", rate = \"1%\" }",
        );
        assert!(problems_of(&two).iter().any(|p| p.contains("oneOf")), "{:?}", problems_of(&two));
    }
}
