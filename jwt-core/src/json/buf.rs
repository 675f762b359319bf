//! The signer's output buffer: on the stack until it outgrows [`INLINE`] bytes.

use std::io;

use crate::json::scan::{escape_bits, ESCAPE};

/// Bytes kept on the stack before the buffer moves to the heap.
pub(crate) const INLINE: usize = 512;

/// A byte buffer on the stack that moves to the heap when it outgrows [`INLINE`].
pub(crate) struct JsonBuf {
    inline: [u8; INLINE],
    len: usize,
    heap: Option<Vec<u8>>,
}

impl JsonBuf {
    #[inline(always)]
    pub(crate) fn new() -> Self {
        JsonBuf {
            inline: [0; INLINE],
            len: 0,
            heap: None,
        }
    }

    #[inline(always)]
    pub(crate) fn push(&mut self, bytes: &[u8]) {
        let end = self.len + bytes.len();
        if end <= INLINE && self.heap.is_none() {
            self.inline[self.len..end].copy_from_slice(bytes);
            self.len = end;
        } else {
            self.push_slow(bytes);
        }
    }

    #[cold]
    #[inline(never)]
    fn push_slow(&mut self, bytes: &[u8]) {
        let heap = self.heap.get_or_insert_with(|| {
            let mut heap = Vec::with_capacity(2 * INLINE + bytes.len());
            heap.extend_from_slice(&self.inline[..self.len]);
            heap
        });
        heap.extend_from_slice(bytes);
    }

    /// Writes `"bytes"` when they need no escape and fit the inline buffer with eight bytes
    /// to spare, copying and checking eight bytes at a time; `false`, with nothing written,
    /// otherwise (the bytes past the end may have changed; they are not part of the text).
    #[inline(always)]
    pub(crate) fn plain_string(&mut self, bytes: &[u8]) -> bool {
        let n = bytes.len();
        let start = self.len;
        if self.heap.is_some() || start + n + 2 + 8 > INLINE {
            return false;
        }
        let buf = &mut self.inline;
        buf[start] = b'"';
        let end = start + 1 + n;
        let mut escapes = 0u64;
        if let Some(last) = bytes.last_chunk::<8>() {
            let (words, _) = bytes.as_chunks::<8>();
            let mut pos = start + 1;
            for w in words {
                escapes |= escape_bits(u64::from_le_bytes(*w));
                buf[pos..pos + 8].copy_from_slice(w);
                pos += 8;
            }
            // The last eight bytes, over the end of the words already written.
            escapes |= escape_bits(u64::from_le_bytes(*last));
            buf[end - 8..end].copy_from_slice(last);
        } else {
            for (slot, &b) in buf[start + 1..end].iter_mut().zip(bytes) {
                *slot = b;
                escapes |= u64::from(ESCAPE[usize::from(b)]);
            }
        }
        if escapes != 0 {
            return false;
        }
        buf[end] = b'"';
        self.len = end + 1;
        true
    }

    /// Writes the first `len` bytes of `padded`, copying all of it when there is room (the
    /// bytes past `len` are not part of the text).
    #[inline(always)]
    pub(crate) fn quoted_name<const N: usize>(&mut self, padded: &[u8; N], len: usize) {
        let start = self.len;
        if self.heap.is_none() && start + N <= INLINE {
            if let Some(slot) = self.inline.get_mut(start..start + N) {
                slot.copy_from_slice(padded);
                self.len = start + len.min(N);
                return;
            }
        }
        self.push(&padded[..len.min(N)]);
    }

    /// Writes `magnitude` in decimal, after a `-` when `negative` (as `itoa` writes it),
    /// straight into the inline buffer when there is room.
    #[inline(always)]
    pub(crate) fn decimal(&mut self, magnitude: u64, negative: bool) {
        const PAIRS: &[u8; 200] = b"\
            0001020304050607080910111213141516171819\
            2021222324252627282930313233343536373839\
            4041424344454647484950515253545556575859\
            6061626364656667686970717273747576777879\
            8081828384858687888990919293949596979899";
        let digits = magnitude.checked_ilog10().map_or(1, |d| d as usize + 1);
        let n = digits + usize::from(negative);
        let start = self.len;
        let slot = match self.inline.get_mut(start..start + n) {
            Some(slot) if self.heap.is_none() => slot,
            _ => {
                let mut text = itoa::Buffer::new();
                let text = if negative {
                    text.format(-i128::from(magnitude))
                } else {
                    text.format(magnitude)
                };
                return self.push(text.as_bytes());
            }
        };
        if negative {
            slot[0] = b'-';
        }
        let (mut v, mut i) = (magnitude, n);
        while v >= 100 {
            let pair = (v % 100) as usize * 2;
            v /= 100;
            i -= 2;
            slot[i..i + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
        }
        if v >= 10 {
            let pair = v as usize * 2;
            slot[i - 2..i].copy_from_slice(&PAIRS[pair..pair + 2]);
        } else {
            slot[i - 1] = b'0' + v as u8;
        }
        self.len = start + n;
    }

    #[inline(always)]
    pub(crate) fn byte(&mut self, b: u8) {
        if self.len < INLINE && self.heap.is_none() {
            self.inline[self.len] = b;
            self.len += 1;
        } else {
            self.push_slow(&[b]);
        }
    }

    #[inline]
    pub(crate) fn len(&self) -> usize {
        match &self.heap {
            Some(heap) => heap.len(),
            None => self.len,
        }
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        match &self.heap {
            Some(heap) => heap,
            None => &self.inline[..self.len],
        }
    }
}

impl io::Write for JsonBuf {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.push(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod decimal_tests {
    use super::{JsonBuf, INLINE};
    use proptest::prelude::*;

    /// `JsonBuf::decimal` of `v` after `before` bytes already written.
    fn decimal(v: i128, before: usize) -> String {
        let mut buf = JsonBuf::new();
        buf.push(&vec![b' '; before]);
        buf.decimal(v.unsigned_abs() as u64, v < 0);
        String::from_utf8(buf.as_bytes()[before..].to_vec()).unwrap()
    }

    #[test]
    fn every_length_and_the_extremes_as_itoa_writes_them() {
        let mut cases: Vec<i128> = vec![0, i128::from(u64::MAX), i128::from(i64::MIN)];
        for digits in 0..20 {
            let p = 10i128.pow(digits);
            cases.extend([p - 1, p, p + 1, -(p - 1), -p, -(p + 1)]);
        }
        for v in cases {
            if v < i128::from(i64::MIN) || v > i128::from(u64::MAX) {
                continue;
            }
            // In the inline buffer, and at its end (where it falls back to `itoa`).
            for before in [0, INLINE - 3, INLINE] {
                assert_eq!(decimal(v, before), v.to_string(), "{v} after {before}");
            }
        }
    }

    proptest! {
        #[test]
        fn any_u64_or_i64_as_itoa_writes_it(u in any::<u64>(), i in any::<i64>(), before in 0..INLINE + 4) {
            prop_assert_eq!(decimal(i128::from(u), before), u.to_string());
            prop_assert_eq!(decimal(i128::from(i), before), i.to_string());
        }
    }
}
