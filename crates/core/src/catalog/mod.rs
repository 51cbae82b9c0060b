//! The catalog: products, APIs, RAM actions, system policies, service roles and error codes.
//! Loaded from the committed `data/` (embedded in the CLI, fetched in shards by the page); queried by the
//! engine, the builder and the checks. The query methods below are the interface the rest of core uses.

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
    /// The OpenAPI product code, e.g. `Ecs`, `hbr`, `Alidns`.
    pub code: String,
    /// The RAM code: the action prefix, e.g. `ecs`, `hbr`, `alidns`.
    pub ram_code: String,
    /// English service name.
    pub name_en: String,
    /// Chinese service name, where known.
    pub name_zh: Option<String>,
    pub granularity: Option<Granularity>,
}

/// Which family a system policy belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PolicyKind {
    ReadOnly,
    Full,
    Other,
}

/// A system policy (`AliyunHBRReadOnlyAccess`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SystemPolicy {
    pub name: String,
    pub kind: PolicyKind,
    /// One line on what it grants.
    pub description: Option<String>,
    /// The document, only where the source captured it (never invented).
    pub document: Option<serde_json::Value>,
}

/// Read or write, as RAM's access levels say (or as inferred from the API's verb).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AccessLevel {
    Get,
    List,
    Create,
    Update,
    Delete,
    None,
}

impl AccessLevel {
    /// `Get` and `List` only read.
    pub fn is_read(self) -> bool {
        matches!(self, AccessLevel::Get | AccessLevel::List)
    }
}

/// One API of one product and the RAM action it needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Api {
    pub name: String,
    /// `code:Name`.
    pub action: String,
    pub access: AccessLevel,
    /// True when `access` was inferred from the API's verb rather than stated by the source.
    pub access_inferred: bool,
    /// Parameters that identify the resource acted on (`InstanceId`, `BucketName`…).
    pub resource_params: Vec<String>,
}

/// The answer to "which API is this": found, unknown, or not answerable until a shard is loaded.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiLookup<'a> {
    Found(&'a Product, &'a Api),
    /// The product is known but its shard (RAM code) is not loaded.
    ShardMissing(String),
    Unknown,
}

/// A service-linked role or service role a product needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceRole {
    pub role_name: String,
    /// RAM code of the product that needs it.
    pub product: String,
    /// `ecs.aliyuncs.com`-style service principal.
    pub service_principal: Option<String>,
    pub policy: Option<String>,
    /// Whether it is a service-linked role (created by `CreateServiceLinkedRole`) or a service role to authorize.
    pub linked: bool,
    /// The one-click authorization page or the steps, as the source says.
    pub how_to_authorize: Option<String>,
}

/// An error code from the products' metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorCode {
    pub code: String,
    pub http_status: Option<u16>,
    pub message: Option<String>,
    /// Finding kind for permission/credential codes; `None` for everything else.
    pub kind: Option<Kind>,
}

/// The loaded catalog (placeholder until the catalog issue lands: every lookup misses).
#[derive(Debug, Clone, Default)]
pub struct Catalog {}

impl Catalog {
    /// A catalog that knows nothing: every lookup misses.
    pub fn empty() -> Self {
        Catalog::default()
    }

    /// A product by OpenAPI code or RAM code, case-insensitively.
    pub fn product(&self, _code: &str) -> Option<&Product> {
        None
    }

    /// The product serving an endpoint host (`ecs.cn-hangzhou.aliyuncs.com`, `mybucket.oss-cn-hangzhou.aliyuncs.com`,
    /// `hbr.console.aliyun.com`).
    pub fn product_by_host(&self, _host: &str) -> Option<&Product> {
        None
    }

    /// Products whose names or codes appear in free text (English or Chinese), best match first.
    pub fn search_products(&self, _text: &str) -> Vec<&Product> {
        Vec::new()
    }

    /// A product's system policies: ReadOnly first, then Full, then the others.
    pub fn system_policies(&self, _ram_code: &str) -> Vec<&SystemPolicy> {
        Vec::new()
    }

    /// An API by product (either code) and API name.
    pub fn api(&self, _product: &str, _api: &str) -> ApiLookup<'_> {
        ApiLookup::Unknown
    }

    /// A RAM action (`hbr:CreateBackupPlan`), case-insensitively.
    pub fn action(&self, _action: &str) -> ApiLookup<'_> {
        ApiLookup::Unknown
    }

    /// The service role whose absence causes this error code (`EntityNotExist.AliyunECIContainerGroupRole`).
    pub fn service_role_for_error(&self, _code: &str) -> Option<&ServiceRole> {
        None
    }

    /// Service roles a product needs.
    pub fn service_roles(&self, _ram_code: &str) -> Vec<&ServiceRole> {
        Vec::new()
    }

    /// An error code's metadata.
    pub fn error_code(&self, _code: &str) -> Option<&ErrorCode> {
        None
    }
}
