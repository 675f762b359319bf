//! Byte scans over JSON text: white space, the plain part of a string, the extent of a
//! string, number or container, and the `\u` escapes that do not form Unicode scalar values.
//! Each works on valid JSON and stays in bounds on anything else (the parsers decide).

/// JSON's white space (RFC 8259 section 2).
pub(crate) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// The escape of each byte in a JSON string: 0 for none, `u` for `\u00XX`, else the letter
/// after the backslash (as `serde_json` writes them).
pub(crate) static ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// Non-zero when any of the eight bytes of `x` needs an escape: the bit trick "has a byte
/// below n" (exact for n <= 128) on the word, and on it xor `"` and xor `\`.
#[inline(always)]
pub(crate) fn escape_bits(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let below = |v: u64, n: u64| v.wrapping_sub(ONES * n) & !v & HIGHS;
    below(x, 0x20)
        | below(x ^ (ONES * u64::from(b'"')), 1)
        | below(x ^ (ONES * u64::from(b'\\')), 1)
}

/// Where the plain part of a string starting at `i` ends: the first `"`, `\\` or control
/// character at or after `i` (or the end of the text), eight bytes at a time. The writer
/// escapes from there; the claims reader stops there.
#[inline]
pub(crate) fn plain_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(word) = bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        // The lowest flagged byte of the word is exact (a borrow only moves upward).
        let flagged = escape_bits(u64::from_le_bytes(*word));
        if flagged != 0 {
            return i + (flagged.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && ESCAPE[usize::from(bytes[i])] == 0 {
        i += 1;
    }
    i
}

/// The JSON integer at `start` (`-?(0|[1-9][0-9]*)`, then the end of the value): where it
/// ends, and its value when `serde_json` would read it as an integer of at most sixteen
/// digits (it reads `-0` as a float). `None` when the value there is not an integer.
pub(crate) fn integer_at(bytes: &[u8], start: usize) -> Option<(usize, Option<i64>)> {
    let negative = bytes.get(start) == Some(&b'-');
    let first = start + usize::from(negative);
    let mut i = first;
    let mut n = 0u64;
    // Eight digits at once when there are (a date has ten); then one at a time.
    if let Some(v) = bytes
        .get(first..)
        .and_then(<[u8]>::first_chunk::<8>)
        .and_then(|w| eight_digits(*w))
    {
        n = v;
        i += 8;
    }
    while let Some(&d) = bytes.get(i).filter(|d| d.is_ascii_digit()) {
        if i - first < 16 {
            n = n * 10 + u64::from(d - b'0');
        }
        i += 1;
    }
    let digits = i - first;
    if digits == 0 || (digits > 1 && bytes[first] == b'0') {
        return None;
    }
    match bytes.get(i) {
        None | Some(b',' | b'}' | b']') => {}
        Some(&b) if is_space(b) => {}
        Some(_) => return None,
    }
    let value = match (digits > 16, negative, i64::try_from(n)) {
        (false, false, Ok(v)) => Some(v),
        (false, true, Ok(v)) if v != 0 => Some(-v),
        _ => None,
    };
    Some((i, value))
}

/// The value of eight ASCII digits, the first the most significant; `None` if any byte is
/// not a digit. The classic SWAR steps: pairs, then fours, then the eight.
fn eight_digits(bytes: [u8; 8]) -> Option<u64> {
    let w = u64::from_le_bytes(bytes);
    // Each byte 0x30..=0x39: its high nibble is 3, and adding 6 does not carry out of it.
    let high = w & 0xf0f0_f0f0_f0f0_f0f0;
    let carried = w.wrapping_add(0x0606_0606_0606_0606) & 0xf0f0_f0f0_f0f0_f0f0;
    if high != 0x3030_3030_3030_3030 || carried != 0x3030_3030_3030_3030 {
        return None;
    }
    let v = w - 0x3030_3030_3030_3030;
    let v = (v * 10 + (v >> 8)) & 0x00ff_00ff_00ff_00ff;
    let v = (v * 100 + (v >> 16)) & 0x0000_ffff_0000_ffff;
    Some((v * 10000 + (v >> 32)) & 0xffff_ffff)
}

/// Where the array opening at `start` (a `[`) ends (past its `]`) when it holds only strings
/// without escapes or control characters; `None` for any other array.
pub(crate) fn plain_array_end(bytes: &[u8], start: usize) -> Option<usize> {
    debug_assert_eq!(bytes.get(start), Some(&b'['));
    let skip_space = |mut i: usize| {
        while i < bytes.len() && is_space(bytes[i]) {
            i += 1;
        }
        i
    };
    let mut i = skip_space(start + 1);
    if bytes.get(i) == Some(&b']') {
        return Some(i + 1);
    }
    loop {
        if bytes.get(i) != Some(&b'"') {
            return None;
        }
        i = plain_end(bytes, i + 1);
        if bytes.get(i) != Some(&b'"') {
            return None;
        }
        i = skip_space(i + 1);
        match bytes.get(i) {
            Some(b',') => i = skip_space(i + 1),
            Some(b']') => return Some(i + 1),
            _ => return None,
        }
    }
}

/// Where the string opening at `quote` ends (past its closing quote), stepping over escapes;
/// the end of the text if it does not close.
pub(crate) fn string_end(bytes: &[u8], quote: usize) -> usize {
    let mut i = quote + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => return i + 1,
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Where the object or array opening at `start` ends (past its closing bracket), and how
/// deep it nests (brackets in strings not counted); the end of the text if it does not
/// close. Which bracket closes which is for `serde_json` to check.
pub(crate) fn container_end(bytes: &[u8], start: usize) -> (usize, usize) {
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i = string_end(bytes, i);
                continue;
            }
            b'{' | b'[' => {
                depth += 1;
                max = max.max(depth);
            }
            b'}' | b']' => {
                depth -= 1;
                if depth == 0 {
                    return (i + 1, max);
                }
            }
            _ => {}
        }
        i += 1;
    }
    (bytes.len(), max)
}

/// Where the first `\u` escape lies that is not part of a Unicode scalar value: a high
/// surrogate (`\uD800` to `\uDBFF`) not followed at once by a low one (`\uDC00` to
/// `\uDFFF`), or a low surrogate alone. JSON's grammar allows these (RFC 8259 section 8.2),
/// UTF-8 text cannot hold them, and I-JSON forbids them (RFC 7493 section 2.1); `serde_json`
/// refuses them where it builds a string, but not in a value it skips or hands over raw.
///
/// Every backslash is taken to start an escape, as it does inside the strings of valid JSON
/// (outside a string a backslash makes the text invalid anyway); a malformed escape is left
/// for the parser.
pub(crate) fn lone_surrogate(text: &[u8]) -> Option<usize> {
    let unit = |at: usize| -> Option<u16> {
        let hex = text.get(at..at + 4)?;
        let hex = std::str::from_utf8(hex).ok()?;
        u16::from_str_radix(hex, 16)
            .ok()
            .filter(|_| hex.bytes().all(|b| b.is_ascii_hexdigit()))
    };
    let is_escape_u = |at: usize| text.get(at) == Some(&b'\\') && text.get(at + 1) == Some(&b'u');
    let mut i = 0;
    while let Some(found) = text.get(i..).and_then(|rest| memchr::memchr(b'\\', rest)) {
        let at = i + found;
        if text.get(at + 1) != Some(&b'u') {
            // `\\`, `\"`, `\n`...: the escaped byte is not the start of another escape.
            i = at + 2;
            continue;
        }
        match unit(at + 2) {
            Some(0xd800..=0xdbff) => {
                let low = is_escape_u(at + 6) && matches!(unit(at + 8), Some(0xdc00..=0xdfff));
                if !low {
                    return Some(at);
                }
                i = at + 12;
            }
            Some(0xdc00..=0xdfff) => return Some(at),
            _ => i = at + 2,
        }
    }
    None
}

/// The strings of a JSON array of strings without escapes (valid JSON), each with its quotes.
pub(crate) struct PlainStrings<'s>(pub(crate) &'s str);

impl<'s> Iterator for PlainStrings<'s> {
    type Item = &'s str;
    fn next(&mut self) -> Option<&'s str> {
        let open = memchr::memchr(b'"', self.0.as_bytes())?;
        let close = open + 1 + memchr::memchr(b'"', &self.0.as_bytes()[open + 1..])?;
        let quoted = &self.0[open..=close];
        self.0 = &self.0[close + 1..];
        Some(quoted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_read_where_serde_json_reads_integers() {
        let at = |s: &str| integer_at(s.as_bytes(), 0);
        assert_eq!(at("0"), Some((1, Some(0))));
        assert_eq!(at("-0"), Some((2, None)));
        assert_eq!(at("-12,"), Some((3, Some(-12))));
        assert_eq!(
            at("9007199254740991}"),
            Some((16, Some(9_007_199_254_740_991)))
        );
        assert_eq!(
            at("9999999999999999 "),
            Some((16, Some(9_999_999_999_999_999)))
        );
        assert_eq!(at("10000000000000000"), Some((17, None)));
        assert_eq!(at("12345678"), Some((8, Some(12_345_678))));
        assert_eq!(at("1234567x"), None);
        assert_eq!(at("01234567"), None);
        assert_eq!(at("-98765432101"), Some((12, Some(-98_765_432_101))));
        for not in ["01", "-", "", "1.5", "1e5", "1E5", "+1", "1x", "- 1", "0x1"] {
            assert_eq!(at(not), None, "{not}");
        }
    }

    #[test]
    fn eight_digits_match_the_slow_way() {
        let slow = |b: [u8; 8]| {
            b.iter()
                .all(u8::is_ascii_digit)
                .then(|| b.iter().fold(0u64, |n, &d| n * 10 + u64::from(d - b'0')))
        };
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        for k in 0..200_000u64 {
            // Every byte value at every place, and runs of digits.
            let mut b = *format!("{:08}", k * 499)
                .as_bytes()
                .first_chunk::<8>()
                .unwrap();
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            if k % 3 == 0 {
                b[(x % 8) as usize] = (x >> 8) as u8;
            }
            assert_eq!(eight_digits(b), slow(b), "{b:?}");
        }
        for byte in 0..=255u8 {
            for place in 0..8 {
                let mut b = *b"12345678";
                b[place] = byte;
                assert_eq!(eight_digits(b), slow(b), "{b:?}");
            }
        }
    }

    #[test]
    fn plain_end_finds_every_byte_that_needs_an_escape_anywhere() {
        for b in 0..=255u8 {
            let needs = b < 0x20 || b == b'"' || b == b'\\';
            for len in 1..20 {
                for pos in 0..len {
                    let mut bytes = vec![b'a'; len];
                    bytes[pos] = b;
                    let expected = if needs { pos } else { len };
                    assert_eq!(plain_end(&bytes, 0), expected, "{b:#x} at {pos} of {len}");
                    // From any start up to the byte, the same place.
                    assert_eq!(plain_end(&bytes, pos), expected, "{b:#x} at {pos} of {len}");
                }
            }
        }
        assert_eq!(plain_end(b"", 0), 0);
    }

    #[test]
    fn lone_surrogates_are_found_and_pairs_are_not() {
        let at = |s: &str| lone_surrogate(s.as_bytes());
        assert_eq!(at(r#""\ud800""#), Some(1));
        assert_eq!(at(r#""\uDBFF""#), Some(1));
        assert_eq!(at(r#""\udc00""#), Some(1));
        assert_eq!(at(r#"{"a":"x","b":"y\uDFFF"}"#), Some(15));
        assert_eq!(at(r#""\ud800x""#), Some(1));
        assert_eq!(at(r#""\ud800\u0041""#), Some(1));
        assert_eq!(at(r#""\ud800\ud800\udc00""#), Some(1));
        assert_eq!(at(r#""\ud800\""#), Some(1));
        assert_eq!(at(r#""\udc00\ud800""#), Some(1));
        for fine in [
            r#""\ud83d\ude00""#,
            r#""\uD83D\uDE00 and \u00e9""#,
            r#""\\ud800""#,
            r#""\\\\ud800""#,
            r#""\"\ud83d\ude00\"""#,
            r#""a\nb\u0000""#,
            "\"\u{10000}\"",
            r#""\u12""#,
            r#""\"#,
            "",
        ] {
            assert_eq!(at(fine), None, "{fine}");
        }
    }

    proptest::proptest! {
        /// On a string literal of escapes and text, a lone surrogate is found exactly when
        /// `serde_json` refuses the string (every piece is otherwise valid JSON).
        #[test]
        fn lone_surrogates_are_what_serde_json_refuses(pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "a", "é", "\\\\", "\\\"", "\\n", "\\u0041", "\\u00e9", "\\ud800", "\\udbff",
                "\\udc00", "\\udfff", "\\uD83D", "\\uDE00", "\\ud83d\\ude00", "\\\\ud800", "u", "d800",
            ]),
            0..8,
        )) {
            let text = format!("\"{}\"", pieces.concat());
            let refused = serde_json::from_str::<String>(&text).is_err();
            proptest::prop_assert_eq!(lone_surrogate(text.as_bytes()).is_some(), refused, "{}", text);
        }
    }
}
