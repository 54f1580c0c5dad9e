//! Rule metadata as the CLI, docs, ESLint plugin, SARIF and playground read it.

use serde::Serialize;

use crate::config::{severity_in_preset, PRESETS};
use crate::diagnostic::docs_url;

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
}

impl Example {
    /// The files the example is linted as, `(name, text)`: the block split at lines
    /// `-- file: <name>.sql`. Text before the first such line is the file `file` names
    /// (`None`: the default example path).
    pub fn files(&self) -> Vec<(Option<String>, String)> {
        self.sections()
            .into_iter()
            .filter(|section| !section.is_base)
            .map(|section| (section.name, section.text))
            .collect()
    }

    /// The applied migrations of the example, `(name, text that ran)`: the sections opened by
    /// a line `-- base: <name>.sql`, the text of that file at the `--since` ref.
    pub fn base_files(&self) -> Vec<(String, String)> {
        self.sections()
            .into_iter()
            .filter(|section| section.is_base)
            .filter_map(|section| Some((section.name?, section.text)))
            .collect()
    }

    fn sections(&self) -> Vec<ExampleSection> {
        let mut sections = Vec::new();
        let mut current = ExampleSection {
            name: self.file.clone(),
            text: String::new(),
            is_base: false,
        };
        for line in self.code.lines() {
            let trimmed = line.trim();
            let opened = match (
                trimmed.strip_prefix("-- file:"),
                trimmed.strip_prefix("-- base:"),
            ) {
                (Some(name), _) => Some((name, false)),
                (_, Some(name)) => Some((name, true)),
                _ => None,
            };
            if let Some((name, is_base)) = opened {
                let next = ExampleSection {
                    name: Some(name.trim().to_string()),
                    text: String::new(),
                    is_base,
                };
                let done = std::mem::replace(&mut current, next);
                if !done.text.is_empty() || done.name.is_some() {
                    sections.push(done);
                }
            } else {
                current.text.push_str(line);
                current.text.push('\n');
            }
        }
        if !current.text.is_empty() || sections.iter().all(|s| s.is_base) {
            sections.push(current);
        }
        sections
    }
}

/// A part of an example's code: a file to lint, or (`is_base`) the text an applied one had.
struct ExampleSection {
    name: Option<String>,
    text: String,
    is_base: bool,
}

/// One migration of an example, as hosts read it.
#[derive(Clone, Debug, Serialize)]
pub struct ExampleFile {
    /// `None`: the default example path.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub text: String,
}

/// An example with its sections already split, so that hosts never split the code again.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExampleInfo {
    #[serde(flatten)]
    pub example: Example,
    /// [`Example::files`]: the migrations the example is linted as, in order.
    pub files: Vec<ExampleFile>,
    /// [`Example::base_files`]: the applied migrations (`-- base:` sections); absent when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub base_files: Vec<ExampleFile>,
}

impl From<Example> for ExampleInfo {
    fn from(example: Example) -> Self {
        let files = example
            .files()
            .into_iter()
            .map(|(name, text)| ExampleFile { name, text })
            .collect();
        let base_files = example
            .base_files()
            .into_iter()
            .map(|(name, text)| ExampleFile {
                name: Some(name),
                text,
            })
            .collect();
        ExampleInfo {
            example,
            files,
            base_files,
        }
    }
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
    pub examples: Vec<ExampleInfo>,
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
                    .map(|&preset| (preset, severity_in_preset(meta.severity, preset).name()))
                    .collect(),
                fixable: (meta.fix != FixKind::None).then_some(meta.fix),
                summary: meta.summary(),
                docs: docs_body(meta.docs),
                examples: examples(meta.docs)
                    .into_iter()
                    .map(ExampleInfo::from)
                    .collect(),
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
                };
                current = Some((example, Vec::new()));
            }
            (Some(_), Some("")) => {
                if let Some((mut example, lines)) = current.take() {
                    example.code = lines.join("\n") + "\n";
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
    use crate::rules::Registry;

    #[test]
    fn presets_are_the_severities_a_configuration_extending_them_lints_with() {
        for preset in PRESETS {
            let (config, errors) =
                Config::from_json(&serde_json::json!({ "extends": preset }), &Registry);
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
}
