//! Facts the safety rules read: updates, indexes, constraints, maintenance statements.

use super::tests::kind_of;
use super::*;
use crate::source::tokenize;

#[test]
fn update_lists_every_assigned_column() {
    let StatementKind::Update(update) =
        kind_of("update public.t as x set a = 1, (b, c) = (2, 3), d.f = 4, e[1] = 5 where a = 0")
    else {
        panic!("not an update");
    };
    let columns: Vec<(&str, bool)> = update
        .assignments
        .iter()
        .map(|a| (a.column.as_str(), a.is_partial))
        .collect();
    assert_eq!(
        columns,
        vec![
            ("a", false),
            ("b", false),
            ("c", false),
            ("d", true),
            ("e", true)
        ]
    );
    assert_eq!(update.table.map(|t| t.qualified()), Some("public.t".into()));
}

#[test]
fn update_stops_at_from_and_returning() {
    let StatementKind::Update(update) =
        kind_of("update t set a = extract(year from now()) from s returning a, a")
    else {
        panic!("not an update");
    };
    assert_eq!(update.assignments.len(), 1);
}

#[test]
fn update_keeps_assigned_values_and_the_where_condition() {
    let sql = "update storage.buckets set public = (false), file_size_limit = 1024 * 1024, \
               (a, b) = (1, 2) from s where id = 'avatars' and s.x = (select 1 where true) \
               returning id";
    let tokens: Vec<Token> = tokenize(sql, 0)
        .into_iter()
        .filter(|t| !t.is_trivia())
        .collect();
    let StatementKind::Update(update) = parse_statement(sql, &tokens) else {
        panic!("not an update");
    };
    let text = |range: Range<usize>| {
        let first = tokens[range.start].span();
        first
            .cover(tokens[range.end - 1].span())
            .text(sql)
            .to_string()
    };
    let values: Vec<Option<String>> = update
        .assignments
        .iter()
        .map(|a| a.value.as_ref().map(|value| text(value.tokens.clone())))
        .collect();
    assert_eq!(
        values,
        vec![
            Some("(false)".into()),
            Some("1024 * 1024".into()),
            None,
            None
        ]
    );
    let condition = update.where_clause.expect("a WHERE condition");
    assert_eq!(
        text(condition.tokens),
        "id = 'avatars' and s.x = (select 1 where true)"
    );
    assert_eq!(
        condition.expr.span.text(sql),
        "id = 'avatars' and s.x = (select 1 where true)"
    );
    let StatementKind::Update(update) = kind_of("update t set a = 1") else {
        panic!("not an update");
    };
    assert!(update.where_clause.is_none());
}

#[test]
fn constraint_columns_and_not_null_checks() {
    let StatementKind::AlterTable(alter) = kind_of(
        "alter table t add constraint p primary key (id, \"Other\"), add constraint c check (a is not null and b is not null) not valid, add check (a is not null or b > 1)",
    ) else {
        panic!("not an alter table");
    };
    let constraints: Vec<&ConstraintDef> = alter
        .actions
        .iter()
        .filter_map(|a| match &a.kind {
            AlterTableActionKind::AddConstraint(c) => Some(c),
            _ => None,
        })
        .collect();
    assert_eq!(constraints[0].columns, vec!["id", "Other"]);
    assert_eq!(constraints[1].not_null_columns, vec!["a", "b"]);
    assert!(constraints[1].is_not_valid);
    assert!(constraints[2].not_null_columns.is_empty());
}

#[test]
fn foreign_key_keeps_its_references() {
    let StatementKind::AlterTable(alter) =
        kind_of("alter table t add foreign key (a) references public.u (id)")
    else {
        panic!("not an alter table");
    };
    let AlterTableActionKind::AddConstraint(fk) = &alter.actions[0].kind else {
        panic!("not a constraint");
    };
    assert_eq!(fk.columns, vec!["a"]);
    assert_eq!(
        fk.references.as_ref().map(|r| r.qualified()),
        Some("public.u".into())
    );
}

#[test]
fn maintenance_statements() {
    assert!(matches!(
        kind_of("reindex (verbose, concurrently) table t"),
        StatementKind::Reindex(Reindex {
            is_concurrently: true,
            ..
        })
    ));
    assert!(matches!(
        kind_of("reindex index concurrently i"),
        StatementKind::Reindex(Reindex {
            is_concurrently: true,
            ..
        })
    ));
    assert!(matches!(
        kind_of("reindex (concurrently false) index i"),
        StatementKind::Reindex(Reindex {
            is_concurrently: false,
            ..
        })
    ));
    assert!(matches!(
        kind_of("vacuum (full, analyze) t"),
        StatementKind::Vacuum(Vacuum { is_full: true, .. })
    ));
    assert!(matches!(
        kind_of("vacuum full verbose t"),
        StatementKind::Vacuum(Vacuum { is_full: true, .. })
    ));
    assert!(matches!(
        kind_of("vacuum analyze t"),
        StatementKind::Vacuum(Vacuum { is_full: false, .. })
    ));
    let StatementKind::Cluster(cluster) = kind_of("cluster verbose i on public.t") else {
        panic!("not a cluster");
    };
    assert_eq!(
        cluster.table.map(|t| t.qualified()),
        Some("public.t".into())
    );
}

#[test]
fn alter_domain_add_constraint() {
    assert!(matches!(
        kind_of("alter domain d add constraint c check (value > 0)"),
        StatementKind::AlterDomain(AlterDomain {
            add_constraint: Some(_),
            ..
        })
    ));
    assert!(matches!(
        kind_of("alter domain d set default 1"),
        StatementKind::AlterDomain(AlterDomain {
            add_constraint: None,
            ..
        })
    ));
}

#[test]
fn temporary_tables_are_marked() {
    let StatementKind::Create(create) = kind_of("create temp table t (a int)") else {
        panic!("not a create");
    };
    assert!(create.is_temporary);
    assert_eq!(create.object, ObjectKind::Table);
}
