//! HTML for the pages. Every value from the database passes through [`escape`].

use std::fmt::Write;

use sutton_app::Overview;

/// Escapes text for HTML element content and quoted attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Groups digits in threes for reading at a glance (`12,345`).
fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

const STYLE: &str = "\
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;color:#1d2330;background:#f6f7f9}\
header{background:#17324d;color:#fff;padding:1rem 2rem}header h1{margin:0;font-size:1.4rem}\
header p{margin:.2rem 0 0;opacity:.85}main{padding:1.5rem 2rem;max-width:60rem}\
table{border-collapse:collapse;background:#fff;min-width:24rem}caption{text-align:left;font-weight:600;padding:.5rem 0}\
th,td{padding:.35rem .8rem;border-bottom:1px solid #e3e6ea;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}\
dl{display:grid;grid-template-columns:max-content auto;gap:.3rem 1rem}dt{font-weight:600}\
.empty{background:#fff8e1;border-left:4px solid #f0b400;padding:.8rem 1rem}\
@media print{header{background:none;color:#000}body{background:#fff}}";

fn layout(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · Sutton</title><style>{STYLE}</style></head><body>{body}</body></html>",
        escape(title)
    )
}

pub(crate) fn home(o: &Overview) -> String {
    let mut body = String::new();
    let _ = write!(
        body,
        "<header><h1>{}</h1><p>Sutton — sales force effectiveness</p></header><main>",
        escape(&o.organisation.name)
    );
    let _ = write!(
        body,
        "<section aria-labelledby=\"db\"><h2 id=\"db\">Database</h2><dl>\
         <dt>Location</dt><dd>{}</dd><dt>Engine</dt><dd>{}</dd><dt>Schema version</dt><dd>{}</dd>\
         <dt>Reporting currency</dt><dd>{}</dd><dt>Fiscal year starts</dt><dd>month {}</dd></dl></section>",
        escape(&o.database),
        o.backend.name(),
        o.schema_version,
        o.organisation.currency,
        o.organisation.calendar.first_month(),
    );
    if o.counts.total() == 0 {
        body.push_str(
            "<p class=\"empty\">This database holds no records yet. Import your CRM's export or \
             generate the demo organisation to see Sutton at work.</p>",
        );
    }
    body.push_str("<table><caption>Records held</caption><thead><tr><th scope=\"col\">Kind</th><th scope=\"col\">Count</th></tr></thead><tbody>");
    for (label, n) in &o.counts.0 {
        let _ = write!(body, "<tr><th scope=\"row\">{}</th><td class=\"n\">{}</td></tr>", escape(label), grouped(*n));
    }
    body.push_str("</tbody></table></main>");
    layout(&o.organisation.name, &body)
}

pub(crate) fn error_page(title: &str, detail: &str) -> String {
    layout(title, &format!("<header><h1>{}</h1></header><main><p>{}</p></main>", escape(title), escape(detail)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_data_is_shown_not_executed() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }

    #[test]
    fn digits_are_grouped_in_threes() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(grouped(-20_000), "-20,000");
    }
}
