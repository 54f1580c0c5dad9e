use crate::declare_rule;
use crate::diagnostic::Edit;
use crate::rules::support::access::{first_keyword, is_exposed};
use crate::rules::support::function::function_statements;
use crate::rules::support::text::keyword_case;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Requires functions in exposed schemas to set `search_path`.
    ///
    /// ## What it does
    /// Flags a function or procedure (not `SECURITY DEFINER`: those have their own rule)
    /// in an exposed schema without `SET search_path`, unless a later
    /// `ALTER FUNCTION … SET search_path` in the history sets it.
    /// Only the definition the database keeps is checked: one a later `CREATE OR REPLACE`
    /// replaces, or a function dropped later, is not flagged.
    ///
    /// ## Why is this bad?
    /// Without its own `search_path` a function resolves unqualified names through the
    /// caller's path, so the same call reads different tables depending on who makes it,
    /// and an object created in a schema earlier on the path silently takes over. Trigger
    /// and policy helpers then misbehave in ways no test of the function alone shows.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create or replace function public.note_count() returns bigint
    ///   language sql stable
    ///   as $$ select count(*) from public.notes $$;
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create or replace function public.note_count() returns bigint
    ///   language sql stable set search_path = ''
    ///   as $$ select count(*) from public.notes $$;
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: with an empty `search_path` every unqualified table and function
    /// name in the body stops resolving. An editor suggestion inserts
    /// `SET search_path = ''`; schema-qualify the body's names before applying it.
    ///
    /// ## Options
    /// - `exposedSchemas`: the schemas the Data API serves.
    ///
    /// ## References
    /// - [PostgreSQL: CREATE FUNCTION, SET](https://www.postgresql.org/docs/current/sql-createfunction.html)
    /// - Supabase database linter: `0011_function_search_path_mutable`
    pub FunctionSearchPath {
        id: "function-search-path",
        category: Access,
        severity: Warn,
        fix: Suggestion,
        options: ["exposedSchemas"],
        sources: ["splinter:0011_function_search_path_mutable"],
        messages: {
            missingSearchPath: {
                message: "{Kind} `{function}` does not set `search_path`.",
                help: "Add `SET search_path = ''` and schema-qualify the names in the body.",
            },
            addEmptySearchPath: {
                message: "Add `SET search_path = ''`.",
                help: "",
            },
        },
    }
}

impl Rule for FunctionSearchPath {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for function in function_statements(ctx) {
            if !function.is_current()
                || function.is_security_definer()
                || function.is_native()
                || function.search_path().is_some()
                || !is_exposed(ctx.config, &function.record.name.schema)
            {
                continue;
            }
            let noun = function.noun();
            let kind = noun[..1].to_uppercase() + &noun[1..];
            let case = first_keyword(ctx, function.statement);
            let clause = format!("{} search_path = '' ", keyword_case(case, "set"));
            findings
                .report(
                    "missingSearchPath",
                    function.name.span,
                    vec![("Kind", kind), ("function", function.display())],
                )
                .suggest(
                    "addEmptySearchPath",
                    "Add `SET search_path = ''`.",
                    Edit::insert(function.def.options_insert_at, clause),
                );
        }
    }
}
