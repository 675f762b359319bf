//! The verify order of the design: the payload is decoded only after the signature held, so
//! an unauthenticated payload is never decoded, allocated or parsed.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::*;
use jwt_core::{decode, ErrorKind, JwtClaims, Validation};

/// Counts the allocations of the threads that ask for it (tests run in parallel).
struct Counting;

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
}
static LARGEST: AtomicUsize = AtomicUsize::new(0);
static TOTAL: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards every call to the system allocator unchanged; only notes sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.with(Cell::get) {
            LARGEST.fetch_max(layout.size(), Ordering::Relaxed);
            TOTAL.fetch_add(layout.size(), Ordering::Relaxed);
        }
        // SAFETY: the caller upholds `alloc`'s contract, passed through.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller upholds `dealloc`'s contract, passed through.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The largest single allocation and the bytes allocated in all while `f` runs on this
/// thread (one test at a time touches the counters).
fn allocations<R>(f: impl FnOnce() -> R) -> (R, usize, usize) {
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = ONE_AT_A_TIME.lock().unwrap();
    LARGEST.store(0, Ordering::Relaxed);
    TOTAL.store(0, Ordering::Relaxed);
    COUNTING.with(|c| c.set(true));
    let r = f();
    COUNTING.with(|c| c.set(false));
    (
        r,
        LARGEST.load(Ordering::Relaxed),
        TOTAL.load(Ordering::Relaxed),
    )
}

fn verify(token: &str) -> Result<JwtClaims, ErrorKind> {
    let v = Validation::new().clock(clock());
    decode::verify::<JwtClaims>(token, &key(), &v).map_err(|e| e.kind().clone())
}

/// `header.payload` with a tag of another key: a forgery.
fn forged(header: &str, payload_b64: &str) -> String {
    let input = format!("{}.{payload_b64}", b64(header));
    let other = b"another-test-key-0123456789abcdef";
    format!("{input}.{}", b64(hs256_tag(other, &input)))
}

#[test]
fn an_unauthenticated_payload_is_never_decoded_or_allocated() {
    let header = r#"{"alg":"HS256","typ":"JWT"}"#;
    let claims = format!(r#"{{"exp":1700000060,"pad":"{}"}}"#, "a".repeat(4000));
    // Genuine: decoding it takes an allocation of about its size (beyond the stack buffer).
    let genuine = token(&claims);
    let (r, largest, _) = allocations(|| verify(&genuine));
    assert!(r.is_ok());
    assert!(
        largest >= 4000,
        "the genuine payload decodes into {largest} bytes"
    );
    // Forged: refused at the signature, with nothing of the payload's size allocated.
    let forgery = forged(header, &b64(&claims));
    let (r, largest, total) = allocations(|| verify(&forgery));
    assert_eq!(r.unwrap_err(), ErrorKind::InvalidSignature);
    assert!(
        largest < 256 && total < 512,
        "a forged payload cost allocations of {largest} bytes ({total} in all)"
    );
}

#[test]
fn a_payload_that_would_not_decode_is_a_signature_error_first() {
    let header = r#"{"alg":"HS256","typ":"JWT"}"#;
    let exp = b64(r#"{"exp":1700000060}"#);
    let mut noncanonical = exp.clone();
    // `...fQ` → `...fR`: the same alphabet, non-zero unused bits.
    noncanonical.pop();
    noncanonical.push('R');
    let bad_payloads = [
        noncanonical.clone(),
        format!("{exp}A"),                              // length 1 mod 4
        b64([0xffu8, 0xfe, 0x7b]),                      // not UTF-8
        b64("not json at all"),                         // not JSON
        b64(r#"{"exp":"soon"}"#),                       // a claim of the wrong type
        b64(format!(r#"{{"a":{}}}"#, "[".repeat(100))), // too deep
    ];
    for payload in &bad_payloads {
        assert_eq!(
            verify(&forged(header, payload)).unwrap_err(),
            ErrorKind::InvalidSignature,
            "{payload}"
        );
    }
    // With a good signature the same payloads are refused as claims.
    let sign = |payload: &str| sign_input(&format!("{}.{payload}", b64(header)));
    assert_eq!(
        verify(&sign(&noncanonical)).unwrap_err(),
        ErrorKind::MalformedClaims
    );
    assert_eq!(
        verify(&sign(&bad_payloads[2])).unwrap_err(),
        ErrorKind::MalformedClaims
    );
    // The shape is still step 2: a byte outside the alphabet anywhere is refused before the
    // header and the signature, as is a fourth segment.
    let good = token(r#"{"exp":1700000060}"#);
    let (h, rest) = good.split_once('.').unwrap();
    let (p, s) = rest.split_once('.').unwrap();
    assert_eq!(
        verify(&format!("{h}.{p}+.{s}")).unwrap_err(),
        ErrorKind::MalformedToken
    );
    assert_eq!(
        verify(&format!("{h}.{p}.x.{s}")).unwrap_err(),
        ErrorKind::MalformedToken
    );
}
