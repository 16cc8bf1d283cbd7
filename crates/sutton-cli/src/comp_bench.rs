//! `sutton comp bench` (hidden): the compensation benchmark's two halves on Sutton's side.
//!
//! `generate` writes a synthetic quarter — `payees.csv` (payee, quota in minor units),
//! `credits.csv` (payee, deal, day, amount in minor units) and `plan.toml` (a tiered plan with
//! a threshold, accelerators and an attainment cap) — deterministically from a seed.
//! `run` reads those files and pays every payee with the engine, timing the read and the pay
//! apart, and writes `payee,payout_minor` for `bench/comp/compare.py` to check against DuckDB.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, bail};
use chrono::NaiveDate;
use clap::Subcommand;
use sutton_app::comp::{
    CompMeasure, Credit, CreditPool, CreditPoolPart, CreditSource, Payee, PlanBook, Quantity, RunInput, run,
};
use sutton_app::domain::{
    Currency, Measure, Money, OpportunityId, Period, PersonId, Quota, QuotaId, QuotaOwner, QuotaTarget, SalesRole,
};

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Write payees.csv, credits.csv and plan.toml into a folder.
    Generate {
        #[arg(long, value_name = "DIR")]
        dir: PathBuf,
        #[arg(long, default_value_t = 20_000)]
        payees: u32,
        #[arg(long, default_value_t = 10_000_000)]
        lines: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Pay everyone in a generated folder; write payee,payout_minor to a file.
    Run {
        #[arg(long, value_name = "DIR")]
        dir: PathBuf,
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
    },
}

/// The quarter every credit falls in: FY2026 Q1 on a January calendar.
fn quarter() -> (Period, NaiveDate, NaiveDate) {
    let start = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    let end = NaiveDate::from_ymd_opt(2026, 4, 1).expect("date");
    (Period::quarter(2026, 1).expect("period"), start, end)
}

/// The benchmark's plan: $10,000 target incentive on bookings against each payee's quota;
/// nothing below 50 %, 1× to 100 %, 2× to 150 %, 3× above, capped at 200 % attainment.
pub const PLAN: &str = r#"currency = "USD"
rounding = "half_away_from_zero"

[[plan]]
id = "bench"
name = "Benchmark account executive"
effective_from = 2020-01-01
roles = ["account_executive"]
target_incentive = "10000.00"

[[plan.component]]
name = "Bookings"
measure = "bookings"
weight = "100%"
quota = "stored"
basis = "target_incentive"
threshold = "50%"
cap = "200%"
tiers = [
  { from = "0%", to = "100%", multiplier = "1" },
  { from = "100%", to = "150%", multiplier = "2" },
  { from = "150%", multiplier = "3" },
]
"#;

pub fn bench(command: &BenchCommand) -> anyhow::Result<()> {
    match command {
        BenchCommand::Generate { dir, payees, lines, seed } => generate(dir, *payees, *lines, *seed),
        BenchCommand::Run { dir, out } => pay(dir, out),
    }
}

/// SplitMix64: small, fast, and the same numbers everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn generate(dir: &Path, payees: u32, lines: u64, seed: u64) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut rng = Rng(seed);
    let (_, start, _) = quarter();
    let mut quotas = BufWriter::new(std::fs::File::create(dir.join("payees.csv"))?);
    writeln!(quotas, "payee,quota_minor")?;
    // Each payee gets a quota and an attainment aimed at between 0 % and 260 %, shared over
    // their lines; lines are spread so that the counts add up to `lines` exactly.
    let mut targets = Vec::with_capacity(payees as usize);
    for p in 1..=u64::from(payees) {
        let quota = (50_000 + rng.below(200_001)) * 100;
        let aim = rng.below(2_601); // tenths of a percent
        writeln!(quotas, "{p},{quota}")?;
        targets.push((p, quota, aim));
    }
    quotas.flush()?;
    let mut credits = BufWriter::with_capacity(1 << 20, std::fs::File::create(dir.join("credits.csv"))?);
    writeln!(credits, "payee,deal,day,amount_minor")?;
    let per = lines / u64::from(payees.max(1));
    let extra = lines % u64::from(payees.max(1));
    let mut deal = 0u64;
    let mut line = String::with_capacity(64);
    for (i, (p, quota, aim)) in targets.iter().enumerate() {
        let n = per + u64::from((i as u64) < extra);
        // Mean line amount so that the payee lands near their aim.
        let mean = (quota * aim / 1000 / n.max(1)).max(1);
        for _ in 0..n {
            deal += 1;
            let amount = 1 + rng.below(2 * mean);
            let day = start + chrono::Days::new(rng.below(90));
            line.clear();
            use std::fmt::Write as _;
            let _ = write!(line, "{p},{deal},{day},{amount}");
            credits.write_all(line.as_bytes())?;
            credits.write_all(b"\n")?;
        }
    }
    credits.flush()?;
    std::fs::write(dir.join("plan.toml"), PLAN)?;
    eprintln!("wrote {payees} payees and {deal} credit lines to {}", dir.display());
    Ok(())
}

/// Parses one `payee,deal,day,amount_minor` line (without its line end) into a credit.
fn parse_credit(raw: &[u8], currency: Currency) -> anyhow::Result<Credit> {
    let whole = |f: &[u8]| f.iter().try_fold(0i64, |n, &b| b.is_ascii_digit().then(|| n * 10 + i64::from(b - b'0')));
    let bad = || format!("{:?} is not payee,deal,day,amount_minor", String::from_utf8_lossy(raw));
    let mut fields = raw.splitn(4, |b| *b == b',');
    let (Some(payee), Some(deal), Some(day), Some(amount)) =
        (fields.next(), fields.next(), fields.next(), fields.next())
    else {
        bail!(bad());
    };
    Ok(Credit {
        payee: PersonId(whole(payee).with_context(bad)?),
        team: None,
        measure: CompMeasure::Bookings,
        date: parse_day(day).with_context(bad)?,
        quantity: Quantity::Money(Money::from_minor(whole(amount.trim_ascii_end()).with_context(bad)?, currency)),
        deal: OpportunityId(whole(deal).with_context(bad)?),
        deal_name: String::new(),
        source: CreditSource::Owner,
        cancelled_on: None,
    })
}

fn parse_day(text: &[u8]) -> Option<NaiveDate> {
    let digits = |s: &[u8]| s.iter().try_fold(0u32, |n, &b| b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0')));
    if text.len() != 10 || text[4] != b'-' || text[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(digits(&text[..4])?).ok()?, digits(&text[5..7])?, digits(&text[8..10])?)
}

/// Reads a file's lines after the header, one part per core, each thread streaming its own
/// byte range of the file (a line belongs to the range its first byte is in). Nothing is read
/// whole and no part is copied into another: on machines where fresh memory is costly, memory
/// touched is most of the time spent.
fn read_credits(path: &Path, currency: Currency, threads: u64) -> anyhow::Result<Vec<CreditPoolPart>> {
    use std::io::{BufRead, BufReader, Seek, SeekFrom};
    let size = std::fs::metadata(path).with_context(|| format!("reading {}", path.display()))?.len();
    let threads = threads.max(1);
    let read_part = |from: u64, to: u64| -> anyhow::Result<CreditPoolPart> {
        let mut file = BufReader::with_capacity(1 << 20, std::fs::File::open(path)?);
        // Start just before the range and skip the line in progress there: the header for
        // the first part, the end of the previous part's last line for the others.
        let mut at = from.saturating_sub(1);
        file.seek(SeekFrom::Start(at))?;
        let mut line = Vec::with_capacity(128);
        at += file.read_until(b'\n', &mut line)? as u64;
        // Room for the shortest possible lines; only what is filled is ever touched.
        let mut out = CreditPoolPart::with_capacity(usize::try_from((to - from) / 16).unwrap_or(0));
        while at < to {
            line.clear();
            let n = file.read_until(b'\n', &mut line)?;
            if n == 0 {
                break;
            }
            at += n as u64;
            let raw = line.strip_suffix(b"\n").unwrap_or(&line);
            let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
            if !raw.is_empty() {
                out.push(&parse_credit(raw, currency)?);
            }
        }
        Ok(out)
    };
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let (from, to) = (size * t / threads, size * (t + 1) / threads);
                // The first part starts at the header, which is the line it skips.
                let from = if t == 0 { 0 } else { from.max(1) };
                s.spawn(move || read_part(from, to))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|_| bail!("a reader thread failed"))).collect()
    })
}

fn pay(dir: &Path, out: &Path) -> anyhow::Result<()> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()) as u64;
    let started = Instant::now();
    let book = PlanBook::parse(&std::fs::read_to_string(dir.join("plan.toml"))?)?;
    let (period, start, end) = quarter();
    let mut payees = Vec::new();
    let mut quotas = Vec::new();
    for line in std::fs::read_to_string(dir.join("payees.csv"))?.lines().skip(1) {
        let (p, q) = line.split_once(',').context("payee,quota_minor")?;
        let (p, q): (i64, i64) = (p.trim().parse()?, q.trim().parse()?);
        payees.push(Payee {
            person: PersonId(p),
            name: String::new(),
            role: SalesRole::AccountExecutive,
            team: None,
            active_from: None,
            active_until: None,
        });
        quotas.push(Quota {
            id: QuotaId(p),
            owner: QuotaOwner::Person(PersonId(p)),
            period,
            measure: Measure::Bookings,
            target: QuotaTarget::Money(Money::from_minor(q, book.currency)),
        });
    }
    let credits =
        std::sync::Arc::new(CreditPool::from_parts(read_credits(&dir.join("credits.csv"), book.currency, cores)?));
    let read = started.elapsed();
    let paying = Instant::now();
    let balances = Default::default();
    let input = RunInput {
        book: &book,
        period,
        start,
        end,
        payees: &payees,
        credits: &credits,
        quotas: &quotas,
        draw_balances: &balances,
        year: (start, NaiveDate::from_ymd_opt(2027, 1, 1).context("date")?),
    };
    let result = run(&input).map_err(|e| anyhow::anyhow!("{e}"))?;
    let paid = paying.elapsed();
    let mut w = BufWriter::new(std::fs::File::create(out)?);
    writeln!(w, "payee,payout_minor")?;
    for s in &result.statements {
        writeln!(w, "{},{}", s.payee.get(), s.total.minor())?;
    }
    w.flush()?;
    println!(
        "sutton: {} credit lines, {} payees, total {}: read {:.3} s, pay {:.3} s, together {:.3} s",
        credits.len(),
        result.statements.len(),
        result.total,
        read.as_secs_f64(),
        paid.as_secs_f64(),
        (read + paid).as_secs_f64()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line is read exactly once and in order, wherever the parts' edges fall: inside a
    /// line, on its end, in the header, or past the file's end.
    #[test]
    fn the_parallel_reader_reads_every_line_once_whatever_the_cuts() {
        let dir = std::env::temp_dir().join(format!("sutton-comp-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("credits.csv");
        let mut text = String::from("payee,deal,day,amount_minor\r\n");
        for i in 1..=37 {
            text.push_str(&format!("{},{},2026-01-{:02},{}\r\n", i % 5 + 1, i, i % 28 + 1, i * 1001));
        }
        std::fs::write(&path, &text).unwrap();
        let read = |threads| -> Vec<Credit> {
            CreditPool::from_parts(read_credits(&path, Currency::USD, threads).unwrap()).iter().collect()
        };
        let one = read(1);
        assert_eq!(one.len(), 37);
        assert_eq!(one[36].deal, OpportunityId(37));
        assert_eq!(one[36].quantity, Quantity::Money(Money::from_minor(37 * 1001, Currency::USD)));
        for threads in 2..=40 {
            assert_eq!(read(threads), one, "{threads} parts");
        }
        std::fs::write(&path, "payee,deal,day,amount_minor\n1,2,2026-13-01,5\n").unwrap();
        let wrong = read_credits(&path, Currency::USD, 2).unwrap_err().to_string();
        assert!(wrong.contains("2026-13-01"), "{wrong}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
