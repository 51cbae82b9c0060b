//! Every rendering of every sample plan: snapshot-tested (insta) and read back by a real parser —
//! serde for JSON, hcl-rs for Terraform, serde_yaml for ROS YAML, shell-words (and the Windows argv rules)
//! for the CLI lines — which must recover the exact policy documents of the plan.

use hcl::eval::Evaluate;
use ram_doctor_core::finding::{Finding, Kind, Layer, Principal};
use ram_doctor_core::grant::render::{console, json, ros, terraform};
use ram_doctor_core::grant::{
    render, Format, GrantPlan, Lang, PlanOptions, PolicyName, PrincipalKind, RenderOptions, Target,
};
use ram_doctor_core::policy::build::{BuildOptions, Conditions};
use ram_doctor_core::policy::{lint, LintOptions, PolicyDocument, Severity};
use ram_doctor_core::Catalog;
use serde_json::Value;
use std::sync::OnceLock;

// ---------- the sample plans ----------

fn finding(kind: Kind, code: &str, actions: &[&str]) -> Finding {
    let mut f = Finding::new(kind);
    f.code = Some(code.to_string());
    f.actions = actions.iter().map(|a| a.to_string()).collect();
    f.product = f.actions.first().and_then(|a| a.split_once(':')).map(|(c, _)| c.to_string());
    f
}

fn principal(kind: &str, name: &str, account: &str) -> Option<Principal> {
    Some(Principal { kind: Some(kind.into()), name: Some(name.into()), account: Some(account.into()) })
}

fn target(spec: &str) -> Option<Target> {
    Some(Target::parse(spec).expect("a valid target in a test"))
}

struct Case {
    name: &'static str,
    findings: Vec<Finding>,
    options: PlanOptions,
}

fn cases() -> Vec<Case> {
    let mut ecs = finding(Kind::MissingPermission, "Forbidden.RAM", &["ecs:DescribeInstances"]);
    ecs.principal = principal("SubUser", "20349", "1234567890");
    ecs.request_id = Some("7F3A-REQ".into());

    let mut oss = finding(Kind::MissingPermission, "AccessDenied", &["oss:GetObject"]);
    oss.resource = Some("acs:oss:*:1234567890:my-bucket/reports/2024.csv".into());

    let rds_write = finding(Kind::MissingPermission, "Forbidden.RAM", &["rds:CreateDBInstance"]);
    let mut ecs_stop = finding(Kind::MissingPermission, "Forbidden.RAM", &["ecs:StopInstance"]);
    ecs_stop.resource = Some("acs:ecs:cn-hangzhou:1234567890:instance/i-bp1abc".into());

    let mut hbr = finding(Kind::MissingPermission, "Forbidden.RAM", &["hbr:CreateBackupPlan"]);
    hbr.principal = principal("AssumedRoleUser", "backup-runner:session-42", "1234567890");

    let mut assume = finding(Kind::AssumeRole, "NoPermission", &["sts:AssumeRole"]);
    assume.resource = Some("acs:ram::1111222233334444:role/deployer".into());
    assume.principal = principal("SubUser", "ci-bot", "5555666677778888");

    let mut slr =
        finding(Kind::ServiceRoleMissing, "NoPermission.AliyunServiceRoleForRds", &["ram:CreateServiceLinkedRole"]);
    slr.product = Some("rds".into());

    let mut eci = Finding::new(Kind::ServiceRoleMissing);
    eci.code = Some("EntityNotExist.Role.AliyunECIContainerGroupRole".into());
    eci.product = Some("eci".into());

    let mut control = finding(Kind::ExplicitDeny, "Forbidden.RAM", &["ecs:RunInstances"]);
    control.layer = Some(Layer::ControlPolicy);
    control.principal = principal("SubUser", "20349", "1234567890");
    control.request_id = Some("C0FFEE-REQ".into());
    control.encoded_diagnostic_message = Some("AQEAAAAAZ3Jhbn==".into());

    let mut deny = finding(Kind::ExplicitDeny, "Forbidden.RAM", &["oss:DeleteObject"]);
    deny.layer = Some(Layer::Identity);
    deny.encoded_diagnostic_message = Some("AQIBAAAAAGRlbnk=".into());

    let mut session = finding(Kind::MissingPermission, "Forbidden.RAM", &["kms:Decrypt"]);
    session.layer = Some(Layer::SessionPolicy);

    let bad_key = finding(Kind::BadCredentials, "InvalidAccessKeyId.NotFound", &[]);
    let expired = finding(Kind::TokenExpired, "SecurityTokenExpired", &[]);
    let clock = finding(Kind::Signature, "InvalidTimeStamp.Expired", &[]);
    let mut not_active = finding(Kind::NotActivated, "ServiceNotActivated", &[]);
    not_active.product = Some("fc".into());
    let other = finding(Kind::Other, "InvalidParameter", &[]);

    let mut console_only = Finding::new(Kind::MissingPermission);
    console_only.product = Some("hbr".into());

    // Characters every format must carry through: quotes, backslash, $ and % templates, a space, Chinese.
    let mut tricky = finding(Kind::MissingPermission, "AccessDenied", &["oss:PutObject"]);
    tricky.resource = Some(r#"acs:oss:*:*:bucket/it's "${x}" %{y} a\b 报告.txt"#.into());

    let opts = |t: Option<Target>, name: Option<&str>| PlanOptions {
        target: t,
        policy_name: name.map(|n| PolicyName::parse(n).expect("a valid policy name in a test")),
        build: BuildOptions::default(),
        product: None,
    };
    let per_product_https = PlanOptions {
        target: target("user:auditor"),
        policy_name: None,
        build: BuildOptions {
            per_product: true,
            include_read_actions: true,
            conditions: Conditions {
                secure_transport: true,
                source_ips: vec!["203.0.113.0/24".into()],
                ..Conditions::default()
            },
            ..BuildOptions::default()
        },
        product: None,
    };
    let mut unknown = Finding::new(Kind::MissingPermission);
    unknown.explanation =
        "The text does not say which product this is: paste the console page's title or URL too.".into();
    unknown.explanation_zh = "文本中看不出是哪个云产品：请把控制台页面的标题或网址一起粘贴。".into();
    let mut kms = finding(Kind::MissingPermission, "Forbidden.RAM", &["kms:Decrypt"]);
    kms.principal = principal("SubUser", "auditor", "1234567890");
    kms.region = Some("cn-shanghai".into());
    let mut log = finding(Kind::MissingPermission, "Unauthorized", &["log:GetLogStore"]);
    log.resource = Some("acs:log:cn-shanghai:1234567890:project/audit/logstore/trail".into());
    vec![
        Case { name: "ecs_read_placeholder_user", findings: vec![ecs.clone()], options: opts(None, None) },
        Case {
            name: "oss_object_named_user_chosen_name",
            findings: vec![oss],
            options: opts(target("user:alice"), Some("alice-reports-read")),
        },
        Case {
            name: "two_products_to_group",
            findings: vec![rds_write, ecs_stop, ecs],
            options: opts(target("group:ops"), None),
        },
        Case { name: "assumed_role_inferred", findings: vec![hbr], options: opts(None, None) },
        Case { name: "assume_role_trust", findings: vec![assume], options: opts(target("user:ci-bot"), None) },
        Case { name: "service_linked_role", findings: vec![slr], options: opts(target("user:dba"), None) },
        Case { name: "service_role_to_authorize", findings: vec![eci], options: opts(None, None) },
        Case { name: "control_policy_deny", findings: vec![control], options: opts(None, None) },
        Case { name: "identity_deny", findings: vec![deny], options: opts(target("role:app"), None) },
        Case { name: "session_policy", findings: vec![session], options: opts(target("role:worker"), None) },
        Case {
            name: "credentials_and_clock",
            findings: vec![bad_key, expired, clock],
            options: opts(target("user:svc"), None),
        },
        Case { name: "not_activated_and_other", findings: vec![not_active, other], options: opts(None, None) },
        Case {
            name: "system_policy_only_role",
            findings: vec![console_only],
            options: opts(target("role:backup-operator"), None),
        },
        Case { name: "tricky_characters", findings: vec![tricky], options: opts(target("group"), None) },
        Case { name: "no_findings", findings: vec![], options: opts(None, None) },
        Case { name: "unknown_denial", findings: vec![unknown], options: opts(None, None) },
        Case { name: "per_product_with_conditions", findings: vec![kms, log], options: per_product_https },
    ]
}

fn plan_of(case: &Case) -> GrantPlan {
    GrantPlan::from_findings(&case.findings, sample_catalog(), &case.options).expect("the sample options are valid")
}

/// A small fixed catalog of ECS, OSS, RDS and HBR system policies, so the snapshots do not move when `data/`
/// is regenerated.
fn sample_catalog() -> &'static Catalog {
    static SAMPLE: OnceLock<Catalog> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/catalog/sample-index.json");
        Catalog::from_index(&std::fs::read(path).expect("the sample index")).expect("the sample index loads")
    })
}

/// The committed index plus a few shards. Plans built with it are not snapshot-tested: the catalog's data may be
/// regenerated; the assertions name only facts the sources state.
fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
        let index = std::fs::read(data.join("index.json")).expect("data/index.json is committed");
        let mut catalog = Catalog::from_index(&index).expect("the index loads");
        for code in ["ecs", "rds", "eci", "alb"] {
            let bytes = std::fs::read(data.join(Catalog::shard_path(code))).expect("the shard is committed");
            catalog.add_shard(code, &bytes).expect("the shard loads");
        }
        catalog
    })
}

/// The sample plans, then the plan for every committed real-world error text (diagnosed by the engine), so
/// the parser checks below also run on what real errors produce. Snapshots cover the samples only.
fn all_plans() -> Vec<(String, GrantPlan)> {
    let mut out: Vec<(String, GrantPlan)> = cases().iter().map(|c| (c.name.to_string(), plan_of(c))).collect();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/errors/real-world");
    let mut files: Vec<_> =
        std::fs::read_dir(&dir).expect("the fixtures folder").filter_map(Result::ok).map(|e| e.path()).collect();
    files.sort();
    for path in files.into_iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
        let text = std::fs::read_to_string(&path).expect("a fixture");
        let diagnosis = ram_doctor_core::diagnose(&text, catalog());
        let plan =
            GrantPlan::from_findings(&diagnosis.findings, catalog(), &PlanOptions::default()).expect("default options");
        // Every error found leads somewhere: a grant, a service role, or a step.
        assert!(diagnosis.findings.is_empty() || !plan.is_empty(), "{}: findings but nothing to do", path.display());
        out.push((path.file_name().unwrap().to_string_lossy().into_owned(), plan));
    }
    assert!(out.len() >= cases().len() + 20, "the real-world fixtures were read");
    out
}

/// The user's, group's or role's entry of `[user, group, role]`.
fn by_kind<T: Copy>(kind: PrincipalKind, [user, group, role]: [T; 3]) -> T {
    match kind {
        PrincipalKind::User => user,
        PrincipalKind::Group => group,
        PrincipalKind::Role => role,
    }
}

const LANGS: [Lang; 2] = [Lang::En, Lang::Zh];

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Zh => "zh",
    }
}

// ---------- snapshots ----------

#[test]
fn snapshots_of_every_format() {
    let formats = [
        (Format::Json, "json"),
        (Format::Console, "console"),
        (Format::Cli, "cli"),
        (Format::Terraform, "terraform"),
        (Format::Ros, "ros"),
    ];
    for case in cases() {
        let plan = plan_of(&case);
        for (format, fname) in formats {
            for lang in LANGS {
                let text = render(format, &plan, &RenderOptions { lang });
                insta::assert_snapshot!(format!("{}__{fname}__{}", case.name, lang_name(lang)), text);
            }
        }
    }
}

// ---------- names ----------

#[test]
fn policy_names_are_valid_and_stable() {
    for case in cases() {
        let a = plan_of(&case);
        let b = plan_of(&case);
        assert_eq!(a, b, "{}: the same findings give the same plan", case.name);
        for p in &a.custom_policies {
            assert_eq!(PolicyName::parse(p.name.as_str()).as_ref(), Ok(&p.name), "{}", case.name);
        }
    }
}

// ---------- JSON: serde ----------

fn check_json(name: &str, plan: &GrantPlan) {
    for lang in LANGS {
        let v: Value = serde_json::from_str(&json::render(plan, &RenderOptions { lang })).expect("valid JSON");
        let policies = v["custom_policies"].as_array().expect("a list");
        assert_eq!(policies.len(), plan.custom_policies.len(), "{}", name);
        for (got, want) in policies.iter().zip(&plan.custom_policies) {
            let doc: PolicyDocument = serde_json::from_value(got["document"].clone()).expect("a policy document");
            assert_eq!(doc, want.document, "{}", name);
            let minified: PolicyDocument =
                serde_json::from_str(got["minified"].as_str().expect("a string")).expect("a policy document");
            assert_eq!(minified, want.document, "{}", name);
            assert_eq!(got["size"].as_u64(), Some(want.document.to_compact_json().chars().count() as u64));
            assert_eq!(got["limit"], 6144);
            assert_eq!(got["name"], want.name.as_str());
            let minified_text = got["minified"].as_str().unwrap();
            let errors: Vec<_> = lint(
                minified_text,
                &LintOptions { name: Some(want.name.as_str()), ..LintOptions::default() },
                &Catalog::empty(),
            )
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
            assert!(errors.is_empty(), "{}: {errors:?}", name);
        }
        let names: Vec<&str> =
            v["system_policies"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
        let want: Vec<&str> = plan.system_policies.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, want, "{}", name);
        assert_eq!(v["steps"].as_array().unwrap().len(), plan.steps.len(), "{}", name);
        // A step's commands are the same calls the CLI format prints, and bash reads them back whole.
        for (got, want) in v["steps"].as_array().unwrap().iter().zip(&plan.steps) {
            let bash = got["commands"]["bash"].as_array().map_or(0, Vec::len);
            assert_eq!(bash, want.calls.len(), "{}", name);
            for (line, call) in got["commands"]["bash"].as_array().into_iter().flatten().zip(&want.calls) {
                let words = shell_words::split(line.as_str().unwrap()).expect("bash can parse it");
                assert_eq!(words[1..3], [call.product.clone(), call.api.clone()], "{}", name);
                let values: Vec<&String> = call.args.iter().map(|(_, v)| v).collect();
                assert!(values.iter().all(|v| words.contains(v)), "{}", name);
            }
        }
    }
}

#[test]
fn json_reads_back_with_the_exact_documents() {
    for (name, plan) in all_plans() {
        check_json(&name, &plan);
    }
}

// ---------- CLI: shell-words and the Windows argv rules ----------

/// Splits a command line the way `CommandLineToArgvW` and Go's `os.Args` do on Windows.
fn windows_argv(line: &str) -> Vec<String> {
    let mut args = Vec::new();
    let mut cur = String::new();
    let mut in_quotes = false;
    let mut has_arg = false;
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            let start = i;
            while i < chars.len() && chars[i] == '\\' {
                i += 1;
            }
            let n = i - start;
            if i < chars.len() && chars[i] == '"' {
                cur.push_str(&"\\".repeat(n / 2));
                if n % 2 == 1 {
                    cur.push('"');
                    i += 1;
                }
            } else {
                cur.push_str(&"\\".repeat(n));
            }
            has_arg = true;
            continue;
        }
        match c {
            '"' => {
                in_quotes = !in_quotes;
                has_arg = true;
            }
            ' ' | '\t' if !in_quotes => {
                if has_arg {
                    args.push(std::mem::take(&mut cur));
                    has_arg = false;
                }
            }
            _ => {
                cur.push(c);
                has_arg = true;
            }
        }
        i += 1;
    }
    if has_arg {
        args.push(cur);
    }
    args
}

/// The value after `flag` in an argument list.
fn arg_after<'a>(args: &'a [String], flag: &str) -> Option<&'a str> {
    args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).map(String::as_str)
}

/// Every `aliyun` call in a section of the CLI rendering, parsed into its arguments (after `aliyun`).
fn calls(section: &str, powershell: bool) -> Vec<Vec<String>> {
    section
        .lines()
        .map(|l| l.strip_prefix("# ").unwrap_or(l))
        .filter(|l| l.starts_with("aliyun "))
        .map(|l| {
            if powershell {
                let rest = l.strip_prefix("aliyun --% ").expect("every PowerShell call stops parsing");
                windows_argv(rest)
            } else {
                let words = shell_words::split(l).expect("bash can parse the line");
                assert_eq!(words[0], "aliyun");
                words[1..].to_vec()
            }
        })
        .collect()
}

fn check_cli(name: &str, plan: &GrantPlan) {
    for lang in LANGS {
        let text = render(Format::Cli, plan, &RenderOptions { lang });
        let (bash, powershell) = text.split_once("\n\n# ===== PowerShell").expect("two sections");
        for (section, ps) in [(bash, false), (powershell, true)] {
            let calls = calls(section, ps);
            for p in &plan.custom_policies {
                for api in ["CreatePolicy", "CreatePolicyVersion"] {
                    let call = calls
                        .iter()
                        .find(|c| c[1] == api && arg_after(c, "--PolicyName") == Some(p.name.as_str()))
                        .unwrap_or_else(|| panic!("{}: {api}", name));
                    let doc = arg_after(call, "--PolicyDocument").expect("a document");
                    assert_eq!(doc, p.document.to_compact_json(), "{} {api} ps={ps}", name);
                }
                let attach = calls.iter().find(|c| {
                    c[1].starts_with("AttachPolicyTo")
                        && arg_after(c, "--PolicyType") == Some("Custom")
                        && arg_after(c, "--PolicyName") == Some(p.name.as_str())
                });
                let attach = attach.unwrap_or_else(|| panic!("{}: attach", name));
                let (api, param) = by_kind(
                    plan.target.kind,
                    [
                        ("AttachPolicyToUser", "--UserName"),
                        ("AttachPolicyToGroup", "--GroupName"),
                        ("AttachPolicyToRole", "--RoleName"),
                    ],
                );
                assert_eq!(attach[1], api);
                assert_eq!(arg_after(attach, param), Some(plan.target.display_name()));
            }
            for step in plan.steps.iter().filter(|s| s.document.is_some()) {
                let update = calls.iter().find(|c| c[1] == "UpdateRole").expect("an UpdateRole call");
                let doc: Value =
                    serde_json::from_str(arg_after(update, "--NewAssumeRolePolicyDocument").unwrap()).unwrap();
                assert_eq!(Some(&doc), step.document.as_ref(), "{}", name);
            }
            for p in &plan.system_policies {
                assert!(calls.iter().any(|c| arg_after(c, "--PolicyType") == Some("System")
                    && arg_after(c, "--PolicyName") == Some(p.name.as_str())));
            }
        }
    }
}

#[test]
fn cli_lines_recover_the_exact_documents_in_bash_and_powershell() {
    for (name, plan) in all_plans() {
        check_cli(&name, &plan);
    }
}

// ---------- Terraform: hcl-rs ----------

/// Evaluates an HCL expression (templates included) into JSON.
fn hcl_json(expr: &hcl::Expression) -> Value {
    let value = expr.evaluate(&hcl::eval::Context::new()).expect("a literal expression evaluates");
    serde_json::to_value(value).expect("an HCL value is JSON")
}

fn resources<'a>(body: &'a hcl::Body, kind: &str) -> Vec<&'a hcl::Block> {
    body.blocks()
        .filter(|b| b.identifier() == "resource" && b.labels().first().map(|l| l.as_str()) == Some(kind))
        .collect()
}

fn attr<'a>(block: &'a hcl::Block, key: &str) -> &'a hcl::Expression {
    block.body().attributes().find(|a| a.key() == key).map(|a| a.expr()).unwrap_or_else(|| panic!("attribute {key}"))
}

/// Removes the `# ` from commented-out resource blocks: from `# resource` to the next `# }`.
fn uncomment_blocks(text: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in text.lines() {
        if line.starts_with("# resource ") {
            inside = true;
        }
        let line = if inside { line.strip_prefix("# ").unwrap_or(line) } else { line };
        if inside && line == "}" {
            inside = false;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn check_terraform(name: &str, plan: &GrantPlan) {
    for lang in LANGS {
        let text = terraform::render(plan, &RenderOptions { lang });
        let body = hcl::parse(&text).unwrap_or_else(|e| panic!("{}: {e}\n{text}", name));
        let policies = resources(&body, "alicloud_ram_policy");
        assert_eq!(policies.len(), plan.custom_policies.len(), "{}", name);
        for (block, want) in policies.iter().zip(&plan.custom_policies) {
            assert_eq!(hcl_json(attr(block, "policy_name")), want.name.as_str());
            let hcl::Expression::FuncCall(call) = attr(block, "policy_document") else { panic!("jsonencode(…)") };
            assert_eq!(call.name.name.as_str(), "jsonencode");
            let doc: PolicyDocument = serde_json::from_value(hcl_json(&call.args[0])).expect("a policy document");
            assert_eq!(doc, want.document, "{}", name);
        }
        let attach_kind = by_kind(
            plan.target.kind,
            [
                "alicloud_ram_user_policy_attachment",
                "alicloud_ram_group_policy_attachment",
                "alicloud_ram_role_policy_attachment",
            ],
        );
        let attachments = resources(&body, attach_kind);
        let system_active = if plan.custom_policies.is_empty() { plan.narrowest_system_policies().len() } else { 0 };
        let service_roles = plan.service_roles.iter().filter(|r| !r.linked).count()
            * usize::from(plan.target.kind == PrincipalKind::Role);
        assert_eq!(attachments.len(), plan.custom_policies.len() + system_active + service_roles, "{}", name);
        // The commented-out alternatives parse too once uncommented.
        let uncommented = uncomment_blocks(&text);
        let all = hcl::parse(&uncommented).unwrap_or_else(|e| panic!("{}: {e}\n{uncommented}", name));
        let system: Vec<Value> = resources(&all, attach_kind)
            .into_iter()
            .filter(|b| hcl_json(attr(b, "policy_type")) == "System")
            .map(|b| hcl_json(attr(b, "policy_name")))
            .collect();
        let want: Vec<Value> = plan.system_policies.iter().map(|p| Value::from(p.name.as_str())).collect();
        assert!(want.iter().all(|w| system.contains(w)), "{}: {system:?}", name);
    }
}

#[test]
fn terraform_parses_and_holds_the_exact_documents() {
    for (name, plan) in all_plans() {
        check_terraform(&name, &plan);
    }
}

// ---------- ROS: serde_yaml and serde_json ----------

fn check_ros(name: &str, plan: &GrantPlan) {
    for lang in LANGS {
        let options = RenderOptions { lang };
        let text = ros::render(plan, &options);
        let rest = text.strip_prefix(ros::YAML_MARKER).expect("YAML first");
        let (yaml, json_text) = rest.split_once(ros::JSON_MARKER).expect("then JSON");
        let from_yaml: Value = serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("{}: {e}\n{yaml}", name));
        let from_json: Value = serde_json::from_str(json_text).expect("valid JSON");
        assert_eq!(from_yaml, from_json, "{}", name);
        assert_eq!(from_json, ros::template(plan, &options));
        assert_eq!(from_json["ROSTemplateFormatVersion"], "2015-09-01");
        let managed: Vec<&Value> = from_json["Resources"]
            .as_object()
            .unwrap()
            .values()
            .filter(|r| r["Type"] == "ALIYUN::RAM::ManagedPolicy")
            .collect();
        assert_eq!(managed.len(), plan.custom_policies.len());
        for (r, want) in managed.iter().zip(&plan.custom_policies) {
            let doc: PolicyDocument = serde_json::from_value(r["Properties"]["PolicyDocument"].clone()).unwrap();
            assert_eq!(doc, want.document, "{}", name);
            let list = by_kind(plan.target.kind, ["Users", "Groups", "Roles"]);
            assert_eq!(r["Properties"][list].as_array().map(Vec::len), Some(1));
        }
        assert!(yaml.contains("ROSTemplateFormatVersion: '2015-09-01'"));
    }
}

#[test]
fn ros_yaml_and_json_parse_to_the_same_template() {
    for (name, plan) in all_plans() {
        check_ros(&name, &plan);
    }
}

// ---------- console: links and the pasted document ----------

fn check_console(name: &str, plan: &GrantPlan) {
    for lang in LANGS {
        let text = console::render(plan, &RenderOptions { lang });
        if !plan.custom_policies.is_empty() || !plan.system_policies.is_empty() {
            assert!(text.contains(&console::principal_url(&plan.target)), "{}", name);
            assert!(text.contains(lang.tr("Add Permissions", "新增授权")), "{}", name);
        }
        for p in &plan.custom_policies {
            assert!(text.contains("https://ram.console.aliyun.com/policies/new"));
            // The indented block after the "paste this" step is the pretty document.
            let pretty = p.document.to_pretty_json();
            let indented: String = pretty.lines().map(|l| format!("   {l}\n")).collect();
            assert!(text.contains(&indented), "{}", name);
            let back: PolicyDocument = serde_json::from_str(&pretty).unwrap();
            assert_eq!(back, p.document);
        }
        // Numbers run 1, 2, 3… without gaps.
        let numbers: Vec<usize> =
            text.lines().filter_map(|l| l.split_once(". ").and_then(|(n, _)| n.parse().ok())).collect();
        assert_eq!(numbers, (1..=numbers.len()).collect::<Vec<_>>(), "{}", name);
    }
}

#[test]
fn console_steps_link_the_principal_and_carry_the_exact_document() {
    for (name, plan) in all_plans() {
        check_console(&name, &plan);
    }
}

#[test]
fn deep_links_follow_the_principal_kind() {
    let url = |spec: &str| console::principal_url(&Target::parse(spec).unwrap());
    assert_eq!(url("user:alice"), "https://ram.console.aliyun.com/users/alice");
    assert_eq!(url("group:ops"), "https://ram.console.aliyun.com/groups/ops");
    assert_eq!(url("role:app"), "https://ram.console.aliyun.com/roles/app");
    assert_eq!(url("role"), "https://ram.console.aliyun.com/roles");
}

// ---------- any plan: property test over the same checks ----------

mod any_plan {
    use super::*;
    use proptest::prelude::*;

    /// A missing permission with actions (often of OSS, so the object key below scopes them), an object key
    /// full of characters that quoting must carry (quotes, backslash, `$`/`%` templates, `|`, tabs, Chinese),
    /// and maybe the account.
    fn arb_finding() -> impl Strategy<Value = Finding> {
        (
            prop::collection::vec("(oss|ecs|[a-z]{2,5}):[A-Z][A-Za-z*]{0,10}", 1..4),
            prop::option::of("[ -~中文报告\\t\\n]{0,24}"),
            prop::option::of("[1-9][0-9]{3,15}"),
        )
            .prop_map(|(actions, key, account)| {
                let actions: Vec<&str> = actions.iter().map(String::as_str).collect();
                let mut f = finding(Kind::MissingPermission, "Forbidden.RAM", &actions);
                f.resource = key.map(|k| format!("acs:oss:*:*:bucket/{k}"));
                f.principal = account.map(|a| Principal { kind: Some("SubUser".into()), name: None, account: Some(a) });
                f
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn every_format_carries_any_document_exactly(
            findings in prop::collection::vec(arb_finding(), 1..4),
            kind in 0usize..3,
            name in prop::option::of("[A-Za-z0-9._-]{1,20}"),
            per_product in any::<bool>(),
        ) {
            let kind = [PrincipalKind::User, PrincipalKind::Group, PrincipalKind::Role][kind];
            let target = match &name {
                Some(n) => Target::named(kind, n).expect("the generator makes valid names"),
                None => Target::placeholder(kind),
            };
            let options = PlanOptions {
                target: Some(target),
                policy_name: None,
                build: BuildOptions { per_product, ..BuildOptions::default() },
                product: None,
            };
            let plan = GrantPlan::from_findings(&findings, &Catalog::empty(), &options).expect("default conditions");
            prop_assert!(!plan.custom_policies.is_empty());
            check_json("any", &plan);
            check_cli("any", &plan);
            check_terraform("any", &plan);
            check_ros("any", &plan);
            check_console("any", &plan);
        }
    }
}

// ---------- with the committed catalog ----------

mod with_catalog {
    use super::*;

    fn plan(findings: &[Finding], target_spec: &str) -> GrantPlan {
        let options = PlanOptions { target: target(target_spec), ..PlanOptions::default() };
        let plan = GrantPlan::from_findings(findings, catalog(), &options).expect("default options");
        check_json("catalog", &plan);
        check_cli("catalog", &plan);
        check_terraform("catalog", &plan);
        check_ros("catalog", &plan);
        check_console("catalog", &plan);
        plan
    }

    fn names(plan: &GrantPlan) -> Vec<&str> {
        plan.system_policies.iter().map(|p| p.name.as_str()).collect()
    }

    #[test]
    fn the_products_main_policies_with_both_languages() {
        let read = plan(&[finding(Kind::MissingPermission, "Forbidden.RAM", &["ecs:DescribeInstances"])], "user:alice");
        assert_eq!(names(&read), ["AliyunECSReadOnlyAccess", "AliyunECSFullAccess"]);
        assert!(read.system_policies.iter().all(|p| !p.explanation.en.is_empty() && !p.explanation.zh.is_empty()));
        let write = plan(&[finding(Kind::MissingPermission, "Forbidden.RAM", &["ecs:StopInstance"])], "user:alice");
        assert_eq!(names(&write), ["AliyunECSFullAccess"]);
    }

    #[test]
    fn a_service_linked_role_gets_its_service_name_everywhere() {
        let mut f =
            finding(Kind::ServiceRoleMissing, "NoPermission.AliyunServiceRoleForRds", &["ram:CreateServiceLinkedRole"]);
        f.product = Some("rds".into());
        let plan = plan(&[f], "user:dba");
        let fix = &plan.service_roles[0];
        assert!(fix.linked);
        assert_eq!(fix.service_name.as_deref(), Some("rds-ecs-service.rds.aliyuncs.com"));
        let st = &plan.custom_policies[0].document.statements[0];
        let condition = st.condition.as_ref().expect("limited to the service");
        assert_eq!(condition["StringEquals"]["ram:ServiceName"].0, ["rds-ecs-service.rds.aliyuncs.com"]);
        let cli = render(Format::Cli, &plan, &RenderOptions::default());
        assert!(
            cli.contains("aliyun ram CreateServiceLinkedRole --ServiceName rds-ecs-service.rds.aliyuncs.com"),
            "{cli}"
        );
        let tf = hcl::parse(&terraform::render(&plan, &RenderOptions::default())).expect("HCL");
        let slr = resources(&tf, "alicloud_resource_manager_service_linked_role");
        assert_eq!(hcl_json(attr(slr[0], "service_name")), "rds-ecs-service.rds.aliyuncs.com");
    }

    #[test]
    fn a_service_role_is_created_trusting_its_service_with_its_policy() {
        let mut f = Finding::new(Kind::ServiceRoleMissing);
        f.code = Some("EntityNotExist.Role.AliyunECIContainerGroupRole".into());
        f.product = Some("eci".into());
        let plan = plan(&[f], "user");
        let fix = &plan.service_roles[0];
        assert!(!fix.linked);
        assert_eq!(fix.service_name.as_deref(), Some("eci.aliyuncs.com"));
        assert_eq!(fix.role_policy.as_deref(), Some("AliyunECIContainerGroupRolePolicy"));
        let how = fix.how_to_authorize.as_deref().expect("the source says how to authorize it");
        assert!(console::render(&plan, &RenderOptions::default()).contains(how));
        let template = ros::template(&plan, &RenderOptions::default());
        let role = &template["Resources"]["RoleAliyunECIContainerGroupRole"];
        assert_eq!(role["Type"], "ALIYUN::RAM::Role");
        assert_eq!(
            role["Properties"]["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Service"][0],
            "eci.aliyuncs.com"
        );
    }

    #[test]
    fn a_system_policy_with_a_document_is_measured_against_the_need() {
        let plan =
            plan(&[finding(Kind::MissingPermission, "Forbidden.RAM", &["alb:CreateLoadBalancer"])], "role:deployer");
        let full = plan.system_policies.iter().find(|p| p.name == "AliyunALBFullAccess").expect("ALB's Full policy");
        assert_eq!(full.covers, Some(true));
        assert!(full.extra_actions.is_some_and(|n| n > 10), "{:?}", full.extra_actions);
    }
}
