//! One test per step of the verify pipeline and per error kind, each asserting the exact kind.

mod common;

use common::*;
use jwt_core::{decode, Claim, ErrorKind, FixedClock, JwtClaims, Validation};

fn check(token: &str, validation: &Validation) -> Result<JwtClaims, jwt_core::Error> {
    decode::verify::<JwtClaims>(token, &key(), validation)
}

/// The kind of error for `token` under the default validation at `NOW`.
fn kind(token: &str) -> ErrorKind {
    let clock = clock();
    check(token, &Validation::new().clock(clock))
        .unwrap_err()
        .kind()
        .clone()
}

fn kind_with(token: &str, v: &Validation) -> ErrorKind {
    check(token, v).unwrap_err().kind().clone()
}

fn ok(token: &str) -> JwtClaims {
    let clock = clock();
    check(token, &Validation::new().clock(clock)).unwrap()
}

const EXP_OK: &str = r#"{"exp":1700000060}"#;

fn claim(name: &'static str) -> ErrorKind {
    ErrorKind::InvalidClaimType(name.into())
}

// ---- step 1: size -------------------------------------------------------------------------

#[test]
fn size_limit_is_checked_before_decoding() {
    let garbage = "!".repeat(8 * 1024 + 1);
    assert_eq!(kind(&garbage), ErrorKind::LimitExceeded);
    // A valid token of exactly the limit passes; one byte more does not.
    let base = token(r#"{"exp":1700000060,"p":""}"#).len();
    // Each 3 bytes of padding add 4 characters; find a padding that lands exactly on 8192.
    let mut found = false;
    for pad in 0..7000 {
        let t = token(&format!(
            r#"{{"exp":1700000060,"p":"{}"}}"#,
            "a".repeat(pad)
        ));
        if t.len() == 8192 {
            ok(&t);
            found = true;
            break;
        }
    }
    assert!(found, "no padding gives 8192 from {base}");
    let clock = clock();
    let small = Validation::new().clock(clock).max_size(100);
    assert_eq!(kind_with(&token(EXP_OK), &small), ErrorKind::LimitExceeded);
    let t = token(EXP_OK);
    let exact = Validation::new().clock(clock).max_size(t.len());
    assert!(check(&t, &exact).is_ok());
}

// ---- step 2: shape ------------------------------------------------------------------------

#[test]
fn shape() {
    let t = token(EXP_OK);
    let (h, rest) = t.split_once('.').unwrap();
    let (p, s) = rest.split_once('.').unwrap();
    assert_eq!(kind(""), ErrorKind::MalformedToken);
    assert_eq!(kind(&format!("{h}.{p}")), ErrorKind::MalformedToken);
    assert_eq!(kind(&format!("{h}.{p}.{s}.")), ErrorKind::MalformedToken);
    assert_eq!(
        kind(&format!("{h}.{p}.{s}.{s}.{s}")),
        ErrorKind::MalformedToken
    );
    assert_eq!(kind(&format!(".{p}.{s}")), ErrorKind::MalformedToken);
    assert_eq!(kind(&format!("{t} ")), ErrorKind::MalformedToken);
    assert_eq!(kind(&format!("{t}\n")), ErrorKind::MalformedToken);
    assert_eq!(kind(&format!(" {t}")), ErrorKind::MalformedToken);
    assert_eq!(kind(&format!("{h}=.{p}.{s}")), ErrorKind::MalformedToken);
    assert_eq!(kind(&format!("{h}.{p}.{s}=")), ErrorKind::MalformedToken);
    assert_eq!(kind(&format!("{h}.{p}+.{s}")), ErrorKind::MalformedToken);
    assert_eq!(kind(&format!("{h}.{p}/.{s}")), ErrorKind::MalformedToken);
    assert_eq!(
        kind(&format!("{h}.{p}\u{e9}.{s}")),
        ErrorKind::MalformedToken
    );
    assert_eq!(
        kind(r#"{"payload":"x","signatures":[]}"#),
        ErrorKind::MalformedToken
    );
}

/// Every extra dot, wherever it is, and every missing one: `MalformedToken` with the shape's
/// own message, in tokens with the key's constant header (read by the split that looks for
/// the last dot only) and with another header (the split that counts every dot).
#[test]
fn shape_counts_every_dot_whichever_split_reads_the_token() {
    let clock = clock();
    let v = Validation::new().clock(clock);
    let message = |t: &str| check(t, &v).unwrap_err().to_string();
    let other = sign_input(&format!(
        "{}.{}",
        b64(r#"{"typ":"JWT","alg":"HS256"}"#),
        token(EXP_OK).split('.').nth(1).unwrap()
    ));
    assert!(check(&other, &v).is_ok());
    for good in [token(EXP_OK), other] {
        for i in 0..=good.len() {
            let t = format!("{}.{}", &good[..i], &good[i..]);
            assert_eq!(kind_with(&t, &v), ErrorKind::MalformedToken, "{t}");
            assert!(message(&t).contains("more than three segments"), "{t}");
        }
        for (i, _) in good.match_indices('.') {
            let t = format!("{}{}", &good[..i], &good[i + 1..]);
            assert!(message(&t).contains("expected three segments"), "{t}");
            let t = format!("{}.{}", &good[..i], &good[i..]);
            assert!(message(&t).contains("more than three segments"), "{t}");
        }
        // A payload character replaced by a dot: the length stays, the count does not.
        let first = good.find('.').unwrap();
        for i in first + 1..good.rfind('.').unwrap() {
            let t = format!("{}.{}", &good[..i], &good[i + 1..]);
            assert!(message(&t).contains("more than three segments"), "{t}");
        }
    }
}

// ---- step 3: header -----------------------------------------------------------------------

/// The same segment with the last character's lowest (unused) bit set: decoders that ignore
/// trailing bits read the same bytes, a strict one refuses it.
fn noncanonical(segment: &str) -> String {
    assert_ne!(segment.len() % 4, 0, "a segment with no spare bits");
    let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let last = segment.chars().last().unwrap();
    let pos = alphabet.find(last).unwrap();
    assert_eq!(pos & 1, 0, "the canonical form has zero spare bits");
    let sibling = alphabet.as_bytes()[pos | 1] as char;
    format!("{}{sibling}", &segment[..segment.len() - 1])
}

#[test]
fn header_base64_must_be_canonical() {
    let h = b64(r#"{"alg":"HS256","x":12}"#);
    let p = b64(EXP_OK);
    ok(&sign_input(&format!("{h}.{p}")));
    let token = sign_input(&format!("{}.{p}", noncanonical(&h)));
    assert_eq!(kind(&token), ErrorKind::MalformedHeader);
    // A length of 1 modulo 4 is never base64.
    let token = sign_input(&format!("{h}A.{p}"));
    assert_eq!(kind(&token), ErrorKind::MalformedHeader);
}

#[test]
fn header_must_be_a_utf8_json_object_with_unique_well_typed_members() {
    let p = EXP_OK;
    assert_eq!(
        kind(&raw_token(b"{\"alg\":\"HS256\xff\"}", p)),
        ErrorKind::MalformedHeader
    );
    assert_eq!(
        kind(&raw_token(r#"["HS256"]"#, p)),
        ErrorKind::MalformedHeader
    );
    assert_eq!(
        kind(&raw_token(r#""HS256""#, p)),
        ErrorKind::MalformedHeader
    );
    assert_eq!(kind(&raw_token("", p)), ErrorKind::MalformedToken);
    assert_eq!(
        kind(&raw_token(r#"{"alg":"HS256""#, p)),
        ErrorKind::MalformedHeader
    );
    assert_eq!(
        kind(&raw_token(r#"{"alg":"HS256","alg":"HS256"}"#, p)),
        ErrorKind::MalformedHeader
    );
    assert_eq!(
        kind(&raw_token(r#"{"alg":"none","\u0061lg":"HS256"}"#, p)),
        ErrorKind::MalformedHeader
    );
    assert_eq!(
        kind(&raw_token(r#"{"alg":"HS256","kid":"a","kid":"b"}"#, p)),
        ErrorKind::MalformedHeader
    );
    assert_eq!(
        kind(&raw_token(r#"{"typ":"JWT"}"#, p)),
        ErrorKind::MalformedHeader
    );
    assert_eq!(
        kind(&raw_token(r#"{"alg":["HS256"]}"#, p)),
        ErrorKind::MalformedHeader
    );
    assert_eq!(
        kind(&raw_token(r#"{"alg":"HS256","typ":null}"#, p)),
        ErrorKind::MalformedHeader
    );
    assert_eq!(
        kind(&raw_token("{\"alg\":\"HS256\"}\u{0}", p)),
        ErrorKind::MalformedHeader
    );
}

#[test]
fn header_extensions_are_refused() {
    let p = EXP_OK;
    for h in [
        r#"{"alg":"HS256","crit":["exp"],"exp":1}"#,
        r#"{"alg":"HS256","crit":[]}"#,
        r#"{"alg":"HS256","crit":"exp"}"#,
        r#"{"alg":"HS256","crit":null}"#,
        r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#,
        r#"{"alg":"HS256","b64":false}"#,
    ] {
        assert_eq!(
            kind(&raw_token(h, p)),
            ErrorKind::UnsupportedCriticalHeader,
            "{h}"
        );
    }
    // Key-carrying members are ignored, not followed.
    let h = r#"{"alg":"HS256","jku":"https://attacker.example/jwks","jwk":{"kty":"oct","k":"AAAA"},"x5u":"https://attacker.example/c","x5c":["AAAA"]}"#;
    ok(&raw_token(h, p));
}

#[test]
fn the_key_decides_the_algorithm() {
    let p = EXP_OK;
    for alg in [
        "none", "None", "NONE", "nOnE", "HS384", "HS512", "hs256", "HS256 ", "RS256", "ES256",
        "EdDSA", "PS256", "",
    ] {
        let h = format!(r#"{{"alg":"{alg}"}}"#);
        assert_eq!(
            kind(&raw_token(&h, p)),
            ErrorKind::AlgorithmNotAllowed,
            "{alg}"
        );
    }
    // alg:none without a tag fails even earlier, on the signature length? No: on the alg.
    let unsigned = format!("{}.{}.", b64(r#"{"alg":"none"}"#), b64(p));
    assert_eq!(kind(&unsigned), ErrorKind::AlgorithmNotAllowed);
}

/// A verified header's `alg` is an `Algorithm`: an algorithm this library does not implement
/// never reaches a `Header` (the token is refused, and `Header`'s own `Deserialize` refuses
/// it too).
#[test]
fn headers_carry_the_algorithm_as_an_enum() {
    use jwt_core::{Algorithm, Header};
    let clock = clock();
    let v = Validation::new().clock(clock);
    for (h, typ) in [
        (r#"{"alg":"HS256","typ":"JWT"}"#, Some("JWT")),
        (r#"{"alg":"HS256"}"#, None),
        (
            r#"{"typ":"at+jwt","alg":"HS256","kid":"k"}"#,
            Some("at+jwt"),
        ),
    ] {
        let verified =
            decode::verify_with_header::<JwtClaims>(&raw_token(h, EXP_OK), &key(), &v).unwrap();
        let alg: Algorithm = verified.header.alg;
        assert_eq!(alg, Algorithm::HS256, "{h}");
        assert_eq!(verified.header.typ.as_deref(), typ, "{h}");
    }
    let read = |json: &str| serde_json::from_str::<Header>(json).map(|h| h.alg);
    assert_eq!(read(r#"{"alg":"HS512","x":1}"#).unwrap(), Algorithm::HS512);
    // Every RFC 7518/8037 algorithm is a value, whatever the features compiled in.
    assert_eq!(read(r#"{"alg":"RS256"}"#).unwrap(), Algorithm::RS256);
    assert_eq!(read(r#"{"alg":"EdDSA"}"#).unwrap(), Algorithm::EdDSA);
    for json in [
        r#"{"alg":"none"}"#,
        r#"{"alg":"RS1"}"#,
        r#"{"alg":"ES256K"}"#,
        r#"{"alg":"hs256"}"#,
        r#"{"typ":"JWT"}"#,
    ] {
        assert!(read(json).is_err(), "{json}");
    }
    let unverified =
        jwt_core::dangerous::decode_unverified(&raw_token(r#"{"alg":"none"}"#, EXP_OK));
    assert_eq!(
        unverified.unwrap_err().kind(),
        &ErrorKind::AlgorithmNotAllowed
    );
    assert_eq!(Header::new(Algorithm::HS384).alg.as_str(), "HS384");
}

#[test]
fn typ_is_checked_when_expected() {
    let clock = clock();
    let v = Validation::new().clock(clock).typ("JWT");
    let p = EXP_OK;
    assert!(check(&raw_token(r#"{"alg":"HS256","typ":"JWT"}"#, p), &v).is_ok());
    assert!(check(&raw_token(r#"{"alg":"HS256","typ":"jwt"}"#, p), &v).is_ok());
    assert!(check(
        &raw_token(r#"{"typ":"application/jwt","alg":"HS256"}"#, p),
        &v
    )
    .is_ok());
    assert_eq!(
        kind_with(&raw_token(r#"{"alg":"HS256"}"#, p), &v),
        ErrorKind::InvalidTyp
    );
    assert_eq!(
        kind_with(&raw_token(r#"{"alg":"HS256","typ":"at+jwt"}"#, p), &v),
        ErrorKind::InvalidTyp
    );
    let at = Validation::new().clock(clock).typ("at+jwt");
    assert_eq!(kind_with(&token(p), &at), ErrorKind::InvalidTyp);
    // Without an expectation, any typ passes.
    ok(&raw_token(r#"{"alg":"HS256","typ":"whatever"}"#, p));
}

// ---- step 4: signature --------------------------------------------------------------------

#[test]
fn signature() {
    let t = token(EXP_OK);
    let (input, sig) = t.rsplit_once('.').unwrap();
    assert_eq!(kind(&format!("{input}.")), ErrorKind::InvalidSignature);
    assert_eq!(
        kind(&format!("{input}.{}", &sig[..42])),
        ErrorKind::InvalidSignature
    );
    assert_eq!(
        kind(&format!("{input}.{sig}A")),
        ErrorKind::InvalidSignature
    );
    assert_eq!(
        kind(&format!("{input}.{sig}AAAA")),
        ErrorKind::InvalidSignature
    );
    // A 43-character HS256 tag has 2 unused bits in its last character.
    assert_eq!(
        kind(&format!("{input}.{}", noncanonical(sig))),
        ErrorKind::InvalidSignature
    );
    // Every single-bit flip of the tag.
    let raw = hs256_tag(TEST_SECRET, input);
    for bit in 0..raw.len() * 8 {
        let mut flipped = raw.clone();
        flipped[bit / 8] ^= 1 << (bit % 8);
        assert_eq!(
            kind(&format!("{input}.{}", b64(&flipped))),
            ErrorKind::InvalidSignature
        );
    }
    // Another key's tag.
    let other = b64(hs256_tag(b"another-test-secret-0123456789ab", input));
    assert_eq!(
        kind(&format!("{input}.{other}")),
        ErrorKind::InvalidSignature
    );
}

#[test]
fn a_tampered_payload_is_a_bad_signature_not_bad_claims() {
    let t = token(EXP_OK);
    let (h, rest) = t.split_once('.').unwrap();
    let (_, s) = rest.split_once('.').unwrap();
    // Claims that would fail to parse, fail the rules, or pass: all refused at the MAC.
    for claims in [
        r#"{"exp":1700000060,"exp":1}"#,
        "not json",
        r#"{"exp":1}"#,
        r#"{"exp":1800000000}"#,
    ] {
        let tampered = format!("{h}.{}.{s}", b64(claims));
        assert_eq!(kind(&tampered), ErrorKind::InvalidSignature, "{claims}");
    }
}

// ---- step 5: claims -----------------------------------------------------------------------

#[test]
fn claims_base64_utf8_and_object() {
    let h = b64(r#"{"alg":"HS256","typ":"JWT"}"#);
    // Non-canonical trailing bits in the payload, under a valid MAC.
    let p = b64(r#"{"exp":1700000060}"#);
    let p1 = b64(r#"{"exp":1700000060 }"#);
    ok(&sign_input(&format!("{h}.{p1}")));
    assert_eq!(
        kind(&sign_input(&format!("{h}.{}", noncanonical(&p1)))),
        ErrorKind::MalformedClaims
    );
    assert_eq!(
        kind(&sign_input(&format!("{h}.{p}A"))),
        ErrorKind::MalformedClaims
    );
    assert_eq!(
        kind(&sign_input(&format!("{h}."))),
        ErrorKind::MalformedClaims
    );
    assert_eq!(
        kind(&token("{\"exp\":1700000060,\"n\":\"\u{0}\"}")),
        ErrorKind::MalformedClaims
    );
    assert_eq!(
        kind(&raw_token(
            r#"{"alg":"HS256"}"#,
            b"{\"exp\":1700000060,\"n\":\"\xc3\x28\"}"
        )),
        ErrorKind::MalformedClaims
    );
    assert_eq!(
        kind(&token("\u{feff}{\"exp\":1700000060}")),
        ErrorKind::MalformedClaims
    );
    assert_eq!(
        kind(&token(r#"{"exp":1700000060,"n":"\ud800"}"#)),
        ErrorKind::MalformedClaims
    );
    assert_eq!(kind(&token("[1700000060]")), ErrorKind::MalformedClaims);
    assert_eq!(kind(&token(r#""exp""#)), ErrorKind::MalformedClaims);
    assert_eq!(kind(&token("null")), ErrorKind::MalformedClaims);
    assert_eq!(
        kind(&token(r#"{"exp":1700000060,}"#)),
        ErrorKind::MalformedClaims
    );
    assert_eq!(
        kind(&token(r#"{"exp":1700000060} {}"#)),
        ErrorKind::MalformedClaims
    );
    assert_eq!(
        kind(&token(r#"{'exp':1700000060}"#)),
        ErrorKind::MalformedClaims
    );
    assert_eq!(
        kind(&token(r#"{"exp":1700000060,"n":NaN}"#)),
        ErrorKind::MalformedClaims
    );
    // Surrounding JSON whitespace is allowed.
    ok(&token(" {\"exp\":1700000060}\n"));
}

#[test]
fn duplicate_claims_are_refused() {
    for claims in [
        r#"{"exp":1700000060,"exp":1700000060}"#,
        r#"{"exp":1700000060,"\u0065xp":1}"#,
        r#"{"exp":1700000060,"sub":"a","sub":"a"}"#,
        r#"{"exp":1700000060,"x":1,"x":2}"#,
        r#"{"exp":1700000060,"x":{"y":1,"y":2}}"#,
        r#"{"exp":1700000060,"x":[{"y":1,"\u0079":2}]}"#,
    ] {
        assert_eq!(kind(&token(claims)), ErrorKind::MalformedClaims, "{claims}");
    }
}

#[test]
fn registered_claims_of_the_wrong_type_are_never_absent() {
    let cases: &[(&'static str, &[&str])] = &[
        (
            "exp",
            &[
                "null",
                r#""1700000060""#,
                "true",
                "[1700000060]",
                "{}",
                "1e400",
                "9007199254740992",
            ],
        ),
        (
            "nbf",
            &["null", r#""1""#, "false", "[]", "{}", "-9007199254740992"],
        ),
        ("iat", &["null", r#""1""#, "true", "[1]", r#"{"a":1}"#]),
        (
            "aud",
            &[
                "null",
                "1",
                "[]",
                "[1]",
                r#"["a",null]"#,
                "{}",
                "true",
                r#"[["a"]]"#,
            ],
        ),
        ("iss", &["null", "1", "[]", r#"["a"]"#, "{}", "true"]),
        ("sub", &["null", "1", "[]", r#"["a"]"#, "{}", "false"]),
        ("jti", &["null", "1", "[]", "{}"]),
    ];
    for (name, values) in cases {
        for value in *values {
            let claims = if *name == "exp" {
                format!(r#"{{"exp":{value}}}"#)
            } else {
                format!(r#"{{"exp":1700000060,"{name}":{value}}}"#)
            };
            assert_eq!(kind(&token(&claims)), claim(name), "{claims}");
        }
    }
}

#[test]
fn deep_nesting_is_refused_without_overflowing_a_small_stack() {
    let deep = format!(
        r#"{{"exp":1700000060,"x":{}1{}}}"#,
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let t = token(&deep);
    let big = format!(
        r#"{{"exp":1700000060,"x":{}{}}}"#,
        r#"{"a":"#.repeat(20000),
        "}".repeat(20000)
    );
    let t2 = token(&big);
    let handle = std::thread::Builder::new()
        .stack_size(64 * 1024)
        .spawn(move || {
            let clock = clock();
            let v = Validation::new().clock(clock).max_size(1 << 20);
            (kind_with(&t, &v), kind_with(&t2, &v))
        })
        .unwrap();
    let (a, b) = handle.join().unwrap();
    assert_eq!(a, ErrorKind::LimitExceeded);
    assert_eq!(b, ErrorKind::LimitExceeded);
    // At the limit it passes; one level more does not.
    let at_limit = format!(
        r#"{{"exp":1700000060,"x":{}1{}}}"#,
        "[".repeat(31),
        "]".repeat(31)
    );
    ok(&token(&at_limit));
    let over = format!(
        r#"{{"exp":1700000060,"x":{}1{}}}"#,
        "[".repeat(32),
        "]".repeat(32)
    );
    assert_eq!(kind(&token(&over)), ErrorKind::LimitExceeded);
    // Deep headers too.
    let deep_header = format!(
        r#"{{"alg":"HS256","x":{}1{}}}"#,
        "[".repeat(100),
        "]".repeat(100)
    );
    assert_eq!(
        kind(&raw_token(deep_header, EXP_OK)),
        ErrorKind::LimitExceeded
    );
}

// ---- I-JSON: no lone surrogate escape, read or skipped --------------------------------------

/// A claims type that reads `exp` and skips every other member.
#[derive(serde::Deserialize, Debug)]
struct OnlyExp {
    #[allow(dead_code)]
    exp: u64,
}

/// A claims type that keeps a member's raw JSON text without reading it.
#[derive(serde::Deserialize, Debug)]
struct KeepsRaw {
    #[allow(dead_code)]
    exp: u64,
    #[allow(dead_code)]
    x: Box<serde_json::value::RawValue>,
}

/// RFC 7515 asks for UTF-8 JSON, which cannot hold a lone surrogate, and I-JSON (RFC 7493
/// section 2.1) forbids its escape: refused in the header and the claims whether the member
/// is read, skipped or kept raw; a surrogate pair and an escaped backslash before `u` are fine.
#[test]
fn lone_surrogate_escapes_are_refused_anywhere() {
    let clock = clock();
    let v = Validation::new().clock(clock);
    let header_kind = |header: &str| {
        decode::verify::<JwtClaims>(&raw_token(header, EXP_OK), &key(), &v)
            .map(|_| ())
            .map_err(|e| e.kind().clone())
    };
    for header in [
        r#"{"alg":"HS256","x":"\ud800"}"#,
        r#"{"alg":"HS256","x":"\uDC00"}"#,
        r#"{"alg":"HS256","x":["a",{"y":"\ud800\u0041"}]}"#,
        r#"{"alg":"HS256","kid":"\udbff"}"#,
        r#"{"alg":"HS256","\ud800":1}"#,
    ] {
        assert_eq!(
            header_kind(header),
            Err(ErrorKind::MalformedHeader),
            "{header}"
        );
    }
    assert_eq!(header_kind(r#"{"alg":"HS256","x":"\ud83d\ude00"}"#), Ok(()));
    assert_eq!(header_kind(r#"{"alg":"HS256","x":"\\ud800"}"#), Ok(()));

    let claims_kind = |claims: &str| {
        let t = token(claims);
        let skipped = jwt_core::dangerous::verify_serde::<OnlyExp>(&t, &key(), &v).map(|_| ());
        let general = decode::verify::<JwtClaims>(&t, &key(), &v).map(|_| ());
        let unverified = jwt_core::dangerous::decode_unverified(&t).map(|_| ());
        [skipped, general, unverified].map(|r| r.map_err(|e| e.kind().clone()))
    };
    let refused = [
        Err(ErrorKind::MalformedClaims),
        Err(ErrorKind::MalformedClaims),
        Err(ErrorKind::MalformedClaims),
    ];
    for claims in [
        r#"{"exp":1700000060,"x":"\ud800"}"#,
        r#"{"exp":1700000060,"x":"a\udfff"}"#,
        r#"{"exp":1700000060,"x":{"y":["\ud800"]}}"#,
        r#"{"x":["\udc00\ud800"],"exp":1700000060}"#,
        r#"{"exp":1700000060,"\ud800":1}"#,
    ] {
        assert_eq!(claims_kind(claims), refused, "{claims}");
    }
    let fine = [Ok(()), Ok(()), Ok(())];
    assert_eq!(
        claims_kind(r#"{"exp":1700000060,"x":"\ud83d\ude00"}"#),
        fine
    );
    assert_eq!(claims_kind(r#"{"exp":1700000060,"x":"\\ud800"}"#), fine);

    // Kept raw, unread: still refused.
    let t = token(r#"{"exp":1700000060,"x":["\ud800"]}"#);
    assert_eq!(
        jwt_core::dangerous::verify_serde::<KeepsRaw>(&t, &key(), &v)
            .unwrap_err()
            .kind(),
        &ErrorKind::MalformedClaims
    );
    let t = token(r#"{"exp":1700000060,"x":["\ud83d\ude00"]}"#);
    assert!(jwt_core::dangerous::verify_serde::<KeepsRaw>(&t, &key(), &v).is_ok());

    // Nor is such a token minted: raw JSON text handed to the signer is checked too.
    let raw = |text: &str| serde_json::value::RawValue::from_string(text.to_owned()).unwrap();
    let mut claims = std::collections::BTreeMap::new();
    claims.insert("exp", raw("1700000060"));
    claims.insert("x", raw(r#"{"y":"\ud800"}"#));
    assert_eq!(
        jwt_core::dangerous::sign_serde(&claims, &key(), &v)
            .unwrap_err()
            .kind(),
        &ErrorKind::MalformedClaims
    );
    claims.insert("x", raw(r#"{"y":"\ud800\udc00"}"#));
    let t = jwt_core::dangerous::sign_serde(&claims, &key(), &v).unwrap();
    assert!(jwt_core::dangerous::verify_serde::<KeepsRaw>(&t, &key(), &v).is_ok());
}

// ---- step 6: rules ------------------------------------------------------------------------

fn at(secs: i64) -> FixedClock {
    FixedClock::at_secs(secs).unwrap()
}

#[test]
fn exp_is_required_by_default() {
    assert_eq!(
        kind(&token(r#"{"sub":"x"}"#)),
        ErrorKind::MissingClaim("exp".into())
    );
    let clock = clock();
    assert!(check(
        &token(r#"{"sub":"x"}"#),
        &Validation::new().clock(clock).require_exp(false)
    )
    .is_ok());
    // Opting out of the requirement does not stop the check.
    let v = Validation::new().clock(clock).require_exp(false);
    assert_eq!(kind_with(&token(r#"{"exp":1}"#), &v), ErrorKind::Expired);
}

#[test]
fn exp_boundaries() {
    let t = token(r#"{"exp":1700000000}"#);
    let c = at(1_699_999_999);
    assert!(check(&t, &Validation::new().clock(c)).is_ok());
    let c = at(1_700_000_000);
    assert_eq!(
        kind_with(&t, &Validation::new().clock(c)),
        ErrorKind::Expired
    );
    // With leeway 10: accepted up to exp + 9, refused at exp + 10.
    let c = at(1_700_000_009);
    assert!(check(&t, &Validation::new().clock(c).leeway(10).unwrap()).is_ok());
    let c = at(1_700_000_010);
    assert_eq!(
        kind_with(&t, &Validation::new().clock(c).leeway(10).unwrap()),
        ErrorKind::Expired
    );
}

#[test]
fn fractional_dates_compare_exactly() {
    let c = clock();
    let v = Validation::new().clock(c);
    // exp = now - 0.4 is expired; exp = now + 0.4 is not.
    assert_eq!(
        kind_with(&token(r#"{"exp":1699999999.6}"#), &v),
        ErrorKind::Expired
    );
    assert!(check(&token(r#"{"exp":1700000000.4}"#), &v).is_ok());
    assert!(check(&token(r#"{"exp":1700000000.0000000001}"#), &v).is_ok());
    assert_eq!(
        kind_with(&token(r#"{"exp":1700000000.000}"#), &v),
        ErrorKind::Expired
    );
    assert_eq!(
        kind_with(&token(r#"{"exp":17000000000e-1}"#), &v),
        ErrorKind::Expired
    );
    assert!(check(&token(r#"{"exp":1.70000000001e9}"#), &v).is_ok());
    // nbf = now + 0.4 is not yet valid; nbf = now - 0.4 is.
    assert_eq!(
        kind_with(&token(r#"{"exp":1700000060,"nbf":1700000000.4}"#), &v),
        ErrorKind::NotYetValid
    );
    assert!(check(&token(r#"{"exp":1700000060,"nbf":1699999999.6}"#), &v).is_ok());
    // A clock with nanoseconds.
    let c = FixedClock(jwt_core::NumericDate::from_secs_nanos(1_700_000_000, 500_000_000).unwrap());
    let v = Validation::new().clock(c);
    assert_eq!(
        kind_with(&token(r#"{"exp":1700000000.5}"#), &v),
        ErrorKind::Expired
    );
    assert!(check(&token(r#"{"exp":1700000000.500000001}"#), &v).is_ok());
}

#[test]
fn nbf_boundaries_and_checked_whenever_present() {
    let t = token(r#"{"exp":1800000000,"nbf":1700000000}"#);
    let c = at(1_700_000_000);
    assert!(check(&t, &Validation::new().clock(c)).is_ok());
    let c = at(1_699_999_999);
    assert_eq!(
        kind_with(&t, &Validation::new().clock(c)),
        ErrorKind::NotYetValid
    );
    let c = at(1_699_999_990);
    assert!(check(&t, &Validation::new().clock(c).leeway(10).unwrap()).is_ok());
    let c = at(1_699_999_989);
    assert_eq!(
        kind_with(&t, &Validation::new().clock(c).leeway(10).unwrap()),
        ErrorKind::NotYetValid
    );
}

#[test]
fn iat_in_the_future_and_max_age() {
    let t = token(r#"{"exp":1800000000,"iat":1700000000}"#);
    let c = at(1_699_999_999);
    assert_eq!(
        kind_with(&t, &Validation::new().clock(c)),
        ErrorKind::IssuedInFuture
    );
    assert!(check(&t, &Validation::new().clock(c).leeway(1).unwrap()).is_ok());
    let c = at(1_700_000_000);
    assert!(check(&t, &Validation::new().clock(c)).is_ok());
    // max_age 100: accepted at iat + 100, refused at iat + 101.
    let c = at(1_700_000_100);
    assert!(check(&t, &Validation::new().clock(c).max_age(100).unwrap()).is_ok());
    let c = at(1_700_000_101);
    assert_eq!(
        kind_with(&t, &Validation::new().clock(c).max_age(100).unwrap()),
        ErrorKind::TooOld
    );
    // max_age requires iat.
    let no_iat = token(r#"{"exp":1800000000}"#);
    assert_eq!(
        kind_with(&no_iat, &Validation::new().clock(c).max_age(100).unwrap()),
        ErrorKind::MissingClaim("iat".into())
    );
}

#[test]
fn audience() {
    let c = clock();
    let v = Validation::new().clock(c).audience("api");
    let with = |aud: &str| token(&format!(r#"{{"exp":1700000060,"aud":{aud}}}"#));
    assert!(check(&with(r#""api""#), &v).is_ok());
    assert!(check(&with(r#"["web","api"]"#), &v).is_ok());
    assert_eq!(kind_with(&with(r#""API""#), &v), ErrorKind::InvalidAudience);
    assert_eq!(
        kind_with(&with(r#""api ""#), &v),
        ErrorKind::InvalidAudience
    );
    assert_eq!(
        kind_with(&with(r#"["web"]"#), &v),
        ErrorKind::InvalidAudience
    );
    assert_eq!(kind_with(&with("[]"), &v), claim("aud"));
    assert_eq!(
        kind_with(&token(EXP_OK), &v),
        ErrorKind::MissingClaim("aud".into())
    );
    // A token meant for an audience is refused by a verifier that names none (RFC 7519 4.1.3).
    let none = Validation::new().clock(c);
    assert_eq!(
        kind_with(&with(r#""api""#), &none),
        ErrorKind::InvalidAudience
    );
    // Any of several audiences.
    let two = Validation::new().clock(c).audience("a").audience("api");
    assert!(check(&with(r#""api""#), &two).is_ok());
}

#[test]
fn issuer_and_subject() {
    let c = clock();
    let v = Validation::new()
        .clock(c)
        .issuer("https://a.example")
        .issuer("https://b.example")
        .subject("42");
    assert!(check(
        &token(r#"{"exp":1700000060,"iss":"https://b.example","sub":"42"}"#),
        &v
    )
    .is_ok());
    assert_eq!(
        kind_with(
            &token(r#"{"exp":1700000060,"iss":"https://c.example","sub":"42"}"#),
            &v
        ),
        ErrorKind::InvalidIssuer
    );
    assert_eq!(
        kind_with(
            &token(r#"{"exp":1700000060,"iss":"https://A.example","sub":"42"}"#),
            &v
        ),
        ErrorKind::InvalidIssuer
    );
    assert_eq!(
        kind_with(
            &token(r#"{"exp":1700000060,"iss":"https://a.example","sub":"43"}"#),
            &v
        ),
        ErrorKind::InvalidSubject
    );
    assert_eq!(
        kind_with(&token(r#"{"exp":1700000060,"sub":"42"}"#), &v),
        ErrorKind::MissingClaim("iss".into())
    );
    assert_eq!(
        kind_with(
            &token(r#"{"exp":1700000060,"iss":"https://a.example"}"#),
            &v
        ),
        ErrorKind::MissingClaim("sub".into())
    );
}

/// Leeway and max_age are bounded: above the limit the builder refuses, so a leeway cannot
/// turn `exp` and `nbf` off; at the limit a token expired one second longer ago is refused.
#[test]
fn leeway_and_max_age_are_bounded() {
    use jwt_core::{LEEWAY_LIMIT, MAX_AGE_LIMIT};
    assert_eq!(LEEWAY_LIMIT, 86_400);
    assert_eq!(MAX_AGE_LIMIT, 366 * 86_400);
    let config = ErrorKind::InvalidConfiguration;
    for secs in [LEEWAY_LIMIT + 1, u64::MAX / 2, u64::MAX] {
        let err = Validation::new().leeway(secs).unwrap_err();
        assert_eq!(err.kind(), &config);
        assert_eq!(
            err.to_string(),
            format!("invalid configuration: leeway {secs}s is above its limit of 86400s (one day)")
        );
    }
    for secs in [MAX_AGE_LIMIT + 1, u64::MAX] {
        assert_eq!(Validation::new().max_age(secs).unwrap_err().kind(), &config);
    }
    // At the limits: accepted, and a token expired a second beyond the leeway is refused.
    let t = token(r#"{"exp":1700000060,"iat":1700000000}"#);
    let c = at(1_700_000_060 + 86_400);
    let v = Validation::new().clock(c).leeway(LEEWAY_LIMIT).unwrap();
    assert_eq!(kind_with(&t, &v), ErrorKind::Expired);
    let c = at(1_700_000_060 + 86_399);
    let v = Validation::new().clock(c).leeway(LEEWAY_LIMIT).unwrap();
    assert!(check(&t, &v).is_ok());
    let c = at(1_700_000_000 + MAX_AGE_LIMIT as i64 + 1);
    let v = Validation::new()
        .clock(c)
        .require_exp(false)
        .max_age(MAX_AGE_LIMIT)
        .unwrap();
    let t = token(r#"{"iat":1700000000}"#);
    assert_eq!(kind_with(&t, &v), ErrorKind::TooOld);
}

#[test]
fn required_claims() {
    let c = clock();
    let v = Validation::new()
        .clock(c)
        .require(Claim::Jti)
        .require(Claim::Iat);
    assert_eq!(
        kind_with(&token(r#"{"exp":1700000060,"jti":"x"}"#), &v),
        ErrorKind::MissingClaim("iat".into())
    );
    assert_eq!(
        kind_with(&token(r#"{"exp":1700000060,"iat":1}"#), &v),
        ErrorKind::MissingClaim("jti".into())
    );
    assert!(check(&token(r#"{"exp":1700000060,"iat":1,"jti":"x"}"#), &v).is_ok());
}

// ---- typed claims: undeclared registered claims are still enforced -------------------------

#[derive(serde::Deserialize, Debug)]
struct OnlyName {
    name: String,
}

#[derive(serde::Deserialize, Debug)]
#[allow(dead_code)]
struct WithExp {
    exp: u64,
    #[serde(default)]
    role: u8,
}

#[test]
fn undeclared_registered_claims_are_checked() {
    let c = clock();
    let v = Validation::new().clock(c).require_exp(false);
    let verify =
        |claims: &str| jwt_core::dangerous::verify_serde::<OnlyName>(&token(claims), &key(), &v);
    assert_eq!(verify(r#"{"name":"a"}"#).unwrap().name, "a");
    assert_eq!(
        verify(r#"{"name":"a","exp":1}"#).unwrap_err().kind(),
        &ErrorKind::Expired
    );
    assert_eq!(
        verify(r#"{"name":"a","nbf":1800000000}"#)
            .unwrap_err()
            .kind(),
        &ErrorKind::NotYetValid
    );
    assert_eq!(
        verify(r#"{"name":"a","aud":"x"}"#).unwrap_err().kind(),
        &ErrorKind::InvalidAudience
    );
    assert_eq!(
        verify(r#"{"name":"a","exp":"soon"}"#).unwrap_err().kind(),
        &claim("exp")
    );
    assert_eq!(
        verify(r#"{"name":"a","iss":null}"#).unwrap_err().kind(),
        &claim("iss")
    );
    assert_eq!(
        verify(r#"{"name":"a","x":1,"x":1}"#).unwrap_err().kind(),
        &ErrorKind::MalformedClaims
    );
}

#[test]
fn typed_claims_errors_name_the_claim() {
    let c = clock();
    let v = Validation::new().clock(c);
    let verify =
        |claims: &str| jwt_core::dangerous::verify_serde::<WithExp>(&token(claims), &key(), &v);
    assert_eq!(verify(r#"{"exp":1700000060,"role":3}"#).unwrap().role, 3);
    assert_eq!(
        verify(r#"{"exp":1700000060,"role":300}"#)
            .unwrap_err()
            .kind(),
        &claim("role")
    );
    assert_eq!(
        verify(r#"{"exp":1700000060,"role":"x"}"#)
            .unwrap_err()
            .kind(),
        &claim("role")
    );
    // A fractional exp is a valid NumericDate but not a u64 for this struct.
    assert_eq!(
        verify(r#"{"exp":1700000060.5}"#).unwrap_err().kind(),
        &claim("exp")
    );
    let no_exp = jwt_core::dangerous::verify_serde::<WithExp>(
        &token(r#"{"role":1}"#),
        &key(),
        &v.clone().require_exp(false),
    );
    assert_eq!(
        no_exp.unwrap_err().kind(),
        &ErrorKind::MissingClaim("exp".into())
    );
}

/// The alphabet of every segment is part of the shape step: a foreign byte anywhere is
/// `MalformedToken` before the header is judged, whichever segment it is in, while the
/// payload's other base64url faults wait for the claims step, after the signature.
#[test]
fn the_alphabet_is_checked_before_the_header_in_every_segment() {
    let clock = clock();
    let v = Validation::new().clock(clock);
    let good = token(EXP_OK);
    let hs384 = b64(r#"{"alg":"HS384","typ":"JWT"}"#);
    let [h, p, s]: [&str; 3] = good.split('.').collect::<Vec<_>>().try_into().unwrap();
    for (header, payload, sig) in [
        (hs384.as_str(), &*format!("{p}+"), s),
        (hs384.as_str(), p, &*format!("{}=", &s[..s.len() - 1])),
        (&*format!("{h}!"), p, s),
        (h, &*format!("{}%{}", &p[..2], &p[3..]), s),
    ] {
        let t = format!("{header}.{payload}.{sig}");
        assert_eq!(kind_with(&t, &v), ErrorKind::MalformedToken, "{t}");
    }
    // A payload of an impossible length, validly signed: a claims fault, after the signature.
    let bad_len = sign_input(&format!("{h}.{p}A"));
    assert_eq!(kind_with(&bad_len, &v), ErrorKind::MalformedClaims);
    // ... and with another algorithm in the header, the header's fault comes first.
    let bad_len_hs384 = sign_input(&format!("{hs384}.{p}A"));
    assert_eq!(
        kind_with(&bad_len_hs384, &v),
        ErrorKind::AlgorithmNotAllowed
    );
    // Not signed by the key: the signature's fault comes before the payload's.
    let forged = format!("{h}.{p}A.{s}");
    assert_eq!(kind_with(&forged, &v), ErrorKind::InvalidSignature);
}
