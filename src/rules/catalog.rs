//! Rule metadata as the CLI, docs, ESLint plugin, SARIF and playground read it.

use serde::Serialize;

use crate::report::docs_url;

use super::{Category, FixKind};

#[derive(Clone, Debug, Serialize)]
pub struct Example {
    pub valid: bool,
    pub code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleInfo {
    pub id: &'static str,
    pub category: Category,
    pub category_title: &'static str,
    pub severity: &'static str,
    pub fixable: Option<FixKind>,
    pub summary: &'static str,
    pub docs: String,
    pub examples: Vec<Example>,
    pub options: Vec<&'static str>,
    pub sources: Vec<&'static str>,
    pub docs_url: String,
    pub messages: std::collections::BTreeMap<&'static str, &'static str>,
}

/// Every rule's metadata, alphabetical by id.
pub fn catalog() -> Vec<RuleInfo> {
    super::all()
        .iter()
        .map(|rule| {
            let meta = rule.meta();
            RuleInfo {
                id: meta.id,
                category: meta.category,
                category_title: meta.category.title(),
                severity: meta.severity.name(),
                fixable: (meta.fix != FixKind::None).then_some(meta.fix),
                summary: meta.summary(),
                docs: docs_body(meta.docs),
                examples: examples(meta.docs),
                options: meta.options.to_vec(),
                sources: meta.sources.to_vec(),
                docs_url: docs_url(meta.id),
                messages: meta.messages.iter().copied().collect(),
            }
        })
        .collect()
}

/// The docs without the summary line, each line's leading space (from `/// `) removed.
pub fn docs_body(docs: &str) -> String {
    let lines: Vec<&str> = docs
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect();
    let start = lines
        .iter()
        .position(|l| !l.trim().is_empty())
        .map_or(0, |i| i + 1);
    lines[start..].join("\n").trim().to_string()
}

/// The fenced `sql` blocks of the docs: `sql,expect_diagnostic` ones are invalid examples.
/// A `file=<name>.sql` tag names the file the block is linted as.
pub fn examples(docs: &str) -> Vec<Example> {
    let body = docs_body(docs);
    let mut examples = Vec::new();
    let mut current: Option<(bool, Option<String>, Vec<&str>)> = None;
    for line in body.lines() {
        let trimmed = line.trim();
        match (&mut current, trimmed.strip_prefix("```")) {
            (None, Some(info)) if info.starts_with("sql") => {
                let tags: Vec<&str> = info.split(',').map(str::trim).collect();
                let file = tags
                    .iter()
                    .find_map(|t| t.strip_prefix("file="))
                    .map(str::to_string);
                current = Some((!tags.contains(&"expect_diagnostic"), file, Vec::new()));
            }
            (Some(_), Some("")) => {
                if let Some((valid, file, lines)) = current.take() {
                    examples.push(Example {
                        valid,
                        code: lines.join("\n") + "\n",
                        file,
                    });
                }
            }
            (Some((_, _, lines)), _) => lines.push(line),
            _ => {}
        }
    }
    examples
}
