//! The expression parser on the shapes policies, views and defaults use.

use super::*;
use crate::source::tokenize;

fn parse(text: &str) -> Expr {
    let tokens: Vec<Token> = tokenize(text, 0)
        .into_iter()
        .filter(|t| !t.is_trivia())
        .collect();
    parse_expr(text, &tokens)
}

fn call_names(expr: &Expr) -> Vec<(String, bool)> {
    expr.calls()
        .into_iter()
        .map(|(call, _, scope)| (call.name.qualified(), scope.in_initplan))
        .collect()
}

#[test]
fn a_subquery_after_any_is_a_subquery() {
    for text in [
        "user_id = any (select auth.uid())",
        "user_id = any (select (select auth.uid()))",
        "a = delete (select auth.uid())",
    ] {
        let calls = call_names(&parse(text));
        assert!(
            calls.contains(&("auth.uid".to_string(), true))
                && !calls.contains(&("auth.uid".to_string(), false)),
            "{text}: {calls:?}"
        );
    }
}

#[test]
fn wrapped_auth_uid_is_in_an_initplan_and_bare_is_not() {
    let expr = parse("(select auth.uid()) = user_id or auth.uid() = owner_id");
    assert_eq!(
        call_names(&expr),
        vec![
            ("auth.uid".to_string(), true),
            ("auth.uid".to_string(), false)
        ]
    );
    let ExprKind::Or(branches) = &expr.kind else {
        panic!("expected OR, got {expr:?}");
    };
    assert_eq!(branches.len(), 2);
}

#[test]
fn calls_in_a_subquery_where_clause_are_not_in_an_initplan() {
    let text = "exists (select 1 from public.members m where m.user_id = auth.uid() and m.account_id = account_id)";
    let expr = parse(text);
    let ExprKind::Exists(query) = &expr.kind else {
        panic!("expected EXISTS, got {expr:?}");
    };
    assert_eq!(
        query.from[0].table.as_ref().map(|t| t.qualified()),
        Some("public.members".to_string())
    );
    assert_eq!(query.from[0].alias.as_deref(), Some("m"));
    assert_eq!(call_names(&expr), vec![("auth.uid".to_string(), false)]);
}

#[test]
fn call_spans_are_exact() {
    let text = "owner = auth.uid()";
    let expr = parse(text);
    let (_, span, _) = expr.calls()[0];
    assert_eq!(span.text(text), "auth.uid()");
    assert_eq!(expr.span.text(text), text);
}

#[test]
fn literal_values_read_through_casts_and_parentheses() {
    let bools: Vec<Option<bool>> = ["true", "(FALSE)", "'t'::boolean", "'On'", "'maybe'", "x"]
        .iter()
        .map(|text| parse(text).bool_value())
        .collect();
    assert_eq!(
        bools,
        vec![Some(true), Some(false), Some(true), Some(true), None, None]
    );
    assert!(parse("null::bigint").is_null_literal());
    assert!(!parse("'null'").is_null_literal());
    let empty: Vec<bool> = [
        "'{}'",
        "array[]::text[]",
        "'{ }'::text[]",
        "array['image/png']",
    ]
    .iter()
    .map(|text| parse(text).is_empty_array())
    .collect();
    assert_eq!(empty, vec![true, true, true, false]);
}

#[test]
fn bucket_scope_requires_the_literal_on_every_branch() {
    let scoped = parse(
        "bucket_id = 'avatars' and (select auth.uid())::text = (storage.foldername(name))[1]",
    );
    assert_eq!(
        requires_equality(&scoped, "bucket_id"),
        Some("avatars".into())
    );
    let unscoped = parse("bucket_id = 'avatars' or owner = auth.uid()");
    assert_eq!(requires_equality(&unscoped, "bucket_id"), None);
    let both = parse("(bucket_id = 'a' and x) or ('b' = objects.bucket_id)");
    assert_eq!(
        required_values(&both, "bucket_id"),
        Some(vec!["a".to_string(), "b".to_string()])
    );
    let listed = parse("bucket_id in ('a', 'b'::text)");
    assert_eq!(
        required_values(&listed, "bucket_id"),
        Some(vec!["a".to_string(), "b".to_string()])
    );
    let negated = parse("not (bucket_id = 'a')");
    assert_eq!(requires_equality(&negated, "bucket_id"), None);
    let not_equal = parse("bucket_id <> 'a'");
    assert_eq!(requires_equality(&not_equal, "bucket_id"), None);
}

#[test]
fn precedence_binds_and_tighter_than_or() {
    let expr = parse("a = 1 or b = 2 and c = 3");
    let ExprKind::Or(items) = &expr.kind else {
        panic!("expected OR, got {expr:?}");
    };
    assert!(matches!(items[1].kind, ExprKind::And(_)));
}

#[test]
fn true_literal_is_recognised_through_parentheses() {
    assert!(parse("true").is_true_literal());
    assert!(parse("((true))").is_true_literal());
    assert!(!parse("'true'").is_true_literal());
    assert!(!parse("true and x").is_true_literal());
    assert!(!parse("1 = 1").is_true_literal());
}

#[test]
fn reads_case_casts_in_lists_and_json_operators() {
    let text = "case when auth.jwt() ->> 'role' = 'admin' then true else owner_id::uuid in (select id from t) end";
    let expr = parse(text);
    let ExprKind::Case {
        branches,
        else_result,
        ..
    } = &expr.kind
    else {
        panic!("expected CASE, got {expr:?}");
    };
    assert_eq!(branches.len(), 1);
    assert!(matches!(
        else_result.as_deref().map(|e| &e.kind),
        Some(ExprKind::InSubquery { .. })
    ));
    assert_eq!(expr.span.text(text), text);
}

#[test]
fn is_null_between_and_like_are_operators() {
    let expr = parse("deleted_at is not null and n between 1 and 3 and name not ilike '%x%'");
    let ExprKind::And(items) = &expr.kind else {
        panic!("expected AND, got {expr:?}");
    };
    assert_eq!(items.len(), 3, "{items:?}");
    assert!(matches!(&items[0].kind, ExprKind::Binary { op, .. } if op == "is not"));
    assert!(matches!(items[1].kind, ExprKind::Between { .. }));
    assert!(matches!(&items[2].kind, ExprKind::Binary { op, .. } if op == "not ilike"));
}

#[test]
fn keyword_calls_and_qualified_calls() {
    let expr = parse("current_user = 'x' and public.is_super_admin()");
    let names: Vec<String> = expr
        .calls()
        .into_iter()
        .map(|(c, _, _)| c.name.qualified())
        .collect();
    assert_eq!(names, vec!["current_user", "public.is_super_admin"]);
    assert!(expr.calls()[1].0.is("public.is_super_admin"));
}

#[test]
fn aggregates_windows_and_special_forms_keep_their_calls() {
    let text = "count(distinct x) filter (where auth.uid() = y) > 0 and extract(epoch from now()) > 0 and position('a' in b) > 0";
    let expr = parse(text);
    let names: Vec<String> = expr
        .calls()
        .into_iter()
        .map(|(c, _, _)| c.name.qualified())
        .collect();
    assert!(names.contains(&"auth.uid".to_string()), "{names:?}");
    assert!(names.contains(&"now".to_string()), "{names:?}");
    assert!(names.contains(&"position".to_string()), "{names:?}");
}

#[test]
fn unreadable_tokens_become_opaque_but_keep_calls() {
    let expr = parse("a = ) b auth.uid() ,, (");
    assert!(matches!(expr.kind, ExprKind::Opaque(_)));
    assert!(call_names(&expr).contains(&("auth.uid".to_string(), false)));
}

#[test]
fn ten_thousand_nested_parentheses_do_not_overflow() {
    let text = format!("{}auth.uid(){}", "(".repeat(10_000), ")".repeat(10_000));
    let expr = parse(&text);
    assert_eq!(expr.span.text(&text), text);
    let unbalanced = "(".repeat(10_000);
    parse(&unbalanced);
}

#[test]
fn long_chains_stay_bounded() {
    let nots = format!("{}true", "not ".repeat(10_000));
    parse(&nots);
    let sums = vec!["a"; 10_000].join(" + ");
    let expr = parse(&sums);
    let mut max_depth = 0;
    fn depth(expr: &Expr, at: usize, max: &mut usize) {
        *max = (*max).max(at);
        if let ExprKind::Binary { left, right, .. } = &expr.kind {
            depth(left, at + 1, max);
            depth(right, at + 1, max);
        }
        if let ExprKind::Opaque(items) = &expr.kind {
            for item in items {
                depth(item, at + 1, max);
            }
        }
    }
    depth(&expr, 0, &mut max_depth);
    assert!(max_depth <= MAX_DEPTH + 2, "depth {max_depth}");
    let ors = vec!["a = 1"; 10_000].join(" or ");
    let ExprKind::Or(items) = parse(&ors).kind else {
        panic!("expected OR");
    };
    assert_eq!(items.len(), 10_000);
    let cases = format!(
        "{}1{}",
        "case when x then ".repeat(5_000),
        " end".repeat(5_000)
    );
    parse(&cases);
    let subqueries = format!("{}1{}", "(select ".repeat(5_000), ")".repeat(5_000));
    parse(&subqueries);
}

#[test]
fn arbitrary_bytes_never_panic() {
    let samples = [
        "",
        "(",
        ")",
        "::",
        "a::",
        "case",
        "case when",
        "in (",
        "not",
        "exists (",
        "select",
        "(select from where)",
        "x[",
        "array[",
        "cast(",
        "cast(x as",
        "'",
        "a between",
        "a is",
        "a is not distinct",
        "$$",
        "e'\\'",
        "a.",
        "a.*.b(",
        "over",
        "count(*) over",
        "filter (",
        "(with x as (select 1) select * from x)",
        "(values (1), (2))",
        "(select 1 union select auth.uid())",
    ];
    for sample in samples {
        parse(sample);
    }
}
