//! The derive's compile-time checks: each file under `tests/ui/` holds several mistakes of
//! one kind, and its `.stderr` the errors rustc prints (regenerate with `TRYBUILD=overwrite`
//! when the toolchain's wording changes, and read the diff). Each file under `tests/ui-pass/`
//! compiles and runs: definitions the derive must accept.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
    t.pass("tests/ui-pass/*.rs");
}
