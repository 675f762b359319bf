//! The layers of `jwt-core/src` (CONTRIBUTING.md has the map): each folder, and each file at
//! the top of `src/`, imports only the layers below it, and no file imports another in a
//! circle.
//!
//! The check reads the sources themselves: every `crate::` and `super::` path in the code
//! (comments, strings and character literals removed; `use` groups expanded), resolved to
//! the file that defines the item, following `pub use` re-exports of `lib.rs` and of the
//! folders' `mod.rs` to the file that defines the item. A path to an item of a file is an
//! import of that file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first: a layer may import only the layers before it. A folder is named
/// `folder/`; a file at the top of `src/` by its name. `lib.rs` sits above all of them.
const LAYERS: &[&[&str]] = &[
    &["error.rs", "base64url.rs"],
    &["crypto/"],
    &["json/"],
    &["jwk/"],
    &["claims/"],
    &["jws/"],
    &["typed.rs"],
    &["private.rs"],
    &["jwt_claims.rs"],
    &["decode.rs", "encode.rs"],
    &["dangerous.rs"],
    &["zoom/"],
];

#[test]
fn jwt_core_src_is_layered_without_cycles() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let tree = Tree::read(&src);
    // `JWT_LAYERS_PRINT=1 cargo test -p jwt-core --test test_layers -- --nocapture` prints
    // every import the check sees.
    if std::env::var_os("JWT_LAYERS_PRINT").is_some() {
        for (from, to, path) in tree.edges() {
            println!("{from} -> {to} ({path})");
        }
    }
    let problems = tree.problems(LAYERS);
    assert!(
        problems.is_empty(),
        "jwt-core/src breaks its layers:\n{}",
        problems.join("\n")
    );
    // The check saw the tree: every layer has files, and the files import one another.
    assert!(tree.files.len() > 20, "{} files", tree.files.len());
    assert!(tree.edges().len() > 50, "{} imports", tree.edges().len());
}

/// The check itself, on small trees written to a temporary folder: each fault is found, and
/// a tree without one passes.
#[test]
fn the_check_finds_each_fault() {
    let layers: &[&[&str]] = &[&["error.rs"], &["low/"], &["high/"]];
    let good: &[(&str, &str)] = &[
        ("lib.rs", "mod error; mod low; mod high;\npub use low::a::A;\n"),
        ("error.rs", "pub struct Error;\n"),
        ("low/mod.rs", "pub(crate) mod a;\npub(crate) mod b;\n"),
        (
            "low/a.rs",
            "use crate::error::Error;\nuse super::b::B;\npub struct A(Error, B);\n",
        ),
        (
            "low/b.rs",
            "// use crate::high::h::H; is a comment\npub struct B; const S: &str = \"crate::high::h\";\n",
        ),
        ("high/mod.rs", "pub(crate) mod h;\n"),
        (
            "high/h.rs",
            "use crate::{error::Error, low::{a::A, b}};\nfn f(_: crate::A) {}\n#[cfg(test)]\nmod tests {\n    use super::*;\n}\n",
        ),
    ];
    assert_eq!(Vec::<String>::new(), check(good, layers), "a good tree");

    // A folder importing one above it.
    let mut back = good.to_vec();
    back[4] = ("low/b.rs", "use crate::high::h;\npub struct B;\n");
    let found = check(&back, layers);
    assert!(
        found
            .iter()
            .any(|p| p.contains("low/b.rs") && p.contains("high/h.rs")),
        "{found:?}"
    );

    // Two files of one folder importing each other.
    let mut circle = good.to_vec();
    circle[4] = ("low/b.rs", "pub struct B(crate::low::a::A);\n");
    let found = check(&circle, layers);
    assert!(
        found.iter().any(|p| p.starts_with("import cycle")),
        "{found:?}"
    );

    // A re-export of `lib.rs` is followed to the file that defines the item.
    let mut via_root = good.to_vec();
    via_root[1] = ("error.rs", "pub struct Error(crate::A);\n");
    let found = check(&via_root, layers);
    assert!(
        found
            .iter()
            .any(|p| p.contains("error.rs") && p.contains("low/a.rs")),
        "{found:?}"
    );

    // A folder or file the map does not place.
    let mut unplaced = good.to_vec();
    unplaced.push(("extra.rs", "pub struct X;\n"));
    let found = check(&unplaced, layers);
    assert!(
        found
            .iter()
            .any(|p| p.contains("extra.rs") && p.contains("LAYERS")),
        "{found:?}"
    );
}

fn check(files: &[(&str, &str)], layers: &[&[&str]]) -> Vec<String> {
    let dir = std::env::temp_dir().join(format!(
        "jwt-core-layers-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let problems = Tree::read(&dir).problems(layers);
    let _ = std::fs::remove_dir_all(&dir);
    problems
}

/// The source files of a crate, by module path.
struct Tree {
    /// Module path (`["claims", "validation"]`) to the file's path under `src/`.
    files: BTreeMap<Vec<String>, String>,
    /// Each file's code, without comments and literals.
    code: BTreeMap<String, String>,
}

impl Tree {
    fn read(src: &Path) -> Tree {
        let mut files = BTreeMap::new();
        let mut code = BTreeMap::new();
        let mut stack = vec![PathBuf::new()];
        while let Some(rel) = stack.pop() {
            let mut entries: Vec<_> = std::fs::read_dir(src.join(&rel))
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            entries.sort();
            for path in entries {
                let name = path.file_name().unwrap().to_str().unwrap().to_owned();
                let rel_path = rel.join(&name);
                if path.is_dir() {
                    stack.push(rel_path);
                    continue;
                }
                let Some(stem) = name.strip_suffix(".rs") else {
                    continue;
                };
                let rel_str = rel_path.to_str().unwrap().replace('\\', "/");
                let mut module: Vec<String> =
                    rel.iter().map(|s| s.to_str().unwrap().to_owned()).collect();
                if !(stem == "mod" || (stem == "lib" && module.is_empty())) {
                    module.push(stem.to_owned());
                }
                code.insert(
                    rel_str.clone(),
                    strip(&std::fs::read_to_string(&path).unwrap()),
                );
                files.insert(module, rel_str);
            }
        }
        // `#[path = "file.rs"] mod name;` in lib.rs: that file is module `name`.
        if let Ok(lib) = std::fs::read_to_string(src.join("lib.rs")) {
            let mut rest = lib.as_str();
            while let Some(at) = rest.find("#[path = \"") {
                rest = &rest[at + 10..];
                let file = &rest[..rest.find('"').unwrap()];
                let after = &rest[rest.find("mod ").unwrap() + 4..];
                let name: String = after
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                let stem = file.strip_suffix(".rs").unwrap().to_owned();
                if let Some(path) = files.remove(&vec![stem]) {
                    files.insert(vec![name], path);
                }
            }
        }
        Tree { files, code }
    }

    /// The module path of a file.
    fn module_of(&self, file: &str) -> Vec<String> {
        self.files
            .iter()
            .find(|(_, f)| f.as_str() == file)
            .map(|(m, _)| m.clone())
            .unwrap()
    }

    /// Every import: (importing file, imported file, the path as written).
    fn edges(&self) -> Vec<(String, String, String)> {
        let mut edges = Vec::new();
        for (file, code) in &self.code {
            let module = self.module_of(file);
            for (inline, path) in paths(code) {
                let mut here = module.clone();
                here.extend(inline.iter().cloned());
                let Some(absolute) = absolute(&here, &path, |m| self.files.contains_key(m)) else {
                    continue;
                };
                if let Some(target) = self.resolve(&absolute, 0) {
                    if &target != file {
                        edges.push((file.clone(), target, path.join("::")));
                    }
                }
            }
        }
        edges.sort();
        edges.dedup();
        edges
    }

    /// The file that defines the item at `path` (from the crate root), following re-exports.
    fn resolve(&self, path: &[String], hops: usize) -> Option<String> {
        if hops > 16 {
            return None;
        }
        // The longest prefix that is a module of its own file.
        let mut module_len = 0;
        for len in (0..=path.len()).rev() {
            if self.files.contains_key(&path[..len]) {
                module_len = len;
                break;
            }
        }
        let module = &path[..module_len];
        let file = self.files.get(module)?;
        // An item re-exported by that module: the file that defines it.
        if let Some(item) = path.get(module_len) {
            for (name, target) in reexports(&self.code[file]) {
                if &name == item {
                    let target = absolute(module, &target, |m| self.files.contains_key(m))?;
                    let mut rest = target;
                    rest.extend(path[module_len + 1..].iter().cloned());
                    return self.resolve(&rest, hops + 1);
                }
            }
        }
        Some(file.clone())
    }

    /// Each file's layer, by its folder or its own name.
    fn node(file: &str) -> String {
        match file.split_once('/') {
            Some((folder, _)) => format!("{folder}/"),
            None => file.to_owned(),
        }
    }

    fn problems(&self, layers: &[&[&str]]) -> Vec<String> {
        let mut problems = Vec::new();
        let rank = |node: &str| layers.iter().position(|l| l.contains(&node));
        for file in self.code.keys() {
            let node = Tree::node(file);
            if node != "lib.rs" && rank(&node).is_none() {
                problems.push(format!(
                    "{file}: `{node}` has no place in LAYERS (add it to the map in this test and CONTRIBUTING.md)"
                ));
            }
        }
        let edges = self.edges();
        for (from, to, path) in &edges {
            let (a, b) = (Tree::node(from), Tree::node(to));
            if a == b || a == "lib.rs" {
                continue;
            }
            if b == "lib.rs" {
                problems.push(format!("{from} imports lib.rs itself ({path})"));
                continue;
            }
            if let (Some(ra), Some(rb)) = (rank(&a), rank(&b)) {
                if rb >= ra {
                    problems.push(format!(
                        "{from} imports {to} (`{path}`): layer `{b}` is not below `{a}`"
                    ));
                }
            }
        }
        // Cycles between files (within a folder too) and between layers.
        let file_graph: BTreeMap<String, BTreeSet<String>> =
            edges.iter().fold(BTreeMap::new(), |mut g, (from, to, _)| {
                g.entry(from.clone()).or_default().insert(to.clone());
                g
            });
        let node_graph: BTreeMap<String, BTreeSet<String>> =
            edges.iter().fold(BTreeMap::new(), |mut g, (from, to, _)| {
                let (a, b) = (Tree::node(from), Tree::node(to));
                if a != b {
                    g.entry(a).or_default().insert(b);
                }
                g
            });
        for graph in [file_graph, node_graph] {
            if let Some(cycle) = find_cycle(&graph) {
                problems.push(format!("import cycle: {}", cycle.join(" -> ")));
            }
        }
        problems
    }
}

/// A cycle in the graph, as its nodes with the first repeated at the end.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    // Iterative depth-first search: 0 unseen, 1 on the stack, 2 done.
    let mut state: BTreeMap<&str, u8> = BTreeMap::new();
    for start in graph.keys() {
        if state.get(start.as_str()).copied().unwrap_or(0) != 0 {
            continue;
        }
        let mut stack: Vec<(&str, Vec<&str>)> = vec![(
            start,
            graph[start].iter().map(String::as_str).rev().collect(),
        )];
        state.insert(start, 1);
        while let Some((node, next)) = stack.last_mut() {
            let node = *node;
            match next.pop() {
                Some(n) => match state.get(n).copied().unwrap_or(0) {
                    0 => {
                        state.insert(n, 1);
                        let children = graph
                            .get(n)
                            .map(|c| c.iter().map(String::as_str).rev().collect())
                            .unwrap_or_default();
                        stack.push((n, children));
                    }
                    1 => {
                        let from = stack.iter().position(|(m, _)| *m == n).unwrap();
                        let mut cycle: Vec<String> =
                            stack[from..].iter().map(|(m, _)| m.to_string()).collect();
                        cycle.push(n.to_owned());
                        return Some(cycle);
                    }
                    _ => {}
                },
                None => {
                    state.insert(node, 2);
                    stack.pop();
                }
            }
        }
    }
    None
}

/// `path` (as written in module `here`) from the crate root, or `None` for a path outside
/// the crate.
fn absolute(
    here: &[String],
    path: &[String],
    is_module: impl Fn(&Vec<String>) -> bool,
) -> Option<Vec<String>> {
    let mut module = here.to_vec();
    let mut rest = path;
    match rest.first().map(String::as_str) {
        Some("crate") => {
            module.clear();
            rest = &rest[1..];
        }
        Some("self") => rest = &rest[1..],
        Some("super") => {
            while rest.first().map(String::as_str) == Some("super") {
                module.pop()?;
                rest = &rest[1..];
            }
        }
        // A bare path: a child module of `here` (in a `use`), else another crate.
        Some(first) => {
            let mut child = here.to_vec();
            child.push(first.to_owned());
            if !is_module(&child) {
                return None;
            }
        }
        None => return None,
    }
    module.extend(rest.iter().cloned());
    Some(module)
}

/// The `use` re-exports of a module's code (`pub use a::b::C;`, `pub(crate) use a::{b, c};`):
/// each name and its path as written. `self` in a group names the group's own path.
fn reexports(code: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("pub") {
        let before_ok = at == 0 || !is_ident(rest.as_bytes()[at - 1] as char);
        rest = &rest[at + 3..];
        if !before_ok {
            continue;
        }
        let mut after = rest.trim_start();
        if after.starts_with('(') {
            after = after[after.find(')').unwrap() + 1..].trim_start();
        }
        let Some(tree) = after.strip_prefix("use ") else {
            continue;
        };
        let end = tree.find(';').unwrap();
        for path in expand(&tree[..end]) {
            let (path, alias) = match path.split_once(" as ") {
                Some((p, a)) => (p.trim().to_owned(), Some(a.trim().to_owned())),
                None => (path, None),
            };
            let mut segs: Vec<String> = path.split("::").map(|s| s.trim().to_owned()).collect();
            if segs.last().map(String::as_str) == Some("self") {
                segs.pop();
            }
            if segs.last().map(String::as_str) == Some("*") {
                continue;
            }
            let name = alias.unwrap_or_else(|| segs.last().cloned().unwrap_or_default());
            out.push((name, segs));
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every `crate::` and `super::` path in the code, with the inline modules it is in (a
/// `use` group expanded into its paths, `self` and `*` kept out).
fn paths(code: &str) -> Vec<(Vec<String>, Vec<String>)> {
    let bytes = code.as_bytes();
    let mut out = Vec::new();
    // Inline modules (`mod tests { ... }`) and the brace depth each opened at.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i] as char;
        let word_start = i == 0 || !is_ident(bytes[i - 1] as char);
        if c == '{' {
            depth += 1;
        } else if c == '}' {
            depth = depth.saturating_sub(1);
            if inline.last().is_some_and(|(_, d)| *d == depth) {
                inline.pop();
            }
        } else if word_start && code[i..].starts_with("mod ") {
            let name: String = code[i + 4..].chars().take_while(|c| is_ident(*c)).collect();
            let after = code[i + 4 + name.len()..].trim_start();
            if after.starts_with('{') {
                inline.push((name, depth));
            }
        } else if word_start
            && (code[i..].starts_with("crate::") || code[i..].starts_with("super::"))
        {
            // `$crate::` is a macro's own path, not an import.
            if i > 0 && bytes[i - 1] == b'$' {
                i += 1;
                continue;
            }
            let end = tree_end(code, i);
            let names: Vec<String> = inline.iter().map(|(n, _)| n.clone()).collect();
            for path in expand(&code[i..end]) {
                let path = path.split(" as ").next().unwrap().trim().to_owned();
                let mut segs: Vec<String> = path.split("::").map(|s| s.trim().to_owned()).collect();
                while matches!(segs.last().map(String::as_str), Some("self" | "*" | "")) {
                    segs.pop();
                }
                out.push((names.clone(), segs));
            }
            i = end;
            continue;
        }
        i += 1;
    }
    out
}

/// Where the path starting at `start` ends: identifiers and `::`, and a `{...}` group.
fn tree_end(code: &str, start: usize) -> usize {
    let bytes = code.as_bytes();
    let mut i = start;
    loop {
        while i < bytes.len() && is_ident(bytes[i] as char) {
            i += 1;
        }
        if code[i..].starts_with("::") {
            i += 2;
            if bytes.get(i) == Some(&b'{') {
                let mut depth = 0;
                while i < bytes.len() {
                    match bytes[i] {
                        b'{' => depth += 1,
                        b'}' => {
                            depth -= 1;
                            if depth == 0 {
                                return i + 1;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                return i;
            }
            if bytes.get(i) == Some(&b'*') {
                return i + 1;
            }
            continue;
        }
        return i;
    }
}

/// The paths of a use tree: `a::{b, c::{d, e as f}}` → `a::b`, `a::c::d`, `a::c::e as f`.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        return vec![tree.to_owned()];
    };
    let prefix = tree[..open].trim();
    let inner = &tree[open + 1..tree.rfind('}').unwrap()];
    let mut parts = Vec::new();
    let (mut depth, mut from) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[from..i]);
                from = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[from..]);
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(expand)
        .map(|p| format!("{prefix}{p}"))
        .collect()
}

/// The code without comments, string, byte-string and character literals (each literal
/// kept as an empty one), so that only code is searched for paths.
fn strip(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    while i < chars.len() {
        let c = chars[i];
        if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            continue;
        }
        let prev_ident = i > 0 && is_ident(chars[i - 1]);
        // Raw strings: r"..", r#".."#, br#".."#.
        if !prev_ident && (c == 'r' || (c == 'b' && at(i + 1) == 'r')) {
            let mut j = i + if c == 'b' { 2 } else { 1 };
            let mut hashes = 0;
            while at(j) == '#' {
                hashes += 1;
                j += 1;
            }
            if at(j) == '"' {
                j += 1;
                loop {
                    if j >= chars.len() {
                        break;
                    }
                    if chars[j] == '"' && (1..=hashes).all(|k| at(j + k) == '#') {
                        j += 1 + hashes;
                        break;
                    }
                    j += 1;
                }
                out.push_str("\"\"");
                i = j;
                continue;
            }
        }
        if c == '"' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            out.push_str("\"\"");
            i = j + 1;
            continue;
        }
        if c == '\'' {
            // A character literal ('x', '\n', '\u{..}'), not a lifetime ('a).
            if at(i + 1) == '\\' {
                let mut j = i + 2;
                while j < chars.len() && chars[j] != '\'' {
                    j += 1;
                }
                out.push_str("' '");
                i = j + 1;
                continue;
            }
            if at(i + 2) == '\'' {
                out.push_str("' '");
                i += 3;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}
