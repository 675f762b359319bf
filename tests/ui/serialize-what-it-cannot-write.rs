// `#[claims(serialize)]` writes `Serialize` itself: a serde attribute that changes what
// `Serialize` writes, and that it does not implement, is refused, never ignored.
use jwt_core::{Claims, NumericDate};
use serde::Deserialize;

fn as_text<S: serde::Serializer>(v: &u32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&v.to_string())
}

#[derive(Deserialize, Default)]
struct Extra {
    a: u8,
}

#[derive(Claims, Deserialize)]
#[claims(serialize)]
struct Flattened {
    #[claims(exp)]
    exp: NumericDate,
    #[serde(flatten)]
    extra: Extra,
}

#[derive(Claims, Deserialize)]
#[claims(serialize)]
struct WrittenByFunction {
    #[claims(exp)]
    exp: NumericDate,
    #[serde(serialize_with = "as_text", deserialize_with = "de")]
    level: u32,
}

fn de<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    u32::deserialize(d)
}

#[derive(Claims, Deserialize)]
#[claims(serialize)]
#[serde(tag = "kind")]
struct Tagged {
    #[claims(exp)]
    exp: NumericDate,
}

#[derive(Claims, Deserialize)]
#[claims(serialize)]
struct Generic<T> {
    #[claims(exp)]
    exp: NumericDate,
    #[serde(skip)]
    marker: std::marker::PhantomData<T>,
}

#[derive(Claims, Deserialize)]
#[claims(serialize)]
struct SameName {
    #[claims(exp)]
    exp: NumericDate,
    #[serde(rename = "role")]
    first: u8,
    #[serde(rename = "role")]
    second: u8,
}

#[derive(Claims, Deserialize)]
#[claims(serialize)]
struct FieldBound {
    #[claims(exp)]
    exp: NumericDate,
    #[serde(bound = "")]
    level: u8,
}

#[derive(Claims, Deserialize)]
#[claims(serialize = true)]
struct WithValue {
    #[claims(exp)]
    exp: NumericDate,
}

#[derive(Claims, Deserialize)]
#[claims(serialize)]
struct TooMany {
    #[claims(exp)]
    exp: NumericDate,
    f0: u8,
    f1: u8,
    f2: u8,
    f3: u8,
    f4: u8,
    f5: u8,
    f6: u8,
    f7: u8,
    f8: u8,
    f9: u8,
    f10: u8,
    f11: u8,
    f12: u8,
    f13: u8,
    f14: u8,
    f15: u8,
    f16: u8,
    f17: u8,
    f18: u8,
    f19: u8,
    f20: u8,
    f21: u8,
    f22: u8,
    f23: u8,
    f24: u8,
    f25: u8,
    f26: u8,
    f27: u8,
    f28: u8,
    f29: u8,
    f30: u8,
    f31: u8,
    f32: u8,
    f33: u8,
    f34: u8,
    f35: u8,
    f36: u8,
    f37: u8,
    f38: u8,
    f39: u8,
    f40: u8,
    f41: u8,
    f42: u8,
    f43: u8,
    f44: u8,
    f45: u8,
    f46: u8,
    f47: u8,
    f48: u8,
    f49: u8,
    f50: u8,
    f51: u8,
    f52: u8,
    f53: u8,
    f54: u8,
    f55: u8,
    f56: u8,
    f57: u8,
    f58: u8,
    f59: u8,
    f60: u8,
    f61: u8,
    f62: u8,
    f63: u8,
}

fn main() {}
