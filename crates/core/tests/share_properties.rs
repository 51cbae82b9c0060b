//! The share link's state: any state a page writes reads back as exactly what the preview showed, and any
//! damage to a link (cut short, characters changed, other versions, garbage) reads as a typed error or a
//! sanitized state, never a panic.

use proptest::prelude::*;
use ram_doctor_core::grant::PrincipalKind;
use ram_doctor_core::redact::RedactOptions;
use ram_doctor_core::share::{decode, outgoing, ShareError, ShareState, MAX_FRAGMENT_CHARS};

fn word() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9-]{0,15}"
}

fn state() -> impl Strategy<Value = ShareState> {
    (
        ".{0,400}",
        prop::option::of(prop::sample::select(vec!["en".to_string(), "zh".to_string()])),
        prop::option::of(word()),
        prop::option::of(prop::sample::select(vec![PrincipalKind::User, PrincipalKind::Group, PrincipalKind::Role])),
        prop::option::of("[A-Za-z0-9._-]{1,64}"),
        prop::option::of(".{0,300}"),
        (prop::option::of(word()), prop::option::of(word())),
        (prop::collection::btree_set(0usize..64, 0..6), prop::option::of(prop::collection::btree_set(word(), 0..4))),
    )
        .prop_map(|(text, lang, product, target_kind, target_name, policy, (format, tab), (left_out, shards))| {
            ShareState {
                text,
                lang,
                product,
                target_kind,
                target_name,
                policy,
                format,
                tab,
                left_out: left_out.into_iter().collect(),
                shards: shards.map(|s| s.into_iter().collect()),
            }
        })
}

/// Where the compressed state starts in a fragment the page wrote.
fn state_start(fragment: &str) -> usize {
    fragment.find("&s=").expect("a written link has a state") + "&s=".len()
}

proptest! {
    #[test]
    fn a_link_carries_exactly_the_previewed_state(state in state(), reveal_ids in any::<bool>()) {
        let out = outgoing(&state, &RedactOptions { reveal_ids });
        let fragment = out.fragment().expect("a state within the limits encodes");
        prop_assert!(fragment.len() <= MAX_FRAGMENT_CHARS);
        prop_assert_eq!(decode(&fragment), Ok(Some(out.state.clone())));
        prop_assert_eq!(decode(&format!("#{fragment}")), Ok(Some(out.state)));
    }

    #[test]
    fn a_cut_link_is_refused_as_cut(state in state(), keep in 0.0f64..1.0) {
        let fragment = outgoing(&state, &RedactOptions::default()).fragment().unwrap();
        // Cut inside the compressed state (after `&s=` and a few characters).
        let start = state_start(&fragment);
        let payload = fragment.len() - start;
        let cut = start + 1 + ((payload - 1) as f64 * keep) as usize;
        prop_assume!(cut < fragment.len());
        let read = decode(&fragment[..cut]);
        prop_assert!(matches!(read, Err(ShareError::Truncated | ShareError::Corrupted)), "{:?}", read);
    }

    #[test]
    fn a_changed_character_never_passes_unnoticed(state in state(), at in any::<prop::sample::Index>(), to in "[A-Za-z0-9_-]") {
        let fragment = outgoing(&state, &RedactOptions::default()).fragment().unwrap();
        // In the checksummed state (the shards beside it are a hint, not checked).
        let start = state_start(&fragment);
        let i = start + at.index(fragment.len() - start);
        let mut changed = fragment.clone();
        changed.replace_range(i..i + 1, &to);
        match decode(&changed) {
            // The same character, or base64 bits that the last symbol ignores.
            Ok(Some(read)) => prop_assert_eq!(Some(read), decode(&fragment).unwrap()),
            Ok(None) => prop_assert!(false, "a changed link read as empty"),
            Err(_) => {}
        }
    }

    #[test]
    fn any_fragment_reads_without_panicking(fragment in ".{0,600}", version in 0u32..5) {
        let _ = decode(&fragment);
        let _ = decode(&format!("v={version}&s={fragment}"));
        let _ = decode(&format!("t={fragment}&l=zh&p=ecs"));
    }
}
