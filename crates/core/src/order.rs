//! The engine's one compiled sort. The standard library's sort is compiled once per element type and comparison,
//! and the page downloads every copy (≈ 4 KB of wasm each); these helpers sort positions with the comparison behind
//! `dyn`, so every caller shares one copy, then move the items into that order.

use std::cmp::Ordering;

/// Sorts `items` by `cmp`, stably: items that compare equal keep their order.
pub fn sort_by<T>(items: &mut Vec<T>, cmp: &dyn Fn(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &|a, b| cmp(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Sorts `items` by the key `key` gives each, stably.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, &|a, b| key(a).cmp(&key(b)));
}

/// The positions `0..len` in the order `cmp` gives them, ties in their first order.
#[inline(never)]
fn sorted_positions(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_by_the_comparison_and_keeps_ties_in_their_order() {
        let mut items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by(&mut items, &|a, b| a.0.cmp(&b.0));
        assert_eq!(items, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        sort_by_key(&mut items, |item| std::cmp::Reverse(item.0));
        assert_eq!(items, [(3, 'a'), (3, 'c'), (2, 'd'), (1, 'b'), (1, 'e')]);
    }

    #[test]
    fn matches_the_standard_stable_sort_on_many_lists() {
        // A small deterministic generator: lists of every length up to 64 with many ties.
        let mut seed = 0x2545_f491_u32;
        for len in 0..64 {
            let items: Vec<(u32, usize)> = (0..len)
                .map(|i| {
                    seed ^= seed << 13;
                    seed ^= seed >> 17;
                    seed ^= seed << 5;
                    (seed % 7, i)
                })
                .collect();
            let (mut ours, mut std) = (items.clone(), items);
            sort_by_key(&mut ours, |item| item.0);
            std.sort_by_key(|item| item.0);
            assert_eq!(ours, std);
        }
    }
}
