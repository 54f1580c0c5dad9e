//! Which statements take a lock that makes other sessions wait.

use crate::facts::{CreateDetail, ObjectKind, Statement, StatementKind};
use crate::rules::support::new_tables::is_created_earlier_in_file;
use crate::rules::RuleContext;

/// Whether `statement` locks an existing table against other sessions' reads or writes:
/// `ALTER TABLE`, a plain `CREATE INDEX`, `CREATE TRIGGER`/`POLICY`, `DROP`, `TRUNCATE`,
/// `REINDEX`, `VACUUM FULL`, `CLUSTER`, `ALTER DOMAIN … ADD`. Tables created earlier in the
/// file are nobody else's yet.
pub fn blocks_other_sessions(ctx: &RuleContext, statement: &Statement) -> bool {
    let is_existing = |table: Option<&crate::facts::ObjectName>| {
        table.is_none_or(|table| !is_created_earlier_in_file(ctx, table, statement.index))
    };
    match &statement.kind {
        StatementKind::AlterTable(alter) => is_existing(alter.table.as_ref()),
        StatementKind::Create(create) => match &create.detail {
            CreateDetail::Index(index) => {
                !index.is_concurrently && is_existing(index.table.as_ref())
            }
            CreateDetail::Trigger(trigger) => is_existing(trigger.table.as_ref()),
            CreateDetail::Policy(policy) => is_existing(policy.table.as_ref()),
            _ => false,
        },
        StatementKind::Drop(drop) => match drop.object {
            ObjectKind::Table | ObjectKind::View | ObjectKind::MaterializedView => {
                drop.names.iter().any(|name| is_existing(Some(name)))
            }
            ObjectKind::Index => !drop.is_concurrently,
            ObjectKind::Trigger | ObjectKind::Policy => is_existing(drop.on_table.as_ref()),
            _ => false,
        },
        StatementKind::Truncate(truncate) => truncate.tables.iter().any(|t| is_existing(Some(t))),
        StatementKind::Reindex(reindex) => !reindex.is_concurrently,
        StatementKind::Vacuum(vacuum) => vacuum.is_full,
        StatementKind::Cluster(_) => true,
        StatementKind::AlterDomain(domain) => domain.add_constraint.is_some(),
        _ => false,
    }
}

/// The object a locking statement locks, as messages name it.
pub fn locked_object(statement: &Statement) -> String {
    use super::display::{display, display_reindex_target};
    match &statement.kind {
        StatementKind::AlterTable(alter) => display(alter.table.as_ref()),
        StatementKind::Create(create) => match &create.detail {
            CreateDetail::Index(index) => display(index.table.as_ref()),
            CreateDetail::Trigger(trigger) => display(trigger.table.as_ref()),
            CreateDetail::Policy(policy) => display(policy.table.as_ref()),
            _ => display(create.name.as_ref()),
        },
        StatementKind::Drop(drop) => match drop.object {
            ObjectKind::Trigger | ObjectKind::Policy => display(drop.on_table.as_ref()),
            _ => display(drop.names.first()),
        },
        StatementKind::Truncate(truncate) => display(truncate.tables.first()),
        StatementKind::Reindex(reindex) => {
            display_reindex_target(reindex).unwrap_or_else(|| "?".to_string())
        }
        StatementKind::Vacuum(vacuum) => display(vacuum.tables.first()),
        StatementKind::Cluster(cluster) => display(cluster.table.as_ref()),
        StatementKind::AlterDomain(domain) => display(domain.name.as_ref()),
        _ => "?".to_string(),
    }
}
