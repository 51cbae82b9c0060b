//! What surrounds an error and says where it came from: the lines that open an error block, the API a Terraform
//! header names, hosts and `product=` links, SDK package names, `aliyun <product> <Api>` commands, Terraform
//! resource types and Packer builders, service role names, the server's string-to-sign, other clouds' marks.
//!
//! All needles are found with one Aho-Corasick pass; each hit is then read locally (a bounded look around it).

use std::sync::{LazyLock, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use super::code::{is_code, Level};
use super::fields::{is_api_name, is_ram_action};
use super::phrases::DFA_FROM_BYTES;
use super::{Field, Key};
use crate::text::{self, is_ident, line_end, log_prefix_len, Text};

/// What a needle starts.
#[derive(Clone, Copy)]
enum Hit {
    /// An error header; the value names the printer.
    Header(&'static str),
    /// `<Word>Error:` or `<Word>Exception:` (the name is read backwards from the hit).
    NamedError,
    /// Terraform `… Resource <id> <Api> Failed!!! [SDK … ERROR]:`.
    TerraformFailed,
    /// Old Terraform `<Api> got an error:`.
    GotAnError,
    /// `.aliyuncs.com` / `.console.aliyun.com`: a host ends here.
    Host,
    /// `product=Ecs` in a troubleshooting link.
    ProductParam,
    /// SDK package names that carry the product: `aliyunsdkecs.`, `com.aliyuncs.ecs.`, `…/services/ecs`, `@alicloud/ecs20140526`.
    Package(&'static str),
    /// `aliyun ecs DescribeInstances`.
    CliCommand,
    /// OSS SDK wording and headers.
    Oss,
    /// `describeInstancesWithOptions`, `describe_instances_with_options`: Tea SDK client methods name the API.
    TeaClientMethod,
    /// `alicloud_ram_user`, `alicloud-ecs` (Terraform types, Packer builders).
    Alicloud,
    /// `ALIYUN::ECS::Instance`: a ROS resource type, whose namespace names the product.
    RosType,
    /// ACME DNS-01 clients (certbot, lego, acme.sh) talk to Alibaba Cloud DNS.
    Acme,
    /// `AliyunECIContainerGroupRole`, `AliyunServiceRoleForECS`.
    RoleName,
    /// `server string to sign is:`.
    ServerStringToSign,
    /// An AWS error code that is also its exception's name (`ExpiredTokenException`): the code, and AWS's.
    AwsCode,
    /// `[TencentCloudSDKException]message:AuthFailure.UnauthorizedOperation-You are…`: Tencent's code before `-`.
    TencentCode,
    /// A Chinese label before a code (`错误码：`).
    ZhCodeLabel,
    /// `ODPS-0420095:`: MaxCompute's own code shape, which names the product and is the error's code.
    OdpsCode,
    /// boto3 / the aws CLI: `An error occurred (AccessDenied) when calling the ListBuckets operation`.
    AwsCall,
    /// A label the API's name follows (`[SDKError] API: CreateLoadBalancer,`).
    ApiLabel,
}

const NEEDLES: &[(&str, Hit)] = &[
    ("SDK.ServerError", Hit::Header("go-sdk")),
    ("Aliyun API Error:", Hit::Header("aliyungo")),
    ("aliyun api error:", Hit::Header("aliyungo")),
    ("ALIYUN API ERROR:", Hit::Header("aliyungo")),
    ("ERROR:", Hit::Header("cli")),
    ("SDKError:", Hit::Header("tea")),
    ("Error:", Hit::NamedError),
    ("Exception:", Hit::NamedError),
    ("Failed!!!", Hit::TerraformFailed),
    ("got an error:", Hit::GotAnError),
    ("got a error:", Hit::GotAnError),
    (".aliyuncs.com", Hit::Host),
    (".console.aliyun.com", Hit::Host),
    // The two endpoint domains of the catalog outside aliyuncs.com (AliGenie's `openapi.aligenie.com`, Drive and
    // Photo Service's `<region>.admin.aliyunpds.com`).
    (".aligenie.com", Hit::Host),
    (".aliyunpds.com", Hit::Host),
    // Alibaba Cloud's internal endpoint domain (`ecs-vpc.cn-hangzhou.aliyun-inc.com`), one of the catalog's.
    (".aliyun-inc.com", Hit::Host),
    ("product=", Hit::ProductParam),
    ("aliyunsdk", Hit::Package("python")),
    ("com.aliyuncs.", Hit::Package("java")),
    ("Aliyun.Acs.", Hit::Package("dotnet")),
    ("AlibabaCloud.SDK.", Hit::Package("dotnet")),
    ("AlibabaCloud\\SDK\\", Hit::Package("dotnet")),
    ("AlibabaCloud\\\\SDK\\\\", Hit::Package("dotnet")),
    ("com.aliyun.", Hit::Package("java-tea")),
    ("alibaba-cloud-sdk-go/services/", Hit::Package("go")),
    ("@alicloud/", Hit::Package("node")),
    ("alibabacloud_", Hit::Package("python-tea")),
    // The Python SDK's distribution names (`pip install aliyun-python-sdk-cdn`) and the old PHP SDK's namespaces
    // (`AlibabaCloud\Cdn\V20180510\…`).
    ("aliyun-python-sdk-", Hit::Package("pip")),
    ("AlibabaCloud\\", Hit::Package("php")),
    ("AlibabaCloud\\\\", Hit::Package("php")),
    ("aliyun ", Hit::CliCommand),
    // The old Python `aliyuncli`: `aliyuncli ecs DescribeInstances`.
    ("aliyuncli ", Hit::CliCommand),
    ("oss: service returned error", Hit::Oss),
    ("x-oss-", Hit::Oss),
    ("WithOptions", Hit::TeaClientMethod),
    ("_with_options", Hit::TeaClientMethod),
    ("alibabacloud-go/", Hit::Package("go-tea")),
    ("alicloud_", Hit::Alicloud),
    ("ALIYUN::", Hit::RosType),
    // The provider's first name: `* aliyun_ecs_instance.web: …`.
    ("* aliyun_", Hit::Alicloud),
    ("alicloud-", Hit::Alicloud),
    ("acme:", Hit::Acme),
    ("ODPS-", Hit::OdpsCode),
    ("certbot", Hit::Acme),
    ("_acme-challenge", Hit::Acme),
    ("dns-01", Hit::Acme),
    ("acme.sh", Hit::Acme),
    ("Aliyun", Hit::RoleName),
    ("server string to sign is:", Hit::ServerStringToSign),
    // Chinese labels tools print before a code: `错误码：Forbidden.RAM`, `返回代码:SignatureDoesNotMatch`.
    ("错误码：", Hit::ZhCodeLabel),
    ("错误码:", Hit::ZhCodeLabel),
    ("错误代码：", Hit::ZhCodeLabel),
    ("错误代码:", Hit::ZhCodeLabel),
    ("返回代码：", Hit::ZhCodeLabel),
    ("返回代码:", Hit::ZhCodeLabel),
    ("AccessDeniedException", Hit::AwsCode),
    ("[TencentCloudSDKException]message:", Hit::TencentCode),
    // boto3 / the aws CLI: `An error occurred (AccessDenied) when calling the ListBuckets operation`.
    (") when calling the ", Hit::AwsCall),
    // The Kubernetes cloud controller manager's wrapping of an SDK error (`pkg/provider/…/errors.go`, its `SDKError`
    // function: `[SDKError] API: %s,StatusCode: %d, ErrorCode: %s, …`, and without the status for the core SDK's
    // `ServerError`): the API it called.
    ("[SDKError] API: ", Hit::ApiLabel),
    ("InvalidClientTokenId", Hit::AwsCode),
    ("UnrecognizedClientException", Hit::AwsCode),
    ("ExpiredTokenException", Hit::AwsCode),
];

/// The AWS error code in parentheses just before `) when calling the`, which makes the paste an error of its own
/// (then said to be AWS's, not Alibaba Cloud's).
fn aws_call(s: &str, start: usize, end: usize, out: &mut Vec<Field>) {
    out.push(Field::new(Key::OtherCloud, "AWS", start, end));
    // Look back a bounded distance: codes are short, and a long scan per match would make input quadratic.
    let from = crate::text::floor_boundary(s, start.saturating_sub(80));
    let Some(open) = s[from..start].rfind('(').map(|i| from + i + 1) else { return };
    let code = &s[open..start];
    if !code.is_empty() && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.') {
        out.push(Field::new(Key::Code, code, open, start));
    }
}

/// What a word of the ecosystem says, wherever it stands (matched without ASCII case, in the same pass as the
/// known sentences: see [`super::phrases`]).
#[derive(Clone, Copy)]
pub enum Mark {
    /// A tool of the ecosystem that works with one product (`ossutil`, a docker-machine driver, a DDNS client).
    Tool(&'static str),
    /// Another cloud's mark.
    OtherCloud(&'static str),
    /// Another cloud's (or system's) refusal sentence: an error by itself, of that system.
    OtherCloudError(&'static str),
}

/// Tool names and other systems' marks: the tools below, then every word of the other systems' rules
/// ([`crate::diagnose::systems::RULES`]).
pub static MARKS: LazyLock<Vec<(&'static str, Mark)>> = LazyLock::new(|| {
    let systems = crate::diagnose::systems::words().map(|(word, system, refusal)| {
        (word, if refusal { Mark::OtherCloudError(system) } else { Mark::OtherCloud(system) })
    });
    TOOLS.iter().copied().chain(systems).collect()
});

/// Tools of the ecosystem that talk to one product, and Alibaba Cloud's CI names.
const TOOLS: &[(&str, Mark)] = &[
    // Tools of the ecosystem that talk to one product.
    ("ossutil", Mark::Tool("oss")),
    ("ossfs", Mark::Tool("oss")),
    ("ossbrowser", Mark::Tool("oss")),
    ("oss-browser", Mark::Tool("oss")),
    ("velero-plugin-for-alibabacloud", Mark::Tool("oss")),
    ("Error creating machine", Mark::Tool("ecs")),
    ("docker-machine-driver-aliyunecs", Mark::Tool("ecs")),
    ("aliyun-ddns", Mark::Tool("alidns")),
    ("aliddns", Mark::Tool("alidns")),
    ("alidns_", Mark::Tool("alidns")),
    ("funcraft", Mark::Tool("fc")),
    ("oss2.", Mark::Tool("oss")),
    ("aliyun-oss-", Mark::Tool("oss")),
    ("ali-oss", Mark::Tool("oss")),
    ("OSSException", Mark::Tool("oss")),
    ("OSSClient", Mark::Tool("oss")),
    ("aliyun-log-", Mark::Tool("log")),
    // Log Service's mobile SDKs name themselves so in their version and user agent (`sls-ios-sdk_v2.2.8`,
    // `sls-android-sdk/2.7.0`); their iOS pod and Android packages.
    ("sls-ios-sdk", Mark::Tool("log")),
    ("sls-android-sdk", Mark::Tool("log")),
    ("AliyunLogProducer", Mark::Tool("log")),
    ("com.aliyun.sls.", Mark::Tool("log")),
    ("LogException", Mark::Tool("log")),
    ("tablestore", Mark::Tool("ots")),
    ("aliyun-mns", Mark::Tool("mns")),
    ("dns_ali", Mark::Tool("alidns")),
    ("alidns", Mark::Tool("alidns")),
    ("ddns", Mark::Tool("alidns")),
    ("DDNS", Mark::Tool("alidns")),
    ("kubeconfig", Mark::Tool("cs")),
    ("put logs", Mark::Tool("log")),
    ("PutLogs", Mark::Tool("log")),
    ("Serverless Devs", Mark::Tool("fc")),
    ("serverless-devs", Mark::Tool("fc")),
    ("diskplugin.csi.alibabacloud.com", Mark::Tool("ecs")),
    ("nasplugin.csi.alibabacloud.com", Mark::Tool("nas")),
    ("ossplugin.csi.alibabacloud.com", Mark::Tool("oss")),
    ("cloud-controller-manager", Mark::Tool("slb")),
    ("log-pilot", Mark::Tool("log")),
    ("com.aliyun.odps", Mark::Tool("odps")),
    // The OSS mobile SDKs: Android's package, iOS's error domains (`com.aliyun.oss.clientError`).
    ("com.alibaba.sdk.android.oss", Mark::Tool("oss")),
    ("com.aliyun.oss.", Mark::Tool("oss")),
    // Model Studio's (Bailian, RAM code `sfm`) DashScope SDKs and API host (`com.alibaba.dashscope`,
    // `dashscope.aliyuncs.com`).
    ("dashscope", Mark::Tool("sfm")),
    // `oss://bucket/key`: the address form of ossutil, the old aliyuncli and OSS's own tools.
    ("oss://", Mark::Tool("oss")),
    // Velero keeps backups in a storage location; its Alibaba Cloud plugin stores them in OSS.
    ("BackupStorageLocation", Mark::Tool("oss")),
    // DNS-01 solvers (cert-manager webhooks, ACME clients) look up the hosted zone in Alibaba Cloud DNS.
    ("hosted zone", Mark::Tool("alidns")),
    // ACME DNS-01 challenges (lego's "error presenting token", certbot/acme.sh's dns-01) write TXT records.
    ("presenting token", Mark::Tool("alidns")),
    ("dns-01", Mark::Tool("alidns")),
    // SDK package names of the two communication services (`dysmsapi`, `dyvmsapi20170525`).
    ("dysmsapi", Mark::Tool("dysms")),
    ("dyvmsapi", Mark::Tool("dyvmsapi")),
    // Message Queue for Apache RocketMQ (RAM code `mq`): its instance ids and HTTP SDKs.
    ("MQ_INST_", Mark::Tool("mq")),
    ("mq-http-", Mark::Tool("mq")),
    ("aliyunmq", Mark::Tool("mq")),
    // The commercial RocketMQ (ONS) client's package and exception class.
    ("com.aliyun.openservices.ons", Mark::Tool("mq")),
    ("ONSClientException", Mark::Tool("mq")),
    // Key Management Service SDKs (Python `alibabacloud_kms…`, Java `com.aliyun.kms`, the KMS instance client).
    ("alibabacloud_kms", Mark::Tool("kms")),
    ("com.aliyun.kms", Mark::Tool("kms")),
    ("aliyun-kms", Mark::Tool("kms")),
    ("dkms-gcs", Mark::Tool("kms")),
    // CI variables of workflows that push to Container Registry (`$ALIYUN_REGISTRY`, `ALIYUN_REGISTRY_USER`).
    ("aliyun_registry", Mark::Tool("cr")),
    // DataX's reader and writer plugins for Alibaba Cloud's own stores (its `package.xml` lists each plugin by
    // directory; jobs name them as `"name": "osswriter"`, its error codes as `OssWriter-05`).
    ("ossreader", Mark::Tool("oss")),
    ("osswriter", Mark::Tool("oss")),
    ("odpsreader", Mark::Tool("odps")),
    ("odpswriter", Mark::Tool("odps")),
    ("otsreader", Mark::Tool("ots")),
    ("otswriter", Mark::Tool("ots")),
    ("otsstreamreader", Mark::Tool("ots")),
    ("drdsreader", Mark::Tool("drds")),
    ("drdswriter", Mark::Tool("drds")),
    ("adbpgwriter", Mark::Tool("gpdb")),
    ("hologresjdbcwriter", Mark::Tool("hologram")),
    // OSS's `Server` response header and the footer of the HTML pages its front end answers with ("Powered by
    // AliyunOSS"): OSS's common response headers.
    ("AliyunOSS", Mark::Tool("oss")),
    // Hadoop's OSS connector (hadoop-aliyun, JindoSDK, E-MapReduce): its configuration keys (`fs.oss.endpoint`,
    // `fs.oss.accessKeyId`).
    ("fs.oss.", Mark::Tool("oss")),
];

/// Appends the fields a mark stands for.
pub fn mark(s: &str, mark: Mark, start: usize, end: usize, out: &mut Vec<Field>) {
    // Another system's word starts a word (`ObsException`, not the tail of `JobsException`).
    let mid_word = s[start..].starts_with(|c: char| c.is_ascii_alphanumeric()) && is_alnum_before(s, start);
    match mark {
        Mark::OtherCloud(_) | Mark::OtherCloudError(_) if mid_word => {}
        Mark::OtherCloud(cloud) => out.push(Field::new(Key::OtherCloud, cloud, start, end)),
        Mark::OtherCloudError(cloud) => {
            out.push(Field::new(Key::OtherCloud, cloud, start, end));
            out.push(Field::new(Key::Phrase, super::phrases::Phrase::OtherSystemDenied.name(), start, end));
        }
        Mark::Tool(product) => {
            // `aliyun_ddns.DomainUpdater`, `alibabacloud_dyvmsapi`: a tool's name may follow `_` or `-`. Not a name
            // that only begins a host's first label (`dyvmsapi-intl.ap-southeast-1.aliyuncs.com`): the host names
            // its product (a whole label, `dashscope.aliyuncs.com`, stays the tool's mark).
            if !is_alnum_before(s, start) && !begins_host_label(s, end) {
                out.push(Field::new(Key::ProductContext, product, start, end));
            }
        }
    }
}

/// Whether the text from `end` on continues the first label of a host in Alibaba Cloud's endpoint domain
/// (`-intl.ap-southeast-1.aliyuncs.com`): a hyphen, then host characters up to `.aliyuncs.com`, within a host's length.
fn begins_host_label(s: &str, end: usize) -> bool {
    let rest = &s.as_bytes()[end..s.len().min(end + 80)];
    if rest.first() != Some(&b'-') {
        return false;
    }
    let run = rest.iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b'.').count();
    rest[..run].windows(13).any(|w| w == b".aliyuncs.com")
}

/// Needles per automaton: up to this many, the automaton searches with a SIMD prefilter (Teddy), several times
/// faster than walking every byte; two such passes beat one pass over all the needles.
const NEEDLES_PER_PASS: usize = 64;

/// The needles split over a few automata, each with the positions in [`NEEDLES`] of its patterns. Needles that
/// start like `alicloud` share a pass (that prefix is in every line of a Terraform log, and each pass checks
/// every place its needles' first bytes occur); needles that overlap (`Aliyun API Error:`, `Error:`) do too.
/// A text of `len` bytes under [`DFA_FROM_BYTES`] (a pasted error) is searched with contiguous NFAs, quick to
/// build: its first diagnosis does not pay for building the DFAs that long logs are searched with.
fn automata(len: usize) -> &'static [(Vec<usize>, AhoCorasick)] {
    static NFA: OnceLock<Vec<(Vec<usize>, AhoCorasick)>> = OnceLock::new();
    static AUTO: OnceLock<Vec<(Vec<usize>, AhoCorasick)>> = OnceLock::new();
    if len < DFA_FROM_BYTES {
        NFA.get_or_init(|| build(Some(AhoCorasickKind::ContiguousNFA)))
    } else {
        AUTO.get_or_init(|| build(None))
    }
}

/// The passes of [`automata`], of this kind (`None`: the crate's choice, a DFA for this few needles).
fn build(kind: Option<AhoCorasickKind>) -> Vec<(Vec<usize>, AhoCorasick)> {
    let common = |n: &str| n.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("ali")) || n.contains("Error:");
    let mut order: Vec<usize> = (0..NEEDLES.len()).collect();
    order.sort_by_key(|&i| !common(NEEDLES[i].0));
    order
        .chunks(NEEDLES_PER_PASS)
        .map(|chunk| {
            let ac = AhoCorasickBuilder::new()
                .kind(kind)
                .match_kind(MatchKind::LeftmostLongest)
                .build(chunk.iter().map(|&i| NEEDLES[i].0))
                .expect("the header needles are valid");
            (chunk.to_vec(), ac)
        })
        .collect()
}

/// Appends the header, API, host and product-hint fields found in the text.
pub fn scan(text: &Text, out: &mut Vec<Field>) {
    let s = text.as_str();
    for (needles, ac) in automata(s.len()) {
        for m in ac.find_iter(s) {
            hit(s, NEEDLES[needles[m.pattern().as_usize()]].1, m.start(), m.end(), out);
        }
    }
}

/// Every needle of this reader, in order: the prefilter ([`super::scan`]) looks for them all (their case matters:
/// see [`hit_needle`]).
pub(super) fn needles() -> impl Iterator<Item = &'static str> {
    NEEDLES.iter().map(|(n, _)| *n)
}

/// Reads what needle number `n` of [`needles`] found at `start..end`, as [`scan`] does.
pub(super) fn hit_needle(s: &str, n: usize, start: usize, end: usize, out: &mut Vec<Field>) {
    hit(s, NEEDLES[n].1, start, end, out);
}

/// Reads what one needle found.
fn hit(s: &str, hit: Hit, start: usize, end: usize, out: &mut Vec<Field>) {
    match hit {
        Hit::Header(kind) => {
            // `ERROR:` counts only at the start of a line (the `aliyun` CLI, Serverless Devs).
            if kind == "cli" && !at_line_start(s, start) {
                return;
            }
            out.push(Field::new(Key::Header, kind, start, end));
        }
        Hit::NamedError => named_error(s, start, end, out),
        Hit::TerraformFailed => terraform_failed(s, start, end, out),
        Hit::GotAnError => {
            if let Some((a, b)) = word_before(s, start) {
                if is_api_name(&s[a..b]) {
                    out.push(Field::new(Key::Header, "terraform", a, end));
                    out.push(Field::new(Key::Api, &s[a..b], a, b));
                }
            }
        }
        Hit::ApiLabel => {
            let a_end = ident_end(s, end);
            if a_end > end && is_api_name(&s[end..a_end]) {
                out.push(Field::new(Key::Api, &s[end..a_end], end, a_end));
            }
        }
        Hit::Host => host(s, start, end, out),
        Hit::ProductParam => {
            let v_end = ident_end(s, end);
            if v_end > end && !is_ident_byte_before(s, start) {
                out.push(Field::new(Key::ProductHint, &s[end..v_end], end, v_end));
            }
        }
        Hit::Package(kind) => package(s, start, end, kind, out),
        Hit::CliCommand => cli_command(s, start, end, out),
        Hit::Oss => out.push(Field::new(Key::ProductHint, "oss", start, end)),
        Hit::TeaClientMethod => tea_client_method(s, start, end, out),
        Hit::Alicloud => {
            if is_ident_byte_before(s, start) {
                return;
            }
            let t_end = ident_end(s, end);
            if t_end > end {
                let token = format!("alicloud_{}", s[end..t_end].replace('-', "_"));
                out.push(Field::new(Key::ProductContext, token, start, t_end));
            }
        }
        Hit::Acme => out.push(Field::new(Key::ProductContext, "alidns", start, end)),
        Hit::RosType => {
            let ns = s[end..].bytes().take(40).take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit()).count();
            if ns > 0 && s[end + ns..].starts_with("::") && !is_ident_byte_before(s, start) {
                out.push(Field::new(Key::ProductContext, &s[start..end + ns], start, end + ns));
            }
        }
        Hit::RoleName => {
            let t_end = start + s[start..].bytes().take(96).take_while(u8::is_ascii_alphanumeric).count();
            let token = &s[start..t_end];
            // Also inside percent-encoded JSON (`%22AliyunCSManagedLogRole%22`).
            let encoded = start >= 3 && s.as_bytes()[start - 3] == b'%';
            if (encoded || !is_alnum_before(s, start))
                && token.len() > 10
                && (token.ends_with("Role") || token.contains("RoleFor"))
            {
                out.push(Field::new(Key::RoleName, token, start, t_end));
            }
        }
        Hit::ServerStringToSign => {
            let v_start = end;
            let stop = line_end(s, v_start, 4096);
            let v_end = s[v_start..stop].find('"').map_or(stop, |p| v_start + p);
            out.push(Field::new(Key::ServerStringToSign, &s[v_start..v_end], v_start, v_end));
        }
        Hit::AwsCode => {
            out.push(Field::new(Key::OtherCloud, "AWS", start, end));
            if !is_ident_byte_before(s, start) && !s.as_bytes().get(end).is_some_and(|&c| is_ident(c)) {
                out.push(Field::new(Key::Code, &s[start..end], start, end));
            }
        }
        Hit::TencentCode => {
            out.push(Field::new(Key::OtherCloud, "Tencent Cloud", start, end));
            let len = s[end..].bytes().take(128).take_while(|&c| c.is_ascii_alphanumeric() || c == b'.').count();
            if len > 0 && s[end + len..].starts_with('-') {
                out.push(Field::new(Key::Code, &s[end..end + len], end, end + len));
            }
        }
        Hit::ZhCodeLabel => {
            let at = end + s[end..].bytes().take(4).take_while(|&c| c == b' ').count();
            let len =
                s[at..].bytes().take(128).take_while(|&c| c.is_ascii_alphanumeric() || b"._-".contains(&c)).count();
            let code = s[at..at + len].trim_end_matches(['.', '-']);
            if is_code(code, Level::Keyed) {
                out.push(Field::new(Key::Code, code, at, at + code.len()));
            }
        }
        Hit::OdpsCode => {
            let digits = s[end..].bytes().take(12).take_while(u8::is_ascii_digit).count();
            out.push(Field::new(Key::ProductContext, "odps", start, end));
            if digits >= 4 && s[end + digits..].starts_with(':') {
                out.push(Field::new(Key::Code, &s[start..end + digits], start, end + digits));
            }
        }
        Hit::AwsCall => aws_call(s, start, end, out),
    }
}

/// `FCAccessDeniedError:` (Function Compute SDK: `FC<Code>Error`), `ServerException:`, `TeaException:`,
/// `StatusCodeError:`: a header; the FC form also gives the code and the product.
fn named_error(s: &str, start: usize, end: usize, out: &mut Vec<Field>) {
    let b = s.as_bytes();
    let mut a = start;
    while a > 0 && start - a < 120 && (b[a - 1].is_ascii_alphanumeric() || b[a - 1] == b'_' || b[a - 1] == b'.') {
        a -= 1;
    }
    while a < start && b[a] == b'.' {
        a += 1;
    }
    let name = &s[a..start];
    let suffix = &s[start..end];
    // `@alicloud/pop-core` names its error after the code whatever its shape (`ODPS-0420095Error`,
    // `notAuthorizedError`) and ends its message with the request's URL: `…Error: <message>, URL: https://…`. Some
    // versions drop a dotted code's dots (`ForbiddenRAMError`), so a CamelCase name is only a candidate, which the
    // catalog must know; a name with a dot, a dash or a lower-case start is the code as printed.
    if suffix == "Error:" && pop_core_message(s, end) {
        let mut d = a;
        while d > 0 && start - d < 120 && (b[d - 1].is_ascii_alphanumeric() || matches!(b[d - 1], b'_' | b'.' | b'-')) {
            d -= 1;
        }
        let code = &s[d..start];
        if is_code(code, Level::Stated) {
            if code.contains(['.', '-']) || code.starts_with(|c: char| c.is_ascii_lowercase()) {
                out.push(Field::new(Key::Header, "tea", d, end));
                out.push(Field::new(Key::Code, code, d, start));
                return;
            }
            out.push(Field::new(Key::CodeCandidate, code, d, start));
        }
    }
    if a == start || !b[a].is_ascii_uppercase() {
        return;
    }
    if suffix == "Error:" && name.len() > 2 && name.starts_with("FC") && b[a + 2].is_ascii_uppercase() {
        out.push(Field::new(Key::Header, "fc", a, end));
        out.push(Field::new(Key::Code, &name[2..], a + 2, start));
        out.push(Field::new(Key::ProductHint, "fc", a, a + 2));
        return;
    }
    // Tea SDKs for Node name the error after its code: `InvalidAccessKeyId.NotFoundError:`, `UnauthorizedError:`;
    // not the last name of a Ruby class path (`Faraday::ForbiddenError`: an HTTP client's, after the reason phrase).
    if suffix == "Error:" && is_code(name, Level::ErrorName) && !b[..a].ends_with(b"::") {
        out.push(Field::new(Key::Header, "tea", a, end));
        out.push(Field::new(Key::Code, name, a, start));
        return;
    }
    out.push(Field::new(Key::Header, "exception", a, end));
}

/// Whether the line from `at` is `@alicloud/pop-core`'s message: a sentence, then `, URL: ` and the request's URL.
fn pop_core_message(s: &str, at: usize) -> bool {
    let rest = &s.as_bytes()[at..s.len().min(at + 4096)];
    let line = &rest[..memchr::memchr(b'\n', rest).unwrap_or(rest.len())];
    memchr::memmem::find(line, b", URL: http").is_some()
}

/// `[ERROR] terraform-provider-alicloud/alicloud/service_alicloud_ecs.go:369: Resource <id> <Api> Failed!!!`.
fn terraform_failed(s: &str, start: usize, end: usize, out: &mut Vec<Field>) {
    let window = text::floor_boundary(s, start.saturating_sub(600));
    let line_start = s[window..start].rfind('\n').map_or(window, |p| window + p + 1);
    out.push(Field::new(Key::Header, "terraform", line_start, end));
    if let Some((a, b)) = word_before(s, start) {
        if is_api_name(&s[a..b]) {
            out.push(Field::new(Key::Api, &s[a..b], a, b));
        }
    }
    // The provider file names the service: `service_alicloud_ecs.go`, `resource_alicloud_cs_kubernetes.go`.
    let line = &s[line_start..start];
    if let Some(go) = line.find(".go:") {
        let bytes = line.as_bytes();
        let mut f = go;
        while f > 0 && (bytes[f - 1].is_ascii_alphanumeric() || bytes[f - 1] == b'_') {
            f -= 1;
        }
        let file = &line[f..go];
        if let Some(p) = file.find("alicloud_") {
            let rest = &file[p..];
            if rest.len() > "alicloud_".len() {
                out.push(Field::new(Key::ProductContext, rest, line_start + f + p, line_start + go));
            }
        }
    }
}

/// A host ending at `end` (`ecs.cn-hangzhou.aliyuncs.com`, `hbr.console.aliyun.com`), read backwards.
fn host(s: &str, start: usize, end: usize, out: &mut Vec<Field>) {
    let b = s.as_bytes();
    let mut a = start;
    while a > 0 && start - a < 253 && (b[a - 1].is_ascii_alphanumeric() || b[a - 1] == b'-' || b[a - 1] == b'.') {
        a -= 1;
    }
    // Inside a percent-encoded URL (`%2F%2Fcs.console.aliyun.com`) the host starts after the escape.
    if a >= 1 && b[a - 1] == b'%' && end - a > 2 {
        a += 2;
    }
    if a == start {
        return;
    }
    let host = &s[a..end];
    // The RAM console's one-click authorization page is where a fix happens, not the product that failed.
    if host.eq_ignore_ascii_case("ram.console.aliyun.com") && s[end..].starts_with("/role/authorize") {
        return;
    }
    out.push(Field::new(Key::Host, host, a, end));
}

/// SDK package names: the product code follows the package prefix.
fn package(s: &str, start: usize, end: usize, kind: &str, out: &mut Vec<Field>) {
    let b = s.as_bytes();
    let mut p_end = end;
    while p_end < b.len()
        && p_end - end < 40
        && (b[p_end].is_ascii_lowercase() || b[p_end].is_ascii_digit() || b[p_end] == b'-' || b[p_end] == b'_')
    {
        p_end += 1;
    }
    // .NET namespaces are capitalized: `Aliyun.Acs.Ecs.Model.V20140526`, `AlibabaCloud.SDK.R_kvstore20150101`.
    if kind == "dotnet" || kind == "php" {
        p_end = end + s[end..].bytes().take(40).take_while(|&c| c.is_ascii_alphanumeric() || c == b'_').count();
    }
    let raw = &s[end..p_end];
    // `@alicloud/ecs20140526`, `alibabacloud_ecs20140526`, `com.aliyun.ecs20140526`: the version (8 digits) is
    // glued on, after a code that may end in a digit itself (`schedulerx3`, `Schedulerx320240624`).
    let dated = raw.len() > 8 && raw[raw.len() - 8..].bytes().all(|c| c.is_ascii_digit());
    let code = if dated { raw[..raw.len() - 8].trim_end_matches('-') } else { raw };
    let versioned = dated && !raw[..raw.len() - 8].ends_with('-');
    let ok = match kind {
        // A module (`aliyunsdkecs.request`) or its folder in a traceback's path (`aliyunsdkecs/request/…`).
        "python" => !matches!(code, "core" | "") && matches!(b.get(p_end), Some(b'.' | b'/')),
        "java" => {
            b.get(p_end) == Some(&b'.')
                && !matches!(code, "exceptions" | "auth" | "http" | "profile" | "utils" | "regions" | "")
        }
        "dotnet" => !code.is_empty() && !matches!(code, "Core" | "Tea" | "TeaUtil" | "OpenApiClient" | "Credentials"),
        "java-tea" | "node" | "python-tea" => versioned,
        "pip" => !code.is_empty() && !code.starts_with("core"),
        // `AlibabaCloud\Cdn\V20180510`: a version namespace follows (escaped or not).
        "php" => !code.is_empty() && s[p_end..].trim_start_matches('\\').starts_with('V'),
        // `github.com/alibabacloud-go/ecs-20140526/v4/client`.
        "go-tea" => {
            raw.len() > 9
                && raw[raw.len() - 9..].starts_with('-')
                && raw[raw.len() - 8..].bytes().all(|c| c.is_ascii_digit())
        }
        _ => !code.is_empty(),
    };
    if !ok {
        return;
    }
    out.push(Field::new(Key::ProductHint, code, end, end + code.len()));
    // `aliyunsdkecs.request.v20140526.DescribeInstancesRequest`, `com.aliyuncs.ecs.model.v20140526.DescribeInstancesRequest`.
    let tail_end = p_end + s[p_end..].bytes().take(80).take_while(|&c| c.is_ascii_alphanumeric() || c == b'.').count();
    let tail = &s[p_end..tail_end];
    if let Some(req) = tail.rsplit('.').next().and_then(|last| last.strip_suffix("Request")) {
        if is_api_name(req) {
            let a = tail_end - "Request".len() - req.len();
            out.push(Field::new(Key::Api, req, a, a + req.len()));
        }
    }
    let _ = start;
}

/// `describeInstancesWithOptions` (Java, Node, Go Tea SDKs) and `describe_instances_with_options` (Python): every
/// Tea client has one such method per API, so a stack frame names the API that failed.
fn tea_client_method(s: &str, start: usize, end: usize, out: &mut Vec<Field>) {
    let b = s.as_bytes();
    let snake = s[start..end].starts_with('_');
    let mut a = start;
    while a > 0 && start - a < 100 && (b[a - 1].is_ascii_alphanumeric() || (snake && b[a - 1] == b'_')) {
        a -= 1;
    }
    let method = &s[a..start];
    let name: String = if snake {
        method.split('_').filter(|w| !w.is_empty()).map(|w| w[..1].to_ascii_uppercase() + &w[1..]).collect()
    } else {
        method.get(..1).map(|f| f.to_ascii_uppercase() + &method[1..]).unwrap_or_default()
    };
    if is_api_name(&name) {
        out.push(Field::new(Key::Api, name, a, start));
    }
}

/// The aliyun CLI's global flags, which may stand before the product word (`aliyun --region cn-beijing --profile
/// ci cr GetAuthorizationToken`): each with whether it takes a value (the CLI's `config/flags.go`: `--vpc` and
/// `--skip-secure-verify` take none, the rest one; `-p` is `--profile`).
pub const CLI_GLOBAL_FLAGS: &[(&str, bool)] = &[
    ("--profile", true),
    ("-p", true),
    ("--mode", true),
    ("--access-key-id", true),
    ("--access-key-secret", true),
    ("--sts-token", true),
    ("--sts-region", true),
    ("--ram-role-name", true),
    ("--ram-role-arn", true),
    ("--role-session-name", true),
    ("--source-profile", true),
    ("--private-key", true),
    ("--key-pair-name", true),
    ("--region", true),
    ("--RegionId", true),
    ("--language", true),
    ("--config-path", true),
    ("--read-timeout", true),
    ("--retry-timeout", true),
    ("--connect-timeout", true),
    ("--retry-count", true),
    ("--expired-seconds", true),
    ("--process-command", true),
    ("--vpc", false),
    ("--skip-secure-verify", false),
];

/// Where the product word of an aliyun CLI command starting at `from` begins: after the global flags
/// ([`CLI_GLOBAL_FLAGS`], `--flag value` or `--flag=value`) that stand before it, on the same line. `None` when
/// another flag stands there (not the CLI's own: no command to read).
fn after_global_flags(s: &str, from: usize) -> Option<usize> {
    let mut p = from;
    for _ in 0..CLI_GLOBAL_FLAGS.len() {
        if !s[p..].starts_with('-') {
            return Some(p);
        }
        let word_end = |at: usize| {
            text::floor_boundary(s, at + s[at..].bytes().take(256).take_while(|c| !c.is_ascii_whitespace()).count())
        };
        let end = word_end(p);
        let word = &s[p..end];
        let (name, inline) = word.split_once('=').map_or((word, false), |(n, _)| (n, true));
        let &(_, takes_value) = CLI_GLOBAL_FLAGS.iter().find(|(f, _)| *f == name)?;
        p = end;
        if takes_value && !inline {
            let value = p + s[p..].bytes().take(8).take_while(|&c| c == b' ' || c == b'\t').count();
            p = word_end(value);
        }
        p += s[p..].bytes().take(8).take_while(|&c| c == b' ' || c == b'\t').count();
    }
    Some(p)
}

/// `aliyun ecs DescribeInstances --RegionId …`, also with global flags before the product word ([`after_global_flags`]).
fn cli_command(s: &str, start: usize, end: usize, out: &mut Vec<Field>) {
    if is_ident_byte_before(s, start) {
        return;
    }
    let b = s.as_bytes();
    let Some(end) = after_global_flags(s, end) else { return };
    let p_end = end
        + s[end..].bytes().take(40).take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-').count();
    if p_end == end || b.get(p_end) != Some(&b' ') {
        return;
    }
    let a_start = p_end + 1;
    let a_end = a_start + s[a_start..].bytes().take(100).take_while(u8::is_ascii_alphanumeric).count();
    let api = &s[a_start..a_end];
    if is_api_name(api) && !is_ram_action(api) {
        out.push(Field::new(Key::ProductHint, &s[end..p_end], end, p_end));
        out.push(Field::new(Key::Api, api, a_start, a_end));
    } else if matches!(api, "GET" | "POST" | "PUT" | "DELETE" | "PATCH") && s[a_end..].starts_with(" /") {
        // ROA style: `aliyun cs GET /clusters`; the product, not the API.
        out.push(Field::new(Key::ProductHint, &s[end..p_end], end, p_end));
    }
}

/// The word ending just before `pos` (spaces skipped): its byte range.
fn word_before(s: &str, pos: usize) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let mut e = pos;
    while e > 0 && b[e - 1] == b' ' {
        e -= 1;
    }
    let mut a = e;
    while a > 0 && e - a < 100 && b[a - 1].is_ascii_alphanumeric() {
        a -= 1;
    }
    (a < e).then_some((a, e))
}

fn ident_end(s: &str, from: usize) -> usize {
    from + s[from..].bytes().take(100).take_while(|&c| is_ident(c)).count()
}

fn is_ident_byte_before(s: &str, pos: usize) -> bool {
    pos > 0 && is_ident(s.as_bytes()[pos - 1])
}

fn is_alnum_before(s: &str, pos: usize) -> bool {
    pos > 0 && s.as_bytes()[pos - 1].is_ascii_alphanumeric()
}

/// Whether only a log prefix and spaces precede `pos` on its line.
fn at_line_start(s: &str, pos: usize) -> bool {
    let window = text::floor_boundary(s, pos.saturating_sub(200));
    let Some(line_start) = s[window..pos].rfind('\n').map(|p| window + p + 1).or((window == 0).then_some(0)) else {
        return false;
    };
    let before = &s[line_start..pos];
    before[log_prefix_len(before)..].trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The NFAs (short texts) and the crate's choice (long ones) find the same needles at the same places.
    #[test]
    fn short_and_long_texts_find_the_same_matches() {
        // Every needle, run together with its neighbours, so overlaps count.
        let text = NEEDLES.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(" x ");
        let spans = |passes: &[(Vec<usize>, AhoCorasick)]| {
            let mut found: Vec<(usize, usize, usize)> = passes
                .iter()
                .flat_map(|(needles, ac)| {
                    ac.find_iter(&text).map(|m| (m.start(), m.end(), needles[m.pattern().as_usize()]))
                })
                .collect();
            found.sort_unstable();
            found
        };
        let (short, long) = (automata(0), automata(DFA_FROM_BYTES));
        assert!(short.iter().all(|(_, ac)| ac.kind() == AhoCorasickKind::ContiguousNFA));
        let found = spans(short);
        assert!(found.len() >= NEEDLES.len() / 2, "{} matches for {} needles", found.len(), NEEDLES.len());
        assert_eq!(found, spans(long));
    }
}
