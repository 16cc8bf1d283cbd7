//! Closed sets of values (statuses, roles, kinds) with one spelling each for storage and files.

/// Declares an enum whose variants have a stable snake_case text form, parsed leniently
/// (case, spaces and hyphens do not matter: "New Business" is `new_business`).
macro_rules! choice {
    ($(#[$meta:meta])* pub enum $name:ident ($field:literal) {
        $($(#[$vmeta:meta])* $variant:ident = $text:literal $(| $alias:literal)*,)+
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            pub fn parse(text: &str) -> $crate::error::Result<$name> {
                // The stored spelling, as the store reads it millions of times, needs no folding.
                match text {
                    $($text => return Ok($name::$variant),)+
                    _ => {}
                }
                let key = $crate::choice::normalise(text);
                match key.as_str() {
                    $($text $(| $alias)* => Ok($name::$variant),)+
                    _ => Err($crate::error::DomainError::InvalidChoice {
                        field: $field,
                        value: text.to_owned(),
                        expected: [$($text),+].join(", "),
                    }),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::error::DomainError;
            fn from_str(s: &str) -> $crate::error::Result<Self> {
                $name::parse(s)
            }
        }
    };
}

pub(crate) use choice;

/// Lower case, with runs of spaces, hyphens and slashes folded into one underscore.
pub(crate) fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c == ' ' || c == '-' || c == '/' || c == '_' {
            if !out.ends_with('_') {
                out.push('_');
            }
        } else if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}
