//! The `Claims` trait is small and documented: every item a user sees is a documented,
//! provided method, and what the derive generates lives in the hidden `ClaimsImpl`
//! supertrait. A user never implements a `__` item to name a claims type.

use std::path::Path;

/// The items (`fn`, `const`, `type`) declared in the body of `pub trait NAME` in `source`,
/// each with whether a doc comment precedes it and whether it has a default body.
fn trait_items(source: &str, name: &str) -> Vec<(String, bool, bool)> {
    let start = source
        .find(&format!("pub trait {name}:"))
        .or_else(|| source.find(&format!("pub trait {name} ")))
        .unwrap_or_else(|| panic!("no `pub trait {name}`"));
    let open = start + source[start..].find('{').unwrap();
    // The trait's body: up to the brace that closes the one at `open`.
    let mut depth = 0usize;
    let mut end = open;
    for (i, c) in source[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    end = open + i;
                    break;
                }
            }
            _ => {}
        }
    }
    let body = &source[open + 1..end];
    let mut items = Vec::new();
    let mut documented = false;
    let mut depth = 0usize;
    for line in body.lines() {
        let t = line.trim();
        if depth == 0 {
            if t.starts_with("///") {
                documented = true;
            } else if let Some(rest) = ["fn ", "const ", "type "]
                .iter()
                .find_map(|k| t.strip_prefix(k))
            {
                let ident: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                // A default body opens on this line or a later one of the signature; a
                // required item ends with `;` before any `{`.
                let provided = !body_of(body, line).trim_end().ends_with(';');
                items.push((ident, documented, provided));
                documented = false;
            } else if !t.is_empty() && !t.starts_with("#[") {
                documented = false;
            }
        }
        depth += t.matches('{').count();
        depth -= t.matches('}').count().min(depth);
    }
    items
}

/// The signature of the item starting at `line` in `body`: up to its first `{` or `;`.
fn body_of<'a>(body: &'a str, line: &str) -> &'a str {
    let at = body.find(line).unwrap();
    let rest = &body[at..];
    let stop = rest.find(['{', ';']).unwrap();
    &rest[..=stop]
}

#[test]
fn claims_has_only_documented_provided_methods() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/typed.rs");
    let source = std::fs::read_to_string(path).unwrap();
    let items = trait_items(&source, "Claims");
    let names: Vec<&str> = items.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(names, ["sign", "sign_with_clock", "verify", "verifier"]);
    for (name, documented, provided) in &items {
        assert!(
            !name.starts_with("__"),
            "`Claims::{name}` is hidden surface"
        );
        assert!(*documented, "`Claims::{name}` has no doc comment");
        assert!(*provided, "`Claims::{name}` must be provided, not required");
    }
    // What the derive generates is in the hidden supertrait.
    let hidden = trait_items(&source, "ClaimsImpl");
    assert!(
        hidden.iter().all(|(n, _, _)| n.starts_with("__")),
        "{hidden:?}"
    );
    let at = source.find("pub trait ClaimsImpl").unwrap();
    assert!(
        source[..at].trim_end().ends_with("#[doc(hidden)]"),
        "ClaimsImpl is not #[doc(hidden)]"
    );
}
