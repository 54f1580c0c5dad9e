use crate::declare_rule;
use crate::facts::{CreateDetail, ObjectKind, ObjectName, Statement, StatementKind};
use crate::report::Edit;
use crate::rules::support::text::capitalize;
use crate::rules::{Findings, Rule, RuleContext, RuleMeta};

declare_rule! {
    /// Requires DDL to name its tables, views, functions, types and sequences with their schema.
    ///
    /// ## What it does
    /// Flags an unqualified name (`events` instead of `public.events`) where a statement
    /// creates, alters or drops a table, view, materialized view, sequence, function,
    /// procedure, type or domain, and the table named after `ON` in `CREATE INDEX`,
    /// `CREATE TRIGGER`, `CREATE POLICY`, `DROP TRIGGER` and `DROP POLICY`. Names PostgreSQL
    /// does not let you qualify (indexes, policies, triggers, constraints) and temporary
    /// objects are exempt.
    ///
    /// ## Why is this bad?
    /// An unqualified name resolves through the `search_path` of whatever session applies the
    /// migration: the CLI, the dashboard's SQL editor, a restore with `search_path = ''`, or a
    /// function that set its own. The same file can then create or alter objects in a
    /// different schema than the author meant, or fail. A qualified name means one thing
    /// everywhere and tells the reader which API-exposed schema the object lives in.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create table if not exists events (id bigint generated always as identity primary key);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create table if not exists public.events (id bigint generated always as identity primary key);
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes `public.` before the name, or the first schema of a
    /// `SET search_path` earlier in the file, which is where PostgreSQL resolves the name in
    /// that session. After `SET search_path = ''` there is no such schema and no fix.
    ///
    /// ## References
    /// - [PostgreSQL: The schema search path](https://www.postgresql.org/docs/current/ddl-schemas.html#DDL-SCHEMAS-PATH)
    /// - Squawk: `require-table-schema`
    pub SchemaQualifiedNames {
        id: "schema-qualified-names",
        category: Style,
        severity: Warn,
        fix: Fix,
        options: [],
        sources: ["squawk:require-table-schema"],
        messages: {
            unqualified: "{kind} `{name}` is named without its schema, so it resolves through the `search_path` of whichever session applies the migration; write `{schema}.{name}`.",
            unqualifiedNoSchema: "{kind} `{name}` is named without its schema while `search_path` is empty, so PostgreSQL cannot resolve it; write it as `schema.{name}`.",
        },
    }
}

impl Rule for SchemaQualifiedNames {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let mut default_schema = Some("public".to_string());
        for statement in ctx.statements() {
            if let StatementKind::Set { name, value } = &statement.kind {
                if name == "search_path" {
                    default_schema = first_schema(value);
                }
                continue;
            }
            for (kind, name) in targets(statement) {
                if name.schema.is_some() {
                    continue;
                }
                let kind = capitalize(&kind.noun());
                let written = name.span.text(ctx.text()).to_string();
                match &default_schema {
                    Some(schema) => {
                        findings
                            .report(
                                "unqualified",
                                name.span,
                                vec![
                                    ("kind", kind),
                                    ("name", written),
                                    ("schema", schema.clone()),
                                ],
                            )
                            .fix(Edit::insert(name.span.start, format!("{schema}.")));
                    }
                    None => {
                        findings.report(
                            "unqualifiedNoSchema",
                            name.span,
                            vec![("kind", kind), ("name", written)],
                        );
                    }
                }
            }
        }
    }
}

/// Object kinds whose names take a schema.
const QUALIFIABLE: &[ObjectKind] = &[
    ObjectKind::Table,
    ObjectKind::View,
    ObjectKind::MaterializedView,
    ObjectKind::Sequence,
    ObjectKind::Function,
    ObjectKind::Procedure,
    ObjectKind::Type,
    ObjectKind::Domain,
];

/// The names a statement creates, alters or drops, or the table it attaches something to.
fn targets(statement: &Statement) -> Vec<(ObjectKind, &ObjectName)> {
    let mut targets = Vec::new();
    match &statement.kind {
        StatementKind::Create(create) if !create.is_temporary => match &create.detail {
            CreateDetail::Index(index) => targets.extend(index.table.iter()),
            CreateDetail::Trigger(trigger) => targets.extend(trigger.table.iter()),
            CreateDetail::Policy(policy) => targets.extend(policy.table.iter()),
            _ if QUALIFIABLE.contains(&create.object) => {
                if let Some(name) = &create.name {
                    return vec![(create.object, name)];
                }
            }
            _ => {}
        },
        StatementKind::AlterTable(alter) => targets.extend(alter.table.iter()),
        StatementKind::AlterType(alter) => {
            return alter.name.iter().map(|n| (ObjectKind::Type, n)).collect();
        }
        StatementKind::AlterFunction(alter) => {
            return alter
                .name
                .iter()
                .map(|n| (ObjectKind::Function, n))
                .collect();
        }
        StatementKind::AlterDomain(alter) => {
            return alter.name.iter().map(|n| (ObjectKind::Domain, n)).collect();
        }
        StatementKind::AlterOther { object, name } if QUALIFIABLE.contains(object) => {
            return name.iter().map(|n| (*object, n)).collect();
        }
        StatementKind::Drop(drop) => match drop.object {
            ObjectKind::Trigger | ObjectKind::Policy => targets.extend(drop.on_table.iter()),
            object if QUALIFIABLE.contains(&object) => {
                return drop.names.iter().map(|n| (object, n)).collect();
            }
            _ => {}
        },
        _ => {}
    }
    targets
        .into_iter()
        .map(|n| (ObjectKind::Table, n))
        .collect()
}

/// The schema `SET search_path = value` creates unqualified objects in: its first entry other
/// than `"$user"` (which Supabase projects never have a schema for).
fn first_schema(value: &str) -> Option<String> {
    value
        .split([',', ' '])
        .map(|part| part.trim().trim_matches('"'))
        .find(|part| !part.is_empty() && *part != "$user")
        .map(str::to_string)
}
