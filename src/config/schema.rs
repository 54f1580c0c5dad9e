//! The configuration keys, each with its type, default and description: the one list the hosts
//! read (the JavaScript checks, ESLint's `languageOptions`, the playground's form) instead of
//! keeping lists of their own.

use serde::Serialize;
use serde_json::{json, Value};

use super::Config;

/// One key of a configuration object.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConfigKey {
    pub key: &'static str,
    #[serde(rename = "type")]
    pub value_type: ValueType,
    /// What `from_json` uses when the key is absent; `null` for none. A default the host
    /// finds on disk (`migrationsDir`, `exposedSchemas`) is described, not given here.
    pub default: Value,
    /// A short label, for a form.
    pub title: &'static str,
    /// One sentence: what the key does.
    pub description: &'static str,
    pub group: KeyGroup,
}

/// The shape of a key's value, as the engine checks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ValueType {
    /// One of the presets, `crate::report::PRESETS`.
    Preset,
    /// Rule ids mapped to a severity, or to `[severity, options?]`.
    Rules,
    /// A path relative to the project root, which the host resolves.
    Path,
    StringList,
    StringListOrNull,
    /// A schema-qualified function name, or `null` for none.
    FunctionOrNull,
    /// A 14-digit migration version (`YYYYMMDDHHMMSS`), or `null` for none.
    VersionOrNull,
    /// Any JSON value: accepted and not read.
    Any,
}

/// Which part of a configuration a key belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum KeyGroup {
    /// Which rules run, and how severely (`extends`, `rules`).
    Rules,
    /// A fact about the project the rules read (SPEC §5); ESLint takes these as `languageOptions`.
    Project,
    /// Read by neither the engine nor the host: kept for editors and other tools.
    Ignored,
}

/// Every key a configuration may hold, in the order SPEC §5 lists them.
pub fn config_schema() -> Vec<ConfigKey> {
    let defaults = Config::default();
    let strings = |list: &[String]| json!(list);
    vec![
        ConfigKey {
            key: "extends",
            value_type: ValueType::Preset,
            default: json!("recommended"),
            title: "Preset",
            description: "The preset the rule severities start from.",
            group: KeyGroup::Rules,
        },
        ConfigKey {
            key: "rules",
            value_type: ValueType::Rules,
            default: json!({}),
            title: "Rules",
            description: "Severities (and options) of single rules, over the preset.",
            group: KeyGroup::Rules,
        },
        ConfigKey {
            key: "migrationsDir",
            value_type: ValueType::Path,
            default: Value::Null,
            title: "Migrations folder",
            description: "The migrations folder, relative to the project root (default: `supabase/migrations`, else the first `apps/*/supabase/migrations`).",
            group: KeyGroup::Project,
        },
        ConfigKey {
            key: "exposedSchemas",
            value_type: ValueType::StringList,
            default: strings(&defaults.exposed_schemas),
            title: "Exposed schemas",
            description: "Schemas the Data API serves; tables, views and functions in them need RLS and grants.",
            group: KeyGroup::Project,
        },
        ConfigKey {
            key: "adminFunction",
            value_type: ValueType::FunctionOrNull,
            default: json!(defaults.admin_function),
            title: "Admin function",
            description: "The super-admin check policies should call; a call of it always counts as a caller check.",
            group: KeyGroup::Project,
        },
        ConfigKey {
            key: "authorizationFunctions",
            value_type: ValueType::StringList,
            default: strings(&defaults.authorization_functions),
            title: "Authorization functions",
            description: "Calls that count as an authorization check in `SECURITY DEFINER` functions.",
            group: KeyGroup::Project,
        },
        ConfigKey {
            key: "revokeRoles",
            value_type: ValueType::StringList,
            default: strings(&defaults.revoke_roles),
            title: "Revoke roles",
            description: "Roles whose default privileges a new table must `REVOKE ALL` from before granting back what the API needs.",
            group: KeyGroup::Project,
        },
        ConfigKey {
            key: "seedTables",
            value_type: ValueType::StringList,
            default: strings(&defaults.seed_tables),
            title: "Seed tables",
            description: "Tables whose `INSERT`s need `ON CONFLICT`, like `storage.buckets`.",
            group: KeyGroup::Project,
        },
        ConfigKey {
            key: "storageBucketsFile",
            value_type: ValueType::Path,
            default: Value::Null,
            title: "Storage buckets file",
            description: "The TypeScript file whose `StorageBuckets` constant lists the bucket ids the application registers; `registeredBuckets` wins.",
            group: KeyGroup::Project,
        },
        ConfigKey {
            key: "registeredBuckets",
            value_type: ValueType::StringListOrNull,
            default: json!(defaults.registered_buckets),
            title: "Registered buckets",
            description: "Storage bucket ids the application registers; `null` leaves `storage-bucket-registered` inactive.",
            group: KeyGroup::Project,
        },
        ConfigKey {
            key: "versionSuffixWords",
            value_type: ValueType::StringList,
            default: strings(&defaults.version_suffix_words),
            title: "Version suffix words",
            description: "Words a migration's description may not end with.",
            group: KeyGroup::Project,
        },
        ConfigKey {
            key: "frozenBefore",
            value_type: ValueType::VersionOrNull,
            default: json!(defaults.frozen_before),
            title: "Frozen before",
            description: "A 14-digit migration version: that migration and older ones already ran, so `--fix` leaves them alone.",
            group: KeyGroup::Project,
        },
        ConfigKey {
            key: "$schema",
            value_type: ValueType::Any,
            default: Value::Null,
            title: "JSON Schema",
            description: "The JSON Schema an editor checks the file against.",
            group: KeyGroup::Ignored,
        },
        ConfigKey {
            key: "ignores",
            value_type: ValueType::Any,
            default: Value::Null,
            title: "Ignores",
            description: "Kept for configurations shared with other tools; supalint does not read it.",
            group: KeyGroup::Ignored,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::NoRules;

    #[test]
    fn every_key_with_its_default_is_a_valid_configuration() {
        for key in config_schema() {
            let value = match (&key.default, key.value_type) {
                (Value::Null, ValueType::Path) => json!("somewhere"),
                (default, _) => default.clone(),
            };
            let (_, errors) = Config::from_json(&json!({ key.key: value }), &NoRules);
            assert!(errors.is_empty(), "{}: {errors:?}", key.key);
        }
    }

    #[test]
    fn the_defaults_are_the_engines() {
        let keys = config_schema();
        let default_of = |name: &str| {
            keys.iter()
                .find(|key| key.key == name)
                .map(|key| key.default.clone())
        };
        assert_eq!(
            default_of("revokeRoles"),
            Some(json!(["authenticated", "service_role"]))
        );
        assert_eq!(
            default_of("adminFunction"),
            Some(json!("public.is_super_admin"))
        );
        assert_eq!(default_of("extends"), Some(json!("recommended")));
    }

    #[test]
    fn a_key_outside_the_schema_is_unknown() {
        let (_, errors) = Config::from_json(&json!({ "exposedSchema": ["public"] }), &NoRules);
        assert_eq!(errors.len(), 1);
        assert!(config_schema().iter().all(|key| key.key != "exposedSchema"));
    }
}
