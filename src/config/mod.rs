//! The resolved configuration: preset, per-rule severities and options, project options.
//!
//! JavaScript finds and reads the config file; the engine validates every key so the CLI,
//! the ESLint plugin and the playground report the same errors.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;

use crate::diagnostic::Severity;

mod schema;

pub use schema::{config_schema, ConfigKey, KeyGroup, ValueType};

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct ConfigError {
    pub key: String,
    pub message: String,
}

#[derive(Clone, Debug)]
pub struct Config {
    pub severities: HashMap<&'static str, Severity>,
    pub migrations_dir: String,
    pub exposed_schemas: Vec<String>,
    pub admin_function: Option<String>,
    pub authorization_functions: Vec<String>,
    pub revoke_roles: Vec<String>,
    pub seed_tables: Vec<String>,
    pub registered_buckets: Option<Vec<String>>,
    pub version_suffix_words: Vec<String>,
    /// `frozenBefore`: migrations with this version or an older one already ran, so `--fix`
    /// leaves them alone.
    pub frozen_before: Option<String>,
}

pub const DEFAULT_VERSION_SUFFIX_WORDS: &[&str] = &[
    "new",
    "old",
    "enhanced",
    "improved",
    "better",
    "optimized",
    "simplified",
    "modern",
    "updated",
    "modified",
    "refactored",
    "temp",
    "tmp",
    "draft",
    "test",
    "backup",
    "copy",
];

/// The presets a configuration extends (`extends`).
pub const PRESETS: [&str; 3] = ["recommended", "all", "none"];

/// A rule's severity under a preset, from its default one: `recommended` keeps it, `all`
/// turns an `off` rule into a warning, `none` turns every rule off.
pub fn severity_in_preset(default: Severity, preset: &str) -> Severity {
    match preset {
        "all" if default == Severity::Off => Severity::Warn,
        "none" => Severity::Off,
        _ => default,
    }
}

/// What the configuration knows of a rule.
#[derive(Clone, Copy, Debug)]
pub struct ConfigurableRule {
    pub id: &'static str,
    /// Its severity in the `recommended` preset.
    pub default_severity: Severity,
    /// The top-level configuration keys it reads.
    pub options: &'static [&'static str],
}

/// The rules a configuration may name. The configuration comes before the rules in the
/// pipeline (the access model reads it too), so it does not know them: whoever reads a
/// configuration passes them in (`rules::Registry`).
pub trait KnownRules {
    /// Every rule.
    fn all(&self) -> impl Iterator<Item = ConfigurableRule>;

    /// The rule with this id.
    fn find(&self, id: &str) -> Option<ConfigurableRule>;

    /// The closest rule id to a misspelt one, when it is close enough to be a typo.
    fn did_you_mean(&self, id: &str) -> Option<&'static str>;
}

/// Keys only the JavaScript side reads; the engine accepts and ignores them.
const HOST_KEYS: &[&str] = &["storageBucketsFile", "$schema", "ignores"];

/// The project defaults with no rule severities: [`Config::from_json`] starts from these and
/// the `recommended` preset.
impl Default for Config {
    fn default() -> Self {
        Config {
            severities: HashMap::new(),
            migrations_dir: "supabase/migrations".into(),
            exposed_schemas: vec!["public".into()],
            admin_function: Some("public.is_super_admin".into()),
            authorization_functions: Vec::new(),
            revoke_roles: vec!["authenticated".into(), "service_role".into()],
            seed_tables: Vec::new(),
            registered_buckets: None,
            version_suffix_words: DEFAULT_VERSION_SUFFIX_WORDS
                .iter()
                .map(|w| w.to_string())
                .collect(),
            frozen_before: None,
        }
    }
}

/// Severities of a preset: `recommended` (each rule's default), `all` (every rule at its
/// default, `off` ones as warnings), `none`.
pub fn preset(name: &str, rules: &impl KnownRules) -> HashMap<&'static str, Severity> {
    rules
        .all()
        .map(|rule| (rule.id, severity_in_preset(rule.default_severity, name)))
        .collect()
}

impl Config {
    /// Whether the Data API serves `schema` (`exposedSchemas`).
    pub fn is_exposed(&self, schema: &str) -> bool {
        self.exposed_schemas
            .iter()
            .any(|s| s.eq_ignore_ascii_case(schema))
    }

    pub fn severity(&self, rule_id: &str) -> Severity {
        self.severities
            .get(rule_id)
            .copied()
            .unwrap_or(Severity::Off)
    }

    /// Reads a config object naming `rules`, collecting every error instead of stopping at
    /// the first.
    pub fn from_json(value: &Value, rules: &impl KnownRules) -> (Config, Vec<ConfigError>) {
        let mut config = Config {
            severities: preset("recommended", rules),
            ..Config::default()
        };
        let mut errors = Vec::new();
        let Some(object) = value.as_object() else {
            if !value.is_null() {
                errors.push(error("", "the configuration must be an object"));
            }
            return (config, errors);
        };
        if let Some(extends) = object.get("extends") {
            match extends.as_str() {
                Some(name) if PRESETS.contains(&name) => {
                    config.severities = preset(name, rules);
                }
                Some(name) => errors.push(error(
                    "extends",
                    &format!("unknown preset `{name}`; use `recommended`, `all` or `none`"),
                )),
                None => errors.push(error("extends", "must be a string")),
            }
        }
        for (key, value) in object {
            let mut set_strings = |target: &mut Vec<String>| match string_list(value) {
                Some(list) => *target = list,
                None => errors.push(error(key, "must be an array of strings")),
            };
            match key.as_str() {
                "extends" => {}
                "rules" => config.read_rules(value, rules, &mut errors),
                "migrationsDir" => match value.as_str() {
                    Some(dir) => config.migrations_dir = dir.trim_end_matches('/').to_string(),
                    None => errors.push(error(key, "must be a string")),
                },
                "exposedSchemas" => set_strings(&mut config.exposed_schemas),
                "authorizationFunctions" => set_strings(&mut config.authorization_functions),
                "revokeRoles" => set_strings(&mut config.revoke_roles),
                "seedTables" => set_strings(&mut config.seed_tables),
                "versionSuffixWords" => set_strings(&mut config.version_suffix_words),
                "adminFunction" => match value {
                    Value::Null => config.admin_function = None,
                    Value::String(name) => config.admin_function = Some(name.to_lowercase()),
                    _ => errors.push(error(key, "must be a function name or null")),
                },
                "frozenBefore" => match value {
                    Value::Null => config.frozen_before = None,
                    Value::String(version) if is_version(version) => {
                        config.frozen_before = Some(version.clone());
                    }
                    _ => errors.push(error(
                        key,
                        "must be a 14-digit migration version (`YYYYMMDDHHMMSS`) or null",
                    )),
                },
                "registeredBuckets" => match value {
                    Value::Null => config.registered_buckets = None,
                    _ => match string_list(value) {
                        Some(list) => config.registered_buckets = Some(list),
                        None => errors.push(error(key, "must be an array of strings or null")),
                    },
                },
                _ if HOST_KEYS.contains(&key.as_str()) => {}
                _ => errors.push(ConfigError {
                    key: key.clone(),
                    message: format!("unknown configuration key `{key}`"),
                }),
            }
        }
        (config, errors)
    }

    fn read_rules(
        &mut self,
        value: &Value,
        known: &impl KnownRules,
        errors: &mut Vec<ConfigError>,
    ) {
        let Some(rules) = value.as_object() else {
            errors.push(error(
                "rules",
                "must be an object mapping rule ids to severities",
            ));
            return;
        };
        for (id, setting) in rules {
            let key = format!("rules.{id}");
            let Some(rule) = known.find(id) else {
                let hint = known
                    .did_you_mean(id)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                errors.push(error(&key, &format!("unknown rule `{id}`{hint}")));
                continue;
            };
            let id = rule.id;
            let (severity, options) = match setting {
                Value::Array(items) => {
                    if items.len() > 2 {
                        errors.push(error(
                            &key,
                            &format!(
                                "takes a severity and at most an options object, not {} items",
                                items.len()
                            ),
                        ));
                    }
                    (items.first(), items.get(1))
                }
                other => (Some(other), None),
            };
            match severity.and_then(Severity::parse) {
                Some(severity) => {
                    self.severities.insert(id, severity);
                }
                None => errors.push(error(
                    &key,
                    "severity must be \"off\", \"warn\", \"error\", 0, 1 or 2",
                )),
            }
            match options.map(Value::as_object) {
                None => {}
                Some(None) => errors.push(error(&key, "rule options must be an object")),
                // No rule takes options of its own: a key here is a typo or a setting that
                // belongs at the top level, and accepting it silently would hide that.
                Some(Some(options)) => {
                    let reads = rule.options;
                    let hint = if reads.is_empty() {
                        String::new()
                    } else {
                        let keys: Vec<String> = reads.iter().map(|k| format!("`{k}`")).collect();
                        format!(
                            "; this one reads {} from the top level of the configuration",
                            keys.join(", ")
                        )
                    };
                    for name in options.keys() {
                        errors.push(error(
                            &key,
                            &format!(
                                "has no option `{name}`: rules take no options of their own{hint}"
                            ),
                        ));
                    }
                }
            }
        }
    }
}

/// A migration version as file names start with it: exactly 14 digits.
fn is_version(text: &str) -> bool {
    text.len() == 14 && text.bytes().all(|b| b.is_ascii_digit())
}

fn string_list(value: &Value) -> Option<Vec<String>> {
    value
        .as_array()?
        .iter()
        .map(|v| v.as_str().map(str::to_string))
        .collect()
}

fn error(key: &str, message: &str) -> ConfigError {
    ConfigError {
        key: key.to_string(),
        message: if key.is_empty() {
            message.to_string()
        } else {
            format!("`{key}` {message}")
        },
    }
}

/// No rules: the configuration's tests read its own keys (the rules' keys are read with
/// the real rules in `rules::registry`).
#[cfg(test)]
pub(crate) struct NoRules;

#[cfg(test)]
impl KnownRules for NoRules {
    fn all(&self) -> impl Iterator<Item = ConfigurableRule> {
        std::iter::empty()
    }

    fn find(&self, _id: &str) -> Option<ConfigurableRule> {
        None
    }

    fn did_you_mean(&self, _id: &str) -> Option<&'static str> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(value: &Value) -> (Config, Vec<ConfigError>) {
        Config::from_json(value, &NoRules)
    }

    #[test]
    fn unknown_key_is_named() {
        let (_, errors) = read(&json!({ "exposedSchema": ["public"] }));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].key, "exposedSchema");
    }

    #[test]
    fn access_options_are_read() {
        let (config, errors) = read(&json!({
            "exposedSchemas": ["public", "api"],
            "adminFunction": "Public.Is_Admin",
            "authorizationFunctions": ["public.has_role_on_account"],
            "revokeRoles": ["authenticated", "service_role"],
        }));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(config.exposed_schemas, vec!["public", "api"]);
        assert_eq!(config.admin_function.as_deref(), Some("public.is_admin"));
        assert_eq!(
            config.authorization_functions,
            vec!["public.has_role_on_account"]
        );
        assert_eq!(config.revoke_roles, vec!["authenticated", "service_role"]);
        let (config, errors) = read(&json!({ "adminFunction": null }));
        assert!(errors.is_empty());
        assert_eq!(config.admin_function, None);
    }

    #[test]
    fn access_options_with_wrong_types_are_errors() {
        for (key, value) in [
            ("exposedSchemas", json!("public")),
            ("exposedSchemas", json!(["public", 1])),
            ("authorizationFunctions", json!({ "f": true })),
            ("revokeRoles", json!(null)),
            ("adminFunction", json!(["public.is_super_admin"])),
        ] {
            let (_, errors) = read(&json!({ key: value }));
            assert_eq!(errors.len(), 1, "{key}: {errors:?}");
            assert_eq!(errors[0].key, key);
        }
    }

    #[test]
    fn frozen_before_takes_a_version_or_null() {
        let (config, errors) = read(&json!({ "frozenBefore": "20240101120000" }));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(config.frozen_before.as_deref(), Some("20240101120000"));
        let (config, errors) = read(&json!({ "frozenBefore": null }));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(config.frozen_before, None);
        for wrong in [
            json!(20240101120000_u64),
            json!("2024-01-01"),
            json!("2024010112000"),
            json!("202401011200000"),
            json!(""),
        ] {
            let (_, errors) = read(&json!({ "frozenBefore": wrong }));
            assert_eq!(errors.len(), 1, "{wrong}: {errors:?}");
            assert_eq!(errors[0].key, "frozenBefore");
            assert_eq!(
                errors[0].message,
                "`frozenBefore` must be a 14-digit migration version (`YYYYMMDDHHMMSS`) or null"
            );
        }
    }

    #[test]
    fn wrong_type_is_an_error() {
        let (_, errors) = read(&json!({ "adminFunction": 3 }));
        assert_eq!(errors[0].key, "adminFunction");
    }
}
