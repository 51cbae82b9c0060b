//! Reading the figures the core benches print.

/// One `scan <file> <bytes> <seconds> <findings>` line of the scan bench.
#[derive(Debug, Clone, PartialEq)]
pub struct Scan {
    pub file: String,
    pub bytes: u64,
    pub seconds: f64,
    pub findings: u64,
}

impl Scan {
    pub fn mb_per_s(&self) -> f64 {
        self.bytes as f64 / (1024.0 * 1024.0) / self.seconds
    }
}

pub fn scan_lines(output: &str) -> Vec<Scan> {
    output
        .lines()
        .filter_map(|l| {
            let mut w = l.strip_prefix("scan ")?.rsplitn(4, ' ');
            let (findings, seconds, bytes, file) = (w.next()?, w.next()?, w.next()?, w.next()?);
            Some(Scan {
                file: file.to_string(),
                bytes: bytes.parse().ok()?,
                seconds: seconds.parse().ok()?,
                findings: findings.parse().ok()?,
            })
        })
        .collect()
}

/// One `read <file> <seconds with the prefilter> <seconds over every byte>` line of the scan bench.
#[derive(Debug, Clone, PartialEq)]
pub struct Read {
    pub file: String,
    pub filtered: f64,
    pub all: f64,
}

pub fn read_lines(output: &str) -> Vec<Read> {
    output
        .lines()
        .filter_map(|l| {
            let mut w = l.strip_prefix("read ")?.rsplitn(3, ' ');
            let (all, filtered, file) = (w.next()?, w.next()?, w.next()?);
            Some(Read { file: file.to_string(), filtered: filtered.parse().ok()?, all: all.parse().ok()? })
        })
        .collect()
}

/// The scan bench's `peak-rss <bytes>` line.
pub fn peak_rss(output: &str) -> Option<u64> {
    output.lines().find_map(|l| l.strip_prefix("peak-rss ")?.trim().parse().ok())
}

/// A labelled figure a bench printed: `<label> <number> <unit> …`.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub label: String,
    pub value: f64,
    pub unit: String,
}

impl Figure {
    pub fn shown(&self) -> String {
        if self.value >= 100.0 {
            format!("{:.0}", self.value)
        } else {
            format!("{:.1}", self.value)
        }
    }
}

/// The units the simulate and catalog benches print figures in.
const UNITS: &[&str] = &["decisions/s", "lookups/s", "ms"];

/// Every line of the form `label… number unit …` with a known unit.
pub fn figures(output: &str) -> Vec<Figure> {
    output
        .lines()
        .filter_map(|l| {
            let words: Vec<&str> = l.split_whitespace().collect();
            let at = words.iter().position(|w| UNITS.contains(w)).filter(|&i| i >= 2)?;
            let value = words[at - 1].parse().ok()?;
            Some(Figure { label: words[..at - 1].join(" "), value, unit: words[at].to_string() })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_scan_lines_with_spaces_in_the_path() {
        let out = "scan /tmp/a b/noise.log 52428800 0.500000 37\npeak-rss 104857600\nother\n";
        let s = scan_lines(out);
        assert_eq!(s, vec![Scan { file: "/tmp/a b/noise.log".into(), bytes: 52_428_800, seconds: 0.5, findings: 37 }]);
        assert_eq!(s[0].mb_per_s(), 100.0);
        assert_eq!(peak_rss(out), Some(104_857_600));
    }

    #[test]
    fn reads_the_simulate_and_catalog_benches() {
        let out = "policy simulation: 20 statements in 4 policies, 10 request shapes\n\
                   PolicySet::is_allowed                         1234567 decisions/s  (810 ns each)\n\
                   catalog:\n  load index.json (first)                         12.5 ms\n\
                     action                                         999 lookups/s (5 hits of 10)\n";
        let f = figures(out);
        let labels: Vec<(&str, f64, &str)> = f.iter().map(|f| (f.label.as_str(), f.value, f.unit.as_str())).collect();
        assert_eq!(
            labels,
            vec![
                ("PolicySet::is_allowed", 1_234_567.0, "decisions/s"),
                ("load index.json (first)", 12.5, "ms"),
                ("action", 999.0, "lookups/s")
            ]
        );
    }
}
