//! Configuration the engines refuse, with what to fix.

/// A rule, profile or pattern that cannot be applied. The message names the setting and says
/// what would make it valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{setting}: {problem}")]
pub struct ConfigError {
    pub setting: &'static str,
    pub problem: String,
}

impl ConfigError {
    pub(crate) fn new(setting: &'static str, problem: impl Into<String>) -> ConfigError {
        ConfigError { setting, problem: problem.into() }
    }
}

pub type Result<T> = std::result::Result<T, ConfigError>;
