//! Fault mode for tests: `--fault ACTION:latency=MS|status=CODE|reset|garbage` makes chosen actions slow, fail,
//! drop the connection or answer with a body that is not JSON. `*` as the action matches every action.

use std::fmt;
use std::str::FromStr;

/// What goes wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultKind {
    /// Wait this many milliseconds, then answer normally.
    Latency(u64),
    /// Answer with this HTTP status and Alibaba Cloud's error body.
    Status(u16),
    /// Close the connection without an answer.
    Reset,
    /// Answer 200 with a body that is not JSON.
    Garbage,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// The action name (`AttachPolicyToUser`) or `*`.
    pub action: String,
    pub kind: FaultKind,
}

impl Fault {
    pub fn applies_to(&self, action: &str) -> bool {
        self.action == "*" || self.action == action
    }
}

/// Why a `--fault` value was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultError {
    pub text: String,
    pub reason: &'static str,
}

impl fmt::Display for FaultError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "--fault {}: {} (expected ACTION:latency=MS, ACTION:status=CODE, ACTION:reset or ACTION:garbage)",
            self.text, self.reason
        )
    }
}

impl std::error::Error for FaultError {}

impl FromStr for Fault {
    type Err = FaultError;

    fn from_str(text: &str) -> Result<Self, FaultError> {
        let err = |reason| FaultError { text: text.to_string(), reason };
        let (action, spec) = text.split_once(':').ok_or_else(|| err("no ACTION: before the fault"))?;
        if action.is_empty() || !(action == "*" || action.chars().all(|c| c.is_ascii_alphanumeric())) {
            return Err(err("the action must be an API name or *"));
        }
        let kind = match spec.split_once('=') {
            None if spec == "reset" => FaultKind::Reset,
            None if spec == "garbage" => FaultKind::Garbage,
            Some(("latency", ms)) => {
                FaultKind::Latency(ms.parse().map_err(|_| err("latency must be a number of milliseconds"))?)
            }
            Some(("status", code)) => FaultKind::Status(
                code.parse()
                    .ok()
                    .filter(|c| (400..=599).contains(c))
                    .ok_or_else(|| err("status must be 400 to 599"))?,
            ),
            _ => return Err(err("unknown fault")),
        };
        Ok(Fault { action: action.to_string(), kind })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_kind_and_explains_mistakes() {
        let f = |s: &str| s.parse::<Fault>();
        assert_eq!(f("GetUser:latency=250").unwrap().kind, FaultKind::Latency(250));
        assert_eq!(f("*:status=500").unwrap().kind, FaultKind::Status(500));
        assert_eq!(f("AttachPolicyToUser:reset").unwrap().kind, FaultKind::Reset);
        assert!(f("*:garbage").unwrap().applies_to("ListUsers"));
        assert!(!f("GetUser:garbage").unwrap().applies_to("ListUsers"));
        assert_eq!(f("GetUser").unwrap_err().reason, "no ACTION: before the fault");
        assert_eq!(f("GetUser:status=200").unwrap_err().reason, "status must be 400 to 599");
        assert_eq!(f("GetUser:explode").unwrap_err().reason, "unknown fault");
        assert_eq!(f("Get User:reset").unwrap_err().reason, "the action must be an API name or *");
    }
}
