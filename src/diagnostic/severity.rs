//! How much a finding matters: off, warning, error.

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Severity {
    Off,
    Warn,
    Error,
}

impl Severity {
    /// ESLint's number: 0 off, 1 warn, 2 error.
    pub fn number(self) -> u8 {
        match self {
            Severity::Off => 0,
            Severity::Warn => 1,
            Severity::Error => 2,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Severity::Off => "off",
            Severity::Warn => "warn",
            Severity::Error => "error",
        }
    }

    pub fn parse(value: &serde_json::Value) -> Option<Severity> {
        match value {
            serde_json::Value::String(s) => match s.as_str() {
                "off" => Some(Severity::Off),
                "warn" | "warning" => Some(Severity::Warn),
                "error" => Some(Severity::Error),
                _ => None,
            },
            serde_json::Value::Number(n) => match n.as_u64() {
                Some(0) => Some(Severity::Off),
                Some(1) => Some(Severity::Warn),
                Some(2) => Some(Severity::Error),
                _ => None,
            },
            _ => None,
        }
    }
}
