//! Which upstream hosts the relay may reach: the host segment of `/relay/{host}/…` checked as plain text
//! (pure, no DNS), and the address classes a resolved host must not fall in.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Hosts the relay forwards to when no `--allow-host` is given (plus `sts.<region>.aliyuncs.com`).
pub const DEFAULT_HOSTS: [&str; 3] = ["ram.aliyuncs.com", "sts.aliyuncs.com", "ims.aliyuncs.com"];

/// Longest host name DNS allows.
const MAX_HOST_LEN: usize = 253;

/// Why a host segment is refused. Each variant is one named rule in [`SYNTAX_RULES`] (or the allow-list).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostError {
    /// Nothing between `/relay/` and the next `/`.
    Empty,
    /// Longer than a DNS name can be.
    TooLong,
    /// `%xx` escapes: a host is compared as written, never decoded.
    PercentEncoded,
    /// `user@host`.
    Userinfo,
    /// `[…]`, the IPv6 literal form.
    Bracketed,
    /// `host:port`, or a bare IPv6 literal.
    Port,
    /// `host.`: a fully qualified spelling that would dodge an exact match.
    TrailingDot,
    /// Upper-case letters: hosts are compared exactly, so only the lower-case spelling is accepted.
    UpperCase,
    /// A character outside `a-z 0-9 . -`.
    BadCharacter(char),
    /// `a..b`, a leading dot, or a label that starts or ends with `-`.
    BadLabel,
    /// The last label is a number (decimal, octal `0177`, hex `0x7f`): an IPv4 literal in some notation.
    IpLiteral,
    /// Well-formed, but not on the allow-list.
    NotAllowed(String),
}

impl fmt::Display for HostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HostError::Empty => write!(f, "no host after /relay/"),
            HostError::TooLong => write!(f, "the host is longer than {MAX_HOST_LEN} characters"),
            HostError::PercentEncoded => write!(f, "the host is percent-encoded"),
            HostError::Userinfo => write!(f, "the host carries user information (@)"),
            HostError::Bracketed => write!(f, "the host is a bracketed IPv6 literal"),
            HostError::Port => write!(f, "the host names a port or is an IPv6 literal (:)"),
            HostError::TrailingDot => write!(f, "the host ends with a dot"),
            HostError::UpperCase => write!(f, "the host has upper-case letters"),
            HostError::BadCharacter(c) => write!(f, "the host has the character {c:?}"),
            HostError::BadLabel => write!(f, "the host has an empty label or a label with a leading or trailing '-'"),
            HostError::IpLiteral => write!(f, "the host is an IP address"),
            HostError::NotAllowed(host) => write!(f, "{host} is not on the relay's allow-list"),
        }
    }
}

impl std::error::Error for HostError {}

/// One syntax rule: the error it reports when its test finds the trick.
type SyntaxRule = fn(&str) -> Option<HostError>;

/// The syntax rules, in the order they are checked (the first that fires names the refusal).
const SYNTAX_RULES: [SyntaxRule; 11] = [
    |h| h.is_empty().then_some(HostError::Empty),
    |h| (h.len() > MAX_HOST_LEN).then_some(HostError::TooLong),
    |h| h.contains('%').then_some(HostError::PercentEncoded),
    |h| h.contains('@').then_some(HostError::Userinfo),
    |h| h.contains(['[', ']']).then_some(HostError::Bracketed),
    |h| h.contains(':').then_some(HostError::Port),
    |h| h.ends_with('.').then_some(HostError::TrailingDot),
    |h| h.contains(|c: char| c.is_ascii_uppercase()).then_some(HostError::UpperCase),
    |h| h.chars().find(|c| !matches!(c, 'a'..='z' | '0'..='9' | '.' | '-')).map(HostError::BadCharacter),
    |h| h.split('.').any(bad_label).then_some(HostError::BadLabel),
    |h| is_numeric_label(h.rsplit('.').next().unwrap_or(h)).then_some(HostError::IpLiteral),
];

fn bad_label(label: &str) -> bool {
    label.is_empty() || label.len() > 63 || label.starts_with('-') || label.ends_with('-')
}

/// A label a URL parser would read as a number: decimal, octal (leading 0) or hex (`0x…`, even `0x` alone).
fn is_numeric_label(label: &str) -> bool {
    let digits = label.strip_prefix("0x").unwrap_or(label);
    let hex = digits.len() != label.len();
    (hex && digits.chars().all(|c| c.is_ascii_hexdigit()))
        || (!label.is_empty() && label.chars().all(|c| c.is_ascii_digit()))
}

/// Checks a host as written (lower-case DNS name, no IP, no port, no tricks), before any allow-list.
pub fn check_syntax(host: &str) -> Result<(), HostError> {
    match SYNTAX_RULES.iter().find_map(|rule| rule(host)) {
        Some(err) => Err(err),
        None => Ok(()),
    }
}

/// The hosts the relay forwards to: exact names, plus `sts.<region>.aliyuncs.com` for any region name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowList {
    hosts: Vec<String>,
}

impl Default for AllowList {
    fn default() -> Self {
        AllowList { hosts: DEFAULT_HOSTS.iter().map(|h| h.to_string()).collect() }
    }
}

impl AllowList {
    /// The defaults plus `extra`, each of which must itself pass [`check_syntax`].
    pub fn with_extra(extra: &[String]) -> Result<AllowList, crate::ConfigError> {
        let mut list = AllowList::default();
        for host in extra {
            check_syntax(host).map_err(|reason| crate::ConfigError::AllowHost { host: host.clone(), reason })?;
            if !list.hosts.contains(host) {
                list.hosts.push(host.clone());
            }
        }
        Ok(list)
    }

    /// Whether `host` (already syntax-checked) may be reached.
    pub fn allows(&self, host: &str) -> bool {
        self.hosts.iter().any(|h| h == host) || is_regional_sts(host)
    }

    /// The exact names, for messages and `/healthz`.
    pub fn hosts(&self) -> &[String] {
        &self.hosts
    }
}

/// `sts.<region>.aliyuncs.com`, where a region is lower-case words and numbers joined by `-`
/// (`cn-hangzhou`, `ap-southeast-1`, `cn-shanghai-finance-1`).
fn is_regional_sts(host: &str) -> bool {
    let Some(region) = host.strip_prefix("sts.").and_then(|h| h.strip_suffix(".aliyuncs.com")) else {
        return false;
    };
    let parts: Vec<&str> = region.split('-').collect();
    parts.len() >= 2
        && region.len() <= 40
        && parts[0].chars().all(|c| c.is_ascii_lowercase())
        && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
}

/// The one function the relay calls: the host segment, syntax first, then the allow-list.
pub fn parse_relay_host(host: &str, allow: &AllowList) -> Result<String, HostError> {
    check_syntax(host)?;
    if allow.allows(host) {
        Ok(host.to_string())
    } else {
        Err(HostError::NotAllowed(host.to_string()))
    }
}

/// Address ranges a relayed host must never resolve to, by name (for the refusal message).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ForbiddenAddress {
    Loopback,
    Private,
    LinkLocal,
    /// 100.64.0.0/10, which also holds Alibaba Cloud's metadata service (100.100.100.200).
    SharedCgnat,
    Unspecified,
    Multicast,
    /// Documentation, benchmarking, reserved and broadcast ranges: never a real upstream.
    Reserved,
}

impl fmt::Display for ForbiddenAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ForbiddenAddress::Loopback => "a loopback address",
            ForbiddenAddress::Private => "a private address",
            ForbiddenAddress::LinkLocal => "a link-local address",
            ForbiddenAddress::SharedCgnat => "a CGNAT or metadata-service address",
            ForbiddenAddress::Unspecified => "an unspecified address",
            ForbiddenAddress::Multicast => "a multicast address",
            ForbiddenAddress::Reserved => "a reserved address",
        })
    }
}

/// IPv4 ranges as (network, prefix length, class).
const V4_RANGES: [(Ipv4Addr, u8, ForbiddenAddress); 15] = [
    (Ipv4Addr::new(0, 0, 0, 0), 8, ForbiddenAddress::Unspecified),
    (Ipv4Addr::new(10, 0, 0, 0), 8, ForbiddenAddress::Private),
    (Ipv4Addr::new(100, 64, 0, 0), 10, ForbiddenAddress::SharedCgnat),
    (Ipv4Addr::new(127, 0, 0, 0), 8, ForbiddenAddress::Loopback),
    (Ipv4Addr::new(169, 254, 0, 0), 16, ForbiddenAddress::LinkLocal),
    (Ipv4Addr::new(172, 16, 0, 0), 12, ForbiddenAddress::Private),
    (Ipv4Addr::new(192, 0, 0, 0), 24, ForbiddenAddress::Reserved),
    (Ipv4Addr::new(192, 0, 2, 0), 24, ForbiddenAddress::Reserved),
    (Ipv4Addr::new(192, 88, 99, 0), 24, ForbiddenAddress::Reserved),
    (Ipv4Addr::new(192, 168, 0, 0), 16, ForbiddenAddress::Private),
    (Ipv4Addr::new(198, 18, 0, 0), 15, ForbiddenAddress::Reserved),
    (Ipv4Addr::new(198, 51, 100, 0), 24, ForbiddenAddress::Reserved),
    (Ipv4Addr::new(203, 0, 113, 0), 24, ForbiddenAddress::Reserved),
    (Ipv4Addr::new(224, 0, 0, 0), 4, ForbiddenAddress::Multicast),
    (Ipv4Addr::new(240, 0, 0, 0), 4, ForbiddenAddress::Reserved),
];

/// IPv6 ranges as (network, prefix length, class); IPv4 embedded in IPv6 is checked as IPv4.
const V6_RANGES: [(Ipv6Addr, u8, ForbiddenAddress); 7] = [
    (Ipv6Addr::new(0, 0, 0, 0, 0, 0, 0, 0), 128, ForbiddenAddress::Unspecified),
    (Ipv6Addr::new(0, 0, 0, 0, 0, 0, 0, 1), 128, ForbiddenAddress::Loopback),
    (Ipv6Addr::new(0x100, 0, 0, 0, 0, 0, 0, 0), 64, ForbiddenAddress::Reserved),
    (Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0), 32, ForbiddenAddress::Reserved),
    (Ipv6Addr::new(0xfc00, 0, 0, 0, 0, 0, 0, 0), 7, ForbiddenAddress::Private),
    (Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 0), 10, ForbiddenAddress::LinkLocal),
    (Ipv6Addr::new(0xff00, 0, 0, 0, 0, 0, 0, 0), 8, ForbiddenAddress::Multicast),
];

/// Why `ip` must not be an upstream, or `None` for an ordinary public address.
pub fn forbidden_address(ip: IpAddr) -> Option<ForbiddenAddress> {
    match ip {
        IpAddr::V4(v4) => forbidden_v4(v4),
        IpAddr::V6(v6) => match embedded_v4(v6) {
            Some(v4) => forbidden_v4(v4),
            None => {
                V6_RANGES.iter().find(|(net, len, _)| in_prefix(v6.to_bits(), net.to_bits(), *len, 128)).map(|r| r.2)
            }
        },
    }
}

fn forbidden_v4(ip: Ipv4Addr) -> Option<ForbiddenAddress> {
    if ip.is_broadcast() {
        return Some(ForbiddenAddress::Reserved);
    }
    V4_RANGES
        .iter()
        .find(|(net, len, _)| in_prefix(u32::from(ip).into(), u32::from(*net).into(), *len, 32))
        .map(|r| r.2)
}

/// IPv4 carried inside IPv6: mapped (`::ffff:a.b.c.d`), compatible (`::a.b.c.d`), NAT64 (`64:ff9b::/96`)
/// and 6to4 (`2002:AABB:CCDD::/16`), so none of them smuggles a private IPv4 address.
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let s = ip.segments();
    let low = Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
    match s {
        [0, 0, 0, 0, 0, 0xffff, _, _] => Some(low),
        [0, 0, 0, 0, 0, 0, hi, _] if hi != 0 => Some(low),
        [0x64, 0xff9b, 0, 0, 0, 0, _, _] => Some(low),
        [0x2002, a, b, ..] => Some(Ipv4Addr::new((a >> 8) as u8, a as u8, (b >> 8) as u8, b as u8)),
        _ => None,
    }
}

fn in_prefix(addr: u128, net: u128, len: u8, width: u8) -> bool {
    let shift = width - len;
    shift >= 128 || (addr >> shift) == (net >> shift)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_hosts_and_regional_sts_are_allowed() {
        let allow = AllowList::default();
        for host in [
            "ram.aliyuncs.com",
            "sts.aliyuncs.com",
            "ims.aliyuncs.com",
            "sts.cn-hangzhou.aliyuncs.com",
            "sts.ap-southeast-1.aliyuncs.com",
            "sts.cn-shanghai-finance-1.aliyuncs.com",
        ] {
            assert_eq!(parse_relay_host(host, &allow), Ok(host.to_string()), "{host}");
        }
    }

    #[test]
    fn other_hosts_are_not_allowed() {
        let allow = AllowList::default();
        for host in [
            "ecs.aliyuncs.com",
            "ram.aliyuncs.com.evil.com",
            "evilram.aliyuncs.com",
            "sts.evil.com",
            "sts.aliyuncs.com.cn",
            "sts.-x.aliyuncs.com",
            "sts.cn.aliyuncs.com",
            "sts.1-a.aliyuncs.com",
            "sts.a.b.aliyuncs.com",
            "localhost",
        ] {
            assert!(
                matches!(parse_relay_host(host, &allow), Err(HostError::NotAllowed(_)) | Err(HostError::BadLabel)),
                "{host}"
            );
        }
    }

    #[test]
    fn each_syntax_rule_fires_on_its_trick() {
        let cases: [(&str, HostError); 20] = [
            ("", HostError::Empty),
            (&"a.".repeat(130), HostError::TooLong),
            ("ram%2ealiyuncs.com", HostError::PercentEncoded),
            ("%72am.aliyuncs.com", HostError::PercentEncoded),
            ("user@ram.aliyuncs.com", HostError::Userinfo),
            ("[::1]", HostError::Bracketed),
            ("::1", HostError::Port),
            ("ram.aliyuncs.com:443", HostError::Port),
            ("ram.aliyuncs.com.", HostError::TrailingDot),
            ("RAM.aliyuncs.com", HostError::UpperCase),
            ("ram.aliyuncs.Com", HostError::UpperCase),
            ("ram.aliyuncs.com\\", HostError::BadCharacter('\\')),
            ("ram_x.aliyuncs.com", HostError::BadCharacter('_')),
            ("ram..aliyuncs.com", HostError::BadLabel),
            ("-ram.aliyuncs.com", HostError::BadLabel),
            ("127.0.0.1", HostError::IpLiteral),
            ("2130706433", HostError::IpLiteral),
            ("0177.0.0.1", HostError::IpLiteral),
            ("0x7f.1", HostError::IpLiteral),
            ("127.1", HostError::IpLiteral),
        ];
        for (host, want) in cases {
            assert_eq!(check_syntax(host), Err(want), "{host:?}");
        }
        assert_eq!(check_syntax("0x7f000001"), Err(HostError::IpLiteral));
        assert_eq!(check_syntax("ram.aliyuncs.com"), Ok(()));
        // A name that merely starts with digits is a name, not an address.
        assert_eq!(check_syntax("123abc.example"), Ok(()));
    }

    #[test]
    fn extra_hosts_are_checked_too() {
        assert!(AllowList::with_extra(&["ecs.aliyuncs.com".into()]).unwrap().allows("ecs.aliyuncs.com"));
        assert_eq!(
            AllowList::with_extra(&["10.0.0.1".into()]),
            Err(crate::ConfigError::AllowHost { host: "10.0.0.1".into(), reason: HostError::IpLiteral })
        );
    }

    #[test]
    fn address_classes() {
        let cases: [(&str, Option<ForbiddenAddress>); 18] = [
            ("127.0.0.1", Some(ForbiddenAddress::Loopback)),
            ("127.255.1.2", Some(ForbiddenAddress::Loopback)),
            ("10.1.2.3", Some(ForbiddenAddress::Private)),
            ("172.31.255.255", Some(ForbiddenAddress::Private)),
            ("192.168.0.1", Some(ForbiddenAddress::Private)),
            ("169.254.169.254", Some(ForbiddenAddress::LinkLocal)),
            ("100.100.100.200", Some(ForbiddenAddress::SharedCgnat)),
            ("100.64.0.1", Some(ForbiddenAddress::SharedCgnat)),
            ("0.0.0.0", Some(ForbiddenAddress::Unspecified)),
            ("255.255.255.255", Some(ForbiddenAddress::Reserved)),
            ("::1", Some(ForbiddenAddress::Loopback)),
            ("::ffff:127.0.0.1", Some(ForbiddenAddress::Loopback)),
            ("::ffff:100.100.100.200", Some(ForbiddenAddress::SharedCgnat)),
            ("64:ff9b::a00:1", Some(ForbiddenAddress::Private)),
            ("2002:a9fe:a9fe::1", Some(ForbiddenAddress::LinkLocal)),
            ("fd00::1", Some(ForbiddenAddress::Private)),
            ("fe80::1", Some(ForbiddenAddress::LinkLocal)),
            ("172.32.0.1", None),
        ];
        for (ip, want) in cases {
            assert_eq!(forbidden_address(ip.parse().unwrap()), want, "{ip}");
        }
        for public in ["47.88.1.1", "106.11.0.1", "100.128.0.1", "2408:4000::1"] {
            assert_eq!(forbidden_address(public.parse().unwrap()), None, "{public}");
        }
    }
}
