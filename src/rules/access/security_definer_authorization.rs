use crate::declare_rule;
use crate::facts::body::ReferenceKind;
use crate::history::{Database, FunctionRecord, QualifiedName};
use crate::rules::support::access::is_exposed;
use crate::rules::support::function::function_statements;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Requires callable `SECURITY DEFINER` functions to check who is calling.
    ///
    /// ## What it does
    /// Flags a `SECURITY DEFINER` function (not a trigger function) in an exposed schema
    /// that `anon` or `authenticated` can execute, when its body never calls `auth.uid()`,
    /// `auth.jwt()`, `adminFunction` or one of `authorizationFunctions` (whether or not the
    /// history creates them), directly or through functions of
    /// the history it calls (three levels deep), and never reads the caller's identity
    /// otherwise (`current_user`, `current_setting('role')`, `current_setting('request.jwt…')`).
    /// Only the definition the database keeps is checked: one a later `CREATE OR REPLACE`
    /// replaces, or a function dropped later, is not flagged.
    ///
    /// ## Why is this bad?
    /// A `SECURITY DEFINER` function runs with its owner's rights and skips row-level
    /// security. Exposed through the Data API as an RPC, it does whatever its arguments say
    /// for any caller: `delete_note(42)` deletes someone else's note unless the body checks
    /// that the caller may.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create or replace function public.delete_note(note_id bigint) returns void
    ///   language sql security definer set search_path = ''
    ///   as $$ delete from public.notes where id = note_id $$;
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create or replace function public.delete_note(note_id bigint) returns void
    ///   language sql security definer set search_path = ''
    ///   as $$ delete from public.notes where id = note_id and user_id = (select auth.uid()) $$;
    /// ```
    ///
    /// ## Options
    /// - `authorizationFunctions`: functions that check the caller's rights, such as
    ///   `public.has_role_on_account`.
    /// - `adminFunction`: the super-admin check (default `public.is_super_admin`), which
    ///   counts as a caller check too.
    /// - `exposedSchemas`: the schemas the Data API serves.
    ///
    /// ## References
    /// - [Supabase: Database functions, security definer](https://supabase.com/docs/guides/database/functions#security-definer-vs-invoker)
    pub SecurityDefinerAuthorization {
        id: "security-definer-authorization",
        category: Access,
        severity: Warn,
        fix: None,
        options: ["authorizationFunctions", "adminFunction", "exposedSchemas"],
        sources: [],
        messages: {
            noCallerCheck: {
                message: "`SECURITY DEFINER` {kind} `{function}` never checks who is calling.",
                help: "Check the caller in the body (`auth.uid()`, `auth.jwt()`), or revoke `EXECUTE` from `anon` and `authenticated`.",
            },
        },
    }
}

/// How deep calls into other functions of the history are followed.
const MAX_CALL_DEPTH: usize = 3;

/// Whether a definition's body checks the caller, itself or through functions it calls.
fn checks_caller(
    db: &Database,
    record: &FunctionRecord,
    index: usize,
    checks: &[QualifiedName],
    depth: usize,
    visited: &mut Vec<QualifiedName>,
) -> bool {
    let Some(definition) = record.definitions.get(index) else {
        return false;
    };
    let Some(body) = &definition.def.body else {
        return false;
    };
    if body.reads_caller_identity(definition.at.source) {
        return true;
    }
    for reference in body.references(definition.at.source) {
        if reference.kind != ReferenceKind::Function {
            continue;
        }
        let called = QualifiedName::of(&reference.name);
        if checks.contains(&called) {
            return true;
        }
        if depth >= MAX_CALL_DEPTH || visited.contains(&called) {
            continue;
        }
        visited.push(called.clone());
        let callees: Vec<&FunctionRecord> = db
            .functions_named(&called.name)
            .filter(|f| reference.name.schema.is_none() || f.name.schema == called.schema)
            .collect();
        for callee in callees {
            let last = callee.definitions.len().saturating_sub(1);
            if checks_caller(db, callee, last, checks, depth + 1, visited) {
                return true;
            }
        }
    }
    false
}

impl Rule for SecurityDefinerAuthorization {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let db = &ctx.history.database;
        let mut checks: Vec<QualifiedName> = ["auth.uid", "auth.jwt"]
            .iter()
            .map(|name| QualifiedName::parse(name))
            .collect();
        // The super-admin check counts whether or not the history creates it.
        checks.extend(
            ctx.config
                .authorization_functions
                .iter()
                .chain(&ctx.config.admin_function)
                .map(|name| QualifiedName::parse(name)),
        );
        for function in function_statements(ctx) {
            if !function.is_current()
                || !function.is_security_definer()
                || function.def.is_trigger
                || function.is_native()
                || !is_exposed(ctx.config, &function.record.name.schema)
            {
                continue;
            }
            let callable = ["anon", "authenticated"]
                .iter()
                .any(|role| db.function_executable_by(function.record, role));
            if !callable {
                continue;
            }
            let mut visited = vec![function.record.name.clone()];
            if checks_caller(
                db,
                function.record,
                function.index,
                &checks,
                0,
                &mut visited,
            ) {
                continue;
            }
            findings.report(
                "noCallerCheck",
                function.name.span,
                vec![("kind", function.noun()), ("function", function.display())],
            );
        }
    }
}
