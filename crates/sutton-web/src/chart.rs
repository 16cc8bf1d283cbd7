//! Charts as SVG, drawn on the server: bar, stacked bar, line, funnel, waterfall and heatmap.
//!
//! Each chart is a `<figure>` with a visible title, an `<svg role="img">` whose `<title>` and
//! `<desc>` say what it shows, and the same numbers as a table that only screen readers see.
//! Values arrive as `f64` for geometry only; every label is text the caller formatted (money
//! exactly, in the page's language), so a chart never prints a rounded float of its own.

use std::fmt::Write;

use crate::html::escape;

/// The palette: distinguishable for the common colour-vision deficiencies (Okabe–Ito order).
pub(crate) const COLOURS: [&str; 8] =
    ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

/// One number in a chart: where to draw it and how to say it.
#[derive(Debug, Clone)]
pub(crate) struct Datum {
    pub(crate) value: f64,
    pub(crate) label: String,
}

impl Datum {
    pub(crate) fn new(value: f64, label: impl Into<String>) -> Datum {
        Datum { value, label: label.into() }
    }
}

/// A named series of values over the chart's categories.
#[derive(Debug, Clone)]
pub(crate) struct Series {
    pub(crate) name: String,
    pub(crate) values: Vec<Datum>,
}

static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

fn chart_id() -> u64 {
    NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// The figure around an SVG body, with the screen-reader table.
fn figure(title: &str, desc: &str, width: u32, height: u32, svg_body: &str, table: &str) -> String {
    let id = chart_id();
    format!(
        "<figure class=\"chart\"><figcaption id=\"c{id}\">{t}</figcaption>\
         <svg viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-labelledby=\"c{id}t c{id}d\" \
         preserveAspectRatio=\"xMidYMid meet\" style=\"max-width:{width}px\">\
         <title id=\"c{id}t\">{t}</title><desc id=\"c{id}d\">{d}</desc>{svg_body}</svg>\
         <table class=\"sr-only\"><caption>{t}</caption>{table}</table></figure>",
        t = escape(title),
        d = escape(desc),
    )
}

fn table(categories: &[String], series: &[Series]) -> String {
    let mut t = String::from("<thead><tr><th scope=\"col\"></th>");
    for s in series {
        let _ = write!(t, "<th scope=\"col\">{}</th>", escape(&s.name));
    }
    t.push_str("</tr></thead><tbody>");
    for (i, c) in categories.iter().enumerate() {
        let _ = write!(t, "<tr><th scope=\"row\">{}</th>", escape(c));
        for s in series {
            let label = s.values.get(i).map_or("", |d| d.label.as_str());
            let _ = write!(t, "<td>{}</td>", escape(label));
        }
        t.push_str("</tr>");
    }
    t.push_str("</tbody>");
    t
}

fn legend(series: &[Series]) -> String {
    if series.len() < 2 {
        return String::new();
    }
    let mut out = String::from("<div class=\"legend\" aria-hidden=\"true\">");
    for (i, s) in series.iter().enumerate() {
        let _ =
            write!(out, "<span><i style=\"background:{}\"></i>{}</span>", COLOURS[i % COLOURS.len()], escape(&s.name));
    }
    out.push_str("</div>");
    out
}

/// A "nice" upper bound for an axis (1, 2, 2.5, 5 × 10ⁿ).
pub(crate) fn nice_max(max: f64) -> f64 {
    if !(max.is_finite() && max > 0.0) {
        return 1.0;
    }
    let magnitude = 10f64.powf(max.log10().floor());
    for step in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if step * magnitude >= max {
            return step * magnitude;
        }
    }
    10.0 * magnitude
}

/// Five horizontal gridlines from 0 to `max` across `[left, width − 8]`, labelled on the left.
fn gridlines(svg: &mut String, max: f64, (left, w): (f64, f64), y: &dyn Fn(f64) -> f64, label: &dyn Fn(f64) -> String) {
    for i in 0..=4 {
        let v = max * f64::from(i) / 4.0;
        let _ = write!(
            svg,
            "<line x1=\"{left}\" x2=\"{}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\" stroke=\"#e3e6ea\"/>\
             <text x=\"{}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\" fill=\"#5b6575\">{}</text>",
            w - 8.0,
            left - 6.0,
            y(v) + 4.0,
            escape(&label(v)),
            yy = y(v)
        );
    }
}

/// Columns, one per category, with the series stacked (a plain bar chart when there is one
/// series). `marker` draws a short line per category (e.g. the quota) with its own name.
pub(crate) fn stacked_columns(
    title: &str,
    categories: &[String],
    series: &[Series],
    marker: Option<&Series>,
    axis_label: impl Fn(f64) -> String,
) -> String {
    let (w, h, left, bottom, top) = (640.0, 260.0, 64.0, 36.0, 12.0);
    let n = categories.len().max(1) as f64;
    let totals: Vec<f64> = (0..categories.len())
        .map(|i| series.iter().map(|s| s.values.get(i).map_or(0.0, |d| d.value.max(0.0))).sum())
        .collect();
    let marker_max = marker.map_or(0.0, |m| m.values.iter().map(|d| d.value).fold(0.0, f64::max));
    let max = nice_max(totals.iter().copied().fold(marker_max, f64::max));
    let plot_h = h - bottom - top;
    let slot = (w - left - 8.0) / n;
    let bar = (slot * 0.62).max(2.0);
    let y = |v: f64| top + plot_h - v / max * plot_h;
    let mut svg = String::new();
    gridlines(&mut svg, max, (left, w), &y, &axis_label);
    for (i, c) in categories.iter().enumerate() {
        let x = left + slot * i as f64 + (slot - bar) / 2.0;
        let mut base = 0.0;
        for (k, s) in series.iter().enumerate() {
            let Some(d) = s.values.get(i) else { continue };
            let v = d.value.max(0.0);
            if v > 0.0 {
                let _ = write!(
                    svg,
                    "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{bar:.1}\" height=\"{:.1}\" fill=\"{}\"><title>{}: {}</title></rect>",
                    y(base + v),
                    y(base) - y(base + v),
                    COLOURS[k % COLOURS.len()],
                    escape(c),
                    escape(&format!("{} {}", s.name, d.label)).trim()
                );
            }
            base += v;
        }
        if let Some(m) = marker.and_then(|m| m.values.get(i)).filter(|d| d.value > 0.0) {
            let _ = write!(
                svg,
                "<line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\" stroke=\"#C62828\" stroke-width=\"2.5\"><title>{}</title></line>",
                x - 3.0,
                x + bar + 3.0,
                escape(&m.label),
                yy = y(m.value)
            );
        }
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#1d2330\">{}</text>",
            x + bar / 2.0,
            h - bottom + 16.0,
            escape(c)
        );
    }
    let mut all = series.to_vec();
    if let Some(m) = marker {
        all.push(m.clone());
    }
    let desc = series.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", ");
    let mut out = figure(title, &desc, w as u32, h as u32, &svg, &table(categories, &all));
    let mut legend_series = series.to_vec();
    if let Some(m) = marker {
        legend_series.push(Series { name: format!("— {}", m.name), values: vec![] });
    }
    out.push_str(&legend(&legend_series));
    out
}

/// A histogram: one column per bin, labelled below every `label_every` bins, with dashed
/// vertical lines at `marks` — `(bin index the line stands before, name)` — so a crowd just
/// over a line shows as a tall column right of it.
pub(crate) fn histogram(
    title: &str,
    bins: &[(String, Datum)],
    marks: &[(usize, String)],
    label_every: usize,
    axis_label: impl Fn(f64) -> String,
) -> String {
    let (w, h, left, bottom, top) = (640.0, 240.0, 56.0, 36.0, 22.0);
    let n = bins.len().max(1) as f64;
    let max = nice_max(bins.iter().map(|(_, d)| d.value).fold(0.0, f64::max));
    let plot_h = h - bottom - top;
    let slot = (w - left - 8.0) / n;
    let y = |v: f64| top + plot_h - v / max * plot_h;
    let mut svg = String::new();
    gridlines(&mut svg, max, (left, w), &y, &axis_label);
    for (i, (label, d)) in bins.iter().enumerate() {
        let x = left + slot * i as f64;
        if d.value > 0.0 {
            let _ = write!(
                svg,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{}\"><title>{}: {}</title></rect>",
                x + 0.5,
                y(d.value),
                (slot - 1.0).max(1.0),
                y(0.0) - y(d.value),
                COLOURS[0],
                escape(label),
                escape(&d.label)
            );
        }
        if label_every > 0 && i % label_every == 0 {
            let _ = write!(
                svg,
                "<text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#1d2330\">{}</text>",
                h - bottom + 14.0,
                escape(label.split('–').next().unwrap_or(label))
            );
        }
    }
    for (k, (at, name)) in marks.iter().enumerate() {
        let x = left + slot * *at as f64;
        let _ = write!(
            svg,
            "<line x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#C62828\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"><title>{n}</title></line>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" fill=\"#C62828\">{n}</text>",
            top - 4.0,
            y(0.0),
            x + 2.0,
            top - 8.0 + 10.0 * (k % 2) as f64,
            n = escape(name)
        );
    }
    let categories: Vec<String> = bins.iter().map(|(l, _)| l.clone()).collect();
    let series = [Series { name: title.to_owned(), values: bins.iter().map(|(_, d)| d.clone()).collect() }];
    let desc = marks.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>().join(", ");
    figure(title, &desc, w as u32, h as u32, &svg, &table(&categories, &series))
}

/// Horizontal bars, one per item, labelled with their values: readable with long names.
pub(crate) fn bars(title: &str, items: &[(String, Datum)]) -> String {
    let row = 24.0;
    let (w, left) = (640.0, 190.0);
    let h = row * items.len().max(1) as f64 + 8.0;
    let max = nice_max(items.iter().map(|(_, d)| d.value).fold(0.0, f64::max));
    let mut svg = String::new();
    for (i, (name, d)) in items.iter().enumerate() {
        let y = 4.0 + row * i as f64;
        let len = (d.value.max(0.0) / max * (w - left - 110.0)).max(0.0);
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"end\">{}</text>\
             <rect x=\"{left}\" y=\"{:.1}\" width=\"{len:.1}\" height=\"{:.1}\" fill=\"{}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"#1d2330\">{}</text>",
            left - 8.0,
            y + 15.0,
            escape(name),
            y + 3.0,
            row - 8.0,
            COLOURS[0],
            left + len + 6.0,
            y + 15.0,
            escape(&d.label)
        );
    }
    let categories: Vec<String> = items.iter().map(|(n, _)| n.clone()).collect();
    let series = [Series { name: title.to_owned(), values: items.iter().map(|(_, d)| d.clone()).collect() }];
    figure(title, title, w as u32, h as u32, &svg, &table(&categories, &series))
}

/// Lines over ordered categories (months, quarters).
pub(crate) fn lines(
    title: &str,
    categories: &[String],
    series: &[Series],
    axis_label: impl Fn(f64) -> String,
) -> String {
    let (w, h, left, bottom, top) = (640.0, 240.0, 64.0, 36.0, 12.0);
    let max = nice_max(series.iter().flat_map(|s| s.values.iter().map(|d| d.value)).fold(0.0, f64::max));
    let plot_h = h - bottom - top;
    let n = categories.len().max(2) as f64;
    // Room on the right for the last category's label, centred on its point.
    let x = |i: usize| left + 8.0 + (w - left - 56.0) * i as f64 / (n - 1.0);
    let y = |v: f64| top + plot_h - v.max(0.0) / max * plot_h;
    let mut svg = String::new();
    for i in 0..=4 {
        let v = max * f64::from(i) / 4.0;
        let _ = write!(
            svg,
            "<line x1=\"{left}\" x2=\"{}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\" stroke=\"#e3e6ea\"/>\
             <text x=\"{}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\" fill=\"#5b6575\">{}</text>",
            w - 16.0,
            left - 6.0,
            y(v) + 4.0,
            escape(&axis_label(v)),
            yy = y(v)
        );
    }
    for (i, c) in categories.iter().enumerate() {
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
            x(i),
            h - bottom + 16.0,
            escape(c)
        );
    }
    for (k, s) in series.iter().enumerate() {
        let colour = COLOURS[k % COLOURS.len()];
        let points: Vec<String> =
            s.values.iter().enumerate().map(|(i, d)| format!("{:.1},{:.1}", x(i), y(d.value))).collect();
        let _ = write!(
            svg,
            "<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\" points=\"{}\"/>",
            points.join(" ")
        );
        for (i, d) in s.values.iter().enumerate() {
            let _ = write!(
                svg,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\" fill=\"{colour}\"><title>{} {}: {}</title></circle>",
                x(i),
                y(d.value),
                escape(&s.name),
                escape(categories.get(i).map_or("", String::as_str)),
                escape(&d.label)
            );
        }
    }
    let mut out = figure(title, title, w as u32, h as u32, &svg, &table(categories, series));
    out.push_str(&legend(series));
    out
}

/// A funnel: each stage's bar centred and as wide as its value, with its label.
pub(crate) fn funnel(title: &str, stages: &[(String, Datum)]) -> String {
    let row = 30.0;
    let w = 640.0;
    let h = row * stages.len().max(1) as f64 + 4.0;
    let max = stages.iter().map(|(_, d)| d.value).fold(0.0, f64::max).max(f64::MIN_POSITIVE);
    let mut svg = String::new();
    for (i, (name, d)) in stages.iter().enumerate() {
        let width = (d.value.max(0.0) / max * (w - 260.0)).max(2.0);
        let x = 130.0 + (w - 260.0 - width) / 2.0;
        let y = 2.0 + row * i as f64;
        let _ = write!(
            svg,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{width:.1}\" height=\"{:.1}\" rx=\"3\" fill=\"{}\"/>\
             <text x=\"122\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"end\">{}</text>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\">{}</text>",
            row - 6.0,
            COLOURS[4],
            y + 18.0,
            escape(name),
            w - 124.0,
            y + 18.0,
            escape(&d.label)
        );
    }
    let categories: Vec<String> = stages.iter().map(|(n, _)| n.clone()).collect();
    let series = [Series { name: title.to_owned(), values: stages.iter().map(|(_, d)| d.clone()).collect() }];
    figure(title, title, w as u32, h as u32, &svg, &table(&categories, &series))
}

/// A waterfall: a start total, signed steps, and an end total; rises green, falls red.
pub(crate) fn waterfall(
    title: &str,
    start: (String, Datum),
    steps: &[(String, Datum)],
    end: (String, Datum),
) -> String {
    let (w, h, left, bottom, top) = (640.0, 260.0, 64.0, 40.0, 12.0);
    let mut running = start.1.value;
    let mut lo: f64 = 0.0;
    let mut hi: f64 = running.max(end.1.value);
    for (_, d) in steps {
        running += d.value;
        lo = lo.min(running);
        hi = hi.max(running);
    }
    let max = nice_max(hi);
    let min = if lo < 0.0 { -nice_max(-lo) } else { 0.0 };
    let plot_h = h - bottom - top;
    let y = |v: f64| top + plot_h - (v - min) / (max - min) * plot_h;
    let n = steps.len() + 2;
    let slot = (w - left - 8.0) / n as f64;
    let bar = slot * 0.64;
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<line x1=\"{left}\" x2=\"{}\" y1=\"{y0:.1}\" y2=\"{y0:.1}\" stroke=\"#8a96a8\"/>",
        w - 8.0,
        y0 = y(0.0)
    );
    let draw = |svg: &mut String, i: usize, from: f64, to: f64, colour: &str, name: &str, label: &str| {
        let x = left + slot * i as f64 + (slot - bar) / 2.0;
        let (a, b) = (y(from.max(to)), y(from.min(to)));
        let _ = write!(
            svg,
            "<rect x=\"{x:.1}\" y=\"{a:.1}\" width=\"{bar:.1}\" height=\"{:.1}\" fill=\"{colour}\"><title>{}: {}</title></rect>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10.5\" text-anchor=\"middle\">{}</text>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10.5\" text-anchor=\"middle\" fill=\"#5b6575\">{}</text>",
            (b - a).max(1.0),
            escape(name),
            escape(label),
            x + bar / 2.0,
            h - bottom + 14.0,
            escape(name),
            x + bar / 2.0,
            a - 3.0,
            escape(label)
        );
    };
    draw(&mut svg, 0, 0.0, start.1.value, "#5b6575", &start.0, &start.1.label);
    let mut level = start.1.value;
    for (i, (name, d)) in steps.iter().enumerate() {
        let colour = if d.value >= 0.0 { "#2f9e55" } else { "#C62828" };
        draw(&mut svg, i + 1, level, level + d.value, colour, name, &d.label);
        level += d.value;
    }
    draw(&mut svg, n - 1, 0.0, end.1.value, "#17324d", &end.0, &end.1.label);
    let mut categories = vec![start.0.clone()];
    categories.extend(steps.iter().map(|(n, _)| n.clone()));
    categories.push(end.0.clone());
    let mut values = vec![start.1.clone()];
    values.extend(steps.iter().map(|(_, d)| d.clone()));
    values.push(end.1.clone());
    let series = [Series { name: title.to_owned(), values }];
    figure(title, title, w as u32, h as u32, &svg, &table(&categories, &series))
}

/// A heatmap: rows × columns, darker is more; every cell labelled on hover and in the table.
pub(crate) fn heatmap(title: &str, rows: &[String], columns: &[String], cells: &[Vec<Datum>]) -> String {
    // Columns wide enough for their labels (about 7 px a character at 11 px).
    let longest = columns.iter().map(|c| c.chars().count()).max().unwrap_or(0) as f64;
    let (left, top, cell_w, cell_h) = (150.0, 24.0, (longest * 7.0 + 8.0).max(44.0), 22.0);
    let w = left + cell_w * columns.len().max(1) as f64 + 8.0;
    let h = top + cell_h * rows.len().max(1) as f64 + 4.0;
    let max = cells.iter().flatten().map(|d| d.value).fold(0.0, f64::max).max(f64::MIN_POSITIVE);
    let mut svg = String::new();
    for (j, c) in columns.iter().enumerate() {
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"16\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
            left + cell_w * (j as f64 + 0.5),
            escape(c)
        );
    }
    for (i, r) in rows.iter().enumerate() {
        let y = top + cell_h * i as f64;
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
            left - 6.0,
            y + 15.0,
            escape(r)
        );
        for (j, d) in cells.get(i).into_iter().flatten().enumerate() {
            let t = (d.value.max(0.0) / max).clamp(0.0, 1.0);
            // From pale to the palette's blue.
            let mix = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
            let fill = format!("#{:02x}{:02x}{:02x}", mix(240.0, 0.0), mix(244.0, 114.0), mix(248.0, 178.0));
            let _ = write!(
                svg,
                "<rect x=\"{:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{fill}\"><title>{} · {}: {}</title></rect>",
                left + cell_w * j as f64,
                cell_w - 2.0,
                cell_h - 2.0,
                escape(r),
                escape(columns.get(j).map_or("", String::as_str)),
                escape(&d.label)
            );
        }
    }
    let series: Vec<Series> = columns
        .iter()
        .enumerate()
        .map(|(j, c)| Series {
            name: c.clone(),
            values: cells.iter().map(|row| row.get(j).cloned().unwrap_or_else(|| Datum::new(0.0, ""))).collect(),
        })
        .collect();
    figure(title, title, w as u32, h as u32, &svg, &table(rows, &series))
}

/// Horizontal bars against a target with a shaded band around it (a territory's balance:
/// every bar should end inside the band). `band` is (low, high) in the values' units; bars
/// outside it are drawn in the warning colour.
pub(crate) fn band_bars(
    title: &str,
    items: &[(String, Datum)],
    target: f64,
    band: (f64, f64),
    band_label: &str,
) -> String {
    let row = 22.0;
    let (w, left, top) = (640.0, 190.0, 18.0);
    let h = top + row * items.len().max(1) as f64 + 8.0;
    let max = nice_max(items.iter().map(|(_, d)| d.value).fold(band.1.max(target), f64::max));
    let span = w - left - 110.0;
    let x = |v: f64| left + v.max(0.0) / max * span;
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<rect x=\"{:.1}\" y=\"{top}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#dff3e4\"><title>{}</title></rect>\
         <line x1=\"{t:.1}\" x2=\"{t:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#17623a\" stroke-dasharray=\"4 3\"/>\
         <text x=\"{t:.1}\" y=\"12\" font-size=\"11\" text-anchor=\"middle\" fill=\"#17623a\">{}</text>",
        x(band.0),
        (x(band.1) - x(band.0)).max(1.0),
        h - top - 4.0,
        escape(band_label),
        top - 2.0,
        h - 4.0,
        escape(band_label),
        t = x(target),
    );
    for (i, (name, d)) in items.iter().enumerate() {
        let y = top + row * i as f64;
        let inside = d.value >= band.0 - 1e-9 && d.value <= band.1 + 1e-9;
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"end\">{}</text>\
             <rect x=\"{left}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{}\" fill-opacity=\"0.85\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"#1d2330\">{}</text>",
            left - 8.0,
            y + 14.0,
            escape(name),
            y + 3.0,
            x(d.value) - left,
            row - 7.0,
            if inside { COLOURS[0] } else { COLOURS[5] },
            x(d.value) + 6.0,
            y + 14.0,
            escape(&d.label)
        );
    }
    let categories: Vec<String> = items.iter().map(|(n, _)| n.clone()).collect();
    let series = [Series { name: title.to_owned(), values: items.iter().map(|(_, d)| d.clone()).collect() }];
    figure(title, &format!("{title} ({band_label})"), w as u32, h as u32, &svg, &table(&categories, &series))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(v: f64) -> Datum {
        Datum::new(v, format!("{v}"))
    }

    #[test]
    fn axes_end_on_round_numbers() {
        assert_eq!(nice_max(0.0), 1.0);
        assert_eq!(nice_max(7.0), 10.0);
        assert_eq!(nice_max(180.0), 200.0);
        assert_eq!(nice_max(2_300_000.0), 2_500_000.0);
    }

    #[test]
    fn every_chart_has_a_title_and_a_table_with_its_numbers() {
        let cats = vec!["Q1".to_owned(), "Q2".to_owned()];
        let s = vec![Series { name: "Won".into(), values: vec![d(3.0), d(5.0)] }];
        let charts = [
            stacked_columns("Bookings", &cats, &s, None, |v| v.to_string()),
            lines("Trend", &cats, &s, |v| v.to_string()),
            bars("Top", &[("A".into(), d(4.0))]),
            funnel("Stages", &[("Lead".into(), d(10.0)), ("Won".into(), d(2.0))]),
            waterfall(
                "Movement",
                ("Start".into(), d(10.0)),
                &[("New".into(), d(4.0)), ("Lost".into(), d(-3.0))],
                ("End".into(), d(11.0)),
            ),
            heatmap("Time", &["Ann".into()], &cats, &[vec![d(1.0), d(2.0)]]),
        ];
        for (chart, title) in charts.iter().zip(["Bookings", "Trend", "Top", "Stages", "Movement", "Time"]) {
            assert!(chart.contains("<figcaption id=\"c"), "{title}");
            assert!(chart.contains("<title id=\"c") && chart.contains(title), "{title}");
            assert!(chart.contains("role=\"img\""), "{title}");
            assert!(chart.contains("<table class=\"sr-only\">"), "{title}");
        }
        assert!(charts[0].contains("<td>5</td>"), "the table holds the values");
        assert!(charts[4].contains("<td>-3</td>"));
    }

    #[test]
    fn stacked_bars_stack_and_scale_to_the_total() {
        let cats = vec!["M1".to_owned()];
        let s = vec![
            Series { name: "Commit".into(), values: vec![d(60.0)] },
            Series { name: "Best case".into(), values: vec![d(40.0)] },
        ];
        let svg = stacked_columns("Pipeline", &cats, &s, None, |v| v.to_string());
        // The total (100) fills the plot exactly: the top of the second rect is at the top margin.
        assert!(svg.contains("y=\"12.0\""), "{svg}");
        assert_eq!(svg.matches("<rect").count(), 2);
    }

    #[test]
    fn labels_are_escaped() {
        let svg = bars("x", &[("<b>".into(), Datum::new(1.0, "&"))]);
        assert!(svg.contains("&lt;b&gt;") && !svg.contains("<b>"));
    }
}
