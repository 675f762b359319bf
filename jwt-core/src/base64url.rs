//! Strict, canonical base64url without padding (RFC 7515 section 2 and appendix C).
//!
//! Padding, characters outside `[A-Za-z0-9_-]`, a length of 1 modulo 4 and non-zero
//! trailing bits are all refused, so every accepted segment has exactly one encoding.
//!
//! The `base64-simd` crate does the work (with AVX2 or SSSE3 where the CPU has them, chosen
//! at run time); our own decoder explains its refusals with the `base64` crate's errors.

#[cfg(test)]
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
use base64::{DecodeError, DecodeSliceError};
use base64_simd::AsOut as _;

/// Encodes without padding.
#[cfg_attr(not(any(test, feature = "pem")), allow(dead_code))]
pub(crate) fn encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    encode_into(bytes, &mut out);
    out
}

/// The alphabet of RFC 4648 section 5.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Appends the encoding of `bytes` to `out`.
///
/// The `base64-simd` crate writes it (with AVX2 or SSSE3 where the CPU has them, chosen at
/// run time), straight into the string: its output is ASCII, so no UTF-8 check follows. A
/// property test holds it to the `base64` crate.
#[inline]
pub(crate) fn encode_into(bytes: &[u8], out: &mut String) {
    base64_simd::URL_SAFE_NO_PAD.encode_append(bytes, out);
}

/// Decodes strictly: no padding, no foreign characters, canonical trailing bits.
///
/// # Errors
///
/// The `base64` crate's error for any input that is not canonical base64url.
pub(crate) fn decode(text: &[u8]) -> Result<Vec<u8>, DecodeError> {
    let mut out = vec![0; decoded_len_estimate(text.len())];
    match decode_slice(text, &mut out) {
        Ok(n) => {
            out.truncate(n);
            Ok(out)
        }
        Err(DecodeSliceError::DecodeError(e)) => Err(e),
        Err(DecodeSliceError::OutputSliceTooSmall) => Err(DecodeError::InvalidLength(text.len())),
    }
}

/// The 6-bit value of each alphabet byte; `0xff` for every other byte.
static VALUES: [u8; 256] = {
    let mut table = [0xffu8; 256];
    let mut i = 0;
    while i < 64 {
        table[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    table
};

/// For each place in a group of four, each byte's value shifted into that place of a 24-bit
/// group; a byte outside the alphabet sets the top bit instead, which the loop collects.
static PLACED: [[u32; 256]; 4] = {
    let mut table = [[0u32; 256]; 4];
    let mut place = 0;
    while place < 4 {
        let mut b = 0;
        while b < 256 {
            table[place][b] = if VALUES[b] == 0xff {
                0x8000_0000
            } else {
                (VALUES[b] as u32) << (18 - 6 * place)
            };
            b += 1;
        }
        place += 1;
    }
    table
};

/// Decodes strictly into `out`, returning the number of bytes written.
///
/// The `base64-simd` crate decodes (it is as strict: no padding, no foreign characters,
/// canonical trailing bits) and its answer stands; only when it refuses does our own decoder
/// run, to say why, with the `base64` crate's error.
///
/// # Errors
///
/// As the `base64` crate's strict `URL_SAFE_NO_PAD` engine, with which a property test
/// compares it; `OutputSliceTooSmall` if `out` cannot hold the result.
pub(crate) fn decode_slice(text: &[u8], out: &mut [u8]) -> Result<usize, DecodeSliceError> {
    let b64 = base64_simd::URL_SAFE_NO_PAD;
    if let Ok(n) = b64.decoded_length(text) {
        if let Some(dst) = out.get_mut(..n) {
            if b64.decode(text, dst.as_out()).is_ok() {
                return Ok(n);
            }
        }
    }
    // Refused, or `out` is too short: our own decoder says why. Its acceptance would mean the
    // two disagree (a property test holds them to the same answers); a refusal still.
    match decode_core(text, out) {
        Err(e) => Err(e),
        Ok(_) => Err(DecodeSliceError::DecodeError(DecodeError::InvalidLength(
            text.len(),
        ))),
    }
}

/// Our own strict decoder: four characters to three bytes per step, with the checks
/// (alphabet, length, trailing bits) after the loop. [`decode_slice`] runs it only to explain
/// a refusal; a property test holds the two decoders to the same answers.
#[cold]
fn decode_core(text: &[u8], out: &mut [u8]) -> Result<usize, DecodeSliceError> {
    let (groups, tail) = text.as_chunks::<4>();
    let len = groups.len() * 3 + tail.len().saturating_sub(1);
    let Some(out) = out.get_mut(..len) else {
        return Err(DecodeSliceError::OutputSliceTooSmall);
    };
    let (slots, out_tail) = out.as_chunks_mut::<3>();
    let mut seen = 0u32;
    for (g, slot) in groups.iter().zip(slots.iter_mut()) {
        let v = PLACED[0][usize::from(g[0])]
            | PLACED[1][usize::from(g[1])]
            | PLACED[2][usize::from(g[2])]
            | PLACED[3][usize::from(g[3])];
        seen |= v;
        let [_, x, y, z] = v.to_be_bytes();
        *slot = [x, y, z];
    }
    let mut seen = (seen >> 24) as u8;
    let values = tail.iter().map(|&ch| VALUES[usize::from(ch)]);
    let (mut v, mut bits) = (0u32, 0);
    for value in values {
        seen |= value;
        v = v << 6 | u32::from(value & 0x3f);
        bits += 6;
    }
    if seen & 0x80 != 0 {
        let (i, &byte) = text
            .iter()
            .enumerate()
            .find(|&(_, &ch)| VALUES[usize::from(ch)] == 0xff)
            .unwrap_or((0, &0));
        return Err(DecodeSliceError::DecodeError(if byte == b'=' {
            DecodeError::InvalidPadding
        } else {
            DecodeError::InvalidByte(i, byte)
        }));
    }
    match tail.len() {
        0 => {}
        1 => {
            return Err(DecodeSliceError::DecodeError(DecodeError::InvalidLength(
                text.len(),
            )))
        }
        n => {
            // 12 or 18 bits for 1 or 2 bytes: the 4 or 2 bits left over must be zero.
            let spare = bits % 8;
            if v & ((1 << spare) - 1) != 0 {
                return Err(DecodeSliceError::DecodeError(
                    DecodeError::InvalidLastSymbol(text.len() - 1, tail[n - 1]),
                ));
            }
            let bytes = (v >> spare).to_be_bytes();
            out_tail.copy_from_slice(&bytes[4 - (n - 1)..]);
        }
    }
    Ok(len)
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
        /// Our decoder accepts what the base64 crate's strict engine accepts, with the same
        /// bytes, and refuses what it refuses.
        #[test]
        fn decoder_agrees_with_the_base64_crate(text in "[A-Za-z0-9_=+/. -]{0,70}") {
            match (decode(text.as_bytes()), URL_SAFE_NO_PAD.decode(&text)) {
                (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
                (Err(_), Err(_)) => {}
                (a, b) => prop_assert!(false, "{:?}: ours {:?}, base64 {:?}", text, a, b),
            }
        }

        #[test]
        fn decoder_agrees_on_canonical_text(bytes in proptest::collection::vec(any::<u8>(), 0..100), flip in any::<u8>()) {
            let text = URL_SAFE_NO_PAD.encode(&bytes);
            prop_assert_eq!(decode(text.as_bytes()).unwrap(), bytes);
            // One changed last character: both refuse it or both read the same bytes.
            if let Some(last) = text.len().checked_sub(1) {
                let mut changed = text.into_bytes();
                changed[last] = ALPHABET[usize::from(flip % 64)];
                match (decode(&changed), URL_SAFE_NO_PAD.decode(&changed)) {
                    (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
                    (Err(_), Err(_)) => {}
                    (a, b) => prop_assert!(false, "ours {:?}, base64 {:?}", a, b),
                }
            }
        }

        /// Our encoder writes what the base64 crate writes.
        #[test]
        fn encoder_agrees_with_the_base64_crate(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let mut out = "prefix.".to_owned();
            encode_into(&bytes, &mut out);
            prop_assert_eq!(out, format!("prefix.{}", URL_SAFE_NO_PAD.encode(&bytes)));
        }

        /// `base64-simd` accepts exactly what our own decoder accepts, with the same bytes,
        /// at lengths where its vector loops run and for text in and out of the alphabet.
        #[test]
        fn simd_decoder_agrees_with_our_own(
            chars in proptest::collection::vec(
                prop::sample::select(b"AQgw_-09azZ=+/.".to_vec()),
                0..300,
            ),
            foreign in any::<bool>(),
            last in any::<u8>(),
        ) {
            // Mostly the alphabet, any last character; a foreign byte sometimes.
            let mut text: Vec<u8> = chars
                .iter()
                .map(|&c| if foreign || !b"=+/.".contains(&c) { c } else { b'A' })
                .collect();
            if let Some(end) = text.last_mut() {
                *end = ALPHABET[usize::from(last % 64)];
            }
            let b64 = base64_simd::URL_SAFE_NO_PAD;
            let simd = b64.decoded_length(&text).ok().and_then(|n| {
                let mut out = vec![0u8; n];
                b64.decode(&text, out.as_mut_slice().as_out()).ok()?;
                Some(out)
            });
            let mut out = vec![0u8; decoded_len_estimate(text.len())];
            let own = decode_core(&text, &mut out).ok().map(|n| out[..n].to_vec());
            prop_assert_eq!(simd, own);
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
