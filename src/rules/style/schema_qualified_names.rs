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
    /// The fix writes the schema before the name: for an existing object, the one schema the
    /// history created it in; otherwise the first schema of a `SET search_path` earlier in
    /// the file, or `public`, which is where the Supabase CLI's session puts and finds it.
    /// After `SET search_path = ''` there is no such schema and no fix.
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
            for (kind, name, is_reference) in targets(statement) {
                if name.schema.is_some() {
                    continue;
                }
                // An existing object the history created in one schema is meant there.
                let created_in = is_reference
                    .then(|| schema_created_in(ctx, kind, &name.name))
                    .flatten();
                let schema = created_in.or_else(|| default_schema.clone());
                let kind = capitalize(&kind.noun());
                let written = name.span.text(ctx.text()).to_string();
                match schema {
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

/// The names a statement creates, alters or drops, or the table it attaches something to;
/// `true` marks a reference to an object that already exists.
fn targets(statement: &Statement) -> Vec<(ObjectKind, &ObjectName, bool)> {
    let with = |kind: ObjectKind, is_reference: bool| move |n| (kind, n, is_reference);
    match &statement.kind {
        StatementKind::Create(create) if !create.is_temporary => match &create.detail {
            CreateDetail::Index(index) => index
                .table
                .iter()
                .map(with(ObjectKind::Table, true))
                .collect(),
            CreateDetail::Trigger(trigger) => trigger
                .table
                .iter()
                .map(with(ObjectKind::Table, true))
                .collect(),
            CreateDetail::Policy(policy) => policy
                .table
                .iter()
                .map(with(ObjectKind::Table, true))
                .collect(),
            _ if QUALIFIABLE.contains(&create.object) => {
                create.name.iter().map(with(create.object, false)).collect()
            }
            _ => Vec::new(),
        },
        StatementKind::AlterTable(alter) => alter
            .table
            .iter()
            .map(with(ObjectKind::Table, true))
            .collect(),
        StatementKind::AlterType(alter) => alter
            .name
            .iter()
            .map(with(ObjectKind::Type, true))
            .collect(),
        StatementKind::AlterFunction(alter) => alter
            .name
            .iter()
            .map(with(ObjectKind::Function, true))
            .collect(),
        StatementKind::AlterDomain(alter) => alter
            .name
            .iter()
            .map(with(ObjectKind::Domain, true))
            .collect(),
        StatementKind::AlterOther { object, name } if QUALIFIABLE.contains(object) => {
            name.iter().map(with(*object, true)).collect()
        }
        StatementKind::Drop(drop) => match drop.object {
            ObjectKind::Trigger | ObjectKind::Policy => drop
                .on_table
                .iter()
                .map(with(ObjectKind::Table, true))
                .collect(),
            object if QUALIFIABLE.contains(&object) => {
                drop.names.iter().map(with(object, true)).collect()
            }
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// Object kinds that share a namespace: a table and a view cannot have the same name.
fn namespace(kind: ObjectKind) -> u8 {
    match kind {
        ObjectKind::Function | ObjectKind::Procedure => 1,
        ObjectKind::Type | ObjectKind::Domain => 2,
        _ => 0,
    }
}

/// The one schema the history (up to this file) creates an object named `name` of this kind
/// in with a qualified name, when there is exactly one.
fn schema_created_in(ctx: &RuleContext, kind: ObjectKind, name: &str) -> Option<String> {
    let mut schemas: Vec<&str> = ctx
        .history
        .statements_naming(name)
        .take_while(|(file, _)| *file <= ctx.file_index)
        .filter_map(|(_, statement)| match &statement.kind {
            StatementKind::Create(create)
                if QUALIFIABLE.contains(&create.object)
                    && namespace(create.object) == namespace(kind) =>
            {
                create
                    .name
                    .as_ref()
                    .filter(|created| created.name == name)
                    .and_then(|created| created.schema.as_deref())
            }
            _ => None,
        })
        .collect();
    schemas.sort_unstable();
    schemas.dedup();
    match schemas.as_slice() {
        [schema] => Some(schema.to_string()),
        _ => None,
    }
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
