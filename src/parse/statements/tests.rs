//! Statement reading: constraints, columns, functions, policies, grants.

use super::*;
use crate::source::tokenize;

/// What `sql` (one statement) does.
pub(super) fn kind_of(sql: &str) -> StatementKind {
    let tokens: Vec<Token> = tokenize(sql, 0)
        .into_iter()
        .filter(|t| !t.is_trivia() && !t.is_punct(sql, ";"))
        .collect();
    parse_statement(sql, &tokens)
}

fn added_constraint(sql: &str) -> ConstraintDef {
    match kind_of(sql) {
        StatementKind::AlterTable(alter) => match alter.actions.into_iter().next() {
            Some(AlterTableAction {
                kind: AlterTableActionKind::AddConstraint(constraint),
                ..
            }) => constraint,
            other => panic!("not an added constraint: {other:?}"),
        },
        other => panic!("not ALTER TABLE: {other:?}"),
    }
}

#[test]
fn key_constraints_list_their_columns() {
    let pk = added_constraint("alter table t add constraint t_pk primary key (a, \"B\")");
    assert_eq!(pk.kind, ConstraintKind::PrimaryKey);
    assert_eq!(pk.columns, vec!["a".to_string(), "B".to_string()]);
    let unique = added_constraint("alter table t add unique nulls not distinct (slug)");
    assert_eq!(unique.columns, vec!["slug".to_string()]);
    let check = added_constraint("alter table t add constraint c check (a > 0)");
    assert!(check.columns.is_empty());
}

#[test]
fn table_constraints_list_their_columns() {
    let StatementKind::Create(create) =
        kind_of("create table t (a int, b int, unique (a, b), primary key (a))")
    else {
        panic!("not CREATE");
    };
    let CreateDetail::Table(table) = create.detail else {
        panic!("not a table");
    };
    let keys: Vec<_> = table
        .constraints
        .iter()
        .map(|c| c.columns.clone())
        .collect();
    assert_eq!(
        keys,
        vec![
            vec!["a".to_string(), "b".to_string()],
            vec!["a".to_string()]
        ]
    );
}

#[test]
fn alter_type_rename_names_the_new_type() {
    let StatementKind::AlterType(alter) = kind_of("alter type public.status rename to status__old")
    else {
        panic!("not ALTER TYPE");
    };
    assert_eq!(alter.rename_to.as_deref(), Some("status__old"));
    assert!(alter.add_value.is_none());
}

#[test]
fn delete_names_its_table() {
    let StatementKind::Delete(delete) =
        kind_of("delete from only storage.buckets where id = 'avatars'")
    else {
        panic!("not DELETE");
    };
    assert!(delete.table.is_some_and(|t| t.is("storage.buckets")));
    assert!(delete.has_where);
    let StatementKind::Delete(delete) = kind_of("DELETE FROM public.plans") else {
        panic!("not DELETE");
    };
    assert!(!delete.has_where);
}

#[test]
fn insert_select_where_not_exists_is_a_guard() {
    let StatementKind::Insert(insert) = kind_of(
        "insert into storage.buckets (id, name) select 'a', 'a' \
         where not exists (select 1 from storage.buckets where id = 'a')",
    ) else {
        panic!("not INSERT");
    };
    assert!(insert.has_not_exists_guard);
    assert!(!insert.has_on_conflict);
    let StatementKind::Insert(insert) =
        kind_of("insert into storage.buckets (id, name) values ('a', 'a')")
    else {
        panic!("not INSERT");
    };
    assert!(!insert.has_not_exists_guard);
}
