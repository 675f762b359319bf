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

fn main() {}
