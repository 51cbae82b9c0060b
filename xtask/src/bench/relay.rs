//! The relay under load: `wrk` on loopback sends one signed RAM call (`ListUsers`, RPC-signed by core's signer)
//! to the emulator directly and through the proxy, at 64 and 512 connections, for a fixed time each. Both servers
//! run with their bench-only flags (`--bench-no-rate-limit`, `--bench-allow-replay`): one client address would
//! otherwise meet the per-client rate limit, and one pre-signed call the nonce-replay check.

use std::fmt::Write;
use std::io::{BufRead, BufReader, Read, Write as _};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::Duration;

use ram_doctor_core::sign::{sign, Algorithm, Call, Credentials, Timestamp};

use crate::run;

const KEY_ID: &str = "LTAIbenchrelay";
const CONNECTIONS: [u32; 2] = [64, 512];

/// A server started for the bench, stopped when dropped.
struct Server {
    child: Child,
    addr: String,
    /// Its bench-only notice, as printed on stdout after `listening on …`.
    notice: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `exe` with `args` and reads its address from the first line, then its notice line.
fn start(exe: &Path, args: &[String]) -> Result<Server, String> {
    eprintln!("xtask: running {} {}", exe.display(), args.join(" "));
    let mut child = Command::new(exe)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", exe.display()))?;
    let mut out: BufReader<ChildStdout> = BufReader::new(child.stdout.take().expect("stdout is piped"));
    let mut line = String::new();
    let _ = out.read_line(&mut line);
    let Some(addr) = line.trim().strip_prefix("listening on http://").map(|a| a.trim_end_matches('/').to_string())
    else {
        let _ = child.kill();
        return Err(format!("{} printed {line:?}, not its address", exe.display()));
    };
    // Its announcements follow (an `--upstream` one first, for the proxy): keep the bench-only one.
    let mut notice = String::new();
    for _ in 0..4 {
        let mut next = String::new();
        if out.read_line(&mut next).unwrap_or(0) == 0 || next.contains("BENCH-ONLY") {
            notice = next;
            break;
        }
    }
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
    Ok(Server { child, addr, notice: notice.trim().to_string() })
}

/// One plain HTTP/1.1 GET: the status line's code and the body.
fn get(addr: &str, path: &str) -> Result<(u16, String), String> {
    let mut stream = TcpStream::connect(addr).map_err(|e| format!("cannot connect to {addr}: {e}"))?;
    stream.set_read_timeout(Some(Duration::from_secs(10))).map_err(|e| e.to_string())?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").map_err(|e| e.to_string())?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).map_err(|e| format!("reading from {addr}: {e}"))?;
    let status = answer.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    Ok((status, answer.split_once("\r\n\r\n").map_or(String::new(), |(_, b)| b.to_string())))
}

/// What `wrk --latency` reported.
#[derive(Debug, Clone, PartialEq)]
pub struct Load {
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub requests_per_s: f64,
    pub requests: u64,
    /// Non-2xx answers plus socket errors.
    pub failures: u64,
}

/// Reads `wrk --latency` output.
pub fn parse_wrk(out: &str) -> Option<Load> {
    let ms = |v: &str| -> Option<f64> {
        let v = v.trim();
        let (n, scale) = if let Some(n) = v.strip_suffix("us") {
            (n, 0.001)
        } else if let Some(n) = v.strip_suffix("ms") {
            (n, 1.0)
        } else if let Some(n) = v.strip_suffix('s') {
            (n, 1000.0)
        } else {
            (v, 1.0)
        };
        n.parse::<f64>().ok().map(|n| n * scale)
    };
    let percentile = |p: &str| out.lines().find_map(|l| l.trim().strip_prefix(p).and_then(ms));
    let number_after =
        |label: &str| out.lines().find_map(|l| l.trim().strip_prefix(label).and_then(|v| v.trim().parse::<f64>().ok()));
    let requests = out.lines().find_map(|l| l.trim().split_once(" requests in ").and_then(|(n, _)| n.parse().ok()))?;
    let socket_errors: u64 = out
        .lines()
        .find_map(|l| l.trim().strip_prefix("Socket errors:"))
        .map(|l| l.split(',').filter_map(|part| part.split_whitespace().last()?.parse::<u64>().ok()).sum())
        .unwrap_or(0);
    Some(Load {
        p50_ms: percentile("50%")?,
        p99_ms: percentile("99%")?,
        requests_per_s: number_after("Requests/sec:")?,
        requests,
        failures: number_after("Non-2xx or 3xx responses:").unwrap_or(0.0) as u64 + socket_errors,
    })
}

fn wrk(url: &str, connections: u32, seconds: u64) -> Result<Load, String> {
    let mut cmd = Command::new("wrk");
    cmd.args(["-t2", &format!("-c{connections}"), &format!("-d{seconds}s"), "--timeout", "5s", "--latency", url]);
    eprintln!("xtask: running {cmd:?}");
    let out = run::output(&mut cmd).ok_or_else(|| format!("wrk failed on {url}"))?;
    parse_wrk(&out).ok_or_else(|| format!("cannot read wrk's output:\n{out}"))
}

/// Builds proxy and emulator, runs the loads, writes the section.
pub fn section(seconds: u64) -> Result<String, String> {
    let mut md = String::new();
    crate::tools::ensure_apt("wrk", "wrk")?;
    run::status(Command::new(run::cargo_bin()).args([
        "build",
        "--release",
        "--package",
        "ram-doctor-proxy",
        "--package",
        "ram-doctor-emulator",
    ]))?;
    let bin = run::workspace_root().join("target/release");
    // A secret made for this run only: it lives in the emulator's arguments and in the signed query, nowhere else.
    let secret = format!("bench-{:x}", (std::process::id() as u64 * 0x9E37_79B9) ^ now());
    let emulator = start(
        &bin.join("ram-doctor-emulator"),
        &[
            "--addr".into(),
            "127.0.0.1:0".into(),
            "--access-key".into(),
            format!("{KEY_ID}:{secret}"),
            "--bench-allow-replay".into(),
        ],
    )?;
    let dist = run::workspace_root().join("target/bench/relay-dist");
    std::fs::create_dir_all(&dist).map_err(|e| format!("cannot create {}: {e}", dist.display()))?;
    std::fs::write(dist.join("index.html"), "<!doctype html><title>bench</title>")
        .map_err(|e| format!("cannot write {}: {e}", dist.display()))?;
    let proxy = start(
        &bin.join("ram-doctor-proxy"),
        &[
            "--addr".into(),
            "127.0.0.1:0".into(),
            "--dist".into(),
            dist.display().to_string(),
            "--upstream".into(),
            format!("ram.aliyuncs.com=http://{}", emulator.addr),
            "--bench-no-rate-limit".into(),
        ],
    )?;
    let call = Call {
        method: "GET".into(),
        host: "ram.aliyuncs.com".into(),
        action: "ListUsers".into(),
        version: "2015-05-01".into(),
        params: Vec::new(),
        body: None,
    };
    let signed = sign(
        &call,
        Algorithm::Rpc,
        &Credentials::new(KEY_ID, secret.as_str()),
        Timestamp::from_unix(now() as i64),
        &format!("bench-{}", now()),
    )
    .map_err(|e| format!("cannot sign the bench call: {e}"))?;
    let direct_path = signed.path_and_query.clone();
    let relay_path = format!("/relay/ram.aliyuncs.com{}", signed.path_and_query);
    // Both answer the call, twice (the replay check is lifted), before any load.
    for (addr, path) in [(&emulator.addr, &direct_path), (&proxy.addr, &relay_path)] {
        for _ in 0..2 {
            let (status, body) = get(addr, path)?;
            if status != 200 {
                return Err(format!("the bench call to {addr} answered {status}: {body}"));
            }
        }
    }
    let (_, health) = get(&proxy.addr, "/healthz")?;
    let (_, emulator_health) = get(&emulator.addr, "/healthz")?;
    let mut rows = Vec::new();
    for c in CONNECTIONS {
        let direct = wrk(&format!("http://{}{direct_path}", emulator.addr), c, seconds)?;
        let relayed = wrk(&format!("http://{}{relay_path}", proxy.addr), c, seconds)?;
        rows.push((c, direct, relayed));
    }
    let _ = writeln!(
        md,
        "One signed RAM call (`ListUsers`, RPC signature by core's signer, signed once) sent by `wrk -t2 -cN -d{seconds}s \
         --timeout 5s --latency` on 127.0.0.1 to the emulator directly (the reference) and through the proxy \
         (`/relay/ram.aliyuncs.com/…`, `--upstream ram.aliyuncs.com=http://EMULATOR`), each for {seconds} s. Both run \
         with their bench-only flags, which they announce on stdout, stderr and `/healthz` (proxy: {:?}; emulator: \
         {:?}): the proxy's per-client rate limit and the emulator's nonce-replay check are lifted, so one client \
         repeating one pre-signed call measures relaying, not refusals. The proxy's own limit on calls in flight \
         stays. Built with `cargo build --release -p ram-doctor-proxy -p ram-doctor-emulator`.\n",
        bench_line(&proxy.notice, &health),
        bench_line(&emulator.notice, &emulator_health),
    );
    let _ = writeln!(
        md,
        "| connections | direct p50 ms | relayed p50 ms | added p50 ms | direct p99 ms | relayed p99 ms | added p99 ms | direct req/s | relayed req/s | relayed ÷ direct (req/s) | requests (direct / relayed) | failed |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    for (c, d, r) in &rows {
        let _ = writeln!(
            md,
            "| {c} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.0} | {:.0} | {} | {} / {} | {} |",
            d.p50_ms,
            r.p50_ms,
            r.p50_ms - d.p50_ms,
            d.p99_ms,
            r.p99_ms,
            r.p99_ms - d.p99_ms,
            d.requests_per_s,
            r.requests_per_s,
            super::ratio(r.requests_per_s, d.requests_per_s),
            d.requests,
            r.requests,
            d.failures + r.failures
        );
    }
    Ok(md)
}

/// The bench-only notice a server printed, checked against its `/healthz`: a flag that is on must say so in both.
fn bench_line(printed: &str, health: &str) -> String {
    match health.lines().find(|l| l.contains("BENCH-ONLY")) {
        Some(line) if printed.contains(line) => line.to_string(),
        _ => format!("NOT ANNOUNCED (stdout {printed:?}, /healthz {health:?})"),
    }
}

fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_wrk_latency_output() {
        let out = "Running 3s test @ http://127.0.0.1:1/\n  2 threads and 64 connections\n  Thread Stats   Avg      Stdev     Max   +/- Stdev\n    Latency     1.20ms  300.00us   9.00ms   90.00%\n  Latency Distribution\n     50%  850.00us\n     75%    1.10ms\n     90%    1.50ms\n     99%    2.10s\n  30000 requests in 3.00s, 9.00MB read\n  Socket errors: connect 0, read 2, write 0, timeout 1\n  Non-2xx or 3xx responses: 4\nRequests/sec:  10000.50\nTransfer/sec:      3.00MB\n";
        let load = parse_wrk(out).unwrap();
        assert_eq!(load.p50_ms, 0.85);
        assert_eq!(load.p99_ms, 2100.0);
        assert_eq!(load.requests, 30000);
        assert_eq!(load.requests_per_s, 10000.5);
        assert_eq!(load.failures, 7);
    }
}
