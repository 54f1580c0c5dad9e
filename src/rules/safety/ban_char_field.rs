use crate::declare_rule;
use crate::rules::support::column_types::{retype, type_sites, TypeName};
use crate::rules::support::display::display;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Warns about `char(n)` / `character(n)` columns, which pad values with spaces.
    ///
    /// ## What it does
    /// Flags columns declared (or changed to) `char`, `character` or `bpchar`, with or without
    /// a length, in `CREATE TABLE`, `ADD COLUMN` and `ALTER COLUMN … TYPE`. The one-byte
    /// internal type `"char"` (quoted) is not flagged.
    ///
    /// ## Why is this bad?
    /// `char(n)` pads every value with spaces to `n` characters, strips them again in most
    /// comparisons but not all (`LIKE`, regular expressions, clients), and is no faster or
    /// smaller than `text` in PostgreSQL. Values that "look equal" stop matching in app code.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create table if not exists public.countries (code char(2) primary key);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create table if not exists public.countries (code text primary key check (char_length(code) = 2));
    /// ```
    ///
    /// ## Fix safety
    /// The fix replaces `char(n)` with `varchar(n)`, which keeps the length limit without the
    /// padding, and a bare `char` with `text`; PostgreSQL accepts both wherever the old type
    /// stood. In `ALTER COLUMN … TYPE`, existing values keep their trailing spaces until you
    /// trim them.
    ///
    /// ## References
    /// - [PostgreSQL: Character types](https://www.postgresql.org/docs/current/datatype-character.html)
    /// - [PostgreSQL wiki: Don't use char(n)](https://wiki.postgresql.org/wiki/Don%27t_Do_This#Don.27t_use_char.28n.29)
    /// - Squawk: `ban-char-field`
    pub BanCharField {
        id: "ban-char-field",
        category: Safety,
        severity: Warn,
        fix: Fix,
        options: [],
        sources: ["squawk:ban-char-field"],
        messages: {
            charField: {
                message: "Column `{column}` of `{table}` is `{type}`, which pads values with spaces.",
                help: "Use `text` (or `varchar(n)` to keep a limit).",
            },
        },
    }
}

impl Rule for BanCharField {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for site in type_sites(ctx) {
            let type_name = TypeName::parse(site.data_type);
            if !matches!(type_name.base.as_str(), "char" | "character" | "bpchar") {
                continue;
            }
            let replacement = if type_name.modifiers.is_some() {
                "varchar"
            } else {
                "text"
            };
            findings
                .report(
                    "charField",
                    site.type_span,
                    vec![
                        ("column", site.column.to_string()),
                        ("table", display(site.table)),
                        ("type", site.data_type.to_string()),
                    ],
                )
                .fix(retype(&site, ctx.text(), replacement));
        }
    }
}
