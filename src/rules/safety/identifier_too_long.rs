use crate::declare_rule;
use crate::facts::{identifier, StatementKind};
use crate::rules::{Findings, Rule, RuleContext};
use crate::source::TokenKind;

/// `NAMEDATALEN - 1`: the bytes PostgreSQL keeps of a name.
const MAX_IDENTIFIER_BYTES: usize = 63;

declare_rule! {
    /// Disallows identifiers longer than 63 bytes, which PostgreSQL silently truncates.
    ///
    /// ## What it does
    /// Flags every name (quoted or not) longer than 63 bytes in a statement: tables, columns,
    /// indexes, constraints, policies, functions and the rest. A `DROP` is not checked: it
    /// names an object made elsewhere, where the long name is reported.
    ///
    /// ## Why is this bad?
    /// PostgreSQL keeps only the first 63 bytes of a name and says so in a notice nobody reads.
    /// The object then has a different name than the migration says: a later `DROP POLICY`
    /// or `ALTER … RENAME` with the full name keeps working (it is truncated too), but code
    /// and tools that compare names see a mismatch, and two long names that share their first
    /// 63 bytes collide (`relation … already exists`). Multi-byte characters count as several
    /// bytes.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create index if not exists organization_memberships_organization_id_user_id_role_created_at_idx on public.organization_memberships (organization_id, user_id, role, created_at);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create index if not exists org_memberships_org_user_role_created_idx on public.organization_memberships (organization_id, user_id, role, created_at);
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: Identifiers and key words](https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-IDENTIFIERS)
    /// - Squawk: `identifier-too-long`
    pub IdentifierTooLong {
        id: "identifier-too-long",
        category: Safety,
        severity: Error,
        fix: None,
        options: [],
        sources: ["squawk:identifier-too-long"],
        messages: {
            tooLong: {
                message: "Name `{name}` is {length} bytes long, so PostgreSQL cuts it to `{truncated}`.",
                help: "Shorten it to 63 bytes or fewer.",
            },
        },
    }
}

impl Rule for IdentifierTooLong {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let text = ctx.text();
        // A `DROP` names an object made elsewhere, where its name is reported; it is
        // truncated the same way, so the drop works.
        let makes_names = ctx
            .statements()
            .iter()
            .filter(|s| !matches!(s.kind, StatementKind::Drop(_)));
        for statement in makes_names {
            for token in &statement.tokens {
                if !matches!(token.kind, TokenKind::Word | TokenKind::QuotedIdent) {
                    continue;
                }
                // Most words are short: no need to fold them to learn it. Folding keeps the
                // length of ASCII text, and unquoting only shortens it.
                let written = token.text(text);
                let may_grow = token.kind == TokenKind::Word && !written.is_ascii();
                if written.len() <= MAX_IDENTIFIER_BYTES && !may_grow {
                    continue;
                }
                let Some(name) = identifier(token, text) else {
                    continue;
                };
                if name.len() <= MAX_IDENTIFIER_BYTES {
                    continue;
                }
                let mut cut = MAX_IDENTIFIER_BYTES;
                while !name.is_char_boundary(cut) {
                    cut -= 1;
                }
                findings.report(
                    "tooLong",
                    token.span(),
                    vec![
                        ("length", name.len().to_string()),
                        ("truncated", name[..cut].to_string()),
                        ("name", name),
                    ],
                );
            }
        }
    }
}
