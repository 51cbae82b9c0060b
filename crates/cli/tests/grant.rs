//! `ram-doctor grant` through the real binary: arguments, exit codes, and every format.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ram-doctor"))
        .arg("grant")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write stdin");
    child.wait_with_output().expect("the binary finishes")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn text_without_an_error_has_nothing_to_grant() {
    let o = run(&[], "all good here\n");
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("nothing to grant"), "{}", stdout(&o));
    let zh = run(&["--lang", "zh"], "all good here\n");
    assert!(stdout(&zh).contains("无需授权"), "{}", stdout(&zh));
}

#[test]
fn json_of_an_empty_plan_is_still_json() {
    let o = run(&["--format", "json", "--for", "role:app", "-"], "nothing\n");
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    assert_eq!(v["target"]["kind"], "role");
    assert_eq!(v["target"]["name"], "app");
    assert_eq!(v["custom_policies"].as_array().map(Vec::len), Some(0));
}

#[test]
fn bad_arguments_exit_2_with_a_clear_message() {
    let o = run(&["--for", "bucket:x"], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("user:NAME, group:NAME or role:NAME"), "{}", stderr(&o));

    let o = run(&["--for", "user:a b"], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a RAM identity name"), "{}", stderr(&o));

    let o = run(&["--policy-name", "my_policy"], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("'_'"), "{}", stderr(&o));

    let o = run(&["--format", "yaml"], "");
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn an_unreadable_file_exits_2() {
    let o = run(&["/nonexistent/ram-doctor-input.txt"], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read"), "{}", stderr(&o));
}
