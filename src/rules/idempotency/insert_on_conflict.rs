use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use crate::declare_rule;
use crate::diagnostic::Edit;
use crate::facts::{
    string_literal, AlterTableActionKind, ConstraintKind, CreateDetail, Insert, ObjectKind,
    ObjectName, Statement, StatementKind,
};
use crate::rules::support::rewrite::keywords;
use crate::rules::support::text::quote_identifier;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Requires `ON CONFLICT` on inserts into `storage.buckets` and seed tables, so a migration can run twice.
    ///
    /// ## What it does
    /// Flags `INSERT INTO storage.buckets` and inserts into the tables listed in
    /// `seedTables` that have no `ON CONFLICT` clause. An `INSERT … SELECT … WHERE NOT
    /// EXISTS (…)`, an insert after a `DELETE FROM` the same table in the same file, and
    /// statements inside a guarding `DO` block are fine.
    ///
    /// ## Why is this bad?
    /// The second application fails with `duplicate key value violates unique constraint`
    /// (the bucket or seed row is already there), or, on a table without a unique key,
    /// silently inserts the rows a second time.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// insert into storage.buckets (id, name, public)
    /// values ('avatars', 'avatars', false);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// insert into storage.buckets (id, name, public)
    /// values ('avatars', 'avatars', false)
    /// on conflict (id) do nothing;
    /// ```
    ///
    /// ## Fix safety
    /// Safe. The fix appends `ON CONFLICT (id) DO NOTHING` to a bucket insert (`id` is the
    /// primary key of `storage.buckets`). For a seed table it appends `ON CONFLICT (key)
    /// DO NOTHING` when the migrations define the table's primary key or a unique key whose
    /// columns the insert sets, and `ON CONFLICT DO NOTHING` otherwise, which skips a row
    /// that violates any unique constraint (and changes nothing on a table that has none).
    /// An existing row is left as it is, not updated.
    ///
    /// ## Options
    /// - `seedTables` (string array): tables whose inserts must be idempotent too, as
    ///   `schema.table` (a bare name means `public`). Default: none.
    ///
    /// ## References
    /// - [PostgreSQL: INSERT … ON CONFLICT](https://www.postgresql.org/docs/current/sql-insert.html#SQL-ON-CONFLICT)
    /// - [Supabase: Creating buckets](https://supabase.com/docs/guides/storage/buckets/creating-buckets)
    pub InsertOnConflict {
        id: "insert-on-conflict",
        category: Idempotency,
        severity: Error,
        fix: Fix,
        options: ["seedTables"],
        sources: [],
        messages: {
            bucket: {
                message: "Bucket `{bucket}` is inserted without `ON CONFLICT`, so a rerun fails with a duplicate key.",
                help: "Add `ON CONFLICT (id) DO NOTHING`.",
            },
            buckets: {
                message: "Buckets `{bucket}` are inserted without `ON CONFLICT`, so a rerun fails with a duplicate key.",
                help: "Add `ON CONFLICT (id) DO NOTHING`.",
            },
            bucketRows: {
                message: "Rows are inserted into `storage.buckets` without `ON CONFLICT`, so a rerun fails.",
                help: "Add `ON CONFLICT (id) DO NOTHING`.",
            },
            seedRow: {
                message: "Rows are inserted into seed table `{table}` without `ON CONFLICT`, so a rerun fails.",
                help: "Add `{clause}`.",
            },
        },
    }
}

impl Rule for InsertOnConflict {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let text = ctx.text();
        // Tables a `DELETE FROM` has emptied so far: re-inserting into them is safe.
        let mut emptied: HashSet<String> = HashSet::new();
        let mut keys: Option<Rc<TableKeys>> = None;
        for statement in ctx.statements() {
            if let StatementKind::Delete(delete) = &statement.kind {
                if let Some(table) = &delete.table {
                    emptied.insert(table.display());
                }
            }
            let StatementKind::Insert(insert) = &statement.kind else {
                continue;
            };
            if statement.guarded || insert.has_on_conflict || insert.has_not_exists_guard {
                continue;
            }
            let Some(table) = &insert.table else { continue };
            if emptied.contains(&table.display()) {
                continue;
            }
            let span = statement.head_span().cover(table.span);
            if table.is("storage.buckets") {
                let clause = format!(
                    " {} (id) {}",
                    keywords(text, statement, "on conflict"),
                    keywords(text, statement, "do nothing")
                );
                let ids = bucket_ids(text, statement, insert);
                let finding = match ids.len() {
                    0 => findings.report("bucketRows", span, vec![]),
                    1 => findings.report("bucket", span, vec![("bucket", ids.join(""))]),
                    _ => findings.report("buckets", span, vec![("bucket", ids.join("`, `"))]),
                };
                finding.fix(Edit::insert(insert.on_conflict_insert_at, clause));
            } else if ctx.config.seed_tables.iter().any(|seed| table.is(seed)) {
                // Read from the whole history once per run, not once per file.
                let keys = keys.get_or_insert_with(|| ctx.once_per_run(|| TableKeys::new(ctx)));
                let target = keys
                    .conflict_target(table, insert)
                    .map(|columns| {
                        let columns: Vec<String> =
                            columns.iter().map(|c| quote_identifier(c)).collect();
                        format!(" ({})", columns.join(", "))
                    })
                    .unwrap_or_default();
                let clause = format!(
                    " {}{target} {}",
                    keywords(text, statement, "on conflict"),
                    keywords(text, statement, "do nothing")
                );
                findings
                    .report(
                        "seedRow",
                        span,
                        vec![
                            ("table", table.display()),
                            ("clause", format!("ON CONFLICT{target} DO NOTHING")),
                        ],
                    )
                    .fix(Edit::insert(insert.on_conflict_insert_at, clause));
            }
        }
    }
}

/// The bucket ids the insert sets as string literals.
fn bucket_ids(text: &str, statement: &Statement, insert: &Insert) -> Vec<String> {
    let column = insert.columns.iter().position(|c| c == "id").unwrap_or(0);
    insert
        .rows
        .iter()
        .filter_map(|row| row.get(column))
        .filter_map(|value| {
            let token = statement.tokens.get(value.start)?;
            (value.len() == 1)
                .then(|| string_literal(token, text))
                .flatten()
        })
        .collect()
}

/// The primary and unique keys the migrations give each table, by `schema.table`.
struct TableKeys {
    primary: HashMap<String, Vec<Vec<String>>>,
    unique: HashMap<String, Vec<Vec<String>>>,
}

impl TableKeys {
    fn new(ctx: &RuleContext) -> Self {
        let mut keys = TableKeys {
            primary: HashMap::new(),
            unique: HashMap::new(),
        };
        for (_, statement) in ctx.history.statements() {
            match &statement.kind {
                StatementKind::Create(create) if create.object == ObjectKind::Table => {
                    let (Some(name), CreateDetail::Table(def)) = (&create.name, &create.detail)
                    else {
                        continue;
                    };
                    let table = name.display();
                    for column in &def.columns {
                        let key = std::slice::from_ref(&column.name);
                        if column.is_primary_key {
                            keys.add(&table, &ConstraintKind::PrimaryKey, key);
                        } else if column.is_unique {
                            keys.add(&table, &ConstraintKind::Unique, key);
                        }
                    }
                    for constraint in &def.constraints {
                        keys.add(&table, &constraint.kind, &constraint.columns);
                    }
                }
                StatementKind::AlterTable(alter) => {
                    let Some(name) = &alter.table else { continue };
                    let table = name.display();
                    for action in &alter.actions {
                        if let AlterTableActionKind::AddConstraint(constraint) = &action.kind {
                            keys.add(&table, &constraint.kind, &constraint.columns);
                        }
                    }
                }
                _ => {}
            }
        }
        keys
    }

    fn add(&mut self, table: &str, kind: &ConstraintKind, columns: &[String]) {
        let map = match kind {
            ConstraintKind::PrimaryKey => &mut self.primary,
            ConstraintKind::Unique => &mut self.unique,
            _ => return,
        };
        if !columns.is_empty() {
            map.entry(table.to_string())
                .or_default()
                .push(columns.to_vec());
        }
    }

    /// The table's primary key, else a unique key, whose columns the insert sets (all of
    /// them when it names no columns).
    fn conflict_target(&self, table: &ObjectName, insert: &Insert) -> Option<&Vec<String>> {
        let table = table.display();
        let primary = self.primary.get(&table).into_iter().flatten();
        let unique = self.unique.get(&table).into_iter().flatten();
        primary
            .chain(unique)
            .find(|key| insert.columns.is_empty() || key.iter().all(|c| insert.columns.contains(c)))
    }
}
