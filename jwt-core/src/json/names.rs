//! Member names: a string that borrows when it can, and the set that finds a name twice.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// A string that borrows from the input when it has no escapes.
pub(crate) struct CowStr<'de>(pub(crate) Cow<'de, str>);

impl<'de> Deserialize<'de> for CowStr<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = CowStr<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(CowStr(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(CowStr(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(CowStr(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(V)
    }
}

/// The member names of one object, for duplicate detection (after `\u` escapes are
/// resolved, so `"\u0061lg"` and `"alg"` are the same name). The first 16 names that
/// borrow from the input live inline, without allocating; escaped names and more than 16
/// names are kept in a hash set. A 64-bit filter of every name seen (by its length and
/// first and last bytes) lets most new names in without comparing any text.
#[derive(Clone)]
pub(crate) struct MemberSet<'de> {
    few: [&'de str; MemberSet::LINEAR],
    len: usize,
    filter: u64,
    others: Option<HashSet<Cow<'de, str>>>,
}

impl Default for MemberSet<'_> {
    fn default() -> Self {
        MemberSet {
            few: [""; MemberSet::LINEAR],
            len: 0,
            filter: 0,
            others: None,
        }
    }
}

impl<'de> MemberSet<'de> {
    const LINEAR: usize = 16;

    /// Adds a name; `false` if it was already there.
    #[allow(clippy::ptr_arg)] // the Cow is cloned, which keeps a borrowed name borrowed
    pub(crate) fn insert(&mut self, name: &Cow<'de, str>) -> bool {
        let text: &str = name;
        let bit = filter_bit(text);
        // Equal names set the same bit: without it, the name is new.
        if self.filter & bit != 0 {
            if self.few[..self.len].contains(&text) {
                return false;
            }
            if let Some(others) = &self.others {
                if others.contains(text) {
                    return false;
                }
            }
        }
        self.filter |= bit;
        match name {
            Cow::Borrowed(b) if self.len < Self::LINEAR => {
                self.few[self.len] = b;
                self.len += 1;
            }
            _ => {
                self.others
                    .get_or_insert_with(HashSet::new)
                    .insert(name.clone());
            }
        }
        true
    }
}

/// One of 64 bits, chosen by a name's length and its first and last bytes.
#[inline]
fn filter_bit(name: &str) -> u64 {
    let b = name.as_bytes();
    let ends = match b {
        [] => 0,
        [first, .., last] => u64::from(*first) | u64::from(*last) << 8,
        [only] => u64::from(*only),
    };
    let mixed = (ends | (b.len() as u64) << 16).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    1 << (mixed >> 58)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_set_switches_to_hashing() {
        let mut set = MemberSet::default();
        let names: Vec<String> = (0..40).map(|i| format!("m{i}")).collect();
        for n in &names {
            assert!(set.insert(&Cow::Borrowed(n.as_str())));
        }
        for n in &names {
            assert!(!set.insert(&Cow::Borrowed(n.as_str())));
        }
    }

    /// Every string over two letters up to ten bytes, sixteen at a time (all inline): each
    /// is new once and a duplicate after, so the filter never confuses two names.
    #[test]
    fn member_set_is_exact_on_short_names() {
        let names: Vec<String> = (0..=10u32)
            .flat_map(|len| {
                (0..1u32 << len).map(move |bits| {
                    (0..len)
                        .map(|i| if bits >> i & 1 == 1 { 'b' } else { 'a' })
                        .collect()
                })
            })
            .collect();
        for group in names.chunks(16) {
            let mut set = MemberSet::default();
            for n in group {
                assert!(set.insert(&Cow::Borrowed(n.as_str())), "{n:?}");
            }
            for n in group {
                assert!(!set.insert(&Cow::Borrowed(n.as_str())), "{n:?}");
            }
        }
    }

    #[test]
    fn member_set_tells_apart_names_that_share_a_filter_bit() {
        let mut set = MemberSet::default();
        for n in [
            "abcdefgX",
            "abcdefgY",
            "a",
            "a\0",
            "\0",
            "",
            "abcdefg",
            "abcdefgXZ",
        ] {
            assert!(set.insert(&Cow::Borrowed(n)), "{n:?}");
        }
        for n in ["abcdefgX", "abcdefgY", "a", "a\0", "\0", "", "abcdefg"] {
            assert!(!set.insert(&Cow::Owned(n.to_owned())), "{n:?}");
        }
    }
}
