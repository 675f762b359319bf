//! Reading key documents: PEM by its label (RFC 7468), DER by its structure, and what key a
//! SubjectPublicKeyInfo (RFC 5280) or PKCS #8 `PrivateKeyInfo` (RFC 5208) holds, named for
//! the error messages (`"a P-384 key"`), so that a key of the wrong kind is refused with a
//! sentence rather than a parser's code. Never repeats key material in a message.
// Each family uses the parts it needs; with one family alone some go unused.
#![cfg_attr(
    not(all(feature = "ecdsa", feature = "eddsa", feature = "rsa")),
    allow(dead_code)
)]

use der::asn1::ObjectIdentifier;
use zeroize::Zeroizing;

use crate::error::{Error, ErrorKind};

/// The key documents this crate reads.
#[cfg_attr(not(feature = "rsa"), allow(dead_code))]
pub(crate) enum Document {
    /// `PUBLIC KEY`: a SubjectPublicKeyInfo.
    Spki(Vec<u8>),
    /// `PRIVATE KEY`: PKCS #8.
    Pkcs8(Zeroizing<Vec<u8>>),
    /// `EC PRIVATE KEY`: SEC1 (RFC 5915).
    Sec1(Zeroizing<Vec<u8>>),
    /// `RSA PUBLIC KEY`: PKCS #1.
    RsaPublic(Vec<u8>),
    /// `RSA PRIVATE KEY`: PKCS #1.
    RsaPrivate(Zeroizing<Vec<u8>>),
}

pub(crate) fn invalid(detail: impl Into<String>) -> Error {
    Error::with_detail(ErrorKind::InvalidKey, detail.into())
}

/// Reads a PEM document of one of the labels above.
pub(crate) fn read_pem(pem: &str) -> Result<Document, Error> {
    let (label, der) = pem_rfc7468::decode_vec(pem.trim().as_bytes())
        .map_err(|_| invalid("the text is not a PEM document (RFC 7468)"))?;
    let der = Zeroizing::new(der);
    Ok(match label {
        "PUBLIC KEY" => Document::Spki(der.to_vec()),
        "PRIVATE KEY" => Document::Pkcs8(der),
        "EC PRIVATE KEY" => Document::Sec1(der),
        "RSA PUBLIC KEY" => Document::RsaPublic(der.to_vec()),
        "RSA PRIVATE KEY" => Document::RsaPrivate(der),
        "ENCRYPTED PRIVATE KEY" => {
            return Err(invalid(
                "the PEM is an encrypted private key; decrypt it first (for example with `openssl pkcs8`)",
            ))
        }
        "CERTIFICATE" => {
            return Err(invalid(
                "the PEM is a certificate; give its public key (`openssl x509 -pubkey -noout`)",
            ))
        }
        other => {
            return Err(invalid(format!(
                "the PEM is a {:?}, not a key this crate reads (PUBLIC KEY, PRIVATE KEY, EC PRIVATE KEY, RSA PUBLIC KEY, RSA PRIVATE KEY)",
                crate::error::truncate(other, 40)
            )))
        }
    })
}

/// What a key document holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    P256,
    P384,
    P521,
    OtherCurve,
    Ed25519,
    Ed448,
    X25519,
    Rsa,
    RsaPss,
    Other,
}

impl Kind {
    /// As in "the key is {}".
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Kind::P256 => "a P-256 key",
            Kind::P384 => "a P-384 key",
            Kind::P521 => "a P-521 key",
            Kind::OtherCurve => "an EC key on a curve this crate does not implement",
            Kind::Ed25519 => "an Ed25519 key",
            Kind::Ed448 => "an Ed448 key",
            Kind::X25519 => "an X25519 (key agreement) key",
            Kind::Rsa => "an RSA key",
            Kind::RsaPss => "an RSA-PSS-restricted key",
            Kind::Other => "a key of an algorithm this crate does not implement",
        }
    }
}

const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const P521: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");
const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const ED448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.113");
const X25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.110");
const RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const RSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");

fn kind_of(algorithm: &spki::AlgorithmIdentifierRef<'_>) -> Kind {
    match algorithm.oid {
        EC_PUBLIC_KEY => match algorithm
            .parameters
            .and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
        {
            Some(P256) => Kind::P256,
            Some(P384) => Kind::P384,
            Some(P521) => Kind::P521,
            _ => Kind::OtherCurve,
        },
        ED25519 => Kind::Ed25519,
        ED448 => Kind::Ed448,
        X25519 => Kind::X25519,
        RSA => Kind::Rsa,
        RSA_PSS => Kind::RsaPss,
        _ => Kind::Other,
    }
}

/// The kind of key a named curve's OID names.
pub(crate) fn curve_oid_kind(oid: ObjectIdentifier) -> Kind {
    match oid {
        P256 => Kind::P256,
        P384 => Kind::P384,
        P521 => Kind::P521,
        _ => Kind::OtherCurve,
    }
}

/// The kind of key a SubjectPublicKeyInfo holds.
pub(crate) fn spki_kind(der: &[u8]) -> Result<Kind, Error> {
    use der::Decode;
    let info = spki::SubjectPublicKeyInfoRef::from_der(der)
        .map_err(|_| invalid("the public key is not a DER SubjectPublicKeyInfo"))?;
    Ok(kind_of(&info.algorithm))
}

/// The kind of key a PKCS #8 `PrivateKeyInfo` holds.
pub(crate) fn pkcs8_kind(der: &[u8]) -> Result<Kind, Error> {
    use der::Decode;
    let info = pkcs8::PrivateKeyInfoRef::from_der(der)
        .map_err(|_| invalid("the private key is not a DER PKCS #8 PrivateKeyInfo"))?;
    Ok(kind_of(&info.algorithm))
}

/// The kind of key a PEM document (by its label) or a DER document (by its structure)
/// holds (SubjectPublicKeyInfo, PKCS #8, SEC1 `ECPrivateKey`, PKCS #1 RSA keys), and
/// whether it is a private key.
pub(crate) fn document_kind(document: &[u8]) -> Result<(Kind, bool), Error> {
    let pem = std::str::from_utf8(document)
        .ok()
        .map(str::trim_start)
        .filter(|t| t.starts_with("-----BEGIN"));
    if let Some(pem) = pem {
        return match read_pem(pem)? {
            Document::Spki(der) => Ok((spki_kind(&der)?, false)),
            Document::Pkcs8(der) => Ok((pkcs8_kind(&der)?, true)),
            Document::Sec1(der) => Ok((sec1_kind(&der)?, true)),
            Document::RsaPublic(_) => Ok((Kind::Rsa, false)),
            Document::RsaPrivate(_) => Ok((Kind::Rsa, true)),
        };
    }
    spki_kind(document)
        .map(|k| (k, false))
        .or_else(|_| pkcs8_kind(document).map(|k| (k, true)))
        .or_else(|_| sec1_kind(document).map(|k| (k, true)))
        .or_else(|_| pkcs1_kind(document))
        .map_err(|_| {
            invalid(
                "the document is not a key: neither PEM nor DER SubjectPublicKeyInfo, PKCS #8, \
                 SEC1 or PKCS #1",
            )
        })
}

/// The curve of a SEC1 `ECPrivateKey` (RFC 5915).
fn sec1_kind(der: &[u8]) -> Result<Kind, Error> {
    #[cfg(any(feature = "ecdsa", feature = "es512"))]
    {
        use der::Decode;
        let parsed = sec1::EcPrivateKey::from_der(der)
            .map_err(|_| invalid("the private key is not a DER SEC1 ECPrivateKey"))?;
        Ok(parsed
            .parameters
            .and_then(|p| p.named_curve())
            .map_or(Kind::OtherCurve, curve_oid_kind))
    }
    #[cfg(not(any(feature = "ecdsa", feature = "es512")))]
    {
        let _ = der;
        Err(invalid(
            "the document is an EC PRIVATE KEY; EC keys need the `ecdsa` or `es512` feature",
        ))
    }
}

/// [`Kind::Rsa`] for a DER PKCS #1 `RSAPublicKey` (not private) or `RSAPrivateKey`.
fn pkcs1_kind(der: &[u8]) -> Result<(Kind, bool), Error> {
    #[cfg(feature = "rsa")]
    {
        use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey};
        if rsa::PublicKey::from_pkcs1_der(der).is_ok() {
            return Ok((Kind::Rsa, false));
        }
        if rsa::PrivateKey::from_pkcs1_der(der).is_ok() {
            return Ok((Kind::Rsa, true));
        }
    }
    let _ = der;
    Err(invalid("the document is not a DER PKCS #1 RSA key"))
}

/// Refuses a key of another kind than `wanted`, naming both.
pub(crate) fn expect_kind(found: Kind, wanted: Kind, alg: &str) -> Result<(), Error> {
    if found == wanted {
        return Ok(());
    }
    Err(invalid(format!(
        "the key is {}; an {alg} key needs {}",
        found.describe(),
        wanted.describe()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unusable_pem_documents_get_a_sentence() {
        let err = |pem: &str| read_pem(pem).err().unwrap().to_string();
        assert_eq!(
            err("not pem"),
            "invalid key: the text is not a PEM document (RFC 7468)"
        );
        let encrypted =
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n";
        assert!(err(encrypted).contains("encrypted private key; decrypt it first"));
        let cert = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        assert!(err(cert).contains("is a certificate"));
        let other = "-----BEGIN DH PARAMETERS-----\nAAAA\n-----END DH PARAMETERS-----\n";
        assert!(err(other).contains(r#"the PEM is a "DH PARAMETERS""#));
    }

    #[test]
    fn kinds_are_named() {
        assert_eq!(
            expect_kind(Kind::P384, Kind::P256, "ES256")
                .unwrap_err()
                .to_string(),
            "invalid key: the key is a P-384 key; an ES256 key needs a P-256 key"
        );
        assert!(expect_kind(Kind::Rsa, Kind::Rsa, "RS256").is_ok());
        assert_eq!(
            spki_kind(b"\x30\x03\x02\x01\x00").unwrap_err().kind(),
            &ErrorKind::InvalidKey
        );
    }
}
