//! Who is asking: the session cookie for pages, bearer tokens for the API, and the checks that
//! guard every state-changing request.
//!
//! * The session cookie `sutton_session` is `HttpOnly` (scripts cannot read it), `SameSite=Lax`
//!   (other sites' forms do not send it), `Path=/`, and `Secure` when the request came over TLS
//!   (directly or as a proxy reports with `X-Forwarded-Proto: https`). Its value is a random
//!   token; the database keeps only its hash, so sessions can be listed and revoked.
//! * Every form that changes something carries the session's CSRF token in a hidden field and
//!   must come from our own origin (`Origin`, or `Referer` when a browser omits it). The sign-in
//!   form, which has no session yet, uses a double-submit cookie instead.
//! * The API takes `Authorization: Bearer <personal token>`; a browser's session cookie also
//!   works for reading (`GET`), so pages can fetch fragments, but never for writing.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, header};
use sutton_app::domain::{AccessRole, Scope, User};
use sutton_app::{App, AppError};

use crate::i18n::Tr;
use crate::{ApiError, WebError};

pub(crate) const SESSION_COOKIE: &str = "sutton_session";
pub(crate) const LOGIN_CSRF_COOKIE: &str = "sutton_login_csrf";

/// The value of a cookie in the request.
pub(crate) fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Whether the request reached us over TLS.
pub(crate) fn over_tls(headers: &HeaderMap) -> bool {
    headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok()).is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// A `Set-Cookie` value with our attributes; `max_age` 0 deletes the cookie.
pub(crate) fn set_cookie(name: &str, value: &str, max_age_seconds: i64, tls: bool) -> String {
    let secure = if tls { "; Secure" } else { "" };
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_seconds}{secure}")
}

/// Whether a state-changing request comes from a page of ours: its `Origin` (or, failing that,
/// `Referer`) names the host it was sent to. Requests with neither are refused, as browsers
/// send at least one on every cross-site POST.
pub(crate) fn same_origin(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let source = headers.get(header::ORIGIN).or_else(|| headers.get(header::REFERER)).and_then(|v| v.to_str().ok());
    let Some(source) = source else {
        return false;
    };
    let rest = source.split_once("://").map_or(source, |(_, r)| r);
    let authority = rest.split('/').next().unwrap_or("");
    authority.eq_ignore_ascii_case(host)
}

/// Compares secrets without stopping at the first difference.
pub(crate) fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The signed-in user of a page request, with what they may see and their language.
#[derive(Debug, Clone)]
pub(crate) struct Viewer {
    pub(crate) user: User,
    pub(crate) scope: Scope,
    pub(crate) csrf: String,
    pub(crate) token: String,
    pub(crate) tr: Tr,
    pub(crate) tls: bool,
}

impl Viewer {
    /// Refuses a form that lacks this session's CSRF token or comes from another origin.
    pub(crate) fn check_form(&self, headers: &HeaderMap, csrf: &str) -> Result<(), WebError> {
        if same_secret(csrf, &self.csrf) && same_origin(headers) { Ok(()) } else { Err(WebError::Forbidden(self.tr)) }
    }

    pub(crate) fn require(&self, roles: &[AccessRole]) -> Result<(), WebError> {
        if roles.contains(&self.user.role) { Ok(()) } else { Err(WebError::Forbidden(self.tr)) }
    }
}

impl FromRequestParts<App> for Viewer {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let next = parts.uri.path_and_query().map_or("/", |p| p.as_str()).to_owned();
        let Some(token) = cookie(&parts.headers, SESSION_COOKIE).map(str::to_owned) else {
            return Err(WebError::SignIn { next });
        };
        let found = match app.remembered_viewer(&token) {
            Some(found) => Some(found),
            None => {
                let lookup = token.clone();
                crate::blocking(app, move |app| app.viewer(&lookup)).await?
            }
        };
        let Some((session, scope)) = found else {
            return Err(WebError::SignIn { next });
        };
        let tr = Tr::new(session.user.language);
        Ok(Viewer { user: session.user, scope, csrf: session.csrf_token, token, tr, tls: over_tls(&parts.headers) })
    }
}

/// The user of an API request and what they may see.
#[derive(Debug, Clone)]
pub(crate) struct ApiViewer {
    pub(crate) user: User,
    pub(crate) scope: Scope,
}

impl FromRequestParts<App> for ApiViewer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
            .map(|t| t.trim().to_owned());
        let cookie = (parts.method == Method::GET || parts.method == Method::HEAD)
            .then(|| cookie(&parts.headers, SESSION_COOKIE).map(str::to_owned))
            .flatten();
        if bearer.is_none() && cookie.is_none() {
            return Err(ApiError::unauthorized("send a personal API token as `Authorization: Bearer <token>`"));
        }
        let found = crate::blocking(app, move |app| {
            let user = match (bearer, cookie) {
                (Some(token), _) => app.api_user(&token)?,
                (None, Some(token)) => app.session(&token)?.map(|s| s.user),
                (None, None) => None,
            };
            match user {
                Some(user) => {
                    let scope = app.scope(&user)?;
                    Ok(Some((user, scope)))
                }
                None => Ok(None),
            }
        })
        .await
        .map_err(ApiError::from)?;
        match found {
            Some((user, scope)) => Ok(ApiViewer { user, scope }),
            None => Err(ApiError::unauthorized("the token is unknown, revoked or expired")),
        }
    }
}

impl From<WebError> for ApiError {
    fn from(e: WebError) -> ApiError {
        match e {
            WebError::App(AppError::NotFound { what, id }) => ApiError::not_found(what, &id),
            other => ApiError::internal(&format!("{other:?}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn cookies_are_found_among_others() {
        let h = headers(&[("cookie", "a=1; sutton_session=abc; b=2")]);
        assert_eq!(cookie(&h, SESSION_COOKIE), Some("abc"));
        assert_eq!(cookie(&h, "c"), None);
    }

    #[test]
    fn forms_from_other_sites_are_refused() {
        assert!(same_origin(&headers(&[("host", "127.0.0.1:8080"), ("origin", "http://127.0.0.1:8080")])));
        assert!(same_origin(&headers(&[("host", "sutton.example"), ("referer", "https://sutton.example/accounts")])));
        assert!(!same_origin(&headers(&[("host", "sutton.example"), ("origin", "https://evil.example")])));
        assert!(!same_origin(&headers(&[("host", "sutton.example"), ("origin", "https://sutton.example.evil")])));
        assert!(!same_origin(&headers(&[("host", "sutton.example")])), "no origin at all is refused");
    }

    #[test]
    fn the_session_cookie_is_locked_down_and_secure_over_tls() {
        let plain = set_cookie(SESSION_COOKIE, "t", 60, false);
        assert!(plain.contains("HttpOnly") && plain.contains("SameSite=Lax") && !plain.contains("Secure"));
        assert!(set_cookie(SESSION_COOKIE, "t", 60, true).ends_with("; Secure"));
        assert!(over_tls(&headers(&[("x-forwarded-proto", "https")])));
    }

    #[test]
    fn secrets_compare_exactly() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "abcd"));
    }
}
