//! The page shell and the small pieces every page is made of. Every value from the database
//! passes through [`escape`]; pages are plain strings built with `write!`, which keeps the
//! markup next to the code that fills it and costs no template engine.

use std::fmt::Write;

use sutton_app::domain::AccessRole;

use crate::i18n::{LANGUAGES, Tr, endonym};
use crate::session::Viewer;

/// Escapes text for HTML element content and quoted attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_into(&mut out, text);
    out
}

/// Appends `text` to `out`, escaped: runs without special characters are copied whole (most
/// values have none, so a list page copies each cell once instead of char by char).
pub(crate) fn escape_into(out: &mut String, text: &str) {
    let _ = write!(out, "{}", Esc(text));
}

/// Escaped text as a `Display` value, for `write!` without an intermediate string.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Esc<'a>(pub &'a str);

impl std::fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = self.0;
        let mut start = 0;
        for (i, b) in text.bytes().enumerate() {
            let entity = match b {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                b'\'' => "&#39;",
                _ => continue,
            };
            f.write_str(&text[start..i])?;
            f.write_str(entity)?;
            start = i + 1;
        }
        f.write_str(&text[start..])
    }
}

/// Percent-encodes a query-string value.
pub(crate) fn url_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

pub(crate) const STYLE: &str = "\
*{box-sizing:border-box}\
body{font-family:system-ui,-apple-system,'Segoe UI','Noto Sans','PingFang SC','Microsoft YaHei',sans-serif;margin:0;color:#1d2330;background:#f4f5f7;line-height:1.45}\
a{color:#1558a6}a:hover{color:#0b3b73}\
.top{display:flex;align-items:center;gap:1.5rem;background:#17324d;color:#fff;padding:.55rem 1.5rem;flex-wrap:wrap}\
.top .brand{font-weight:700;font-size:1.15rem;color:#fff;text-decoration:none;letter-spacing:.02em}\
.top nav{display:flex;gap:.2rem;flex-wrap:wrap;flex:1}\
.top nav a{color:#dce6f0;text-decoration:none;padding:.35rem .7rem;border-radius:.3rem}\
.top nav a:hover,.top nav a[aria-current=page]{background:#24496d;color:#fff}\
.who{display:flex;align-items:center;gap:.6rem;font-size:.9rem}\
.who form{margin:0}.who select,.who button{font:inherit;font-size:.85rem}\
.who button{background:none;border:1px solid #8aa4bf;color:#fff;border-radius:.3rem;padding:.2rem .6rem;cursor:pointer}\
main{padding:1.2rem 1.5rem 3rem;max-width:80rem}\
h1{font-size:1.5rem;margin:.3rem 0 1rem}h2{font-size:1.15rem;margin:1.6rem 0 .6rem}\
.sub{color:#5b6575;margin:-.6rem 0 1rem}\
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(13rem,1fr));gap:.8rem;margin-bottom:1rem}\
.card{background:#fff;border-radius:.45rem;padding:.8rem 1rem;box-shadow:0 1px 2px #0001}\
.card .k{font-size:.82rem;color:#5b6575}.card .v{font-size:1.45rem;font-weight:650;font-variant-numeric:tabular-nums}\
.card .d{font-size:.8rem;color:#5b6575}\
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(30rem,1fr));gap:1rem}\
.panel{background:#fff;border-radius:.45rem;padding:.8rem 1rem;box-shadow:0 1px 2px #0001;overflow-x:auto}\
table{border-collapse:collapse;background:#fff;width:100%}\
caption{text-align:left;font-weight:600;padding:.4rem 0}\
th,td{padding:.35rem .6rem;border-bottom:1px solid #e3e6ea;text-align:left;vertical-align:top}\
thead th{font-size:.82rem;color:#4a5465;white-space:nowrap;background:#f8f9fb}\
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\
dl.facts{display:grid;grid-template-columns:max-content auto;gap:.25rem 1rem;margin:0}dl.facts dt{font-weight:600;color:#4a5465}dl.facts dd{margin:0}\
form.filters{display:flex;gap:.6rem;flex-wrap:wrap;align-items:end;margin-bottom:.8rem}\
form.filters label{display:flex;flex-direction:column;font-size:.8rem;color:#4a5465}\
input,select,button{font:inherit}input[type=text],input[type=search],input[type=password],select{padding:.3rem .45rem;border:1px solid #b9c1cc;border-radius:.3rem;background:#fff}\
button.primary{background:#1558a6;color:#fff;border:0;border-radius:.3rem;padding:.4rem .9rem;cursor:pointer}\
button.link{background:none;border:0;color:#1558a6;cursor:pointer;padding:0;text-decoration:underline}\
.pager{display:flex;gap:.8rem;align-items:center;margin:.8rem 0}\
.badge{display:inline-block;font-size:.75rem;padding:.05rem .45rem;border-radius:.7rem;background:#e8edf3;color:#2b3a4d;white-space:nowrap}\
.badge.won,.badge.customer{background:#dff3e4;color:#17623a}.badge.lost,.badge.former{background:#fbe4e4;color:#8a1f1f}\
.badge.open,.badge.prospect{background:#e4eefb;color:#1b4f8f}\
.empty{background:#fff8e1;border-left:4px solid #f0b400;padding:.8rem 1rem}\
.notice{background:#e7f5ea;border-left:4px solid #2f9e55;padding:.8rem 1rem;margin-bottom:1rem}\
.error{background:#fdecec;border-left:4px solid #c62828;padding:.8rem 1rem;margin-bottom:1rem}\
.secret{font-family:ui-monospace,monospace;background:#fff;border:1px dashed #8a96a8;padding:.4rem .6rem;word-break:break-all}\
figure{margin:0}figcaption{font-weight:600;margin-bottom:.3rem}\
svg text{font-family:inherit}\
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}\
.legend{display:flex;gap:.8rem;flex-wrap:wrap;font-size:.8rem;margin-top:.3rem}.legend i{display:inline-block;width:.8rem;height:.8rem;border-radius:.15rem;margin-right:.3rem;vertical-align:-.1rem}\
.login{max-width:24rem;margin:8vh auto;background:#fff;border-radius:.5rem;padding:1.5rem 1.8rem;box-shadow:0 2px 8px #0002}\
.login label{display:block;margin:.7rem 0 .2rem;font-weight:600}.login input{width:100%}\
.tree ul{list-style:none;padding-left:1.2rem;border-left:1px solid #d5dbe3;margin:.2rem 0}.tree>ul{border:0;padding:0}\
textarea.code{width:100%;min-height:32rem;font-family:ui-monospace,monospace;font-size:.85rem;padding:.5rem;border:1px solid #b9c1cc;border-radius:.3rem}\
.problems li{margin:.2rem 0}.neg{color:#8a1f1f}\
@media print{.top,form.filters,.pager,.no-print{display:none}body{background:#fff;font-size:10pt}main{max-width:none;padding:0}.panel,.card{box-shadow:none;border:1px solid #d5dbe3}tr,.panel{break-inside:avoid}a{color:inherit;text-decoration:none}}";

/// Our own script: submits filter forms when a select changes and asks before destructive
/// actions. Pages work without it.
pub(crate) const SCRIPT: &str = r#"document.addEventListener('change',function(e){var t=e.target;if(t.matches('[data-autosubmit]')){t.form.requestSubmit?t.form.requestSubmit():t.form.submit();}});
document.addEventListener('click',function(e){if(e.target.closest('[data-print]')){window.print();}});
document.addEventListener('submit',function(e){var m=e.target.getAttribute('data-confirm');if(m&&!window.confirm(m)){e.preventDefault();}});
document.addEventListener('click',function(e){var th=e.target.closest('th[data-sort]');if(!th)return;var table=th.closest('table');var body=table.tBodies[0];var i=Array.prototype.indexOf.call(th.parentNode.children,th);var asc=th.getAttribute('aria-sort')!=='ascending';Array.prototype.forEach.call(th.parentNode.children,function(h){h.removeAttribute('aria-sort');});th.setAttribute('aria-sort',asc?'ascending':'descending');var rows=Array.prototype.slice.call(body.rows);rows.sort(function(a,b){var x=a.cells[i].getAttribute('data-v')||a.cells[i].textContent,y=b.cells[i].getAttribute('data-v')||b.cells[i].textContent;var nx=parseFloat(x),ny=parseFloat(y);var c=(!isNaN(nx)&&!isNaN(ny))?nx-ny:x.localeCompare(y);return asc?c:-c;});rows.forEach(function(r){body.appendChild(r);});});
document.addEventListener('click',function(e){var p=e.target.closest('[data-pick] path[data-fips]');if(!p)return;var s=document.getElementById('unit-pick');if(!s)return;var o=s.querySelector('option[data-fips="'+p.getAttribute('data-fips')+'"]');if(!o)return;s.value=o.value;document.querySelectorAll('[data-pick] path.picked').forEach(function(x){x.classList.remove('picked');x.removeAttribute('stroke');x.removeAttribute('stroke-width');});p.classList.add('picked');p.setAttribute('stroke','#1d2330');p.setAttribute('stroke-width','3');s.focus();});
document.addEventListener('click',function(e){var a=e.target.closest('[data-add-row]');if(a){var t=a.closest('form').querySelector('[data-rows] tbody');var r=t.rows[t.rows.length-1].cloneNode(true);r.querySelectorAll('input').forEach(function(i){i.value='';});r.querySelectorAll('select').forEach(function(s){s.selectedIndex=0;});t.appendChild(r);r.querySelector('input,select').focus();return;}var d=e.target.closest('[data-remove-row]');if(!d)return;var row=d.closest('tr');if(row.parentNode.rows.length>1){row.remove();}else{row.querySelectorAll('input').forEach(function(i){i.value='';});}});
function ruleCols(f){var m=f.querySelector('[name=method]');if(!m)return;var off=m.value==='threshold'?'cut':'floor';f.querySelectorAll('[data-col]').forEach(function(c){c.hidden=c.getAttribute('data-col')===off;});}
document.querySelectorAll('form[data-rule]').forEach(ruleCols);
document.addEventListener('change',function(e){var f=e.target.closest('form[data-rule]');if(f&&e.target.name==='method'){ruleCols(f);}});
document.addEventListener('submit',function(e){var f=e.target;if(!f.matches('form[data-live]')||!window.fetch)return;e.preventDefault();var d=new URLSearchParams(new FormData(f));var b=e.submitter;if(b&&b.name){d.set(b.name,b.value);}d.set('fragment','1');var out=document.getElementById('scenario-metrics');fetch(f.getAttribute('action'),{method:'POST',body:d,credentials:'same-origin'}).then(function(r){return r.text().then(function(t){if(!r.ok){out.insertAdjacentHTML('afterbegin',t);return;}out.innerHTML=t;var u=f.querySelector('#unit-pick option:checked');var t2=f.querySelector('select[name=territory] option:checked');if(u&&b&&b.value==='move'&&t2){var p=document.querySelector('[data-pick] path[data-fips="'+u.getAttribute('data-fips')+'"]');if(p){p.setAttribute('fill',t2.getAttribute('data-colour'));}u.textContent=u.textContent.split(' – ')[0]+' – '+t2.textContent;}});});});"#;

/// The navigation: (path, message id, who sees the link).
const NAV: &[(&str, &str, &[AccessRole])] = &[
    ("/", "nav-dashboard", &[AccessRole::Admin, AccessRole::Vp, AccessRole::Manager, AccessRole::Rep]),
    ("/accounts", "nav-accounts", &[AccessRole::Admin, AccessRole::Vp, AccessRole::Manager, AccessRole::Rep]),
    ("/opportunities", "nav-opportunities", &[AccessRole::Admin, AccessRole::Vp, AccessRole::Manager, AccessRole::Rep]),
    ("/people", "nav-people", &[AccessRole::Admin, AccessRole::Vp, AccessRole::Manager, AccessRole::Rep]),
    ("/map", "nav-map", &[AccessRole::Admin, AccessRole::Vp, AccessRole::Manager, AccessRole::Rep]),
    ("/pipeline", "nav-pipeline", &[AccessRole::Admin, AccessRole::Vp, AccessRole::Manager]),
    ("/coverage", "nav-coverage", &[AccessRole::Admin, AccessRole::Vp, AccessRole::Manager]),
    ("/territories", "nav-territories", &[AccessRole::Admin, AccessRole::Vp, AccessRole::Manager]),
    ("/whiplash", "nav-whiplash", &[AccessRole::Admin, AccessRole::Vp, AccessRole::Manager]),
    ("/comp", "nav-comp", &[AccessRole::Admin, AccessRole::Vp, AccessRole::Manager, AccessRole::Rep]),
    ("/pipeline/reviews", "nav-reviews", &[AccessRole::Admin, AccessRole::Vp, AccessRole::Manager, AccessRole::Rep]),
    ("/pipeline/forecast", "nav-forecast", &[AccessRole::Admin, AccessRole::Vp, AccessRole::Manager]),
    ("/admin/users", "nav-users", &[AccessRole::Admin]),
    ("/admin/import", "nav-import", &[AccessRole::Admin]),
    ("/audit", "nav-audit", &[AccessRole::Admin, AccessRole::Vp]),
    ("/admin/system", "nav-system", &[AccessRole::Admin]),
    ("/segments", "nav-segments", &[AccessRole::Admin, AccessRole::Vp, AccessRole::Manager, AccessRole::Rep]),
    ("/segments/icp", "nav-icp", &[AccessRole::Admin, AccessRole::Vp, AccessRole::Manager]),
    ("/calls/patterns", "nav-call-patterns", &[AccessRole::Admin, AccessRole::Vp, AccessRole::Manager]),
    ("/calls/workload", "nav-workload", &[AccessRole::Admin, AccessRole::Vp, AccessRole::Manager, AccessRole::Rep]),
    ("/calls/compliance", "nav-compliance", &[AccessRole::Admin, AccessRole::Vp, AccessRole::Manager, AccessRole::Rep]),
    ("/calls/queue", "nav-queue", &[AccessRole::Admin, AccessRole::Vp, AccessRole::Manager, AccessRole::Rep]),
    ("/calls/time", "nav-time", &[AccessRole::Admin, AccessRole::Vp, AccessRole::Manager, AccessRole::Rep]),
    ("/calls/callplan", "nav-callplan", &[AccessRole::Admin, AccessRole::Vp, AccessRole::Manager, AccessRole::Rep]),
];

fn document(lang: &str, title: &str, body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 512);
    document_head(&mut out, lang, title);
    out.push_str(body);
    out.push_str("</body></html>");
    out
}

/// Everything before the body's content. The style sheet and the script are separate,
/// cacheable assets whose addresses change with their content, so a page carries only its own
/// markup.
fn document_head(out: &mut String, lang: &str, title: &str) {
    let _ = write!(
        out,
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · Sutton</title><link rel=\"stylesheet\" href=\"{}\"><script src=\"{}\" defer></script>\
         </head><body>",
        Esc(title),
        asset_path(Asset::Style),
        asset_path(Asset::Script),
    );
}

/// The two static assets every page uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Asset {
    Style,
    Script,
}

impl Asset {
    pub(crate) fn content(self) -> &'static str {
        match self {
            Asset::Style => STYLE,
            Asset::Script => SCRIPT,
        }
    }
}

/// An asset's address, with a fingerprint of its content so that browsers may keep it for a
/// year and still fetch a new one the moment a new version of Sutton serves different bytes.
pub(crate) fn asset_path(asset: Asset) -> &'static str {
    static PATHS: std::sync::LazyLock<[String; 2]> = std::sync::LazyLock::new(|| {
        let path = |asset: Asset, name: &str| format!("/assets/{name}?v={:016x}", fingerprint(asset.content()));
        [path(Asset::Style, "sutton.css"), path(Asset::Script, "sutton.js")]
    });
    match asset {
        Asset::Style => &PATHS[0],
        Asset::Script => &PATHS[1],
    }
}

/// FNV-1a over the bytes: stable across builds and platforms, which is all a cache key needs.
fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// A page for a signed-in user: the top bar with navigation, language and sign-out, then `body`.
pub(crate) fn page(v: &Viewer, current: &str, title: &str, body: &str) -> String {
    let tr = &v.tr;
    let mut out = String::with_capacity(body.len() + 4096);
    document_head(&mut out, v.user.language.tag(), title);
    out.push_str("<header class=\"top\"><a class=\"brand\" href=\"/\">Sutton</a><nav aria-label=\"");
    out.push_str(&escape(&tr.t("nav-label")));
    out.push_str("\">");
    for (path, id, roles) in NAV {
        if !roles.contains(&v.user.role) {
            continue;
        }
        let here = if *path == current { " aria-current=\"page\"" } else { "" };
        let _ = write!(out, "<a href=\"{path}\"{here}>{}</a>", escape(&tr.t(id)));
    }
    let _ = write!(
        out,
        "</nav><div class=\"who\"><a href=\"/settings\" style=\"color:#fff\" title=\"{}\">{}</a>\
         <span class=\"badge\">{}</span>\
         <form method=\"post\" action=\"/settings/language\"><input type=\"hidden\" name=\"csrf\" value=\"{}\">\
         <label class=\"sr-only\" for=\"lang\">{}</label><select id=\"lang\" name=\"language\" data-autosubmit>",
        escape(&tr.t("nav-settings")),
        escape(&v.user.display_name),
        escape(&tr.value("access_role", v.user.role.as_str())),
        escape(&v.csrf),
        escape(&tr.t("language")),
    );
    for l in LANGUAGES {
        let selected = if l == v.user.language { " selected" } else { "" };
        let _ = write!(out, "<option value=\"{}\"{selected}>{}</option>", l.tag(), endonym(l));
    }
    let _ = write!(
        out,
        "</select><noscript><button>{}</button></noscript></form>\
         <form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"csrf\" value=\"{}\">\
         <button type=\"submit\">{}</button></form></div></header><main id=\"main\">",
        escape(&tr.t("apply")),
        escape(&v.csrf),
        escape(&tr.t("sign-out")),
    );
    out.push_str(body);
    out.push_str("</main></body></html>");
    out
}

/// A page for someone not signed in (the sign-in page, errors before sign-in).
pub(crate) fn bare(tr: &Tr, title: &str, body: &str) -> String {
    document(tr.language.tag(), title, body)
}

/// A headline figure.
pub(crate) fn card(label: &str, value: &str, detail: &str) -> String {
    format!(
        "<div class=\"card\"><div class=\"k\">{}</div><div class=\"v\">{}</div><div class=\"d\">{}</div></div>",
        escape(label),
        escape(value),
        escape(detail)
    )
}

/// "Previous / page N of M / next" links that keep the other query parameters.
pub(crate) fn pager(tr: &Tr, base: &str, params: &[(&str, String)], page: u32, pages: u32, total: i64) -> String {
    let link = |p: u32| {
        let mut q: Vec<String> =
            params.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| format!("{k}={}", url_encode(v))).collect();
        q.push(format!("page={p}"));
        format!("{base}?{}", escape(&q.join("&")))
    };
    let mut out = String::from("<nav class=\"pager\" aria-label=\"pages\">");
    if page > 1 {
        let _ = write!(out, "<a href=\"{}\" rel=\"prev\">← {}</a>", link(page - 1), escape(&tr.t("previous")));
    }
    let _ = write!(
        out,
        "<span>{}</span>",
        escape(&tr.ta(
            "page-of",
            &[
                ("page", tr.number(i64::from(page))),
                ("pages", tr.number(i64::from(pages.max(1)))),
                ("total", tr.number(total))
            ]
        ))
    );
    if page < pages {
        let _ = write!(out, "<a href=\"{}\" rel=\"next\">{} →</a>", link(page + 1), escape(&tr.t("next")));
    }
    out.push_str("</nav>");
    out
}

/// A column header that sorts the server-side list by `key`, toggling direction.
pub(crate) fn sort_header(
    label: &str,
    key: &str,
    current: &str,
    descending: bool,
    base: &str,
    params: &[(&str, String)],
    numeric: bool,
) -> String {
    let active = key == current;
    let dir = if active && !descending { "desc" } else { "asc" };
    let mut q: Vec<String> = params
        .iter()
        .filter(|(k, v)| !v.is_empty() && *k != "sort" && *k != "dir")
        .map(|(k, v)| format!("{k}={}", url_encode(v)))
        .collect();
    q.push(format!("sort={key}"));
    q.push(format!("dir={dir}"));
    let aria = match (active, descending) {
        (true, true) => " aria-sort=\"descending\"",
        (true, false) => " aria-sort=\"ascending\"",
        _ => "",
    };
    let arrow = match (active, descending) {
        (true, true) => " ▼",
        (true, false) => " ▲",
        _ => "",
    };
    let class = if numeric { " class=\"n\"" } else { "" };
    format!(
        "<th scope=\"col\"{class}{aria}><a href=\"{base}?{}\">{}{arrow}</a></th>",
        escape(&q.join("&")),
        escape(label)
    )
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

    /// The run-copying escapers against the plainest possible one, on text with markup,
    /// multi-byte letters and special characters at either end.
    #[test]
    fn every_escaper_agrees_with_a_char_by_char_one() {
        let plain = |t: &str| {
            t.chars()
                .map(|c| match c {
                    '&' => "&amp;".to_owned(),
                    '<' => "&lt;".to_owned(),
                    '>' => "&gt;".to_owned(),
                    '"' => "&quot;".to_owned(),
                    '\'' => "&#39;".to_owned(),
                    c => c.to_string(),
                })
                .collect::<String>()
        };
        for text in ["", "plain", "<", "Ærø & Søn's \"AS\"", "北京 <b>", "a>b<c&d", "&&", "ends with '"] {
            assert_eq!(escape(text), plain(text), "{text}");
            assert_eq!(Esc(text).to_string(), plain(text), "{text}");
        }
    }

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(url_encode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
    }
}
