//! The attack corpus: each case is a valid token, a test key and one change, built at test
//! time from a recipe, and must be refused with one exact error kind.

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use hmac::{KeyInit, Mac};
use jwt_core::{decode, ErrorKind, FixedClock, Hs256Key, JwtClaims, KeySet, Validation};
use serde::{Deserialize, Serialize};

/// The test key (32 bytes): not a real secret.
const SECRET: &[u8] = b"attack-corpus-test-key-32-bytes!";
const NOW: i64 = 1_700_000_000;
const HEADER: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

fn claims() -> String {
    format!(
        r#"{{"iss":"issuer","sub":"user","aud":"api","exp":{},"iat":{NOW}}}"#,
        NOW + 600
    )
}

fn b64(bytes: impl AsRef<[u8]>) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn tag_with<M: Mac + KeyInit>(secret: &[u8], input: &str) -> Vec<u8> {
    let mut m = <M as KeyInit>::new_from_slice(secret).unwrap();
    m.update(input.as_bytes());
    m.finalize().into_bytes().to_vec()
}

fn hs256(input: &str) -> Vec<u8> {
    tag_with::<hmac::Hmac<sha2::Sha256>>(SECRET, input)
}

/// `header.payload.tag` over raw bytes, tagged with the test key.
fn token(header: impl AsRef<[u8]>, payload: impl AsRef<[u8]>) -> String {
    let input = format!("{}.{}", b64(header), b64(payload));
    format!("{input}.{}", b64(hs256(&input)))
}

/// Signs already-encoded segments.
fn signed(input: &str) -> String {
    format!("{input}.{}", b64(hs256(input)))
}

fn valid() -> String {
    token(HEADER, claims())
}

fn with_claim(name: &str, value: &str) -> String {
    let mut c: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&claims()).unwrap();
    c.remove(name);
    let body = serde_json::to_string(&c).unwrap();
    token(
        HEADER,
        format!("{},\"{name}\":{value}}}", &body[..body.len() - 1]),
    )
}

fn with_header(header: &str) -> String {
    token(header, claims())
}

/// The last character with its lowest unused bit set.
fn noncanonical(segment: &str) -> String {
    let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    assert_ne!(segment.len() % 4, 0);
    let last = segment.chars().last().unwrap();
    let pos = alphabet.find(last).unwrap();
    format!(
        "{}{}",
        &segment[..segment.len() - 1],
        &alphabet[pos | 1..=pos | 1]
    )
}

fn parts(t: &str) -> (String, String, String) {
    let v: Vec<&str> = t.split('.').collect();
    (v[0].into(), v[1].into(), v[2].into())
}

#[derive(Clone, Copy)]
enum Check {
    /// JwtClaims, audience api, issuer issuer, subject user.
    Default,
    /// As Default, and typ JWT expected.
    Typ,
    /// Through a key set holding the test key as kid "k1".
    Set,
    /// Into a struct with a flattened map.
    Flattened,
}

#[derive(Deserialize, Serialize)]
struct Flat {
    exp: i64,
    #[serde(flatten)]
    rest: std::collections::BTreeMap<String, serde_json::Value>,
}

fn run(token: &str, check: Check) -> Result<(), ErrorKind> {
    let key = Hs256Key::from_secret(SECRET).unwrap();
    let clock = FixedClock::at_secs(NOW).unwrap();
    let v = Validation::new()
        .clock(clock)
        .audience("api")
        .issuer("issuer")
        .subject("user");
    let kind = |e: jwt_core::Error| e.kind().clone();
    match check {
        Check::Default => decode::verify::<JwtClaims>(token, &key, &v)
            .map(drop)
            .map_err(kind),
        Check::Typ => decode::verify::<JwtClaims>(token, &key, &v.typ("JWT"))
            .map(drop)
            .map_err(kind),
        Check::Set => {
            // Two HS256 keys: a token without kid could be for either, so it is refused.
            let other = Hs256Key::from_secret(b"another-test-secret-32-bytes-abc").unwrap();
            let set = KeySet::new()
                .with(key.with_kid("k1"))
                .unwrap()
                .with(other.with_kid("k9"))
                .unwrap();
            decode::verify::<JwtClaims>(token, &set, &v)
                .map(drop)
                .map_err(kind)
        }
        Check::Flattened => jwt_core::dangerous::verify_serde::<Flat>(token, &key, &v)
            .map(drop)
            .map_err(kind),
    }
}

fn invalid_type(name: &'static str) -> ErrorKind {
    ErrorKind::InvalidClaimType(name.into())
}

fn corpus() -> Vec<(String, String, Check, ErrorKind)> {
    use ErrorKind::*;
    let mut cases: Vec<(String, String, Check, ErrorKind)> = Vec::new();
    let mut add = |name: &str, token: String, check: Check, kind: ErrorKind| {
        cases.push((name.to_owned(), token, check, kind));
    };
    let d = Check::Default;
    let t = valid();
    let (h, p, s) = parts(&t);

    // Shapes, whitespace, size, other serializations.
    add("empty", String::new(), d, MalformedToken);
    add("one segment", h.clone(), d, MalformedToken);
    add("two segments", format!("{h}.{p}"), d, MalformedToken);
    add("four segments", format!("{t}.{s}"), d, MalformedToken);
    add("trailing dot", format!("{t}."), d, MalformedToken);
    let jwe_header = b64(r#"{"alg":"dir","enc":"A128GCM"}"#);
    add(
        "JWE compact",
        format!("{jwe_header}..{}.{}.{}", b64("iv"), b64("ct"), b64("tag")),
        d,
        MalformedToken,
    );
    add(
        "JWS JSON flattened",
        format!(r#"{{"payload":"{p}","protected":"{h}","signature":"{s}"}}"#),
        d,
        MalformedToken,
    );
    add(
        "JWS JSON general",
        format!(r#"{{"payload":"{p}","signatures":[{{"protected":"{h}","signature":"{s}"}}]}}"#),
        d,
        MalformedToken,
    );
    add("leading space", format!(" {t}"), d, MalformedToken);
    add("trailing newline", format!("{t}\n"), d, MalformedToken);
    add(
        "space in payload",
        format!("{h}. {p}.{s}"),
        d,
        MalformedToken,
    );
    add("Bearer prefix", format!("Bearer {t}"), d, MalformedToken);
    add(
        "oversized garbage",
        "A".repeat(10 * 1024 * 1024),
        d,
        LimitExceeded,
    );
    add(
        "oversized with dots",
        format!("{h}.{}.{s}", "A".repeat(9000)),
        d,
        LimitExceeded,
    );
    add(
        "oversized valid MAC",
        token(
            HEADER,
            format!(r#"{{"exp":{},"pad":"{}"}}"#, NOW + 600, "x".repeat(8000)),
        ),
        d,
        LimitExceeded,
    );

    // Padding, foreign characters, non-canonical trailing bits, in each segment.
    add("padded header", format!("{h}=.{p}.{s}"), d, MalformedToken);
    add(
        "padded payload",
        format!("{h}.{p}==.{s}"),
        d,
        MalformedToken,
    );
    add(
        "padded signature",
        format!("{h}.{p}.{s}="),
        d,
        MalformedToken,
    );
    // A header whose standard-alphabet encoding has `/` and `+`, signed as sent.
    let std_header = STANDARD.encode(r#"{"alg":"HS256","x":"??~~~"}"#);
    assert!(std_header.contains('/') && std_header.contains('+') && !std_header.contains('='));
    add(
        "standard alphabet in header",
        signed(&format!("{std_header}.{p}")),
        d,
        MalformedToken,
    );
    add(
        "plus in payload",
        format!("{h}.{p}+.{s}"),
        d,
        MalformedToken,
    );
    add(
        "slash in signature",
        format!("{h}.{p}.{}/", &s[..42]),
        d,
        MalformedToken,
    );
    let h22 = b64(r#"{"alg":"HS256","x":12}"#);
    add(
        "non-canonical header bits",
        signed(&format!("{}.{p}", noncanonical(&h22))),
        d,
        MalformedHeader,
    );
    let p_odd = b64(format!("{} ", claims()));
    let p_odd = if p_odd.len() % 4 == 0 {
        b64(format!("{}  ", claims()))
    } else {
        p_odd
    };
    add(
        "non-canonical payload bits",
        signed(&format!("{h}.{}", noncanonical(&p_odd))),
        d,
        MalformedClaims,
    );
    add(
        "non-canonical signature bits",
        format!("{h}.{p}.{}", noncanonical(&s)),
        d,
        InvalidSignature,
    );
    add(
        "header length 1 mod 4",
        signed(&format!("{h}A.{p}")),
        d,
        MalformedHeader,
    );

    // Encodings and non-strict JSON.
    add(
        "header not UTF-8",
        token(b"{\"alg\":\"HS256\",\"x\":\"\xff\"}", claims()),
        d,
        MalformedHeader,
    );
    add(
        "payload not UTF-8",
        token(HEADER, b"{\"exp\":1,\"x\":\"\xc3\x28\"}"),
        d,
        MalformedClaims,
    );
    add(
        "header BOM",
        with_header("\u{feff}{\"alg\":\"HS256\"}"),
        d,
        MalformedHeader,
    );
    add(
        "payload BOM",
        token(HEADER, format!("\u{feff}{}", claims())),
        d,
        MalformedClaims,
    );
    add(
        "lone surrogate in claims",
        with_claim("name", r#""\ud800""#),
        d,
        MalformedClaims,
    );
    add(
        "lone surrogate in kid",
        with_header(r#"{"alg":"HS256","kid":"\udc00"}"#),
        d,
        MalformedHeader,
    );
    add(
        "single quotes",
        token(HEADER, "{'exp':1}"),
        d,
        MalformedClaims,
    );
    add(
        "trailing comma in header",
        with_header(r#"{"alg":"HS256",}"#),
        d,
        MalformedHeader,
    );
    add(
        "comment in claims",
        token(HEADER, format!("/*x*/{}", claims())),
        d,
        MalformedClaims,
    );
    add("NaN in claims", with_claim("x", "NaN"), d, MalformedClaims);
    add(
        "two objects",
        token(HEADER, format!("{}{{}}", claims())),
        d,
        MalformedClaims,
    );
    add("claims an array", token(HEADER, "[]"), d, MalformedClaims);
    add(
        "claims a string",
        token(HEADER, format!("{:?}", claims())),
        d,
        MalformedClaims,
    );
    add(
        "header an array",
        with_header(r#"["HS256"]"#),
        d,
        MalformedHeader,
    );

    // none, other algorithms, missing and mistyped alg.
    for alg in ["none", "None", "NONE", "nOnE"] {
        let header = format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#);
        add(
            &format!("{alg} with tag"),
            with_header(&header),
            d,
            AlgorithmNotAllowed,
        );
        add(
            &format!("{alg} without tag"),
            format!("{}.{p}.", b64(&header)),
            d,
            AlgorithmNotAllowed,
        );
    }
    let hs384_input = format!("{}.{p}", b64(r#"{"alg":"HS384"}"#));
    let hs384 = format!(
        "{hs384_input}.{}",
        b64(tag_with::<hmac::Hmac<sha2::Sha384>>(SECRET, &hs384_input))
    );
    add("HS384 with the same secret", hs384, d, AlgorithmNotAllowed);
    let hs512_input = format!("{}.{p}", b64(r#"{"alg":"HS512"}"#));
    let hs512 = format!(
        "{hs512_input}.{}",
        b64(tag_with::<hmac::Hmac<sha2::Sha512>>(SECRET, &hs512_input))
    );
    add("HS512 with the same secret", hs512, d, AlgorithmNotAllowed);
    for alg in [
        "RS256", "ES256", "PS256", "EdDSA", "ES256K", "hs256", "HS256 ",
    ] {
        add(
            &format!("alg {alg}"),
            with_header(&format!(r#"{{"alg":"{alg}"}}"#)),
            d,
            AlgorithmNotAllowed,
        );
    }
    add(
        "missing alg",
        with_header(r#"{"typ":"JWT"}"#),
        d,
        MalformedHeader,
    );
    add(
        "alg a number",
        with_header(r#"{"alg":256}"#),
        d,
        MalformedHeader,
    );
    add(
        "alg an array",
        with_header(r#"{"alg":["HS256"]}"#),
        d,
        MalformedHeader,
    );
    add(
        "alg null",
        with_header(r#"{"alg":null}"#),
        d,
        MalformedHeader,
    );

    // Duplicate members.
    add(
        "duplicate alg",
        with_header(r#"{"alg":"none","alg":"HS256"}"#),
        d,
        MalformedHeader,
    );
    add(
        "duplicate alg by escape",
        with_header(r#"{"alg":"HS256","\u0061lg":"none"}"#),
        d,
        MalformedHeader,
    );
    add(
        "duplicate exp",
        token(HEADER, format!(r#"{{"exp":1,{}"#, &claims()[1..])),
        d,
        MalformedClaims,
    );
    add(
        "duplicate aud by escape",
        token(HEADER, format!(r#"{{"\u0061ud":"evil",{}"#, &claims()[1..])),
        d,
        MalformedClaims,
    );
    add(
        "duplicate private claim",
        with_claim("role", r#""user","role":"admin""#),
        d,
        MalformedClaims,
    );
    add(
        "duplicate nested member",
        with_claim("x", r#"{"a":1,"a":2}"#),
        d,
        MalformedClaims,
    );
    add(
        "duplicate in flattened map",
        token(
            HEADER,
            format!(r#"{{"exp":{},"role":"user","role":"admin"}}"#, NOW + 600),
        ),
        Check::Flattened,
        MalformedClaims,
    );
    add(
        "duplicate in flattened map by escape",
        token(
            HEADER,
            format!(
                r#"{{"exp":{},"role":"user","\u0072ole":"admin"}}"#,
                NOW + 600
            ),
        ),
        Check::Flattened,
        MalformedClaims,
    );

    // crit and b64.
    for crit in [
        r#"["exp"]"#,
        "[]",
        r#""exp""#,
        "null",
        r#"["b64"]"#,
        r#"[1]"#,
    ] {
        add(
            &format!("crit {crit}"),
            with_header(&format!(r#"{{"alg":"HS256","crit":{crit},"exp":1}}"#)),
            d,
            UnsupportedCriticalHeader,
        );
    }
    add(
        "b64 false with crit",
        with_header(r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#),
        d,
        UnsupportedCriticalHeader,
    );
    add(
        "b64 false alone",
        with_header(r#"{"alg":"HS256","b64":false}"#),
        d,
        UnsupportedCriticalHeader,
    );

    // kid, jwk, jku, x5u, x5c: never used to find a key.
    add(
        "unknown kid",
        with_header(r#"{"alg":"HS256","kid":"k2"}"#),
        Check::Set,
        UnknownKeyId,
    );
    add(
        "path kid",
        with_header(r#"{"alg":"HS256","kid":"../../../dev/null"}"#),
        Check::Set,
        UnknownKeyId,
    );
    add(
        "no kid, two keys of its alg",
        valid(),
        Check::Set,
        UnknownKeyId,
    );
    add(
        "kid null",
        with_header(r#"{"alg":"HS256","kid":null}"#),
        Check::Set,
        MalformedHeader,
    );
    let attacker = b"attacker-chosen-secret-32-bytes!";
    for (name, header) in [
        (
            "embedded jwk",
            format!(
                r#"{{"alg":"HS256","jwk":{{"kty":"oct","k":"{}"}}}}"#,
                b64(attacker)
            ),
        ),
        (
            "jku",
            r#"{"alg":"HS256","jku":"https://attacker.example/jwks.json"}"#.to_owned(),
        ),
        (
            "x5u",
            r#"{"alg":"HS256","x5u":"https://attacker.example/cert.pem"}"#.to_owned(),
        ),
        ("x5c", r#"{"alg":"HS256","x5c":["MIIB"]}"#.to_owned()),
    ] {
        let input = format!("{}.{p}", b64(&header));
        let forged = format!(
            "{input}.{}",
            b64(tag_with::<hmac::Hmac<sha2::Sha256>>(attacker, &input))
        );
        add(
            &format!("{name} with the attacker's key"),
            forged,
            d,
            InvalidSignature,
        );
    }

    // typ, nested tokens.
    add(
        "typ at+jwt when JWT expected",
        with_header(r#"{"alg":"HS256","typ":"at+jwt"}"#),
        Check::Typ,
        InvalidTyp,
    );
    add(
        "no typ when expected",
        with_header(r#"{"alg":"HS256"}"#),
        Check::Typ,
        InvalidTyp,
    );
    add(
        "nested JWT",
        token(r#"{"alg":"HS256","cty":"JWT"}"#, format!("{t:?}")),
        d,
        MalformedClaims,
    );
    add(
        "nested JWT raw",
        token(r#"{"alg":"HS256","cty":"JWT"}"#, &t),
        d,
        MalformedClaims,
    );

    // Tags.
    add("stripped tag", format!("{h}.{p}."), d, InvalidSignature);
    let raw = hs256(&format!("{h}.{p}"));
    add(
        "truncated tag",
        format!("{h}.{p}.{}", b64(&raw[..16])),
        d,
        InvalidSignature,
    );
    add(
        "tag one byte short",
        format!("{h}.{p}.{}", b64(&raw[..31])),
        d,
        InvalidSignature,
    );
    add(
        "extended tag",
        format!("{h}.{p}.{}", b64([raw.as_slice(), &[0]].concat())),
        d,
        InvalidSignature,
    );
    add(
        "doubled tag",
        format!("{h}.{p}.{}", b64([raw.as_slice(), raw.as_slice()].concat())),
        d,
        InvalidSignature,
    );
    for byte in [0, 15, 31] {
        let mut flipped = raw.clone();
        flipped[byte] ^= 0x80;
        add(
            &format!("bit flip in tag byte {byte}"),
            format!("{h}.{p}.{}", b64(&flipped)),
            d,
            InvalidSignature,
        );
    }
    add(
        "all-zero tag",
        format!("{h}.{p}.{}", b64([0u8; 32])),
        d,
        InvalidSignature,
    );
    add(
        "tag of another key",
        format!(
            "{h}.{p}.{}",
            b64(tag_with::<hmac::Hmac<sha2::Sha256>>(
                attacker,
                &format!("{h}.{p}")
            ))
        ),
        d,
        InvalidSignature,
    );
    add(
        "tag of the empty key",
        format!(
            "{h}.{p}.{}",
            b64(tag_with::<hmac::Hmac<sha2::Sha256>>(
                b"",
                &format!("{h}.{p}")
            ))
        ),
        d,
        InvalidSignature,
    );

    // Tampered claims: refused at the MAC, so claims are never parsed first.
    for (name, body) in [
        (
            "tampered exp",
            claims().replace(&(NOW + 600).to_string(), &(NOW + 999_999).to_string()),
        ),
        ("tampered to invalid JSON", "{".to_owned()),
        (
            "tampered to duplicate",
            format!(r#"{{"exp":1,{}"#, &claims()[1..]),
        ),
        ("tampered to wrong type", claims().replace("\"api\"", "7")),
    ] {
        add(name, format!("{h}.{}.{s}", b64(body)), d, InvalidSignature);
    }

    // Registered claims with every wrong JSON type.
    for (name, values) in [
        (
            "exp",
            &[
                "null",
                r#""1700000600""#,
                "true",
                "[1700000600]",
                r#"{"t":1}"#,
            ][..],
        ),
        ("nbf", &["null", r#""0""#, "false", "[]", "{}"][..]),
        ("iat", &["null", r#""0""#, "true", "[0]", "{}"][..]),
        (
            "aud",
            &[
                "null",
                "7",
                "true",
                "[]",
                "[7]",
                r#"["api",null]"#,
                r#"{"aud":"api"}"#,
            ][..],
        ),
        ("iss", &["null", "7", "true", r#"["issuer"]"#, "{}"][..]),
        ("sub", &["null", "7", "false", r#"["user"]"#, "{}"][..]),
        ("jti", &["null", "7", "true", "[]", "{}"][..]),
    ] {
        for value in values {
            add(
                &format!("{name} = {value}"),
                with_claim(name, value),
                d,
                invalid_type(name),
            );
        }
    }

    // NumericDate boundaries.
    add("exp 0", with_claim("exp", "0"), d, Expired);
    add("exp negative", with_claim("exp", "-1"), d, Expired);
    add(
        "exp equals now",
        with_claim("exp", &NOW.to_string()),
        d,
        Expired,
    );
    add(
        "exp now - 0.4",
        with_claim("exp", "1699999999.6"),
        d,
        Expired,
    );
    add(
        "exp 2^53",
        with_claim("exp", "9007199254740992"),
        d,
        invalid_type("exp"),
    );
    add(
        "exp -2^53",
        with_claim("exp", "-9007199254740992"),
        d,
        invalid_type("exp"),
    );
    add(
        "exp 2^64",
        with_claim("exp", "18446744073709551616"),
        d,
        invalid_type("exp"),
    );
    add(
        "exp 1e400",
        with_claim("exp", "1e400"),
        d,
        invalid_type("exp"),
    );
    add(
        "exp 1.7e400",
        with_claim("exp", "1.7e400"),
        d,
        invalid_type("exp"),
    );
    add(
        "nbf now + 0.4",
        with_claim("nbf", "1700000000.4"),
        d,
        NotYetValid,
    );
    add(
        "nbf 2^53 - 1",
        with_claim("nbf", "9007199254740991"),
        d,
        NotYetValid,
    );
    add(
        "iat in the future",
        with_claim("iat", &(NOW + 1).to_string()),
        d,
        IssuedInFuture,
    );
    add(
        "iat 1e400",
        with_claim("iat", "1e400"),
        d,
        invalid_type("iat"),
    );

    // Near misses on aud, iss and sub.
    for aud in [
        r#""API""#,
        r#""api ""#,
        r#"" api""#,
        r#""ap""#,
        r#""api\u0000""#,
        r#""api\u200b""#,
        "\"\u{430}pi\"",
        r#"["API","web"]"#,
        r#""api.""#,
    ] {
        add(
            &format!("aud {aud}"),
            with_claim("aud", aud),
            d,
            InvalidAudience,
        );
    }
    for iss in [
        r#""Issuer""#,
        r#""issuer\u0000""#,
        "\"\u{456}ssuer\"",
        r#""issuer\u200d""#,
        r#""""#,
    ] {
        add(
            &format!("iss {iss}"),
            with_claim("iss", iss),
            d,
            InvalidIssuer,
        );
    }
    for sub in [
        r#""User""#,
        r#""user\u0000""#,
        "\"u\u{455}er\"",
        r#""user\ufeff""#,
    ] {
        add(
            &format!("sub {sub}"),
            with_claim("sub", sub),
            d,
            InvalidSubject,
        );
    }
    cases
}

#[test]
fn every_attack_is_refused_with_its_exact_kind() {
    let cases = corpus();
    // The recipe's unchanged token passes every check, so each refusal is the change's doing.
    for check in [Check::Default, Check::Typ] {
        assert_eq!(run(&valid(), check), Ok(()));
    }
    let mut failures = Vec::new();
    for (name, token, check, kind) in &cases {
        match run(token, *check) {
            Err(got) if &got == kind => {}
            other => failures.push(format!("{name}: expected {kind:?}, got {other:?}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    assert!(cases.len() >= 60);
    eprintln!("attack corpus: {} cases", cases.len());
}

#[test]
fn oversized_input_is_refused_before_reading_it() {
    // The size check looks at the length only: the same answer whatever the content, and
    // no decoding of a 64 MiB input.
    for fill in [b'A', b'.', b'{', 0xff] {
        let big = vec![fill; 64 << 20];
        let text = String::from_utf8_lossy(&big);
        assert_eq!(run(&text, Check::Default), Err(ErrorKind::LimitExceeded));
    }
}

#[test]
fn empty_and_weak_secrets_are_refused() {
    assert_eq!(
        Hs256Key::from_secret(b"").unwrap_err().kind(),
        &ErrorKind::InvalidKey
    );
    assert_eq!(
        Hs256Key::from_secret(&SECRET[..31]).unwrap_err().kind(),
        &ErrorKind::InvalidKey
    );
    assert_eq!(
        Hs256Key::from_secret(b"secret").unwrap_err().kind(),
        &ErrorKind::InvalidKey
    );
    assert_eq!(
        jwt_core::Hs512Key::from_secret(SECRET).unwrap_err().kind(),
        &ErrorKind::InvalidKey
    );
}

#[test]
fn deep_nesting_on_a_small_stack() {
    let depth = 100_000;
    let arrays = token(
        HEADER,
        format!(
            r#"{{"exp":{},"x":{}{}}}"#,
            NOW + 600,
            "[".repeat(depth),
            "]".repeat(depth)
        ),
    );
    let objects = token(
        HEADER,
        format!(
            r#"{{"exp":{},"x":{}1{}}}"#,
            NOW + 600,
            r#"{"a":"#.repeat(depth),
            "}".repeat(depth)
        ),
    );
    let header = token(
        format!(
            r#"{{"alg":"HS256","x":{}{}}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        ),
        claims(),
    );
    let result = std::thread::Builder::new()
        .stack_size(32 * 1024)
        .spawn(move || {
            let key = Hs256Key::from_secret(SECRET).unwrap();
            let clock = FixedClock::at_secs(NOW).unwrap();
            let v = Validation::new().clock(clock).max_size(usize::MAX);
            [arrays, objects, header].map(|t| {
                decode::verify::<JwtClaims>(&t, &key, &v)
                    .unwrap_err()
                    .kind()
                    .clone()
            })
        })
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(
        result,
        [
            ErrorKind::LimitExceeded,
            ErrorKind::LimitExceeded,
            ErrorKind::LimitExceeded
        ]
    );
}
