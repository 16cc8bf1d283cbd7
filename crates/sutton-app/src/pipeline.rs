//! Pipeline and whiplash use cases: load the organisation's snapshot once, hand it to the pure
//! engines in `sutton-insight` with the date to read it as of, and return their values.

use chrono::{Duration, NaiveDate};
use sutton_domain::{Dataset, PeriodKind};
use sutton_insight::{
    ConversionRow, CoverageOptions, CoverageRow, Dimension, Facts, Forecast, Movement, WhiplashOptions, WhiplashReport,
};
use sutton_store::Snapshot;

use crate::{App, AppError};

/// How long a whiplash report is reused before it is computed again.
const WHIPLASH_FRESH_FOR: std::time::Duration = std::time::Duration::from_secs(300);

/// Coverage, movement over the last 30 days and conversion over the last year, by team, as the
/// pipeline page shows them.
#[derive(Debug, Clone)]
pub struct PipelineOverview {
    pub as_of: NaiveDate,
    pub coverage: Vec<CoverageRow>,
    pub movement: Vec<Movement>,
    pub conversion: Vec<ConversionRow>,
    /// The same conversion measures by account segment (when segments are stored) and by source.
    pub conversion_by_segment: Vec<ConversionRow>,
    pub conversion_by_source: Vec<ConversionRow>,
}

/// Coverage, conversion and the whiplash report from one snapshot.
#[derive(Debug, Clone)]
pub struct PipelineFigures {
    pub as_of: NaiveDate,
    pub coverage: Vec<CoverageRow>,
    pub conversion: Vec<ConversionRow>,
    pub whiplash: WhiplashReport,
}

/// A report, when it was computed, and for which date and horizon.
pub(crate) type CachedWhiplash = (std::time::Instant, NaiveDate, u32, std::sync::Arc<WhiplashReport>);

/// What a pipeline question is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PipelineQuery {
    /// Read as of this date (default: [`App::today`]).
    pub as_of: Option<NaiveDate>,
    /// Upcoming periods (quarters), the current one first.
    pub periods: u32,
    pub by: Dimension,
    /// For movement: the start date (default 30 days before the as-of date).
    pub from: Option<NaiveDate>,
    /// For conversion: deals closed in this many days up to the as-of date.
    pub days: i64,
}

impl Default for PipelineQuery {
    fn default() -> Self {
        PipelineQuery { as_of: None, periods: 4, by: Dimension::Team, from: None, days: 365 }
    }
}

impl App {
    /// The whole organisation as one snapshot, for the engines.
    pub fn snapshot(&self) -> Result<Dataset, AppError> {
        Ok(self.store.load()?)
    }

    /// What the pipeline and whiplash measures read: the snapshot without the activities that
    /// are not direct selling and without activities' texts (see `Snapshot::Pipeline`).
    pub fn pipeline_snapshot(&self) -> Result<Dataset, AppError> {
        Ok(self.store.load_snapshot(Snapshot::Pipeline)?)
    }

    /// The whiplash early warning per team and for the company.
    pub fn whiplash(&self, as_of: Option<NaiveDate>, periods: u32) -> Result<WhiplashReport, AppError> {
        let data = self.pipeline_snapshot()?;
        let as_of = as_of.unwrap_or_else(|| self.today());
        let options = WhiplashOptions { periods: periods.max(1), ..WhiplashOptions::default() };
        Ok(sutton_insight::whiplash(&Facts::new(&data), as_of, &options))
    }

    /// Today's whiplash report, reused for a few minutes: pages ask for it often, and it reads
    /// the whole organisation. Concurrent first requests wait for one computation.
    pub fn whiplash_today(&self, periods: u32) -> Result<std::sync::Arc<WhiplashReport>, AppError> {
        let today = self.today();
        let mut cached = self.shared.whiplash.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((at, day, p, report)) = cached.as_ref()
            && *day == today
            && *p == periods
            && at.elapsed() < WHIPLASH_FRESH_FOR
        {
            return Ok(report.clone());
        }
        let report = std::sync::Arc::new(self.whiplash(Some(today), periods)?);
        *cached = Some((std::time::Instant::now(), today, periods, report.clone()));
        Ok(report)
    }

    /// The pipeline page's figures by team from one snapshot, reused for a few minutes.
    pub fn pipeline_overview(&self) -> Result<std::sync::Arc<PipelineOverview>, AppError> {
        let today = self.today();
        let mut cached = self.shared.pipeline.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((at, day, overview)) = cached.as_ref()
            && *day == today
            && at.elapsed() < WHIPLASH_FRESH_FOR
        {
            return Ok(overview.clone());
        }
        let data = self.pipeline_snapshot()?;
        let segments = self.account_segments()?;
        let segmented = !segments.is_empty();
        let facts = Facts::new(&data).with_segments(segments);
        let q = PipelineQuery { as_of: Some(today), ..PipelineQuery::default() };
        let coverage = sutton_insight::coverage(&facts, today, &coverage_options(&q));
        let from = today - Duration::days(30);
        let mut movement = Vec::new();
        for period in sutton_insight::upcoming(&facts, today, PeriodKind::Quarter, 1) {
            let window = (facts.calendar.start(period), facts.calendar.end(period));
            movement.extend(sutton_insight::movement(&facts, from, today, window, Dimension::Team));
        }
        let conversion = sutton_insight::conversion(&facts, today, 365, Dimension::Team);
        let conversion_by_segment =
            if segmented { sutton_insight::conversion(&facts, today, 365, Dimension::Segment) } else { Vec::new() };
        let conversion_by_source = sutton_insight::conversion(&facts, today, 365, Dimension::Source);
        let overview = std::sync::Arc::new(PipelineOverview {
            as_of: today,
            coverage,
            movement,
            conversion,
            conversion_by_segment,
            conversion_by_source,
        });
        *cached = Some((std::time::Instant::now(), today, overview.clone()));
        Ok(overview)
    }

    /// Coverage of remaining quota per upcoming quarter and team or rep.
    pub fn pipeline_coverage(&self, q: &PipelineQuery) -> Result<Vec<CoverageRow>, AppError> {
        let data = self.pipeline_snapshot()?;
        let options = coverage_options(q);
        Ok(sutton_insight::coverage(&Facts::new(&data), self.as_of(q), &options))
    }

    /// Movement of the pipeline expected to close in each upcoming quarter, between `from` and
    /// the as-of date.
    pub fn pipeline_movement(&self, q: &PipelineQuery) -> Result<Vec<Movement>, AppError> {
        let data = self.pipeline_snapshot()?;
        let facts = Facts::new(&data);
        let to = self.as_of(q);
        let from = q.from.unwrap_or(to - Duration::days(30));
        if from > to {
            return Err(AppError::Input(format!("--from {from} is after the as-of date {to}")));
        }
        let mut out = Vec::new();
        for period in sutton_insight::upcoming(&facts, to, PeriodKind::Quarter, q.periods) {
            let window = (facts.calendar.start(period), facts.calendar.end(period));
            out.extend(sutton_insight::movement(&facts, from, to, window, q.by));
        }
        Ok(out)
    }

    /// Win rates, deal size, cycle, stage conversion and proposals over the deals closed in the
    /// last `days` days.
    pub fn pipeline_conversion(&self, q: &PipelineQuery) -> Result<Vec<ConversionRow>, AppError> {
        let data = self.pipeline_snapshot()?;
        let facts = Facts::new(&data).with_segments(self.account_segments()?);
        Ok(sutton_insight::conversion(&facts, self.as_of(q), q.days.max(1), q.by))
    }

    /// Each account's stored segment (empty before the first segmentation run).
    fn account_segments(&self) -> Result<std::collections::HashMap<sutton_domain::AccountId, String>, AppError> {
        Ok(self.store.segments()?.into_iter().map(|s| (s.account, s.segment.as_str().to_owned())).collect())
    }

    /// Weighted and category forecasts per upcoming quarter, with past accuracy.
    pub fn pipeline_forecast(&self, q: &PipelineQuery) -> Result<Forecast, AppError> {
        let data = self.pipeline_snapshot()?;
        Ok(sutton_insight::forecast(&Facts::new(&data), self.as_of(q), &coverage_options(q)))
    }

    /// Coverage by team, conversion by team over `q.days`, and the whiplash report, from one
    /// read of the database: what a benchmark holds against another tool's figures.
    pub fn pipeline_figures(&self, q: &PipelineQuery) -> Result<PipelineFigures, AppError> {
        let data = self.pipeline_snapshot()?;
        let facts = Facts::new(&data);
        let as_of = self.as_of(q);
        let by_team = PipelineQuery { by: Dimension::Team, ..*q };
        let coverage = sutton_insight::coverage(&facts, as_of, &coverage_options(&by_team));
        let conversion = sutton_insight::conversion(&facts, as_of, q.days.max(1), Dimension::Team);
        let options = WhiplashOptions { periods: q.periods.max(1), ..WhiplashOptions::default() };
        let whiplash = sutton_insight::whiplash(&facts, as_of, &options);
        Ok(PipelineFigures { as_of, coverage, conversion, whiplash })
    }

    fn as_of(&self, q: &PipelineQuery) -> NaiveDate {
        q.as_of.unwrap_or_else(|| self.today())
    }
}

fn coverage_options(q: &PipelineQuery) -> CoverageOptions {
    CoverageOptions { periods: q.periods.max(1), by: q.by, ..CoverageOptions::default() }
}
