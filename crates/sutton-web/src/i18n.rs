//! Languages: messages from Fluent files, and numbers, money and dates written the way each
//! language writes them.
//!
//! Messages live in `locales/<tag>.ftl`, embedded in the binary. English is the reference: every
//! other language must have exactly its ids (a test fails otherwise), and a missing message at
//! run time falls back to English rather than showing an id. Values of closed sets (statuses,
//! roles, kinds) are messages too, with ids `v-<set>-<value>`.
//!
//! Number and money formats follow CLDR's conventions for the four languages: `1,234.5` in
//! English and Chinese, `1 234,5` (no-break space) in Norwegian, `1.234,5` in Danish; money
//! carries its currency symbol where each language puts it. Amounts are integer minor units
//! ([`Money`]); formatting divides by the currency's exponent with integer arithmetic and only
//! the compact form (`$1.2M`, `120万`) rounds, which it says by being compact.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use sutton_app::domain::{Language, Money};

const SOURCES: [(Language, &str); 4] = [
    (Language::English, include_str!("../locales/en.ftl")),
    (Language::NorwegianBokmal, include_str!("../locales/nb.ftl")),
    (Language::Danish, include_str!("../locales/da.ftl")),
    (Language::SimplifiedChinese, include_str!("../locales/zh-CN.ftl")),
];

type Bundle = FluentBundle<FluentResource>;

struct Catalog {
    bundles: Vec<(Language, Bundle)>,
    /// Every message that takes no arguments, formatted once per language: pages ask for
    /// hundreds of labels per request, and a map lookup is far cheaper than formatting.
    plain: Vec<(Language, std::collections::HashMap<String, String>)>,
}

fn bundle(language: Language, source: &str) -> Bundle {
    let resource = FluentResource::try_new(source.to_owned())
        .unwrap_or_else(|(_, errors)| panic!("the {} message file does not parse: {errors:?}", language.tag()));
    let tag = language.tag().parse().unwrap_or_else(|_| panic!("{} is a language tag", language.tag()));
    let mut bundle = FluentBundle::new_concurrent(vec![tag]);
    // The pages are HTML, not bidirectional plain text: no isolation marks around arguments.
    bundle.set_use_isolating(false);
    if let Err(errors) = bundle.add_resource(resource) {
        panic!("the {} message file repeats ids: {errors:?}", language.tag());
    }
    bundle
}

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| {
    let bundles: Vec<(Language, Bundle)> = SOURCES.iter().map(|(l, s)| (*l, bundle(*l, s))).collect();
    let plain = SOURCES
        .iter()
        .zip(&bundles)
        .map(|((language, source), (_, bundle))| {
            let mut map = std::collections::HashMap::new();
            for id in message_ids(source) {
                let Some(pattern) = bundle.get_message(&id).and_then(|m| m.value()) else { continue };
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, None, &mut errors);
                // Messages that need arguments report errors without them: they stay dynamic.
                if errors.is_empty() {
                    map.insert(id, text.into_owned());
                }
            }
            (*language, map)
        })
        .collect();
    Catalog { bundles, plain }
});

/// The ids of a Fluent source's messages (lines `id = …` at the start of a line).
fn message_ids(source: &str) -> Vec<String> {
    source
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic()))
        .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim().to_owned()))
        .collect()
}

impl Catalog {
    fn get(&self, language: Language) -> &Bundle {
        let found = self.bundles.iter().find(|(l, _)| *l == language).or_else(|| self.bundles.first());
        &found.expect("the catalog has English").1
    }

    fn plain(&self, language: Language, id: &str) -> Option<&str> {
        self.plain.iter().find(|(l, _)| *l == language)?.1.get(id).map(String::as_str)
    }

    fn format(&self, language: Language, id: &str, args: Option<&FluentArgs>) -> Option<String> {
        let bundle = self.get(language);
        let pattern = bundle.get_message(id)?.value()?;
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        errors.is_empty().then(|| text.into_owned())
    }
}

/// The language a page is written in, with its formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tr {
    pub(crate) language: Language,
}

/// Every language the interface speaks, in the order the picker shows them.
pub(crate) const LANGUAGES: [Language; 4] =
    [Language::English, Language::NorwegianBokmal, Language::Danish, Language::SimplifiedChinese];

/// The name of a language in that language.
pub(crate) fn endonym(language: Language) -> &'static str {
    match language {
        Language::English => "English",
        Language::NorwegianBokmal => "Norsk bokmål",
        Language::Danish => "Dansk",
        Language::SimplifiedChinese => "简体中文",
    }
}

struct NumberStyle {
    group: &'static str,
    decimal: char,
}

impl Tr {
    pub(crate) fn new(language: Language) -> Tr {
        Tr { language }
    }

    /// The message `id`; English when this language lacks it; the id itself only if English does.
    pub(crate) fn t(&self, id: &str) -> String {
        CATALOG
            .plain(self.language, id)
            .or_else(|| CATALOG.plain(Language::English, id))
            .map_or_else(|| id.to_owned(), str::to_owned)
    }

    /// The message `id` with named arguments (numbers are passed pre-formatted as text so that
    /// the page's number style applies).
    pub(crate) fn ta(&self, id: &str, args: &[(&str, String)]) -> String {
        let mut fluent = FluentArgs::new();
        for (name, value) in args {
            fluent.set(*name, FluentValue::from(value.clone()));
        }
        self.formatted(id, &fluent)
    }

    /// A count with plural forms: the message gets `$n` as a number for its selector and
    /// `$count` formatted.
    pub(crate) fn count(&self, id: &str, n: i64) -> String {
        self.count_with(id, n, &[])
    }

    /// A message with plural forms on `$n` (and `$count`, formatted) and other named arguments,
    /// pre-formatted as text like [`Tr::ta`]'s.
    pub(crate) fn count_with(&self, id: &str, n: i64, args: &[(&str, String)]) -> String {
        let mut fluent = FluentArgs::new();
        fluent.set("n", FluentValue::from(n));
        fluent.set("count", FluentValue::from(self.number(n)));
        for (name, value) in args {
            fluent.set(*name, FluentValue::from(value.clone()));
        }
        self.formatted(id, &fluent)
    }

    /// The message in the reader's language, else in English, else its id.
    fn formatted(&self, id: &str, fluent: &FluentArgs<'_>) -> String {
        CATALOG
            .format(self.language, id, Some(fluent))
            .or_else(|| CATALOG.format(Language::English, id, Some(fluent)))
            .unwrap_or_else(|| id.to_owned())
    }

    /// The label of a value from a closed set, e.g. `value("account_status", "customer")`.
    pub(crate) fn value(&self, set: &str, value: &str) -> String {
        let id = format!("v-{set}-{value}");
        match CATALOG.plain(self.language, &id).or_else(|| CATALOG.plain(Language::English, &id)) {
            Some(text) => text.to_owned(),
            // Open sets (non-selling time categories named by the user) show their own name.
            None => value.replace('_', " "),
        }
    }

    fn style(&self) -> NumberStyle {
        match self.language {
            Language::English | Language::SimplifiedChinese => NumberStyle { group: ",", decimal: '.' },
            Language::NorwegianBokmal => NumberStyle { group: "\u{a0}", decimal: ',' },
            Language::Danish => NumberStyle { group: ".", decimal: ',' },
        }
    }

    fn group(&self, digits: &str) -> String {
        let group = self.style().group;
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 * group.len());
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(group);
            }
            out.push(c);
        }
        out
    }

    /// An integer with grouped thousands.
    pub(crate) fn number(&self, n: i64) -> String {
        let digits = self.group(&n.unsigned_abs().to_string());
        if n < 0 { format!("-{digits}") } else { digits }
    }

    /// A measured quantity (not money) with `places` decimals.
    pub(crate) fn decimal(&self, x: f64, places: usize) -> String {
        if !x.is_finite() {
            return "–".to_owned();
        }
        let text = format!("{:.*}", places, x.abs());
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let mut out = String::new();
        if x < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
            out.push('-');
        }
        out.push_str(&self.group(whole));
        if !fraction.is_empty() {
            out.push(self.style().decimal);
            out.push_str(fraction);
        }
        out
    }

    /// A share as a percentage, `0.1234` → `12.3 %` (`12,3 %` in Norwegian and Danish).
    pub(crate) fn percent(&self, share: f64, places: usize) -> String {
        let number = self.decimal(share * 100.0, places);
        match self.language {
            Language::English | Language::SimplifiedChinese => format!("{number}%"),
            Language::NorwegianBokmal | Language::Danish => format!("{number}\u{a0}%"),
        }
    }

    fn symbol(&self, code: &str) -> (String, bool) {
        // (symbol, goes before the number)
        match (self.language, code) {
            (Language::English, "USD") => ("$".to_owned(), true),
            (Language::English, "EUR") => ("€".to_owned(), true),
            (Language::English, "GBP") => ("£".to_owned(), true),
            (Language::English, c) => (format!("{c}\u{a0}"), true),
            (Language::SimplifiedChinese, "CNY") => ("¥".to_owned(), true),
            (Language::SimplifiedChinese, "USD") => ("US$".to_owned(), true),
            (Language::SimplifiedChinese, c) => (format!("{c}\u{a0}"), true),
            (Language::NorwegianBokmal, "NOK") => ("kr".to_owned(), false),
            (Language::Danish, "DKK") => ("kr.".to_owned(), false),
            (Language::Danish, "USD") => ("US$".to_owned(), false),
            (Language::NorwegianBokmal | Language::Danish, c) => (c.to_owned(), false),
        }
    }

    fn with_symbol(&self, money: &Money, number: String) -> String {
        let (symbol, before) = self.symbol(money.currency().code());
        let (sign, number) = match number.strip_prefix('-') {
            Some(rest) => ("-", rest.to_owned()),
            None => ("", number),
        };
        if before { format!("{sign}{symbol}{number}") } else { format!("{sign}{number}\u{a0}{symbol}") }
    }

    /// Money exactly, with all its minor digits: `$1,234.56`, `1 234,56 USD`.
    pub(crate) fn money(&self, money: &Money) -> String {
        let per = money.currency().minor_per_major();
        let minor = money.minor();
        let whole = self.group(&(minor.unsigned_abs() / per.unsigned_abs()).to_string());
        let exponent = usize::from(money.currency().exponent());
        let mut number = if minor < 0 { format!("-{whole}") } else { whole };
        if exponent > 0 {
            number.push(self.style().decimal);
            number.push_str(&format!("{:0exponent$}", minor.unsigned_abs() % per.unsigned_abs()));
        }
        self.with_symbol(money, number)
    }

    /// Money rounded to whole units (half away from zero) for tables of large amounts.
    pub(crate) fn money_whole(&self, money: &Money) -> String {
        let per = i128::from(money.currency().minor_per_major());
        let minor = i128::from(money.minor());
        let rounded = (minor.abs() + per / 2) / per * minor.signum();
        let number = self.number(i64::try_from(rounded).unwrap_or(i64::MAX));
        self.with_symbol(money, number)
    }

    /// Money in a short form for charts and headline figures: `$1.2M`, `1,2 mill. USD`, `US$120万`.
    pub(crate) fn money_compact(&self, money: &Money) -> String {
        let major = money.to_major_f64();
        let a = major.abs();
        let units: &[(f64, &str)] = match self.language {
            Language::English => &[(1e9, "B"), (1e6, "M"), (1e3, "K")],
            Language::NorwegianBokmal => &[(1e9, "\u{a0}mrd."), (1e6, "\u{a0}mill."), (1e3, "\u{a0}k")],
            Language::Danish => &[(1e9, "\u{a0}mia."), (1e6, "\u{a0}mio."), (1e3, "\u{a0}t.")],
            Language::SimplifiedChinese => &[(1e8, "亿"), (1e4, "万")],
        };
        let number = match units.iter().find(|(size, _)| a >= *size) {
            Some((size, suffix)) => {
                let scaled = major / size;
                let places = if scaled.abs() >= 100.0 { 0 } else { 1 };
                let mut n = self.decimal(scaled, places);
                let trailing = format!("{}0", self.style().decimal);
                if n.ends_with(&trailing) {
                    n.truncate(n.len() - trailing.len());
                }
                format!("{n}{suffix}")
            }
            None => self.decimal(major, 0),
        };
        self.with_symbol(money, number)
    }

    fn month_short(&self, month: u32) -> &'static str {
        const EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        const NB: [&str; 12] =
            ["jan.", "feb.", "mar.", "apr.", "mai", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "des."];
        const DA: [&str; 12] =
            ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."];
        let i = (month.clamp(1, 12) - 1) as usize;
        match self.language {
            Language::English | Language::SimplifiedChinese => EN[i],
            Language::NorwegianBokmal => NB[i],
            Language::Danish => DA[i],
        }
    }

    /// A date: `Nov 15, 2026`, `15. nov. 2026`, `2026年11月15日`.
    pub(crate) fn date(&self, d: NaiveDate) -> String {
        match self.language {
            Language::English => format!("{} {}, {}", self.month_short(d.month()), d.day(), d.year()),
            Language::NorwegianBokmal | Language::Danish => {
                format!("{}. {} {}", d.day(), self.month_short(d.month()), d.year())
            }
            Language::SimplifiedChinese => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        }
    }

    /// A calendar month: `Nov 2026`, `nov. 2026`, `2026年11月`.
    pub(crate) fn month(&self, d: NaiveDate) -> String {
        match self.language {
            Language::SimplifiedChinese => format!("{}年{}月", d.year(), d.month()),
            _ => format!("{} {}", self.month_short(d.month()), d.year()),
        }
    }
}

/// Every message id of a Fluent source, in order.
#[cfg(test)]
pub(crate) fn ids(source: &str) -> Vec<String> {
    use fluent_syntax::ast::Entry;
    let resource = fluent_syntax::parser::parse(source).expect("parses");
    resource
        .body
        .iter()
        .filter_map(|e| match e {
            Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use sutton_app::domain::Currency;

    use super::*;

    #[test]
    fn every_language_has_exactly_the_english_ids() {
        let english: BTreeSet<String> = ids(SOURCES[0].1).into_iter().collect();
        assert!(english.len() > 100, "the interface has its messages");
        for (language, source) in &SOURCES[1..] {
            let theirs: BTreeSet<String> = ids(source).into_iter().collect();
            let missing: Vec<_> = english.difference(&theirs).collect();
            let extra: Vec<_> = theirs.difference(&english).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", language.tag());
            assert!(extra.is_empty(), "{} has ids English lacks: {extra:?}", language.tag());
        }
    }

    #[test]
    fn the_quick_id_scan_finds_what_the_parser_finds() {
        for (language, source) in &SOURCES {
            assert_eq!(message_ids(source), ids(source), "{}", language.tag());
            // Plain messages are exactly those without arguments.
            let plain = &CATALOG.plain.iter().find(|(l, _)| l == language).expect("plain").1;
            assert!(plain.contains_key("nav-dashboard") && !plain.contains_key("deals-count"));
        }
    }

    #[test]
    fn every_id_the_code_asks_for_exists() {
        let english: BTreeSet<String> = ids(SOURCES[0].1).into_iter().collect();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut asked = BTreeSet::new();
        for entry in std::fs::read_dir(dir).expect("src") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("source");
            for call in [".t(\"", ".ta(\"", ".count(\"", ".count_with(\"", "tr_id(\""] {
                for piece in text.split(call).skip(1) {
                    if let Some(end) = piece.find('"') {
                        asked.insert(piece[..end].to_owned());
                    }
                }
            }
        }
        assert!(asked.len() > 50, "the scan finds the code's messages");
        let missing: Vec<_> = asked.iter().filter(|id| !english.contains(*id)).collect();
        assert!(missing.is_empty(), "messages used in code but not in en.ftl: {missing:?}");
    }

    #[test]
    fn closed_sets_have_a_label_in_every_language() {
        use sutton_app::domain::{
            AccessRole, AccountStatus, ActivityKind, ForecastCategory, OpportunityStatus, OpportunityType, SalesRole,
        };
        let mut ids = Vec::new();
        ids.extend(AccountStatus::ALL.iter().map(|v| format!("v-account_status-{v}")));
        ids.extend(OpportunityStatus::ALL.iter().map(|v| format!("v-opportunity_status-{v}")));
        ids.extend(OpportunityType::ALL.iter().map(|v| format!("v-opportunity_type-{v}")));
        ids.extend(ForecastCategory::ALL.iter().map(|v| format!("v-forecast_category-{v}")));
        ids.extend(SalesRole::ALL.iter().map(|v| format!("v-sales_role-{v}")));
        ids.extend(AccessRole::ALL.iter().map(|v| format!("v-access_role-{v}")));
        ids.extend(ActivityKind::ALL.iter().map(|v| format!("v-activity_kind-{v}")));
        ids.extend(sutton_app::insight::CauseKind::ALL.iter().map(|v| format!("v-cause-{}", v.as_str())));
        for language in LANGUAGES {
            for id in &ids {
                assert!(CATALOG.format(language, id, None).is_some(), "{id} in {}", language.tag());
            }
        }
    }

    #[test]
    fn numbers_are_written_the_local_way() {
        let n = 1_234_567;
        assert_eq!(Tr::new(Language::English).number(n), "1,234,567");
        assert_eq!(Tr::new(Language::NorwegianBokmal).number(n), "1\u{a0}234\u{a0}567");
        assert_eq!(Tr::new(Language::Danish).number(n), "1.234.567");
        assert_eq!(Tr::new(Language::SimplifiedChinese).number(-n), "-1,234,567");
        assert_eq!(Tr::new(Language::Danish).decimal(1234.5, 1), "1.234,5");
        assert_eq!(Tr::new(Language::English).decimal(-0.04, 1), "0.0");
        assert_eq!(Tr::new(Language::NorwegianBokmal).percent(0.1234, 1), "12,3\u{a0}%");
    }

    #[test]
    fn money_is_exact_and_placed_the_local_way() {
        let usd = Money::from_minor(123_456_789, Currency::USD);
        assert_eq!(Tr::new(Language::English).money(&usd), "$1,234,567.89");
        assert_eq!(Tr::new(Language::NorwegianBokmal).money(&usd), "1\u{a0}234\u{a0}567,89\u{a0}USD");
        assert_eq!(Tr::new(Language::Danish).money(&usd), "1.234.567,89\u{a0}US$");
        assert_eq!(Tr::new(Language::SimplifiedChinese).money(&usd), "US$1,234,567.89");
        let neg = Money::from_minor(-5, Currency::USD);
        assert_eq!(Tr::new(Language::English).money(&neg), "-$0.05");
        let yen = Money::from_minor(1_500, Currency::parse("JPY").expect("yen"));
        assert_eq!(Tr::new(Language::English).money(&yen), "JPY\u{a0}1,500");
        assert_eq!(Tr::new(Language::English).money_whole(&Money::from_minor(250, Currency::USD)), "$3");
        assert_eq!(Tr::new(Language::English).money_whole(&Money::from_minor(-250, Currency::USD)), "-$3");
    }

    #[test]
    fn compact_money_uses_each_languages_units() {
        let m = Money::from_minor(123_400_000, Currency::USD);
        assert_eq!(Tr::new(Language::English).money_compact(&m), "$1.2M");
        assert_eq!(Tr::new(Language::NorwegianBokmal).money_compact(&m), "1,2\u{a0}mill.\u{a0}USD");
        assert_eq!(Tr::new(Language::SimplifiedChinese).money_compact(&m), "US$123万");
        let even = Money::from_minor(200_000_000, Currency::USD);
        assert_eq!(Tr::new(Language::English).money_compact(&even), "$2M");
    }

    #[test]
    fn dates_are_written_the_local_way() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 15).expect("date");
        assert_eq!(Tr::new(Language::English).date(d), "Nov 15, 2026");
        assert_eq!(Tr::new(Language::NorwegianBokmal).date(d), "15. nov. 2026");
        assert_eq!(Tr::new(Language::Danish).month(d), "nov. 2026");
        assert_eq!(Tr::new(Language::SimplifiedChinese).date(d), "2026年11月15日");
    }
}
