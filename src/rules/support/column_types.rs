//! Column types as migrations write them: where a statement gives a column a type, and what
//! that type is once aliases, modifiers and array suffixes are read.

use crate::facts::{
    AlterTableActionKind, ColumnDef, ConstraintKind, CreateDetail, ObjectKind, ObjectName,
    Statement, StatementKind,
};
use crate::rules::support::text::keyword_case;
use crate::rules::RuleContext;
use crate::source::Span;

/// A place where a statement gives a column a type.
pub struct TypeSite<'a> {
    pub statement: &'a Statement,
    pub table: Option<&'a ObjectName>,
    pub column: &'a str,
    /// Lower case, whitespace collapsed (`timestamp(3) without time zone`).
    pub data_type: &'a str,
    pub type_span: Span,
    /// The primary key on its own (inline, or the only column of a `PRIMARY KEY (…)` of this
    /// file); a column of a composite key identifies nothing alone.
    pub is_primary_key: bool,
    pub is_identity: bool,
    /// `ALTER COLUMN … TYPE`: an existing column changes type.
    pub is_type_change: bool,
}

/// Every column type this file declares: `CREATE TABLE` columns, `ADD COLUMN` and
/// `ALTER COLUMN … TYPE`.
pub fn type_sites<'a>(ctx: &RuleContext<'a>) -> Vec<TypeSite<'a>> {
    let added_keys = added_primary_keys(ctx);
    let mut sites = Vec::new();
    for statement in ctx.statements() {
        match &statement.kind {
            StatementKind::Create(create) if create.object == ObjectKind::Table => {
                let CreateDetail::Table(table) = &create.detail else {
                    continue;
                };
                for column in &table.columns {
                    let in_table_key = table.constraints.iter().any(|c| {
                        c.kind == ConstraintKind::PrimaryKey && c.columns == [column.name.as_str()]
                    });
                    sites.push(column_site(
                        &added_keys,
                        statement,
                        create.name.as_ref(),
                        column,
                        in_table_key,
                    ));
                }
            }
            StatementKind::AlterTable(alter) => {
                for action in &alter.actions {
                    match &action.kind {
                        AlterTableActionKind::AddColumn { column, .. } => sites.push(column_site(
                            &added_keys,
                            statement,
                            alter.table.as_ref(),
                            column,
                            false,
                        )),
                        AlterTableActionKind::AlterColumnType {
                            column,
                            data_type,
                            type_span,
                        } => sites.push(TypeSite {
                            statement,
                            table: alter.table.as_ref(),
                            column,
                            data_type,
                            type_span: *type_span,
                            is_primary_key: false,
                            is_identity: false,
                            is_type_change: true,
                        }),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    sites
}

fn column_site<'a>(
    added_keys: &[(&ObjectName, &str)],
    statement: &'a Statement,
    table: Option<&'a ObjectName>,
    column: &'a ColumnDef,
    in_table_key: bool,
) -> TypeSite<'a> {
    let is_primary_key = column.is_primary_key
        || in_table_key
        || table.is_some_and(|table| {
            added_keys
                .iter()
                .any(|(keyed, key)| *key == column.name && keyed.same_object(table))
        });
    TypeSite {
        statement,
        table,
        column: &column.name,
        data_type: &column.data_type,
        type_span: column.type_span,
        is_primary_key,
        is_identity: column.is_identity,
        is_type_change: false,
    }
}

/// The single-column `PRIMARY KEY (column)`s this file adds to tables (as `pg_dump` writes
/// keys: after the `CREATE TABLE`), read in one pass: checking every column against every
/// statement is quadratic, minutes on a 10 MB file.
fn added_primary_keys<'a>(ctx: &RuleContext<'a>) -> Vec<(&'a ObjectName, &'a str)> {
    let mut keys = Vec::new();
    for statement in ctx.statements() {
        let StatementKind::AlterTable(alter) = &statement.kind else {
            continue;
        };
        let Some(table) = alter.table.as_ref() else {
            continue;
        };
        for action in &alter.actions {
            if let AlterTableActionKind::AddConstraint(c) = &action.kind {
                if let (ConstraintKind::PrimaryKey, [column]) = (&c.kind, c.columns.as_slice()) {
                    keys.push((table, column.as_str()));
                }
            }
        }
    }
    keys
}

/// A type split into its name, its modifiers and its array suffix:
/// `timestamp(3) without time zone[]` is `timestamp without time zone`, `(3)`, `[]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeName {
    /// Without a `pg_catalog.` prefix, modifiers or array suffix.
    pub base: String,
    pub modifiers: Option<String>,
    pub array_suffix: String,
}

impl TypeName {
    pub fn parse(data_type: &str) -> TypeName {
        let mut text = data_type.trim();
        let mut array_suffix = String::new();
        // `int[]`, `int[3][4]`, `int array`, `int array[3]`.
        if let Some(at) = text.find('[') {
            array_suffix = text[at..].to_string();
            text = text[..at].trim_end();
        }
        if let Some(stripped) = text.strip_suffix(" array") {
            array_suffix = format!(" array{array_suffix}");
            text = stripped;
        }
        let text = text.strip_prefix("pg_catalog.").unwrap_or(text);
        let (base, modifiers) = match (text.find('('), text.find(')')) {
            (Some(open), Some(close)) if open < close => {
                let base = format!("{} {}", text[..open].trim(), text[close + 1..].trim());
                (
                    base.trim().to_string(),
                    Some(text[open..=close].to_string()),
                )
            }
            _ => (text.to_string(), None),
        };
        TypeName {
            base,
            modifiers,
            array_suffix,
        }
    }

    /// Writes `base` with these modifiers and array suffix, in the case of `like`.
    pub fn with_base(&self, base: &str, like: &str) -> String {
        keyword_case(
            like,
            &format!(
                "{base}{}{}",
                self.modifiers.as_deref().unwrap_or(""),
                self.array_suffix
            ),
        )
    }

    pub fn is_array(&self) -> bool {
        !self.array_suffix.is_empty()
    }
}

/// 32-bit integers: `integer`, `int`, `int4`.
pub fn is_int4(base: &str) -> bool {
    matches!(base, "integer" | "int" | "int4")
}

/// 16-bit integers: `smallint`, `int2`.
pub fn is_int2(base: &str) -> bool {
    matches!(base, "smallint" | "int2")
}

/// `serial`/`serial4`: a 32-bit integer fed by a sequence.
pub fn is_serial4(base: &str) -> bool {
    matches!(base, "serial" | "serial4")
}

/// `smallserial`/`serial2`.
pub fn is_serial2(base: &str) -> bool {
    matches!(base, "smallserial" | "serial2")
}

/// Any serial pseudo-type.
pub fn is_serial(base: &str) -> bool {
    is_serial4(base) || is_serial2(base) || matches!(base, "bigserial" | "serial8")
}

/// An edit giving `site` the type `base`, keeping its modifiers, array suffix and letter case.
pub fn retype(site: &TypeSite, source: &str, base: &str) -> crate::diagnostic::Edit {
    let type_name = TypeName::parse(site.data_type);
    crate::diagnostic::Edit::replace(
        site.type_span,
        type_name.with_base(base, site.type_span.text(source)),
    )
}

/// Columns whose values come from a counter or identify rows: primary keys, identity and
/// serial columns, where running out of numbers makes every insert fail. Arrays and
/// `ALTER COLUMN … TYPE` (whose key status this file does not show) are left out.
pub fn key_sites<'a>(ctx: &RuleContext<'a>) -> Vec<(TypeSite<'a>, TypeName)> {
    type_sites(ctx)
        .into_iter()
        .filter(|site| !site.is_type_change)
        .map(|site| {
            let type_name = TypeName::parse(site.data_type);
            (site, type_name)
        })
        .filter(|(site, type_name)| {
            !type_name.is_array()
                && (site.is_primary_key || site.is_identity || is_serial(&type_name.base))
        })
        .collect()
}

/// Reports every key column whose type `widen` maps to a wider replacement (`bigint`,
/// `bigserial`), with the fix that writes it: the shared body of the `prefer-bigint-*` rules.
pub fn report_narrow_keys(
    ctx: &RuleContext,
    findings: &mut crate::rules::Findings,
    message_id: &'static str,
    widen: fn(&str) -> Option<&'static str>,
) {
    for (site, type_name) in key_sites(ctx) {
        let Some(replacement) = widen(&type_name.base) else {
            continue;
        };
        findings
            .report(
                message_id,
                site.type_span,
                vec![
                    ("column", site.column.to_string()),
                    ("table", crate::rules::support::display::display(site.table)),
                    ("type", site.data_type.to_string()),
                    ("replacement", replacement.to_string()),
                ],
            )
            .fix(retype(&site, ctx.text(), replacement));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_modifiers_and_arrays() {
        let t = TypeName::parse("timestamp(3) without time zone[]");
        assert_eq!(t.base, "timestamp without time zone");
        assert_eq!(t.modifiers.as_deref(), Some("(3)"));
        assert_eq!(t.array_suffix, "[]");
        assert_eq!(t.with_base("timestamptz", "TIMESTAMP"), "TIMESTAMPTZ(3)[]");
        let t = TypeName::parse("pg_catalog.int4 array");
        assert_eq!(t.base, "int4");
        assert!(t.is_array());
        let t = TypeName::parse("character varying(20)");
        assert_eq!(t.base, "character varying");
        assert_eq!(t.modifiers.as_deref(), Some("(20)"));
    }
}
