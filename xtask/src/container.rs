//! `cargo xtask dist --container`: the page and a static (musl) proxy laid out with the `Dockerfile` in
//! `target/container/`, then, where podman can run, the image built and started once as a smoke test.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::{page, run, tools};

/// The static target: musl links everything in, so the binary runs in an image with nothing else.
const MUSL: &str = "x86_64-unknown-linux-musl";
/// The tag the smoke test builds.
const IMAGE: &str = "localhost/ram-doctor-relay:dev";

pub fn run() -> Result<(), String> {
    let dist = page::build()?;
    let binary = static_proxy()?;
    let context = lay_out(&dist, &binary)?;
    println!("container context: {} (Dockerfile, ram-doctor-proxy, dist/)", context.display());
    if tools::which("podman").is_none() {
        apt_install(&["podman", "runc"]).map_err(|e| format!("{e}; the image is laid out in {}", context.display()))?;
    }
    smoke_test(&context)
}

/// Builds `ram-doctor-proxy` for musl in release mode (ring's C parts need `musl-gcc`).
fn static_proxy() -> Result<PathBuf, String> {
    let installed = run::output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if !installed.lines().any(|t| t.trim() == MUSL) {
        run::status(Command::new("rustup").args(["target", "add", MUSL]))?;
    }
    if tools::which("musl-gcc").is_none() {
        apt_install(&["musl-tools"])?;
    }
    run::cargo_with_env(
        &["build", "--release", "--package", "ram-doctor-proxy", "--target", MUSL],
        &[("CC_x86_64_unknown_linux_musl", "musl-gcc")],
    )?;
    Ok(run::workspace_root().join("target").join(MUSL).join("release/ram-doctor-proxy"))
}

/// Installs Debian packages when running as root with apt; otherwise says what to install.
fn apt_install(packages: &[&str]) -> Result<(), String> {
    let is_root = run::output(Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0");
    if !is_root || tools::which("apt-get").is_none() {
        return Err(format!("install {} (Debian: `sudo apt-get install {0}`) and run again", packages.join(" ")));
    }
    run::status(Command::new("apt-get").arg("update"))?;
    run::status(Command::new("apt-get").args(["install", "-y", "--no-install-recommends"]).args(packages))
}

/// `target/container/`: the Dockerfile, the binary and a copy of the built page.
fn lay_out(dist: &Path, binary: &Path) -> Result<PathBuf, String> {
    let root = run::workspace_root();
    let context = root.join("target/container");
    if context.exists() {
        std::fs::remove_dir_all(&context).map_err(|e| format!("cannot clear {}: {e}", context.display()))?;
    }
    copy_dir(dist, &context.join("dist"))?;
    copy(binary, &context.join("ram-doctor-proxy"))?;
    copy(&root.join("Dockerfile"), &context.join("Dockerfile"))?;
    Ok(context)
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::copy(from, to).map(|_| ()).map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries = std::fs::read_dir(from).map_err(|e| format!("cannot list {}: {e}", from.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("cannot list {}: {e}", from.display()))?.path();
        let target = to.join(path.file_name().expect("a listed entry has a name"));
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            copy(&path, &target)?;
        }
    }
    Ok(())
}

/// Builds the image, starts it read-only as its own user on a free loopback port, and checks the page, a
/// refused relay call and the image's own HEALTHCHECK; the container is removed whatever happens.
fn smoke_test(context: &Path) -> Result<(), String> {
    run::status(podman().args(["build", "--format", "docker", "--tag", IMAGE]).arg(context))?;
    let port =
        TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map_err(|e| format!("no free port: {e}"))?.port();
    let name = format!("ram-doctor-smoke-{}", std::process::id());
    let mut start = podman();
    start.args(["run", "--detach", "--read-only", "--cap-drop=all", "--network=host"]);
    // Limits no higher than this process's own, so a sandbox that forbids raising them still runs it; the
    // periodic health timer needs systemd, so the check is run once by hand below instead.
    let nofile = run::output(Command::new("sh").args(["-c", "ulimit -Hn"])).unwrap_or_default();
    if let Ok(n) = nofile.trim().parse::<u64>() {
        start.arg(format!("--ulimit=nofile={n}:{n}"));
    }
    start.args(["--ulimit=nproc=1024:1024", "--health-interval=disable", "--name", &name]);
    run::status(start.args(["--env", &format!("RAM_DOCTOR_ADDR=127.0.0.1:{port}"), IMAGE]))?;
    let checked = check_running(&name, port);
    let _ = podman().args(["rm", "--force", &name]).output();
    checked?;
    println!("container smoke test: ok (read-only, user 65534, page, relay refusal, HEALTHCHECK)");
    Ok(())
}

fn check_running(name: &str, port: u16) -> Result<(), String> {
    let started = Instant::now();
    while get(port, "/healthz").map(|(status, _)| status != 200).unwrap_or(true) {
        if started.elapsed() > Duration::from_secs(20) {
            let logs = run::output(podman().args(["logs", name])).unwrap_or_default();
            return Err(format!("the container did not answer /healthz within 20 s; its log:\n{logs}"));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let (status, page) = get(port, "/")?;
    if status != 200 || !page.to_ascii_lowercase().contains("content-security-policy:") {
        return Err(format!("GET / answered {status} without a CSP"));
    }
    let (status, refusal) = get(port, "/relay/169.254.169.254/")?;
    if status != 400 || !refusal.contains("relay: the host is an IP address") {
        return Err(format!("a relay call to an IP answered {status}: {refusal}"));
    }
    run::status(podman().args(["healthcheck", "run", name]))?;
    let inspect =
        run::output(podman().args(["inspect", "--format", "{{.Config.User}} {{.HostConfig.ReadonlyRootfs}}", name]))
            .unwrap_or_default();
    if inspect.trim() != "65534:65534 true" {
        return Err(format!("expected user 65534:65534 on a read-only root, podman says {inspect:?}"));
    }
    Ok(())
}

/// `podman`, with runc when it is installed: crun refuses hosts with hybrid cgroups (v1 and v2 mixed).
fn podman() -> Command {
    let mut cmd = Command::new("podman");
    if tools::which("runc").is_some() {
        cmd.args(["--runtime", "runc"]);
    }
    cmd
}

/// A plain HTTP GET on loopback: the status and the whole answer (headers and body).
fn get(port: u16, path: &str) -> Result<(u16, String), String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| format!("cannot connect: {e}"))?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).map_err(|e| e.to_string())?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n")
        .map_err(|e| format!("cannot send: {e}"))?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).map_err(|e| format!("cannot read: {e}"))?;
    let status =
        answer.split(' ').nth(1).and_then(|s| s.parse().ok()).ok_or_else(|| format!("no status in {answer:?}"))?;
    Ok((status, answer))
}
