//! `ram-doctor-emulator [--addr 127.0.0.1:0] [--access-key ID:SECRET]… [--state FILE] [--fault ACTION:KIND]… [--bench-allow-replay]`

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use tracing_subscriber::EnvFilter;

use ram_doctor_core::sign::Timestamp;
use ram_doctor_emulator::fault::Fault;
use ram_doctor_emulator::state::Account;
use ram_doctor_emulator::{Clock, Config, Emulator, KeyArg};

#[derive(Parser)]
#[command(
    name = "ram-doctor-emulator",
    version,
    about = "A local RAM + STS + IMS endpoint that checks signatures and permissions"
)]
struct Args {
    /// Address to listen on; port 0 picks a free port (the chosen one is printed on the first line).
    #[arg(long, default_value = "127.0.0.1:0")]
    addr: SocketAddr,
    /// An AccessKey the emulator accepts, as ID:SECRET: the account's own unless the state file gives the ID to
    /// a RAM user. Repeat for several.
    /// (Parsed after clap, so that a malformed value, which may hold a secret, is never echoed.)
    #[arg(long = "access-key", value_name = "ID:SECRET")]
    access_keys: Vec<String>,
    /// A JSON file seeding users, groups, roles, custom policies and attachments (see the crate's README).
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
    /// Makes an action misbehave: ACTION:latency=MS, ACTION:status=CODE, ACTION:reset or ACTION:garbage
    /// (ACTION may be *). Repeat for several.
    #[arg(long = "fault", value_name = "ACTION:KIND")]
    faults: Vec<Fault>,
    /// BENCH ONLY: accept a signature nonce seen before (a load generator repeats one pre-signed call).
    #[arg(long)]
    bench_allow_replay: bool,
}

fn load_state(path: Option<&PathBuf>, now: &str) -> Result<Account, String> {
    let Some(path) = path else {
        return Ok(Account::default());
    };
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let account: Account = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    account.complete(now).map_err(|e| format!("{}: {e}", path.display()))
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let args = Args::parse();
    let now = Timestamp::from_unix(Clock::default().now()).to_iso8601();
    let account = match load_state(args.state.as_ref(), &now) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("ram-doctor-emulator: {e}");
            return ExitCode::from(2);
        }
    };
    let keys: Result<Vec<KeyArg>, String> = args.access_keys.iter().map(|k| k.parse()).collect();
    let keys = match keys {
        Ok(k) => k,
        Err(e) => {
            eprintln!("ram-doctor-emulator: --access-key: {e}");
            return ExitCode::from(2);
        }
    };
    if keys.is_empty() {
        eprintln!(
            "ram-doctor-emulator: no --access-key given: every signed call will fail with InvalidAccessKeyId.NotFound"
        );
    }
    let emulator =
        match Emulator::new(Config { keys, account, faults: args.faults, bench_allow_replay: args.bench_allow_replay })
        {
            Ok(e) => Arc::new(e),
            Err(e) => {
                eprintln!("ram-doctor-emulator: {e}");
                return ExitCode::FAILURE;
            }
        };
    let listener = match tokio::net::TcpListener::bind(args.addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("ram-doctor-emulator: cannot listen on {}: {e}", args.addr);
            return ExitCode::from(2);
        }
    };
    let addr = listener.local_addr().expect("a bound listener has an address");
    // Tests, xtask and the proxy's demo mode read this line to learn the port.
    println!("listening on http://{addr}/");
    if let Some(notice) = ram_doctor_emulator::bench_notice(args.bench_allow_replay) {
        // Not `println!`: a reader that stopped after the first line must not bring the server down.
        let _ = writeln!(std::io::stdout(), "{notice}");
        eprintln!("ram-doctor-emulator: WARNING: {notice}");
    }
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    match ram_doctor_emulator::serve(listener, emulator, shutdown).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ram-doctor-emulator: {e}");
            ExitCode::FAILURE
        }
    }
}
