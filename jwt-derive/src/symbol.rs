//! The one list of keywords of `#[claims(...)]`.

/// The registered claims (RFC 7519 section 4.1), as markers and as JSON member names.
pub const ISS: &str = "iss";
pub const SUB: &str = "sub";
pub const AUD: &str = "aud";
pub const EXP: &str = "exp";
pub const NBF: &str = "nbf";
pub const IAT: &str = "iat";
pub const JTI: &str = "jti";
pub const REGISTERED: [&str; 7] = [ISS, SUB, AUD, EXP, NBF, IAT, JTI];

// Field rules.
pub const EQUALS: &str = "equals";
pub const ONE_OF: &str = "one_of";
pub const LEN: &str = "len";
pub const RANGE: &str = "range";
pub const MAX_AGE: &str = "max_age";
pub const LEEWAY: &str = "leeway";
pub const VALIDATE: &str = "validate";
pub const MIN: &str = "min";
pub const MAX: &str = "max";

/// The largest `leeway` and `max_age`, in seconds: jwt-core's `LEEWAY_LIMIT` (one day) and
/// `MAX_AGE_LIMIT` (366 days), which the runtime's builders enforce too (a UI test holds
/// the derive to them at the boundary).
pub const LEEWAY_LIMIT: u64 = 86_400;
pub const MAX_AGE_LIMIT: u64 = 366 * 86_400;

// Container keys.
pub const TYP: &str = "typ";
pub const LIFETIME: &str = "lifetime";
pub const CRATE: &str = "crate";
pub const SERIALIZE: &str = "serialize";
pub const ALG: &str = "alg";

/// The JWS algorithms `#[claims(alg = "...")]` may pin, and their marker types in jwt-core.
pub const ALGORITHMS: [(&str, &str); 13] = [
    ("HS256", "Hs256"),
    ("HS384", "Hs384"),
    ("HS512", "Hs512"),
    ("ES256", "Es256"),
    ("ES384", "Es384"),
    ("ES512", "Es512"),
    ("EdDSA", "EdDsa"),
    ("RS256", "Rs256"),
    ("RS384", "Rs384"),
    ("RS512", "Rs512"),
    ("PS256", "Ps256"),
    ("PS384", "Ps384"),
    ("PS512", "Ps512"),
];

/// Every key a field may carry.
pub const FIELD_KEYS: [&str; 14] = [
    ISS, SUB, AUD, EXP, NBF, IAT, JTI, EQUALS, ONE_OF, LEN, RANGE, MAX_AGE, LEEWAY, VALIDATE,
];

/// Every key the struct may carry.
pub const CONTAINER_KEYS: [&str; 7] = [TYP, LEEWAY, LIFETIME, VALIDATE, CRATE, SERIALIZE, ALG];

/// The registered claim a marker names, if it is one.
pub fn registered(name: &str) -> Option<&'static str> {
    REGISTERED.iter().copied().find(|r| *r == name)
}

/// Whether a claim holds a NumericDate.
pub fn is_time(claim: &str) -> bool {
    matches!(claim, EXP | NBF | IAT)
}

/// The closest known key to an unknown one, for "did you mean".
pub fn closest<'a>(unknown: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (edit_distance(unknown, k), *k))
        .filter(|(d, k)| *d <= (k.len().max(unknown.len()) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}
