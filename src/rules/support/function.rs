//! The `CREATE FUNCTION` / `CREATE PROCEDURE` statements of a file, with the function
//! they define in the history.

use crate::facts::{Create, CreateDetail, FunctionDef, ObjectName, Statement, StatementKind};
use crate::history::FunctionRecord;
use crate::rules::RuleContext;
use crate::source::Span;

use super::access::{is_exposed, point_of};

pub struct FunctionStatement<'a> {
    pub statement: &'a Statement,
    pub create: &'a Create,
    pub def: &'a FunctionDef,
    pub name: &'a ObjectName,
    pub record: &'a FunctionRecord<'a>,
    /// Which of the record's definitions this statement is.
    pub index: usize,
}

impl FunctionStatement<'_> {
    /// `schema.name`, `public` filled in, as messages name it ([`ObjectName::display`]).
    pub fn display(&self) -> String {
        self.name.display()
    }

    /// `schema.name(arg types)`, as `GRANT`/`REVOKE … ON FUNCTION` takes it.
    pub fn signature(&self) -> String {
        format!("{}({})", self.display(), self.def.arg_types.join(", "))
    }

    /// `function` or `procedure`.
    pub fn noun(&self) -> String {
        self.create.object.noun()
    }

    /// Whether this definition is what the database ends up with: the last
    /// `CREATE OR REPLACE` of the function, which no later `DROP` removes.
    pub fn is_current(&self) -> bool {
        self.record.dropped.is_none() && self.index + 1 == self.record.definitions.len()
    }

    pub fn is_security_definer(&self) -> bool {
        self.record.is_security_definer(self.index)
    }

    /// The `search_path` it runs with, later `ALTER FUNCTION`s included.
    pub fn search_path(&self) -> Option<&[String]> {
        self.record.effective_search_path(self.index)
    }

    /// Whether the body is native code (`LANGUAGE c` / `internal`), which has no SQL names.
    pub fn is_native(&self) -> bool {
        matches!(self.def.language.as_deref(), Some("c" | "internal"))
    }
}

/// Every function or procedure the current file creates, in order.
pub fn function_statements<'a>(ctx: &RuleContext<'a>) -> Vec<FunctionStatement<'a>> {
    let db = &ctx.history.database;
    ctx.statements()
        .iter()
        .filter_map(|statement| {
            let StatementKind::Create(create) = &statement.kind else {
                return None;
            };
            let CreateDetail::Function(def) = &create.detail else {
                return None;
            };
            let (record, index) = db.function_defined_at(point_of(ctx, statement))?;
            Some(FunctionStatement {
                statement,
                create,
                def,
                name: create.name.as_ref()?,
                record,
                index,
            })
        })
        .collect()
}

/// Whether a `search_path` names only schemas no user can create objects in: empty
/// (`''`), or `pg_catalog` and `pg_temp`.
pub fn is_locked_search_path(values: &[String]) -> bool {
    values
        .iter()
        .all(|v| v.eq_ignore_ascii_case("pg_catalog") || v.eq_ignore_ascii_case("pg_temp"))
}

/// What made a live `SECURITY DEFINER` function callable by a role.
pub enum ExposureCause {
    /// The `CREATE FUNCTION` the database keeps (it runs as definer, and the defaults or
    /// grants let the role execute it).
    Definition,
    /// An `ALTER FUNCTION … SECURITY DEFINER` after that definition.
    AlteredToDefiner,
    /// A `GRANT EXECUTE` that gave the role (or PUBLIC) `EXECUTE` back.
    Grant {
        /// The role as written in the `GRANT` (`anon`, `authenticated` or `PUBLIC`).
        role: String,
    },
}

/// A live `SECURITY DEFINER` function in an exposed schema that a role can execute at the
/// end of the history, with the statement that made it so.
pub struct DefinerExposure<'a> {
    /// The history's index of the file of that statement.
    pub file: usize,
    pub record: &'a FunctionRecord<'a>,
    pub def: &'a FunctionDef,
    pub noun: String,
    pub cause: ExposureCause,
    /// Where the finding points: the function's name, or the role in the `GRANT`.
    pub span: Span,
}

impl DefinerExposure<'_> {
    /// `schema.name(arg types)`, as `GRANT`/`REVOKE … ON FUNCTION` takes it.
    pub fn signature(&self) -> String {
        format!("{}({})", self.record.name, self.def.arg_types.join(", "))
    }
}

/// The live `SECURITY DEFINER` functions (not trigger functions, which no client can call)
/// in exposed schemas that `role` can execute, directly or through PUBLIC, each with the
/// statement that exposed it: the latest of the definition the database keeps, an
/// `ALTER FUNCTION … SECURITY DEFINER` and the `GRANT` that gave the role `EXECUTE`.
pub fn definer_functions_executable_by<'a>(
    ctx: &RuleContext<'a>,
    role: &str,
) -> Vec<DefinerExposure<'a>> {
    let db = &ctx.history.database;
    let mut exposures = Vec::new();
    for record in db.functions.live() {
        let Some(index) = record.definitions.len().checked_sub(1) else {
            continue;
        };
        let definition = &record.definitions[index];
        if definition.def.is_trigger
            || !record.is_security_definer(index)
            || !is_exposed(ctx.config, &record.name.schema)
        {
            continue;
        }
        let Some(executable_since) = db.function_executable_since(record, role) else {
            continue;
        };
        let altered = record
            .alters
            .iter()
            .rfind(|(at, alter)| {
                at.point > definition.at.point && alter.is_security_definer == Some(true)
            })
            .filter(|_| !definition.def.is_security_definer);
        let (definer_since, definer_span, definer_cause) = match altered {
            Some((at, alter)) => (
                at.point,
                alter
                    .name
                    .as_ref()
                    .map_or_else(|| at.statement.head_span(), |n| n.span),
                ExposureCause::AlteredToDefiner,
            ),
            None => (
                definition.at.point,
                definition
                    .create
                    .name
                    .as_ref()
                    .map_or_else(|| definition.at.statement.head_span(), |n| n.span),
                ExposureCause::Definition,
            ),
        };
        let (point, span, cause) = if executable_since > definer_since {
            let Some(event) = record
                .grants
                .iter()
                .find(|e| e.at.point == executable_since)
            else {
                continue;
            };
            let Some((written, span)) = event
                .grant
                .roles
                .iter()
                .zip(&event.grant.role_spans)
                .find(|(r, _)| *r == role || *r == "public")
            else {
                continue;
            };
            let role = if written == "public" {
                "PUBLIC".to_string()
            } else {
                written.clone()
            };
            (executable_since, *span, ExposureCause::Grant { role })
        } else {
            (definer_since, definer_span, definer_cause)
        };
        exposures.push(DefinerExposure {
            file: point.file,
            record,
            def: definition.def,
            noun: definition.create.object.noun(),
            cause,
            span,
        });
    }
    exposures
}
