//! Reading the five source files of `../shared/data` into plain rows. Nothing is interpreted here.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use serde::Deserialize;

/// One product/version record of `openapi-products.jsonl.gz`.
#[derive(Debug, Deserialize)]
pub struct OpenApiRecord {
    pub product: String,
    pub version: String,
    pub style: String,
    pub default_version: Option<bool>,
    pub endpoints: BTreeMap<String, String>,
    pub apis: Vec<OpenApiApi>,
}

#[derive(Debug, Deserialize)]
pub struct OpenApiApi {
    pub name: String,
    pub access: Option<String>,
    pub rw: Option<String>,
    #[serde(default)]
    pub deprecated: bool,
    pub title: Option<String>,
    pub method: Option<String>,
    pub path: Option<String>,
    #[serde(default)]
    pub resource_params: Vec<String>,
    #[serde(default)]
    pub errors: Vec<String>,
}

/// One row of `openapi-error-codes.tsv.gz`.
#[derive(Debug)]
pub struct ErrorCodeRow {
    pub code: String,
    pub statuses: Vec<u16>,
    pub message: Option<String>,
    pub products: Vec<String>,
}

/// One row of `ram-codes.tsv`.
#[derive(Debug)]
pub struct RamCodeRow {
    pub product_code: String,
    pub ram_code: String,
    pub service_name_en: String,
    pub granularity: String,
}

/// One line of `system-policies.jsonl`.
#[derive(Debug, Deserialize)]
pub struct PolicySource {
    pub name: String,
    pub ram_code: Option<String>,
    pub kind: String,
    pub scope: String,
    pub description_en: Option<String>,
    pub document: Option<serde_json::Value>,
    pub note: Option<String>,
    pub ram_code_basis: Option<String>,
    pub verified_name: bool,
}

/// One row of `service-roles.tsv`.
#[derive(Debug)]
pub struct RoleSource {
    pub role_name: String,
    pub role_type: String,
    pub product: String,
    pub service_principal: String,
    pub policy_name: String,
    pub missing_error: String,
    pub how_to_authorize: String,
}

/// One row of `terraform-resource-apis.tsv`.
#[derive(Debug)]
pub struct TerraformCall {
    pub resource: String,
    pub phase: String,
    /// The OpenAPI product code as the provider spells it (`Ecs`, `R-kvstore`, `Sls`).
    pub product: String,
    /// The API called (`RunInstances`).
    pub api: String,
    /// `direct`, or `via:…` when reached through helper functions.
    pub how: String,
}

/// One row of the committed `sentences.tsv` (facts from Alibaba Cloud's documentation, with their page).
#[derive(Debug)]
pub struct SentenceSource {
    pub sentence: String,
    pub ram_codes: Vec<String>,
    pub code: Option<String>,
    pub source: String,
}

/// Console and API sentences tied to products, compiled from the documentation pages each row names.
const SENTENCES: &str = include_str!("sentences.tsv");

/// One row of the committed `operations.tsv`: an operation whose RAM action is not named after it.
pub struct OperationSource {
    pub ram_code: String,
    pub operation: String,
    pub action: String,
}

const OPERATIONS: &str = include_str!("operations.tsv");

/// One row of the committed `names.tsv`: a name the documentation gives a product that the other sources lack.
#[derive(Debug)]
pub struct NameSource {
    /// The OpenAPI product code.
    pub code: String,
    /// The name (Chinese names become the product's Chinese name where it has none).
    pub name: String,
}

/// Product names from the documentation pages each row names (mostly the Chinese product names).
const NAMES: &str = include_str!("names.tsv");

/// Everything the generator reads.
pub struct Sources {
    pub openapi: Vec<OpenApiRecord>,
    pub errors: Vec<ErrorCodeRow>,
    pub ram_codes: Vec<RamCodeRow>,
    pub policies: Vec<PolicySource>,
    pub roles: Vec<RoleSource>,
    pub terraform: Vec<TerraformCall>,
    pub sentences: Vec<SentenceSource>,
    pub names: Vec<NameSource>,
    pub operations: Vec<OperationSource>,
}

impl Sources {
    pub fn read(dir: &Path) -> Result<Sources, String> {
        let openapi = jsonl(&read_gz(&dir.join("openapi-products.jsonl.gz"))?, "openapi-products.jsonl.gz")?;
        let errors = tsv(&read_gz(&dir.join("openapi-error-codes.tsv.gz"))?, "openapi-error-codes.tsv.gz", 7)?
            .into_iter()
            .map(|f| ErrorCodeRow {
                code: f[0].clone(),
                statuses: f[1].split(',').filter_map(|s| s.trim().parse().ok()).collect(),
                message: non_empty(&f[5]),
                products: f[6].split(',').filter(|s| !s.is_empty()).map(str::to_string).collect(),
            })
            .collect();
        let ram_codes = tsv(&read_text(&dir.join("ram-codes.tsv"))?, "ram-codes.tsv", 6)?
            .into_iter()
            .map(|f| RamCodeRow {
                product_code: f[0].clone(),
                ram_code: f[1].clone(),
                service_name_en: f[2].clone(),
                granularity: f[3].clone(),
            })
            .collect();
        let policies = jsonl(&read_text(&dir.join("system-policies.jsonl"))?, "system-policies.jsonl")?;
        let roles = tsv(&read_text(&dir.join("service-roles.tsv"))?, "service-roles.tsv", 9)?
            .into_iter()
            .map(|f| RoleSource {
                role_name: f[0].clone(),
                role_type: f[1].clone(),
                product: f[2].clone(),
                service_principal: f[3].clone(),
                policy_name: f[4].clone(),
                missing_error: f[5].clone(),
                how_to_authorize: f[6].clone(),
            })
            .collect();
        let terraform = tsv(&read_text(&dir.join("terraform-resource-apis.tsv"))?, "terraform-resource-apis.tsv", 6)?
            .into_iter()
            .map(|f| TerraformCall {
                resource: f[0].clone(),
                phase: f[1].clone(),
                product: f[2].clone(),
                api: f[4].clone(),
                how: f[5].clone(),
            })
            .collect();
        let sentences = tsv(SENTENCES, "xtask/src/catalog/sentences.tsv", 4)?
            .into_iter()
            .map(|f| SentenceSource {
                sentence: f[0].clone(),
                ram_codes: f[1].split(',').filter(|s| !s.is_empty()).map(str::to_string).collect(),
                code: non_empty(&f[2]),
                source: f[3].clone(),
            })
            .collect();
        let names = tsv(NAMES, "xtask/src/catalog/names.tsv", 3)?
            .into_iter()
            .map(|f| NameSource { code: f[0].clone(), name: f[1].clone() })
            .collect();
        let operations = tsv(OPERATIONS, "xtask/src/catalog/operations.tsv", 4)?
            .into_iter()
            .map(|f| OperationSource { ram_code: f[0].clone(), operation: f[1].clone(), action: f[2].clone() })
            .collect();
        Ok(Sources { openapi, errors, ram_codes, policies, roles, terraform, sentences, names, operations })
    }
}

pub fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn read_text(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn read_gz(path: &Path) -> Result<String, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot decompress {}: {e}", path.display()))?;
    Ok(text)
}

/// One JSON value per non-empty line.
fn jsonl<T: serde::de::DeserializeOwned>(text: &str, name: &str) -> Result<Vec<T>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("{name} line {}: {e}", i + 1)))
        .collect()
}

/// Tab-separated rows after the header, each with exactly `columns` fields (the sources never quote).
fn tsv(text: &str, name: &str, columns: usize) -> Result<Vec<Vec<String>>, String> {
    text.lines()
        .enumerate()
        .skip(1)
        .filter(|(_, l)| !l.is_empty())
        .map(|(i, l)| {
            let fields: Vec<String> = l.split('\t').map(str::to_string).collect();
            if fields.len() == columns {
                Ok(fields)
            } else {
                Err(format!("{name} line {}: {} fields, expected {columns}", i + 1, fields.len()))
            }
        })
        .collect()
}
