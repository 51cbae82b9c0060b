//! The signing time, given by the caller (core has no clock).

use std::fmt;

use crate::policy::condition::{format_date, parse_date};

/// A UTC instant to the second, written `2023-10-26T10:22:32Z` in `x-acs-date` and `Timestamp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z.
    pub unix_seconds: i64,
}

/// Why a timestamp was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimestampError {
    /// The text given.
    pub text: String,
}

impl fmt::Display for TimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\" is not a UTC time like 2023-10-26T10:22:32Z", self.text)
    }
}

impl std::error::Error for TimestampError {}

impl Timestamp {
    /// From seconds since the epoch (what a caller's clock gives).
    pub fn from_unix(unix_seconds: i64) -> Self {
        Timestamp { unix_seconds }
    }

    /// Parses `2023-10-26T10:22:32Z` (an offset such as `+08:00` is converted to UTC).
    pub fn parse(text: &str) -> Result<Self, TimestampError> {
        let err = || TimestampError { text: text.to_string() };
        // A date alone is not a signing time: the signature needs the second.
        if text.len() < 16 {
            return Err(err());
        }
        parse_date(text).map(|ms| Timestamp { unix_seconds: ms.div_euclid(1000) }).ok_or_else(err)
    }

    /// The ISO 8601 form both signatures use.
    pub fn to_iso8601(self) -> String {
        format_date(self.unix_seconds.saturating_mul(1000))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_bad_text() {
        let t = Timestamp::parse("2023-10-26T10:22:32Z").unwrap();
        assert_eq!(t.to_iso8601(), "2023-10-26T10:22:32Z");
        assert_eq!(Timestamp::from_unix(t.unix_seconds + 60).to_iso8601(), "2023-10-26T10:23:32Z");
        assert_eq!(Timestamp::parse("2023-10-26T18:22:32+08:00").unwrap(), t);
        for bad in ["", "2023-10-26", "yesterday", "2023-13-01T00:00:00Z"] {
            assert_eq!(Timestamp::parse(bad), Err(TimestampError { text: bad.to_string() }), "{bad}");
        }
    }
}
