//! `ram-doctor-proxy [--addr 127.0.0.1:8080] [--dist dist]`: serves the built page.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::EnvFilter;

#[derive(Parser)]
#[command(name = "ram-doctor-proxy", version, about = "Serve RAM Doctor's page")]
struct Args {
    /// Address to listen on; port 0 picks a free port (the chosen one is printed).
    #[arg(long, default_value = "127.0.0.1:8080", env = "RAM_DOCTOR_ADDR")]
    addr: SocketAddr,
    /// The built page (Trunk's output folder).
    #[arg(long, default_value = "dist", env = "RAM_DOCTOR_DIST")]
    dist: PathBuf,
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    if let Err(e) = ram_doctor_proxy::check_dist(&args.dist) {
        eprintln!("ram-doctor-proxy: {e}");
        return ExitCode::from(2);
    }
    let listener = match tokio::net::TcpListener::bind(args.addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("ram-doctor-proxy: cannot listen on {}: {e}", args.addr);
            return ExitCode::from(2);
        }
    };
    let addr = listener.local_addr().expect("a bound listener has an address");
    // Tests and xtask read this line to learn the port.
    println!("listening on http://{addr}/");
    let app = ram_doctor_proxy::app(&ram_doctor_proxy::Config { dist: args.dist });
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    match axum::serve(listener, app).with_graceful_shutdown(shutdown).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ram-doctor-proxy: {e}");
            ExitCode::FAILURE
        }
    }
}
