//! The live commands (`whoami`, `gap`, `apply`, `decode`) as real binaries against the real emulator binary:
//! identities, attached policies, applying a fix with and without consent, name clashes and the version limit,
//! a denied apply and a wrong secret diagnosed, aliyun CLI profiles, and no secret in any output.

use std::io::{BufRead, BufReader, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;

use serde_json::{json, Value};

const ACCOUNT: &str = "1234567890123456";
/// The account's own key (every permission).
const ROOT_ID: &str = "LTAIrootkey";
const ROOT_SECRET: &str = "root-Leak-Canary-9f3Q";
/// RAM user `dev`'s key (reads through its policies; may not change RAM).
const DEV_ID: &str = "LTAIdevkey";
const DEV_SECRET: &str = "dev-Leak-Canary-4kZp";
/// RAM user `ops`'s key: may read RAM and create policies, but not attach them.
const OPS_ID: &str = "LTAIopskey";
const OPS_SECRET: &str = "ops-Leak-Canary-7mWe";
/// A secret the emulator does not know.
const WRONG_SECRET: &str = "wrong-Leak-Canary-2hRt";
const SECRETS: [&str; 4] = [ROOT_SECRET, DEV_SECRET, OPS_SECRET, WRONG_SECRET];

/// An OSS upload denied to a RAM user: what the fixes grant.
const DENIED_PUT: &str = "ErrorCode: NoPermission\nMessage: You are not authorized to do this action. \
Resource: acs:oss:*:1234567890123456:reports/2026/q4.csv Action: oss:PutObject\n";

fn allow(actions: &[&str]) -> Value {
    json!({"Version": "1", "Statement": [{"Effect": "Allow", "Action": actions, "Resource": "*"}]})
}

/// `dev` in group `readers` (OSS and RAM reads); `ops` may read RAM, create policies (not attach them) and
/// assume role `auditor`.
fn account() -> Value {
    json!({
        "account_id": ACCOUNT,
        "users": [
            {"name": "dev", "access_keys": [DEV_ID], "groups": [{"group": "readers"}],
             "policies": [{"type": "System", "name": "AliyunECSReadOnlyAccess"}]},
            {"name": "ops", "access_keys": [OPS_ID], "policies": [{"type": "Custom", "name": "ram-read-create"}, {"type": "System", "name": "AliyunSTSAssumeRoleAccess"}]}
        ],
        "roles": [{"name": "auditor", "policies": [{"type": "System", "name": "AliyunRAMReadOnlyAccess"}],
                   "trust_policy": {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                    "Principal": {"RAM": [format!("acs:ram::{ACCOUNT}:root")]}}]}}],
        "groups": [{"name": "readers", "policies": [{"type": "Custom", "name": "oss-read"}, {"type": "System", "name": "AliyunRAMReadOnlyAccess"}]}],
        "policies": [
            {"name": "oss-read", "versions": [{"id": "v1", "document": allow(&["oss:GetObject", "oss:ListObjects"])}]},
            {"name": "ram-read-create", "versions": [{"id": "v1", "document": allow(&["ram:Get*", "ram:List*", "ram:CreatePolicy"])}]}
        ]
    })
}

/// The emulator binary, built once per test run (a no-op when it is fresh).
fn emulator_binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        // target/<profile>/deps/live-… → target/<profile>
        let exe = std::env::current_exe().unwrap();
        let profile_dir = exe.parent().and_then(Path::parent).unwrap().to_path_buf();
        let mut build = Command::new(env!("CARGO"));
        build.args(["build", "--quiet", "-p", "ram-doctor-emulator"]).current_dir(env!("CARGO_MANIFEST_DIR"));
        if profile_dir.ends_with("release") {
            build.arg("--release");
        }
        let status = build.status().expect("cargo runs");
        assert!(status.success(), "cargo build -p ram-doctor-emulator failed");
        let binary = profile_dir.join(format!("ram-doctor-emulator{}", std::env::consts::EXE_SUFFIX));
        assert!(binary.is_file(), "no emulator at {}", binary.display());
        binary
    })
}

/// A running emulator; killed when dropped. Its log (stderr) goes to a file the tests grep.
struct Emulator {
    base: String,
    child: Child,
    log: PathBuf,
    dir: tempfile::TempDir,
}

impl Emulator {
    fn start(state: &Value) -> Emulator {
        Emulator::start_with(state, &[])
    }

    /// Started with extra arguments (`--fault ACTION:KIND`).
    fn start_with(state: &Value, extra: &[&str]) -> Emulator {
        let dir = tempfile::tempdir().unwrap();
        let state_file = dir.path().join("state.json");
        std::fs::write(&state_file, state.to_string()).unwrap();
        let log = dir.path().join("emulator.log");
        let mut child = Command::new(emulator_binary())
            .arg("--state")
            .arg(&state_file)
            .args(["--access-key", &format!("{ROOT_ID}:{ROOT_SECRET}")])
            .args(["--access-key", &format!("{DEV_ID}:{DEV_SECRET}")])
            .args(["--access-key", &format!("{OPS_ID}:{OPS_SECRET}")])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
        let addr = first.trim().strip_prefix("listening on ").unwrap_or_else(|| panic!("first line: {first:?}"));
        Emulator { base: addr.to_string(), child, log, dir }
    }

    /// The account as the emulator holds it now.
    fn state(&self) -> Value {
        let url = format!("{}__emulator/state", self.base);
        serde_json::from_str(&ureq::get(&url).call().unwrap().into_string().unwrap()).unwrap()
    }

    fn policy(&self, name: &str) -> Option<Value> {
        self.state()["policies"].as_array().unwrap().iter().find(|p| p["name"] == name).cloned()
    }

    fn user_policies(&self, user: &str) -> Vec<String> {
        let state = self.state();
        let user = state["users"].as_array().unwrap().iter().find(|u| u["name"] == user).unwrap().clone();
        user["policies"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap().to_string()).collect()
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap()
    }

    /// The error text in a file, for commands that read it.
    fn error_file(&self, text: &str) -> PathBuf {
        let path = self.dir.path().join(format!("error-{}.txt", text.len()));
        std::fs::write(&path, text).unwrap();
        path
    }

    /// `ram-doctor ARGS --endpoint …` with the AccessKey `(id, secret)` in the environment and `HOME` empty.
    fn cli(&self, key: (&str, &str), args: &[&str]) -> Run {
        let mut cmd = ram_doctor(args);
        cmd.args(["--endpoint", &self.base])
            .env("ALIBABA_CLOUD_ACCESS_KEY_ID", key.0)
            .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", key.1);
        Run::new(cmd, Stdin::Closed)
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `ram-doctor ARGS` with no AccessKey variables and an empty home directory.
fn ram_doctor(args: &[&str]) -> Command {
    static HOME: OnceLock<tempfile::TempDir> = OnceLock::new();
    let home = HOME.get_or_init(|| tempfile::tempdir().unwrap());
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ram-doctor"));
    cmd.args(args).env("HOME", home.path()).env("NO_COLOR", "1");
    for var in ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN"] {
        cmd.env_remove(var);
    }
    cmd
}

/// What the command reads on standard input.
enum Stdin<'a> {
    Closed,
    /// A terminal (a pseudo-terminal) on which this is typed.
    Terminal(&'a str),
}

/// A finished command; constructing one checks that no secret is in its output.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn new(mut cmd: Command, stdin: Stdin) -> Run {
        let output = match stdin {
            Stdin::Closed => cmd.stdin(Stdio::null()).output().unwrap(),
            Stdin::Terminal(typed) => on_terminal(cmd, typed),
        };
        let run = Run::from(output);
        assert_no_secret(&run.all());
        run
    }

    fn all(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }

    fn ok(self) -> Run {
        assert_eq!(self.code, 0, "{}", self.all());
        self
    }
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

/// Runs `cmd` with a pseudo-terminal as its standard input, on which `typed` is typed.
fn on_terminal(mut cmd: Command, typed: &str) -> Output {
    let (mut master, mut slave) = (0, 0);
    // SAFETY: openpty writes two new descriptors into the pointers; the others may be null.
    let rc =
        unsafe { libc::openpty(&mut master, &mut slave, std::ptr::null_mut(), std::ptr::null(), std::ptr::null()) };
    assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
    // SAFETY: both descriptors were just opened and are owned here only.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let child = cmd.stdin(Stdio::from(slave)).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    drop(cmd);
    let mut terminal = std::fs::File::from(master);
    terminal.write_all(typed.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    drop(terminal);
    output
}

fn assert_no_secret(text: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "a secret leaked into:\n{text}");
    }
}

const DEV: (&str, &str) = (DEV_ID, DEV_SECRET);
const ROOT: (&str, &str) = (ROOT_ID, ROOT_SECRET);
const OPS: (&str, &str) = (OPS_ID, OPS_SECRET);

#[test]
fn whoami_names_the_ram_user_in_text_and_json() {
    let emu = Emulator::start(&account());
    let dev_id = emu.state()["users"][0]["id"].as_str().unwrap().to_string();
    let text = emu.cli(DEV, &["whoami"]).ok();
    assert!(text.stdout.contains("RAMUser (RAM user dev)"), "{}", text.stdout);
    assert!(text.stdout.contains(&format!("acs:ram::{ACCOUNT}:user/dev")), "{}", text.stdout);
    let zh = emu.cli(DEV, &["whoami", "--zh"]).ok();
    assert!(zh.stdout.contains("RAMUser (RAM 用户 dev)") && zh.stdout.contains("账号"), "{}", zh.stdout);
    let out = emu.cli(DEV, &["whoami", "--json"]).ok();
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["AccountId"], ACCOUNT);
    assert_eq!(v["Arn"], format!("acs:ram::{ACCOUNT}:user/dev"));
    assert_eq!(v["IdentityType"], "RAMUser");
    assert_eq!(v["UserId"], dev_id.as_str());
    assert_eq!(v["PrincipalId"], dev_id.as_str());
    let root: Value = serde_json::from_str(&emu.cli(ROOT, &["whoami", "--json"]).ok().stdout).unwrap();
    assert_eq!(root["IdentityType"], "Account");
    assert_no_secret(&emu.log_text());
}

#[test]
fn gap_lists_own_and_group_policies_with_documents_and_the_needs() {
    let emu = Emulator::start(&account());
    let file = emu.error_file(DENIED_PUT);
    // Without --for: the AccessKey's own user.
    let text = emu.cli(DEV, &["gap", file.to_str().unwrap()]).ok();
    assert!(text.stdout.starts_with("user dev\n"), "{}", text.stdout);
    assert!(text.stdout.contains("System  AliyunECSReadOnlyAccess"), "{}", text.stdout);
    assert!(text.stdout.contains("Custom  oss-read v1  (through group readers)"), "{}", text.stdout);
    assert!(
        text.stdout.contains("+ oss:PutObject on acs:oss:*:1234567890123456:reports/2026/q4.csv: denied today"),
        "denied today, allowed by the fix: {}",
        text.stdout
    );
    assert!(text.stdout.contains("0 of 1 needed actions are allowed today; with the plan, 1 of 1."), "{}", text.stdout);
    let out = emu.cli(ROOT, &["gap", file.to_str().unwrap(), "--for", "user:dev", "--json"]).ok();
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["principal"], json!({"kind": "user", "name": "dev"}));
    let group_policy = v["attached"].as_array().unwrap().iter().find(|p| p["policy_name"] == "oss-read").unwrap();
    assert_eq!(group_policy["via"], json!({"kind": "group", "name": "readers"}));
    let document: Value = serde_json::from_str(group_policy["document"].as_str().unwrap()).unwrap();
    assert_eq!(document, allow(&["oss:GetObject", "oss:ListObjects"]));
    assert_eq!(v["needs"][0]["actions"], json!(["oss:PutObject"]));
    assert_eq!(v["gap"]["actions"][0]["today"]["decision"], "implicit-deny");
    assert_eq!(v["gap"]["actions"][0]["with_plan"]["by"][0]["policy_name"], v["planned"][0]["policy_name"]);
    let group: Value = serde_json::from_str(
        &emu.cli(DEV, &["gap", file.to_str().unwrap(), "--for", "group:readers", "--json"]).ok().stdout,
    )
    .unwrap();
    let names: Vec<&str> =
        group["attached"].as_array().unwrap().iter().map(|p| p["policy_name"].as_str().unwrap()).collect();
    assert_eq!(names, ["oss-read", "AliyunRAMReadOnlyAccess"]);
    assert_eq!(group["attached"][0]["via"], json!({"kind": "direct"}));
    // The account's own key names nobody: gap asks who to check.
    let root = emu.cli(ROOT, &["gap", file.to_str().unwrap()]);
    assert_eq!(root.code, 2, "{}", root.all());
    assert!(root.stderr.contains("--for"), "{}", root.stderr);
}

#[test]
fn apply_with_yes_creates_and_attaches_then_has_nothing_left_to_do() {
    let emu = Emulator::start(&account());
    let file = emu.error_file(DENIED_PUT);
    let f = file.to_str().unwrap();
    let out = emu.cli(ROOT, &["apply", f, "--for", "user:dev", "--policy-name", "dev-reports-upload", "--yes"]).ok();
    assert!(out.stdout.contains("1. create custom policy dev-reports-upload"), "{}", out.stdout);
    assert!(out.stdout.contains("2. attach custom policy dev-reports-upload to user dev"), "{}", out.stdout);
    let policy = emu.policy("dev-reports-upload").expect("the policy was created");
    let document: Value = serde_json::from_str(policy["versions"][0]["document"].as_str().unwrap()).unwrap();
    assert_eq!(document["Statement"][0]["Action"], json!(["oss:PutObject"]));
    assert!(emu.user_policies("dev").contains(&"dev-reports-upload".to_string()));
    let gap = emu.cli(DEV, &["gap", f]).ok();
    assert!(
        gap.stdout.contains("✓ oss:PutObject")
            && gap.stdout.contains("custom policy dev-reports-upload v1 (attached directly)"),
        "{}",
        gap.stdout
    );
    let again = emu.cli(ROOT, &["apply", f, "--for", "user:dev", "--policy-name", "dev-reports-upload", "--yes"]).ok();
    assert!(again.stdout.contains("Nothing to change"), "{}", again.stdout);
    assert_eq!(emu.policy("dev-reports-upload").unwrap()["versions"].as_array().unwrap().len(), 1);
}

#[test]
fn apply_speaks_chinese_with_zh() {
    let emu = Emulator::start(&account());
    let file = emu.error_file(DENIED_PUT);
    let f = file.to_str().unwrap();
    let out = emu.cli(ROOT, &["apply", f, "--for", "user:dev", "--policy-name", "dev-upload-zh", "--yes", "--zh"]).ok();
    assert!(out.stdout.contains("1. 创建自定义策略 dev-upload-zh"), "{}", out.stdout);
    assert!(out.stdout.contains("✓ 已将 dev-upload-zh 附加到"), "{}", out.stdout);
    assert!(emu.user_policies("dev").contains(&"dev-upload-zh".to_string()));
    let again =
        emu.cli(ROOT, &["apply", f, "--for", "user:dev", "--policy-name", "dev-upload-zh", "--yes", "--zh"]).ok();
    assert!(again.stdout.contains("无需变更"), "{}", again.stdout);
}

#[test]
fn apply_without_a_terminal_or_yes_changes_nothing() {
    let emu = Emulator::start(&account());
    let file = emu.error_file(DENIED_PUT);
    let before = emu.state();
    let out = emu.cli(ROOT, &["apply", file.to_str().unwrap(), "--for", "user:dev"]);
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stdout.contains("create custom policy"), "the change is shown: {}", out.stdout);
    assert!(out.stderr.contains("nothing was changed") && out.stderr.contains("--yes"), "{}", out.stderr);
    assert_eq!(emu.state(), before);
}

fn apply_on_terminal(emu: &Emulator, file: &Path, typed: &str) -> Run {
    let mut cmd = ram_doctor(&["apply", file.to_str().unwrap(), "--for", "user:dev", "--endpoint", &emu.base]);
    cmd.env("ALIBABA_CLOUD_ACCESS_KEY_ID", ROOT_ID).env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", ROOT_SECRET);
    Run::new(cmd, Stdin::Terminal(typed))
}

#[test]
fn apply_asks_on_a_terminal_and_respects_the_answer() {
    let emu = Emulator::start(&account());
    let file = emu.error_file(DENIED_PUT);
    let before = emu.state();
    let declined = apply_on_terminal(&emu, &file, "n\n").ok();
    assert!(declined.stdout.contains("Apply these 2 changes? [y/N]"), "{}", declined.stdout);
    assert!(declined.stdout.contains("Nothing was changed."), "{}", declined.stdout);
    assert_eq!(emu.state(), before);
    let accepted = apply_on_terminal(&emu, &file, "y\n").ok();
    assert!(accepted.stdout.contains("✓ attached"), "{}", accepted.stdout);
    let attached = emu.user_policies("dev");
    assert_eq!(attached.len(), 2, "{attached:?}");
    assert!(emu.policy(&attached[1]).is_some(), "{attached:?}");
}

#[test]
fn a_name_clash_adds_a_version_and_keeps_the_old_one() {
    let emu = Emulator::start(&account());
    let file = emu.error_file(DENIED_PUT);
    let out = emu
        .cli(ROOT, &["apply", file.to_str().unwrap(), "--for", "user:dev", "--policy-name", "oss-read", "--yes"])
        .ok();
    assert!(
        out.stdout.contains("custom policy oss-read already exists with another document: add a new version"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("it is attached to 1 identity already, and the new version applies to it"),
        "{}",
        out.stdout
    );
    let policy = emu.policy("oss-read").unwrap();
    let versions: Vec<&str> =
        policy["versions"].as_array().unwrap().iter().map(|v| v["id"].as_str().unwrap()).collect();
    assert_eq!(versions, ["v1", "v2"]);
    assert_eq!(policy["default_version"], "v2");
    let old: Value = serde_json::from_str(policy["versions"][0]["document"].as_str().unwrap()).unwrap();
    assert_eq!(old, allow(&["oss:GetObject", "oss:ListObjects"]), "the old version is untouched");
}

#[test]
fn at_the_version_limit_the_oldest_non_default_version_goes_only_with_consent() {
    let mut state = account();
    let versions: Vec<Value> =
        (1..=5).map(|n| json!({"id": format!("v{n}"), "document": allow(&[&format!("oss:Action{n}")])})).collect();
    state["policies"][0]["versions"] = json!(versions);
    state["policies"][0]["default_version"] = json!("v1");
    let emu = Emulator::start(&state);
    let file = emu.error_file(DENIED_PUT);
    let f = file.to_str().unwrap();
    let refused = emu.cli(ROOT, &["apply", f, "--for", "user:dev", "--policy-name", "oss-read"]);
    assert_eq!(refused.code, 2, "{}", refused.all());
    assert!(refused.stdout.contains("delete version v2 of custom policy oss-read"), "{}", refused.stdout);
    assert_eq!(emu.policy("oss-read").unwrap()["versions"].as_array().unwrap().len(), 5);
    emu.cli(ROOT, &["apply", f, "--for", "user:dev", "--policy-name", "oss-read", "--yes"]).ok();
    let policy = emu.policy("oss-read").unwrap();
    let ids: Vec<&str> = policy["versions"].as_array().unwrap().iter().map(|v| v["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["v1", "v3", "v4", "v5", "v6"], "v1 was the default: v2 went");
    assert_eq!(policy["default_version"], "v6");
}

#[test]
fn a_denied_apply_shows_the_diagnosed_no_permission_and_what_to_grant() {
    let emu = Emulator::start(&account());
    let file = emu.error_file(DENIED_PUT);
    let out =
        emu.cli(OPS, &["apply", file.to_str().unwrap(), "--for", "user:dev", "--policy-name", "dev-upload", "--yes"]);
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(out.stdout.contains("✓ created custom policy dev-upload"), "{}", out.stdout);
    assert!(out.stdout.contains("NoPermission"), "{}", out.stdout);
    assert!(out.stdout.contains("ram:AttachPolicyToUser"), "{}", out.stdout);
    assert!(out.stdout.contains("AliyunRAMFullAccess"), "the grant an admin must give: {}", out.stdout);
    assert!(out.stderr.contains("1 of 2 changes were made"), "{}", out.stderr);
    assert!(
        out.stdout.contains(&format!("The refused AccessKey belongs to acs:ram::{ACCOUNT}:user/ops (user:ops)")),
        "whom to grant: {}",
        out.stdout
    );
    assert!(!emu.user_policies("dev").contains(&"dev-upload".to_string()));
}

#[test]
fn a_wrong_secret_shows_the_diagnosed_signature_does_not_match() {
    let emu = Emulator::start(&account());
    let out = emu.cli((DEV_ID, WRONG_SECRET), &["whoami"]);
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(out.stdout.contains("SignatureDoesNotMatch"), "{}", out.stdout);
    assert!(out.stdout.contains("No permission grant fixes this"), "{}", out.stdout);
}

#[test]
fn credentials_come_from_an_aliyun_cli_profile() {
    let emu = Emulator::start(&account());
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir(home.path().join(".aliyun")).unwrap();
    let config = json!({"current": "admin", "profiles": [
        {"name": "admin", "mode": "AK", "access_key_id": ROOT_ID, "access_key_secret": ROOT_SECRET, "region_id": "cn-hangzhou"},
        {"name": "dev", "mode": "AK", "access_key_id": DEV_ID, "access_key_secret": DEV_SECRET, "region_id": "cn-hangzhou"},
        {"name": "sso", "mode": "CloudSSO"}]});
    std::fs::write(home.path().join(".aliyun/config.json"), config.to_string()).unwrap();
    let run = |args: &[&str]| {
        let mut cmd = ram_doctor(args);
        cmd.args(["--endpoint", &emu.base]).env("HOME", home.path());
        Run::new(cmd, Stdin::Closed)
    };
    let named = run(&["whoami", "--json", "--profile", "dev"]).ok();
    assert_eq!(serde_json::from_str::<Value>(&named.stdout).unwrap()["Arn"], format!("acs:ram::{ACCOUNT}:user/dev"));
    let current = run(&["whoami", "--json"]).ok();
    assert_eq!(serde_json::from_str::<Value>(&current.stdout).unwrap()["IdentityType"], "Account");
    let missing = run(&["whoami", "--profile", "prod"]);
    assert_eq!(missing.code, 2, "{}", missing.all());
    assert!(missing.stderr.contains("no profile \"prod\" (profiles: admin, dev, sso)"), "{}", missing.stderr);
    let sso = run(&["whoami", "--profile", "sso"]);
    assert_eq!(sso.code, 2);
    assert!(sso.stderr.contains("mode CloudSSO"), "{}", sso.stderr);
}

#[test]
fn without_credentials_the_live_commands_say_where_to_put_them() {
    let out = Run::new(ram_doctor(&["whoami", "--endpoint", "http://127.0.0.1:9/"]), Stdin::Closed);
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stderr.contains("ALIBABA_CLOUD_ACCESS_KEY_ID") && out.stderr.contains("--profile"), "{}", out.stderr);
    let bad = Run::new(ram_doctor(&["apply", "--for", "user"]), Stdin::Closed);
    assert_eq!(bad.code, 2, "{}", bad.all());
}

/// Calls the emulator directly with core's signer (what the CLI does, without the CLI): the status and body.
fn call_directly<A: ram_doctor_core::api::Api>(emu: &Emulator, request: &A, key: (&str, &str)) -> (u16, Value) {
    use ram_doctor_core::api::{signed_request, ApiOptions};
    use ram_doctor_core::sign::{Credentials, Timestamp};
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let nonce = format!("test-{now}-{}", request.action());
    let signed = signed_request(
        request,
        &ApiOptions::default(),
        &Credentials::new(key.0, key.1),
        Timestamp::from_unix(now),
        &nonce,
    )
    .unwrap();
    let mut http =
        ureq::request(&signed.method, &format!("{}{}", emu.base.trim_end_matches('/'), signed.path_and_query));
    for (name, value) in &signed.headers {
        http = http.set(name, value);
    }
    let response = match http.send_bytes(&signed.body) {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("{e}"),
    };
    (response.status(), serde_json::from_str(&response.into_string().unwrap()).unwrap())
}

/// Gets a real denial from the emulator: `ops` calling `AttachPolicyToUser`.
fn encoded_denial(emu: &Emulator) -> String {
    use ram_doctor_core::api::ram::{AttachPolicy, PolicyAttachment};
    use ram_doctor_core::api::PolicyType;
    use ram_doctor_core::grant::target::PrincipalKind;
    let request = AttachPolicy(PolicyAttachment {
        policy_type: PolicyType::Custom,
        policy_name: "oss-read".into(),
        kind: PrincipalKind::User,
        name: "ops".into(),
    });
    let (status, body) = call_directly(emu, &request, OPS);
    assert_eq!(status, 403, "{body}");
    body["AccessDeniedDetail"]["EncodedDiagnosticMessage"].as_str().unwrap().to_string()
}

/// Temporary credentials for role `auditor` (id, secret, token), from the emulator's STS, assumed by `ops`.
fn assumed_role(emu: &Emulator) -> (String, String, String) {
    let request = ram_doctor_core::api::sts::AssumeRole {
        role_arn: format!("acs:ram::{ACCOUNT}:role/auditor"),
        role_session_name: "cli-test".into(),
        policy: None,
        duration_seconds: None,
        external_id: None,
    };
    let (status, body) = call_directly(emu, &request, OPS);
    assert_eq!(status, 200, "{body}");
    let c = &body["Credentials"];
    let text = |k: &str| c[k].as_str().unwrap().to_string();
    (text("AccessKeyId"), text("AccessKeySecret"), text("SecurityToken"))
}

#[test]
fn sts_credentials_from_the_environment_and_a_sts_token_profile() {
    let emu = Emulator::start(&account());
    let (id, secret, token) = assumed_role(&emu);
    let check = |run: Run| {
        let run = run.ok();
        assert!(
            !run.all().contains(&secret) && !run.all().contains(&token),
            "the STS secret or token leaked: {}",
            run.all()
        );
        let v: Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(v["IdentityType"], "AssumedRoleUser");
        assert!(v["Arn"].as_str().unwrap().ends_with(":assumed-role/auditor/cli-test"), "{v}");
    };
    let mut cmd = ram_doctor(&["whoami", "--json", "--endpoint", &emu.base]);
    cmd.env("ALIBABA_CLOUD_ACCESS_KEY_ID", &id)
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", &secret)
        .env("ALIBABA_CLOUD_SECURITY_TOKEN", &token);
    check(Run::new(cmd, Stdin::Closed));
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir(home.path().join(".aliyun")).unwrap();
    let config = json!({"current": "sts", "profiles": [
        {"name": "sts", "mode": "StsToken", "access_key_id": id, "access_key_secret": secret, "sts_token": token}]});
    std::fs::write(home.path().join(".aliyun/config.json"), config.to_string()).unwrap();
    let mut cmd = ram_doctor(&["whoami", "--json", "--profile", "sts", "--endpoint", &emu.base]);
    cmd.env("HOME", home.path());
    check(Run::new(cmd, Stdin::Closed));
    // gap without --for checks the assumed role itself.
    let file = emu.error_file(DENIED_PUT);
    let mut cmd = ram_doctor(&["gap", file.to_str().unwrap(), "--json", "--profile", "sts", "--endpoint", &emu.base]);
    cmd.env("HOME", home.path());
    let gap: Value = serde_json::from_str(&Run::new(cmd, Stdin::Closed).ok().stdout).unwrap();
    assert_eq!(gap["principal"], json!({"kind": "role", "name": "auditor"}));
    assert_eq!(gap["attached"][0]["policy_name"], "AliyunRAMReadOnlyAccess");
    // Without its token, an STS key is refused, and the refusal is diagnosed.
    let mut cmd = ram_doctor(&["whoami", "--endpoint", &emu.base]);
    cmd.env("ALIBABA_CLOUD_ACCESS_KEY_ID", &id).env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", &secret);
    let refused = Run::new(cmd, Stdin::Closed);
    assert_eq!(refused.code, 1, "{}", refused.all());
    assert!(refused.all().contains("MissingSecurityToken"), "{}", refused.all());
}

#[test]
fn a_broken_or_silent_service_is_reported_not_panicked() {
    let emu = Emulator::start_with(
        &account(),
        &["--fault", "GetCallerIdentity:reset", "--fault", "ListPoliciesForUser:garbage"],
    );
    let reset = emu.cli(DEV, &["whoami"]);
    assert_eq!(reset.code, 1, "{}", reset.all());
    assert!(reset.stderr.contains("GetCallerIdentity: no answer from"), "{}", reset.stderr);
    let file = emu.error_file(DENIED_PUT);
    let garbage = emu.cli(ROOT, &["gap", file.to_str().unwrap(), "--for", "user:dev"]);
    assert_eq!(garbage.code, 1, "{}", garbage.all());
    assert!(
        garbage.stderr.contains("ListPoliciesForUser") && garbage.stderr.contains("cannot be read"),
        "{}",
        garbage.stderr
    );
    for run in [&reset, &garbage] {
        assert!(!run.all().contains("panicked"), "{}", run.all());
    }
}

#[test]
fn apply_system_attaches_the_narrowest_system_policy() {
    let emu = Emulator::start(&account());
    let file = emu.error_file(DENIED_PUT);
    let out = emu.cli(ROOT, &["apply", file.to_str().unwrap(), "--for", "group:readers", "--system", "--yes"]).ok();
    assert!(out.stdout.contains("attach system policy AliyunOSS"), "{}", out.stdout);
    let state = emu.state();
    let group = state["groups"].as_array().unwrap().iter().find(|g| g["name"] == "readers").unwrap().clone();
    let names: Vec<&str> = group["policies"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert!(names.iter().any(|n| n.starts_with("AliyunOSS")), "{names:?}");
    assert_eq!(state["policies"].as_array().unwrap().len(), 2, "no custom policy was created");
}

#[test]
fn decode_reads_a_denial_and_names_the_user() {
    let emu = Emulator::start(&account());
    let encoded = encoded_denial(&emu);
    let out = emu.cli(ROOT, &["decode", &encoded]).ok();
    assert!(out.stdout.contains("action     ram:AttachPolicyToUser"), "{}", out.stdout);
    assert!(out.stdout.contains("ops"), "IMS turns the user id into its name: {}", out.stdout);
    assert!(out.stdout.contains("no policy allows it"), "{}", out.stdout);
    let zh = emu.cli(ROOT, &["decode", &encoded, "--zh"]).ok();
    assert!(zh.stdout.contains("操作") && zh.stdout.contains("没有策略允许"), "{}", zh.stdout);
    let json: Value = serde_json::from_str(&emu.cli(ROOT, &["decode", &encoded, "--json"]).ok().stdout).unwrap();
    assert_eq!(json["DecodedDiagnosticMessage"]["AuthAction"], "ram:AttachPolicyToUser");
}

#[test]
fn no_secret_in_any_output_of_the_journeys() {
    let emu = Emulator::start(&account());
    let file = emu.error_file(DENIED_PUT);
    let f = file.to_str().unwrap();
    let mut seen = String::new();
    for (key, args) in [
        (DEV, vec!["whoami"]),
        (DEV, vec!["whoami", "--json"]),
        (DEV, vec!["gap", f, "--json"]),
        (ROOT, vec!["apply", f, "--for", "user:dev"]),
        (ROOT, vec!["apply", f, "--for", "user:dev", "--yes"]),
        (OPS, vec!["apply", f, "--for", "user:ops", "--policy-name", "x", "--yes"]),
        ((DEV_ID, WRONG_SECRET), vec!["whoami"]),
        ((OPS_ID, OPS_SECRET), vec!["decode", "not-a-message"]),
    ] {
        seen.push_str(&emu.cli(key, &args).all());
    }
    seen.push_str(&emu.log_text());
    // The journeys did happen (so the check is not vacuous): a success, a refusal, a signature failure.
    for expected in ["RAMUser", "NoPermission", "SignatureDoesNotMatch", "GetCallerIdentity"] {
        assert!(seen.contains(expected), "{expected} missing from:\n{seen}");
    }
    assert_no_secret(&seen);
}
