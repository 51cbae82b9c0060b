//! The step a tool of the ecosystem failed at, in its own words, and the Alibaba Cloud API that step calls.
//!
//! Real pastes often print no API name, only the tool's step (`cannot create RDS instance: SDK.ServerError …`,
//! `failed on describe private zones: …`, `alicloud: API call failed: …`). Each row below is a fact read from the
//! tool's source: the fixed words it prints at a step (as printed, in the language printed; `*` stands for what the
//! tool fills in, on the same line), the product, and the API(s) the step calls, in the order it calls them.
//!
//! A row applies only when its words stand on the error's lines or the lines just around them (rule `tool-step`
//! in [`super::action`] and [`super::product`]) and its product agrees with what the text says, or fills it in
//! when the text says none and the words name the product (`names_product`). Words several tools share for
//! every provider (acme.sh's and ddns-go's) only ever confirm a product the text already names.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::finding::Kind;
use crate::text::floor_boundary;

/// One step of one tool.
#[derive(Debug)]
pub struct ToolStep {
    /// The tool, as its users call it.
    pub tool: &'static str,
    /// The fixed words it prints at the step; `*` stands for what it fills in (a name, an id), on the same line.
    pub words: &'static str,
    /// The product's RAM code.
    pub ram_code: &'static str,
    /// The APIs the step calls, in the order it calls them.
    pub apis: &'static [&'static str],
    /// Whether the words alone say the product (`for Alibaba Cloud DNS`); otherwise the text must already name it.
    pub names_product: bool,
}

const fn step(
    tool: &'static str,
    words: &'static str,
    ram_code: &'static str,
    apis: &'static [&'static str],
    names_product: bool,
) -> ToolStep {
    ToolStep { tool, words, ram_code, apis, names_product }
}

/// The steps, by tool.
pub const TOOL_STEPS: &[ToolStep] = &[
    // lego's Alibaba Cloud DNS provider (go-acme/lego providers/dns/alidns/alidns.go; Traefik and Caddy print it
    // through lego): Present looks the zone up with DescribeDomains ("API call failed", wrapped in "alicloud: "),
    // then adds the TXT record with AddDomainRecord ("alicloud: API call failed"); CleanUp lists the records with
    // DescribeDomainRecords ("API call has failed").
    step("lego (alidns)", "alicloud: API call failed", "alidns", &["DescribeDomains", "AddDomainRecord"], true),
    step("lego (alidns)", "alicloud: API call has failed", "alidns", &["DescribeDomainRecords"], true),
    // acme.sh (acmesh-official/acme.sh): the core prints this after any DNS hook fails to add the TXT record; the
    // dns_ali hook (dnsapi/dns_ali.sh) adds it with AddDomainRecord (its zone lookups ignore their errors). Every
    // hook shares the words, so only on an error already Alibaba Cloud DNS's.
    step("acme.sh (dns_ali)", "Error add txt for domain", "alidns", &["AddDomainRecord"], false),
    // OpenShift's ingress operator, Alibaba Cloud DNS (openshift/cluster-ingress-operator pkg/dns/alibaba).
    step("OpenShift ingress operator", "failed on describe private zones", "pvtz", &["DescribeZones"], true),
    step("OpenShift ingress operator", "failed on describe pvtz records", "pvtz", &["DescribeZoneRecords"], true),
    step("OpenShift ingress operator", "failed on describe domain records", "alidns", &["DescribeDomainRecords"], true),
    // ExternalDNS's Alibaba Cloud provider (kubernetes-sigs/external-dns provider/alibabacloud/alibaba_cloud.go):
    // public zones through Alibaba Cloud DNS, private zones through PrivateZone (whose zone listing it logs "in
    // Alibaba Cloud DNS" too).
    step("ExternalDNS", "Failed to describe domains for Alibaba Cloud DNS", "alidns", &["DescribeDomains"], true),
    step(
        "ExternalDNS",
        "Failed to describe domain records for Alibaba Cloud DNS",
        "alidns",
        &["DescribeDomainRecords"],
        true,
    ),
    step(
        "ExternalDNS",
        "Failed to create * record named * for Alibaba Cloud DNS",
        "alidns",
        &["AddDomainRecord"],
        true,
    ),
    step("ExternalDNS", "Failed to delete record * in Alibaba Cloud DNS", "alidns", &["DeleteDomainRecord"], true),
    step("ExternalDNS", "Failed to update record * in Alibaba Cloud DNS", "alidns", &["UpdateDomainRecord"], true),
    step("ExternalDNS", "Failed to describe zones in Alibaba Cloud DNS", "pvtz", &["DescribeZones"], true),
    step("ExternalDNS", "Failed to describe zone info * in Alibaba Cloud DNS", "pvtz", &["DescribeZoneInfo"], true),
    step(
        "ExternalDNS",
        "Failed to describe zone record * in Alibaba Cloud DNS",
        "pvtz",
        &["DescribeZoneRecords"],
        true,
    ),
    step(
        "ExternalDNS",
        "Failed to create * record named * for Alibaba Cloud Private Zone",
        "pvtz",
        &["AddZoneRecord"],
        true,
    ),
    step("ExternalDNS", "Failed to delete record * in Alibaba Cloud Private Zone", "pvtz", &["DeleteZoneRecord"], true),
    step("ExternalDNS", "Failed to update record * in Alibaba Cloud Private Zone", "pvtz", &["UpdateZoneRecord"], true),
    // Crossplane's Alibaba Cloud provider (crossplane-contrib/provider-alibaba pkg/controller/…, its clients in
    // pkg/clients/…): each step's words wrap the SDK's error (`<words>: <error>`).
    step("Crossplane provider-alibaba", "cannot create RDS instance:", "rds", &["CreateDBInstance"], true),
    step("Crossplane provider-alibaba", "cannot create RDS database account:", "rds", &["CreateAccount"], true),
    step("Crossplane provider-alibaba", "cannot delete RDS instance:", "rds", &["DeleteDBInstance"], true),
    step("Crossplane provider-alibaba", "cannot describe RDS instance:", "rds", &["DescribeDBInstances"], true),
    step("Crossplane provider-alibaba", "cannot create redis instance:", "kvstore", &["CreateInstance"], true),
    step("Crossplane provider-alibaba", "cannot create redis account:", "kvstore", &["CreateAccount"], true),
    step("Crossplane provider-alibaba", "cannot delete redis instance:", "kvstore", &["DeleteInstance"], true),
    step("Crossplane provider-alibaba", "cannot describe redis instance:", "kvstore", &["DescribeInstances"], true),
    step("Crossplane provider-alibaba", "failed to create OSS bucket:", "oss", &["PutBucket"], true),
    step("Crossplane provider-alibaba", "failed to update OSS bucket:", "oss", &["PutBucketAcl"], true),
    step("Crossplane provider-alibaba", "failed to delete OSS bucket:", "oss", &["DeleteBucket"], true),
    step("Crossplane provider-alibaba", "failed to describe OSS bucket:", "oss", &["GetBucketInfo"], true),
    step("Crossplane provider-alibaba", "failed to create NAS filesystem:", "nas", &["CreateFileSystem"], true),
    step("Crossplane provider-alibaba", "failed to delete NAS filesystem:", "nas", &["DeleteFileSystem"], true),
    step("Crossplane provider-alibaba", "failed to describe NAS filesystem:", "nas", &["DescribeFileSystems"], true),
    step("Crossplane provider-alibaba", "failed to create SLB:", "slb", &["CreateLoadBalancer"], true),
    step("Crossplane provider-alibaba", "failed to delete SLB:", "slb", &["DeleteLoadBalancer"], true),
    step("Crossplane provider-alibaba", "failed to describe SLB:", "slb", &["DescribeLoadBalancers"], true),
    // Disks for Kubernetes: the CSI external-provisioner's event for a claim of one of ACK's disk storage classes
    // (`alicloud-disk-essd`, `alicloud-disk-topology-alltype` …), whose driver creates the disk with CreateDisk; the
    // same event for another class only on an error already ECS's. The disk driver's attach step
    // (kubernetes-sigs/alibaba-cloud-csi-driver pkg/disk/cloud.go; its other steps' words start with the function's
    // name, `AttachDisk: …`, which the text names as an API already).
    step(
        "CSI disk provisioner",
        "failed to provision volume with StorageClass *alicloud-disk-",
        "ecs",
        &["CreateDisk"],
        true,
    ),
    step("CSI disk provisioner", "failed to provision volume with StorageClass", "ecs", &["CreateDisk"], false),
    step("Alibaba Cloud CSI driver", "Error happens to attach disk", "ecs", &["AttachDisk"], true),
    // The cloud controller manager's load balancer lookups (kubernetes/cloud-provider-alibaba-cloud
    // pkg/provider/alibaba/slb/loadbalancer.go).
    step("cloud-controller-manager", "find loadbalancer by tag error", "slb", &["DescribeLoadBalancers"], true),
    step("cloud-controller-manager", "find loadbalancer by name error", "slb", &["DescribeLoadBalancers"], true),
    // The cluster autoscaler's Alibaba Cloud provider (kubernetes/autoscaler
    // cluster-autoscaler/cloudprovider/alicloud/alicloud_auto_scaling.go).
    step(
        "cluster-autoscaler (alicloud)",
        "failed to get ScalingConfiguration info request for",
        "ess",
        &["DescribeScalingConfigurations"],
        true,
    ),
    step(
        "cluster-autoscaler (alicloud)",
        "failed to request scaling instances for",
        "ess",
        &["DescribeScalingInstances"],
        true,
    ),
    step("cluster-autoscaler (alicloud)", "failed to clean scaling group rules", "ess", &["DeleteScalingRule"], true),
    // The Serverless Framework's Alibaba Cloud plugin (aliyun/serverless-aliyun-function-compute
    // deploy/lib/setupService.js): it logs each step (`Serverless: Creating log project <name>...`) before the call
    // whose error follows.
    step("Serverless Framework (aliyun)", "Serverless: Creating log project", "log", &["CreateProject"], true),
    step("Serverless Framework (aliyun)", "Serverless: Creating log store", "log", &["CreateLogStore"], true),
    step("Serverless Framework (aliyun)", "Serverless: Creating log index for", "log", &["CreateIndex"], true),
    step("Serverless Framework (aliyun)", "Serverless: Creating service", "fc", &["CreateService"], true),
    step("Serverless Framework (aliyun)", "Serverless: Creating bucket", "oss", &["PutBucket"], true),
    // docker-machine's Alibaba Cloud ECS driver (AliyunContainerService/docker-machine-driver-aliyunecs):
    // `<machine> | <step>: <error>`. The words are ordinary, so only on an error already ECS's.
    step("docker-machine (aliyunecs)", "| Failed to describe images:", "ecs", &["DescribeImages"], false),
    step("docker-machine (aliyunecs)", "| Failed to create instance:", "ecs", &["CreateInstance"], false),
    step("docker-machine (aliyunecs)", "| Failed to start instance", "ecs", &["StartInstance"], false),
    step(
        "docker-machine (aliyunecs)",
        "| Error allocate public IP address for instance",
        "ecs",
        &["AllocatePublicIpAddress"],
        false,
    ),
    // ddns-go (jeessy2/ddns-go dns/alidns.go): it looks the record up with DescribeSubDomainRecords, then adds or
    // updates it. Every DNS provider of ddns-go prints the same words, so only on an error already Alibaba Cloud
    // DNS's.
    step("ddns-go", "查询域名信息发生异常", "alidns", &["DescribeSubDomainRecords"], false),
    step("ddns-go", "新增域名解析 * 失败", "alidns", &["AddDomainRecord"], false),
    step("ddns-go", "更新域名解析 * 失败", "alidns", &["UpdateDomainRecord"], false),
];

/// How far apart (in bytes) the fixed pieces of a row's words may stand on their line.
const MAX_GAP: usize = 256;

impl ToolStep {
    /// The API the failed step called: its first call, which any refusal of the caller (a permission, a key, a
    /// signature, a product not opened) stops at; an error about the resource itself (a duplicate, a quota, a
    /// balance) comes from the call that acts, the step's last.
    pub fn api(&self, kind: Kind) -> &'static str {
        let last = self.apis.len() - 1;
        self.apis[if kind == Kind::Other { last } else { 0 }]
    }

    /// The fixed words without the placeholders, for the reason the user reads (`Failed to create … record`).
    pub fn shown_words(&self) -> String {
        self.words.split('*').map(str::trim).collect::<Vec<_>>().join(" … ")
    }

    /// The fixed pieces of the words, placeholders left out.
    fn pieces(&self) -> impl Iterator<Item = &'static str> {
        self.words.split('*').map(str::trim).filter(|p| !p.is_empty())
    }

    /// The piece the automaton looks for: the longest, so ordinary first words (`Failed to create`) do not send
    /// every error of a long log to the check.
    fn anchor(&self) -> &'static str {
        self.pieces().max_by_key(|p| p.len()).unwrap_or(self.words)
    }

    /// Whether the whole words stand on the line of `text` that holds `at` (where the anchor was found): the
    /// pieces in order, each at most [`MAX_GAP`] bytes after the one before.
    fn stands_on_line(&self, text: &str, at: usize) -> bool {
        let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
        let line_end = text[at..].find('\n').map_or(text.len(), |n| at + n);
        let line = &text[line_start..line_end];
        let mut pieces = self.pieces();
        let first = pieces.next().unwrap_or(self.words);
        let rest: Vec<&str> = pieces.collect();
        let mut from = 0;
        while let Some(i) = find_ignoring_case(&line[from..], first) {
            let mut pos = from + i + first.len();
            let follows = rest.iter().all(|piece| {
                let end = line.len().min(crate::text::floor_boundary(line, pos + MAX_GAP + piece.len()));
                match find_ignoring_case(&line[pos..end], piece) {
                    Some(j) => {
                        pos += j + piece.len();
                        true
                    }
                    None => false,
                }
            });
            if follows {
                return true;
            }
            from = crate::text::ceil_boundary(line, from + i + 1);
        }
        false
    }
}

/// Where `needle` first stands in `hay`, ASCII case ignored.
fn find_ignoring_case(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    (0..=h.len().checked_sub(n.len())?).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Every row's anchor in one automaton (pattern `i` is row `i`'s), searched without overlaps (the fast search):
/// rows sharing an anchor are looked up by it.
fn automaton() -> &'static AhoCorasick {
    static ANCHORS: OnceLock<AhoCorasick> = OnceLock::new();
    ANCHORS.get_or_init(|| {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(TOOL_STEPS.iter().map(ToolStep::anchor))
            .expect("the steps' words are valid needles")
    })
}

/// How near a row stands to the error, nearest least: (0 on its lines, 1 above, 2 below; lines away; the
/// most specific words first).
type Nearness = (u8, usize, std::cmp::Reverse<usize>);

/// Where rows' anchors stand in a text (an error's window: a pass over a whole long log costs more than the
/// windows of its errors).
#[derive(Debug, Default)]
pub struct Hits(Vec<(usize, usize)>);

impl Hits {
    /// The anchors in `text`, as (offset, row), in text order.
    pub fn of(text: &str) -> Hits {
        Hits(automaton().find_iter(text).map(|m| (m.start(), m.pattern().as_usize())).collect())
    }

    /// The rows whose whole words stand in `text` around the error at `error` (its span in `text`), nearest first:
    /// those on the error's lines (the most specific words first), then those above it, the nearest line first, then
    /// those below it. A row below the error only confirms a product (acme.sh prints its step after the hook's
    /// message; a step that names a product below belongs to the next error), and a step whose tool logs another
    /// line before the error ended before it ([`STEP_LOGS`]).
    pub fn standing_in(&self, text: &str, error: (usize, usize)) -> Vec<&'static ToolStep> {
        let (start, end) =
            (floor_boundary(text, error.0.min(text.len())), floor_boundary(text, error.1.min(text.len())));
        let lines_start = text[..start].rfind('\n').map_or(0, |n| n + 1);
        let last = floor_boundary(text, end.saturating_sub(1).max(start));
        let lines_end = text[last..].find('\n').map_or(text.len(), |n| last + n);
        let mut found: Vec<(Nearness, &'static ToolStep)> = self
            .0
            .iter()
            .flat_map(|&(at, row)| {
                let anchor = TOOL_STEPS[row].anchor();
                TOOL_STEPS.iter().filter(move |s| s.anchor().eq_ignore_ascii_case(anchor)).map(move |s| (s, at))
            })
            .filter(|(s, at)| s.stands_on_line(text, *at))
            .filter_map(|(s, at)| {
                let place = if at < lines_start {
                    let line_end = text[at..].find('\n').map_or(text.len(), |n| at + n);
                    if ended_before(s, &text[line_end..lines_start]) {
                        return None;
                    }
                    (1, text[at..lines_start].matches('\n').count())
                } else if at < lines_end {
                    (0, 0)
                } else if !s.names_product {
                    (2, text[lines_end..at].matches('\n').count())
                } else {
                    return None;
                };
                Some(((place.0, place.1, std::cmp::Reverse(s.words.len())), s))
            })
            .collect();
        found.sort_by_key(|(key, _)| *key);
        let mut rows: Vec<&'static ToolStep> = Vec::with_capacity(found.len());
        for (_, s) in found {
            if !rows.iter().any(|r| std::ptr::eq(*r, s)) {
                rows.push(s);
            }
        }
        rows
    }
}

/// Tools that log each step on a line of its own before making its call, and the words each line they log carries:
/// the Serverless Framework's CLI puts `Serverless: ` before every line its plugins log (the Alibaba Cloud plugin's
/// `Creating log project <name>...`, then `Created log project <name>` once the call returned). Any later line of
/// the tool before the error (the step's `Created …`, the next step's `Creating …`, an upload) means the step
/// ended, so the error is not its.
pub const STEP_LOGS: &[(&str, &str)] = &[("Serverless Framework (aliyun)", "Serverless:")];

/// Whether the tool of `step` logs a line in `after` (the lines between its step's line and the error's).
fn ended_before(step: &ToolStep, after: &str) -> bool {
    STEP_LOGS
        .iter()
        .filter(|(tool, _)| *tool == step.tool)
        .any(|(_, words)| after.lines().skip(1).any(|line| find_ignoring_case(line, words).is_some()))
}

/// Of the rows standing around an error (nearest first, [`Hits::standing_in`]), the one that applies to an error
/// of `product` (when the text names one): the nearest whose product agrees with the text's, or whose words name it
/// when the text names none.
pub fn choose(standing: &[&'static ToolStep], product: Option<&str>) -> Option<&'static ToolStep> {
    let applies = |s: &ToolStep| match product {
        Some(p) => p.eq_ignore_ascii_case(s.ram_code),
        None => s.names_product,
    };
    standing.iter().copied().find(|s| applies(s))
}

/// The step a tool says it failed at in `window`, for an error of `product` ([`Hits`] and [`choose`] together).
pub fn find(window: &str, product: Option<&str>) -> Option<&'static ToolStep> {
    choose(&Hits::of(window).standing_in(window, (0, window.len())), product)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_stand_for_words_on_the_same_line() {
        let line =
            "Failed to create A record named 'www.example.com' to '1.2.3.4' with ttl 600 for Alibaba Cloud DNS: x";
        let found = find(line, None).expect("the row");
        assert_eq!((found.ram_code, found.apis), ("alidns", &["AddDomainRecord"][..]));
        assert_eq!(found.shown_words(), "Failed to create … record named … for Alibaba Cloud DNS");
        // Any case; the Private Zone's words are more specific than the DNS's.
        let pvtz = "FAILED TO CREATE A RECORD NAMED 'x' TO 'y' WITH TTL 60 FOR ALIBABA CLOUD PRIVATE ZONE";
        assert_eq!(find(pvtz, None).map(|s| s.apis), Some(&["AddZoneRecord"][..]));
        // The pieces on different lines, or too far apart, are not the step's words.
        assert!(find("Failed to create A record named 'www'\nfor Alibaba Cloud DNS", None).is_none());
        let far = format!("Failed to create A record named {} for Alibaba Cloud DNS", "x".repeat(300));
        assert!(find(&far, None).is_none());
    }

    #[test]
    fn the_first_call_unless_the_resource_refused() {
        let lego = &TOOL_STEPS[0];
        assert_eq!(lego.api(Kind::MissingPermission), "DescribeDomains");
        assert_eq!(lego.api(Kind::BadCredentials), "DescribeDomains");
        assert_eq!(lego.api(Kind::Other), "AddDomainRecord");
    }

    #[test]
    fn shared_words_only_confirm_a_product() {
        let line = "[Sat] Error add txt for domain:_acme-challenge.example.com";
        assert!(find(line, None).is_none());
        assert_eq!(find(line, Some("alidns")).map(|s| s.tool), Some("acme.sh (dns_ali)"));
        assert!(find(line, Some("ecs")).is_none());
        // The most specific words win.
        let csi = "failed to provision volume with StorageClass \"alicloud-disk-essd\": rpc error";
        assert_eq!(find(csi, None).map(|s| s.words.len()), find(csi, Some("ecs")).map(|s| s.words.len()));
        assert!(find(csi, None).is_some_and(|s| s.names_product));
    }

    #[test]
    fn a_later_line_of_the_tool_ends_its_step() {
        let log = "Serverless: Creating log project p...\nServerless: Created log project p\nServerless: Creating log store p/s...\nUnauthorized: denied";
        let error = (log.rfind("Unauthorized").expect("the error"), log.len());
        let standing = Hits::of(log).standing_in(log, error);
        assert_eq!(standing.iter().map(|s| s.apis[0]).collect::<Vec<_>>(), ["CreateLogStore"]);
        // Without the later lines, the step stands; another tool's lines do not end it.
        let other = "Serverless: Creating log project p...\nINFO uploading\nUnauthorized: denied";
        let error = (other.rfind("Unauthorized").expect("the error"), other.len());
        assert_eq!(choose(&Hits::of(other).standing_in(other, error), None).map(|s| s.apis[0]), Some("CreateProject"));
    }

    #[test]
    fn below_the_error_a_row_only_confirms() {
        let log =
            "ErrorCode: Forbidden.RAM\ncannot delete redis instance: x\n[Sat] Error add txt for domain:_acme-challenge";
        let standing = Hits::of(log).standing_in(log, (0, 24));
        assert_eq!(standing.iter().map(|s| s.tool).collect::<Vec<_>>(), ["acme.sh (dns_ali)"]);
    }
}
