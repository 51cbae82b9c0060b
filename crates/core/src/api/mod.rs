//! Typed calls to RAM, STS and IMS: each request becomes a signed HTTP request description (through
//! [`crate::sign`]) and each response body a typed value, or an error whose text the engine diagnoses like any
//! pasted error. No IO: the caller sends the request (CLI over HTTPS, page through the relay).

/// Declares a request: its struct, and its [`Api`] impl with the action named after the struct. Each field is
/// one parameter; `Option` fields are left out when `None`.
macro_rules! request {
    ($(#[$doc:meta])* $name:ident ($product:ident) -> $response:ty { $($(#[$fdoc:meta])* $field:ident: $ty:ty = $param:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $name {
            $($(#[$fdoc])* #[doc = concat!("\n\nSent as `", $param, "`.")] pub $field: $ty,)*
        }

        impl crate::api::Api for $name {
            type Response = $response;
            const PRODUCT: crate::api::Product = crate::api::Product::$product;
            fn action(&self) -> &'static str {
                stringify!($name)
            }
            fn params(&self) -> Vec<(String, String)> {
                let all: Vec<(&str, Option<String>)> = vec![$(($param, crate::api::ParamValue::param_value(&self.$field)),)*];
                all.into_iter().filter_map(|(k, v)| v.map(|v| (k.to_string(), v))).collect()
            }
        }
    };
}

/// Alibaba Cloud's wrapped lists, `"Users": {"User": [...]}`, as plain lists both ways: `wrapped_list!(users, "User")`
/// declares a module for `#[serde(with = "users")]` (reading a missing or `null` list as empty).
macro_rules! wrapped_list {
    ($module:ident, $inner:literal) => {
        mod $module {
            use serde::{Deserialize, Deserializer, Serialize, Serializer};

            pub fn serialize<S: Serializer, T: Serialize>(list: &[T], s: S) -> Result<S::Ok, S::Error> {
                let mut wrapper = std::collections::BTreeMap::new();
                wrapper.insert($inner, list);
                wrapper.serialize(s)
            }

            pub fn deserialize<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
                d.deserialize_option(crate::api::WrappedList(std::marker::PhantomData))
            }
        }
    };
}

pub mod ims;
pub mod ram;
pub mod say;
pub mod sts;

use std::fmt;

use serde::de::{DeserializeOwned, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::sign::{sign, Algorithm, Call, Credentials, SignError, SignedRequest, Timestamp};

/// The products these calls go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Product {
    /// RAM: users, groups, roles, policies.
    Ram,
    /// STS: who is calling, and temporary credentials.
    Sts,
    /// IMS: users by id.
    Ims,
}

impl Product {
    /// The API version every call of the product uses.
    pub fn version(self) -> &'static str {
        match self {
            Product::Ram => "2015-05-01",
            Product::Sts => "2015-04-01",
            Product::Ims => "2019-08-15",
        }
    }

    /// The global endpoint (STS also has regional ones, `sts.cn-hangzhou.aliyuncs.com`).
    pub fn default_host(self) -> &'static str {
        match self {
            Product::Ram => "ram.aliyuncs.com",
            Product::Sts => "sts.aliyuncs.com",
            Product::Ims => "ims.aliyuncs.com",
        }
    }
}

/// Reads a wrapped list's map (`{"User": [...]}`; missing or `null`: empty) as `wrapped_list!` declares it: of
/// several entries, the list under the smallest key, as reading it into a `BTreeMap` and taking the first value
/// would, but without a map type compiled per element type.
struct WrappedList<T>(std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for WrappedList<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a map")
    }

    fn visit_none<E>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }

    fn visit_unit<E>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Vec<T>, D::Error> {
        d.deserialize_map(self)
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Vec<T>, M::Error> {
        let mut smallest: Option<(String, Vec<T>)> = None;
        while let Some((key, list)) = map.next_entry::<String, Vec<T>>()? {
            // `<=`: a repeated key's later list replaces the earlier, as a map insert does.
            if smallest.as_ref().is_none_or(|(first, _)| key <= *first) {
                smallest = Some((key, list));
            }
        }
        Ok(smallest.map(|(_, list)| list).unwrap_or_default())
    }
}

/// One API call: its product, action name, parameters, and the type its response parses into.
pub trait Api {
    /// What a successful response parses into.
    type Response: DeserializeOwned + fmt::Debug;
    /// The product the call goes to.
    const PRODUCT: Product;
    /// The action name (`CreatePolicy`); some requests pick it from their target (`AttachPolicyToRole`).
    fn action(&self) -> &'static str;
    /// The request parameters, raw (signing encodes them).
    fn params(&self) -> Vec<(String, String)>;
}

/// How calls are sent: the signature algorithm and a host per product, each overridable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiOptions {
    /// V3 by default, as current SDKs sign.
    pub algorithm: Algorithm,
    /// RAM's host (`ram.aliyuncs.com`).
    pub ram_host: String,
    /// STS's host (`sts.aliyuncs.com`, or a regional one).
    pub sts_host: String,
    /// IMS's host (`ims.aliyuncs.com`).
    pub ims_host: String,
}

impl Default for ApiOptions {
    fn default() -> Self {
        ApiOptions {
            algorithm: Algorithm::V3,
            ram_host: Product::Ram.default_host().into(),
            sts_host: Product::Sts.default_host().into(),
            ims_host: Product::Ims.default_host().into(),
        }
    }
}

impl ApiOptions {
    /// The host a product's calls go to.
    pub fn host(&self, product: Product) -> &str {
        match product {
            Product::Ram => &self.ram_host,
            Product::Sts => &self.sts_host,
            Product::Ims => &self.ims_host,
        }
    }
}

/// The call as an unsigned [`Call`]: POST with the parameters in the query, as the SDKs send RPC-style calls.
pub fn call<A: Api>(request: &A, options: &ApiOptions) -> Call {
    Call {
        method: "POST".into(),
        host: options.host(A::PRODUCT).to_string(),
        action: request.action().into(),
        version: A::PRODUCT.version().into(),
        params: request.params(),
        body: None,
    }
}

/// Signs a typed request at `time` with a fresh `nonce`.
pub fn signed_request<A: Api>(
    request: &A,
    options: &ApiOptions,
    credentials: &Credentials,
    time: Timestamp,
    nonce: &str,
) -> Result<SignedRequest, SignError> {
    sign(&call(request, options), options.algorithm, credentials, time, nonce)
}

/// What an error response says, field by field, plus the body as received.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceError {
    /// The product that answered.
    pub product: Product,
    /// The HTTP status.
    pub status: u16,
    /// `NoPermission`, `SignatureDoesNotMatch`, `EntityNotExist.User` …
    pub code: String,
    /// The service's own explanation.
    pub message: String,
    /// The id to quote to Alibaba Cloud support.
    pub request_id: Option<String>,
    /// The host that answered, as the service names it.
    pub host_id: Option<String>,
    /// A link to the service's diagnosis page for this error.
    pub recommend: Option<String>,
    /// RAM's structured reason for a denial (`AuthAction`, `NoPermissionType`, `EncodedDiagnosticMessage` …).
    pub access_denied_detail: Option<serde_json::Value>,
}

/// Why a response did not give the typed answer.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The service answered with an error (`Code`, `Message` …).
    Service(Box<ServiceError>),
    /// The body is not the JSON the API documents (a proxy's HTML page, a cut-off body, garbage).
    Unreadable {
        /// The product that answered.
        product: Product,
        /// The HTTP status.
        status: u16,
        /// What is wrong with the body.
        reason: String,
        /// The start of the body, to show.
        excerpt: String,
    },
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Service(e) => {
                write!(f, "{} answered HTTP {}: {}: {}", e.product.default_host(), e.status, e.code, e.message)
            }
            ApiError::Unreadable { product, status, reason, .. } => {
                write!(f, "{} answered HTTP {status} with a body that cannot be read: {reason}", product.default_host())
            }
        }
    }
}

impl std::error::Error for ApiError {}

/// The most of a body quoted in an error.
const EXCERPT_CHARS: usize = 300;

impl ApiError {
    /// The error as text for [`crate::diagnose`]: an error response in Alibaba Cloud's own JSON shape (with
    /// `HostId` naming the product when the service left it out), so it is diagnosed exactly like a pasted one.
    pub fn diagnosable_text(&self) -> String {
        match self {
            ApiError::Service(e) => {
                let mut out = serde_json::Map::new();
                let mut put = |k: &str, v: Option<serde_json::Value>| {
                    if let Some(v) = v {
                        out.insert(k.into(), v);
                    }
                };
                put("RequestId", e.request_id.clone().map(Into::into));
                put("HostId", Some(e.host_id.clone().unwrap_or_else(|| e.product.default_host().into()).into()));
                put("Code", Some(e.code.clone().into()));
                put("Message", Some(e.message.clone().into()));
                put("Recommend", e.recommend.clone().map(Into::into));
                put("AccessDeniedDetail", e.access_denied_detail.clone());
                serde_json::Value::Object(out).to_string()
            }
            ApiError::Unreadable { product, status, excerpt, .. } => {
                format!("HTTP {status} from {}: the response is not JSON: {excerpt}", product.default_host())
            }
        }
    }
}

/// The fields every error response has, read leniently.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ErrorBody {
    code: Option<String>,
    message: Option<String>,
    request_id: Option<String>,
    host_id: Option<String>,
    recommend: Option<String>,
    /// Taken from the parsed answer as it is (see `answer_value`): a `Value` read through serde would keep
    /// serde_json's text reader in the page's wasm.
    #[serde(skip)]
    access_denied_detail: Option<serde_json::Value>,
}

/// Parses a response: a 2xx JSON body into `A::Response`; a body with a `Code` (or any non-2xx status) into
/// [`ApiError::Service`]; anything else into [`ApiError::Unreadable`].
pub fn parse_response<A: Api>(status: u16, body: &[u8]) -> Result<A::Response, ApiError> {
    let value = answer_value(A::PRODUCT, status, body)?;
    serde_json::from_value(value).map_err(|e| {
        let reason = format!("not a {} response: {e}", std::any::type_name::<A::Response>());
        unreadable(A::PRODUCT, status, body, reason)
    })
}

/// A 2xx answer's JSON; the service's error or [`ApiError::Unreadable`] otherwise. Apart from the typed read and
/// never inlined, so the page's wasm holds one copy of it instead of one per API type.
#[inline(never)]
fn answer_value(product: Product, status: u16, body: &[u8]) -> Result<serde_json::Value, ApiError> {
    let text = String::from_utf8_lossy(body);
    let value = crate::json::parse(text.as_bytes()).map_err(|e| unreadable(product, status, body, e.to_string()))?;
    let err = serde_json::from_value::<ErrorBody>(value.clone()).ok().map(|mut err| {
        err.access_denied_detail = value.get("AccessDeniedDetail").filter(|v| !v.is_null()).cloned();
        err
    });
    let ok = (200..300).contains(&status);
    if let Some(err) = err.filter(|e| e.code.is_some() || !ok) {
        return Err(ApiError::Service(Box::new(ServiceError {
            product,
            status,
            code: err.code.unwrap_or_else(|| format!("HTTP{status}")),
            message: err.message.unwrap_or_default(),
            request_id: err.request_id,
            host_id: err.host_id,
            recommend: err.recommend,
            access_denied_detail: err.access_denied_detail,
        })));
    }
    if !ok {
        return Err(unreadable(product, status, body, "an error status without an error body".into()));
    }
    Ok(value)
}

/// An answer that is not the API's JSON: why, with the start of the body as received.
fn unreadable(product: Product, status: u16, body: &[u8], reason: String) -> ApiError {
    let excerpt = String::from_utf8_lossy(body).chars().take(EXCERPT_CHARS).collect::<String>().trim().to_string();
    ApiError::Unreadable { product, status, reason, excerpt }
}

/// Whether a custom policy or a system one: `PolicyType` in RAM's APIs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PolicyType {
    /// A policy Alibaba Cloud maintains (`AliyunOSSFullAccess`).
    System,
    /// A policy the account wrote.
    Custom,
}

impl PolicyType {
    /// `System` / `Custom`, as the API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            PolicyType::System => "System",
            PolicyType::Custom => "Custom",
        }
    }
}

/// How a typed field is written as a parameter value; `None` leaves the parameter out.
pub trait ParamValue {
    /// The raw value (signing encodes it).
    fn param_value(&self) -> Option<String>;
}

impl ParamValue for String {
    fn param_value(&self) -> Option<String> {
        Some(self.clone())
    }
}

impl ParamValue for bool {
    fn param_value(&self) -> Option<String> {
        Some(self.to_string())
    }
}

impl ParamValue for u32 {
    fn param_value(&self) -> Option<String> {
        Some(self.to_string())
    }
}

impl ParamValue for PolicyType {
    fn param_value(&self) -> Option<String> {
        Some(self.as_str().to_string())
    }
}

impl<T: ParamValue> ParamValue for Option<T> {
    fn param_value(&self) -> Option<String> {
        self.as_ref().and_then(ParamValue::param_value)
    }
}

#[cfg(test)]
mod tests;
