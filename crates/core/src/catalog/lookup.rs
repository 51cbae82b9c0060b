//! The catalog's queries. Every per-block lookup is a hash-map probe; only free-text search scans.

use super::model::{
    AccessLevel, Api, ApiLookup, ErrorCode, GrantBasis, PolicyGrant, PolicyKind, Product, ProductSentence, ServiceRole,
    SystemPolicy,
};

use super::{Catalog, DocumentActions, Map, MAX_TERM_WORDS};

impl Catalog {
    /// A product by OpenAPI code or RAM code, case-insensitively.
    pub fn product(&self, code: &str) -> Option<&Product> {
        self.by_code.get(&code.trim().to_ascii_lowercase()).map(|&i| &self.products[i])
    }

    /// Every product, sorted by OpenAPI code.
    pub fn products(&self) -> &[Product] {
        &self.products
    }

    /// Whether `code` is a RAM code (action prefix) any source names.
    pub fn known_ram_code(&self, code: &str) -> bool {
        self.ram_codes.contains(&code.to_ascii_lowercase())
    }

    /// Every known RAM code, sorted.
    pub fn ram_codes(&self) -> impl Iterator<Item = &str> {
        self.ram_codes.iter().map(String::as_str)
    }

    /// The product serving an endpoint host (`ecs.cn-hangzhou.aliyuncs.com`, `mybucket.oss-cn-hangzhou.aliyuncs.com`,
    /// `hbr.console.aliyun.com`). A URL is accepted too: scheme, port and path are ignored.
    pub fn product_by_host(&self, host: &str) -> Option<&Product> {
        let host = bare_host(host);
        if host.is_empty() {
            return None;
        }
        if let Some(&i) = self.by_host.get(&host) {
            return Some(&self.products[i]);
        }
        if !in_cloud_domain(&host) {
            return None;
        }
        let labels: Vec<&str> = host.split('.').collect();
        // `hbr.console.aliyun.com`, `ecs.console.alibabacloud.com`.
        if labels.len() >= 3 && labels[1] == "console" {
            return self.product(labels[0]);
        }
        // A bucket or project in front of a known host: `mybucket.oss-cn-hangzhou.aliyuncs.com`,
        // `myproject.cn-hangzhou.log.aliyuncs.com`.
        let mut rest = host.as_str();
        for _ in 1..labels.len().saturating_sub(2) {
            rest = rest.split_once('.').map_or("", |(_, r)| r);
            if let Some(&i) = self.by_host.get(rest) {
                return Some(&self.products[i]);
            }
        }
        if let Some((first, rest)) = host.split_once('.') {
            // A first label that is a product's code as it stands (`cloudauth-intl.aliyuncs.com`), before a
            // network suffix is cut from it (not in front of an OSS host, where it is a bucket's name).
            if labels.len() >= 3
                && !NOT_PRODUCT_LABELS.contains(&first)
                && !labels[1..].iter().any(|l| *l == "oss" || l.starts_with("oss-"))
            {
                if let Some(p) = self.by_code.get(first).map(|&i| &self.products[i]) {
                    return Some(p);
                }
            }
            // A network variant of a host the catalog lists (`metrics-vpc.<region>…` of `metrics.<region>…`).
            let base = NETWORK_SUFFIXES.iter().find_map(|s| first.strip_suffix(s));
            if let Some(&i) = base.and_then(|b| self.by_host.get(&format!("{b}.{rest}"))) {
                return Some(&self.products[i]);
            }
        }
        let found = endpoint_codes(&host).find_map(|code| self.product(code));
        found
    }

    /// How many products go by this name, code or alias (any case): a name more than one product has names
    /// none of them alone. Products under one RAM code (Function Compute 2.0 and 3.0, both `fc`) count once.
    pub fn name_owners(&self, name: &str) -> usize {
        let t = name.trim().to_lowercase();
        let mut codes: Vec<&str> = if !t.is_ascii() {
            self.search_terms_cjk
                .iter()
                .filter(|c| c.term == t)
                .map(|c| self.products[c.product].ram_code.as_str())
                .collect()
        } else {
            let words: Vec<&str> =
                t.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_')).filter(|w| !w.is_empty()).collect();
            let owners = self.search_index.get(&words.join(" ")).map_or(&[][..], Vec::as_slice);
            owners.iter().map(|&i| self.products[i].ram_code.as_str()).collect()
        };
        codes.sort_unstable();
        codes.dedup();
        codes.len()
    }

    /// Products whose names or codes appear in free text (English or Chinese), best match first.
    ///
    /// Whole names and codes are found by hashing the text's runs of up to six words; Chinese names by
    /// substring. Only when nothing is found does it fall back to names that contain the text (`对象存储`).
    pub fn search_products(&self, text: &str) -> Vec<&Product> {
        let query = text.trim().to_lowercase();
        if query.is_empty() {
            return Vec::new();
        }
        let mut best = vec![0u32; self.products.len()];
        let score = |best: &mut [u32], products: &[usize], value: u32| {
            for &p in products {
                best[p] = best[p].max(value);
            }
        };
        if let Some(ps) = self.search_index.get(&query) {
            score(&mut best, ps, 1000);
        }
        let words: Vec<&str> =
            query.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_')).filter(|w| !w.is_empty()).collect();
        // Each run grows by a word in one reused buffer, not joined anew per run (a window of a few hundred
        // words asks for six runs a word).
        let mut run = String::new();
        for start in 0..words.len() {
            if !self.search_first_words.contains(words[start]) {
                continue;
            }
            run.clear();
            for word in &words[start..words.len().min(start + MAX_TERM_WORDS)] {
                if !run.is_empty() {
                    run.push(' ');
                }
                run.push_str(word);
                if let Some(ps) = self.search_index.get(&run) {
                    // A longer name found in the text is more specific than a short code.
                    score(&mut best, ps, 500 + run.chars().count() as u32);
                }
            }
        }
        // Chinese names are written with or without spaces around their Latin parts (`云数据库 MongoDB 版`).
        // Every such term holds a character past ASCII, so an ASCII text holds none: its search over every
        // term, twice, was most of this function's cost on logs (callgrind).
        if !query.is_ascii() {
            let tight: String = query.chars().filter(|c| *c != ' ').collect();
            for c in &self.search_terms_cjk {
                if query.contains(c.term.as_str()) || tight.contains(c.tight.as_str()) {
                    score(&mut best, &[c.product], 500 + c.term.chars().count() as u32);
                }
            }
        }
        let query_chars = query.chars().count();
        if best.iter().all(|s| *s == 0) && query_chars >= 2 && (query.len() >= 3 || !query.is_ascii()) {
            for (term, p) in &self.search_terms {
                if term.contains(&query) {
                    score(&mut best, &[*p], 100 + (100 * query_chars / term.chars().count().max(1)) as u32);
                }
            }
        }
        let mut scores: Vec<(u32, usize)> =
            best.into_iter().enumerate().filter(|(_, s)| *s > 0).map(|(i, s)| (s, i)).collect();
        crate::order::sort_by(&mut scores, &|a, b| {
            b.0.cmp(&a.0).then_with(|| self.products[a.1].code.cmp(&self.products[b.1].code)).then(a.1.cmp(&b.1))
        });
        scores.into_iter().map(|(_, i)| &self.products[i]).collect()
    }

    /// A product's system policies: ReadOnly first, then Full, then the others (the primary one first in each).
    pub fn system_policies(&self, ram_code: &str) -> Vec<&SystemPolicy> {
        self.by_ram_code_or_product(&self.policies_by_code, ram_code).iter().map(|&i| &self.policies[i]).collect()
    }

    /// The list `map` holds for a RAM code; a product code works too (`sls` → `log`).
    fn by_ram_code_or_product<'a>(&self, map: &'a Map<String, Vec<usize>>, code: &str) -> &'a [usize] {
        let code = code.trim().to_ascii_lowercase();
        map.get(&code)
            .or_else(|| self.product(&code).and_then(|p| map.get(&p.ram_code.to_ascii_lowercase())))
            .map_or(&[], Vec::as_slice)
    }

    /// A system policy by name, case-insensitively.
    pub fn system_policy(&self, name: &str) -> Option<&SystemPolicy> {
        self.policy_by_name.get(&name.trim().to_ascii_lowercase()).map(|&i| &self.policies[i])
    }

    /// The product's main ReadOnly or Full policy (`AliyunHBRReadOnlyAccess`), where the data names one.
    pub fn primary_policy(&self, ram_code: &str, kind: PolicyKind) -> Option<&SystemPolicy> {
        self.system_policies(ram_code).into_iter().find(|p| p.primary && p.kind == kind)
    }

    /// An API by product (either code) and API name.
    pub fn api(&self, product: &str, api: &str) -> ApiLookup<'_> {
        let Some(p) = self.product(product) else { return ApiLookup::Unknown };
        let code = p.ram_code.to_ascii_lowercase();
        let Some(shard) = self.shards.get(&code) else {
            return if p.has_openapi() { ApiLookup::ShardMissing(code) } else { ApiLookup::Unknown };
        };
        let shard = self.shard_apis(&code, shard);
        let wanted = self.by_code.get(&product.trim().to_ascii_lowercase()).copied();
        let candidates = shard.by_name.get(&api.trim().to_ascii_lowercase());
        // The exact product asked for first; any product sharing the RAM code otherwise.
        let found = candidates
            .and_then(|c| c.iter().copied().find(|&i| Some(shard.apis[i].0) == wanted).or_else(|| c.first().copied()));
        match found {
            Some(i) => ApiLookup::Found(&self.products[shard.apis[i].0], &shard.apis[i].1),
            None => ApiLookup::Unknown,
        }
    }

    /// The RAM codes of the loaded shards that have an API of this name (exact case), sorted: which product an API
    /// name alone can belong to.
    pub fn ram_codes_with_api(&self, api: &str) -> Vec<&str> {
        let api = api.trim();
        let index = self.api_codes.get_or_init(|| super::ApiCodes::of(&self.shards));
        let hash = super::ApiCodes::hash(api);
        let from = index.by_hash.partition_point(|&(h, _)| h < hash);
        let lower = api.to_ascii_lowercase();
        let mut codes: Vec<&str> = index.by_hash[from..]
            .iter()
            .take_while(|&&(h, _)| h == hash)
            .map(|&(_, n)| index.codes[n as usize].as_str())
            .filter(|code| {
                let shard = self.shard_apis(code, &self.shards[*code]);
                shard.by_name.get(&lower).is_some_and(|c| c.iter().any(|&i| shard.apis[i].1.name == api))
            })
            .collect();
        codes.sort_unstable();
        codes.dedup();
        codes
    }

    /// A RAM action (`hbr:CreateBackupPlan`), case-insensitively.
    pub fn action(&self, action: &str) -> ApiLookup<'_> {
        let Some((code, name)) = action.trim().split_once(':') else { return ApiLookup::Unknown };
        let code = code.to_ascii_lowercase();
        match self.shards.get(&code) {
            Some(shard) => {
                let shard = self.shard_apis(&code, shard);
                match shard.by_name.get(&name.to_ascii_lowercase()).and_then(|c| c.first()) {
                    Some(&i) => ApiLookup::Found(&self.products[shard.apis[i].0], &shard.apis[i].1),
                    None => ApiLookup::Unknown,
                }
            }
            None if self
                .by_ram_code
                .get(&code)
                .is_some_and(|ps| ps.iter().any(|&i| self.products[i].has_openapi())) =>
            {
                ApiLookup::ShardMissing(code)
            }
            None => ApiLookup::Unknown,
        }
    }

    /// Every API of a RAM code with its product, or `None` when that shard is not loaded (for wildcard
    /// expansion and "how much more than needed does `AliyunXFullAccess` grant").
    pub fn apis_of(&self, ram_code: &str) -> Option<Vec<(&Product, &Api)>> {
        let code = ram_code.to_ascii_lowercase();
        let shard = self.shard_apis(&code, self.shards.get(&code)?);
        Some(shard.apis.iter().map(|(p, a)| (&self.products[*p], a)).collect())
    }

    /// The shard's APIs, one per action (case-blind, the first in file order), ordered by the action lower-cased;
    /// `None` when the shard is not loaded. Worked out once per shard: the grant plan asks per finding, and sorting
    /// a large product's actions each time was ≈ 2 % of an error-dense log's run (callgrind).
    pub fn distinct_actions(&self, ram_code: &str) -> Option<impl Iterator<Item = &Api>> {
        let code = ram_code.to_ascii_lowercase();
        let shard = self.shard_apis(&code, self.shards.get(&code)?);
        let positions = shard.distinct_actions.get_or_init(|| {
            let mut keyed: Vec<(String, usize)> =
                shard.apis.iter().enumerate().map(|(i, (_, api))| (api.action.to_ascii_lowercase(), i)).collect();
            crate::order::sort_by(&mut keyed, &|a, b| a.0.cmp(&b.0));
            keyed.dedup_by(|a, b| a.0 == b.0);
            keyed.into_iter().map(|(_, i)| i).collect()
        });
        Some(positions.iter().map(|&i| &shard.apis[i].1))
    }

    /// The loaded APIs whose action matches a RAM action pattern (`ecs:Describe*`, `hbr:*`), or `None` when the
    /// pattern's shard is not loaded.
    pub fn actions_matching(&self, pattern: &str) -> Option<Vec<&Api>> {
        let (code, _) = pattern.split_once(':')?;
        let code = code.to_ascii_lowercase();
        let shard = self.shard_apis(&code, self.shards.get(&code)?);
        let mut seen = std::collections::HashSet::new();
        Some(
            shard
                .apis
                .iter()
                .map(|(_, a)| a)
                .filter(|a| glob_match(pattern, &a.action) && seen.insert(a.name.to_ascii_lowercase()))
                .collect(),
        )
    }

    /// System policies that allow `action`: by their captured document, or, for the primary Full/ReadOnly
    /// policy of the action's RAM code (and the account-wide `AdministratorAccess`/`ReadOnlyAccess`) without a
    /// document, by convention. ReadOnly by convention needs the action's access level, so its shard.
    /// Ordered: the action's own product's policies (primary first, ReadOnly before Full), other products', account-wide ones,
    /// service-role policies last.
    pub fn policies_granting(&self, action: &str) -> Vec<PolicyGrant<'_>> {
        let Some((code, _)) = action.trim().split_once(':') else { return Vec::new() };
        let code = code.to_ascii_lowercase();
        let reads = match self.action(action) {
            ApiLookup::Found(_, api) => Some(api.access.is_read()),
            _ => None,
        };
        let mut grants = Vec::new();
        for (i, doc) in &self.documents {
            if doc.allows(action) {
                grants.push(PolicyGrant { policy: &self.policies[*i], basis: GrantBasis::Document });
            }
        }
        for scope in [code.as_str(), "*"] {
            for p in self.policies_by_code.get(scope).into_iter().flatten().map(|&i| &self.policies[i]) {
                if p.document.is_some() || !p.primary {
                    continue;
                }
                let by_convention = match p.kind {
                    PolicyKind::Full => true,
                    PolicyKind::ReadOnly => reads == Some(true),
                    PolicyKind::Other => false,
                };
                if by_convention {
                    grants.push(PolicyGrant { policy: p, basis: GrantBasis::Convention });
                }
            }
        }
        // Most useful first: the action's own product's policies (primary first, ReadOnly before Full), then other attachable
        // policies, account-wide ones, and last the policies of service roles.
        crate::order::sort_by_key(&mut grants, |g| {
            let p = g.policy;
            let own = p.ram_code.as_deref().is_some_and(|rc| rc.eq_ignore_ascii_case(&code));
            let tier = match p.scope.as_str() {
                _ if own => 0,
                "service" => 1,
                "global" => 2,
                _ => 3,
            };
            // Narrowest first: a ReadOnly policy that covers the action beats the Full one.
            let breadth = match p.kind {
                PolicyKind::ReadOnly => 0,
                PolicyKind::Full => 1,
                PolicyKind::Other => 2,
            };
            (tier, !p.primary, breadth, p.name.clone())
        });
        grants
    }

    /// The service role whose absence causes this error code (`EntityNotExist.AliyunECIContainerGroupRole`,
    /// `NoPermission.AliyunServiceRoleForECI`): any dot-separated part of the code that names a known role.
    pub fn service_role_for_error(&self, code: &str) -> Option<&ServiceRole> {
        let lower = code.trim().to_ascii_lowercase();
        std::iter::once(lower.as_str())
            .chain(lower.split(['.', ':']))
            .find_map(|part| self.role_by_name.get(part.trim()))
            .map(|&i| &self.roles[i])
    }

    /// A service role by name, case-insensitively.
    pub fn service_role(&self, role_name: &str) -> Option<&ServiceRole> {
        self.role_by_name.get(&role_name.trim().to_ascii_lowercase()).map(|&i| &self.roles[i])
    }

    /// Service roles a product needs (by RAM code or product code).
    pub fn service_roles(&self, ram_code: &str) -> Vec<&ServiceRole> {
        self.by_ram_code_or_product(&self.roles_by_code, ram_code).iter().map(|&i| &self.roles[i]).collect()
    }

    /// An error code's metadata: exact spelling first, then case-insensitively. Permission and credential
    /// codes are always known; other codes once a shard of a product that lists them is loaded.
    pub fn error_code(&self, code: &str) -> Option<&ErrorCode> {
        let code = code.trim();
        self.error_exact
            .get(code)
            .or_else(|| self.error_lower.get(&code.to_ascii_lowercase()))
            .map(|&i| &self.errors[i])
    }

    /// The one RAM code whose loaded products list `code`, when only one does (the OpenAPI products of one RAM
    /// code count once). Complete for the permission and credential codes the index holds; for the rest, as far as
    /// the loaded shards go (the CLI loads them all).
    pub fn sole_code_owner(&self, code: &str) -> Option<String> {
        let e = self.error_code(code)?;
        let mut owners = e.products.iter().map(|p| self.product(p).map_or(p.as_str(), |p| p.ram_code.as_str()));
        let first = owners.next()?;
        owners.all(|o| o.eq_ignore_ascii_case(first)).then(|| first.to_ascii_lowercase())
    }

    /// Whether both halves of a dotted code, what comes before its first dot and the rest, stand in the loaded
    /// codes of several products (`InvalidParameter.PageSize`, `InvalidInstanceId.NotFound`): a generic code,
    /// whichever product happens to document it. A half only one product's codes use (`QuotaExceed.PostPaidDisk`,
    /// `Waf.…`) makes the code that product's own.
    pub fn code_is_generic(&self, code: &str) -> bool {
        let Some((first, rest)) = code.split_once('.') else { return true };
        let shared = |key: String| self.code_halves.get(&key).is_some_and(Option::is_none);
        shared(format!("<{}", first.to_ascii_lowercase())) && shared(format!(">{}", rest.to_ascii_lowercase()))
    }

    /// The documented sentences that occur in `text` (compared without case, spaces or punctuation), whole or by
    /// their later clauses when those tell them apart, in text order.
    pub fn sentences_in(&self, text: &str) -> Vec<&ProductSentence> {
        let Some(finder) = &self.sentence_finder else {
            return Vec::new();
        };
        let normalized = normalize_sentence(text);
        let mut found: Vec<&ProductSentence> = Vec::new();
        for m in finder.find_iter(&normalized) {
            let s = &self.sentences[self.sentence_of_needle[m.pattern().as_usize()]];
            if !found.iter().any(|f| std::ptr::eq(*f, s)) {
                found.push(s);
            }
        }
        found
    }

    /// The RAM codes of the products a Terraform resource type (`alicloud_instance`) calls, the creating one first.
    pub fn terraform_products(&self, resource_type: &str) -> Option<&[String]> {
        self.terraform.get(resource_type).map(|(products, _)| products.as_slice())
    }

    /// Every Terraform resource type the catalog knows (`alicloud_instance`), in no particular order.
    pub fn terraform_types(&self) -> impl Iterator<Item = &str> {
        self.terraform.keys().map(String::as_str)
    }

    /// The RAM code and API that create a Terraform resource type's resource (`alicloud_vswitch` →
    /// `("vpc", "CreateVSwitch")`), when the provider's create function calls one directly.
    pub fn terraform_create_api(&self, resource_type: &str) -> Option<(&str, &str)> {
        let (products, api) = self.terraform.get(resource_type)?;
        let api = api.as_deref()?;
        match api.split_once(':') {
            Some((ram_code, name)) => Some((ram_code, name)),
            None => Some((products.first()?.as_str(), api)),
        }
    }

    /// The access level of an action: from its shard when loaded (`Some((level, inferred))`).
    pub fn access_level(&self, action: &str) -> Option<(AccessLevel, bool)> {
        match self.action(action) {
            ApiLookup::Found(_, api) => Some((api.access, api.access_inferred)),
            _ => None,
        }
    }
}

impl DocumentActions {
    pub(super) fn from_document(doc: &serde_json::Value) -> DocumentActions {
        let mut out = DocumentActions::default();
        let statements = match doc.get("Statement") {
            Some(serde_json::Value::Array(list)) => list.iter().collect(),
            Some(one @ serde_json::Value::Object(_)) => vec![one],
            _ => Vec::new(),
        };
        for st in statements {
            let actions: Vec<String> = match st.get("Action") {
                Some(serde_json::Value::String(s)) => vec![s.clone()],
                Some(serde_json::Value::Array(list)) => {
                    list.iter().filter_map(|v| v.as_str().map(str::to_string)).collect()
                }
                _ => Vec::new(),
            };
            match st.get("Effect").and_then(|e| e.as_str()) {
                Some("Allow") => out.allow.extend(actions),
                Some("Deny") => out.deny.extend(actions),
                _ => {}
            }
        }
        out
    }

    fn allows(&self, action: &str) -> bool {
        self.allow.iter().any(|p| glob_match(p, action)) && !self.deny.iter().any(|p| glob_match(p, action))
    }
}

/// RAM's action matching: ASCII case-insensitive, `*` for any run of characters, `?` for one. No allocation:
/// `policies_granting` runs it against every captured document.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let (p, t) = (pattern.as_bytes(), text.as_bytes());
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == b'?' || p[pi].eq_ignore_ascii_case(&t[ti])) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == b'*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == b'*')
}

/// The codes a host under Alibaba Cloud's domains may name, in label order, variants the metadata does not list
/// undone: `ecs-vpc.cn-hangzhou.aliyuncs.com` → `ecs`, `oss-cn-hangzhou-internal.aliyuncs.com` → `oss`,
/// `cn-hangzhou-intranet.log.aliyuncs.com` → `log`, Container Registry's `registry-vpc.<region>…` and an
/// Enterprise instance's `<instance>-registry.<region>.cr.aliyuncs.com` → `cr`, `ecs-cn-hangzhou…` (older
/// regional style) → `ecs`. `host` is lower case, without scheme or port.
pub fn endpoint_codes(host: &str) -> impl Iterator<Item = &str> {
    let labels = if in_cloud_domain(host) { host.split('.').count().saturating_sub(2) } else { 0 };
    // An OSS endpoint label anywhere: the labels before it are a bucket's name (`logs.oss-cn-hangzhou…`).
    let oss = host.split('.').take(labels).any(|l| l == "oss" || l.starts_with("oss-"));
    let labels = if oss { 0 } else { labels };
    std::iter::once("oss").filter(move |_| oss).chain(host.split('.').take(labels).filter_map(|label| {
        if looks_like_region(label) || NOT_PRODUCT_LABELS.contains(&label) {
            return None;
        }
        let base = NETWORK_SUFFIXES.iter().find_map(|s| label.strip_suffix(s)).unwrap_or(label);
        let base = REGION_PREFIXES
            .iter()
            .find_map(|r| {
                base.match_indices(r).find(|(at, _)| base[..*at].ends_with('-')).map(|(at, _)| &base[..at - 1])
            })
            .unwrap_or(base);
        Some(HOST_LABELS.iter().find(|(l, _)| *l == base).map_or(base, |(_, code)| *code))
    }))
}

/// A host as written or a URL, bare: `https://ecs.cn-hangzhou.aliyuncs.com:443/path` → `ecs.cn-hangzhou.aliyuncs.com`.
pub fn bare_host(input: &str) -> String {
    let s = input.trim();
    let s = s.split_once("://").map_or(s, |(_, rest)| rest);
    let s = s.split(['/', '?', '#']).next().unwrap_or("");
    let s = s.rsplit_once('@').map_or(s, |(_, h)| h);
    let s = s.split(':').next().unwrap_or("");
    s.trim_end_matches('.').to_ascii_lowercase()
}

/// `cn-hangzhou`, `ap-southeast-1`, `cn-shanghai-finance-1`.
fn looks_like_region(label: &str) -> bool {
    REGION_PREFIXES.iter().any(|p| label.starts_with(p))
}

/// Alibaba Cloud's own domains: only under them does a host's first label name a product
/// (`cn-beijing-data.aliyundrive.net` names none).
const CLOUD_DOMAINS: [&str; 4] = [".aliyuncs.com", ".aliyun.com", ".alibabacloud.com", ".aliyun-inc.com"];

/// Whether a lower-case host is under one of Alibaba Cloud's own domains.
pub fn in_cloud_domain(host: &str) -> bool {
    CLOUD_DOMAINS.iter().any(|d| host.ends_with(d))
}

/// Labels of Alibaba Cloud hosts that are sites, not a product's endpoint (`api.aliyun.com`, `help.aliyun.com`).
const NOT_PRODUCT_LABELS: &[&str] =
    &["api", "help", "www", "home", "next", "signin", "error-center", "usercenter2", "account", "console"];

/// Endpoint labels' network variants (`ecs-vpc`, `oss-cn-hangzhou-internal`).
const NETWORK_SUFFIXES: &[&str] = &["-vpc", "-internal", "-intranet", "-share", "-intl", "-inner"];

/// Endpoint labels (after the network suffix is cut) that are not the code of the product serving them:
/// Container Registry answers at `registry.<region>.aliyuncs.com` (and `registry-vpc`, `registry-intl`) and an
/// Enterprise instance at `<instance>-registry.<region>.cr.aliyuncs.com`.
const HOST_LABELS: &[(&str, &str)] = &[("registry", "cr")];

/// How Alibaba Cloud region ids begin.
const REGION_PREFIXES: [&str; 8] = ["cn-", "ap-", "us-", "eu-", "me-", "sa-", "na-", "rus-"];

/// Each byte lowered when it is an ASCII letter or digit, else 0 (dropped): one load per byte where testing the
/// byte's class and lowering it cost about three times the instructions (callgrind, the error-dense log).
const KEPT_LOWER: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        if b.is_ascii_alphanumeric() {
            table[c] = b.to_ascii_lowercase();
        }
        c += 1;
    }
    table
};

/// A sentence reduced to what survives copying from a page or a log: lower-case letters and digits, CJK
/// characters; no spaces or punctuation (full-width or not), so `权限不足，请…` and `权限不足,请…` compare equal.
pub fn normalize_sentence(s: &str) -> String {
    // Runs over every error's lines in a log: ASCII (most of a log) takes the cheap test, and the output is sized
    // once (a tenth of a dense log's scan went here with the plain filter-and-collect).
    // Bytes, not chars: a run of ASCII is copied whole and compacted in place (each byte written lowered, the
    // write position moved on only for a letter or digit); only the rest is decoded.
    let b = s.as_bytes();
    // Most errors' lines are ASCII throughout (a word-at-a-time test): one pass, no search for the next
    // non-ASCII byte and no copy before compacting (about half of this function's instructions on logs).
    if b.is_ascii() {
        let mut out = vec![0u8; b.len()];
        let mut kept = 0;
        for &c in b {
            let c = KEPT_LOWER[usize::from(c)];
            out[kept] = c;
            kept += usize::from(c != 0);
        }
        out.truncate(kept);
        return String::from_utf8(out).expect("ASCII letters and digits");
    }
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        let ascii = b[i..].iter().position(|c| !c.is_ascii()).map_or(b.len(), |n| i + n);
        let from = out.len();
        out.extend_from_slice(&b[i..ascii]);
        let mut kept = from;
        for r in from..out.len() {
            let c = KEPT_LOWER[usize::from(out[r])];
            out[kept] = c;
            kept += usize::from(c != 0);
        }
        out.truncate(kept);
        let Some(c) = s[ascii..].chars().next() else { break };
        if c.is_alphanumeric() {
            let mut buf = [0u8; 4];
            for lower in c.to_lowercase() {
                out.extend_from_slice(lower.encode_utf8(&mut buf).as_bytes());
            }
        }
        i = ascii + c.len_utf8();
    }
    String::from_utf8(out).expect("ASCII letters and digits and whole characters")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_names_are_found_with_or_without_spaces_from_forms_made_at_load() {
        let c = Catalog::from_index(include_bytes!("../../../../data/index.json")).expect("the committed index loads");
        let mse = c.search_terms_cjk.iter().find(|t| t.term == "微服务引擎 mse").expect("a spaced Chinese name");
        assert_eq!(mse.tight, "微服务引擎mse");
        assert!(c.search_terms_cjk.iter().all(|t| !t.tight.contains(' ') && t.tight == t.term.replace(' ', "")));
        for text in ["在微服务引擎MSE控制台报错", "在微服务引擎 MSE 控制台报错"] {
            assert_eq!(c.search_products(text).first().map(|p| p.ram_code.as_str()), Some("mse"), "{text}");
        }
    }

    #[test]
    fn a_code_has_one_owner_and_its_halves_tell_a_generic_code() {
        let mut c =
            Catalog::from_index(include_bytes!("../../../../data/index.json")).expect("the committed index loads");
        // Before ECS's shard is loaded its ordinary codes are unknown: no owner.
        assert_eq!(c.sole_code_owner("QuotaExceed.PostPaidDisk"), None);
        c.add_shard("ecs", include_bytes!("../../../../data/shards/ecs.json")).expect("the ECS shard loads");
        c.add_shard("vpc", include_bytes!("../../../../data/shards/vpc.json")).expect("the VPC shard loads");
        assert_eq!(c.sole_code_owner("QuotaExceed.PostPaidDisk").as_deref(), Some("ecs"));
        assert!(!c.code_is_generic("QuotaExceed.PostPaidDisk"), "`PostPaidDisk` is only ECS's");
        // Both halves stand in both products' codes.
        assert!(c.code_is_generic("InvalidInstanceId.NotFound"));
        assert!(c.code_is_generic("ServiceError"), "no dot");
    }

    #[test]
    fn globs_like_ram() {
        assert!(glob_match("ecs:Describe*", "ecs:DescribeInstances"));
        assert!(glob_match("ECS:*", "ecs:RunInstances"));
        assert!(glob_match("*", "hbr:CreateBackupPlan"));
        assert!(!glob_match("ecs:Describe*", "ecs:RunInstances"));
        assert!(glob_match("oss:Get?bject", "oss:GetObject"));
    }

    proptest::proptest! {
        /// The same as the plain definition: alphanumerics only, lower-cased (`char::to_lowercase`), in order.
        #[test]
        fn normalizing_keeps_the_plain_definition(s in "(?s).{0,64}", t in "[A-Za-z0-9 ,.:;!?'\"()\\[\\]{}权限不足请联系管理员ÀÉÎÕÜßİΣ，。：]{0,64}") {
            for text in [&s, &t] {
                let plain: String = text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
                proptest::prop_assert_eq!(normalize_sentence(text), plain);
            }
        }
    }

    #[test]
    fn strips_urls_to_hosts() {
        assert_eq!(bare_host("https://ecs.cn-hangzhou.aliyuncs.com:443/?Action=X"), "ecs.cn-hangzhou.aliyuncs.com");
        assert_eq!(bare_host("Alidns.Aliyuncs.com"), "alidns.aliyuncs.com");
    }
}
