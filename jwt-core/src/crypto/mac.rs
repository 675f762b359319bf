//! HMAC (RFC 2104) through the `hmac` crate, keyed once per key.
//!
//! A key keeps the `hmac` crate's block-level keyed state ([`HmacCore`]: the hash states
//! after the inner and outer pad blocks), computed once when the key is built. Each tag
//! clones it and runs the message through it with a block buffer on the stack, so a tag
//! costs the compression of the message, its padding and the outer block. This is the
//! crate's lower-level API: its buffered `Hmac` type does the same with a buffer kept in
//! the key, which costs a copy and a wipe of that buffer on every tag (about 20% of an
//! HS256 tag on a token-sized input, measured).
//!
//! The crate's states and buffers are zeroized on drop (its `zeroize` feature): the kept
//! state when the key is dropped, the working copy and the buffer after each tag.

use hmac::block_api::HmacCore;
use hmac::digest::block_api::{Buffer, FixedOutputCore, UpdateCore};
use hmac::digest::{CtOutput, KeyInit, Output};
use hmac::EagerHash;

/// The largest tag (HMAC-SHA-512's).
pub(crate) const MAX_OUT: usize = 64;

/// A SHA-2 function the `hmac` crate runs HMAC on, as a key keeps it.
pub trait Sha2: EagerHash<Core: Send + Sync> + Send + Sync + 'static {}

impl Sha2 for sha2::Sha256 {}
impl Sha2 for sha2::Sha384 {}
impl Sha2 for sha2::Sha512 {}

/// An HMAC key: the `hmac` crate's keyed state, cloned for each tag.
pub(crate) struct Keyed<H: Sha2> {
    core: HmacCore<H>,
}

impl<H: Sha2> Clone for Keyed<H> {
    fn clone(&self) -> Self {
        Keyed {
            core: self.core.clone(),
        }
    }
}

impl<H: Sha2> Keyed<H> {
    /// Keys HMAC with `secret` (hashed first when longer than a block, as RFC 2104 says).
    ///
    /// # Errors
    ///
    /// The crate's refusal of the key length, which HMAC does not have (it takes keys of
    /// any length); reported rather than assumed away.
    pub(crate) fn new(secret: &[u8]) -> Result<Self, hmac::digest::InvalidLength> {
        HmacCore::<H>::new_from_slice(secret).map(|core| Keyed { core })
    }

    /// The tag of `data`.
    #[inline]
    fn output(&self, data: &[u8]) -> Output<HmacCore<H>> {
        let mut core = self.core.clone();
        let mut buffer = Buffer::<HmacCore<H>>::default();
        buffer.digest_blocks(data, |blocks| core.update_blocks(blocks));
        let mut out = Output::<HmacCore<H>>::default();
        core.finalize_fixed_core(&mut buffer, &mut out);
        out
    }

    /// The tag of `data`, in the first bytes of `out`; returns its length.
    #[inline]
    pub(crate) fn tag(&self, data: &[u8], out: &mut [u8; MAX_OUT]) -> usize {
        let tag = self.output(data);
        let n = tag.len().min(MAX_OUT);
        out[..n].copy_from_slice(&tag[..n]);
        n
    }

    /// Whether `tag` is the full tag of `data`: a tag of any other length is refused, and
    /// the bytes are compared by the crate's constant-time `CtOutput` equality (what its
    /// `verify_slice` uses), which also wipes both when dropped.
    #[inline]
    pub(crate) fn verify(&self, data: &[u8], tag: &[u8]) -> bool {
        let expected = CtOutput::<HmacCore<H>>::new(self.output(data));
        match Output::<HmacCore<H>>::try_from(tag) {
            Ok(received) => expected == CtOutput::new(received),
            Err(_) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hmac::{Hmac, Mac};

    fn fresh<H: Sha2>(key: &[u8], data: &[u8]) -> Vec<u8>
    where
        Hmac<H>: Mac + KeyInit,
    {
        let mut m = <Hmac<H> as KeyInit>::new_from_slice(key).unwrap();
        m.update(data);
        m.finalize().into_bytes().to_vec()
    }

    fn tags<H: Sha2>(key: &Keyed<H>, data: &[u8]) -> Vec<u8> {
        let mut out = [0u8; MAX_OUT];
        let n = key.tag(data, &mut out);
        out[..n].to_vec()
    }

    /// A key used for many tags gives each the tag the crate's own `Hmac`, keyed afresh,
    /// gives: the kept state is cloned, never advanced, and every message length around
    /// the block and padding boundaries of both block sizes goes through the buffer alike.
    #[test]
    fn a_kept_key_tags_as_the_crates_hmac_every_time() {
        let data: Vec<u8> = (0..300u32).map(|i| (i * 7 + 3) as u8).collect();
        for key_len in [1, 32, 63, 64, 65, 128, 129, 200] {
            let key = vec![0xa5u8; key_len];
            let k256 = Keyed::<sha2::Sha256>::new(&key).unwrap();
            let k384 = Keyed::<sha2::Sha384>::new(&key).unwrap();
            let k512 = Keyed::<sha2::Sha512>::new(&key).unwrap();
            for n in 0..300 {
                let d = &data[..n];
                assert_eq!(tags(&k256, d), fresh::<sha2::Sha256>(&key, d));
                assert_eq!(tags(&k384, d), fresh::<sha2::Sha384>(&key, d));
                assert_eq!(tags(&k512, d), fresh::<sha2::Sha512>(&key, d));
            }
        }
    }

    /// The kept keyed states (inner and outer pad) and both tags of a comparison are wiped
    /// when dropped, by the crates' `zeroize` features this crate turns on.
    #[test]
    fn kept_states_and_compared_tags_are_wiped_on_drop() {
        fn wiped<T: zeroize::ZeroizeOnDrop>() {}
        wiped::<<sha2::Sha256 as EagerHash>::Core>();
        wiped::<<sha2::Sha384 as EagerHash>::Core>();
        wiped::<<sha2::Sha512 as EagerHash>::Core>();
        wiped::<CtOutput<HmacCore<sha2::Sha256>>>();
        wiped::<CtOutput<HmacCore<sha2::Sha512>>>();
    }

    #[test]
    fn verify_needs_the_whole_tag() {
        let key = Keyed::<sha2::Sha256>::new(b"test-key").unwrap();
        let mut tag = [0u8; MAX_OUT];
        assert_eq!(key.tag(b"data", &mut tag), 32);
        assert!(key.verify(b"data", &tag[..32]));
        assert!(!key.verify(b"data", &tag[..31]));
        assert!(!key.verify(b"data", &tag[..33]));
        assert!(!key.verify(b"data", &[]));
        assert!(!key.verify(b"datb", &tag[..32]));
        tag[31] ^= 1;
        assert!(!key.verify(b"data", &tag[..32]));
    }
}
