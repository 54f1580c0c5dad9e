use crate::declare_rule;
use crate::diagnostic::Edit;
use crate::facts::{CreateDetail, ObjectKind, ObjectName, Statement, StatementKind};
use crate::rules::support::names::{Catalog, Resolution};
use crate::rules::support::text::{capitalize, quote_identifier};
use crate::rules::{Findings, Rule, RuleContext};

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
    /// The fix writes the schema PostgreSQL uses at that point of the history, so the
    /// statement keeps doing what it did: for a `CREATE`, the first schema of the
    /// `search_path` that exists (the path a `SET search_path` earlier in the file gave, else
    /// PostgreSQL's default `"$user", public`, where `$user` is a `postgres` schema that a
    /// Supabase database does not have); for a reference to an existing object, the first
    /// schema on that path holding the name among the objects earlier statements created and
    /// did not drop. When that is uncertain there is no fix: the name is nowhere on the path, a
    /// schema before the one holding it may hold the same name (Supabase's own schemas, one an
    /// extension was installed in, one no migration creates), the path was changed in a `DO`
    /// block or by `set_config`, or a `DO` block runs dynamic SQL. After
    /// `SET search_path = ''` there is no schema at all.
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
            unqualified: {
                message: "{kind} `{name}` is named without its schema, so it depends on the session's `search_path`.",
                help: "Write `{schema}.{name}`.",
            },
            unqualifiedNoSchema: {
                message: "{kind} `{name}` is named without its schema while `search_path` is empty.",
                help: "Write it as `schema.{name}`.",
            },
            unqualifiedUnresolved: {
                message: "{kind} `{name}` is named without its schema, and the migrations do not show which one.",
                help: "Write it as `schema.{name}`.",
            },
        },
    }
}

impl Rule for SchemaQualifiedNames {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let statements = ctx.statements();
        let is_unqualified = |s: &Statement| targets(s).iter().any(|(_, n, _)| n.schema.is_none());
        if !statements.iter().any(is_unqualified) {
            return;
        }
        // Where names resolve depends on every earlier statement: the replay of the files
        // before this one (kept from file to file), then this one as it goes.
        ctx.with_names_before_file(|names| {
            for statement in statements {
                for (kind, name, is_reference) in targets(statement) {
                    if name.schema.is_some() {
                        continue;
                    }
                    let resolution = match Catalog::of(kind) {
                        Some(catalog) if is_reference => names.resolve(catalog, &name.name),
                        _ => names.creation_schema(),
                    };
                    let kind = capitalize(&kind.noun());
                    let written = name.span.text(ctx.text()).to_string();
                    match resolution {
                        Resolution::Schema(schema) => {
                            let schema = quote_identifier(&schema);
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
                        Resolution::EmptyPath => {
                            findings.report(
                                "unqualifiedNoSchema",
                                name.span,
                                vec![("kind", kind), ("name", written)],
                            );
                        }
                        Resolution::Unknown => {
                            findings.report(
                                "unqualifiedUnresolved",
                                name.span,
                                vec![("kind", kind), ("name", written)],
                            );
                        }
                    }
                }
                names.record(statement, ctx.text());
            }
        });
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
