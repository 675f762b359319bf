//! The derive's compile-time checks: each file under `tests/ui/` holds several mistakes of
//! one kind, and its `.stderr` the errors rustc prints (regenerate with `TRYBUILD=overwrite`
//! when the toolchain's wording changes, and read the diff).

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
