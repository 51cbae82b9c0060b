//! `ram-doctor catalog`: look up products, actions, APIs, system policies and error codes in the embedded
//! catalog.

use std::process::ExitCode;

use clap::Subcommand;
use ram_doctor_core::catalog::{ApiLookup, Catalog, PolicyKind, Product};
use serde_json::json;

/// Exit code when the thing asked for is not in the catalog (same as unusable input).
const NOT_FOUND: u8 = 2;

#[derive(clap::Args)]
#[command(after_help = "Exit codes: 0 when found; 2 when nothing matches (the message goes to standard error).")]
pub struct Args {
    #[command(subcommand)]
    what: What,
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
}

#[derive(Subcommand)]
enum What {
    /// A product by OpenAPI code, RAM code or name: `hbr`, `sls`, `log`, `Cloud Backup`.
    Product { name: String },
    /// A RAM action: `hbr:CreateBackupPlan`. Shows its access level and the system policies that grant it.
    Action { action: String },
    /// An API of a product: `ecs DescribeInstances`.
    Api { product: String, api: String },
    /// Products named in free text, English or Chinese: `云备份`, `Cloud Backup`.
    Search {
        #[arg(required = true)]
        text: Vec<String>,
    },
    /// A system policy by name: `AliyunHBRReadOnlyAccess`.
    Policy { name: String },
    /// An error code: `Forbidden.RAM`, `NoPermission.AliyunServiceRoleForECI`.
    Error { code: String },
}

pub fn run(args: Args) -> ExitCode {
    let catalog = match crate::input::embedded_catalog() {
        Ok(c) => c,
        Err(code) => return code,
    };
    let answer = match &args.what {
        What::Product { name } => product(&catalog, name),
        What::Action { action } => action_answer(&catalog, action),
        What::Api { product, api } => api_answer(&catalog, product, api),
        What::Search { text } => search(&catalog, &text.join(" ")),
        What::Policy { name } => policy(&catalog, name),
        What::Error { code } => error_code(&catalog, code),
    };
    match answer {
        Ok((value, text)) => {
            if args.json {
                println!("{}", serde_json::to_string_pretty(&value).unwrap_or_default());
            } else {
                print!("{text}");
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("ram-doctor: {message}");
            ExitCode::from(NOT_FOUND)
        }
    }
}

/// A found answer as JSON and as text; or the "not found" message.
type Answer = Result<(serde_json::Value, String), String>;

fn product(catalog: &Catalog, name: &str) -> Answer {
    let p = catalog
        .product(name)
        .or_else(|| catalog.search_products(name).into_iter().next())
        .ok_or_else(|| format!("no product matches {name:?} (try `ram-doctor catalog search {name}`)"))?;
    let policies = catalog.system_policies(&p.ram_code);
    let roles = catalog.service_roles(&p.ram_code);
    let mut text = product_text(p);
    for kind in [PolicyKind::ReadOnly, PolicyKind::Full] {
        if let Some(pol) = catalog.primary_policy(&p.ram_code, kind) {
            let doc = if pol.document.is_some() { "document known" } else { "no document captured" };
            text.push_str(&format!("{:<14}{} ({doc})\n", label(kind), pol.name));
        }
    }
    text.push_str(&format!("policies:     {} system policies for RAM code {}\n", policies.len(), p.ram_code));
    if !roles.is_empty() {
        let names: Vec<&str> = roles.iter().map(|r| r.role_name.as_str()).collect();
        text.push_str(&format!("roles:        {}\n", names.join(", ")));
    }
    let value = json!({ "product": p, "policies": policies, "service_roles": roles });
    Ok((value, text))
}

fn label(kind: PolicyKind) -> &'static str {
    match kind {
        PolicyKind::ReadOnly => "read-only:",
        PolicyKind::Full => "full:",
        PolicyKind::Other => "other:",
    }
}

fn product_text(p: &Product) -> String {
    let mut t = format!("{} ({})\n", p.name_en, p.code);
    if let Some(zh) = &p.name_zh {
        t.push_str(&format!("chinese name: {zh}\n"));
    }
    let documented = if p.ram_code_documented { "" } else { " (assumed: no RAM document names it)" };
    t.push_str(&format!("RAM code:     {}{documented}\n", p.ram_code));
    if !p.also_ram_codes.is_empty() {
        t.push_str(&format!("also:         {}\n", p.also_ram_codes.join(", ")));
    }
    if let Some(g) = p.granularity {
        t.push_str(&format!("granularity:  {g:?}\n"));
    }
    if let Some(style) = &p.style {
        t.push_str(&format!("API:          {style}, versions {}, {} APIs\n", p.versions.join(", "), p.api_count));
    }
    if let Some(g) = &p.global_endpoint {
        t.push_str(&format!("endpoint:     {g} (global)\n"));
    }
    if !p.endpoints.is_empty() {
        t.push_str(&format!("regions:      {} regional endpoints\n", p.endpoints.len()));
    }
    t
}

fn api_text(p: &Product, api: &ram_doctor_core::catalog::Api) -> String {
    let inferred = if api.access_inferred { " (inferred from the verb)" } else { "" };
    let mut t = format!("{} — {} {} ({})\n", api.action, p.name_en, api.version, p.code);
    t.push_str(&format!("access:       {}{inferred}\n", api.access.as_str()));
    if let Some(title) = &api.title {
        t.push_str(&format!("title:        {title}\n"));
    }
    if let Some(path) = &api.path {
        t.push_str(&format!("request:      {} {path}\n", api.method.as_deref().unwrap_or("")));
    }
    if !api.resource_params.is_empty() {
        t.push_str(&format!("resources:    {}\n", api.resource_params.join(", ")));
    }
    if !api.errors.is_empty() {
        t.push_str(&format!("errors:       {}\n", api.errors.join(", ")));
    }
    t
}

fn action_answer(catalog: &Catalog, action: &str) -> Answer {
    let (p, api) = match catalog.action(action) {
        ApiLookup::Found(p, api) => (p, api),
        _ if !action.contains(':') => return Err(format!("{action:?} is not a RAM action (expected code:Name)")),
        _ => return Err(format!("no API matches the action {action:?}")),
    };
    let grants = catalog.policies_granting(&api.action);
    let mut text = api_text(p, api);
    for g in &grants {
        text.push_str(&format!("granted by:   {} ({})\n", g.policy.name, basis(g.basis)));
    }
    let granted: Vec<_> = grants.iter().map(|g| json!({ "policy": g.policy.name, "basis": g.basis })).collect();
    Ok((json!({ "product": p, "api": api, "granted_by": granted }), text))
}

fn basis(b: ram_doctor_core::catalog::GrantBasis) -> &'static str {
    match b {
        ram_doctor_core::catalog::GrantBasis::Document => "by its document",
        ram_doctor_core::catalog::GrantBasis::Convention => "by the Full/ReadOnly convention; no document captured",
    }
}

fn api_answer(catalog: &Catalog, product: &str, name: &str) -> Answer {
    match catalog.api(product, name) {
        ApiLookup::Found(p, api) => Ok((json!({ "product": p, "api": api }), api_text(p, api))),
        _ if catalog.product(product).is_none() => Err(format!("no product matches {product:?}")),
        _ => Err(format!("{product} has no API named {name:?}")),
    }
}

fn search(catalog: &Catalog, text: &str) -> Answer {
    let found: Vec<&Product> = catalog.search_products(text).into_iter().take(10).collect();
    if found.is_empty() {
        return Err(format!("no product matches {text:?}"));
    }
    let lines: String = found
        .iter()
        .map(|p| {
            format!(
                "{:<24}{:<24}{}{}\n",
                p.code,
                p.ram_code,
                p.name_en,
                p.name_zh.as_deref().map(|z| format!(" / {z}")).unwrap_or_default()
            )
        })
        .collect();
    Ok((json!(found), format!("{:<24}{:<24}{}\n{lines}", "product", "RAM code", "name")))
}

fn policy(catalog: &Catalog, name: &str) -> Answer {
    let p = catalog.system_policy(name).ok_or_else(|| format!("no system policy named {name:?}"))?;
    let mut t = format!("{} ({:?}, {})\n", p.name, p.kind, p.scope);
    if let Some(rc) = &p.ram_code {
        t.push_str(&format!("RAM code:     {rc}\n"));
    }
    if let Some(d) = &p.description {
        t.push_str(&format!("description:  {d}\n"));
    }
    match &p.document {
        Some(doc) => t.push_str(&format!("document:\n{}\n", serde_json::to_string_pretty(doc).unwrap_or_default())),
        None => t.push_str("document:     not captured by the sources\n"),
    }
    Ok((json!(p), t))
}

fn error_code(catalog: &Catalog, code: &str) -> Answer {
    let e = catalog.error_code(code);
    let role = catalog.service_role_for_error(code);
    if e.is_none() && role.is_none() {
        return Err(format!("no error code {code:?} in the catalog"));
    }
    let mut t = String::new();
    if let Some(e) = e {
        t.push_str(&format!("{}\n", e.code));
        if !e.http_statuses.is_empty() {
            let s: Vec<String> = e.http_statuses.iter().map(u16::to_string).collect();
            t.push_str(&format!("HTTP:         {}\n", s.join(", ")));
        }
        if let Some(m) = &e.message {
            t.push_str(&format!("message:      {m}\n"));
        }
        if let Some(k) = e.kind {
            t.push_str(&format!("kind:         {}\n", k.as_str()));
        }
        if !e.products.is_empty() {
            t.push_str(&format!("products:     {}\n", e.products.join(", ")));
        }
    }
    if let Some(r) = role {
        t.push_str(&format!("service role: {} ({})\n", r.role_name, r.product));
        if let Some(how) = &r.how_to_authorize {
            t.push_str(&format!("authorize:    {how}\n"));
        }
    }
    Ok((json!({ "error": e, "service_role": role }), t))
}
