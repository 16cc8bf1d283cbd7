//! Users, sessions and personal API tokens. Secrets never reach this crate: passwords arrive
//! hashed (Argon2id, by the application) and tokens arrive as SHA-256 hashes.

use chrono::NaiveDateTime;
use sutton_domain::*;

use crate::backend::{Row, Value};
use crate::error::{StoreError, StoreResult};
use crate::{IdKind, Store, Tx};

const USER_COLUMNS: &str =
    "users.id, users.login, users.display_name, users.role, users.person_id, users.language, users.disabled";

fn user_from_row(r: &Row<'_>) -> StoreResult<User> {
    Ok(User {
        id: UserId(r.i64(0)?),
        login: r.text(1)?,
        display_name: r.text(2)?,
        role: AccessRole::parse(&r.text(3)?)?,
        person: r.opt_i64(4)?.map(PersonId),
        language: Language::parse(&r.text(5)?)?,
        disabled: r.bool(6)?,
    })
}

/// A personal API token as listed to its owner (the secret itself is shown once, at creation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: i64,
    pub name: String,
    pub created_at: NaiveDateTime,
    pub last_used_at: Option<NaiveDateTime>,
    pub revoked: bool,
}

/// A signed-in session, found by the hash of its cookie.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionUser {
    pub user: User,
    /// The token forms must echo back (checked on every state-changing request).
    pub csrf_token: String,
}

impl Store {
    pub fn users(&self) -> StoreResult<Vec<User>> {
        let mut conn = self.pool.get()?;
        conn.query(&format!("SELECT {USER_COLUMNS} FROM users ORDER BY login"), &[], user_from_row)
    }

    pub fn user(&self, id: UserId) -> StoreResult<Option<User>> {
        let mut conn = self.pool.get()?;
        Ok(conn
            .query(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?"), &[Value::Int(id.get())], user_from_row)?
            .pop())
    }

    /// The user and their password hash, for signing in.
    pub fn user_by_login(&self, login: &str) -> StoreResult<Option<(User, String)>> {
        let mut conn = self.pool.get()?;
        let rows = conn.query(
            &format!("SELECT {USER_COLUMNS}, users.password_hash FROM users WHERE users.login = ?"),
            &[Value::from(login.trim())],
            |r| Ok((user_from_row(r)?, r.text(7)?)),
        )?;
        Ok(rows.into_iter().next())
    }

    /// The user behind a live session: not revoked, not expired, user not disabled.
    pub fn session_user(&self, token_hash: &str, now: NaiveDateTime) -> StoreResult<Option<SessionUser>> {
        let mut conn = self.pool.get()?;
        let rows = conn.query(
            &format!(
                "SELECT {USER_COLUMNS}, sessions.csrf_token FROM sessions JOIN users ON users.id = sessions.user_id \
                 WHERE sessions.token_hash = ? AND sessions.revoked = ? AND sessions.expires_at > ? AND users.disabled = ?"
            ),
            &[Value::from(token_hash), Value::Bool(false), Value::Timestamp(now), Value::Bool(false)],
            |r| Ok(SessionUser { user: user_from_row(r)?, csrf_token: r.text(7)? }),
        )?;
        Ok(rows.into_iter().next())
    }

    /// The user behind a live API token; records when it was last used (to the minute).
    pub fn api_token_user(&self, token_hash: &str, now: NaiveDateTime) -> StoreResult<Option<User>> {
        let mut conn = self.pool.get()?;
        let user = conn
            .query(
                &format!(
                    "SELECT {USER_COLUMNS} FROM api_tokens JOIN users ON users.id = api_tokens.user_id \
                     WHERE api_tokens.token_hash = ? AND api_tokens.revoked = ? AND users.disabled = ?"
                ),
                &[Value::from(token_hash), Value::Bool(false), Value::Bool(false)],
                user_from_row,
            )?
            .pop();
        if user.is_some() {
            // To the minute: a script calling in a loop must not turn every read into a write.
            conn.execute(
                "UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ? AND (last_used_at IS NULL OR last_used_at < ?)",
                &[Value::Timestamp(now), Value::from(token_hash), Value::Timestamp(now - chrono::Duration::minutes(1))],
            )?;
        }
        Ok(user)
    }

    pub fn api_tokens(&self, user: UserId) -> StoreResult<Vec<ApiToken>> {
        let mut conn = self.pool.get()?;
        conn.query(
            "SELECT id, name, created_at, last_used_at, revoked FROM api_tokens WHERE user_id = ? ORDER BY id DESC",
            &[Value::Int(user.get())],
            |r| {
                Ok(ApiToken {
                    id: r.i64(0)?,
                    name: r.text(1)?,
                    created_at: r.timestamp(2)?,
                    last_used_at: r.opt_timestamp(3)?,
                    revoked: r.bool(4)?,
                })
            },
        )
    }
}

impl Tx<'_> {
    /// Adds a user; the id is allocated here and returned.
    pub fn insert_user(&mut self, user: &User, password_hash: &str, now: NaiveDateTime) -> StoreResult<UserId> {
        user.validate().map_err(|e| {
            StoreError::Invalid(vec![IntegrityProblem { record: "user", id: 0, problem: e.to_string() }])
        })?;
        let id = UserId(self.allocate_ids(IdKind::User, 1)?);
        self.conn.execute(
            "INSERT INTO users (id, login, display_name, password_hash, role, person_id, language, disabled, created_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            &[
                Value::Int(id.get()),
                Value::from(user.login.trim()),
                Value::from(user.display_name.as_str()),
                Value::from(password_hash),
                Value::from(user.role.as_str()),
                Value::from(user.person.map(PersonId::get)),
                Value::from(user.language.as_str()),
                Value::Bool(user.disabled),
                Value::Timestamp(now),
            ],
        )?;
        Ok(id)
    }

    /// Changes what a user is and may see (role, linked person, language, disabled).
    pub fn update_user(&mut self, user: &User) -> StoreResult<()> {
        user.validate().map_err(|e| {
            StoreError::Invalid(vec![IntegrityProblem { record: "user", id: user.id.get(), problem: e.to_string() }])
        })?;
        self.conn.execute(
            "UPDATE users SET display_name = ?, role = ?, person_id = ?, language = ?, disabled = ? WHERE id = ?",
            &[
                Value::from(user.display_name.as_str()),
                Value::from(user.role.as_str()),
                Value::from(user.person.map(PersonId::get)),
                Value::from(user.language.as_str()),
                Value::Bool(user.disabled),
                Value::Int(user.id.get()),
            ],
        )?;
        Ok(())
    }

    pub fn set_password(&mut self, user: UserId, password_hash: &str) -> StoreResult<()> {
        self.conn.execute(
            "UPDATE users SET password_hash = ? WHERE id = ?",
            &[Value::from(password_hash), Value::Int(user.get())],
        )?;
        Ok(())
    }

    pub fn create_session(
        &mut self,
        user: UserId,
        token_hash: &str,
        csrf_token: &str,
        now: NaiveDateTime,
        expires: NaiveDateTime,
    ) -> StoreResult<()> {
        self.conn.execute(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, revoked) VALUES (?, ?, ?, ?, ?, ?)",
            &[
                Value::from(token_hash),
                Value::Int(user.get()),
                Value::from(csrf_token),
                Value::Timestamp(now),
                Value::Timestamp(expires),
                Value::Bool(false),
            ],
        )?;
        Ok(())
    }

    pub fn revoke_session(&mut self, token_hash: &str) -> StoreResult<()> {
        self.conn.execute(
            "UPDATE sessions SET revoked = ? WHERE token_hash = ?",
            &[Value::Bool(true), Value::from(token_hash)],
        )?;
        Ok(())
    }

    /// Signs a user out everywhere (after a password or role change, or by an administrator).
    pub fn revoke_sessions_of(&mut self, user: UserId) -> StoreResult<u64> {
        self.conn.execute(
            "UPDATE sessions SET revoked = ? WHERE user_id = ? AND revoked = ?",
            &[Value::Bool(true), Value::Int(user.get()), Value::Bool(false)],
        )
    }

    pub fn create_api_token(
        &mut self,
        user: UserId,
        name: &str,
        token_hash: &str,
        now: NaiveDateTime,
    ) -> StoreResult<i64> {
        error::required_text("token name", name, 100)?;
        let id = self.allocate_ids(IdKind::ApiToken, 1)?;
        self.conn.execute(
            "INSERT INTO api_tokens (id, user_id, name, token_hash, created_at, last_used_at, revoked) VALUES (?, ?, ?, ?, ?, ?, ?)",
            &[Value::Int(id), Value::Int(user.get()), Value::from(name.trim()), Value::from(token_hash), Value::Timestamp(now), Value::Null, Value::Bool(false)],
        )?;
        Ok(id)
    }

    /// Revokes one of the user's own tokens; returns whether there was one to revoke.
    pub fn revoke_api_token(&mut self, user: UserId, token: i64) -> StoreResult<bool> {
        let n = self.conn.execute(
            "UPDATE api_tokens SET revoked = ? WHERE id = ? AND user_id = ?",
            &[Value::Bool(true), Value::Int(token), Value::Int(user.get())],
        )?;
        Ok(n > 0)
    }
}
