//! A claims type's table of member names, worked out at compile time by `#[derive(Claims)]`,
//! and the cursor the signer and the claims reader keep in it.

use std::borrow::Cow;

use crate::claims::claim::{registered, Claim};
use crate::json::names::MemberSet;
use crate::json::scan::ESCAPE;

/// A top-level member of a claims type, as `#[derive(Claims)]` knows it from a field: its
/// name, whether the name needs no escape, and the registered claim by that name, all worked
/// out here (at compile time) from the name alone.
///
/// The signer and the claims reader use the table only for names: each value is still
/// written by the type's own `Serialize` (and read by its `Deserialize`), and a member is
/// taken from the table only when the name at hand is exactly its name ([`TableCursor`]).
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct Member {
    pub(crate) name: &'static str,
    /// `"name"` (when `plain`), padded so that it is copied in fixed-size words.
    pub(crate) quoted: [u8; Member::QUOTED],
    pub(crate) plain: bool,
    pub(crate) claim: Option<Claim>,
}

impl Member {
    /// Room for a quoted name of up to 22 bytes.
    const QUOTED: usize = 24;

    /// The member named `name`.
    #[must_use]
    pub const fn new(name: &'static str) -> Member {
        let bytes = name.as_bytes();
        let mut plain = bytes.len() + 2 <= Member::QUOTED;
        let mut quoted = [0u8; Member::QUOTED];
        let mut i = 0;
        while i < bytes.len() {
            if ESCAPE[bytes[i] as usize] != 0 {
                plain = false;
            }
            if i + 1 < Member::QUOTED {
                quoted[i + 1] = bytes[i];
            }
            i += 1;
        }
        if plain {
            quoted[0] = b'"';
            quoted[bytes.len() + 1] = b'"';
        }
        Member {
            name,
            quoted,
            plain,
            claim: registered(name),
        }
    }

    /// The registered claim by this name, if any.
    pub(crate) fn claim(&self) -> Option<Claim> {
        self.claim
    }

    /// Whether `key` is this member's name: the same text (the same literal, most often,
    /// which the compiler stores once).
    #[inline(always)]
    fn is(&self, key: &str) -> bool {
        let (a, b) = (self.name.as_bytes(), key.as_bytes());
        if a.len() != b.len() {
            return false;
        }
        if std::ptr::eq(a.as_ptr(), b.as_ptr()) {
            return true;
        }
        a == b
    }
}

/// A claims type's top-level members in field order: at most 64, each name once.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct Members(pub(crate) &'static [Member]);

impl Members {
    /// No table: every member is checked by name.
    pub const NONE: Members = Members(&[]);

    /// The table of `list`.
    ///
    /// # Panics
    ///
    /// When two members share a name or there are more than 64; as the derive uses it, in a
    /// constant, that is a compile-time error (the derive leaves such names out).
    #[must_use]
    pub const fn new(list: &'static [Member]) -> Members {
        assert!(list.len() <= 64, "at most 64 members in a table");
        assert!(distinct(list), "a member name twice in a table");
        Members(list)
    }
}

/// Where a writer or reader is in a claims type's table of member names: the next place to
/// look, and which members were taken from the table.
///
/// A name found at or after the cursor is taken and needs no duplicate check (the table's
/// names are distinct, and each is taken at most once); any other name leaves the table for
/// the rest of the object, and the names taken so far go to the caller's duplicate set
/// ([`TableCursor::leave_into`]), which checks every further name.
#[derive(Clone, Copy)]
pub(crate) struct TableCursor {
    table: &'static [Member],
    next: usize,
    taken: u64,
}

impl TableCursor {
    /// At the start of `members`.
    #[inline(always)]
    pub(crate) fn new(members: Members) -> Self {
        TableCursor {
            table: members.0,
            next: 0,
            taken: 0,
        }
    }

    /// The member named `key` at or after the cursor (with a name that needs no escape, when
    /// `plain`), which the cursor moves past; `None` for any other name, and for every name
    /// once one has left the table.
    #[inline(always)]
    pub(crate) fn take(&mut self, key: &str, plain: bool) -> Option<Member> {
        // The next member, most often; else one further on (members skipped when empty).
        let j = match self.table.get(self.next) {
            Some(m) if m.is(key) => self.next,
            Some(_) => match self.table[self.next + 1..].iter().position(|m| m.is(key)) {
                Some(k) => self.next + 1 + k,
                None => return self.miss(),
            },
            None => return self.miss(),
        };
        let member = self.table[j];
        if plain && !member.plain {
            return self.miss();
        }
        self.next = j + 1;
        self.taken |= 1 << j;
        Some(member)
    }

    /// A name not taken from the table: the table is left for the rest of the object.
    #[cold]
    fn miss(&mut self) -> Option<Member> {
        self.next = usize::MAX;
        None
    }

    /// Leaves the table, if not yet left: the names taken from it so far go into `names`
    /// (once), where every further name is then checked against them.
    pub(crate) fn leave_into<'n>(&mut self, names: &mut MemberSet<'n>) {
        self.next = usize::MAX;
        let mut bits = std::mem::take(&mut self.taken);
        while bits != 0 {
            let i = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            // Distinct names (the table's own check), so every insert is new.
            names.insert(&Cow::Borrowed(self.table[i].name));
        }
    }
}

/// A claims type's table of member names: implemented for every `Claims` type (by the
/// `typed` layer, from the derive's table), for the [`Direct`](crate::claims::direct::Direct)
/// writer, which names members by their place in it.
#[doc(hidden)]
pub trait MemberTable {
    /// The top-level members the type's fields write, in field order.
    const MEMBERS: Members;
}

/// Byte equality, in a constant.
const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether `list` names each member once.
const fn distinct(list: &[Member]) -> bool {
    let mut i = 0;
    while i < list.len() {
        let mut j = i + 1;
        while j < list.len() {
            if same(list[i].name.as_bytes(), list[j].name.as_bytes()) {
                return false;
            }
            j += 1;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod table_tests {
    use super::{Member, Members};
    use crate::claims::claim::Claim;

    #[test]
    fn a_member_knows_its_claim_and_whether_its_name_is_written_as_it_is() {
        let exp = Member::new("exp");
        assert!(exp.plain);
        assert_eq!(exp.claim, Some(Claim::Exp));
        assert_eq!(&exp.quoted[..5], b"\"exp\"");
        let role = Member::new("role");
        assert_eq!(role.claim, None);
        // Escapes, control bytes and names too long for the padded copy stay off the table.
        for name in [
            "say \"hi\"",
            "a\\b",
            "tab\there",
            "\u{1}",
            "a-name-of-twenty-three-",
        ] {
            assert!(!Member::new(name).plain, "{name:?}");
        }
        let longest = "a-name-of-twenty-two-b";
        assert_eq!(longest.len(), 22);
        let m = Member::new(longest);
        assert!(m.plain);
        assert_eq!(&m.quoted[..], format!("\"{longest}\"").as_bytes());
        // Not ASCII: written as it is, as serde_json writes it.
        assert!(Member::new("café").plain);
        assert!(Member::new("").plain);
    }

    #[test]
    fn a_member_is_its_name_whichever_copy_of_the_text() {
        let m = Member::new("iss");
        let other = String::from("iss");
        assert!(m.is("iss"));
        assert!(m.is(&other));
        assert!(!m.is("is"));
        assert!(!m.is("iss "));
    }

    #[test]
    #[should_panic(expected = "a member name twice in a table")]
    fn a_table_refuses_a_name_twice() {
        static LIST: [Member; 3] = [Member::new("a"), Member::new("b"), Member::new("a")];
        let _ = Members::new(&LIST);
    }

    #[test]
    #[should_panic(expected = "at most 64 members in a table")]
    fn a_table_holds_at_most_64() {
        static LIST: [Member; 65] = [Member::new("a"); 65];
        let _ = Members::new(&LIST);
    }
}
