//! HMAC (RFC 2104) written on the SHA-2 block functions of the `sha2` crate.
//!
//! A key keeps the two chaining values after its inner and outer pad blocks, computed once.
//! A tag then costs the compression of the message blocks, one or two padding blocks, and
//! one outer block, with every buffer on the stack and nothing to clone but 32 or 64 bytes.
//! The keyed states are zeroized on drop, the working state after each tag.

use subtle::ConstantTimeEq;
use zeroize::{Zeroize, Zeroizing};

/// The largest block (SHA-512's) and digest.
const MAX_BLOCK: usize = 128;
pub(crate) const MAX_OUT: usize = 64;

/// One SHA-2 function, as HMAC needs it.
pub trait Sha2: Send + Sync + 'static {
    /// A word of the chaining value.
    type Word: Copy + Zeroize + Send + Sync;
    /// Block length in bytes.
    const BLOCK: usize;
    /// Bytes of the message length at the end of the padding.
    const LEN_BYTES: usize;
    /// Digest length in bytes (SHA-384 keeps 48 of its 64).
    const OUT: usize;
    /// The initial chaining value.
    const IV: [Self::Word; 8];
    /// Compresses whole blocks (`blocks.len()` is a multiple of [`Sha2::BLOCK`]).
    fn compress(state: &mut [Self::Word; 8], blocks: &[u8]);
    /// The first [`Sha2::OUT`] bytes of the big-endian chaining value.
    fn write(state: &[Self::Word; 8], out: &mut [u8]);
    /// The digest of `data` (for keys longer than a block).
    fn digest(data: &[u8]) -> Zeroizing<Vec<u8>>;
}

/// SHA-256.
pub struct Sha256;
/// SHA-384.
pub struct Sha384;
/// SHA-512.
pub struct Sha512;

impl Sha2 for Sha256 {
    type Word = u32;
    const BLOCK: usize = 64;
    const LEN_BYTES: usize = 8;
    const OUT: usize = 32;
    // FIPS 180-4 section 5.3.3.
    const IV: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    #[inline]
    fn compress(state: &mut [u32; 8], blocks: &[u8]) {
        let (blocks, rest) = blocks.as_chunks::<64>();
        debug_assert!(rest.is_empty());
        sha2::block_api::compress256(state, blocks);
    }
    #[inline]
    fn write(state: &[u32; 8], out: &mut [u8]) {
        for (chunk, word) in out.chunks_exact_mut(4).zip(state) {
            chunk.copy_from_slice(&word.to_be_bytes());
        }
    }
    fn digest(data: &[u8]) -> Zeroizing<Vec<u8>> {
        use sha2::Digest;
        Zeroizing::new(sha2::Sha256::digest(data).to_vec())
    }
}

macro_rules! sha512_family {
    ($name:ident, $out:literal, $digest:ty, $iv:expr) => {
        impl Sha2 for $name {
            type Word = u64;
            const BLOCK: usize = 128;
            const LEN_BYTES: usize = 16;
            const OUT: usize = $out;
            const IV: [u64; 8] = $iv;
            #[inline]
            fn compress(state: &mut [u64; 8], blocks: &[u8]) {
                let (blocks, rest) = blocks.as_chunks::<128>();
                debug_assert!(rest.is_empty());
                sha2::block_api::compress512(state, blocks);
            }
            #[inline]
            fn write(state: &[u64; 8], out: &mut [u8]) {
                let mut all = [0u8; 64];
                for (chunk, word) in all.chunks_exact_mut(8).zip(state) {
                    chunk.copy_from_slice(&word.to_be_bytes());
                }
                out.copy_from_slice(&all[..out.len()]);
            }
            fn digest(data: &[u8]) -> Zeroizing<Vec<u8>> {
                use sha2::Digest;
                Zeroizing::new(<$digest>::digest(data).to_vec())
            }
        }
    };
}

// FIPS 180-4 sections 5.3.4 and 5.3.5.
sha512_family!(
    Sha384,
    48,
    sha2::Sha384,
    [
        0xcbbb9d5dc1059ed8,
        0x629a292a367cd507,
        0x9159015a3070dd17,
        0x152fecd8f70e5939,
        0x67332667ffc00b31,
        0x8eb44a8768581511,
        0xdb0c2e0d64f98fa7,
        0x47b5481dbefa4fa4,
    ]
);
sha512_family!(
    Sha512,
    64,
    sha2::Sha512,
    [
        0x6a09e667f3bcc908,
        0xbb67ae8584caa73b,
        0x3c6ef372fe94f82b,
        0xa54ff53a5f1d36f1,
        0x510e527fade682d1,
        0x9b05688c2b3e6c1f,
        0x1f83d9abfb41bd6b,
        0x5be0cd19137e2179,
    ]
);

/// An HMAC key: the chaining values after the inner and the outer pad block.
pub(crate) struct Keyed<H: Sha2> {
    inner: [H::Word; 8],
    outer: [H::Word; 8],
}

impl<H: Sha2> Clone for Keyed<H> {
    fn clone(&self) -> Self {
        Keyed {
            inner: self.inner,
            outer: self.outer,
        }
    }
}

impl<H: Sha2> Drop for Keyed<H> {
    fn drop(&mut self) {
        self.inner.zeroize();
        self.outer.zeroize();
    }
}

impl<H: Sha2> Keyed<H> {
    /// Keys HMAC with `secret` (hashed first when longer than a block, as RFC 2104 says).
    pub(crate) fn new(secret: &[u8]) -> Self {
        let mut pad = Zeroizing::new([0u8; MAX_BLOCK]);
        let pad = &mut pad[..H::BLOCK];
        if secret.len() > H::BLOCK {
            let hashed = H::digest(secret);
            pad[..hashed.len()].copy_from_slice(&hashed);
        } else {
            pad[..secret.len()].copy_from_slice(secret);
        }
        pad.iter_mut().for_each(|b| *b ^= 0x36);
        let mut inner = H::IV;
        H::compress(&mut inner, pad);
        pad.iter_mut().for_each(|b| *b ^= 0x36 ^ 0x5c);
        let mut outer = H::IV;
        H::compress(&mut outer, pad);
        Keyed { inner, outer }
    }

    /// The tag of `data`, in the first [`Sha2::OUT`] bytes of `out`.
    #[inline]
    pub(crate) fn tag(&self, data: &[u8], out: &mut [u8; MAX_OUT]) {
        let mut state = self.inner;
        let whole = data.len() - data.len() % H::BLOCK;
        H::compress(&mut state, &data[..whole]);
        // The inner hash's padding: the rest of the message, 0x80, zeros, the bit length
        // (of the pad block and the message) at the end of one or two blocks.
        let rest = &data[whole..];
        let mut last = [0u8; 2 * MAX_BLOCK];
        last[..rest.len()].copy_from_slice(rest);
        last[rest.len()] = 0x80;
        let end = if rest.len() + 1 + H::LEN_BYTES <= H::BLOCK {
            H::BLOCK
        } else {
            2 * H::BLOCK
        };
        let bits = ((H::BLOCK as u128) + data.len() as u128) * 8;
        last[end - H::LEN_BYTES..end].copy_from_slice(&bits.to_be_bytes()[16 - H::LEN_BYTES..]);
        H::compress(&mut state, &last[..end]);

        // The outer hash: the inner digest, padded into one block.
        let mut block = [0u8; MAX_BLOCK];
        H::write(&state, &mut block[..H::OUT]);
        state.zeroize();
        block[H::OUT] = 0x80;
        let bits = ((H::BLOCK + H::OUT) as u128) * 8;
        block[H::BLOCK - H::LEN_BYTES..H::BLOCK]
            .copy_from_slice(&bits.to_be_bytes()[16 - H::LEN_BYTES..]);
        let mut state = self.outer;
        H::compress(&mut state, &block[..H::BLOCK]);
        H::write(&state, &mut out[..H::OUT]);
        state.zeroize();
    }

    /// Whether `tag` is the full tag of `data`, compared in constant time.
    #[inline]
    pub(crate) fn verify(&self, data: &[u8], tag: &[u8]) -> bool {
        if tag.len() != H::OUT {
            return false;
        }
        let mut expected = [0u8; MAX_OUT];
        self.tag(data, &mut expected);
        // Compared as 64-bit words (every tag length is a multiple of 8), each through
        // subtle's constant-time equality.
        let words = |bytes: &[u8]| -> [u64; MAX_OUT / 8] {
            let mut out = [0u64; MAX_OUT / 8];
            for (w, chunk) in out.iter_mut().zip(bytes.chunks_exact(8)) {
                *w = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            }
            out
        };
        let n = H::OUT / 8;
        words(&expected[..H::OUT])[..n]
            .ct_eq(&words(tag)[..n])
            .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hmac::{Hmac, KeyInit, Mac};
    use proptest::prelude::*;

    fn ours<H: Sha2>(key: &[u8], data: &[u8]) -> Vec<u8> {
        let mut out = [0u8; MAX_OUT];
        Keyed::<H>::new(key).tag(data, &mut out);
        out[..H::OUT].to_vec()
    }

    fn reference<M: Mac + KeyInit>(key: &[u8], data: &[u8]) -> Vec<u8> {
        <M as KeyInit>::new_from_slice(key)
            .unwrap()
            .chain_update(data)
            .finalize()
            .into_bytes()
            .to_vec()
    }

    fn agree(key: &[u8], data: &[u8]) {
        assert_eq!(
            ours::<Sha256>(key, data),
            reference::<Hmac<sha2::Sha256>>(key, data)
        );
        assert_eq!(
            ours::<Sha384>(key, data),
            reference::<Hmac<sha2::Sha384>>(key, data)
        );
        assert_eq!(
            ours::<Sha512>(key, data),
            reference::<Hmac<sha2::Sha512>>(key, data)
        );
    }

    /// Every message length around the padding boundaries of both block sizes, and keys
    /// shorter than, equal to and longer than a block.
    #[test]
    fn agrees_with_the_hmac_crate_at_every_boundary() {
        let data: Vec<u8> = (0..300u32).map(|i| (i * 7 + 3) as u8).collect();
        for key_len in [1, 32, 63, 64, 65, 127, 128, 129, 200] {
            let key = vec![0xa5u8; key_len];
            for n in 0..300 {
                agree(&key, &data[..n]);
            }
        }
    }

    #[test]
    fn verify_needs_the_whole_tag() {
        let key = Keyed::<Sha256>::new(b"test-key");
        let mut tag = [0u8; MAX_OUT];
        key.tag(b"data", &mut tag);
        assert!(key.verify(b"data", &tag[..32]));
        assert!(!key.verify(b"data", &tag[..31]));
        assert!(!key.verify(b"data", &tag[..33]));
        assert!(!key.verify(b"datb", &tag[..32]));
        tag[31] ^= 1;
        assert!(!key.verify(b"data", &tag[..32]));
    }

    proptest! {
        #[test]
        fn agrees_with_the_hmac_crate(
            key in proptest::collection::vec(any::<u8>(), 1..300),
            data in proptest::collection::vec(any::<u8>(), 0..700),
        ) {
            agree(&key, &data);
        }
    }
}
