//! No module cycles: reading every source file of the `app` crate, each module's uses of other
//! modules (`crate::a::b`, `super::x`, grouped `use crate::{a, b::{c, d}}`) must form a graph
//! without cycles, at the level of files (a capability's pages may use its domain code, its
//! domain code never its pages). Rules sit low, pages and handlers high, shared plumbing
//! (`limits`, `shell`, `time`) depends on no capability.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Module = Vec<String>;

fn source_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            source_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module a file defines: `triage/mod.rs` is `triage`, `triage/pages.rs` is `triage::pages`.
fn module_of(root: &Path, file: &Path) -> Module {
    let rel = file.strip_prefix(root).expect("under src").with_extension("");
    let mut parts: Module = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// The code a module's file holds for the crate: comments and the unit tests (`#[cfg(test)]`
/// to the end, where `super` means the file's own module) are left out.
fn without_comments(src: &str) -> String {
    let code = src.split("#[cfg(test)]").next().unwrap_or("");
    code.lines().map(|line| line.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// Splits `a, b::{c, d}, e` at the commas outside braces.
fn split_top(body: &str) -> Vec<String> {
    let (mut depth, mut current, mut items) = (0, String::new(), Vec::new());
    for ch in body.chars() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if ch == ',' && depth == 0 {
            items.push(std::mem::take(&mut current));
        } else {
            current.push(ch);
        }
    }
    items.push(current);
    items
}

/// Every path a use names, as segments: `use crate::{a, b::{c, d}}` gives a, b::c, b::d.
fn expand(prefix: &[String], body: &str, out: &mut Vec<Module>) {
    for item in split_top(body) {
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        if let Some(open) = item.find("::{") {
            let mut next = prefix.to_vec();
            next.extend(item[..open].split("::").map(str::to_string));
            expand(&next, &item[open + 3..item.len() - 1], out);
        } else {
            let name = item.split(" as ").next().unwrap_or(item);
            let mut path = prefix.to_vec();
            path.extend(name.split("::").filter(|s| !s.is_empty()).map(str::to_string));
            out.push(path);
        }
    }
}

fn paths_in(src: &str) -> Vec<Module> {
    let src = without_comments(src);
    let mut out = Vec::new();
    let bytes = src.as_bytes();
    for start in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(at) = src[from..].find(start).map(|i| i + from) {
            from = at + start.len();
            if at > 0
                && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_' || bytes[at - 1] == b':')
            {
                continue;
            }
            let head = start.trim_end_matches(':').to_string();
            // Segments up to a brace or the end of the path.
            let rest = &src[from..];
            let end =
                rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).unwrap_or(rest.len());
            let segments: Module = std::iter::once(head)
                .chain(rest[..end].split("::").filter(|s| !s.is_empty()).map(str::to_string))
                .collect();
            if (end == 0 || rest[..end].ends_with("::")) && rest[end..].starts_with('{') {
                let (mut depth, mut close) = (0, end);
                for (i, ch) in rest[end..].char_indices() {
                    match ch {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                close = end + i;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                expand(&segments, &rest[end + 1..close], &mut out);
            } else {
                out.push(segments);
            }
        }
    }
    out
}

/// The module graph: each file's module and the other modules (files) it uses.
fn graph() -> BTreeMap<Module, BTreeSet<Module>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    source_files(&root, &mut files);
    let modules: BTreeMap<Module, PathBuf> = files.iter().map(|f| (module_of(&root, f), f.clone())).collect();
    let mut graph = BTreeMap::new();
    for (module, file) in &modules {
        let src = without_comments(&std::fs::read_to_string(file).expect("read source"));
        let mut uses = BTreeSet::new();
        for path in paths_in(&src) {
            let (mut base, rest): (Module, &[String]) = match path[0].as_str() {
                "crate" => (Vec::new(), &path[1..]),
                "self" => (module.clone(), &path[1..]),
                _ => {
                    let mut base = module.clone();
                    base.pop();
                    let supers = path.iter().skip(1).take_while(|s| *s == "super").count();
                    for _ in 0..supers {
                        base.pop();
                    }
                    (base, &path[1 + supers..])
                }
            };
            base.extend(rest.iter().cloned());
            // The longest prefix that is a module of its own file.
            let target = (0..=base.len()).rev().map(|k| base[..k].to_vec()).find(|m| modules.contains_key(m));
            if let Some(target) = target {
                if !target.is_empty() && &target != module {
                    uses.insert(target);
                }
            }
        }
        // A module's own children named without a prefix (`use pages::X;`, `pages::f()`).
        for (child, _) in modules.range(module.clone()..) {
            if child.len() != module.len() + 1 || !child.starts_with(module) {
                continue;
            }
            let name = format!("{}::", child.last().expect("child"));
            let named = src.match_indices(&name).any(|(at, _)| {
                at == 0 || {
                    let before = src.as_bytes()[at - 1];
                    !(before.is_ascii_alphanumeric() || before == b'_' || before == b':')
                }
            });
            if named {
                uses.insert(child.clone());
            }
        }
        graph.insert(module.clone(), uses);
    }
    graph
}

/// A cycle through `start`, if there is one (depth-first search).
fn cycle_from(graph: &BTreeMap<Module, BTreeSet<Module>>, start: &Module) -> Option<Vec<Module>> {
    fn visit(
        graph: &BTreeMap<Module, BTreeSet<Module>>,
        start: &Module,
        at: &Module,
        path: &mut Vec<Module>,
        seen: &mut BTreeSet<Module>,
    ) -> bool {
        for next in graph.get(at).into_iter().flatten() {
            if next == start {
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if visit(graph, start, next, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![start.clone()];
    visit(graph, start, start, &mut path, &mut BTreeSet::new()).then_some(path)
}

#[test]
fn modules_form_no_cycle() {
    let graph = graph();
    assert!(graph.len() > 50, "the sources were read: {} modules", graph.len());
    let cycles: Vec<String> = graph
        .keys()
        .filter_map(|m| cycle_from(&graph, m))
        .map(|c| c.iter().map(|m| m.join("::")).collect::<Vec<_>>().join(" -> "))
        .collect();
    assert!(cycles.is_empty(), "module cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_reader_finds_grouped_and_relative_uses() {
    let found = paths_in("use crate::{a, b::{c, d as e}};\nfn f() { super::super::x::y(); crate::z::w(); }");
    let found: Vec<String> = found.iter().map(|p| p.join("::")).collect();
    for want in ["crate::a", "crate::b::c", "crate::b::d", "super::super::x::y", "crate::z::w"] {
        assert!(found.contains(&want.to_string()), "{want} in {found:?}");
    }
}
