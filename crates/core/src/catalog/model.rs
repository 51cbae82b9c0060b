//! The catalog's plain data types: what a lookup hands back.

use serde::{Deserialize, Serialize};

use crate::finding::Kind;

/// How finely a product's RAM authorization can name resources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Granularity {
    /// Actions can be scoped to resource ARNs.
    Resource,
    /// Only `*` works as the resource.
    Operation,
    /// The whole service is one permission.
    Service,
}

/// One product (service) as RAM knows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Product {
    /// The OpenAPI product code, e.g. `ecs`, `hbr`, `alidns`, `sls` (lower case, as the metadata spells it).
    pub code: String,
    /// The RAM code: the action prefix, e.g. `ecs`, `hbr`, `alidns`, `log`.
    pub ram_code: String,
    /// English service name.
    pub name_en: String,
    /// Chinese service name, where known.
    pub name_zh: Option<String>,
    /// How finely its policies can name resources, where the documentation says.
    pub granularity: Option<Granularity>,
    /// Further RAM codes the documentation lists for this product (`alidns` also uses `pubdns`).
    #[serde(default)]
    pub also_ram_codes: Vec<String>,
    /// Other names people use for it (`HBR`, `Cloud Backup`, `Hybrid Backup Recovery`), for free-text search.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// False when no RAM document names the RAM code and it is assumed to equal the product code.
    #[serde(default)]
    pub ram_code_documented: bool,
    /// API style: `RPC`, `ROA`, `OSS`, `V3`… (`None` for RAM-only services without OpenAPI metadata).
    pub style: Option<String>,
    /// API versions in the metadata, the default version first.
    #[serde(default)]
    pub versions: Vec<String>,
    /// Number of APIs across all versions.
    pub api_count: u32,
    /// The endpoint that serves every region (`alidns.aliyuncs.com`, `ram.aliyuncs.com`), where there is one.
    pub global_endpoint: Option<String>,
    /// `(region, host)` pairs, sorted by region.
    #[serde(default)]
    pub endpoints: Vec<(String, String)>,
}

impl Product {
    /// Whether the OpenAPI metadata describes this product (false for services known only from RAM documents).
    pub fn has_openapi(&self) -> bool {
        !self.versions.is_empty()
    }

    /// The endpoint host for a region: the regional one, else the global one.
    pub fn endpoint(&self, region: &str) -> Option<&str> {
        self.endpoints.iter().find(|(r, _)| r == region).map(|(_, h)| h.as_str()).or(self.global_endpoint.as_deref())
    }
}

/// Which family a system policy belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PolicyKind {
    /// `Aliyun<X>ReadOnlyAccess`: reading only.
    ReadOnly,
    /// `Aliyun<X>FullAccess`: everything in the product.
    Full,
    /// Any other (a narrower or a cross-product policy).
    Other,
}

/// A system policy (`AliyunHBRReadOnlyAccess`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SystemPolicy {
    /// The policy's name (`AliyunHBRReadOnlyAccess`).
    pub name: String,
    /// Read-only, full, or other.
    pub kind: PolicyKind,
    /// One line on what it grants.
    pub description: Option<String>,
    /// The document, only where the source captured it (never invented).
    pub document: Option<serde_json::Value>,
    /// The RAM code it belongs to; `*` for account-wide policies; `None` for service-role policies with no product.
    pub ram_code: Option<String>,
    /// `service`, `global`, `service-role-policy` or `service-linked-role-policy`.
    pub scope: String,
    /// The product's main ReadOnly or Full policy (`AliyunECSFullAccess`, not `AliyunECSWorkbenchFullAccess`):
    /// the one the Full/ReadOnly convention applies to.
    pub primary: bool,
    /// False when the name was seen only outside the official documentation.
    pub verified_name: bool,
}

/// Read or write, as RAM's access levels say (or as inferred from the API's verb).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AccessLevel {
    /// Reads one resource.
    Get,
    /// Lists resources.
    List,
    /// Creates a resource.
    Create,
    /// Changes a resource.
    Update,
    /// Deletes a resource.
    Delete,
    /// No access level (the API needs no permission, or none is known).
    None,
}

impl AccessLevel {
    /// `Get` and `List` only read.
    pub fn is_read(self) -> bool {
        matches!(self, AccessLevel::Get | AccessLevel::List)
    }

    /// The source's spelling: `get`, `list`, `create`, `update`, `delete`, `none`.
    pub fn as_str(self) -> &'static str {
        match self {
            AccessLevel::Get => "get",
            AccessLevel::List => "list",
            AccessLevel::Create => "create",
            AccessLevel::Update => "update",
            AccessLevel::Delete => "delete",
            AccessLevel::None => "none",
        }
    }

    /// Parses the source's spelling.
    pub fn parse(s: &str) -> Option<AccessLevel> {
        Some(match s {
            "get" => AccessLevel::Get,
            "list" => AccessLevel::List,
            "create" => AccessLevel::Create,
            "update" => AccessLevel::Update,
            "delete" => AccessLevel::Delete,
            "none" => AccessLevel::None,
            _ => return None,
        })
    }
}

/// One API of one product and the RAM action it needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Api {
    /// The API's name (`DescribeInstances`).
    pub name: String,
    /// `code:Name`.
    pub action: String,
    /// Read or write, and which.
    pub access: AccessLevel,
    /// True when `access` was inferred from the API's verb rather than stated by the source.
    pub access_inferred: bool,
    /// Parameters that identify the resource acted on (`InstanceId`, `BucketName`…).
    pub resource_params: Vec<String>,
    /// The API version it belongs to (`2014-05-26`).
    pub version: String,
    /// HTTP method the metadata prefers.
    pub method: Option<String>,
    /// ROA request path (`/clusters/{ClusterId}`), for ROA-style products.
    pub path: Option<String>,
    /// The short Chinese title from the metadata.
    pub title: Option<String>,
    /// Whether the metadata marks the API deprecated.
    pub deprecated: bool,
    /// Error codes the API lists.
    pub errors: Vec<String>,
}

/// The answer to "which API is this": found, unknown, or not answerable until a shard is loaded.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiLookup<'a> {
    /// The API and the product it belongs to.
    Found(&'a Product, &'a Api),
    /// The product is known but its shard (RAM code) is not loaded.
    ShardMissing(String),
    /// No product or API of that name.
    Unknown,
}

/// A service-linked role or service role a product needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceRole {
    /// The role's name (`AliyunServiceRoleForECS`).
    pub role_name: String,
    /// RAM code of the product that needs it.
    pub product: String,
    /// `ecs.aliyuncs.com`-style service principal.
    pub service_principal: Option<String>,
    /// The system policy the role holds, when the source names it.
    pub policy: Option<String>,
    /// Whether it is a service-linked role (created by `CreateServiceLinkedRole`) or a service role to authorize.
    pub linked: bool,
    /// The one-click authorization page or the steps, as the source says.
    pub how_to_authorize: Option<String>,
    /// The error seen when it is missing, as the source words it (a documented pattern, not always verified).
    pub missing_error: Option<String>,
    /// The product as the source names it (`Cloud Backup (hbr)`, `event_bridge`).
    pub product_label: String,
}

/// A sentence the documentation ties to products (a console banner, an API message).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductSentence {
    /// The sentence as documented.
    pub text: String,
    /// RAM codes of the products that print it, most likely first; more than one when it is shared, none when
    /// every product's gateway prints it.
    pub products: Vec<String>,
    /// The error code the sentence comes with, which a paste of the sentence alone implies.
    pub code: Option<String>,
    /// The documentation page that ties it to the products.
    pub source: String,
}

/// An error code from the products' metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorCode {
    /// The code (`Forbidden.RAM`).
    pub code: String,
    /// The most common HTTP status (the first the source lists).
    pub http_status: Option<u16>,
    /// The message the metadata gives for it.
    pub message: Option<String>,
    /// Finding kind for permission/credential codes; `None` for everything else.
    pub kind: Option<Kind>,
    /// Every HTTP status the source lists for it.
    #[serde(default)]
    pub http_statuses: Vec<u16>,
    /// OpenAPI product codes that list it (complete for classified codes; for the rest, the loaded shard's products).
    #[serde(default)]
    pub products: Vec<String>,
}

/// Why a system policy is said to grant an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GrantBasis {
    /// The policy's captured document allows the action.
    Document,
    /// No document was captured; by convention `Aliyun<X>FullAccess` allows every `x:` action and
    /// `Aliyun<X>ReadOnlyAccess` every reading one.
    Convention,
}

/// A system policy that allows an action, and on what grounds.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyGrant<'a> {
    /// The policy.
    pub policy: &'a SystemPolicy,
    /// Whether by its document or by convention.
    pub basis: GrantBasis,
}
