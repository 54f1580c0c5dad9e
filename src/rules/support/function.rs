//! The `CREATE FUNCTION` / `CREATE PROCEDURE` statements of a file, with the function
//! they define in the history.

use crate::facts::{Create, CreateDetail, FunctionDef, ObjectName, Statement, StatementKind};
use crate::history::FunctionRecord;
use crate::rules::RuleContext;

use super::access::point_of;

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
    /// `schema.name`, `public` filled in.
    pub fn qualified(&self) -> String {
        self.record.name.to_string()
    }

    /// `schema.name(arg types)`, as `GRANT`/`REVOKE … ON FUNCTION` takes it.
    pub fn signature(&self) -> String {
        format!("{}({})", self.qualified(), self.def.arg_types.join(", "))
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
