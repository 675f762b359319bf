//! Verifying a compact JWS, in the order of the design (the order is a security property):
//! size, shape, header, signature, claims, rules. The public entry points, with their
//! documentation, are in `decode.rs` at the top of the crate.

use serde::de::DeserializeOwned;

use crate::base64url;
use crate::claims::reader::parse_claims_expecting;
use crate::claims::table::Members;
use crate::claims::validation::Checks;
use crate::crypto::algorithm::Algorithm;
use crate::crypto::key::sealed::{DynVerify, Resolved, INLINE_SIG};
use crate::crypto::key::VerifyingKey;
use crate::error::{Error, ErrorKind};
use crate::jws::header::Header;

/// A verified token: its header and its claims.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Verified<C> {
    /// The header, as the token carried it.
    pub header: Header,
    /// The claims, after every check passed.
    pub claims: C,
}

/// Steps 1 to 4 of the pipeline (size, shape, header, signature) and nothing else, for a
/// compact JWS whose payload is not a JWT claims set: the header and the payload bytes.
pub(crate) fn verify_jws(
    token: &str,
    key: &impl VerifyingKey,
    checks: Checks<'_>,
) -> Result<Verified<Vec<u8>>, Error> {
    let parts = Parts::split(token, checks.settings.max_size)?;
    let known = known_header(&parts, key);
    let (keys, header) = header_step(&parts, known, key, checks)?;
    let mut sig = SigBuf::new();
    let decoded = decode_signature(&parts, &mut sig)?;
    signature_step(&parts, &keys, decoded)?;
    let payload = base64url::decode(parts.payload.as_bytes()).map_err(|e| {
        Error::with_detail(
            ErrorKind::MalformedClaims,
            "the payload is not strict base64url",
        )
        .with_source(e)
    })?;
    Ok(Verified {
        header: header.into_header(),
        claims: payload,
    })
}

/// The whole pipeline into `C`, read with the claims type's table of member names
/// (`members`, a hint), checked with `checks`; with the header as seen.
pub(crate) fn run<C: DeserializeOwned>(
    token: &str,
    key: &impl VerifyingKey,
    checks: Checks<'_>,
    members: Members,
) -> Result<(Seen, C), Error> {
    check_size(token, checks.settings.max_size)?;
    let (parts, known) = match Parts::split_after_known_header(token, key) {
        Some((parts, known)) => (parts, Some(known)),
        None => {
            let parts = Parts::split_dots(token)?;
            let known = known_header(&parts, key);
            (parts, known)
        }
    };
    // Step 2, the alphabet, segment by segment and in token order (a header equal to one of
    // the key's constant headers is base64url already). The payload's is checked only when
    // a later step fails (or when its decoding does): its step-2 error then comes first, as
    // if it had been checked here, and a token that passes costs no extra pass over it.
    if known.is_none() {
        check_alphabet(parts.header, 0)?;
    }
    let payload_first = |e: Error| match check_segment(parts.payload, parts.header.len() + 1) {
        Ok(()) => e,
        Err(shape) => shape,
    };
    // The signature (on the stack up to an ES512 signature, an RSA one on the heap) is
    // decoded now; its alphabet is checked here only if that fails.
    let mut sig = SigBuf::new();
    let decoded = decode_signature(&parts, &mut sig).map_err(payload_first)?;
    // Steps 3 and 4: the header and the key it selects, then the signature over the received
    // bytes.
    let (keys, header) = header_step(&parts, known, key, checks).map_err(payload_first)?;
    signature_step(&parts, &keys, decoded).map_err(payload_first)?;
    // Step 5, only now that the bytes are authenticated: the payload, decoded (into a stack
    // buffer when it fits) and parsed.
    let mut stack = [0u8; 512];
    let mut heap = Vec::new();
    let text = decode_claims_into(parts.payload, &mut stack, &mut heap).map_err(payload_first)?;
    let (claims, found) = parse_claims_expecting::<C>(text, checks.settings.max_depth, members)?;
    checks.check(&found)?;
    Ok((header, claims))
}

/// Decodes a claims segment into `stack` when it fits, else into `heap`, as UTF-8 text.
pub(crate) fn decode_claims_into<'b>(
    segment: &str,
    stack: &'b mut [u8],
    heap: &'b mut Vec<u8>,
) -> Result<&'b str, Error> {
    let bytes: &'b [u8] = if base64url::decoded_len_estimate(segment.len()) <= stack.len() {
        let n = base64url::decode_slice(segment.as_bytes(), stack).map_err(|e| {
            Error::with_detail(
                ErrorKind::MalformedClaims,
                "the claims are not strict base64url",
            )
            .with_source(e)
        })?;
        &stack[..n]
    } else {
        *heap = base64url::decode(segment.as_bytes()).map_err(|e| {
            Error::with_detail(
                ErrorKind::MalformedClaims,
                "the claims are not strict base64url",
            )
            .with_source(e)
        })?;
        heap
    };
    std::str::from_utf8(bytes).map_err(|e| {
        Error::with_detail(ErrorKind::MalformedClaims, "the claims are not UTF-8").with_source(e)
    })
}

/// The bytes a compact token may contain: the base64url alphabet and the dot.
static TOKEN_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(b as u8, b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.');
        b += 1;
    }
    table
};

/// Step 1: the size limit, before anything else is read.
fn check_size(token: &str, max_size: usize) -> Result<(), Error> {
    if token.len() > max_size {
        return Err(Error::with_detail(
            ErrorKind::LimitExceeded,
            format!(
                "the token is {} bytes, the limit is {max_size}",
                token.len()
            ),
        ));
    }
    Ok(())
}

/// The three segments of a compact token.
pub(crate) struct Parts<'t> {
    pub(crate) header: &'t str,
    pub(crate) payload: &'t str,
    pub(crate) signature: &'t str,
    pub(crate) signing_input: &'t str,
}

/// Step 2, the alphabet: every byte of `text` base64url or a dot; `offset` is where `text`
/// starts in the token, for the message.
fn check_alphabet(text: &str, offset: usize) -> Result<(), Error> {
    let bytes = text.as_bytes();
    // A branch-free pass the compiler vectorizes, with one vector accumulator reduced once
    // at the end.
    let invalid = bytes.iter().fold(0u8, |acc, &b| {
        let valid = u8::from(b.wrapping_sub(b'A') < 26)
            | u8::from(b.wrapping_sub(b'a') < 26)
            | u8::from(b.wrapping_sub(b'0') < 10)
            | u8::from(b == b'-')
            | u8::from(b == b'_')
            | u8::from(b == b'.');
        acc | (valid ^ 1)
    });
    if invalid == 0 {
        return Ok(());
    }
    let (i, other) = bytes
        .iter()
        .enumerate()
        .find(|(_, &b)| !TOKEN_BYTE[usize::from(b)])
        .map_or((0, 0), |(i, &b)| (i, b));
    Err(Error::with_detail(
        ErrorKind::MalformedToken,
        format!(
            "byte {} (0x{other:02x}) is not base64url or a dot",
            offset + i
        ),
    ))
}

/// Step 2 for the payload of a split token: every byte base64url. A dot there means more
/// than three segments (a token split after its known header leaves any further dot in the
/// payload).
fn check_segment(segment: &str, offset: usize) -> Result<(), Error> {
    let invalid = segment.as_bytes().iter().fold(0u8, |acc, &b| {
        let valid = u8::from(b.wrapping_sub(b'A') < 26)
            | u8::from(b.wrapping_sub(b'a') < 26)
            | u8::from(b.wrapping_sub(b'0') < 10)
            | u8::from(b == b'-')
            | u8::from(b == b'_');
        acc | (valid ^ 1)
    });
    if invalid == 0 {
        return Ok(());
    }
    if segment.contains('.') {
        return Err(too_many_segments());
    }
    check_alphabet(segment, offset)
}

impl<'t> Parts<'t> {
    /// Steps 1 and 2: the size limit, then the shape.
    pub(crate) fn split(token: &'t str, max_size: usize) -> Result<Parts<'t>, Error> {
        check_size(token, max_size)?;
        check_alphabet(token, 0)?;
        Parts::split_dots(token)
    }

    /// Step 2 for the common case, a token that starts with one of `key`'s constant headers
    /// and a dot: the last dot ends the payload, found from the end over the signature
    /// alone. A dot inside the payload (more than three segments) is not looked for here:
    /// the payload's alphabet check refuses it and reports it, still within this
    /// step. With the parts, [`known_header`]'s answer for them. `None` when the token does
    /// not start so, or has no other dot.
    fn split_after_known_header<'k>(
        token: &'t str,
        key: &'k impl VerifyingKey,
    ) -> Option<(Parts<'t>, Known<'k>)> {
        let bytes = token.as_bytes();
        let single = key.single()?;
        let [jwt, bare] = single.constant_headers();
        let (header_len, typ) = [(jwt, Some("JWT")), (bare, None)]
            .into_iter()
            .find(|(h, _)| bytes.starts_with(h.as_bytes()) && bytes.get(h.len()) == Some(&b'.'))
            .map(|(h, typ)| (h.len(), typ))?;
        let last = memchr::memrchr(b'.', bytes).filter(|&i| i > header_len)?;
        let parts = Parts {
            header: &token[..header_len],
            payload: &token[header_len + 1..last],
            signature: &token[last + 1..],
            signing_input: &token[..last],
        };
        Some((parts, (single, typ)))
    }

    /// Step 2 without the alphabet: three segments, the header not empty. The caller checks
    /// the alphabet of each segment.
    fn split_dots(token: &'t str) -> Result<Parts<'t>, Error> {
        let bytes = token.as_bytes();
        let first = memchr::memchr(b'.', bytes);
        let second = first.and_then(|f| memchr::memchr(b'.', &bytes[f + 1..]).map(|p| f + 1 + p));
        let count = usize::from(first.is_some()) + usize::from(second.is_some());
        if let Some(second) = second {
            if memchr::memchr(b'.', &bytes[second + 1..]).is_some() {
                return Err(too_many_segments());
            }
        }
        let dots = [first.unwrap_or(0), second.unwrap_or(0)];
        if count != 2 {
            return Err(Error::with_detail(
                ErrorKind::MalformedToken,
                format!(
                    "expected three segments separated by dots, found {}",
                    count + 1
                ),
            ));
        }
        if dots[0] == 0 {
            return Err(Error::with_detail(
                ErrorKind::MalformedToken,
                "the header segment is empty",
            ));
        }
        Ok(Parts {
            header: &token[..dots[0]],
            payload: &token[dots[0] + 1..dots[1]],
            signature: &token[dots[1] + 1..],
            signing_input: &token[..dots[1]],
        })
    }
}

/// More dots than a compact JWS has.
fn too_many_segments() -> Error {
    Error::with_detail(
        ErrorKind::MalformedToken,
        "more than three segments (a JWE or a nested structure?)",
    )
}

/// Decodes and parses a header segment strictly, without judging its content.
pub(crate) fn parse_header_segment(segment: &str) -> Result<Header, Error> {
    let bytes = base64url::decode(segment.as_bytes()).map_err(|e| {
        Error::with_detail(
            ErrorKind::MalformedHeader,
            "the header is not strict base64url",
        )
        .with_source(e)
    })?;
    Header::parse(&bytes)
}

/// A single key, and the `typ` of a header that is one of its constant headers.
type Known<'k> = (&'k dyn DynVerify, Option<&'static str>);

/// A single key, and the `typ` of the header, when the header segment is one of that key's
/// constant headers: recognised by a byte compare instead of a decode and parse.
fn known_header<'k>(parts: &Parts<'_>, key: &'k impl VerifyingKey) -> Option<Known<'k>> {
    let single = key.single()?;
    let [jwt, bare] = single.constant_headers();
    if parts.header == jwt {
        Some((single, Some("JWT")))
    } else if parts.header == bare {
        Some((single, None))
    } else {
        None
    }
}

/// Step 3: the header, the key it selects, and the algorithm and `typ` checks. `known` is
/// [`known_header`]'s answer for this token.
fn header_step<'k>(
    parts: &Parts<'_>,
    known: Option<Known<'k>>,
    key: &'k impl VerifyingKey,
    checks: Checks<'_>,
) -> Result<(Resolved<'k>, Seen), Error> {
    if let Some((single, typ)) = known {
        checks.check_alg(single.algorithm())?;
        checks.check_typ(typ)?;
        return Ok((
            Resolved::One(single),
            Seen::Constant(single.algorithm(), typ),
        ));
    }
    let header = parse_header_segment(parts.header)?;
    if let Some(extension) = header.unsupported_extension() {
        return Err(Error::with_detail(
            ErrorKind::UnsupportedCriticalHeader,
            format!("the header has {extension:?}, which this library does not implement"),
        ));
    }
    checks.check_alg(header.alg)?;
    let keys = key.resolve(header.kid.as_deref(), header.alg)?;
    if let Resolved::One(one) = &keys {
        if header.alg != one.algorithm() {
            return Err(Error::with_detail(
                ErrorKind::AlgorithmNotAllowed,
                format!(
                    "the token says {}, the key is {}",
                    header.alg,
                    one.algorithm()
                ),
            ));
        }
    }
    checks.check_typ(header.typ.as_deref())?;
    Ok((keys, Seen::Parsed(header)))
}

/// The header a token carried, as the pipeline saw it: one of the key's constant headers
/// (nothing parsed, nothing allocated), or parsed.
pub(crate) enum Seen {
    /// `{"alg":A}` or `{"alg":A,"typ":"JWT"}`.
    Constant(Algorithm, Option<&'static str>),
    Parsed(Header),
}

impl Seen {
    /// The header, owned.
    pub(crate) fn into_header(self) -> Header {
        match self {
            Seen::Constant(alg, typ) => Header {
                typ: typ.map(str::to_owned),
                ..Header::new(alg)
            },
            Seen::Parsed(header) => header,
        }
    }
}

/// A decoded signature: on the stack up to [`INLINE_SIG`] bytes, else on the heap.
pub(crate) struct SigBuf {
    stack: [u8; INLINE_SIG],
    heap: Vec<u8>,
}

impl SigBuf {
    pub(crate) fn new() -> SigBuf {
        SigBuf {
            stack: [0u8; INLINE_SIG],
            heap: Vec::new(),
        }
    }
}

/// The signature segment decoded into `buf` when it is strict base64url (`None` otherwise,
/// for [`signature_step`] to refuse); a byte outside the token alphabet is step 2's error.
/// A segment longer than any signature of `INLINE_SIG` bytes (an RSA signature) is decoded
/// on the heap; its length is bounded by the token's.
fn decode_signature<'b>(parts: &Parts<'_>, buf: &'b mut SigBuf) -> Result<Option<&'b [u8]>, Error> {
    let segment = parts.signature.as_bytes();
    let decoded = if segment.len() <= base64url::encoded_len(INLINE_SIG) {
        base64url::decode_slice(segment, &mut buf.stack)
            .map(|n| &buf.stack[..n])
            .map_err(drop)
    } else {
        base64url::decode(segment).map_err(drop).map(|v| {
            buf.heap = v;
            &buf.heap[..]
        })
    };
    match decoded {
        Ok(bytes) => Ok(Some(bytes)),
        Err(_) => {
            check_alphabet(parts.signature, parts.signing_input.len() + 1)?;
            Ok(None)
        }
    }
}

/// Step 4: the signature, of the key's exact length, checked over the received bytes (a
/// MAC in constant time). `decoded` is [`decode_signature`]'s answer for this token. With
/// several keys to try (a key set asked to, for a token without `kid`), any one may verify.
fn signature_step(
    parts: &Parts<'_>,
    keys: &Resolved<'_>,
    decoded: Option<&[u8]>,
) -> Result<(), Error> {
    let one = |key: &dyn DynVerify| -> Result<(), Error> {
        let alg = key.algorithm();
        let sig_len = key.signature_len();
        let expected_chars = base64url::encoded_len(sig_len);
        if parts.signature.len() != expected_chars {
            return Err(Error::with_detail(
                ErrorKind::InvalidSignature,
                format!(
                    "the signature is {} characters, this {alg} key's signatures are {expected_chars}",
                    parts.signature.len()
                ),
            ));
        }
        let sig = match decoded {
            Some(sig) if sig.len() == sig_len => sig,
            _ => {
                return Err(Error::with_detail(
                    ErrorKind::InvalidSignature,
                    "the signature is not strict base64url",
                ))
            }
        };
        if !key.verify(parts.signing_input.as_bytes(), sig) {
            return Err(Error::new(ErrorKind::InvalidSignature));
        }
        Ok(())
    };
    match keys {
        Resolved::One(key) => one(*key),
        Resolved::Each(keys) => {
            let mut last = Error::new(ErrorKind::InvalidSignature);
            for key in keys {
                match one(*key) {
                    Ok(()) => return Ok(()),
                    Err(e) => last = e,
                }
            }
            Err(last)
        }
    }
}
