use crate::declare_rule;
use crate::diagnostic::{Edit, Severity};
use crate::rules::support::access::first_keyword;
use crate::rules::support::function::{function_statements, is_locked_search_path};
use crate::rules::support::text::keyword_case;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Requires `SECURITY DEFINER` functions to pin `search_path`, to an empty one.
    ///
    /// ## What it does
    /// Flags a `SECURITY DEFINER` function or procedure without `SET search_path` (an
    /// error), and one whose `search_path` names a schema other than `pg_catalog` and
    /// `pg_temp` (a warning). A later `ALTER FUNCTION … SET search_path` counts; a later
    /// `CREATE OR REPLACE` without the clause resets it, as Postgres does.
    /// Only the definition the database keeps is checked: one a later `CREATE OR REPLACE`
    /// replaces, or a function dropped later, is not flagged.
    ///
    /// ## Why is this bad?
    /// A `SECURITY DEFINER` function runs with its owner's rights but resolves unqualified
    /// names through the caller's `search_path`. A caller who can create a table, function
    /// or operator in a schema on that path makes the function use theirs, and runs code as
    /// the owner (usually `postgres`). A non-empty path still lets anyone who can create
    /// objects in those schemas shadow the names the function uses.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create or replace function public.delete_note(note_id bigint) returns void
    ///   language sql security definer
    ///   as $$ delete from public.notes where id = note_id $$;
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create or replace function public.delete_note(note_id bigint) returns void
    ///   language sql security definer set search_path = ''
    ///   as $$ delete from public.notes where id = note_id $$;
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: with an empty `search_path` every unqualified table and function
    /// name in the body stops resolving. An editor suggestion inserts
    /// `SET search_path = ''`; schema-qualify the body's names before applying it.
    ///
    /// ## References
    /// - [PostgreSQL: Writing SECURITY DEFINER Functions Safely](https://www.postgresql.org/docs/current/sql-createfunction.html#SQL-CREATEFUNCTION-SECURITY)
    /// - Supabase database linter: `0011_function_search_path_mutable`
    pub SecurityDefinerSearchPath {
        id: "security-definer-search-path",
        category: Access,
        severity: Error,
        fix: Suggestion,
        options: [],
        sources: ["splinter:0011_function_search_path_mutable"],
        messages: {
            missingSearchPath: {
                message: "`SECURITY DEFINER` {kind} `{function}` does not set `search_path`.",
                help: "Add `SET search_path = ''` and schema-qualify the names in the body.",
            },
            mutableSearchPath: {
                message: "`SECURITY DEFINER` {kind} `{function}` runs with {path}, which others can shadow.",
                help: "Use `SET search_path = ''` and schema-qualify the names in the body.",
            },
            addEmptySearchPath: {
                message: "Add `SET search_path = ''`.",
                help: "",
            },
        },
    }
}

impl Rule for SecurityDefinerSearchPath {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for function in function_statements(ctx) {
            if !function.is_current() || !function.is_security_definer() {
                continue;
            }
            let data = vec![("kind", function.noun()), ("function", function.display())];
            match function.search_path() {
                None => {
                    let case = first_keyword(ctx, function.statement);
                    let clause = format!("{} search_path = '' ", keyword_case(case, "set"));
                    findings
                        .report("missingSearchPath", function.name.span, data)
                        .suggest(
                            "addEmptySearchPath",
                            "Add `SET search_path = ''`.",
                            Edit::insert(function.def.options_insert_at, clause),
                        );
                }
                Some(path) if !is_locked_search_path(path) => {
                    let mut data = data;
                    let shown = if path == ["from current"] {
                        "`search_path FROM CURRENT` (the path of the session that created it)"
                            .to_string()
                    } else {
                        format!("`search_path = {}`", path.join(", "))
                    };
                    data.push(("path", shown));
                    let span = function
                        .def
                        .search_path_span
                        .filter(|_| function.def.search_path.as_deref() == Some(path))
                        .unwrap_or(function.name.span);
                    findings
                        .report("mutableSearchPath", span, data)
                        .at_most(Severity::Warn);
                }
                Some(_) => {}
            }
        }
    }
}
