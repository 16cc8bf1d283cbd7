//! Signing in and who is signed in: password hashing (Argon2id), sessions, personal API
//! tokens, throttling of failed sign-ins, and the scope each user sees.
//!
//! Secrets never reach the database: passwords are stored as Argon2id PHC strings, session and
//! API tokens as SHA-256 hashes of 256 random bits. A failed sign-in says only that the login
//! or password is wrong, takes as long whether or not the login exists, and five failures for a
//! login (or thirty from one client) within fifteen minutes lock it for fifteen minutes.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use argon2::{Argon2, Params, PasswordHasher, PasswordVerifier};
use chrono::{NaiveDateTime, Utc};
use sha2::{Digest, Sha256};
use sutton_domain::{AccessRole, AuditEntry, AuditId, Language, PersonId, Scope, User, UserId};
use sutton_store::{ApiToken, SessionUser};

use crate::{App, AppError};

/// How long a session lasts without signing in again.
pub const SESSION_HOURS: i64 = 12;
const WINDOW: Duration = Duration::from_secs(15 * 60);
const MAX_FAILURES_PER_LOGIN: usize = 5;
const MAX_FAILURES_PER_CLIENT: usize = 30;
/// How long a looked-up session is trusted without asking the database again. Changes made
/// through this process (signing out, passwords, roles, disabling, languages) forget every
/// remembered session at once; a session revoked by another process sharing the database ends
/// within this time.
const SESSION_RECHECK: Duration = Duration::from_secs(10);
/// Remembered sessions at most; beyond it the oldest half is forgotten.
const SESSION_CACHE_MAX: usize = 10_000;

/// Sessions recently looked up, with the scope of their user, by token hash.
#[derive(Debug, Default)]
pub(crate) struct SessionCache {
    entries: HashMap<String, (Instant, SessionUser, Scope)>,
}

/// How expensive password hashes are. `Standard` is Argon2id's recommended 19 MiB, two passes;
/// `Fast` (1 MiB, one pass) exists for tests and must not be used to store real passwords.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PasswordHashing {
    #[default]
    Standard,
    Fast,
}

/// A new user as an administrator describes them.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub login: String,
    pub display_name: String,
    pub role: AccessRole,
    pub person: Option<PersonId>,
    pub language: Language,
    pub password: String,
}

/// A successful sign-in: the cookie value (shown once, never stored) and the user.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub token: String,
    pub user: User,
}

#[derive(Debug, Default)]
pub(crate) struct Throttle {
    failures: HashMap<String, Vec<Instant>>,
}

impl Throttle {
    fn recent(&mut self, key: &str, now: Instant) -> usize {
        let list = self.failures.entry(key.to_owned()).or_default();
        list.retain(|t| now.duration_since(*t) < WINDOW);
        list.len()
    }

    fn locked(&mut self, login: &str, client: &str, now: Instant) -> Option<Duration> {
        let by_login = self.recent(&format!("login:{login}"), now) >= MAX_FAILURES_PER_LOGIN;
        let by_client = self.recent(&format!("client:{client}"), now) >= MAX_FAILURES_PER_CLIENT;
        if !(by_login || by_client) {
            return None;
        }
        let oldest = [format!("login:{login}"), format!("client:{client}")]
            .iter()
            .filter_map(|k| self.failures.get(k).and_then(|v| v.first().copied()))
            .min()?;
        Some(WINDOW.saturating_sub(now.duration_since(oldest)))
    }

    fn fail(&mut self, login: &str, client: &str, now: Instant) {
        for key in [format!("login:{login}"), format!("client:{client}")] {
            self.failures.entry(key).or_default().push(now);
        }
    }

    fn clear(&mut self, login: &str) {
        self.failures.remove(&format!("login:{login}"));
    }
}

/// 256 random bits as hex: session cookies, CSRF tokens, API tokens.
pub fn random_token() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| AppError::Internal(format!("no randomness from the operating system: {e}")))?;
    Ok(hex(&bytes))
}

/// What the database keeps of a token.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn now() -> NaiveDateTime {
    Utc::now().naive_utc()
}

impl App {
    fn hasher(&self) -> Argon2<'static> {
        match self.shared.hashing {
            PasswordHashing::Standard => Argon2::default(),
            PasswordHashing::Fast => Argon2::from(
                Params::new(1024, 1, 1, None).unwrap_or_else(|_| unreachable!("constant parameters are valid")),
            ),
        }
    }

    /// Hashes a password after checking it is long enough to be worth having.
    pub fn hash_password(&self, password: &str) -> Result<String, AppError> {
        if password.chars().count() < 8 {
            return Err(AppError::WeakPassword);
        }
        self.hasher()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| AppError::Internal(format!("hashing a password: {e}")))
    }

    pub fn add_user(&self, actor: &str, new: NewUser) -> Result<User, AppError> {
        let hash = self.hash_password(&new.password)?;
        let mut user = User {
            id: UserId(0),
            login: new.login.trim().to_owned(),
            display_name: new.display_name,
            role: new.role,
            person: new.person,
            language: new.language,
            disabled: false,
        };
        if let Some(p) = user.person
            && !self.store.people(&Scope::Everything)?.iter().any(|x| x.id == p)
        {
            return Err(AppError::NotFound { what: "person", id: p.to_string() });
        }
        user.id = self.store.write(|tx| {
            let id = tx.insert_user(&user, &hash, now())?;
            tx.audit(&[audit(actor, "add user", &user.login, &format!("role {}", user.role))])?;
            Ok::<_, AppError>(id)
        })?;
        Ok(user)
    }

    pub fn user_by_login(&self, login: &str) -> Result<User, AppError> {
        self.store
            .user_by_login(login)?
            .map(|(u, _)| u)
            .ok_or_else(|| AppError::NotFound { what: "user", id: login.to_owned() })
    }

    /// Sets a new password and signs the user out everywhere.
    pub fn set_password(&self, actor: &str, login: &str, password: &str) -> Result<(), AppError> {
        let user = self.user_by_login(login)?;
        let hash = self.hash_password(password)?;
        self.store.write(|tx| {
            tx.set_password(user.id, &hash)?;
            tx.revoke_sessions_of(user.id)?;
            tx.audit(&[audit(actor, "change password", login, "sessions revoked")])
        })?;
        self.forget_sessions();
        Ok(())
    }

    /// Changes a user's role (and linked person); they sign in again to get the new scope.
    pub fn set_role(
        &self,
        actor: &str,
        login: &str,
        role: AccessRole,
        person: Option<PersonId>,
    ) -> Result<User, AppError> {
        let mut user = self.user_by_login(login)?;
        let before = user.role;
        user.role = role;
        if person.is_some() {
            user.person = person;
        }
        self.store.write(|tx| {
            tx.update_user(&user)?;
            tx.revoke_sessions_of(user.id)?;
            tx.audit(&[audit(actor, "change role", login, &format!("{before} → {role}"))])
        })?;
        self.forget_sessions();
        Ok(user)
    }

    pub fn set_disabled(&self, actor: &str, login: &str, disabled: bool) -> Result<User, AppError> {
        let mut user = self.user_by_login(login)?;
        user.disabled = disabled;
        self.store.write(|tx| {
            tx.update_user(&user)?;
            tx.revoke_sessions_of(user.id)?;
            tx.audit(&[audit(actor, if disabled { "disable user" } else { "enable user" }, login, "")])
        })?;
        self.forget_sessions();
        Ok(user)
    }

    /// A user's own choice of interface language.
    pub fn set_language(&self, user: &User, language: Language) -> Result<(), AppError> {
        let mut changed = user.clone();
        changed.language = language;
        self.store.write(|tx| tx.update_user(&changed))?;
        self.forget_sessions();
        Ok(())
    }

    /// Checks a password and opens a session. `client` identifies where the attempt came from
    /// (an address), for throttling.
    pub fn sign_in(&self, login: &str, password: &str, client: &str) -> Result<SignedIn, AppError> {
        let key = login.trim().to_lowercase();
        let started = Instant::now();
        if let Some(wait) = self.throttle().locked(&key, client, started) {
            return Err(AppError::Throttled { retry_after_seconds: wait.as_secs().max(1) });
        }
        let found = self.store.user_by_login(login.trim())?;
        // Verify against a real hash even for an unknown login, so timing does not tell.
        let (user, hash) = match found {
            Some((u, h)) if !u.disabled => (Some(u), h),
            _ => (None, self.dummy_hash()?),
        };
        let verified = self.hasher().verify_password(password.as_bytes(), hash.as_str()).is_ok();
        match (user, verified) {
            (Some(user), true) => {
                self.throttle().clear(&key);
                let token = random_token()?;
                let csrf = random_token()?;
                let now = now();
                self.store.write(|tx| {
                    tx.create_session(
                        user.id,
                        &token_hash(&token),
                        &csrf,
                        now,
                        now + chrono::Duration::hours(SESSION_HOURS),
                    )
                })?;
                Ok(SignedIn { token, user })
            }
            _ => {
                self.throttle().fail(&key, client, Instant::now());
                Err(AppError::BadCredentials)
            }
        }
    }

    fn dummy_hash(&self) -> Result<String, AppError> {
        if let Some(h) = self.shared.dummy_hash.get() {
            return Ok(h.clone());
        }
        let h = self.hash_password("not anybody's password")?;
        Ok(self.shared.dummy_hash.get_or_init(|| h).clone())
    }

    fn throttle(&self) -> std::sync::MutexGuard<'_, Throttle> {
        self.shared.throttle.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The user of a session cookie, if it is live.
    pub fn session(&self, token: &str) -> Result<Option<SessionUser>, AppError> {
        Ok(self.store.session_user(&token_hash(token), now())?)
    }

    fn sessions(&self) -> std::sync::MutexGuard<'_, SessionCache> {
        self.shared.sessions.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The user of a live session and what they may see, from memory when looked up in the
    /// last few seconds (no IO: safe to call from async code). `None` means "ask [`App::viewer`]".
    pub fn remembered_viewer(&self, token: &str) -> Option<(SessionUser, Scope)> {
        let hash = token_hash(token);
        let cache = self.sessions();
        let (at, session, scope) = cache.entries.get(&hash)?;
        (at.elapsed() < SESSION_RECHECK).then(|| (session.clone(), scope.clone()))
    }

    /// The user of a live session and what they may see.
    pub fn viewer(&self, token: &str) -> Result<Option<(SessionUser, Scope)>, AppError> {
        if let Some(found) = self.remembered_viewer(token) {
            return Ok(Some(found));
        }
        let hash = token_hash(token);
        let Some(session) = self.store.session_user(&hash, now())? else {
            return Ok(None);
        };
        let scope = self.scope(&session.user)?;
        let mut cache = self.sessions();
        if cache.entries.len() >= SESSION_CACHE_MAX {
            let mut ages: Vec<Instant> = cache.entries.values().map(|(at, _, _)| *at).collect();
            ages.sort();
            let cut = ages[ages.len() / 2];
            cache.entries.retain(|_, (at, _, _)| *at > cut);
        }
        cache.entries.insert(hash, (Instant::now(), session.clone(), scope.clone()));
        Ok(Some((session, scope)))
    }

    /// Forgets every remembered session, after anything that could end one or change its user.
    pub(crate) fn forget_sessions(&self) {
        self.sessions().entries.clear();
    }

    pub fn sign_out(&self, token: &str) -> Result<(), AppError> {
        self.store.write(|tx| tx.revoke_session(&token_hash(token)))?;
        self.forget_sessions();
        Ok(())
    }

    /// Ends every session of a user (a lost laptop, a shared computer).
    pub fn sign_out_everywhere(&self, user: &User) -> Result<u64, AppError> {
        let n = self.store.write(|tx| tx.revoke_sessions_of(user.id))?;
        self.forget_sessions();
        Ok(n)
    }

    /// The user of a personal API token, if it is live.
    pub fn api_user(&self, token: &str) -> Result<Option<User>, AppError> {
        Ok(self.store.api_token_user(&token_hash(token), now())?)
    }

    /// Creates a personal API token; the returned secret is shown once and never again.
    pub fn create_api_token(&self, user: &User, name: &str) -> Result<(i64, String), AppError> {
        let token = random_token()?;
        let id = self.store.write(|tx| tx.create_api_token(user.id, name, &token_hash(&token), now()))?;
        Ok((id, token))
    }

    pub fn api_tokens(&self, user: &User) -> Result<Vec<ApiToken>, AppError> {
        Ok(self.store.api_tokens(user.id)?)
    }

    pub fn revoke_api_token(&self, user: &User, id: i64) -> Result<bool, AppError> {
        Ok(self.store.write(|tx| tx.revoke_api_token(user.id, id))?)
    }

    /// Which records this user may see (see [`Scope::of`]).
    pub fn scope(&self, user: &User) -> Result<Scope, AppError> {
        if matches!(user.role, AccessRole::Admin | AccessRole::Vp) {
            return Ok(Scope::Everything);
        }
        let teams = self.store.teams()?;
        let people = self.store.people(&Scope::Everything)?;
        Ok(Scope::of(user, &teams, &people))
    }
}

pub(crate) fn audit(actor: &str, action: &str, entity_id: &str, detail: &str) -> AuditEntry {
    AuditEntry {
        id: AuditId(0),
        at: Utc::now(),
        actor: actor.to_owned(),
        action: action.to_owned(),
        entity: "user".to_owned(),
        entity_id: Some(entity_id.to_owned()),
        detail: detail.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_lock_a_login_for_the_window() {
        let mut t = Throttle::default();
        let start = Instant::now();
        for _ in 0..4 {
            t.fail("rita", "10.0.0.1", start);
        }
        assert!(t.locked("rita", "10.0.0.1", start).is_none(), "four failures are forgiven");
        t.fail("rita", "10.0.0.1", start);
        let wait = t.locked("rita", "10.0.0.2", start).expect("locked from any client");
        assert!(wait > Duration::from_secs(14 * 60));
        assert!(t.locked("max", "10.0.0.2", start).is_none(), "other logins are not affected");
        assert!(t.locked("rita", "x", start + WINDOW).is_none(), "the lock ends");
    }

    #[test]
    fn tokens_are_random_and_stored_only_as_hashes() {
        let a = random_token().expect("random");
        let b = random_token().expect("random");
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(token_hash(&a), token_hash(&a));
        assert_ne!(token_hash(&a), a);
        // SHA-256 of "abc", as published in FIPS 180-2.
        assert_eq!(token_hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
