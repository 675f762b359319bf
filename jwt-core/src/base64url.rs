//! Strict, canonical base64url without padding (RFC 7515 section 2 and appendix C).
//!
//! Padding, characters outside `[A-Za-z0-9_-]`, a length of 1 modulo 4 and non-zero
//! trailing bits are all refused, so every accepted segment has exactly one encoding.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

/// Encodes without padding.
#[must_use]
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The alphabet of RFC 4648 section 5.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The two characters of every 12-bit value: half of a 3-byte group per lookup.
static PAIRS: [[u8; 2]; 4096] = {
    let mut table = [[0u8; 2]; 4096];
    let mut i = 0;
    while i < 4096 {
        table[i] = [ALPHABET[i >> 6], ALPHABET[i & 63]];
        i += 1;
    }
    table
};

/// Appends the encoding of `bytes` to `out` (ASCII only, so `out` stays UTF-8 when it was).
pub(crate) fn encode_into(bytes: &[u8], out: &mut Vec<u8>) {
    let start = out.len();
    out.resize(start + encoded_len(bytes.len()), 0);
    let dst = &mut out[start..];
    let (groups, rest) = bytes.as_chunks::<3>();
    let (slots, tail) = dst.as_chunks_mut::<4>();
    for (g, slot) in groups.iter().zip(slots.iter_mut()) {
        let v = usize::from(g[0]) << 16 | usize::from(g[1]) << 8 | usize::from(g[2]);
        let [a, b] = PAIRS[v >> 12];
        let [c, d] = PAIRS[v & 0xfff];
        *slot = [a, b, c, d];
    }
    match *rest {
        [x] => {
            let [a, b] = PAIRS[usize::from(x) << 4];
            tail.copy_from_slice(&[a, b]);
        }
        [x, y] => {
            let v = usize::from(x) << 16 | usize::from(y) << 8;
            let [a, b] = PAIRS[v >> 12];
            let [c, _] = PAIRS[v & 0xfff];
            tail.copy_from_slice(&[a, b, c]);
        }
        _ => {}
    }
}

/// Decodes strictly: no padding, no foreign characters, canonical trailing bits.
///
/// # Errors
///
/// Returns the decoder's error for any input that is not canonical base64url.
pub(crate) fn decode(text: &[u8]) -> Result<Vec<u8>, base64::DecodeError> {
    URL_SAFE_NO_PAD.decode(text)
}

/// Decodes strictly into `out`, returning the number of bytes written.
pub(crate) fn decode_slice(text: &[u8], out: &mut [u8]) -> Result<usize, base64::DecodeSliceError> {
    URL_SAFE_NO_PAD.decode_slice(text, out)
}

/// An upper bound of the decoded length of `n` characters.
pub(crate) const fn decoded_len_estimate(n: usize) -> usize {
    n.div_ceil(4) * 3
}

/// The encoded length of `n` bytes without padding.
pub(crate) const fn encoded_len(n: usize) -> usize {
    (n * 4).div_ceil(3)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Our encoder writes what the base64 crate writes.
        #[test]
        fn encoder_agrees_with_the_base64_crate(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let mut out = b"prefix.".to_vec();
            encode_into(&bytes, &mut out);
            prop_assert_eq!(out, format!("prefix.{}", URL_SAFE_NO_PAD.encode(&bytes)).into_bytes());
        }

        /// Decode-then-encode is the identity on every accepted segment: one encoding per
        /// byte string, so nothing can be smuggled in the unused bits.
        #[test]
        fn decode_then_encode_is_the_identity(text in "[A-Za-z0-9_=+/. -]{0,64}") {
            if let Ok(bytes) = decode(text.as_bytes()) {
                prop_assert_eq!(encode(&bytes), text);
            }
        }

        #[test]
        fn accepted_segments_are_base64url_only(text in "[A-Za-z0-9_-]{0,64}") {
            match decode(text.as_bytes()) {
                Ok(bytes) => prop_assert_eq!(encode(&bytes), text),
                // Refused only for an impossible length or non-zero unused bits.
                Err(base64::DecodeError::InvalidLength(_) | base64::DecodeError::InvalidLastSymbol(..)) => {}
                Err(e) => prop_assert!(false, "unexpected {e:?}"),
            }
        }

        #[test]
        fn encode_then_decode_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..96)) {
            prop_assert_eq!(decode(encode(&bytes).as_bytes()).unwrap(), bytes);
        }
    }

    #[test]
    fn round_trip_and_length() {
        for n in 0..70 {
            let bytes: Vec<u8> = (0..n).map(|i| (i * 37 + 11) as u8).collect();
            let text = encode(&bytes);
            assert_eq!(text.len(), encoded_len(n));
            assert_eq!(decode(text.as_bytes()).unwrap(), bytes);
        }
    }

    #[test]
    fn refuses_padding_foreign_characters_and_trailing_bits() {
        assert!(decode(b"eyJ9").is_ok());
        assert!(matches!(
            decode(b"YQ=="),
            Err(base64::DecodeError::InvalidPadding)
        ));
        assert!(matches!(
            decode(b"a+b/"),
            Err(base64::DecodeError::InvalidByte(1, b'+'))
        ));
        assert!(matches!(
            decode(b"a b"),
            Err(base64::DecodeError::InvalidByte(1, b' '))
        ));
        // "YQ" is the canonical form of "a"; "YR" has non-zero trailing bits.
        assert_eq!(decode(b"YQ").unwrap(), b"a");
        assert!(matches!(
            decode(b"YR"),
            Err(base64::DecodeError::InvalidLastSymbol(1, b'R'))
        ));
        assert!(matches!(
            decode(b"YWJjZ"),
            Err(base64::DecodeError::InvalidLength(5))
        ));
    }
}
