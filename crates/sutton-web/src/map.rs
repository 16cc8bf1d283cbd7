//! A map of US counties coloured by a value, drawn as SVG on the server from the embedded
//! us-atlas outlines (Albers USA, Alaska and Hawaii as insets).
//!
//! The outlines are turned into path data once per process, at half-pixel precision with
//! repeated points dropped, which keeps the whole country near 1 MB of markup before compression.
//! Values are split into classes at quantiles of the non-zero values, so a few huge counties do
//! not wash the rest out; counties without a value stay grey. Every county has a `<title>` with
//! its name and value, and the figure carries a table of the top counties for screen readers.

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::LazyLock;

use crate::html::escape;

/// Classes from pale to dark (ColorBrewer "Blues", 6 classes).
const CLASSES: [&str; 6] = ["#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];
const NO_DATA: &str = "#eceff3";

struct Outline {
    fips: String,
    name: String,
    path: String,
}

static OUTLINES: LazyLock<Vec<Outline>> = LazyLock::new(|| {
    sutton_geo::counties::us_counties(sutton_geo::counties::Scope::All)
        .counties
        .into_iter()
        .filter(|c| !c.outline.is_empty())
        .map(|c| {
            let mut d = String::new();
            for ring in &c.outline {
                let mut last = None;
                let mut first = true;
                for [x, y] in ring {
                    let p = ((x * 2.0).round() as i32, (y * 2.0).round() as i32);
                    if last == Some(p) {
                        continue;
                    }
                    let _ = write!(d, "{}{},{}", if first { 'M' } else { 'L' }, p.0, p.1);
                    first = false;
                    last = Some(p);
                }
                if !first {
                    d.push('Z');
                }
            }
            Outline { name: format!("{}, {}", c.name, c.state), fips: c.fips, path: d }
        })
        .collect()
});

/// The class boundaries: five cut points at rank quantiles of the positive values.
fn breaks(values: &[f64]) -> Vec<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| *x > 0.0 && x.is_finite()).collect();
    if v.is_empty() {
        return Vec::new();
    }
    v.sort_by(f64::total_cmp);
    // The first value of each class after the first: classes split the ranks evenly, so the
    // smallest value is always in the palest class and the largest in the darkest.
    let last = v.len() - 1;
    (1..CLASSES.len()).map(|i| v[(i * last).div_ceil(CLASSES.len()).min(last)]).collect()
}

fn class_of(value: f64, breaks: &[f64]) -> usize {
    breaks.iter().take_while(|b| value >= **b).count().min(CLASSES.len() - 1)
}

/// The map: `values` by county FIPS code, each with its label (already formatted), coloured in
/// six classes from pale to dark.
pub(crate) fn county_map(title: &str, values: &HashMap<String, (f64, String)>, top_heading: [&str; 2]) -> String {
    let numbers: Vec<f64> = values.values().map(|(v, _)| *v).collect();
    let cuts = breaks(&numbers);
    let fills: HashMap<String, (&str, String)> = values
        .iter()
        .map(|(fips, (v, label))| {
            let colour = if *v > 0.0 { CLASSES[class_of(*v, &cuts)] } else { NO_DATA };
            (fips.clone(), (colour, label.clone()))
        })
        .collect();
    let mut legend = Vec::new();
    let mut lower = 0.0;
    for (i, colour) in CLASSES.iter().enumerate() {
        if cuts.is_empty() {
            break;
        }
        let range = match cuts.get(i).copied() {
            Some(u) => {
                let r = format!("{} – {}", short(lower), short(u));
                lower = u;
                r
            }
            None => format!("≥ {}", short(lower)),
        };
        legend.push(((*colour).to_owned(), range));
    }
    // The twenty largest values as a table, for screen readers and for reading exact figures.
    let mut top: Vec<(&String, &(f64, String))> = values.iter().filter(|(_, (v, _))| *v > 0.0).collect();
    top.sort_by(|a, b| b.1.0.total_cmp(&a.1.0).then(a.0.cmp(b.0)));
    let names: HashMap<&str, &str> = OUTLINES.iter().map(|o| (o.fips.as_str(), o.name.as_str())).collect();
    let rows: Vec<(String, String)> = top
        .into_iter()
        .take(20)
        .map(|(fips, (_, label))| (names.get(fips.as_str()).copied().unwrap_or(fips).to_owned(), label.clone()))
        .collect();
    draw(title, &fills, &legend, top_heading, &rows)
}

/// Diverging colours for a deviation from target: blue under, white on target, red over.
pub(crate) const DEVIATION: [(f64, &str); 7] = [
    (-0.30, "#2166ac"),
    (-0.15, "#67a9cf"),
    (-0.05, "#d1e5f0"),
    (0.05, "#f7f7f7"),
    (0.15, "#fddbc7"),
    (0.30, "#ef8a62"),
    (f64::INFINITY, "#b2182b"),
];

/// The legend of [`DEVIATION`]'s colours: each with the band it stands for.
pub(crate) fn deviation_legend() -> Vec<(String, String)> {
    const BANDS: [&str; 7] = ["< -30 %", "-30 … -15 %", "-15 … -5 %", "± 5 %", "5 … 15 %", "15 … 30 %", "> 30 %"];
    DEVIATION.iter().zip(BANDS).map(|((_, colour), band)| ((*colour).to_owned(), band.to_owned())).collect()
}

/// The colour of a relative deviation (`-0.2` = 20 % under target).
pub(crate) fn deviation_colour(d: f64) -> &'static str {
    DEVIATION.iter().find(|(upper, _)| d < *upper).map_or(DEVIATION[6].1, |(_, c)| c)
}

/// Any colouring: `fills` by FIPS code (colour and label), a legend, and a table of rows.
pub(crate) fn draw(
    title: &str,
    fills: &HashMap<String, (&str, String)>,
    legend: &[(String, String)],
    table_heading: [&str; 2],
    table_rows: &[(String, String)],
) -> String {
    draw_marked("map", title, fills, legend, table_heading, table_rows, &Marks::default())
}

/// What to draw over the counties: outlined (locked) counties and pins (reps' homes), each
/// with a label for its tooltip.
#[derive(Debug, Default)]
pub(crate) struct Marks {
    pub(crate) outlined: Vec<String>,
    pub(crate) pins: Vec<(String, String)>,
}

/// The centre of a county's outline in the map's coordinates (twice the atlas pixels).
fn centre(fips: &str) -> Option<(f64, f64)> {
    static CENTRES: LazyLock<HashMap<String, (f64, f64)>> = LazyLock::new(|| {
        sutton_geo::counties::us_counties(sutton_geo::counties::Scope::All)
            .counties
            .into_iter()
            .filter_map(|c| {
                let points: Vec<[f64; 2]> =
                    c.outline.iter().flatten().map(|p| [f64::from(p[0]), f64::from(p[1])]).collect();
                (!points.is_empty()).then(|| {
                    let n = points.len() as f64;
                    let (x, y) = points.iter().fold((0.0, 0.0), |(x, y), p| (x + p[0], y + p[1]));
                    (c.fips, (2.0 * x / n, 2.0 * y / n))
                })
            })
            .collect()
    });
    CENTRES.get(fips).copied()
}

/// [`draw`] with its own element id (several maps on one page) and marks drawn on top.
pub(crate) fn draw_marked(
    id: &str,
    title: &str,
    fills: &HashMap<String, (&str, String)>,
    legend: &[(String, String)],
    table_heading: [&str; 2],
    table_rows: &[(String, String)],
    marks: &Marks,
) -> String {
    let mut svg = String::with_capacity(1 << 20);
    let _ = write!(
        svg,
        "<figure class=\"chart\"><figcaption id=\"{id}-t\">{t}</figcaption>\
         <svg viewBox=\"0 0 1950 1220\" width=\"100%\" role=\"img\" aria-labelledby=\"{id}-t\" style=\"max-width:975px\">\
         <title>{t}</title><g stroke=\"#ffffff\" stroke-width=\"0.6\" stroke-linejoin=\"round\">",
        t = escape(title)
    );
    for o in OUTLINES.iter() {
        let (fill, label) = fills.get(&o.fips).map_or((NO_DATA, ""), |(c, l)| (*c, l.as_str()));
        let _ = write!(
            svg,
            "<path d=\"{}\" fill=\"{fill}\" data-fips=\"{}\"><title>{}{}{}</title></path>",
            o.path,
            o.fips,
            escape(&o.name),
            if label.is_empty() { "" } else { ": " },
            escape(label)
        );
    }
    svg.push_str("</g>");
    if !marks.outlined.is_empty() {
        let paths: HashMap<&str, &str> = OUTLINES.iter().map(|o| (o.fips.as_str(), o.path.as_str())).collect();
        svg.push_str("<g fill=\"none\" stroke=\"#1d2330\" stroke-width=\"2.5\" pointer-events=\"none\">");
        for fips in &marks.outlined {
            if let Some(d) = paths.get(fips.as_str()) {
                let _ = write!(svg, "<path d=\"{d}\" data-locked=\"{}\"/>", escape(fips));
            }
        }
        svg.push_str("</g>");
    }
    for (fips, label) in &marks.pins {
        if let Some((x, y)) = centre(fips) {
            let _ = write!(
                svg,
                "<circle cx=\"{x:.0}\" cy=\"{y:.0}\" r=\"9\" fill=\"#1d2330\" stroke=\"#ffffff\" stroke-width=\"3\" class=\"home\"><title>{}</title></circle>",
                escape(label)
            );
        }
    }
    svg.push_str("</svg><div class=\"legend\" aria-hidden=\"true\">");
    for (colour, text) in legend {
        let _ = write!(svg, "<span><i style=\"background:{colour};border:1px solid #ccd\"></i>{}</span>", escape(text));
    }
    let _ = write!(
        svg,
        "</div><table class=\"sr-only\"><caption>{}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        escape(title),
        escape(table_heading[0]),
        escape(table_heading[1])
    );
    for (name, label) in table_rows {
        let _ = write!(svg, "<tr><th scope=\"row\">{}</th><td>{}</td></tr>", escape(name), escape(label));
    }
    svg.push_str("</tbody></table></figure>");
    svg
}

/// A legend number in a short form (counts and values in thousands or millions).
fn short(v: f64) -> String {
    let a = v.abs();
    if a >= 1e6 {
        format!("{:.1}M", v / 1e6)
    } else if a >= 1e4 {
        format!("{:.0}K", v / 1e3)
    } else {
        format!("{v:.0}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_county_is_drawn_and_coloured_by_its_class() {
        let mut values = HashMap::new();
        values.insert("06037".to_owned(), (1000.0, "1,000 accounts".to_owned()));
        values.insert("36061".to_owned(), (1.0, "1 account".to_owned()));
        let svg = county_map("Accounts", &values, ["County", "Accounts"]);
        assert!(OUTLINES.len() > 3_100, "all counties, with Alaska and Hawaii");
        assert_eq!(svg.matches("<path ").count(), OUTLINES.len());
        assert!(svg.contains("data-fips=\"06037\"><title>Los Angeles, CA: 1,000 accounts</title>"));
        let la = svg.split("data-fips=\"06037\"").next().and_then(|s| s.rsplit("fill=\"").next()).expect("fill");
        let ny = svg.split("data-fips=\"36061\"").next().and_then(|s| s.rsplit("fill=\"").next()).expect("fill");
        assert!(la.starts_with(CLASSES[5]), "the largest value is darkest: {la}");
        assert!(ny.starts_with(CLASSES[0]), "the smallest is palest: {ny}");
        assert!(svg.contains("<tr><th scope=\"row\">Los Angeles, CA</th><td>1,000 accounts</td></tr>"));
        assert!(svg.len() < 3 << 20, "the map stays a reasonable size: {} bytes", svg.len());
    }

    #[test]
    fn deviations_run_from_blue_through_white_to_red() {
        assert_eq!(deviation_colour(-0.5), "#2166ac");
        assert_eq!(deviation_colour(0.0), "#f7f7f7");
        assert_eq!(deviation_colour(0.049), "#f7f7f7");
        assert_eq!(deviation_colour(0.2), "#ef8a62");
        assert_eq!(deviation_colour(3.0), "#b2182b");
    }

    #[test]
    fn classes_split_at_quantiles() {
        let values: Vec<f64> = (1..=100).map(f64::from).collect();
        let b = breaks(&values);
        assert_eq!(b.len(), 5);
        assert_eq!(class_of(1.0, &b), 0);
        assert_eq!(class_of(100.0, &b), 5);
        assert!(b.windows(2).all(|w| w[0] <= w[1]));
    }
}
