//! Condition operators and the value types they compare: the one place that knows operator names, which are
//! negated, and how a number, a date, a boolean or a CIDR is written. The checks (RAM009, RAM010) and the
//! simulator both read it, so they cannot disagree.

use std::net::IpAddr;

/// The base operator, without a `ForAnyValue:`/`ForAllValues:` prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OperatorKind {
    /// Equal strings, case-sensitive.
    StringEquals,
    /// No policy value equals the request's.
    StringNotEquals,
    /// Equal strings, ignoring case.
    StringEqualsIgnoreCase,
    /// No policy value equals the request's, ignoring case.
    StringNotEqualsIgnoreCase,
    /// A pattern match with `*` and `?`.
    StringLike,
    /// No pattern matches.
    StringNotLike,
    /// Equal numbers.
    NumericEquals,
    /// Different numbers.
    NumericNotEquals,
    /// The request's number is less.
    NumericLessThan,
    /// The request's number is less or equal.
    NumericLessThanEquals,
    /// The request's number is greater.
    NumericGreaterThan,
    /// The request's number is greater or equal.
    NumericGreaterThanEquals,
    /// The same instant.
    DateEquals,
    /// A different instant.
    DateNotEquals,
    /// The request's time is earlier.
    DateLessThan,
    /// The request's time is earlier or the same.
    DateLessThanEquals,
    /// The request's time is later.
    DateGreaterThan,
    /// The request's time is later or the same.
    DateGreaterThanEquals,
    /// `true` or `false`, as the policy says.
    Bool,
    /// The request's address is in one of the networks.
    IpAddress,
    /// The request's address is in none of the networks.
    NotIpAddress,
}

/// What the values of an operator must look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueType {
    /// Any text.
    String,
    /// A decimal number.
    Number,
    /// ISO 8601.
    Date,
    /// `true` or `false`.
    Bool,
    /// An IPv4 or IPv6 address or CIDR.
    Ip,
}

/// Every operator with its name as RAM spells it.
pub const OPERATORS: &[(&str, OperatorKind)] = &[
    ("StringEquals", OperatorKind::StringEquals),
    ("StringNotEquals", OperatorKind::StringNotEquals),
    ("StringEqualsIgnoreCase", OperatorKind::StringEqualsIgnoreCase),
    ("StringNotEqualsIgnoreCase", OperatorKind::StringNotEqualsIgnoreCase),
    ("StringLike", OperatorKind::StringLike),
    ("StringNotLike", OperatorKind::StringNotLike),
    ("NumericEquals", OperatorKind::NumericEquals),
    ("NumericNotEquals", OperatorKind::NumericNotEquals),
    ("NumericLessThan", OperatorKind::NumericLessThan),
    ("NumericLessThanEquals", OperatorKind::NumericLessThanEquals),
    ("NumericGreaterThan", OperatorKind::NumericGreaterThan),
    ("NumericGreaterThanEquals", OperatorKind::NumericGreaterThanEquals),
    ("DateEquals", OperatorKind::DateEquals),
    ("DateNotEquals", OperatorKind::DateNotEquals),
    ("DateLessThan", OperatorKind::DateLessThan),
    ("DateLessThanEquals", OperatorKind::DateLessThanEquals),
    ("DateGreaterThan", OperatorKind::DateGreaterThan),
    ("DateGreaterThanEquals", OperatorKind::DateGreaterThanEquals),
    ("Bool", OperatorKind::Bool),
    ("IpAddress", OperatorKind::IpAddress),
    ("NotIpAddress", OperatorKind::NotIpAddress),
];

impl OperatorKind {
    /// The operator's name as a policy writes it (`StringLike`).
    pub fn name(self) -> &'static str {
        OPERATORS.iter().find(|(_, k)| *k == self).map_or("", |(n, _)| n)
    }

    /// Negated operators match when no policy value matches (and when the request lacks the key).
    pub fn is_negated(self) -> bool {
        use OperatorKind::*;
        matches!(
            self,
            StringNotEquals
                | StringNotEqualsIgnoreCase
                | StringNotLike
                | NumericNotEquals
                | DateNotEquals
                | NotIpAddress
        )
    }

    /// What its values must look like.
    pub fn value_type(self) -> ValueType {
        use OperatorKind::*;
        match self {
            StringEquals
            | StringNotEquals
            | StringEqualsIgnoreCase
            | StringNotEqualsIgnoreCase
            | StringLike
            | StringNotLike => ValueType::String,
            NumericEquals
            | NumericNotEquals
            | NumericLessThan
            | NumericLessThanEquals
            | NumericGreaterThan
            | NumericGreaterThanEquals => ValueType::Number,
            DateEquals
            | DateNotEquals
            | DateLessThan
            | DateLessThanEquals
            | DateGreaterThan
            | DateGreaterThanEquals => ValueType::Date,
            Bool => ValueType::Bool,
            IpAddress | NotIpAddress => ValueType::Ip,
        }
    }
}

/// How an operator treats a request key with several values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SetQualifier {
    /// No prefix: the key matches when any request value matches (negated: when none does).
    Single,
    /// `ForAnyValue:` at least one request value satisfies the operator; a missing key fails.
    ForAnyValue,
    /// `ForAllValues:` every request value satisfies the operator; a missing key passes (nothing to violate).
    ForAllValues,
}

/// A parsed operator name such as `ForAnyValue:StringLike`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Operator {
    /// The base operator.
    pub kind: OperatorKind,
    /// How it treats a key with several values.
    pub qualifier: SetQualifier,
}

impl Operator {
    /// Parses an operator name exactly as RAM spells it; the error says what is wrong, for RAM009.
    pub fn parse(name: &str) -> Result<Operator, String> {
        let (qualifier, base) = if let Some(rest) = name.strip_prefix("ForAnyValue:") {
            (SetQualifier::ForAnyValue, rest)
        } else if let Some(rest) = name.strip_prefix("ForAllValues:") {
            (SetQualifier::ForAllValues, rest)
        } else if let Some((prefix, _)) = name.split_once(':') {
            return Err(format!("unknown prefix \"{prefix}:\" (use ForAnyValue: or ForAllValues:)"));
        } else {
            (SetQualifier::Single, name)
        };
        if let Some((_, kind)) = OPERATORS.iter().find(|(n, _)| *n == base) {
            return Ok(Operator { kind: *kind, qualifier });
        }
        if base.is_empty() {
            return Err(format!("\"{name}\" names no operator after the prefix"));
        }
        match OPERATORS.iter().find(|(n, _)| n.eq_ignore_ascii_case(base)) {
            Some((n, _)) => Err(format!("unknown operator \"{base}\" (operators are case-sensitive: \"{n}\")")),
            None => Err(format!("unknown operator \"{base}\"")),
        }
    }
}

/// Whether `value` is a well-formed value for operators of type `ty`.
pub fn value_fits(ty: ValueType, value: &str) -> bool {
    match ty {
        ValueType::String => true,
        ValueType::Number => parse_number(value).is_some(),
        ValueType::Date => parse_date(value).is_some(),
        ValueType::Bool => parse_bool(value).is_some(),
        ValueType::Ip => Cidr::parse(value).is_some(),
    }
}

/// A decimal number (`3`, `-1.5`, `1e3`); not `NaN` or infinities.
pub fn parse_number(s: &str) -> Option<f64> {
    let ok = !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'));
    s.parse::<f64>().ok().filter(|n| ok && n.is_finite())
}

/// `true` or `false`, any case.
pub fn parse_bool(s: &str) -> Option<bool> {
    if s.eq_ignore_ascii_case("true") {
        Some(true)
    } else if s.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// An ISO 8601 date or date-time as milliseconds since 1970-01-01T00:00:00Z.
/// Accepts `2026-01-31`, `2026-01-31T08:00:00Z`, fractions of a second, and `+08:00`/`+0800` offsets;
/// a time without an offset is read as UTC.
pub fn parse_date(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = b.get(from..from + len)?;
        part.iter().all(u8::is_ascii_digit).then(|| part.iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0')))
    };
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    if b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
    {
        return None;
    }
    let mut millis = days_from_civil(year, month, day) * 86_400_000;
    if b.len() == 10 {
        return Some(millis);
    }
    if !matches!(b.get(10), Some(b'T' | b't' | b' ')) {
        return None;
    }
    let (hour, minute) = (num(11, 2)?, num(14, 2)?);
    if b.get(13) != Some(&b':') || hour > 23 || minute > 59 {
        return None;
    }
    let mut i = 16;
    let mut second = 0;
    if b.get(i) == Some(&b':') {
        second = num(17, 2)?;
        if second > 60 {
            return None;
        }
        i = 19;
        if b.get(i) == Some(&b'.') {
            let start = i + 1;
            i = start;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == start {
                return None;
            }
            let frac = &s[start..i.min(start + 3)];
            millis += frac.parse::<i64>().ok()? * 10i64.pow(3 - frac.len() as u32);
        }
    }
    millis += ((hour * 60 + minute) * 60 + second) * 1000;
    let offset_minutes = match b.get(i) {
        None => 0,
        Some(b'Z' | b'z') if i + 1 == b.len() => 0,
        Some(&sign @ (b'+' | b'-')) => {
            let h = num(i + 1, 2)?;
            let (m, end) = if b.get(i + 3) == Some(&b':') { (num(i + 4, 2)?, i + 6) } else { (num(i + 3, 2)?, i + 5) };
            if end != b.len() || h > 23 || m > 59 {
                return None;
            }
            let total = h * 60 + m;
            if sign == b'+' {
                total
            } else {
                -total
            }
        }
        _ => return None,
    };
    Some(millis - offset_minutes * 60_000)
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Formats milliseconds since the epoch as `YYYY-MM-DDTHH:MM:SSZ` (what the CLI passes as `acs:CurrentTime`).
pub fn format_date(millis: i64) -> String {
    let secs = millis.div_euclid(1000);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Inverse of days_from_civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

/// An IPv4 or IPv6 network. A plain address is a network of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    /// The address bits (IPv4 in the low 32 bits), already masked.
    bits: u128,
    prefix: u8,
    v6: bool,
}

impl Cidr {
    /// Reads `10.0.0.0/8`, `192.168.1.1` or an IPv6 form; `None` when it is neither.
    pub fn parse(s: &str) -> Option<Cidr> {
        let (addr, prefix) = match s.split_once('/') {
            Some((a, p)) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && p.len() <= 3 => {
                (a, Some(p.parse::<u8>().ok()?))
            }
            Some(_) => return None,
            None => (s, None),
        };
        let ip: IpAddr = addr.parse().ok()?;
        let (bits, v6, max) = ip_bits(ip);
        let prefix = prefix.unwrap_or(max);
        if prefix > max {
            return None;
        }
        Some(Cidr { bits: bits & mask(prefix, max), prefix, v6 })
    }

    /// Whether the address is inside this network. IPv4-mapped IPv6 addresses count as IPv4.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            v4 => v4,
        };
        let (bits, v6, max) = ip_bits(ip);
        v6 == self.v6 && bits & mask(self.prefix, max) == self.bits
    }
}

fn ip_bits(ip: IpAddr) -> (u128, bool, u8) {
    match ip {
        IpAddr::V4(a) => (u128::from(u32::from(a)), false, 32),
        IpAddr::V6(a) => (u128::from(a), true, 128),
    }
}

fn mask(prefix: u8, max: u8) -> u128 {
    if prefix == 0 {
        return 0;
    }
    let all = if max == 128 { u128::MAX } else { (1u128 << max) - 1 };
    all & (u128::MAX << u32::from(max - prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operator_names() {
        let op = Operator::parse("ForAnyValue:StringLike").unwrap();
        assert_eq!((op.kind, op.qualifier), (OperatorKind::StringLike, SetQualifier::ForAnyValue));
        assert!(Operator::parse("ForAnyValues:StringLike").unwrap_err().contains("unknown prefix"));
        assert!(Operator::parse("stringequals").unwrap_err().contains("\"StringEquals\""));
        assert!(Operator::parse("ForAllValues:").is_err());
        assert!(OPERATORS.iter().all(|(n, k)| k.name() == *n));
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_date("1970-01-02"), Some(86_400_000));
        assert_eq!(parse_date("1970-01-01T08:00:00+08:00"), Some(0));
        assert_eq!(parse_date("1970-01-01T00:00:00.5-0100"), Some(3_600_500));
        assert_eq!(parse_date("2024-02-29T00:00:00Z").map(format_date).as_deref(), Some("2024-02-29T00:00:00Z"));
        for bad in
            ["2023-02-29", "2026-13-01", "tomorrow", "2026-01-01T25:00:00Z", "2026-01-01T10:00Zjunk", "2026-1-01"]
        {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert_eq!(format_date(1_767_225_600_000), "2026-01-01T00:00:00Z");
    }

    #[test]
    fn cidrs() {
        let net = Cidr::parse("10.1.0.0/16").unwrap();
        assert!(net.contains("10.1.200.3".parse().unwrap()));
        assert!(!net.contains("10.2.0.1".parse().unwrap()));
        assert!(net.contains("::ffff:10.1.0.9".parse().unwrap()));
        let v6 = Cidr::parse("2001:db8::/32").unwrap();
        assert!(v6.contains("2001:db8:1::5".parse().unwrap()));
        assert!(!v6.contains("2001:db9::1".parse().unwrap()));
        assert!(!v6.contains("10.1.0.1".parse().unwrap()));
        assert!(Cidr::parse("0.0.0.0/0").unwrap().contains("8.8.8.8".parse().unwrap()));
        assert!(Cidr::parse("::/0").unwrap().contains("::1".parse().unwrap()));
        assert!(Cidr::parse("1.2.3.4").unwrap().contains("1.2.3.4".parse().unwrap()));
        for bad in ["10.0.0.0/33", "10.0.0/8", "10.0.0.0/", "abc", "::/129"] {
            assert!(Cidr::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn numbers_and_bools() {
        assert_eq!(parse_number("-1.5"), Some(-1.5));
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_bool("TRUE"), Some(true));
        assert_eq!(parse_bool("yes"), None);
    }
}
