//! The planning benchmark's Sutton side (see `bench/plan/run.sh`).
//!
//! * `plan_bench gen DIR ACCOUNTS REPS SEED` writes `accounts.csv` (id, owner, potential in
//!   cents, latitude, longitude) and `reps.csv` (id, latitude, longitude, weekly minutes).
//! * `plan_bench run DIR` reads them, segments A/B/C by potential (Pareto 50 % / 80 %) and builds
//!   the workload of three call patterns, each five times; prints the median times as JSON and writes
//!   `sutton_segments.csv` (id, segment) for the comparison.
//! * `plan_bench callplan ACCOUNTS REPS SEED` times CALLPLAN on generated accounts.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;
use std::time::Instant;

use chrono::NaiveDate;
use sutton_domain::*;
use sutton_plan::*;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn fail(message: &str) -> ! {
    eprintln!("plan_bench: {message}");
    std::process::exit(2)
}

fn arg<T: std::str::FromStr>(args: &[String], i: usize, what: &str) -> T {
    args.get(i).and_then(|a| a.parse().ok()).unwrap_or_else(|| fail(&format!("give {what}")))
}

/// Potential in cents: heavy-tailed, rounded to whole hundreds of dollars so ties occur; one in
/// fifty accounts has none.
fn potential(rng: &mut Rng) -> i64 {
    if rng.next().is_multiple_of(50) {
        return 0;
    }
    let dollars = (1_000.0 * (-(1.0 - rng.unit()).ln() * 1.6).exp()).min(50_000_000.0);
    (dollars / 100.0).round() as i64 * 100 * 100
}

fn place(rng: &mut Rng) -> (f64, f64) {
    (30.0 + rng.unit() * 17.0, -120.0 + rng.unit() * 45.0)
}

fn generate(dir: &Path, accounts: usize, reps: usize, seed: u64) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut rng = Rng(seed.max(1));
    let mut r = BufWriter::new(std::fs::File::create(dir.join("reps.csv"))?);
    writeln!(r, "id,lat,lon,weekly_minutes")?;
    let mut homes = Vec::with_capacity(reps);
    for id in 1..=reps {
        let (lat, lon) = place(&mut rng);
        homes.push((lat, lon));
        writeln!(r, "{id},{lat:.5},{lon:.5},2400")?;
    }
    r.flush()?;
    let mut a = BufWriter::new(std::fs::File::create(dir.join("accounts.csv"))?);
    writeln!(a, "id,owner,potential,lat,lon")?;
    for id in 1..=accounts {
        let owner = 1 + (rng.next() % reps as u64) as usize;
        let (hl, ho) = homes[owner - 1];
        // Accounts near their owner's home, within about two degrees.
        let (lat, lon) = (hl + (rng.unit() - 0.5) * 4.0, ho + (rng.unit() - 0.5) * 4.0);
        writeln!(a, "{id},{owner},{},{lat:.5},{lon:.5}", potential(&mut rng))?;
    }
    a.flush()
}

fn location(lat: f64, lon: f64) -> Location {
    Location { coordinates: LatLon::new(lat, lon).ok(), ..Location::default() }
}

fn rep(id: i64, lat: f64, lon: f64, minutes: u32) -> Person {
    Person {
        id: PersonId(id),
        external_id: None,
        name: format!("Rep {id}"),
        email: None,
        role: SalesRole::AccountExecutive,
        channel: Some(Channel::Field),
        team: None,
        manager: None,
        home: location(lat, lon),
        hire_date: None,
        leave_date: None,
        weekly_capacity_minutes: minutes,
        placeholder: false,
    }
}

fn account(id: i64, owner: i64, potential: i64, lat: f64, lon: f64) -> Account {
    Account {
        id: AccountId(id),
        external_id: None,
        name: String::new(),
        status: AccountStatus::Customer,
        industry: None,
        employees: None,
        annual_revenue: None,
        potential: Some(Money::from_minor(potential, Currency::USD)),
        location: location(lat, lon),
        owner: Some(PersonId(owner)),
        parent: None,
        created_on: None,
    }
}

fn patterns() -> Vec<CallPattern> {
    let p = |id, segment: &str, mode, calls, per, minutes| CallPattern {
        id: CallPatternId(id),
        segment: Segment::parse(segment).expect("name"),
        role: SalesRole::AccountExecutive,
        channel: Channel::Field,
        mode,
        calls,
        per,
        duration_minutes: minutes,
    };
    vec![
        p(1, "A", ContactMode::FaceToFace, 1, PeriodKind::Month, 60),
        p(2, "B", ContactMode::FaceToFace, 1, PeriodKind::Quarter, 45),
        p(3, "C", ContactMode::Phone, 1, PeriodKind::Year, 20),
    ]
}

fn read(dir: &Path) -> std::io::Result<Dataset> {
    let mut data = Dataset::default();
    for line in BufReader::new(std::fs::File::open(dir.join("reps.csv"))?).lines().skip(1) {
        let line = line?;
        let f: Vec<&str> = line.split(',').collect();
        data.people.push(rep(
            f[0].parse().unwrap_or(0),
            f[1].parse().unwrap_or(0.0),
            f[2].parse().unwrap_or(0.0),
            f[3].parse().unwrap_or(2400),
        ));
    }
    for line in BufReader::new(std::fs::File::open(dir.join("accounts.csv"))?).lines().skip(1) {
        let line = line?;
        let f: Vec<&str> = line.split(',').collect();
        data.accounts.push(account(
            f[0].parse().unwrap_or(0),
            f[1].parse().unwrap_or(0),
            f[2].parse().unwrap_or(0),
            f[3].parse().unwrap_or(0.0),
            f[4].parse().unwrap_or(0.0),
        ));
    }
    data.call_patterns = patterns();
    Ok(data)
}

/// Runs of each timed step.
const REPEATS: usize = 5;

fn median(runs: &mut [f64]) -> f64 {
    runs.sort_by(f64::total_cmp);
    runs[runs.len() / 2]
}

fn run(dir: &Path) -> std::io::Result<()> {
    let t = Instant::now();
    let data = read(dir)?;
    let load = t.elapsed().as_secs_f64();
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 15).expect("date");
    let rule = SegmentationRule::abc_by_potential();
    // Each step runs REPEATS times on the loaded data and the median is reported (the first
    // run on this machine pays for fresh memory, which later runs partly reuse).
    let mut segment_runs = Vec::new();
    let mut workload_runs = Vec::new();
    let mut last = None;
    for _ in 0..REPEATS {
        // The previous run's results go first, so each run has the same memory to work in.
        let _ = last.take();
        let t = Instant::now();
        let inputs =
            segment_inputs(&data, rule.measure, rule.window_days, as_of, None).unwrap_or_else(|e| fail(&e.to_string()));
        let s = segment(&inputs, &rule, &[]).unwrap_or_else(|e| fail(&e.to_string()));
        segment_runs.push(t.elapsed().as_secs_f64());
        drop(inputs);
        let t = Instant::now();
        let w = workload(&data, &s, as_of, &WorkloadOptions::default()).unwrap_or_else(|e| fail(&e.to_string()));
        workload_runs.push(t.elapsed().as_secs_f64());
        last = Some((s, w));
    }
    let Some((s, w)) = last else { fail("no run") };
    let (segmentation, workload_s) = (median(&mut segment_runs), median(&mut workload_runs));
    let minutes: u64 = w.people.values().map(Load::minutes).sum();
    let mut out = BufWriter::new(std::fs::File::create(dir.join("sutton_segments.csv"))?);
    writeln!(out, "id,segment")?;
    let mut line = String::new();
    for a in &s.accounts {
        line.clear();
        let _ = writeln!(line, "{},{}", a.account, s.segment(a));
        out.write_all(line.as_bytes())?;
    }
    out.flush()?;
    println!(
        "{{\"accounts\": {}, \"load_s\": {load:.4}, \"segment_s\": {segmentation:.4}, \"workload_s\": {workload_s:.4}, \"workload_minutes\": {minutes}, \"segment_runs\": {segment_runs:?}, \"workload_runs\": {workload_runs:?}, \"A\": {}, \"B\": {}, \"C\": {}}}",
        data.accounts.len(),
        s.summary[0].accounts,
        s.summary[1].accounts,
        s.summary[2].accounts
    );
    Ok(())
}

fn callplan_bench(accounts: usize, reps: usize, seed: u64) {
    let mut rng = Rng(seed.max(1));
    let names = default_names(3);
    let curves = ResponseCurve::defaults(&names);
    let list: Vec<CallPlanAccount> = (0..accounts)
        .map(|i| {
            let index = match rng.next() % 10 {
                0..=1 => 0,
                2..=4 => 1,
                _ => 2,
            };
            let segment = names[index].clone();
            CallPlanAccount {
                account: AccountId(i as i64 + 1),
                rep: PersonId(1 + (i % reps) as i64),
                curve: curves[&segment],
                segment,
                value: potential(&mut rng) / 3,
                minutes_per_call: 30 + (rng.next() % 90) as u32,
                current_calls: [12, 4, 1][index],
            }
        })
        .collect();
    let budgets: BTreeMap<PersonId, u64> = (1..=reps as i64).map(|r| (PersonId(r), 2400 * 46 * 6 / 10)).collect();
    let t = Instant::now();
    let plan = callplan(&list, &budgets, &CallPlanOptions::default()).unwrap_or_else(|e| fail(&e.to_string()));
    let seconds = t.elapsed().as_secs_f64();
    println!(
        "{{\"accounts\": {accounts}, \"reps\": {reps}, \"callplan_s\": {seconds:.4}, \"current_profit\": {}, \"planned_profit\": {}}}",
        plan.current_profit, plan.planned_profit
    );
}

/// The allocator the `sutton` binary runs with, so the figures are the product's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("gen") => {
            let dir: String = arg(&args, 2, "DIR");
            generate(Path::new(&dir), arg(&args, 3, "ACCOUNTS"), arg(&args, 4, "REPS"), arg(&args, 5, "SEED"))
                .unwrap_or_else(|e| fail(&e.to_string()));
        }
        Some("run") => {
            let dir: String = arg(&args, 2, "DIR");
            run(Path::new(&dir)).unwrap_or_else(|e| fail(&e.to_string()));
        }
        Some("callplan") => callplan_bench(arg(&args, 2, "ACCOUNTS"), arg(&args, 3, "REPS"), arg(&args, 4, "SEED")),
        _ => fail("usage: plan_bench gen DIR ACCOUNTS REPS SEED | run DIR | callplan ACCOUNTS REPS SEED"),
    }
}
