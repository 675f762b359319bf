//! Structure-aware: mutated header and claims JSON, re-signed with the key, so every input
//! reaches the header and claims parsers behind a valid MAC. Nothing may panic, and whatever
//! verifies must be what was signed.
#![no_main]

use arbitrary::Arbitrary;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{KeyInit, Mac};
use jwt_core::{decode, Claims, FixedClock, Hs256Key, JwtClaims, NumericDate, Validation};
use libfuzzer_sys::fuzz_target;

const SECRET: &[u8] = b"fuzz-test-key-0123456789abcdef01";

#[derive(Claims, serde::Serialize, serde::Deserialize, Debug)]
#[claims(lifetime(min = 0, max = 100000))]
struct Typed {
    #[claims(exp)]
    exp: NumericDate,
    #[claims(iat)]
    #[serde(skip_serializing_if = "Option::is_none")]
    iat: Option<i64>,
    #[claims(aud)]
    #[serde(skip_serializing_if = "Option::is_none")]
    aud: Option<jwt_core::Audience>,
    #[claims(one_of(0, 1))]
    #[serde(default)]
    role: u8,
    #[serde(flatten)]
    rest: std::collections::BTreeMap<String, serde_json::Value>,
}

fn default_aud() -> jwt_core::Audience {
    jwt_core::Audience::One("api".into())
}

include!("../../tests/common/twins.rs");

twins! {
    #[derive(Debug)]
    struct Direct / DirectTwin {
        #[claims(iss)]
        #[serde(skip_serializing_if = "Option::is_none")]
        iss: Option<String>,
        #[claims(sub)]
        #[serde(default)]
        sub: String,
        #[claims(aud)]
        #[serde(default = "default_aud")]
        aud: jwt_core::Audience,
        #[claims(exp)]
        exp: u64,
        #[claims(iat)]
        #[serde(default)]
        iat: i64,
        #[serde(default)]
        note: serde_json::Value,
    }
}

/// Plain serde fields: the claims type reads integers and strings straight from the parser
/// while the values are recorded for validation; both must be the same values.
#[derive(serde::Deserialize, Debug)]
struct Plain {
    exp: i64,
    nbf: Option<u64>,
    iss: Option<String>,
    sub: Option<Box<str>>,
}

#[derive(Arbitrary, Debug)]
struct Input {
    header: Header,
    claims: Vec<(String, Value)>,
    raw_claims: Option<String>,
}

#[derive(Arbitrary, Debug)]
enum Header {
    Common,
    Json(Vec<(String, Value)>),
    Raw(String),
}

#[derive(Arbitrary, Debug)]
enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
    Number(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
    /// Seconds around the fixed clock (mostly after it), so that tokens verify often.
    Time(u16),
    /// The audience the verifiers accept.
    Api,
}

fn write_value(v: &Value, out: &mut String, depth: usize) {
    match v {
        _ if depth > 40 => out.push_str("0"),
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => out.push_str(&i.to_string()),
        Value::Float(f) => out.push_str(&format!("{f:?}")),
        Value::Text(s) => out.push_str(&serde_json::to_string(s).unwrap()),
        // Number-like text, written as is: exponents, long fractions, garbage.
        Value::Number(s) => out.push_str(s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(item, out, depth + 1);
            }
            out.push(']');
        }
        Value::Object(members) => write_object(members, out, depth + 1),
        Value::Time(t) => out.push_str(&(1_699_992_000 + i64::from(*t)).to_string()),
        Value::Api => out.push_str("\"api\""),
    }
}

fn write_object(members: &[(String, Value)], out: &mut String, depth: usize) {
    out.push('{');
    for (i, (k, v)) in members.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        // Names are mostly the registered ones, so duplicates and types get exercised.
        let name = match k.len() % 9 {
            0 => "exp",
            1 => "nbf",
            2 => "iat",
            3 => "aud",
            4 => "iss",
            5 => "sub",
            6 => "role",
            7 => "alg",
            _ => k.as_str(),
        };
        out.push_str(&serde_json::to_string(name).unwrap());
        out.push(':');
        write_value(v, out, depth);
    }
    out.push('}');
}

fn sign(header: &str, claims: &str) -> String {
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header),
        URL_SAFE_NO_PAD.encode(claims)
    );
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(SECRET).unwrap();
    mac.update(input.as_bytes());
    format!(
        "{input}.{}",
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    )
}

fuzz_target!(|input: Input| {
    let header = match &input.header {
        Header::Common => r#"{"alg":"HS256","typ":"JWT"}"#.to_owned(),
        Header::Json(members) => {
            let mut h = String::new();
            write_object(members, &mut h, 0);
            h
        }
        Header::Raw(s) => s.clone(),
    };
    let claims = match &input.raw_claims {
        Some(raw) => raw.clone(),
        None => {
            let mut c = String::new();
            write_object(&input.claims, &mut c, 0);
            c
        }
    };
    let token = sign(&header, &claims);
    let key = Hs256Key::from_secret(SECRET).unwrap();
    let clock = FixedClock::at_secs(1_700_000_000).unwrap();
    let v = Validation::new()
        .clock(clock)
        .audience("api")
        .max_size(1 << 20);
    if let Ok(general) = decode::verify::<JwtClaims>(&token, &key, &v) {
        // Accepted claims must be unexpired and, when they name an audience, name "api".
        let exp = general.registered.exp.expect("exp is required");
        assert!(exp > clock.0);
        if let Some(aud) = &general.registered.aud {
            assert!(aud.contains("api"));
        }
        // Signing writes exactly what serde_json writes for the same value.
        if let Ok(again) = jwt_core::encode::sign(&general, &key, &v) {
            let payload = again.split('.').nth(1).unwrap();
            let json = URL_SAFE_NO_PAD.decode(payload).unwrap();
            assert_eq!(json, serde_json::to_vec(&general).unwrap());
        }
    }
    if let Ok(plain) = jwt_core::dangerous::verify_serde::<Plain>(&token, &key, &v) {
        // The values the type read are the ones that were checked.
        assert!(plain.exp > 1_700_000_000);
        assert!(plain.nbf.is_none_or(|nbf| nbf <= 1_700_000_000));
        // (The general type also refuses duplicates nested in private claims.)
        if let Ok(general) = decode::verify::<JwtClaims>(&token, &key, &v) {
            assert_eq!(general.registered.iss.as_deref(), plain.iss.as_deref());
            assert_eq!(general.registered.sub.as_deref(), plain.sub.as_deref());
        }
    }
    if let Ok(typed) = Typed::verifier(&key)
        .audience("api")
        .clock(clock)
        .max_size(1 << 20)
        .verify(&token)
    {
        assert!(typed.exp > clock.0);
        assert!(typed.role <= 1);
        // A re-signed typed value must verify again.
        let again = typed.sign_with_clock(&key, &clock);
        assert!(again.is_ok(), "{again:?}");
    }
    if let Ok(direct) = Direct::verifier(&key)
        .audience("api")
        .clock(clock)
        .max_size(1 << 20)
        .verify(&token)
    {
        let twin = DirectTwin::from(&direct);
        // The derive's writer signs what serde's Serialize would have signed.
        let outcome = |r: Result<String, jwt_core::Error>| r.map_err(|e| e.to_string());
        assert_eq!(
            outcome(direct.sign_with_clock(&key, &clock)),
            outcome(twin.sign_with_clock(&key, &clock)),
        );
    }
    let _ = jwt_core::dangerous::decode_unverified(&token);
});
