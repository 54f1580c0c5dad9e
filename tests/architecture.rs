//! The engine's modules depend only on the stages before them.
//!
//! The pipeline is source → parse → facts → history → access → rules → report; beside it sit
//! leaf modules that several stages read (`diagnostic`, `config`, `time`, `applied`) and the
//! drivers that run the stages (`lint`, `fixer`, `analysis_cache`, `wasm`). This test reads
//! every `crate::…` path in the code of `src/` (test modules aside: an end-to-end test of a
//! stage may call the driver) and fails when a module reaches a later stage or a module it is
//! not allowed to read.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The stages, in pipeline order: each may import the ones before it and the leaf modules,
/// except that `source` imports nothing and `parse` only `source` (the parser knows nothing of
/// what a statement means).
const STAGES: &[&str] = &[
    "source", "parse", "facts", "history", "access", "rules", "report",
];

/// Modules beside the pipeline, with the only modules each may import.
const LEAVES: &[(&str, &[&str])] = &[
    ("time", &[]),
    ("diagnostic", &["source"]),
    ("config", &["diagnostic"]),
    ("applied", &["config", "history"]),
];

/// Modules that run the pipeline: they come after every stage and may import anything.
const DRIVERS: &[&str] = &["lint", "fixer", "analysis_cache", "wasm"];

/// What a path `crate::<name>` that is no module means: `declare_rule!` is the rules'
/// macro; every other item of the crate root is a re-export of the driver's API.
fn module_of_root_item(name: &str) -> &str {
    match name {
        "declare_rule" => "rules",
        _ => "lint",
    }
}

/// The modules `module` may import besides itself; `None` for a driver (anything).
fn allowed_imports(module: &str) -> Option<BTreeSet<&'static str>> {
    if DRIVERS.contains(&module) {
        return None;
    }
    if let Some((_, allowed)) = LEAVES.iter().find(|(leaf, _)| *leaf == module) {
        return Some(allowed.iter().copied().collect());
    }
    let position = STAGES
        .iter()
        .position(|stage| *stage == module)
        .unwrap_or_else(|| {
            panic!("`src/{module}` is in no stage: place it in tests/architecture.rs")
        });
    let earlier = STAGES[..position].iter().copied();
    Some(match module {
        "source" | "parse" => earlier.collect(),
        _ => earlier
            .chain(LEAVES.iter().map(|(leaf, _)| *leaf))
            .collect(),
    })
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .expect("src/ is readable")
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
    files
}

/// The top-level module a file of `src/` belongs to (`src/rules/naming/x.rs` → `rules`);
/// `None` for the crate root.
fn module_of(file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src_dir()).expect("a file under src/");
    let first = relative.components().next()?.as_os_str().to_str()?;
    match first.strip_suffix(".rs") {
        Some("lib") => None,
        Some(module) => Some(module.to_string()),
        None => Some(first.to_string()),
    }
}

/// The files declared as `#[cfg(test)] mod name;`: test modules, left out.
fn test_module_files(files: &[PathBuf]) -> BTreeSet<PathBuf> {
    let mut tests = BTreeSet::new();
    for file in files {
        let text = fs::read_to_string(file).expect("a readable source file");
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        for pair in lines.windows(2) {
            let declared = pair[1]
                .strip_prefix("mod ")
                .and_then(|rest| rest.strip_suffix(';'));
            if let (true, Some(name)) = (pair[0] == "#[cfg(test)]", declared) {
                let dir = if file.ends_with("mod.rs") || file.ends_with("lib.rs") {
                    file.parent().expect("a folder").to_path_buf()
                } else {
                    file.with_extension("")
                };
                tests.insert(dir.join(format!("{name}.rs")));
                tests.insert(dir.join(name).join("mod.rs"));
            }
        }
    }
    tests
}

/// The code of a file without its inline test module (by convention at the end, after
/// `#[cfg(test)]`), comment lines blanked (so that lines keep their numbers).
fn code(text: &str) -> String {
    text.lines()
        .take_while(|line| line.trim() != "#[cfg(test)]")
        .map(|line| match line.trim_start().starts_with("//") {
            true => "",
            false => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The identifier `text` starts with.
fn leading_identifier(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// The items of the `{…}` group `text` starts inside of, split at its top-level commas (a
/// group the line does not close runs to the line's end).
fn group_items(text: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (at, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                items.push(&text[start..at]);
                return items;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&text[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    items.push(&text[start..]);
    items
}

/// The top-level names each `crate::` path of `code` starts with (`crate::{a, b::c}` gives
/// `a` and `b`), with the line of the path.
fn crate_paths(code: &str) -> Vec<(usize, String)> {
    let mut names = Vec::new();
    let mut offset = 0;
    while let Some(found) = code[offset..].find("crate::") {
        let at = offset + found;
        offset = at + "crate::".len();
        let is_word_start = code[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        if !is_word_start {
            continue;
        }
        let line = code[..at].matches('\n').count() + 1;
        let rest = &code[offset..];
        match rest.strip_prefix('{') {
            Some(group) => names.extend(
                group_items(group)
                    .into_iter()
                    .map(|item| leading_identifier(item.trim()))
                    .filter(|name| !name.is_empty())
                    .map(|name| (line, name)),
            ),
            None => names.push((line, leading_identifier(rest))),
        }
    }
    names
}

#[test]
fn modules_import_only_earlier_stages() {
    let src = src_dir();
    let files = rust_files(&src);
    let test_files = test_module_files(&files);
    let top_level: BTreeSet<String> = files.iter().filter_map(|f| module_of(f)).collect();
    let mut violations = Vec::new();
    for file in files.iter().filter(|f| !test_files.contains(*f)) {
        let Some(module) = module_of(file) else {
            continue;
        };
        let Some(allowed) = allowed_imports(&module) else {
            continue;
        };
        let text = fs::read_to_string(file).expect("a readable source file");
        for (line, name) in crate_paths(&code(&text)) {
            let imported = if top_level.contains(&name) {
                name.as_str()
            } else {
                module_of_root_item(&name)
            };
            if imported != module && !allowed.contains(imported) {
                let shown = file.strip_prefix(&src).unwrap_or(file).display();
                violations.push(format!(
                    "src/{shown}:{line}: `{module}` imports `{imported}`"
                ));
            }
        }
    }
    assert!(
        violations.is_empty(),
        "modules import what comes after them in the pipeline \
         (source → parse → facts → history → access → rules → report):\n{}",
        violations.join("\n")
    );
}

#[test]
fn every_module_has_a_place() {
    let files = rust_files(&src_dir());
    for module in files.iter().filter_map(|f| module_of(f)) {
        // Panics, naming the module, when it is in no stage.
        allowed_imports(&module);
    }
}

#[test]
fn crate_paths_are_read_in_every_form() {
    let names = |code: &str| -> Vec<String> {
        crate_paths(code)
            .into_iter()
            .map(|(_, name)| name)
            .collect()
    };
    assert_eq!(names("use crate::facts::Statement;"), ["facts"]);
    assert_eq!(
        names("use crate::{\n    config::Config,\n    rules::{a, b},\n    InputFile,\n};"),
        ["config", "rules", "InputFile"]
    );
    assert_eq!(
        names("severity: $crate::diagnostic::Severity::$severity,"),
        ["diagnostic"]
    );
    assert_eq!(names("let x = not_crate::rules::x;"), Vec::<String>::new());
    assert_eq!(
        crate_paths("\n\nuse crate::time;")[0],
        (3, "time".to_string())
    );
}
