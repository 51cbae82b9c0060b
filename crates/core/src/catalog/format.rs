//! The on-disk shape of `data/`: written by `cargo xtask catalog`, read by [`super::Catalog::from_index`] and
//! [`super::Catalog::add_shard`]. Rows are JSON arrays, not objects: the field names would otherwise be most of
//! the bytes the page downloads. Each row type documents its positions.

use serde::{Deserialize, Serialize};

use super::model::{AccessLevel, Granularity, PolicyKind};
use crate::finding::Kind;

/// Bumped when a row changes shape; a loader refuses other versions rather than misreading them.
pub const FORMAT: u32 = 1;

/// `data/index.json`: everything the page needs before it knows which product an error is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexFile {
    /// The format version, [`FORMAT`] when written.
    pub format: u32,
    /// Where the data came from.
    pub sources: Vec<SourceRow>,
    /// Every product, with its codes, names and hosts.
    pub products: Vec<ProductRow>,
    /// Every system policy.
    pub policies: Vec<PolicyRow>,
    /// Every service-linked role.
    pub roles: Vec<RoleRow>,
    /// Sentences many roles share, with `{role}`, `{principal}` and `{policy}` placeholders; see [`RoleText`].
    pub role_templates: Vec<String>,
    /// Only the permission/credential-related codes; the rest live in the shards of the products that list them.
    pub errors: Vec<ErrorRow>,
    /// Console and API sentences the documentation ties to products; see [`SentenceRow`].
    #[serde(default)]
    pub sentences: Vec<SentenceRow>,
    /// Terraform resource types and the products their create/read/update/delete call; see [`TerraformRow`].
    #[serde(default)]
    pub terraform: Vec<TerraformRow>,
}

/// `[sentence, ram_codes, code, source]`: a sentence as the documentation prints it, the RAM codes of the
/// products that print it (most likely first; more than one when the sentence is shared; none when every
/// product's gateway prints it), the error code it comes with, and the page that says so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentenceRow(pub String, pub Vec<String>, pub Option<String>, pub String);

/// `[resource_type, ram_codes, create_api]`: the RAM codes of the products a Terraform resource type calls, the one
/// it creates its resource with first, and the API that creates it (`CreateVSwitch`; `bss:CreateInstance` when
/// the API is another product's than the first), when the provider's create function calls one directly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TerraformRow(pub String, pub Vec<String>, pub Option<String>);

/// `[file, date, provenance]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceRow(pub String, pub String, pub String);

/// `[code, ram_code, also_ram_codes, name_en, name_zh, aliases, granularity, ram_code_documented, style, versions,
/// api_count, global_endpoint, endpoint_template, template_regions, global_regions, other_endpoints]`.
///
/// Endpoints are stored as a template with `{region}` plus the regions it serves, the regions the global
/// endpoint serves, and `[region, host]` pairs for the rest: most products follow one pattern across 20–30
/// regions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductRow(
    pub String,
    pub String,
    pub Vec<String>,
    pub String,
    pub Option<String>,
    pub Vec<String>,
    pub Option<Granularity>,
    pub bool,
    pub Option<String>,
    pub Vec<String>,
    pub u32,
    pub Option<String>,
    pub Option<String>,
    pub Vec<String>,
    pub Vec<String>,
    pub Vec<(String, String)>,
);

/// `[name, ram_code, kind, scope, primary, verified_name, description, document]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PolicyRow(
    pub String,
    pub Option<String>,
    pub PolicyKind,
    pub String,
    pub bool,
    pub bool,
    pub Option<String>,
    pub Option<serde_json::Value>,
);

/// `[role_name, ram_code, product_label, linked, service_principal, policy, missing_error, how_to_authorize]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleRow(
    pub String,
    pub String,
    pub String,
    pub bool,
    pub Option<String>,
    pub Option<String>,
    pub Option<RoleText>,
    pub Option<RoleText>,
);

/// A role's text: written out, or the position of a shared template in [`IndexFile::role_templates`]
/// (lossless: the generator only uses a template when filling it gives back the source text exactly).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum RoleText {
    /// The position of a template in [`IndexFile::role_templates`].
    Template(u32),
    /// The text itself.
    Plain(String),
}

/// Fills a role template's `{role}`, `{principal}` and `{policy}` placeholders.
pub fn fill_role_template(template: &str, role: &str, principal: Option<&str>, policy: Option<&str>) -> String {
    template
        .replace("{role}", role)
        .replace("{principal}", principal.unwrap_or(""))
        .replace("{policy}", policy.unwrap_or(""))
}

/// `[code, http_statuses, message, products, kind]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorRow(pub String, pub Vec<u16>, pub Option<String>, pub Vec<String>, pub Option<Kind>);

/// `data/shards/<ram_code>.json`: the APIs of every product whose RAM code is `ram_code`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShardFile {
    /// The format version, [`FORMAT`] when written.
    pub format: u32,
    /// The RAM code the shard holds the APIs of.
    pub ram_code: String,
    /// `[code, http_statuses, message]` for every code the shard's APIs list; APIs refer to it by position.
    pub errors: Vec<ShardErrorRow>,
    /// `[product_code, version]` pairs; APIs refer to them by position.
    pub versions: Vec<(String, String)>,
    /// Every API of the shard's products.
    pub apis: Vec<ApiRow>,
    /// `[operation, action]`: operations whose RAM action is not named after them (OSS's `HeadObject` needs
    /// `oss:GetObject`; its SDKs' `CreateBucket` is the API `PutBucket`). An operation that is an API of the shard
    /// gets that action; another one is looked up as the API of the action's name.
    #[serde(default)]
    pub operations: Vec<(String, String)>,
}

/// `[code, http_statuses, message]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShardErrorRow(pub String, pub Vec<u16>, pub Option<String>);

/// `[version_position, name, access, access_inferred, resource_params, error_positions, method, path, title,
/// deprecated]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiRow(
    pub u32,
    pub String,
    pub AccessLevel,
    pub bool,
    pub Vec<String>,
    pub Vec<u32>,
    pub Option<String>,
    pub Option<String>,
    pub Option<String>,
    pub bool,
);

/// The shard file name for a RAM code, relative to `data/`. RAM codes are `[a-z0-9-]`, safe as file names.
pub fn shard_path(ram_code: &str) -> String {
    format!("shards/{}.json", ram_code.to_ascii_lowercase())
}

/// Writes rows one per line inside a JSON object: compact, yet a regenerated file diffs line by line.
pub fn write_lines(fields: &[(&str, JsonField)]) -> String {
    let mut out = String::from("{");
    for (i, (name, field)) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('\n');
        out.push_str(&serde_json::to_string(name).unwrap_or_default());
        out.push(':');
        match field {
            JsonField::Value(v) => out.push_str(v),
            JsonField::Rows(rows) => {
                out.push('[');
                for (j, row) in rows.iter().enumerate() {
                    if j > 0 {
                        out.push(',');
                    }
                    out.push('\n');
                    out.push_str(row);
                }
                out.push_str("\n]");
            }
        }
    }
    out.push_str("\n}\n");
    out
}

/// One top-level field of a written file: a plain JSON value, or rows to put one per line.
pub enum JsonField {
    /// Written as it is.
    Value(String),
    /// Written one row per line.
    Rows(Vec<String>),
}

/// Serializes each row to one line of JSON.
pub fn rows<T: Serialize>(items: &[T]) -> Result<Vec<String>, serde_json::Error> {
    items.iter().map(serde_json::to_string).collect()
}

impl IndexFile {
    /// The committed text of `data/index.json`.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        Ok(write_lines(&[
            ("format", JsonField::Value(self.format.to_string())),
            ("sources", JsonField::Rows(rows(&self.sources)?)),
            ("products", JsonField::Rows(rows(&self.products)?)),
            ("policies", JsonField::Rows(rows(&self.policies)?)),
            ("role_templates", JsonField::Rows(rows(&self.role_templates)?)),
            ("roles", JsonField::Rows(rows(&self.roles)?)),
            ("errors", JsonField::Rows(rows(&self.errors)?)),
            ("sentences", JsonField::Rows(rows(&self.sentences)?)),
            ("terraform", JsonField::Rows(rows(&self.terraform)?)),
        ]))
    }
}

impl ShardFile {
    /// The committed text of `data/shards/<ram_code>.json`.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        let mut fields = vec![
            ("format", JsonField::Value(self.format.to_string())),
            ("ram_code", JsonField::Value(serde_json::to_string(&self.ram_code)?)),
            ("versions", JsonField::Value(serde_json::to_string(&self.versions)?)),
            ("errors", JsonField::Rows(rows(&self.errors)?)),
            ("apis", JsonField::Rows(rows(&self.apis)?)),
        ];
        if !self.operations.is_empty() {
            fields.push(("operations", JsonField::Rows(rows(&self.operations)?)));
        }
        Ok(write_lines(&fields))
    }
}
