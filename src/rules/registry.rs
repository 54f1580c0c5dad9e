//! The registered rules as the configuration reads them.

use crate::config::{ConfigurableRule, KnownRules};

use super::{all, did_you_mean, find, RuleMeta};

/// Every registered rule, for [`Config::from_json`](crate::config::Config::from_json): the
/// configuration comes before the rules in the pipeline, so whoever reads one hands it these.
pub struct Registry;

fn configurable(meta: &'static RuleMeta) -> ConfigurableRule {
    ConfigurableRule {
        id: meta.id,
        default_severity: meta.severity,
        options: meta.options,
    }
}

impl KnownRules for Registry {
    fn all(&self) -> impl Iterator<Item = ConfigurableRule> {
        all().iter().map(|rule| configurable(rule.meta()))
    }

    fn find(&self, id: &str) -> Option<ConfigurableRule> {
        find(id).map(|rule| configurable(rule.meta()))
    }

    fn did_you_mean(&self, id: &str) -> Option<&'static str> {
        did_you_mean(id)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;
    use crate::config::{Config, ConfigError};
    use crate::diagnostic::Severity;

    fn read(value: &Value) -> (Config, Vec<ConfigError>) {
        Config::from_json(value, &Registry)
    }

    #[test]
    fn unknown_rule_suggests_the_closest() {
        let (_, errors) = read(&json!({ "rules": { "require-if-not-exist": "off" } }));
        assert_eq!(errors[0].key, "rules.require-if-not-exist");
        assert!(errors[0]
            .message
            .contains("did you mean `require-if-not-exists`"));
    }

    #[test]
    fn severity_override_applies() {
        let (config, errors) = read(&json!({ "rules": { "require-if-not-exists": ["warn"] } }));
        assert!(errors.is_empty());
        assert_eq!(config.severity("require-if-not-exists"), Severity::Warn);
    }

    #[test]
    fn unknown_rule_options_are_named() {
        let (_, errors) = read(
            &json!({ "rules": { "rls-enabled": ["error", { "exposedSchemas": ["api"], "typo": 1 }] } }),
        );
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`rules.rls-enabled` has no option `exposedSchemas`: rules take no options of their own; this one reads `exposedSchemas` from the top level of the configuration",
                "`rules.rls-enabled` has no option `typo`: rules take no options of their own; this one reads `exposedSchemas` from the top level of the configuration",
            ]
        );
        assert!(errors.iter().all(|e| e.key == "rules.rls-enabled"));
        let (_, errors) = read(&json!({ "rules": { "rls-enabled": ["error", {}] } }));
        assert!(errors.is_empty(), "{errors:?}");
        let (_, errors) = read(&json!({ "rules": { "rls-enabled": ["error", {}, "extra"] } }));
        assert_eq!(
            errors[0].message,
            "`rules.rls-enabled` takes a severity and at most an options object, not 3 items"
        );
    }
}
