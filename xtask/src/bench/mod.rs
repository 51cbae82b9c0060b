//! `cargo xtask bench [--quick]`: the project's speed and size, printed and spliced into `BENCHMARKS.md`.
//!
//! On a shared machine an absolute time says little, so every figure sits beside a reference measured in the same
//! run, as a ratio: the page beside a minimal Leptos page, the scan beside ripgrep on the same files, wasm (V8 via
//! Node's WASI, the engine Chromium runs the page with) beside native. Each section names the commands behind it.
//! The bench owns only the parts of `BENCHMARKS.md` between its markers (`splice`); the History around them is
//! written by hand. `--quick` uses 5 MB logs and 5 s of fuzzing per target instead of 50 MB and 30 s, says so, and
//! writes a copy in `target/bench/` instead of the committed file.

mod first_diagnosis;
mod logs;
mod measure;
mod relay;
mod reliability;
mod splice;
mod weight;

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::{run, tools};

const WASI_TARGET: &str = "wasm32-wasip1";
const MB: usize = 1024 * 1024;
/// Node's WASI keeps the address of the wasm memory it saw at start and, once the program grows its memory, reads
/// and writes freed memory (V8 aborts in `WasmMemoryGrow` past about 20 MB of log). A memory as large as the scan of
/// a 50 MB log needs, from the start, never grows: 2 GiB, reserved by V8 and only touched as used.
const WASI_RUSTFLAGS: &str = "-C link-arg=--initial-memory=2147483648";

/// What a run measures with: the full run is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Plan {
    quick: bool,
    log_bytes: usize,
    /// Errors spread through the noise log.
    noise_errors: usize,
    fuzz_seconds: u64,
    /// Each `wrk` run against the relay.
    relay_seconds: u64,
}

impl Plan {
    fn from_args(args: &[String]) -> Result<Plan, String> {
        match args {
            [] => Ok(Plan { quick: false, log_bytes: 50 * MB, noise_errors: 40, fuzz_seconds: 30, relay_seconds: 10 }),
            [flag] if flag == "--quick" => {
                Ok(Plan { quick: true, log_bytes: 5 * MB, noise_errors: 40, fuzz_seconds: 5, relay_seconds: 3 })
            }
            _ => Err("usage: cargo xtask bench [--quick]".to_string()),
        }
    }
}

/// The generated parts of `BENCHMARKS.md`, in the file's order: each part's marker key, and the heading it is
/// appended under when the file has no markers for it.
const PARTS: &[(&str, &str)] = &[
    ("run", "The run"),
    ("weight", "Page weight"),
    ("first-diagnosis", "Time to first diagnosis"),
    ("scan", "Engine throughput"),
    ("simulate", "Simulator"),
    ("catalog", "Catalog"),
    ("relay", "Relay"),
    ("reliability", "Reliability"),
];

/// The committed file the full run writes its parts into.
const COMMITTED: &str = "BENCHMARKS.md";
/// Where a quick run writes: a copy of the committed file with the quick figures spliced in.
const QUICK_COPY: &str = "target/bench/BENCHMARKS.quick.md";

pub fn run(args: &[String]) -> Result<(), String> {
    let plan = Plan::from_args(args)?;
    tools::setup_path();
    tools::ensure_apt("rg", "ripgrep")?;
    let started = Instant::now();
    let load_at_start = load_average();
    // A part that fails is reported and left as the file had it; the others are still measured and written.
    let mut parts = Vec::new();
    let mut failed: Vec<(&'static str, String)> = Vec::new();
    let mut keep = |key: &'static str, result: Result<String, String>| match result {
        Ok(body) => parts.push(part(key, body)),
        Err(e) => {
            eprintln!("xtask: bench part `{key}` failed: {e}");
            failed.push((key, e));
        }
    };
    let dist = match page_weight() {
        Ok((weight, dist)) => {
            keep("weight", Ok(weight));
            Some(dist)
        }
        Err(e) => {
            keep("weight", Err(e));
            None
        }
    };
    ensure_wasi_target()?;
    keep("first-diagnosis", dist.ok_or_else(|| "the page did not build".to_string()).and_then(|d| first_diagnosis(&d)));
    keep("scan", scan(&plan));
    match engine_benches() {
        Ok(benches) => benches.into_iter().for_each(|(key, body)| keep(key, Ok(body))),
        Err(e) => ["simulate", "catalog"].into_iter().for_each(|key| keep(key, Err(e.clone()))),
    }
    keep("relay", relay::section(plan.relay_seconds));
    keep("reliability", reliability::section(plan.fuzz_seconds));
    parts.insert(0, part("run", header(&plan, &load_at_start, started.elapsed().as_secs(), &failed)));
    for p in &parts {
        println!("## {}\n\n{}\n", p.heading, p.body.trim_matches('\n'));
    }
    write(&plan, &parts)?;
    if failed.is_empty() {
        Ok(())
    } else {
        let keys: Vec<&str> = failed.iter().map(|(k, _)| *k).collect();
        Err(format!("{} of the bench's parts failed and were left as they were: {}", failed.len(), keys.join(", ")))
    }
}

/// A generated part of the file, with its heading from [`PARTS`].
fn part(key: &'static str, body: String) -> splice::Part {
    let heading = PARTS.iter().find(|(k, _)| *k == key).map_or(key, |(_, h)| *h);
    splice::Part { key, heading, body }
}

/// Splices the parts into the committed file's text and writes it back (a quick run: to [`QUICK_COPY`]); the
/// hand-written lines outside the markers are kept, and unusable markers stop the write.
fn write(plan: &Plan, parts: &[splice::Part]) -> Result<(), String> {
    let root = run::workspace_root();
    let committed = root.join(COMMITTED);
    let doc = match std::fs::read_to_string(&committed) {
        Ok(doc) => doc,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("cannot read {}: {e}", committed.display())),
    };
    let spliced = splice::splice(&doc, parts).map_err(|e| {
        format!(
            "{}: {e}. Nothing was written (the figures are printed above); mend the markers and run again",
            committed.display()
        )
    })?;
    let path = if plan.quick { root.join(QUICK_COPY) } else { committed };
    for key in &spliced.appended {
        eprintln!("xtask: {COMMITTED} had no `bench:{key}` markers: its part is appended at the end");
    }
    std::fs::write(&path, &spliced.text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    eprintln!("xtask: wrote the generated parts of {} into {}", COMMITTED, path.display());
    Ok(())
}

fn header(plan: &Plan, load_at_start: &str, seconds: u64, failed: &[(&str, String)]) -> String {
    let first_line = |cmd: &mut Command| {
        run::output(cmd).and_then(|o| o.lines().next().map(str::to_string)).unwrap_or_else(|| "?".into())
    };
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find_map(|l| l.strip_prefix("model name").map(|m| m.trim_start_matches([' ', '\t', ':']).to_string()))
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let commit =
        first_line(Command::new("git").args(["rev-parse", "--short", "HEAD"]).current_dir(run::workspace_root()));
    let dirty = run::output(Command::new("git").args(["status", "--porcelain"]).current_dir(run::workspace_root()))
        .is_some_and(|s| !s.trim().is_empty());
    let mut md = String::new();
    let _ = writeln!(
        md,
        "Written by `cargo xtask bench{}` — {}, at commit {commit}{}, in {} min {} s. Every figure sits beside its \
         reference, measured in the same run on the same machine, as a ratio; each section names the commands \
         behind it.\n",
        if plan.quick { " --quick" } else { "" },
        if plan.quick {
            "a **quick** run (5 MB logs, 5 s of fuzzing per target, 3 s per relay load), for development, not for quoting"
        } else {
            "the full run (50 MB logs, 30 s of fuzzing per target, 10 s per relay load)"
        },
        if dirty { " with uncommitted changes" } else { "" },
        seconds / 60,
        seconds % 60,
    );
    let _ = writeln!(
        md,
        "Machine: {cpu}, {cores} cores, load average {load_at_start} at the start and {} at the end (other builds may \
         share it). {}; Node {}; {}.",
        load_average(),
        first_line(Command::new("rustc").arg("-V")),
        first_line(Command::new("node").arg("--version")),
        first_line(Command::new("rg").arg("--version")),
    );
    for (key, why) in failed {
        let first = why.lines().next().unwrap_or_default();
        let _ = writeln!(md, "\n**Not measured in this run** — `bench:{key}` is left from an earlier run: {first}");
    }
    md
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

fn kb(bytes: usize) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

fn ratio(a: f64, b: f64) -> String {
    if b > 0.0 {
        format!("{:.2}×", a / b)
    } else {
        "–".into()
    }
}

/// The page's weight beside the floor's, and the built page's `dist`.
fn page_weight() -> Result<(String, PathBuf), String> {
    let mut md = String::new();
    let page = weight::build_page()?;
    let floor = weight::build_floor()?;
    let (page_rows, floor_rows) = (weight::shell(&page)?, weight::shell(&floor)?);
    let floor_total = weight::total(&floor_rows);
    let _ = writeln!(
        md,
        "Commands: `trunk build --release --offline` for the page (`cargo xtask dist`) and, in the same run, for the \
         floor: a minimal Leptos 0.8 CSR counter (`xtask/bench-floor`, same Cargo.lock, release profile, Trunk, \
         wasm-bindgen and wasm-opt level). Sizes: gzip level 9, brotli quality 11.\n"
    );
    let _ = writeln!(
        md,
        "| file | page raw | page gzip | page brotli | floor gzip | floor brotli | page ÷ floor (gzip) | page ÷ floor (brotli) |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|"
    );
    let page_total = weight::total(&page_rows);
    let shell_rows = page_rows.iter().zip(&floor_rows).map(|((kind, p), (_, f))| (format!("shell {kind}"), *p, *f, ""));
    let total_row = ("**shell total**".to_string(), page_total, floor_total, "");
    // The catalog's files are set beside the floor's whole shell: what a page that loads nothing else weighs.
    let catalog_rows = weight::catalog_files()?.into_iter().map(|(label, s)| (label, s, floor_total, " (its shell)"));
    for (label, p, f, of) in shell_rows.chain([total_row]).chain(catalog_rows) {
        let _ = writeln!(
            md,
            "| {label} | {} | {} | {} | {}{of} | {}{of} | {} | {} |",
            kb(p.raw),
            kb(p.gzip),
            kb(p.brotli),
            kb(f.gzip),
            kb(f.brotli),
            ratio(p.gzip as f64, f.gzip as f64),
            ratio(p.brotli as f64, f.brotli as f64)
        );
    }
    let _ = writeln!(
        md,
        "\nThe index is not in the wasm: `index.html` preloads it beside the wasm; shards are fetched when a diagnosis needs them."
    );
    Ok((md, page))
}

/// Navigation → final diagnosis of a share link in cold headless Chromiums, step by step, beside the part any
/// wasm page pays (download and instantiate: `wasm_started`); then paste → diagnosis of a 1 MB log beside
/// `diagnose` alone on the same text in V8 and natively.
fn first_diagnosis(dist: &Path) -> Result<String, String> {
    let mut md = String::new();
    let loads = first_diagnosis::measure(dist)?;
    let _ = writeln!(
        md,
        "Command: `cargo test -p ram-doctor-e2e --test first_diagnosis -- --ignored` with `RAM_DOCTOR_COLD_LOADS={}`: \
         the share link of the page's ECS API example (`Forbidden.RAM` with `AccessDeniedDetail`) opened in {} fresh \
         headless Chromium profiles (nothing cached) on the page above, served by the proxy on loopback. Times are \
         ms from navigation start (Performance API): resource timings and the page's marks; \"final diagnosis \
         shown\" is the frame where the results are ready with the finding (`ram-doctor:diagnosis-shown`, set by \
         `index.html`). The reference is the page's own wasm start, what any wasm page pays before its code runs.\n",
        first_diagnosis::LOADS,
        first_diagnosis::LOADS
    );
    let _ = writeln!(md, "| step | median ms | p90 ms | median ÷ wasm start |\n|---|---:|---:|---:|");
    let reference = first_diagnosis::median_p90(&loads, "wasm_started").map_or(0.0, |(m, _)| m);
    for (key, label) in first_diagnosis::STEPS {
        if let Some((median, p90)) = first_diagnosis::median_p90(&loads, key) {
            let _ = writeln!(md, "| {label} | {median:.0} | {p90:.0} | {} |", ratio(median, reference));
        }
    }
    paste(&mut md, dist)?;
    Ok(md)
}

/// Errors in the pasted 1 MB log: a CI log with a few failures.
const PASTE_ERRORS: usize = 10;

/// Paste → diagnosis of a 1 MB log in the page, beside the scan bench's `diagnose` of the same file.
fn paste(md: &mut String, dist: &Path) -> Result<(), String> {
    let dir = bench_dir()?;
    let path = dir.join("paste.log");
    // The page diagnoses at most 1 MiB (`src/input_check.rs`); the generator stops at the first line past its size.
    let log = logs::generate(MB - 2048, logs::Mix::Noise { errors: PASTE_ERRORS }, 2026);
    std::fs::write(&path, &log).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    let pastes = first_diagnosis::paste(dist, &path)?;
    let (median, p90) = first_diagnosis::median_p90(&pastes, "ms").ok_or("no paste was timed")?;
    let findings = pastes.first().and_then(|p| p["findings"].as_u64()).unwrap_or(0);
    let args = [path.as_path(), Path::new("--no-read")];
    let engine = |wasi: bool| -> Result<f64, String> {
        let out = run_bench(&build_bench("scan", wasi)?, wasi, &args, &[&dir])?;
        let scan = measure::scan_lines(&out).into_iter().next().ok_or("the scan bench printed no scan line")?;
        Ok(scan.seconds * 1000.0)
    };
    let (native, wasm) = (engine(false)?, engine(true)?);
    let _ = writeln!(
        md,
        "\nPaste → diagnosis: `cargo test -p ram-doctor-e2e --test paste_log -- --ignored` with \
         `RAM_DOCTOR_PASTE_LOG` set to a generated {:.2} MB log ({PASTE_ERRORS} permission errors among application \
         lines, seed 2026, `xtask/src/bench/logs.rs`) and `RAM_DOCTOR_PASTES={}`: each paste in a fresh page (after \
         it mounted), timed in the page from the paste (the whole value, one `input` event) to the first frame showing \
         the final diagnosis ({findings} finding cards). The page diagnoses after a 250 ms typing pause \
         (`DEBOUNCE`, `src/app.rs`), which is in the time. The reference is `diagnose` alone on the same file in the \
         same run: the scan bench (`cargo bench -p ram-doctor-core --bench scan -- FILE --no-read`, median of 3 \
         runs in one process, the index alone as catalog) in V8 (`{WASI_TARGET}` under Node) and natively.\n",
        log.len() as f64 / MB as f64,
        first_diagnosis::PASTES
    );
    let _ = writeln!(md, "| 1 MB log | median ms | p90 ms | ÷ `diagnose` in V8 |\n|---|---:|---:|---:|");
    let _ =
        writeln!(md, "| **paste → diagnosis shown, in the page** | {median:.0} | {p90:.0} | {} |", ratio(median, wasm));
    let _ = writeln!(md, "| `diagnose` alone in V8 (wasm) | {wasm:.0} | – | 1.00× |");
    let _ = writeln!(md, "| `diagnose` alone, native | {native:.0} | – | {} |", ratio(native, wasm));
    Ok(())
}

/// `target/bench`, where the bench's generated inputs go.
fn bench_dir() -> Result<PathBuf, String> {
    let dir = run::workspace_root().join("target/bench");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    Ok(dir)
}

fn ensure_wasi_target() -> Result<(), String> {
    let installed = run::output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|t| t.trim() == WASI_TARGET) {
        return Ok(());
    }
    run::status(Command::new("rustup").args(["target", "add", WASI_TARGET]))
}

/// Builds one core bench (natively, or for WASI) and returns the path of its executable.
fn build_bench(name: &str, wasi: bool) -> Result<PathBuf, String> {
    let mut cmd = Command::new(run::cargo_bin());
    cmd.args(["bench", "--no-run", "--package", "ram-doctor-core", "--bench", name, "--message-format", "json"]);
    if wasi {
        cmd.args(["--target", WASI_TARGET]).env("CARGO_TARGET_WASM32_WASIP1_RUSTFLAGS", WASI_RUSTFLAGS);
    }
    eprintln!("xtask: running {cmd:?}");
    let out = cmd
        .current_dir(run::workspace_root())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot start cargo: {e}"))?;
    if !out.status.success() {
        return Err(format!("building the {name} bench failed"));
    }
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .find(|msg| msg["target"]["name"] == name && msg["executable"].is_string())
        .and_then(|msg| msg["executable"].as_str().map(PathBuf::from))
        .ok_or_else(|| format!("cargo built no executable for the {name} bench"))
}

/// Runs a bench executable natively or in V8 (`dirs` are readable inside wasm) and returns its standard output.
fn run_bench(exe: &Path, wasi: bool, args: &[&Path], dirs: &[&Path]) -> Result<String, String> {
    let mut cmd = if wasi {
        let mut c = Command::new("node");
        c.arg("--no-warnings").arg(run::workspace_root().join("xtask/assets/run-wasi.mjs"));
        for d in dirs {
            c.arg("--dir").arg(d);
        }
        c.arg(exe);
        c
    } else {
        Command::new(exe)
    };
    cmd.args(args).arg("--bench").current_dir(run::workspace_root()).stderr(Stdio::inherit());
    eprintln!("xtask: running {cmd:?}");
    let out = cmd.output().map_err(|e| format!("cannot start {}: {e}", exe.display()))?;
    if !out.status.success() {
        return Err(format!("{} failed ({})", exe.display(), out.status));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn scan(plan: &Plan) -> Result<String, String> {
    let mut md = String::new();
    let dir = bench_dir()?;
    let mb = plan.log_bytes / MB;
    let files = [
        (
            format!("{mb} MB noise, {} errors", plan.noise_errors),
            dir.join("noise.log"),
            logs::Mix::Noise { errors: plan.noise_errors },
        ),
        (format!("{mb} MB error-dense"), dir.join("dense.log"), logs::Mix::Dense),
    ];
    for (_, path, mix) in &files {
        let log = logs::generate(plan.log_bytes, *mix, 2026);
        std::fs::write(path, &log).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    let paths: Vec<&Path> = files.iter().map(|(_, p, _)| p.as_path()).collect();
    let native_exe = build_bench("scan", false)?;
    let wasm_exe = build_bench("scan", true)?;
    let native_out = run_bench(&native_exe, false, &paths, &[])?;
    let native = measure::scan_lines(&native_out);
    let reads = measure::read_lines(&native_out);
    let wasm_args: Vec<&Path> = paths.iter().copied().chain([Path::new("--no-read")]).collect();
    let wasm = measure::scan_lines(&run_bench(&wasm_exe, true, &wasm_args, &[&dir])?);
    let code_args: Vec<String> = logs::CODES.iter().flat_map(|c| ["-e".to_string(), c.to_string()]).collect();
    let _ = writeln!(
        md,
        "Logs generated by the bench (seed 2026, `xtask/src/bench/logs.rs`): ordinary application output (access \
         lines, Java/Go/JSON service logs, unrelated stack traces, Terraform progress) with permission errors in the \
         SDKs' shapes. Commands: `cargo bench -p ram-doctor-core --bench scan -- FILE` (native; median of 3 runs), the \
         same bench built for `{WASI_TARGET}` under `node xtask/assets/run-wasi.mjs` (V8), and the reference \
         `rg -F -c {}` FILE (median of 3 runs). The catalog is the index alone, as the page starts with. \
         The last columns time the reading alone (`scan::read`, `crates/core/src/read/scan.rs`: the readers over \
         windows around the lines where an error can open, what `diagnose` runs) beside `read_all` (every reader over \
         every byte) in the same process. The wasm bench is linked with `{WASI_RUSTFLAGS}`: Node's WASI reads freed \
         memory once a program grows its memory, so it starts with all it needs.\n",
        code_args.join(" "),
    );
    let _ = writeln!(md, "| log | native MB/s | wasm MB/s | rg MB/s | native ÷ rg | wasm ÷ rg | findings | lines rg matched | reading MB/s: windows / every byte | windows' gain |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (label, path, _) in &files {
        let key = path.to_string_lossy();
        let n = native.iter().find(|s| s.file == key).ok_or_else(|| format!("the native scan did not report {key}"))?;
        let w = wasm.iter().find(|s| s.file == key).map(measure::Scan::mb_per_s);
        let (rg_secs, rg_lines) = ripgrep(path, &code_args)?;
        let rg = n.bytes as f64 / MB as f64 / rg_secs;
        let mb = n.bytes as f64 / MB as f64;
        let read = reads.iter().find(|r| r.file == key).map_or(("–".to_string(), "–".to_string()), |r| {
            (format!("{:.1} / {:.1}", mb / r.filtered, mb / r.all), ratio(r.all, r.filtered))
        });
        let _ = writeln!(
            md,
            "| {label} | {:.1} | {} | {:.0} | {} | {} | {} | {rg_lines} | {} | {} |",
            n.mb_per_s(),
            w.map_or("–".to_string(), |w| format!("{w:.1}")),
            rg,
            ratio(n.mb_per_s(), rg),
            w.map_or("–".to_string(), |w| ratio(w, rg)),
            n.findings,
            read.0,
            read.1
        );
    }
    if let Some(peak) = measure::peak_rss(&run_bench(&native_exe, false, &[paths[0], Path::new("--no-read")], &[])?) {
        let input = std::fs::metadata(paths[0]).map(|m| m.len()).unwrap_or(1);
        let _ = writeln!(
            md,
            "\nPeak resident memory of the native scan of the noise log alone (`scan noise.log --no-read`, VmHWM): {:.1} MB, {} the input.",
            peak as f64 / MB as f64,
            ratio(peak as f64, input as f64)
        );
    }
    Ok(md)
}

/// ripgrep searching `file` for the codes: median seconds of 3 runs and the matching line count.
fn ripgrep(file: &Path, code_args: &[String]) -> Result<(f64, u64), String> {
    let mut times = Vec::new();
    let mut lines = 0;
    for _ in 0..3 {
        let start = Instant::now();
        let out = run::output(Command::new("rg").arg("-F").arg("-c").args(code_args).arg(file))
            .ok_or("rg failed or found nothing")?;
        times.push(start.elapsed().as_secs_f64());
        lines = out.trim().parse().map_err(|_| format!("rg printed {out:?}, not a count"))?;
    }
    times.sort_by(f64::total_cmp);
    Ok((times[1], lines))
}

/// The simulator's and the catalog's own benches, natively and in V8, side by side.
fn engine_benches() -> Result<Vec<(&'static str, String)>, String> {
    let mut parts = Vec::new();
    for (bench, what) in [
        ("simulate", "decisions/s of a 20-statement policy set with conditions"),
        ("catalog", "first load of the index (ms) and lookups/s"),
    ] {
        let mut md = String::new();
        let native = measure::figures(&run_bench(&build_bench(bench, false)?, false, &[], &[])?);
        let wasm = measure::figures(&run_bench(&build_bench(bench, true)?, true, &[], &[])?);
        let _ = writeln!(
            md,
            "{what}. Commands: `cargo bench -p ram-doctor-core --bench {bench}` (native) and the same bench built for \
             `{WASI_TARGET}` under `node xtask/assets/run-wasi.mjs` (V8). The reference is the native figure.\n"
        );
        let _ = writeln!(md, "| measure | unit | native | wasm (V8) | wasm ÷ native |\n|---|---|---:|---:|---:|");
        for n in &native {
            let Some(w) = wasm.iter().find(|w| w.label == n.label && w.unit == n.unit) else {
                continue;
            };
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} |",
                n.label,
                n.unit,
                n.shown(),
                w.shown(),
                ratio(w.value, n.value)
            );
        }
        parts.push((bench, md));
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_full_run_is_the_default() {
        let plan = Plan::from_args(&[]).unwrap();
        assert!(!plan.quick && plan.log_bytes == 50 * MB);
        assert!(Plan::from_args(&["--quick".to_string()]).unwrap().quick);
        assert!(Plan::from_args(&["--fast".to_string()]).is_err());
    }

    #[test]
    fn ratios_say_times() {
        assert_eq!(ratio(1.0, 4.0), "0.25×");
        assert_eq!(ratio(1.0, 0.0), "–");
    }
}
