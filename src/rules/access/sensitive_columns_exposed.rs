use crate::declare_rule;
use crate::rules::support::access::is_exposed;
use crate::rules::{EndStateFindings, Findings, Rule, RuleContext};

declare_rule! {
    /// Disallows columns with sensitive names that API clients can read from a table without row-level security.
    ///
    /// ## What it does
    /// Checks the database the whole history leaves. Flags a column of a live table in an
    /// exposed schema when the table has no row-level security at the end of the history, the
    /// column's name is a sensitive one (`password`, `api_key`, `token`, `ssn`, `credit_card`,
    /// `iban`, … compared in lower case, `-` read as `_`) and `anon` or `authenticated` (or
    /// PUBLIC) may select it, through a table or a column grant. In `public`, Supabase's
    /// default privileges grant that at creation. The finding points at the column in the
    /// `CREATE TABLE` or `ADD COLUMN`. Enabling row-level security, revoking `SELECT` from
    /// both roles, or dropping or renaming the column in a later migration silences it.
    /// Splinter's check `0023_sensitive_columns_exposed` reports the same, on the live
    /// database.
    ///
    /// Error by default, as splinter rates it: these are the rows an attacker looks for first.
    ///
    /// ## Why is this bad?
    /// Without row-level security the Data API serves every row of the table to anyone who
    /// holds the project's public anon key. Credentials, identity numbers, card and bank
    /// details and health records in such a table are readable by the whole internet.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create table public.integrations (id bigint primary key, owner uuid, api_key text);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create table public.integrations (id bigint primary key, owner uuid, api_key text);
    /// alter table public.integrations enable row level security;
    /// ```
    ///
    /// ## Options
    /// - `exposedSchemas`: the schemas the Data API serves (default `["public"]`).
    ///
    /// ## References
    /// - [Supabase database linter: 0023 sensitive columns exposed](https://supabase.com/docs/guides/database/database-linter?lint=0023_sensitive_columns_exposed)
    /// - [Supabase: Row Level Security](https://supabase.com/docs/guides/database/postgres/row-level-security)
    pub SensitiveColumnsExposed {
        id: "sensitive-columns-exposed",
        category: Access,
        severity: Error,
        fix: None,
        options: ["exposedSchemas"],
        sources: ["splinter:0023_sensitive_columns_exposed"],
        messages: {
            exposed: {
                message: "Sensitive column `{column}` of `{table}` is open to `{role}` without row-level security.",
                help: "Enable row-level security on `{table}`, or revoke `SELECT` on it from `anon` and `authenticated`.",
            },
        },
    }
}

/// Column names that hold secrets or personal data, lower case with `_` for `-`, as
/// Supabase's linter matches them (whole names, not parts).
const SENSITIVE_NAMES: &[&str] = &[
    // Credentials and secrets.
    "2fa_code",
    "2fa_secret",
    "access_token",
    "activation_key",
    "api_key",
    "apikey",
    "auth_code",
    "auth_key",
    "backup_code",
    "bearer_token",
    "certificate",
    "gpg_key",
    "jwt",
    "license_key",
    "oauth_token",
    "otp",
    "passphrase",
    "passwd",
    "password",
    "pgp_key",
    "private_key",
    "pwd",
    "recovery_code",
    "refresh_token",
    "secret",
    "secret_key",
    "session_id",
    "session_key",
    "session_secret",
    "session_token",
    "ssh_key",
    "token",
    "two_factor",
    "verification_code",
    // Identity documents.
    "driver_license",
    "drivers_license",
    "license_number",
    "national_id",
    "passport_id",
    "passport_number",
    "social_security",
    "social_security_number",
    "ssn",
    "tax_id",
    // Payment and banking.
    "account_number",
    "bank_account",
    "bic",
    "card_number",
    "credit_card",
    "cvc",
    "cvn",
    "cvv",
    "iban",
    "routing_number",
    "swift_code",
    // Health.
    "health_insurance",
    "health_record",
    "insurance_number",
    "medical_insurance",
    "medical_record",
    "patient_id",
    "treatment",
    // Devices and biometrics.
    "device_uuid",
    "facial_recognition",
    "imei",
    "mac_address",
    "macaddr",
];

/// The roles an API client acts as (what they hold includes what PUBLIC holds).
const READERS: &[&str] = &["anon", "authenticated"];

impl Rule for SensitiveColumnsExposed {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        ctx.report_from_end_state(findings, &|all| walk(ctx, all));
    }
}

fn walk(ctx: &RuleContext, findings: &mut EndStateFindings) {
    let db = &ctx.history.database;
    for table in db.tables.live() {
        let name = table.current_name();
        if table.is_foreign() || table.is_rls_enabled() || !is_exposed(ctx.config, &name.schema) {
            continue;
        }
        let privileges: Vec<_> = READERS
            .iter()
            .map(|role| (*role, db.effective_table_privileges(table, role)))
            .collect();
        for column in &table.columns {
            if !is_sensitive(&column.name) {
                continue;
            }
            let Some((role, _)) = privileges
                .iter()
                .find(|(_, held)| held.covers_column("select", &column.name))
            else {
                continue;
            };
            findings.report(
                column.added.point.file,
                "exposed",
                column.span,
                vec![
                    ("column", column.name.clone()),
                    ("table", name.to_string()),
                    ("role", role.to_string()),
                    ("readers", readers(role).to_string()),
                ],
            );
        }
    }
}

/// Who acts as `role` through the Data API.
fn readers(role: &str) -> &'static str {
    match role {
        "anon" => "anyone holding the project's public anon key",
        _ => "every signed-in user",
    }
}

fn is_sensitive(column: &str) -> bool {
    let folded = column.to_lowercase().replace('-', "_");
    SENSITIVE_NAMES.contains(&folded.as_str())
}
