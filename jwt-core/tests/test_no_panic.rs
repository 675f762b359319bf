//! No panic on any input: every truncation and many mutations of valid tokens, verified and
//! read unverified, each ending in a specific refusal; and over 400 hostile payloads under a
//! valid MAC (so the claims reader sees them: nesting, numbers, repeated names, broken
//! strings, every registered claim with every JSON type), each with the outcome it must get.

mod common;

use common::{clock, token};
use jwt_core::dangerous::decode_unverified;
use jwt_core::{decode, ErrorKind, JwtClaims, Validation};

fn inputs() -> Vec<String> {
    vec![
        token(r#"{"exp":1700000060,"sub":"x","aud":["a"],"n":{"m":[1,2,{"o":null}]}}"#),
        common::raw_token(
            r#"{"alg":"HS256","kid":"k","typ":"JWT","crit":["x"]}"#,
            r#"{"exp":1}"#,
        ),
        common::raw_token(
            r#"{"alg":"HS256"}"#,
            r#"{"exp":1.5e9,"nbf":-1,"iat":0.000000001}"#,
        ),
    ]
}

/// Refusals a mutated token may legitimately get.
fn is_refusal(kind: &ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::MalformedToken
            | ErrorKind::MalformedHeader
            | ErrorKind::MalformedClaims
            | ErrorKind::LimitExceeded
            | ErrorKind::AlgorithmNotAllowed
            | ErrorKind::UnsupportedCriticalHeader
            | ErrorKind::InvalidSignature
            | ErrorKind::InvalidClaimType(_)
            | ErrorKind::MissingClaim(_)
            | ErrorKind::Expired
            | ErrorKind::NotYetValid
            | ErrorKind::InvalidAudience
    )
}

fn exercise(candidate: &str, original: &str) {
    let clock = clock();
    let v = Validation::new().clock(clock).audience("a");
    let result = decode::verify::<JwtClaims>(candidate, &common::key(), &v);
    if candidate != original {
        let err = result.expect_err(candidate);
        assert!(is_refusal(err.kind()), "{candidate}: {err:?}");
    }
    // Reading unverified must never panic either; its answer is not judged here.
    let _ = decode_unverified(candidate);
}

#[test]
fn truncations() {
    for t in inputs() {
        for end in 0..t.len() {
            exercise(&t[..end], &t);
        }
        for start in 1..t.len() {
            exercise(&t[start..], &t);
        }
    }
}

#[test]
fn substitutions_insertions_and_deletions() {
    let alphabet: Vec<char> =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ \u{0}\u{e9}"
            .chars()
            .collect();
    for t in inputs() {
        let chars: Vec<char> = t.chars().collect();
        for i in 0..chars.len() {
            // Deletion.
            let mut c = chars.clone();
            c.remove(i);
            exercise(&c.iter().collect::<String>(), &t);
            // A spread of substitutions and insertions (every 7th alphabet letter, offset by i).
            for j in (i % 7..alphabet.len()).step_by(7) {
                let mut c = chars.clone();
                if c[i] != alphabet[j] {
                    c[i] = alphabet[j];
                    exercise(&c.iter().collect::<String>(), &t);
                }
                let mut c = chars.clone();
                c.insert(i, alphabet[j]);
                exercise(&c.iter().collect::<String>(), &t);
            }
        }
    }
}

// ---- hostile payloads that carry a valid MAC, so the claims reader sees each one ----

/// What verifying a hostile payload must give.
#[derive(Debug, Clone, PartialEq)]
enum Want {
    /// Accepted, and read as `serde_json` reads the same bytes.
    Accepted,
    Refused(ErrorKind),
    /// A repeated name below the top level: a `serde_json::Value` keeps the last (the plain
    /// serde path reads with the caller's type), `JwtClaims` refuses it as malformed.
    NestedDuplicate,
}

/// The registered claims every document below carries, valid at [`common::NOW`], so that
/// the one thing under test decides the outcome.
const BASE: &str = r#""aud":"a","exp":1700000060"#;

fn with_base(members: &str) -> Vec<u8> {
    format!("{{{BASE},{members}}}").into_bytes()
}

/// The outcome `serde_json` implies for a document whose registered claims are valid and
/// which nests no deeper than the limit: accepted if `serde_json` reads it, else malformed.
fn as_serde_json_reads(doc: &[u8]) -> Want {
    match serde_json::from_slice::<serde_json::Value>(doc) {
        Ok(v) if v.is_object() => Want::Accepted,
        _ => Want::Refused(ErrorKind::MalformedClaims),
    }
}

/// Nesting of every kind around the limit (32 levels, the object itself being the first).
fn nesting() -> Vec<(Vec<u8>, Want)> {
    let mut shapes = Vec::new();
    for k in [1, 2, 15, 30, 31, 32, 33, 64, 128, 129, 1_000, 10_000] {
        let deep = 1 + k > 32;
        let fits = |ok: Want| {
            if deep {
                Want::Refused(ErrorKind::LimitExceeded)
            } else {
                ok
            }
        };
        let arrays = format!("{}1{}", "[".repeat(k), "]".repeat(k));
        let empty = format!("{}{}", "[".repeat(k), "]".repeat(k));
        let objects = format!("{}1{}", r#"{"a":"#.repeat(k), "}".repeat(k));
        let mixed = format!(
            "{}null{}",
            r#"[{"a":"#.repeat(k / 2 + 1),
            "}]".repeat(k / 2 + 1)
        );
        let unclosed = "[".repeat(k);
        shapes.push((with_base(&format!(r#""n":{arrays}"#)), fits(Want::Accepted)));
        shapes.push((with_base(&format!(r#""n":{empty}"#)), fits(Want::Accepted)));
        shapes.push((
            with_base(&format!(r#""n":{objects}"#)),
            fits(Want::Accepted),
        ));
        let mixed_deep = 1 + 2 * (k / 2 + 1) > 32;
        shapes.push((
            with_base(&format!(r#""n":{mixed}"#)),
            if mixed_deep {
                Want::Refused(ErrorKind::LimitExceeded)
            } else {
                Want::Accepted
            },
        ));
        shapes.push((
            with_base(&format!(r#""n":{unclosed}"#)),
            fits(Want::Refused(ErrorKind::MalformedClaims)),
        ));
        // Not an object at all, however deep.
        shapes.push((
            arrays.into_bytes(),
            Want::Refused(ErrorKind::MalformedClaims),
        ));
    }
    shapes
}

/// Numbers serde_json reads (huge, tiny, exact beyond f64) and texts that are no numbers,
/// as a private member's value, inside an array, and as a name's value at depth.
fn numbers() -> Vec<(Vec<u8>, Want)> {
    let texts = [
        "1e400",
        "-1e400",
        "1e308",
        "1e-400",
        "-0",
        "0e0",
        "1E+2",
        "18446744073709551616",
        "-9223372036854775809",
        "123456789012345678901234567890",
        "0.1e1",
        "01",
        "1.",
        ".5",
        "+1",
        "-",
        "1e",
        "1e+",
        "NaN",
        "Infinity",
        "-Infinity",
        "0x10",
        "1_000",
        "--1",
    ];
    let mut shapes = Vec::new();
    for t in texts {
        for members in [
            format!(r#""n":{t}"#),
            format!(r#""n":[0,{t},2]"#),
            format!(r#""n":{{"m":{{"o":{t}}}}}"#),
        ] {
            let doc = with_base(&members);
            let want = as_serde_json_reads(&doc);
            shapes.push((doc, want));
        }
    }
    shapes
}

/// Repeated names: at the top level (a registered claim or not, spelled the same or through
/// an escape) refused; below it, as the type read decides.
fn duplicates() -> Vec<(Vec<u8>, Want)> {
    let mut shapes = Vec::new();
    let malformed = Want::Refused(ErrorKind::MalformedClaims);
    for (name, value) in [
        ("iss", r#""x""#),
        ("sub", r#""x""#),
        ("aud", r#""a""#),
        ("exp", "1700000060"),
        ("nbf", "0"),
        ("iat", "0"),
        ("jti", r#""x""#),
        ("n", "1"),
    ] {
        let once = format!(r#""{name}":{value}"#);
        let doc = if name == "aud" || name == "exp" {
            with_base(&once)
        } else {
            with_base(&format!("{once},{once}"))
        };
        shapes.push((doc, malformed.clone()));
    }
    shapes.push((with_base(r#""\u0065xp":1700000060"#), malformed.clone()));
    shapes.push((with_base(r#""n":1,"\u006e":2"#), malformed.clone()));
    for depth in [1, 2, 5, 20] {
        let inner = format!(
            "{}{{\"d\":1,\"d\":2}}{}",
            r#"{"m":"#.repeat(depth - 1),
            "}".repeat(depth - 1)
        );
        shapes.push((with_base(&format!(r#""n":{inner}"#)), Want::NestedDuplicate));
    }
    shapes
}

/// Broken strings: invalid escapes, lone and paired surrogates, raw control characters,
/// invalid UTF-8, unterminated; as a value, as a name, in an array and as `sub`.
fn strings() -> Vec<(Vec<u8>, Want)> {
    let bodies: [&[u8]; 20] = [
        br"\x",
        br"\u",
        br"\u12",
        br"\u12G4",
        br"\uD800",
        br"\uDC00",
        br"\uD800\u0041",
        br"\uDBFF\uDFFF",
        br"\uD800\uD800",
        br"\u0000",
        b"\x01",
        b"\t",
        br"\/",
        br"\'",
        b"\xFF",
        b"\xC0\x80",
        b"\xED\xA0\x80",
        b"\xE2\x82",
        b"\xF4\x90\x80\x80",
        "caf\u{e9} \u{1F600}".as_bytes(),
    ];
    let mut shapes = Vec::new();
    for body in bodies {
        let quoted = [b"\"", body, b"\""].concat();
        let places: [Vec<u8>; 4] = [
            [b"\"n\":".as_slice(), &quoted].concat(),
            [quoted.as_slice(), b":1"].concat(),
            [b"\"n\":[1,".as_slice(), &quoted, b"]"].concat(),
            [b"\"sub\":".as_slice(), &quoted].concat(),
        ];
        for members in places {
            let doc = [b"{", BASE.as_bytes(), b",", &members, b"}"].concat();
            let want = as_serde_json_reads(&doc);
            shapes.push((doc, want));
        }
        // Unterminated, as the last thing in the document.
        let doc = [b"{", BASE.as_bytes(), b",\"n\":\"", body].concat();
        shapes.push((doc, Want::Refused(ErrorKind::MalformedClaims)));
    }
    shapes
}

/// A value of each JSON type (and numbers at each edge of the time range), for every
/// registered claim, with the outcome the claim's rules give it.
fn registered_claims() -> Vec<(Vec<u8>, Want)> {
    #[derive(Clone, Copy)]
    enum When {
        Past,
        Now,
        Future,
    }
    #[derive(Clone, Copy)]
    enum J {
        Other,
        Str(&'static str),
        Time(When),
        Strings(&'static [&'static str]),
    }
    let values: [(&str, J); 32] = [
        ("null", J::Other),
        ("true", J::Other),
        ("false", J::Other),
        ("0", J::Time(When::Past)),
        ("-0", J::Time(When::Past)),
        ("0.0", J::Time(When::Past)),
        ("-1", J::Time(When::Past)),
        ("1.5", J::Time(When::Past)),
        ("1e-400", J::Time(When::Past)),
        ("1.7e9", J::Time(When::Past)),
        ("1700000000", J::Time(When::Now)),
        ("1700000060.5", J::Time(When::Future)),
        ("253402300800", J::Time(When::Future)),
        ("9007199254740991", J::Time(When::Future)),
        ("-9007199254740991", J::Time(When::Past)),
        // Beyond NumericDate's range (2^53 - 1 seconds either way), or f64's.
        ("9007199254740992", J::Other),
        ("1e308", J::Other),
        ("1e400", J::Other),
        ("-1e400", J::Other),
        ("18446744073709551616", J::Other),
        (r#""""#, J::Str("")),
        (r#""a""#, J::Str("a")),
        (r#""\u0061""#, J::Str("a")),
        (r#""1700000060""#, J::Str("1700000060")),
        ("[]", J::Other),
        (r#"["a"]"#, J::Strings(&["a"])),
        (r#"["b","a"]"#, J::Strings(&["b", "a"])),
        (r#"["b"]"#, J::Strings(&["b"])),
        ("[1]", J::Other),
        (r#"["a",1]"#, J::Other),
        ("{}", J::Other),
        (r#"{"a":1}"#, J::Other),
    ];
    let mut shapes = Vec::new();
    for claim in ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"] {
        let wrong_type = Want::Refused(ErrorKind::InvalidClaimType(claim.into()));
        for (text, j) in values {
            let want = match (claim, j) {
                ("iss" | "sub" | "jti", J::Str(_)) => Want::Accepted,
                ("aud", J::Str(s)) => audience(&[s]),
                ("aud", J::Strings(many)) => audience(many),
                ("exp", J::Time(When::Past | When::Now)) => Want::Refused(ErrorKind::Expired),
                ("nbf", J::Time(When::Future)) => Want::Refused(ErrorKind::NotYetValid),
                ("iat", J::Time(When::Future)) => Want::Refused(ErrorKind::IssuedInFuture),
                ("exp" | "nbf" | "iat", J::Time(_)) => Want::Accepted,
                _ => wrong_type.clone(),
            };
            let doc = match claim {
                "aud" => format!(r#"{{"exp":1700000060,"aud":{text}}}"#),
                "exp" => format!(r#"{{"aud":"a","exp":{text}}}"#),
                _ => format!(r#"{{{BASE},"{claim}":{text}}}"#),
            };
            shapes.push((doc.into_bytes(), want));
        }
    }
    shapes
}

/// `aud` as the verifier (expecting "a") judges these values.
fn audience(values: &[&str]) -> Want {
    if values.contains(&"a") {
        Want::Accepted
    } else {
        Want::Refused(ErrorKind::InvalidAudience)
    }
}

/// Verifies the payload `doc` under a valid MAC through both entry points (the plain serde
/// path read as a `Value`, and `JwtClaims`) and checks each outcome is `want`; an accepted
/// document must read as `serde_json` reads it.
fn check_hostile(doc: &[u8], want: &Want) {
    let shown = String::from_utf8_lossy(doc);
    let shown: String = shown.chars().take(80).collect();
    let t = common::raw_token(r#"{"alg":"HS256","typ":"JWT"}"#, doc);
    let clock = clock();
    let v = Validation::new()
        .clock(clock)
        .audience("a")
        .max_size(1 << 20);
    let value = jwt_core::dangerous::verify_serde::<serde_json::Value>(&t, &common::key(), &v);
    let typed = decode::verify::<JwtClaims>(&t, &common::key(), &v);
    match want {
        Want::Accepted => {
            let theirs: serde_json::Value = serde_json::from_slice(doc).expect(&shown);
            assert_eq!(value.expect(&shown), theirs, "{shown}");
            let typed = typed.expect(&shown);
            let serde_json::Value::Object(mut members) = theirs else {
                unreachable!("accepted documents are objects")
            };
            for name in ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"] {
                members.remove(name);
            }
            assert_eq!(typed.extra, members, "{shown}");
        }
        Want::NestedDuplicate => {
            let theirs: serde_json::Value = serde_json::from_slice(doc).expect(&shown);
            assert_eq!(value.expect(&shown), theirs, "{shown}");
            let kind = typed.unwrap_err().kind().clone();
            assert_eq!(kind, ErrorKind::MalformedClaims, "JwtClaims: {shown}");
        }
        Want::Refused(kind) => {
            assert_eq!(value.unwrap_err().kind(), kind, "Value: {shown}");
            assert_eq!(typed.unwrap_err().kind(), kind, "JwtClaims: {shown}");
        }
    }
    // Reading unverified must never panic either; its answer is not judged here.
    let _ = decode_unverified(&t);
}

#[test]
fn hostile_documents_under_a_valid_mac() {
    let sets = [
        ("nesting", nesting()),
        ("numbers", numbers()),
        ("duplicates", duplicates()),
        ("strings", strings()),
        ("registered claims", registered_claims()),
    ];
    let mut total = 0;
    for (name, shapes) in &sets {
        for (doc, want) in shapes {
            check_hostile(doc, want);
        }
        assert!(!shapes.is_empty(), "{name}");
        total += shapes.len();
    }
    assert!(total >= 200, "only {total} hostile shapes");
}

#[test]
fn empty_and_nul_payloads_under_a_valid_mac() {
    for doc in [&b""[..], b"\0", b" ", b"{", b"}", b"null", b"{}"] {
        let want = if doc == b"{}" {
            Want::Refused(ErrorKind::MissingClaim("exp".into()))
        } else {
            Want::Refused(ErrorKind::MalformedClaims)
        };
        check_hostile(doc, &want);
    }
}
