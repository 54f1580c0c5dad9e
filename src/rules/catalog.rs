//! Rule metadata as the CLI, docs, ESLint plugin, SARIF and playground read it.

use serde::Serialize;

use crate::report::{docs_url, PRESETS};

use super::{Category, FixKind};

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Example {
    pub valid: bool,
    pub code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// A `since=<version>|<version>` tag: the versions that existed at the `--since` ref.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<Vec<String>>,
    /// A `registeredBuckets=<id>|<id>` tag: the `registeredBuckets` the example is linted with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registered_buckets: Option<Vec<String>>,
    /// The migrations the example is linted as, in order: the block split at lines
    /// `-- file: <name>.sql` (hosts read them here rather than split the code again).
    pub files: Vec<ExampleFile>,
}

/// One migration of an example.
#[derive(Clone, Debug, Serialize)]
pub struct ExampleFile {
    /// `None`: the default example path.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub text: String,
}

/// The block split at lines `-- file: <name>.sql`. Text before the first such line is
/// the file `file` names.
fn example_files(file: Option<&str>, code: &str) -> Vec<ExampleFile> {
    let mut files = Vec::new();
    let mut name = file.map(str::to_string);
    let mut text = String::new();
    for line in code.lines() {
        if let Some(next) = line.trim().strip_prefix("-- file:") {
            if !text.is_empty() || name.is_some() {
                files.push(ExampleFile {
                    name: name.take(),
                    text: std::mem::take(&mut text),
                });
            }
            name = Some(next.trim().to_string());
        } else {
            text.push_str(line);
            text.push('\n');
        }
    }
    if !text.is_empty() || files.is_empty() {
        files.push(ExampleFile { name, text });
    }
    files
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleInfo {
    pub id: &'static str,
    pub category: Category,
    pub category_title: &'static str,
    /// The category's place in SPEC §3's order, for listing rules by category.
    pub category_rank: u8,
    pub severity: &'static str,
    /// The rule's severity under each preset `extends` names.
    pub presets: std::collections::BTreeMap<&'static str, &'static str>,
    pub fixable: Option<FixKind>,
    pub summary: &'static str,
    pub docs: String,
    pub examples: Vec<Example>,
    pub options: Vec<&'static str>,
    pub sources: Vec<&'static str>,
    pub docs_url: String,
    /// Message templates by id, as ESLint's `meta.messages`.
    pub messages: std::collections::BTreeMap<&'static str, &'static str>,
    /// Each message's help template, by message id.
    pub message_help: std::collections::BTreeMap<&'static str, &'static str>,
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
                category_rank: meta.category.rank(),
                severity: meta.severity.name(),
                presets: PRESETS
                    .iter()
                    .map(|&preset| (preset, meta.severity.in_preset(preset).name()))
                    .collect(),
                fixable: (meta.fix != FixKind::None).then_some(meta.fix),
                summary: meta.summary(),
                docs: docs_body(meta.docs),
                examples: examples(meta.docs),
                options: meta.options.to_vec(),
                sources: meta.sources.to_vec(),
                docs_url: docs_url(meta.id),
                messages: meta.messages.iter().map(|m| (m.id, m.message)).collect(),
                message_help: meta.messages.iter().map(|m| (m.id, m.help)).collect(),
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
/// A `file=<name>.sql` tag names the file the block is linted as; `since=<v>|<v>` gives the
/// versions that existed at a `--since` ref; `registeredBuckets=<id>|<id>` the bucket ids the
/// application registers.
pub fn examples(docs: &str) -> Vec<Example> {
    let body = docs_body(docs);
    let mut examples = Vec::new();
    // The example being read and its lines, while inside a fence.
    let mut current: Option<(Example, Vec<&str>)> = None;
    for line in body.lines() {
        let trimmed = line.trim();
        match (&mut current, trimmed.strip_prefix("```")) {
            (None, Some(info)) if info.starts_with("sql") => {
                let tags: Vec<&str> = info.split(',').map(str::trim).collect();
                let file = tags
                    .iter()
                    .find_map(|t| t.strip_prefix("file="))
                    .map(str::to_string);
                let since = tags
                    .iter()
                    .find_map(|t| t.strip_prefix("since="))
                    .map(|versions| versions.split('|').map(str::to_string).collect());
                let registered_buckets = tags
                    .iter()
                    .find_map(|t| t.strip_prefix("registeredBuckets="))
                    .map(|ids| ids.split('|').map(str::to_string).collect());
                let example = Example {
                    valid: !tags.contains(&"expect_diagnostic"),
                    code: String::new(),
                    file,
                    since,
                    registered_buckets,
                    files: Vec::new(),
                };
                current = Some((example, Vec::new()));
            }
            (Some(_), Some("")) => {
                if let Some((mut example, lines)) = current.take() {
                    example.code = lines.join("\n") + "\n";
                    example.files = example_files(example.file.as_deref(), &example.code);
                    examples.push(example);
                }
            }
            (Some((_, lines)), _) => lines.push(line),
            _ => {}
        }
    }
    examples
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn presets_are_the_severities_a_configuration_extending_them_lints_with() {
        for preset in PRESETS {
            let (config, errors) = Config::from_json(&serde_json::json!({ "extends": preset }));
            assert!(errors.is_empty(), "{errors:?}");
            for rule in catalog() {
                assert_eq!(
                    rule.presets[preset],
                    config.severity(rule.id).name(),
                    "{preset}: {}",
                    rule.id
                );
            }
        }
    }

    #[test]
    fn example_files_split_at_file_lines() {
        let files = example_files(Some("a.sql"), "select 1;\n-- file: b.sql\nselect 2;\n");
        let parts: Vec<(Option<&str>, &str)> = files
            .iter()
            .map(|file| (file.name.as_deref(), file.text.as_str()))
            .collect();
        assert_eq!(
            parts,
            [
                (Some("a.sql"), "select 1;\n"),
                (Some("b.sql"), "select 2;\n")
            ]
        );
        let single = example_files(None, "select 1;\n");
        assert_eq!(single.len(), 1);
        assert_eq!(single[0].name, None);
    }
}
