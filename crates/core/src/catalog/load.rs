//! Building a [`Catalog`] from the committed files: the index first, shards as they arrive.

use super::error::CatalogError;
use super::format::{fill_role_template, IndexFile, RoleText, ShardFile, FORMAT};
use super::lookup::normalize_sentence;
use super::model::{Api, ErrorCode, PolicyKind, Product, ProductSentence, ServiceRole, SystemPolicy};
use super::rows;
use super::{ApiCodes, Catalog, DocumentActions, Map, Shard, ShardApis, MAX_TERM_WORDS};

impl Catalog {
    /// Loads `data/index.json`. Shards are added with [`Catalog::add_shard`].
    pub fn from_index(bytes: &[u8]) -> Result<Catalog, CatalogError> {
        let file = "index.json";
        let index: IndexFile = rows::read_index(bytes, file)?;
        if index.format != FORMAT {
            return Err(CatalogError::Format { file: file.into(), found: index.format, expected: FORMAT });
        }
        let mut cat =
            Catalog { products: index.products.into_iter().map(product_from_row).collect(), ..Catalog::default() };
        cat.index_products();
        cat.policies = index
            .policies
            .into_iter()
            .map(|r| SystemPolicy {
                name: r.0,
                ram_code: r.1,
                kind: r.2,
                scope: r.3,
                primary: r.4,
                verified_name: r.5,
                description: r.6,
                document: r.7,
            })
            .collect();
        cat.index_policies();
        let templates = &index.role_templates;
        let mut roles = Vec::with_capacity(index.roles.len());
        for r in index.roles {
            let text = |t: Option<RoleText>| -> Result<Option<String>, CatalogError> {
                match t {
                    None => Ok(None),
                    Some(RoleText::Plain(s)) => Ok(Some(s)),
                    Some(RoleText::Template(n)) => match templates.get(n as usize) {
                        Some(tpl) => Ok(Some(fill_role_template(tpl, &r.0, r.4.as_deref(), r.5.as_deref()))),
                        None => Err(CatalogError::BadReference {
                            file: file.into(),
                            what: format!("role {:?} refers to template {n}", r.0),
                        }),
                    },
                }
            };
            let missing_error = text(r.6.clone())?;
            let how_to_authorize = text(r.7.clone())?;
            roles.push(ServiceRole {
                role_name: r.0,
                product: r.1,
                product_label: r.2,
                linked: r.3,
                service_principal: r.4,
                policy: r.5,
                missing_error,
                how_to_authorize,
            });
        }
        cat.roles = roles;
        for (i, role) in cat.roles.iter().enumerate() {
            cat.role_by_name.entry(role.role_name.to_ascii_lowercase()).or_insert(i);
            cat.roles_by_code.entry(role.product.to_ascii_lowercase()).or_default().push(i);
        }
        let mut key = String::new();
        cat.reserve_errors(index.errors.len());
        for row in index.errors {
            for product in &row.3 {
                let ram_code =
                    cat.product(product).map_or_else(|| product.to_ascii_lowercase(), |p| p.ram_code.clone());
                cat.note_code_halves(&row.0, &ram_code, &mut key);
            }
            cat.insert_error(ErrorCode {
                code: row.0,
                http_status: row.1.first().copied(),
                http_statuses: row.1,
                message: row.2,
                products: row.3,
                kind: row.4,
            });
        }
        cat.sentences = index
            .sentences
            .into_iter()
            .map(|r| ProductSentence { text: r.0, products: r.1, code: r.2, source: r.3 })
            .collect();
        let mut needles: Vec<String> = Vec::with_capacity(cat.sentences.len() * 2);
        for (i, s) in cat.sentences.iter().enumerate() {
            let whole = normalize_sentence(&s.text);
            if whole.is_empty() {
                return Err(CatalogError::BadReference {
                    file: file.into(),
                    what: "a sentence without letters".into(),
                });
            }
            needles.push(whole);
            cat.sentence_of_needle.push(i);
            if let Some(rest) = distinctive_rest(&s.text) {
                needles.push(rest);
                cat.sentence_of_needle.push(i);
            }
        }
        if !needles.is_empty() {
            // A contiguous NFA: quick to build (the automatic choice, a DFA for this few sentences, took most of
            // the index's load time in the page's wasm), and quick enough on the few lines around an error.
            let finder = aho_corasick::AhoCorasickBuilder::new()
                .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(&needles)
                .map_err(|e| CatalogError::BadReference { file: file.into(), what: format!("sentences: {e}") })?;
            cat.sentence_finder = Some(finder);
        }
        cat.terraform = index.terraform.into_iter().map(|r| (r.0, (r.1, r.2))).collect();
        Ok(cat)
    }

    /// Adds the shard of one RAM code (`data/shards/<ram_code>.json`). Adding a shard twice replaces it.
    pub fn add_shard(&mut self, ram_code: &str, bytes: &[u8]) -> Result<(), CatalogError> {
        let file = Catalog::shard_path(ram_code);
        let shard: ShardFile = rows::read_shard(bytes, &file)?;
        let (code, version_products) = self.add_shard_errors(ram_code, &file, &shard)?;
        let name_hashes = name_hashes(&shard);
        let read = self.read_apis(&code, &version_products, shard);
        self.shards.insert(code, Shard { name_hashes, read: read.into(), unread: None });
        self.api_codes = Default::default();
        Ok(())
    }

    /// Adds an embedded shard as [`Catalog::add_shard`] does, reading its APIs only when first asked about
    /// ([`Catalog::shard_apis`]): its error codes and API names now, from an outline of the file.
    #[cfg_attr(not(feature = "embedded-catalog"), allow(dead_code))]
    pub(super) fn add_embedded_shard(&mut self, ram_code: &str, bytes: &'static [u8]) -> Result<(), CatalogError> {
        let file = Catalog::shard_path(ram_code);
        let shard: ShardFile = rows::read_shard_outline(bytes, &file)?;
        let (code, version_products) = self.add_shard_errors(ram_code, &file, &shard)?;
        let name_hashes = name_hashes(&shard);
        let unread = Some((bytes, version_products));
        self.shards.insert(code, Shard { name_hashes, read: Default::default(), unread });
        self.api_codes = Default::default();
        Ok(())
    }

    /// The shard's APIs, read from its text at the first question if it was embedded.
    pub(super) fn shard_apis<'a>(&'a self, code: &str, shard: &'a Shard) -> &'a ShardApis {
        shard.read.get_or_init(|| {
            let (bytes, version_products) = shard.unread.as_ref().expect("a shard is read or keeps its text");
            let file = rows::read_shard(bytes, &Catalog::shard_path(code))
                .expect("an embedded shard reads whole as its outline did (tests read every one)");
            self.read_apis(code, version_products, file)
        })
    }

    /// Checks the shard's references and adds its error codes to the catalog's; gives the lower-case RAM code and
    /// the product of each version.
    fn add_shard_errors(
        &mut self,
        ram_code: &str,
        file: &str,
        shard: &ShardFile,
    ) -> Result<(String, Vec<usize>), CatalogError> {
        if shard.format != FORMAT {
            return Err(CatalogError::Format { file: file.into(), found: shard.format, expected: FORMAT });
        }
        let code = ram_code.to_ascii_lowercase();
        if shard.ram_code.to_ascii_lowercase() != code {
            return Err(CatalogError::ShardMismatch { expected: code, found: shard.ram_code.clone() });
        }
        let bad = |what: String| CatalogError::BadReference { file: file.into(), what };
        let mut version_products = Vec::with_capacity(shard.versions.len());
        for (product, _) in &shard.versions {
            let idx = self.by_code.get(&product.to_ascii_lowercase()).copied();
            version_products.push(idx.ok_or_else(|| bad(format!("product {product:?} is not in the index")))?);
        }
        let mut error_products: Map<u32, Vec<usize>> = Map::default();
        for row in &shard.apis {
            let Some(&product) = version_products.get(row.0 as usize) else {
                return Err(bad(format!("API {:?} refers to version position {}", row.1, row.0)));
            };
            for e in &row.5 {
                if shard.errors.get(*e as usize).is_none() {
                    return Err(bad(format!("API {:?} refers to error {e}", row.1)));
                }
                let listed = error_products.entry(*e).or_default();
                if !listed.contains(&product) {
                    listed.push(product);
                }
            }
        }
        let mut key = String::new();
        self.reserve_errors(shard.errors.len());
        for (i, row) in shard.errors.iter().enumerate() {
            let products: Vec<String> = error_products
                .get(&(i as u32))
                .map(|ps| ps.iter().map(|p| self.products[*p].code.clone()).collect())
                .unwrap_or_default();
            if !products.is_empty() {
                self.note_code_halves(&row.0, &code, &mut key);
            }
            if let Some(&at) = self.error_exact.get(&row.0) {
                // An unclassified code another loaded shard listed too: every loaded product that lists it.
                let known = &mut self.errors[at];
                if known.kind.is_none() {
                    for p in products {
                        if !known.products.contains(&p) {
                            known.products.push(p);
                        }
                    }
                }
                continue;
            }
            self.insert_error(ErrorCode {
                code: row.0.clone(),
                http_status: row.1.first().copied(),
                http_statuses: row.1.clone(),
                message: row.2.clone(),
                products,
                kind: None,
            });
        }
        Ok((code, version_products))
    }

    /// The shard's APIs from its rows, whose references [`Catalog::add_shard_errors`] checked.
    fn read_apis(&self, code: &str, version_products: &[usize], shard: ShardFile) -> ShardApis {
        let mut apis = Vec::with_capacity(shard.apis.len());
        for row in shard.apis {
            let pos = row.0 as usize;
            let errors = row.5.iter().map(|&e| shard.errors[e as usize].0.clone()).collect();
            apis.push((
                version_products[pos],
                Api {
                    action: [code, ":", &row.1].concat(),
                    name: row.1,
                    access: row.2,
                    access_inferred: row.3,
                    resource_params: row.4,
                    errors,
                    method: row.6,
                    path: row.7,
                    title: row.8,
                    deprecated: row.9,
                    version: shard.versions[pos].1.clone(),
                },
            ));
        }
        // Candidates per name: the product whose code is the RAM code first, then in file order (default
        // versions come first in the file).
        let mut by_name: Map<String, Vec<usize>> = Map::default();
        for (i, (_, api)) in apis.iter().enumerate() {
            by_name.entry(api.name.to_ascii_lowercase()).or_default().push(i);
        }
        for list in by_name.values_mut() {
            crate::order::sort_by_key(list, |&i| (self.products[apis[i].0].code != code, i));
        }
        // Operations whose action is not named after them: the API's own action, or the API of the action's name.
        for (operation, action) in shard.operations {
            let key = operation.to_ascii_lowercase();
            if let Some(list) = by_name.get(&key) {
                for &i in list {
                    apis[i].1.action = format!("{code}:{action}");
                }
            } else if let Some(list) = by_name.get(&action.to_ascii_lowercase()).cloned() {
                by_name.insert(key, list);
            }
        }
        ShardApis { apis, by_name, distinct_actions: Default::default() }
    }

    /// Builds the code and host maps once the products are in place.
    fn index_products(&mut self) {
        for (i, p) in self.products.iter().enumerate() {
            self.by_code.entry(p.code.to_ascii_lowercase()).or_insert(i);
            self.by_ram_code.entry(p.ram_code.to_ascii_lowercase()).or_default().push(i);
            self.ram_codes.insert(p.ram_code.to_ascii_lowercase());
            for also in &p.also_ram_codes {
                self.ram_codes.insert(also.to_ascii_lowercase());
            }
        }
        // RAM codes resolve to the product that owns them, the one whose code equals the RAM code first.
        for (i, p) in self.products.iter().enumerate() {
            let rc = p.ram_code.to_ascii_lowercase();
            let owner =
                self.by_ram_code[&rc].iter().copied().find(|&j| self.products[j].code.eq_ignore_ascii_case(&rc));
            if owner.is_none() || owner == Some(i) {
                self.by_code.entry(rc).or_insert(i);
            }
            for also in &p.also_ram_codes {
                self.by_code.entry(also.to_ascii_lowercase()).or_insert(i);
            }
        }
        // The SDKs' spellings of a code with a hyphen (`r-kvstore`): `r_kvstore` (Go, Python, Java, .NET) and
        // `rkvstore` (PHP), where no product goes by that spelling itself.
        for (i, p) in self.products.iter().enumerate() {
            let code = p.code.to_ascii_lowercase();
            if code.contains('-') {
                self.by_code.entry(code.replace('-', "_")).or_insert(i);
                self.by_code.entry(code.replace('-', "")).or_insert(i);
            }
        }
        // Hosts: a product whose code or RAM code starts the host wins a shared host; otherwise the first.
        let mut claims: Map<String, Vec<usize>> = Map::default();
        for (i, p) in self.products.iter().enumerate() {
            for host in p.endpoints.iter().map(|(_, h)| h).chain(p.global_endpoint.iter()) {
                let list = claims.entry(host.to_ascii_lowercase()).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
        for (host, list) in claims {
            let first_label = host.split('.').next().unwrap_or("").to_string();
            let pick = list
                .iter()
                .copied()
                .find(|&i| {
                    let p = &self.products[i];
                    p.code.eq_ignore_ascii_case(&first_label) || p.ram_code.eq_ignore_ascii_case(&first_label)
                })
                .unwrap_or(list[0]);
            self.by_host.insert(host, pick);
        }
        for (i, p) in self.products.iter().enumerate() {
            let mut terms: Vec<String> = vec![p.code.clone(), p.ram_code.clone(), p.name_en.clone()];
            terms.extend(p.name_zh.iter().cloned());
            terms.extend(p.aliases.iter().cloned());
            terms.extend(p.also_ram_codes.iter().cloned());
            let mut lowered: Vec<String> =
                terms.into_iter().map(|t| t.to_lowercase()).filter(|t| !t.is_empty()).collect();
            lowered.sort_unstable();
            lowered.dedup();
            for t in lowered {
                let words: Vec<&str> = t
                    .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
                    .filter(|w| !w.is_empty())
                    .collect();
                if !t.is_ascii() {
                    let tight = t.replace(' ', "");
                    self.search_terms_cjk.push(super::CjkTerm { term: t.clone(), tight, product: i });
                } else if !words.is_empty() && words.len() <= MAX_TERM_WORDS {
                    if !self.search_first_words.contains(words[0]) {
                        self.search_first_words.insert(words[0].to_string());
                    }
                    let list = self.search_index.entry(words.join(" ")).or_default();
                    if !list.contains(&i) {
                        list.push(i);
                    }
                }
                self.search_terms.push((t, i));
            }
        }
    }

    fn index_policies(&mut self) {
        for (i, p) in self.policies.iter().enumerate() {
            self.policy_by_name.insert(p.name.to_ascii_lowercase(), i);
            if let Some(rc) = &p.ram_code {
                self.policies_by_code.entry(rc.to_ascii_lowercase()).or_default().push(i);
                if rc != "*" {
                    self.ram_codes.insert(rc.to_ascii_lowercase());
                }
            }
            if let Some(doc) = &p.document {
                self.documents.push((i, DocumentActions::from_document(doc)));
            }
        }
        let policies = &self.policies;
        for list in self.policies_by_code.values_mut() {
            crate::order::sort_by_key(list, |&i| {
                let p = &policies[i];
                let family = match p.kind {
                    PolicyKind::ReadOnly => 0,
                    PolicyKind::Full => 1,
                    PolicyKind::Other => 2,
                };
                (family, !p.primary, p.name.clone())
            });
        }
    }

    /// Notes that a product of `ram_code` lists `code`: each half of a dotted code keeps its one owner until
    /// another RAM code's code has it too.
    ///
    /// The key is written into `key`, a buffer the caller keeps, and copied only when it is new (two keys built
    /// per code listed were ≈ 4 % of the embedded catalog's load time; perf).
    fn note_code_halves(&mut self, code: &str, ram_code: &str, key: &mut String) {
        let Some((first, rest)) = code.split_once('.') else { return };
        for (mark, half) in [('<', first), ('>', rest)] {
            key.clear();
            key.push(mark);
            key.push_str(half);
            key.make_ascii_lowercase();
            match self.code_halves.get_mut(key.as_str()) {
                Some(owner) if owner.as_deref() != Some(ram_code) => *owner = None,
                Some(_) => {}
                None => {
                    self.code_halves.insert(key.clone(), Some(ram_code.to_string()));
                }
            }
        }
    }

    /// Room for `more` error codes in the error tables, so they grow once per file rather than as they fill.
    fn reserve_errors(&mut self, more: usize) {
        self.errors.reserve(more);
        self.error_exact.reserve(more);
        self.error_lower.reserve(more);
    }

    fn insert_error(&mut self, code: ErrorCode) {
        let i = self.errors.len();
        self.error_exact.entry(code.code.clone()).or_insert(i);
        self.error_lower.entry(code.code.to_ascii_lowercase()).or_insert(i);
        self.errors.push(code);
    }
}

fn product_from_row(r: super::format::ProductRow) -> Product {
    // The template split once at `{region}` (a `replacen` per region searched the template thousands of times).
    let mut endpoints: Vec<(String, String)> = match &r.12 {
        Some(template) => {
            let parts = template.split_once("{region}");
            let filled =
                |region: &str| parts.map_or_else(|| template.clone(), |(head, tail)| [head, region, tail].concat());
            r.13.iter().map(|region| (region.clone(), filled(region))).collect()
        }
        None => Vec::new(),
    };
    if let Some(global) = &r.11 {
        endpoints.extend(r.14.iter().map(|region| (region.clone(), global.clone())));
    }
    endpoints.extend(r.15);
    endpoints.sort_unstable();
    Product {
        code: r.0,
        ram_code: r.1,
        also_ram_codes: r.2,
        name_en: r.3,
        name_zh: r.4,
        aliases: r.5,
        granularity: r.6,
        ram_code_documented: r.7,
        style: r.8,
        versions: r.9,
        api_count: r.10,
        global_endpoint: r.11,
        endpoints,
    }
}

/// A documented sentence's clauses after its opening one, normalized, when they alone tell the sentence apart.
/// Consoles vary the opening clause of the same message (`权限不足，请联系云账号管理员授予您相应的权限` in one
/// page, `没有足够的权限，请联系云账号管理员授予您相应的权限` in another, "Insufficient permissions, please contact
/// the cloud account administrator…" in English), while the clause that names who to ask and what is kept.
fn distinctive_rest(sentence: &str) -> Option<String> {
    let (_, rest) = sentence.split_once([',', '，', ';', '；'])?;
    let rest = normalize_sentence(rest);
    // Long enough to be a message of its own: ten Chinese characters or thirty letters, so a short generic tail
    // ("请授权", "please retry") never stands for a product.
    let weight: usize = rest.chars().map(|c| if c.is_ascii() { 1 } else { 3 }).sum();
    (weight >= DISTINCTIVE_WEIGHT).then_some(rest)
}

/// How long (letters, a Chinese character counting three) a sentence's later clauses must be to match alone.
const DISTINCTIVE_WEIGHT: usize = 30;

#[cfg(test)]
mod clause_tests {
    use super::distinctive_rest;

    #[test]
    fn the_clause_after_the_opening_one_stands_for_the_sentence_when_long_enough() {
        assert_eq!(
            distinctive_rest("权限不足，请联系云账号管理员授予您相应的权限").as_deref(),
            Some("请联系云账号管理员授予您相应的权限")
        );
        assert_eq!(
            distinctive_rest("Insufficient permissions, please contact the cloud account administrator.").as_deref(),
            Some("pleasecontactthecloudaccountadministrator")
        );
        assert_eq!(distinctive_rest("权限不足，请授权"), None, "too short to tell a product");
        assert_eq!(distinctive_rest("Access denied by bucket policy"), None, "one clause");
    }
}

/// The hashes of a shard's API names, each once.
fn name_hashes(shard: &ShardFile) -> Vec<u64> {
    let mut hashes: Vec<u64> = shard.apis.iter().map(|row| ApiCodes::hash(&row.1)).collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

#[cfg(test)]
mod outline_tests {
    use super::super::rows;
    use super::Catalog;

    fn committed_shards() -> Vec<(String, Vec<u8>)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/shards");
        let mut shards: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
            .expect("data/shards is readable")
            .map(|e| e.expect("a shard entry").path())
            .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).expect("a shard")))
            .collect();
        shards.sort();
        shards
    }

    #[test]
    fn every_committed_shards_outline_agrees_with_its_whole_reading() {
        let shards = committed_shards();
        assert!(shards.len() > 300, "the committed shards are read");
        for (code, bytes) in &shards {
            let file = Catalog::shard_path(code);
            let whole = rows::read_shard(bytes, &file).expect("the shard reads");
            let outline = rows::read_shard_outline(bytes, &file).expect("its outline reads");
            assert_eq!(outline.errors, whole.errors, "{code}");
            assert_eq!(outline.versions, whole.versions, "{code}");
            assert_eq!(outline.operations, whole.operations, "{code}");
            let refs = |f: &super::super::format::ShardFile| -> Vec<(u32, String, Vec<u32>)> {
                f.apis.iter().map(|a| (a.0, a.1.clone(), a.5.clone())).collect()
            };
            assert_eq!(refs(&outline), refs(&whole), "{code}");
        }
    }

    #[test]
    fn an_api_row_not_written_a_row_per_line_is_read_field_by_field() {
        let head = r#"{"format":1,"ram_code":"ecs","versions":[["Ecs","2014-05-26"]],"errors":[["E.A",[400],null]],"#;
        let one_line = r#""apis":[[0,"RunInstances","create",false,["a"],[0],null,"/x","t",false]]}"#;
        let broken = "\"apis\":[[0,\"RunInstances\",\"create\",false,[\"a\"]\n,[0],null,\"/x\",\"t\",false]]}";
        for apis in [one_line, broken] {
            let text = format!("{head}\n{apis}");
            let outline = rows::read_shard_outline(text.as_bytes(), "shards/ecs.json").expect("the outline reads");
            assert_eq!((outline.apis[0].1.as_str(), outline.apis[0].5.as_slice()), ("RunInstances", &[0][..]));
        }
    }

    #[test]
    fn a_lazily_read_shard_answers_as_one_added_whole() {
        let index = std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/index.json"))
            .expect("the index");
        let (mut eager, mut lazy) = (Catalog::from_index(&index).unwrap(), Catalog::from_index(&index).unwrap());
        for (code, bytes) in committed_shards() {
            eager.add_shard(&code, &bytes).expect("the shard loads");
            lazy.add_embedded_shard(&code, Box::leak(bytes.into_boxed_slice())).expect("the shard loads lazily");
        }
        assert_eq!(format!("{:?}", lazy.errors), format!("{:?}", eager.errors), "the same error table");
        for code in eager.shard_codes() {
            let apis = |c: &Catalog| format!("{:?}", c.apis_of(code).expect("a loaded shard"));
            assert_eq!(apis(&lazy), apis(&eager), "{code}");
        }
        assert_eq!(lazy.ram_codes_with_api("DescribeInstances"), eager.ram_codes_with_api("DescribeInstances"));
    }
}
