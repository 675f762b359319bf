//! Nesting, checked without recursion before any recursive parser sees a document.

use std::fmt;

use crate::json::scan::is_space;

/// Why a document failed the pre-parse check.
pub(crate) enum ShapeError {
    NotObject,
    TooDeep(usize),
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShapeError::NotObject => f.write_str("not a JSON object"),
            ShapeError::TooDeep(max) => write!(f, "JSON nested deeper than {max} levels"),
        }
    }
}

/// Checks that the text starts as a JSON object and nests at most `max_depth` levels,
/// without recursion, so a deep document is refused before any recursive parser sees it.
pub(crate) fn check_object_and_depth(text: &str, max_depth: usize) -> Result<(), ShapeError> {
    let bytes = text.as_bytes();
    let start = bytes
        .iter()
        .position(|&b| !is_space(b))
        .ok_or(ShapeError::NotObject)?;
    if bytes[start] != b'{' {
        return Err(ShapeError::NotObject);
    }
    // Nesting cannot exceed the number of opening brackets, which a vectorized count finds
    // quickly; only a document with more of them than the limit needs the exact scan.
    let openings = count_openings(bytes);
    if openings <= max_depth {
        return Ok(());
    }
    if nesting(&bytes[start..]) > max_depth {
        return Err(ShapeError::TooDeep(max_depth));
    }
    Ok(())
}

/// The deepest nesting of objects and arrays in JSON text (brackets inside strings do not
/// count), without recursion.
pub(crate) fn nesting(text: &[u8]) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for &b in text {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                max = max.max(depth);
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// The number of `{` and `[` bytes, eight at a time: `[` and `{` differ only in bit 5, so
/// setting that bit and comparing with `{` finds both, and the exact zero-byte mask of the
/// difference counts them.
fn count_openings(bytes: &[u8]) -> usize {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const BIT5: u64 = 0x2020_2020_2020_2020;
    const BRACE: u64 = 0x7b7b_7b7b_7b7b_7b7b;
    let count = |word: u64| {
        let y = (word | BIT5) ^ BRACE;
        let zero = !(((y & LOW7) + LOW7) | y | LOW7);
        zero.count_ones() as usize
    };
    let (words, rest) = bytes.as_chunks::<8>();
    let n: usize = words.iter().map(|w| count(u64::from_le_bytes(*w))).sum();
    n + rest.iter().filter(|&&b| b | 0x20 == b'{').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_openings_counts_every_bracket_and_nothing_else() {
        for b in 0..=255u8 {
            for len in 1..20 {
                for pos in 0..len {
                    let mut bytes = vec![b'a'; len];
                    bytes[pos] = b;
                    let expected = usize::from(b == b'{' || b == b'[');
                    assert_eq!(count_openings(&bytes), expected, "{b:#x} at {pos} of {len}");
                }
            }
        }
        assert_eq!(count_openings(br#"{"a":[{},[[1]]],"b":"{"}"#), 6);
        assert_eq!(count_openings(b""), 0);
    }

    #[test]
    fn depth_check_ignores_brackets_in_strings() {
        assert!(check_object_and_depth(r#"{"a":"[[[[[[[[\"[[["}"#, 2).is_ok());
        assert!(matches!(
            check_object_and_depth(r#"{"a":[[1]]}"#, 2),
            Err(ShapeError::TooDeep(2))
        ));
        assert!(check_object_and_depth(r#"{"a":[[1]]}"#, 3).is_ok());
        assert!(matches!(
            check_object_and_depth(" [1]", 3),
            Err(ShapeError::NotObject)
        ));
        assert!(matches!(
            check_object_and_depth("", 3),
            Err(ShapeError::NotObject)
        ));
        assert!(matches!(
            check_object_and_depth("\"{\"", 3),
            Err(ShapeError::NotObject)
        ));
    }
}
