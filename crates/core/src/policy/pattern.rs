//! RAM's wildcards: `*` matches any run of characters (also none), `?` exactly one. Actions compare
//! case-insensitively (ASCII), resources case-sensitively. Used by the simulator (matching a request) and the
//! checks (does one pattern cover or overlap another).

/// Whether `text` matches `pattern`. Allocation-free; linear except for patterns with several `*`.
pub fn glob_match(pattern: &str, text: &str, ignore_case: bool) -> bool {
    let (p, t) = (pattern.as_bytes(), text.as_bytes());
    let (mut pi, mut ti) = (0usize, 0usize);
    // Where to resume after the last `*`: pattern index after the star, text index it currently absorbs up to.
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match p.get(pi) {
            Some(b'*') => {
                star = Some((pi + 1, ti));
                pi += 1;
                continue;
            }
            Some(b'?') => {
                pi += 1;
                ti += char_width(t[ti]);
                continue;
            }
            Some(&c) if same_byte(c, t[ti], ignore_case) => {
                pi += 1;
                ti += 1;
                continue;
            }
            _ => {}
        }
        match star {
            Some((sp, st)) => {
                // Let the star absorb one more character and retry.
                let next = st + char_width(t[st]);
                star = Some((sp, next));
                pi = sp;
                ti = next;
            }
            None => return false,
        }
    }
    p[pi..].iter().all(|&c| c == b'*')
}

#[inline]
fn same_byte(a: u8, b: u8, ignore_case: bool) -> bool {
    a == b || (ignore_case && a.eq_ignore_ascii_case(&b))
}

/// Bytes in the UTF-8 character that starts with `lead` (1 for stray continuation bytes, so progress is made).
#[inline]
fn char_width(lead: u8) -> usize {
    match lead {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// Depth-first search over pairs of positions `(i, j)` in two patterns, from `(0, 0)` to `(a_len, b_len)`;
/// `step` pushes the successors of a pair. Shared by [`globs_overlap`] and [`glob_covers`].
fn reaches_end(a_len: usize, b_len: usize, step: impl Fn(usize, usize, &mut Vec<(usize, usize)>)) -> bool {
    let width = b_len + 1;
    let mut seen = vec![false; (a_len + 1) * width];
    let mut stack = vec![(0usize, 0usize)];
    while let Some((i, j)) = stack.pop() {
        if std::mem::replace(&mut seen[i * width + j], true) {
            continue;
        }
        if i == a_len && j == b_len {
            return true;
        }
        step(i, j, &mut stack);
    }
    false
}

/// Whether some text matches both patterns. The checks use it to tell whether a `Deny` can meet an `Allow`.
pub fn globs_overlap(a: &str, b: &str, ignore_case: bool) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    // A pair (i, j) means both patterns have consumed a common prefix.
    reaches_end(a.len(), b.len(), |i, j, next| {
        let (ca, cb) = (a.get(i).copied(), b.get(j).copied());
        // A star may match nothing.
        if ca == Some(b'*') {
            next.push((i + 1, j));
        }
        if cb == Some(b'*') {
            next.push((i, j + 1));
        }
        // Consume one common character: each side stays on a star or steps past a `?` or literal.
        if let (Some(x), Some(y)) = (ca, cb) {
            let fits = x == b'*' || x == b'?' || y == b'*' || y == b'?' || same_byte(x, y, ignore_case);
            let (ni, nj) = (if x == b'*' { i } else { i + 1 }, if y == b'*' { j } else { j + 1 });
            if fits && (ni, nj) != (i, j) {
                next.push((ni, nj));
            }
        }
    })
}

/// Whether every text matching `inner` also matches `outer` (`ecs:Describe*` covers `ecs:DescribeInstances` and
/// `ecs:DescribeInstance*`). Exact for patterns whose `?` sits outside `*` runs, conservative (false) otherwise.
pub fn glob_covers(outer: &str, inner: &str, ignore_case: bool) -> bool {
    let (p, q) = (outer.as_bytes(), inner.as_bytes());
    reaches_end(p.len(), q.len(), |i, j, next| match p.get(i) {
        // The outer star absorbs nothing, or one more element of the inner pattern (literal, `?` or `*`).
        Some(b'*') => {
            next.push((i + 1, j));
            if j < q.len() {
                next.push((i, j + 1));
            }
        }
        // An outer `?` stands for exactly one character: an inner literal or `?`, never an inner `*`.
        Some(b'?') => {
            if matches!(q.get(j), Some(c) if *c != b'*') {
                next.push((i + 1, j + 1));
            }
        }
        Some(&c) => {
            if matches!(q.get(j), Some(&d) if d != b'*' && d != b'?' && same_byte(c, d, ignore_case)) {
                next.push((i + 1, j + 1));
            }
        }
        None => {}
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_like_ram() {
        assert!(glob_match("ecs:Describe*", "ECS:DescribeInstances", true));
        assert!(!glob_match("ecs:Describe*", "ECS:DescribeInstances", false));
        assert!(glob_match("*", "", false));
        assert!(glob_match("a?c", "abc", false));
        assert!(glob_match("a?c", "a中c", false));
        assert!(!glob_match("a?c", "ac", false));
        assert!(glob_match("acs:oss:*:*:bucket/*/x", "acs:oss:cn:1:bucket/a/b/x", false));
        assert!(!glob_match("acs:oss:*:*:bucket/*/x", "acs:oss:cn:1:bucket/a/b/y", false));
        assert!(glob_match("*a*b*", "xxaxxbxx", false));
        assert!(!glob_match("*a*b", "xxaxxbxxc", false));
        assert!(glob_match("", "", false));
        assert!(!glob_match("", "a", false));
    }

    #[test]
    fn overlap_of_two_patterns() {
        assert!(globs_overlap("ecs:Describe*", "*Instances", true));
        assert!(globs_overlap("ecs:*", "ECS:StopInstance", true));
        assert!(!globs_overlap("ecs:*", "oss:*", true));
        assert!(!globs_overlap("a?", "abc", false));
        assert!(globs_overlap("a*c", "ab*", false));
        assert!(!globs_overlap("a*c", "b*", false));
    }

    #[test]
    fn coverage_of_patterns() {
        assert!(glob_covers("ecs:Describe*", "ecs:DescribeInstance*", true));
        assert!(glob_covers("*", "anything*", false));
        assert!(!glob_covers("ecs:DescribeInstance*", "ecs:Describe*", true));
        assert!(glob_covers("a?c", "abc", false));
        assert!(!glob_covers("a?c", "a*c", false));
        assert!(glob_covers("a*", "a?", false));
        assert!(!glob_covers("ab", "a?", false));
    }
}
