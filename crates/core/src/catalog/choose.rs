//! The product picker's options: when the text does not say which product was refused, the user chooses one.
//! The engine's guesses come first with their reasons; then the products whose code, name (English or
//! Chinese), alias or endpoint host match what the user typed.

use serde::{Deserialize, Serialize};

use super::{Catalog, Product};
use crate::finding::{Finding, Localized, ProductGuess};

/// One product the user can choose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductChoice {
    /// RAM code: what the plan is built for (`hbr`).
    pub ram_code: String,
    /// The product's English name.
    pub name_en: String,
    /// Its Chinese name, when the catalog has one.
    pub name_zh: Option<String>,
    /// An endpoint host (the global one, else the first regional one), to recognise it by.
    pub host: Option<String>,
    /// Why the engine guessed it; `None` for a product found by the typed text only.
    pub reason: Option<Localized>,
}

/// A score and whether a product's term (name, code, alias, host) earns it for the typed query.
type MatchRule = (u8, fn(&str, &str) -> bool);

/// How well a product matches the typed text: higher is better; the rules in order of strength.
const MATCH_RULES: &[MatchRule] = &[
    (3, |term, query| term == query),
    (2, |term, query| term.starts_with(query)),
    (1, |term, query| term.contains(query)),
];

impl Finding {
    /// Whether the user should choose the product: the text names none and no action says it, for a kind a
    /// grant fixes.
    pub fn needs_product_choice(&self) -> bool {
        self.product.is_none() && self.actions.is_empty() && self.kind.wants_grant()
    }

    /// This finding with `ram_code` as its product when it [needs a choice](Finding::needs_product_choice);
    /// unchanged otherwise (what the text says wins over the choice).
    pub fn with_chosen_product(mut self, ram_code: &str) -> Finding {
        if self.needs_product_choice() {
            self.product = Some(ram_code.to_string());
        }
        self
    }
}

impl Catalog {
    /// At most `limit` products for the picker: the guesses matching `query` first (all of them when `query`
    /// is empty), then the other products matching it, best match first.
    pub fn product_choices(&self, guesses: &[ProductGuess], query: &str, limit: usize) -> Vec<ProductChoice> {
        let query = query.trim().to_lowercase();
        let mut out: Vec<ProductChoice> = Vec::new();
        for guess in guesses {
            let product = self.product(&guess.product);
            if !query.is_empty()
                && product.is_none_or(|p| match_score(p, &query) == 0)
                && !guess.product.contains(&query)
            {
                continue;
            }
            let reason = Localized { en: guess.reason.clone(), zh: guess.reason_zh.clone() };
            let mut choice = product.map(choice_of).unwrap_or_else(|| ProductChoice {
                ram_code: guess.product.clone(),
                name_en: guess.product.to_ascii_uppercase(),
                name_zh: None,
                host: None,
                reason: None,
            });
            choice.reason = Some(reason);
            if !out.iter().any(|c| c.ram_code == choice.ram_code) {
                out.push(choice);
            }
        }
        if query.is_empty() {
            out.truncate(limit);
            return out;
        }
        let mut found: Vec<(u8, &Product)> =
            self.products().iter().map(|p| (match_score(p, &query), p)).filter(|(score, _)| *score > 0).collect();
        crate::order::sort_by(&mut found, &|a, b| b.0.cmp(&a.0).then_with(|| a.1.ram_code.cmp(&b.1.ram_code)));
        for (_, product) in found {
            if out.len() >= limit {
                break;
            }
            if !out.iter().any(|c| c.ram_code == product.ram_code) {
                out.push(choice_of(product));
            }
        }
        out.truncate(limit);
        out
    }
}

/// The best rule any of the product's terms meets; 0 when none matches.
fn match_score(p: &Product, query: &str) -> u8 {
    let terms = [Some(&p.ram_code), Some(&p.code), Some(&p.name_en), p.name_zh.as_ref(), p.global_endpoint.as_ref()]
        .into_iter()
        .flatten()
        .chain(&p.aliases)
        .chain(p.endpoints.iter().map(|(_, host)| host));
    terms
        .map(|t| t.to_lowercase())
        .filter_map(|t| MATCH_RULES.iter().find(|(_, rule)| rule(&t, query)).map(|(score, _)| *score))
        .max()
        .unwrap_or(0)
}

fn choice_of(p: &Product) -> ProductChoice {
    ProductChoice {
        ram_code: p.ram_code.clone(),
        name_en: p.name_en.clone(),
        name_zh: p.name_zh.clone(),
        host: p.global_endpoint.clone().or_else(|| p.endpoints.first().map(|(_, h)| h.clone())),
        reason: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Kind;

    /// The committed index: every product with its names and hosts (the sample index has none).
    fn catalog() -> Catalog {
        Catalog::from_index(include_bytes!("../../../../data/index.json")).expect("the committed index loads")
    }

    fn guess(code: &str) -> ProductGuess {
        ProductGuess { product: code.into(), reason: format!("named {code}"), reason_zh: format!("提到 {code}") }
    }

    fn codes(choices: &[ProductChoice]) -> Vec<&str> {
        choices.iter().map(|c| c.ram_code.as_str()).collect()
    }

    #[test]
    fn the_guesses_come_first_with_their_reasons() {
        let choices = catalog().product_choices(&[guess("hbr"), guess("ecs")], "", 10);
        assert_eq!(codes(&choices), ["hbr", "ecs"]);
        assert_eq!(choices[0].reason.as_ref().unwrap().zh, "提到 hbr");
        assert!(choices[0].name_en.contains("Backup"), "{:?}", choices[0]);
    }

    #[test]
    fn typing_finds_products_by_code_name_and_host() {
        let c = catalog();
        assert_eq!(codes(&c.product_choices(&[], "ecs", 1)), ["ecs"], "an exact code first");
        let by_name = c.product_choices(&[], "backup", 10);
        assert!(codes(&by_name).contains(&"hbr"), "{by_name:?}");
        let by_zh = c.product_choices(&[], "云备份", 10);
        assert_eq!(codes(&by_zh).first(), Some(&"hbr"), "{by_zh:?}");
        let host = c
            .product("ecs")
            .and_then(|p| p.global_endpoint.clone().or_else(|| p.endpoints.first().map(|e| e.1.clone())));
        if let Some(host) = host {
            assert_eq!(codes(&c.product_choices(&[], &host, 3)).first(), Some(&"ecs"), "by host {host}");
        }
    }

    #[test]
    fn a_guess_that_does_not_match_the_query_drops_out() {
        let choices = catalog().product_choices(&[guess("hbr")], "ecs", 10);
        assert_eq!(codes(&choices).first(), Some(&"ecs"));
        assert!(!codes(&choices).contains(&"hbr"));
        assert!(catalog().product_choices(&[], "no-such-product-anywhere", 10).is_empty());
    }

    #[test]
    fn only_a_grant_without_a_product_or_action_asks_for_a_choice() {
        let bare = Finding::new(Kind::MissingPermission);
        assert!(bare.needs_product_choice());
        let mut named = bare.clone();
        named.product = Some("hbr".into());
        assert!(!named.needs_product_choice());
        let mut acted = bare.clone();
        acted.actions = vec!["ecs:DescribeInstances".into()];
        assert!(!acted.needs_product_choice());
        assert!(!Finding::new(Kind::BadCredentials).needs_product_choice());
    }
}
