//! Turning the source rows into the catalog's files. Every list is sorted, so the output is byte-identical
//! for the same inputs.

use std::collections::{BTreeMap, BTreeSet};

use ram_doctor_core::catalog::format::{
    fill_role_template, ApiRow, ErrorRow, IndexFile, PolicyRow, ProductRow, RoleRow, RoleText, SentenceRow,
    ShardErrorRow, ShardFile, SourceRow, TerraformRow, FORMAT,
};
use ram_doctor_core::catalog::{AccessLevel, Granularity, PolicyKind};

use super::classify::{error_kind, VerbTable};
use super::sources::{non_empty, OpenApiRecord, PolicySource, Sources};

/// The generated catalog: the index and one shard per RAM code.
pub struct Built {
    pub index: IndexFile,
    pub shards: Vec<ShardFile>,
    pub verbs_learned: usize,
}

/// Provenance of each source, as `../shared/README.md` states it.
fn source_rows() -> Vec<SourceRow> {
    let row = |f: &str, d: &str, p: &str| SourceRow(f.into(), d.into(), p.into());
    vec![
        row("openapi-products.jsonl.gz", "2025-12-03 (structure); 2024-06-24 (access levels, titles, errors)", "Alibaba Cloud OpenAPI metadata as mirrored in dew-serverless/acs-sdk-php (MIT)"),
        row("openapi-error-codes.tsv.gz", "2024-06-24", "the same OpenAPI metadata (MIT)"),
        row("ram-codes.tsv", "undated; compiled for RAM Doctor (received 2026-11-29)", "Alibaba Cloud documentation: Services that work with RAM, per-product RAM authorization pages"),
        row("system-policies.jsonl", "undated; compiled for RAM Doctor (received 2026-11-29)", "Alibaba Cloud documentation pages (policy names and the documents captured verbatim)"),
        row("service-roles.tsv", "undated; compiled for RAM Doctor (received 2026-11-29)", "Alibaba Cloud documentation and alibabacloud-automation/terraform-alicloud-service-linked-role"),
        row("terraform-resource-apis.tsv", "mined 2026-12-02 at terraform-provider-alicloud 81c43b67", "facts from the Alibaba Cloud Terraform provider's source (MPL-2.0): resource types and the products they call"),
        row("xtask/src/catalog/names.tsv", "compiled for RAM Doctor 2026-12-06", "Alibaba Cloud documentation home pages, each named in the row"),
        row("xtask/src/catalog/sentences.tsv", "compiled for RAM Doctor 2026-12-06", "Alibaba Cloud documentation pages, each named in the row"),
        row("xtask/src/catalog/operations.tsv", "compiled for RAM Doctor 2026-12-07", "OSS documentation: authorization syntax and elements (API → action)"),
    ]
}

/// Service-role product labels that are neither an OpenAPI product code nor a RAM code.
const ROLE_PRODUCT_ALIASES: &[(&str, &str)] = &[
    ("ack", "cs"),
    ("ack_one", "adcp"),
    ("api_gateway", "apigateway"),
    ("apsaravideo live", "live"),
    ("auto_scaling", "ess"),
    ("bastion_host", "yundun-bastionhost"),
    ("bss_open_api", "bss"),
    ("click_house", "clickhouse"),
    ("cloud_firewall", "yundun-cloudfirewall"),
    ("clous_sso", "cloudsso"),
    ("clousauth", "yundun-cloudauth"),
    ("compute_nest", "computenest"),
    ("container_registry", "cr"),
    ("data_works", "dataworks"),
    ("dbaudit", "yundun-dbaudit"),
    ("ddos_bgp", "yundun-antiddosbag"),
    ("ddos_coo", "yundun-ddoscoo"),
    ("direct_mail", "dm"),
    ("e-mapreduce / emr serverless starrocks", "starrocks"),
    ("elastic container instance", "eci"),
    ("emr serverless spark", "emr-serverless-spark"),
    ("event_bridge", "eventbridge"),
    ("hologres", "hologram"),
    ("market_place", "acm"),
    ("mongodb", "dds"),
    ("nat_gateway", "vpc"),
    ("ocean_base", "oceanbase"),
    ("open_search", "opensearch"),
    ("oss (data indexing / metaquery)", "oss"),
    ("private_link", "privatelink"),
    ("private_zone", "pvtz"),
    ("rabbitmq", "amqp"),
    ("ram / resourcemanager", "ram"),
    ("resource_manager", "resourcemanager"),
    ("service_catelog", "servicecatalog"),
    ("service_mesh", "servicemesh"),
    ("sr", "starrocks"),
    ("ssl_certificate", "yundun-cert"),
    ("vpn", "vpc"),
    ("waf", "yundun-waf"),
    ("yunxiao (devops/rdc) flow", "rdc"),
];

/// A product while it is being assembled.
#[derive(Default)]
struct Draft {
    code: String,
    ram_code: String,
    also_ram_codes: Vec<String>,
    name_en: Option<String>,
    name_zh: Option<String>,
    aliases: BTreeSet<String>,
    granularity: Option<Granularity>,
    documented: bool,
    style: Option<String>,
    versions: Vec<String>,
    api_count: u32,
    endpoints: BTreeMap<String, String>,
    global: Option<String>,
}

pub fn build(src: &Sources) -> Result<Built, String> {
    let mut drafts: BTreeMap<String, Draft> = BTreeMap::new();
    // OpenAPI products: versions (default first), endpoints (default version's first), style.
    let mut by_product: BTreeMap<&str, Vec<&OpenApiRecord>> = BTreeMap::new();
    for rec in &src.openapi {
        by_product.entry(rec.product.as_str()).or_default().push(rec);
    }
    for (code, mut recs) in by_product.clone() {
        recs.sort_by(|a, b| is_default(b).cmp(&is_default(a)).then(b.version.cmp(&a.version)));
        let d = drafts.entry(code.to_string()).or_default();
        d.code = code.to_string();
        d.ram_code = code.to_ascii_lowercase();
        d.style = Some(recs[0].style.clone());
        for rec in &recs {
            d.versions.push(rec.version.clone());
            d.api_count += rec.apis.len() as u32;
            for (region, host) in &rec.endpoints {
                if region == "public" {
                    d.global.get_or_insert_with(|| host.clone());
                } else {
                    d.endpoints.entry(region.clone()).or_insert_with(|| host.clone());
                }
            }
        }
        if d.global.is_none() {
            d.global = global_endpoint(code, &d.endpoints);
        }
    }
    // RAM codes as documented; rows whose product is not in the metadata become RAM-only products.
    for row in &src.ram_codes {
        let key = endpoint_owner(&drafts, &row.product_code).unwrap_or_else(|| row.product_code.clone());
        let d = drafts.entry(key).or_insert_with(|| Draft {
            code: row.product_code.clone(),
            ram_code: row.ram_code.clone(),
            ..Draft::default()
        });
        if d.documented {
            if row.ram_code != d.ram_code && !d.also_ram_codes.contains(&row.ram_code) {
                d.also_ram_codes.push(row.ram_code.clone());
            }
            add_name_aliases(&mut d.aliases, &row.service_name_en);
            continue;
        }
        d.documented = true;
        d.ram_code = row.ram_code.clone();
        d.name_en = Some(row.service_name_en.clone());
        d.granularity = granularity(&row.granularity);
        add_name_aliases(&mut d.aliases, &row.service_name_en);
    }
    // Service names from the policy list notes ("current list: 'Cloud Backup', RAM code hbr").
    let list_names = policy_list_names(&src.policies);
    // RAM codes that only system policies name become RAM-only products too, so every code is findable.
    let ram_codes_known: BTreeSet<String> =
        drafts.values().flat_map(|d| std::iter::once(&d.ram_code).chain(&d.also_ram_codes)).cloned().collect();
    for p in &src.policies {
        let Some(rc) = p.ram_code.as_deref() else { continue };
        if rc == "*" || ram_codes_known.contains(rc) || drafts.contains_key(rc) {
            continue;
        }
        let basis = p.ram_code_basis.as_deref().unwrap_or("");
        if drafts.values().any(|d| d.ram_code == rc) {
            continue;
        }
        // The policies' RAM code of an OpenAPI product whose endpoints it names (`dlf` of `datalake`).
        if let Some(d) = endpoint_owner(&drafts, rc).and_then(|key| drafts.get_mut(&key)) {
            d.ram_code = rc.to_string();
            d.documented = !basis.contains("unverified");
            continue;
        }
        drafts.entry(rc.to_string()).or_insert_with(|| Draft {
            code: rc.to_string(),
            ram_code: rc.to_string(),
            documented: !basis.contains("unverified"),
            ..Draft::default()
        });
    }
    let mut cjk_names: BTreeMap<String, String> = BTreeMap::new();
    for d in drafts.values_mut() {
        let current = list_names.current.get(&d.ram_code).into_iter().flatten();
        // A legacy-list name is attributed through the policy that carries the note; only trust it when the
        // RAM code's policies agree on one name.
        let legacy = list_names.legacy.get(&d.ram_code).filter(|names| names.len() == 1).into_iter().flatten();
        for n in current.chain(legacy) {
            if is_cjk(n) {
                cjk_names.entry(d.code.clone()).or_insert_with(|| cjk_part(n));
                d.aliases.insert(n.clone());
            } else {
                if d.name_en.is_none() {
                    d.name_en = Some(n.clone());
                }
                add_name_aliases(&mut d.aliases, n);
            }
        }
    }
    let policies = policy_rows(&src.policies, &drafts);
    // Chinese names from the primary policies' descriptions ("只读访问云备份(Cloud Backup)的权限") first: the
    // policy describes its own product. The lists' Chinese names fill the gaps.
    for p in &policies {
        let (Some(rc), true, Some(desc)) = (p.1.as_deref(), p.4, p.6.as_deref()) else { continue };
        let Some(zh) = chinese_service_name(desc) else { continue };
        for d in drafts.values_mut().filter(|d| d.ram_code == rc) {
            if d.name_zh.is_none() {
                d.name_zh = Some(zh.clone());
            }
        }
    }
    for d in drafts.values_mut() {
        if d.name_zh.is_none() {
            d.name_zh = cjk_names.get(&d.code).cloned();
        }
    }
    // Names the documentation gives that the other sources lack (`云效`): an alias, and the Chinese name where
    // the product has none.
    for n in &src.names {
        let d = drafts.get_mut(&n.code).ok_or_else(|| format!("names.tsv: no product has the code {:?}", n.code))?;
        if d.name_zh.is_none() && n.name.chars().all(|c| !c.is_ascii()) {
            d.name_zh = Some(n.name.clone());
        }
        d.aliases.insert(n.name.clone());
    }
    let products: Vec<ProductRow> = drafts.values().map(product_row).collect();
    let ram_of: BTreeMap<String, String> = drafts.values().map(|d| (d.code.clone(), d.ram_code.clone())).collect();
    let role_templates = role_templates(src);
    let roles = role_rows(src, &ram_of, &role_templates);
    // Error codes: classified ones into the index; every one into the shards of the products that list it.
    let mut errors = Vec::new();
    for e in &src.errors {
        if let Some(kind) = error_kind(&e.code, e.message.as_deref()) {
            errors.push(ErrorRow(
                e.code.clone(),
                e.statuses.clone(),
                e.message.clone(),
                e.products.clone(),
                Some(kind),
            ));
        }
    }
    errors.sort_by(|a, b| a.0.cmp(&b.0));
    let verbs = VerbTable::learn(
        src.openapi
            .iter()
            .flat_map(|r| &r.apis)
            .filter_map(|a| a.access.as_deref().and_then(AccessLevel::parse).map(|l| (a.name.as_str(), l))),
    );
    let mut shards = shard_files(src, &by_product, &ram_of, &verbs);
    attach_operations(&mut shards, &src.operations)?;
    let sentences = sentence_rows(src, &drafts)?;
    let terraform = terraform_rows(src, &ram_of);
    let index = IndexFile {
        format: FORMAT,
        sources: source_rows(),
        products,
        policies,
        roles,
        role_templates,
        errors,
        sentences,
        terraform,
    };
    Ok(Built { index, shards, verbs_learned: verbs.len() })
}

/// The documented sentences, each RAM code checked against the products (a typo would tie a sentence to nothing).
fn sentence_rows(src: &Sources, drafts: &BTreeMap<String, Draft>) -> Result<Vec<SentenceRow>, String> {
    let known: BTreeSet<&str> = drafts
        .values()
        .flat_map(|d| std::iter::once(&d.ram_code).chain(&d.also_ram_codes))
        .map(String::as_str)
        .collect();
    let mut rows = Vec::new();
    for s in &src.sentences {
        if let Some(unknown) = s.ram_codes.iter().find(|c| !known.contains(c.as_str())) {
            return Err(format!("sentences.tsv: {:?} names RAM code {unknown:?}, which no product has", s.sentence));
        }
        rows.push(SentenceRow(s.sentence.clone(), s.ram_codes.clone(), s.code.clone(), s.source.clone()));
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(rows)
}

/// Each Terraform resource type with the RAM codes of the products it calls: the product its create phase calls
/// directly most often first, then by how many calls in all (ties by code, so the output is stable); and the API
/// its create function calls to make the resource ([`create_api`]), prefixed with its RAM code only when that is
/// not the first product's.
fn terraform_rows(src: &Sources, ram_of: &BTreeMap<String, String>) -> Vec<TerraformRow> {
    let ram_lower: BTreeMap<String, &String> =
        ram_of.iter().map(|(code, ram)| (code.to_ascii_lowercase(), ram)).collect();
    // resource → ram code → (direct create calls, all calls)
    let mut counts: BTreeMap<&str, BTreeMap<String, (u32, u32)>> = BTreeMap::new();
    // resource → the create phase's direct calls, (ram code, API)
    let mut creates: BTreeMap<&str, Vec<(String, &str)>> = BTreeMap::new();
    for call in &src.terraform {
        let lower = call.product.to_ascii_lowercase();
        let ram = ram_lower.get(&lower).map_or(lower.clone(), |r| (*r).clone());
        let direct_create = call.phase == "create" && call.how == "direct";
        if direct_create {
            creates.entry(&call.resource).or_default().push((ram.clone(), &call.api));
        }
        let c = counts.entry(&call.resource).or_default().entry(ram).or_default();
        c.0 += u32::from(direct_create);
        c.1 += 1;
    }
    counts
        .into_iter()
        .map(|(resource, products)| {
            let mut ranked: Vec<(String, (u32, u32))> = products.into_iter().collect();
            ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let ranked: Vec<String> = ranked.into_iter().map(|(code, _)| code).collect();
            let create = creates.get(resource).and_then(|calls| create_api(calls)).map(|(ram, api)| {
                if ranked.first() == Some(ram) {
                    api.to_string()
                } else {
                    format!("{ram}:{api}")
                }
            });
            TerraformRow(resource.to_string(), ranked, create)
        })
        .collect()
}

/// The call that makes a resource among its create function's direct calls: a write before a read (the provider
/// may list first to check for a duplicate: `ListBuckets`, then `PutBucket`), `Create…` before other writes
/// (`CreateKeyPair`, not `ImportKeyPair`), then the shortest name (`CreateVpc`, not `CreateDefaultVpc`).
fn create_api<'a>(calls: &'a [(String, &'a str)]) -> Option<&'a (String, &'a str)> {
    const READS: &[&str] = &["Describe", "List", "Get", "Query", "Check", "Search"];
    calls
        .iter()
        .min_by_key(|(_, api)| (READS.iter().any(|r| api.starts_with(r)), !api.starts_with("Create"), api.len(), *api))
}

fn is_default(r: &OpenApiRecord) -> bool {
    r.default_version == Some(true)
}

fn granularity(s: &str) -> Option<Granularity> {
    match s {
        "RESOURCE" => Some(Granularity::Resource),
        "OPERATION" => Some(Granularity::Operation),
        "SERVICE" => Some(Granularity::Service),
        _ => None,
    }
}

/// The host that serves regions without naming one (`ram.aliyuncs.com`): the most frequent one-label host
/// that names no region (`oss-cn-hangzhou.aliyuncs.com` is regional), serving two regions or named after the
/// product (one odd region's private host is not global).
fn global_endpoint(code: &str, endpoints: &BTreeMap<String, String>) -> Option<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for host in endpoints.values() {
        if let Some(label) = host.strip_suffix(".aliyuncs.com") {
            if !label.contains('.') && !endpoints.keys().any(|region| label.contains(region.as_str())) {
                *counts.entry(host).or_default() += 1;
            }
        }
    }
    counts.retain(|host, n| *n >= 2 || host.strip_suffix(".aliyuncs.com") == Some(code));
    let best = counts.values().copied().max()?;
    counts.into_iter().find(|(_, n)| *n == best).map(|(h, _)| h.to_string())
}

/// `Cloud Backup (HBR)` adds `Cloud Backup (HBR)`, `Cloud Backup` and `HBR`; `a / b` adds both sides.
fn add_name_aliases(aliases: &mut BTreeSet<String>, name: &str) {
    for part in outside_parentheses(name, " / ") {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        aliases.insert(part.to_string());
        if let (Some(open), true) = (part.find('('), part.ends_with(')')) {
            let outer = part[..open].trim();
            if !outer.is_empty() {
                aliases.insert(outer.to_string());
            }
            // `Cloud Application Platform (CAP / Serverless Devs)`: either name inside (`Pro/Premium` is one).
            let inside = part[open + 1..part.len() - 1].replace(" / ", ";");
            for inner in inside.split([';', ',']) {
                let inner = inner.trim().trim_start_matches("formerly ").trim_start_matches("popCode ").trim();
                if !inner.is_empty() {
                    aliases.insert(inner.to_string());
                }
            }
        }
    }
}

/// `name` split at each `sep` that stands outside parentheses.
fn outside_parentheses<'a>(name: &'a str, sep: &str) -> Vec<&'a str> {
    let mut parts = Vec::new();
    let (mut depth, mut from) = (0i32, 0);
    for (at, c) in name.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth == 0 && name[at..].starts_with(sep) && at >= from => {
                parts.push(&name[from..at]);
                from = at + sep.len();
            }
            _ => {}
        }
    }
    parts.push(&name[from..]);
    parts
}

fn is_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// `操作审计 ActionTrail` → `操作审计`.
fn cjk_part(s: &str) -> String {
    s.split(' ').filter(|w| is_cjk(w)).collect::<Vec<_>>().join(" ")
}

/// `zh: 只读访问云备份(Cloud Backup)的权限)` → `云备份`.
fn chinese_service_name(description: &str) -> Option<String> {
    let start = description.find("zh:")?;
    let mut s = description[start + 3..].trim();
    s = s.split(" / ").next().unwrap_or(s).trim().trim_end_matches(')').trim();
    if let Some(cut) = s.find(" (") {
        s = &s[..cut];
    }
    for prefix in ["授予只读访问", "授予管理", "只读访问", "只读管理", "完全访问", "管理"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest;
            break;
        }
    }
    for suffix in ["的基础权限", "的权限", "权限"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest;
            break;
        }
    }
    let s = match s.find(['(', '（']) {
        Some(i) if i > 0 => &s[..i],
        _ => s,
    };
    let s = s.trim();
    // Descriptions that are not "<verb> <service> 的权限" leave a sentence behind; refuse it.
    let sentence = s.contains("权限") || s.contains("控制台") || s.contains('，');
    (is_cjk(s) && !sentence && s.chars().count() <= 20).then(|| s.to_string())
}

/// Service names per RAM code from the policy notes.
#[derive(Default)]
struct ListNames {
    /// "current list: 'X' / Y, RAM code c": the note names the RAM code itself.
    current: BTreeMap<String, BTreeSet<String>>,
    /// "legacy list: service 'X'": attributed to the RAM code of the policy carrying the note.
    legacy: BTreeMap<String, BTreeSet<String>>,
}

fn policy_list_names(policies: &[PolicySource]) -> ListNames {
    let mut names = ListNames::default();
    for p in policies {
        let Some(note) = p.note.as_deref() else { continue };
        for part in note.split(" | ") {
            if let Some(rest) = part.strip_prefix("current list: '") {
                let Some(end) = rest.find('\'') else { continue };
                let first = &rest[..end];
                let after = &rest[end + 1..];
                let Some(rc_at) = after.find("RAM code ") else { continue };
                let rc = after[rc_at + 9..].split([',', ' ']).next().unwrap_or("");
                let set = names.current.entry(rc.to_string()).or_default();
                set.insert(first.to_string());
                if let Some(second) = after.strip_prefix(" / ") {
                    let second = second[..second.find(", RAM code").unwrap_or(second.len())].trim();
                    if !second.is_empty() {
                        set.insert(second.to_string());
                    }
                }
            } else if let Some(rest) = part.strip_prefix("legacy list: service '") {
                let (Some(end), Some(rc)) = (rest.find('\''), p.ram_code.as_deref()) else { continue };
                names.legacy.entry(rc.to_string()).or_default().insert(rest[..end].to_string());
            }
        }
    }
    names
}

fn policy_kind(s: &str) -> PolicyKind {
    match s {
        "full" => PolicyKind::Full,
        "readonly" => PolicyKind::ReadOnly,
        _ => PolicyKind::Other,
    }
}

/// The OpenAPI product a RAM-codes row means when its product code is no OpenAPI product's (the source guessed it
/// from the service's name: `ahas`, `dlf`, `openanalytics`) but is the first label of the endpoints of exactly one
/// OpenAPI product no row documents yet (`ahas-openapi` at `ahas.<region>.aliyuncs.com`, `datalake` at
/// `dlf.<region>…`, `openanalytics-open` at `openanalytics.<region>…`): that product is the service the row names.
fn endpoint_owner(drafts: &BTreeMap<String, Draft>, code: &str) -> Option<String> {
    if drafts.contains_key(code) {
        return None;
    }
    let serves = |d: &Draft| {
        d.endpoints
            .values()
            .chain(d.global.iter())
            .any(|h| h.split('.').next().is_some_and(|l| l.eq_ignore_ascii_case(code)))
    };
    let owners: Vec<&String> =
        drafts.iter().filter(|(_, d)| !d.documented && !d.versions.is_empty() && serves(d)).map(|(k, _)| k).collect();
    match owners.as_slice() {
        [only] => Some((*only).clone()),
        _ => None,
    }
}

/// Every system policy, with the primary ReadOnly/Full policy of each RAM code marked: a service-scoped
/// `Aliyun<X>FullAccess`/`Aliyun<X>ReadOnlyAccess` whose `<X>` is the RAM code, else another name of the
/// product, else the shortest name.
fn policy_rows(policies: &[PolicySource], drafts: &BTreeMap<String, Draft>) -> Vec<PolicyRow> {
    let mut rows: Vec<PolicyRow> = policies
        .iter()
        .map(|p| {
            PolicyRow(
                p.name.clone(),
                p.ram_code.clone(),
                policy_kind(&p.kind),
                p.scope.clone(),
                false,
                p.verified_name,
                p.description_en.as_deref().and_then(non_empty),
                p.document.clone(),
            )
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let mut best: BTreeMap<(String, &'static str), (u8, usize, String, usize)> = BTreeMap::new();
    for (i, row) in rows.iter().enumerate() {
        let Some(rc) = row.1.as_deref() else { continue };
        let (suffix, kind) = match row.2 {
            PolicyKind::Full => ("FullAccess", "full"),
            PolicyKind::ReadOnly => ("ReadOnlyAccess", "readonly"),
            PolicyKind::Other => continue,
        };
        if row.3 != "service" && row.3 != "global" {
            continue;
        }
        let middle = match row.0.strip_prefix("Aliyun").and_then(|r| r.strip_suffix(suffix)) {
            Some(m) => m.to_ascii_lowercase(),
            None if rc == "*" => String::new(),
            None => continue,
        };
        let names_alias = drafts.values().any(|d| {
            d.ram_code == rc && (d.code == middle || d.aliases.iter().any(|a| a.to_ascii_lowercase() == middle))
        });
        // The RAM code itself beats another name of the product (`AliyunVPC…` over `AliyunEIP…` for vpc).
        let closeness: u8 = if middle == rc {
            0
        } else if names_alias {
            1
        } else {
            2
        };
        let rank = (closeness, row.0.len(), row.0.clone(), i);
        let slot = best.entry((rc.to_string(), kind)).or_insert(rank.clone());
        if rank < *slot {
            *slot = rank;
        }
    }
    for (_, _, _, i) in best.into_values() {
        rows[i].4 = true;
    }
    rows
}

/// Role texts with the role name, principal and policy replaced by placeholders; a shape shared by at least
/// `MIN_SHARED` roles becomes a template (the boilerplate is most of the roles' bytes).
const MIN_SHARED: usize = 5;

fn role_templates(src: &Sources) -> Vec<String> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for r in &src.roles {
        for text in [&r.missing_error, &r.how_to_authorize] {
            if let Some(shape) = role_shape(text, r) {
                *counts.entry(shape).or_default() += 1;
            }
        }
    }
    counts.into_iter().filter(|(_, n)| *n >= MIN_SHARED).map(|(t, _)| t).collect()
}

fn role_shape(text: &str, r: &super::sources::RoleSource) -> Option<String> {
    let text = non_empty(text)?;
    // Longest value first, so a principal inside a policy name is not replaced piecemeal.
    let mut values = [(&r.role_name, "{role}"), (&r.service_principal, "{principal}"), (&r.policy_name, "{policy}")];
    values.sort_by_key(|(v, _)| std::cmp::Reverse(v.len()));
    let mut shape = text;
    for (value, placeholder) in values {
        if !value.is_empty() {
            shape = shape.replace(value.as_str(), placeholder);
        }
    }
    Some(shape)
}

/// The stored form of a role text: a template position when filling it gives back exactly `text`.
fn role_text(text: &str, r: &super::sources::RoleSource, templates: &[String]) -> Option<RoleText> {
    let plain = non_empty(text)?;
    let shape = role_shape(text, r)?;
    let principal = non_empty(&r.service_principal);
    let policy = non_empty(&r.policy_name);
    match templates.iter().position(|t| *t == shape) {
        Some(n)
            if fill_role_template(&templates[n], &r.role_name, principal.as_deref(), policy.as_deref()) == plain =>
        {
            Some(RoleText::Template(n as u32))
        }
        _ => Some(RoleText::Plain(plain)),
    }
}

fn role_rows(src: &Sources, ram_of: &BTreeMap<String, String>, templates: &[String]) -> Vec<RoleRow> {
    let ram_codes: BTreeSet<&str> = ram_of.values().map(String::as_str).collect();
    let resolve = |label: &str, principal: &str| -> String {
        let lower = label.trim().to_ascii_lowercase();
        let key = match (lower.rfind('('), lower.ends_with(')')) {
            (Some(open), true)
                if lower[open + 1..lower.len() - 1]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') =>
            {
                lower[open + 1..lower.len() - 1].to_string()
            }
            _ => lower.clone(),
        };
        let key = if key.is_empty() { principal.split('.').next().unwrap_or("").to_string() } else { key };
        let key = ROLE_PRODUCT_ALIASES
            .iter()
            .find(|(from, _)| *from == key || *from == lower)
            .map(|(_, to)| to.to_string())
            .unwrap_or(key);
        if let Some(rc) = ram_of.get(&key) {
            return rc.clone();
        }
        if ram_codes.contains(key.as_str()) {
            return key;
        }
        key.replace('_', "")
    };
    let mut rows: Vec<RoleRow> = src
        .roles
        .iter()
        .map(|r| {
            let unknown = r.missing_error.starts_with("unknown");
            RoleRow(
                r.role_name.clone(),
                resolve(&r.product, &r.service_principal),
                r.product.clone(),
                r.role_type.contains("linked"),
                non_empty(&r.service_principal),
                non_empty(&r.policy_name),
                if unknown { None } else { role_text(&r.missing_error, r, templates) },
                role_text(&r.how_to_authorize, r, templates),
            )
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    rows
}

fn product_row(d: &Draft) -> ProductRow {
    // Endpoint template: the commonest `host with the region replaced by {region}`.
    let mut templates: BTreeMap<String, usize> = BTreeMap::new();
    for (region, host) in &d.endpoints {
        if host.contains(region.as_str()) {
            *templates.entry(host.replacen(region.as_str(), "{region}", 1)).or_default() += 1;
        }
    }
    let top = templates.values().copied().max().unwrap_or(0);
    let template = (top >= 2).then(|| templates.iter().find(|(_, n)| **n == top).map(|(t, _)| t.clone())).flatten();
    let mut regions = Vec::new();
    let mut global_regions = Vec::new();
    let mut others = Vec::new();
    for (region, host) in &d.endpoints {
        match &template {
            Some(t) if t.replacen("{region}", region, 1) == *host => regions.push(region.clone()),
            _ if d.global.as_ref() == Some(host) => global_regions.push(region.clone()),
            _ => others.push((region.clone(), host.clone())),
        }
    }
    let mut aliases: Vec<String> = d.aliases.iter().filter(|a| Some(*a) != d.name_en.as_ref()).cloned().collect();
    aliases.sort();
    ProductRow(
        d.code.clone(),
        d.ram_code.clone(),
        d.also_ram_codes.clone(),
        d.name_en.clone().unwrap_or_else(|| d.code.clone()),
        d.name_zh.clone(),
        aliases,
        d.granularity,
        d.documented,
        d.style.clone(),
        d.versions.clone(),
        d.api_count,
        d.global.clone(),
        template,
        regions,
        global_regions,
        others,
    )
}

/// The committed `operations.tsv` rows into their RAM code's shard, each checked: its operation or its action must
/// be an API of that shard (a typo would map nothing).
fn attach_operations(shards: &mut [ShardFile], rows: &[super::sources::OperationSource]) -> Result<(), String> {
    for row in rows {
        let shard = shards
            .iter_mut()
            .find(|s| s.ram_code == row.ram_code)
            .ok_or_else(|| format!("operations.tsv: no shard for RAM code {:?}", row.ram_code))?;
        if !shard.apis.iter().any(|a| a.1 == row.operation || a.1 == row.action) {
            return Err(format!(
                "operations.tsv: neither {:?} nor {:?} is an API of {:?}",
                row.operation, row.action, row.ram_code
            ));
        }
        shard.operations.push((row.operation.clone(), row.action.clone()));
    }
    Ok(())
}

fn shard_files(
    src: &Sources,
    by_product: &BTreeMap<&str, Vec<&OpenApiRecord>>,
    ram_of: &BTreeMap<String, String>,
    verbs: &VerbTable,
) -> Vec<ShardFile> {
    let error_meta: BTreeMap<&str, (&Vec<u16>, &Option<String>)> =
        src.errors.iter().map(|e| (e.code.as_str(), (&e.statuses, &e.message))).collect();
    let mut by_ram: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for code in by_product.keys() {
        if let Some(rc) = ram_of.get(*code) {
            by_ram.entry(rc.as_str()).or_default().push(code);
        }
    }
    let mut shards = Vec::new();
    for (rc, codes) in by_ram {
        let mut versions = Vec::new();
        let mut apis = Vec::new();
        let mut error_codes: BTreeSet<&str> = BTreeSet::new();
        for code in &codes {
            for rec in &by_product[code] {
                for api in &rec.apis {
                    error_codes.extend(api.errors.iter().map(String::as_str));
                }
            }
        }
        let error_pos: BTreeMap<&str, u32> = error_codes.iter().enumerate().map(|(i, c)| (*c, i as u32)).collect();
        let errors = error_codes
            .iter()
            .map(|c| match error_meta.get(c) {
                Some((statuses, message)) => ShardErrorRow(c.to_string(), (*statuses).clone(), (*message).clone()),
                None => ShardErrorRow(c.to_string(), Vec::new(), None),
            })
            .collect();
        for code in &codes {
            let mut recs = by_product[code].clone();
            recs.sort_by(|a, b| is_default(b).cmp(&is_default(a)).then(b.version.cmp(&a.version)));
            for rec in recs {
                let vpos = versions.len() as u32;
                versions.push((rec.product.clone(), rec.version.clone()));
                let mut rows: Vec<ApiRow> = rec
                    .apis
                    .iter()
                    .map(|a| {
                        let stated = a.access.as_deref().and_then(AccessLevel::parse);
                        let access = stated.unwrap_or_else(|| verbs.infer(&a.name, a.rw.as_deref()));
                        let mut errs: Vec<u32> =
                            a.errors.iter().filter_map(|e| error_pos.get(e.as_str()).copied()).collect();
                        errs.sort_unstable();
                        errs.dedup();
                        ApiRow(
                            vpos,
                            a.name.clone(),
                            access,
                            stated.is_none(),
                            a.resource_params.clone(),
                            errs,
                            a.method.clone(),
                            a.path.clone(),
                            a.title.clone(),
                            a.deprecated,
                        )
                    })
                    .collect();
                rows.sort_by(|a, b| a.1.cmp(&b.1));
                apis.extend(rows);
            }
        }
        shards.push(ShardFile {
            format: FORMAT,
            ram_code: rc.to_string(),
            errors,
            versions,
            apis,
            operations: Vec::new(),
        });
    }
    shards
}
