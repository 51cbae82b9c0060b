//! `ram-doctor-proxy [--addr 127.0.0.1:8080] [--dist dist] [--allow-host H]… [--allow-origin O]… [--upstream HOST=URL]… [--bench-no-rate-limit]`:
//! serves the built page and relays signed calls. The first stdout line is always `listening on http://ADDR/`.

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use ram_doctor_proxy::guard::parse_origin;
use ram_doctor_proxy::{AllowList, Config, Upstream};
use tracing_subscriber::EnvFilter;

#[derive(Parser)]
#[command(name = "ram-doctor-proxy", version, about = "Serve RAM Doctor's page and relay its signed RAM calls")]
struct Args {
    /// Address to listen on; port 0 picks a free port (the chosen one is printed).
    #[arg(long, default_value = "127.0.0.1:8080", env = "RAM_DOCTOR_ADDR")]
    addr: SocketAddr,
    /// The built page (Trunk's output folder).
    #[arg(long, default_value = "dist", env = "RAM_DOCTOR_DIST")]
    dist: PathBuf,
    /// Another exact host the relay may reach, besides ram/sts/ims.aliyuncs.com and sts.<region>.aliyuncs.com.
    #[arg(long = "allow-host", value_name = "H")]
    allow_hosts: Vec<String>,
    /// An origin (`https://example.org`) besides this server's own whose pages may call the relay.
    #[arg(long = "allow-origin", value_name = "O")]
    allow_origins: Vec<String>,
    /// TEST ONLY: send calls for HOST to URL instead (e.g. ram.aliyuncs.com=http://127.0.0.1:9000).
    #[arg(long = "upstream", value_name = "HOST=URL")]
    upstreams: Vec<Upstream>,
    /// BENCH ONLY: no per-client rate limit on the relay (`cargo xtask bench` loads it from one address).
    #[arg(long)]
    bench_no_rate_limit: bool,
    /// Ask the proxy listening on --addr for /healthz and exit 0 if it answers ok (a container's health check).
    #[arg(long)]
    healthcheck: bool,
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    let args = Args::parse();
    if args.healthcheck {
        return ram_doctor_proxy::healthcheck(args.addr).await;
    }
    let allow = match AllowList::with_extra(&args.allow_hosts) {
        Ok(allow) => allow,
        Err(e) => return fail(e),
    };
    let allow_origins = match args.allow_origins.iter().map(|o| parse_origin(o)).collect::<Result<Vec<_>, _>>() {
        Ok(origins) => origins,
        Err(e) => return fail(e),
    };
    if let Err(e) = ram_doctor_proxy::check_dist(&args.dist) {
        return fail(e);
    }
    let listener = match tokio::net::TcpListener::bind(args.addr).await {
        Ok(l) => l,
        Err(e) => return fail(format!("cannot listen on {}: {e}", args.addr)),
    };
    let addr = listener.local_addr().expect("a bound listener has an address");
    let config = Config {
        allow,
        allow_origins,
        upstreams: args.upstreams,
        bench_no_rate_limit: args.bench_no_rate_limit,
        ..Config::new(args.dist, addr)
    };
    if let Err(e) = config.check() {
        return fail(e);
    }
    // Tests and xtask read this line to learn the port; announcements come after it.
    println!("listening on http://{addr}/");
    for notice in config.notices().lines() {
        println!("{notice}");
        eprintln!("ram-doctor-proxy: WARNING: {notice}");
    }
    let app = ram_doctor_proxy::app(&config);
    tokio::select! {
        result = ram_doctor_proxy::serve(listener, app) => match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(e.to_string()),
        },
        _ = tokio::signal::ctrl_c() => ExitCode::SUCCESS,
    }
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("ram-doctor-proxy: {message}");
    ExitCode::from(2)
}
