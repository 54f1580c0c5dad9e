//! What each statement does, as our parser reads it from tokens: [`StatementKind`] and its
//! clauses. `facts` wraps each in a `Statement` with its place in the file, and
//! rules read these types through `facts`.
//!
//! Token index ranges (`Range<usize>`) index the statement's own significant tokens (with
//! absolute byte spans).

use std::ops::Range;

use crate::source::{Span, Token};

use super::body::FunctionBody;
use super::expr::Expr;
use super::name::ObjectName;
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ObjectKind {
    Table,
    /// `CREATE FOREIGN TABLE`: a table whose rows another server holds (no row-level security).
    ForeignTable,
    View,
    MaterializedView,
    Index,
    Sequence,
    Schema,
    Extension,
    Function,
    Procedure,
    Trigger,
    Policy,
    Type,
    Domain,
    Publication,
    Role,
    Database,
    Other,
}

impl ObjectKind {
    /// The SQL keyword(s), upper case, as messages show them.
    pub fn keyword(self) -> &'static str {
        match self {
            ObjectKind::Table => "TABLE",
            ObjectKind::ForeignTable => "FOREIGN TABLE",
            ObjectKind::View => "VIEW",
            ObjectKind::MaterializedView => "MATERIALIZED VIEW",
            ObjectKind::Index => "INDEX",
            ObjectKind::Sequence => "SEQUENCE",
            ObjectKind::Schema => "SCHEMA",
            ObjectKind::Extension => "EXTENSION",
            ObjectKind::Function => "FUNCTION",
            ObjectKind::Procedure => "PROCEDURE",
            ObjectKind::Trigger => "TRIGGER",
            ObjectKind::Policy => "POLICY",
            ObjectKind::Type => "TYPE",
            ObjectKind::Domain => "DOMAIN",
            ObjectKind::Publication => "PUBLICATION",
            ObjectKind::Role => "ROLE",
            ObjectKind::Database => "DATABASE",
            ObjectKind::Other => "OBJECT",
        }
    }

    /// The lower-case noun messages use ("table", "materialized view").
    pub fn noun(self) -> String {
        self.keyword().to_ascii_lowercase()
    }
}

#[derive(Clone, Debug)]
pub enum StatementKind {
    Create(Create),
    Drop(Drop),
    AlterTable(AlterTable),
    AlterType(AlterType),
    /// `ALTER FUNCTION/PROCEDURE name(args) …`.
    AlterFunction(AlterFunction),
    /// `ALTER POLICY name ON table …`.
    AlterPolicy(Box<AlterPolicy>),
    /// `ALTER VIEW name …`.
    AlterView(AlterView),
    /// Any other `ALTER <object> name …`.
    AlterOther {
        object: ObjectKind,
        name: Option<ObjectName>,
    },
    Insert(Insert),
    Grant(Grant),
    Do(DoBlock),
    Transaction(TransactionKind),
    Truncate(Truncate),
    /// `DELETE FROM table …`.
    Delete(Delete),
    /// `COMMENT ON …`.
    Comment,
    /// `SET name = value` / `SET name TO value`.
    Set {
        name: String,
        value: String,
    },
    /// Anything else; `keyword` is the first word, lower case.
    Other {
        keyword: String,
    },
    /// `UPDATE table SET …`.
    Update(Update),
    /// `ALTER DOMAIN name …`.
    AlterDomain(AlterDomain),
    /// `REINDEX …`.
    Reindex(Reindex),
    /// `VACUUM …`.
    Vacuum(Vacuum),
    /// `CLUSTER …`.
    Cluster(Cluster),
}

/// `CREATE [OR REPLACE] … <object> [IF NOT EXISTS] name …`.
#[derive(Clone, Debug)]
pub struct Create {
    pub object: ObjectKind,
    pub name: Option<ObjectName>,
    pub or_replace: bool,
    pub if_not_exists: bool,
    /// `CREATE TEMP[ORARY] …`: the object lives in the session's `pg_temp` schema.
    pub is_temporary: bool,
    /// The `CREATE` keyword (an `OR REPLACE` fix goes after it).
    pub create_span: Span,
    /// The object keyword(s), `CONCURRENTLY` included for indexes (`IF NOT EXISTS` goes after).
    pub object_span: Span,
    pub detail: CreateDetail,
}

#[derive(Clone, Debug)]
/// The largest details are boxed: every statement's kind is as large as its largest
/// variant, and the history keeps all of them.
pub enum CreateDetail {
    None,
    Table(TableDef),
    Index(IndexDef),
    View(ViewDef),
    Function(Box<FunctionDef>),
    Trigger(Box<TriggerDef>),
    Policy(Box<PolicyDef>),
    Domain(DomainDef),
}

#[derive(Clone, Debug, Default)]
pub struct TableDef {
    pub columns: Vec<ColumnDef>,
    pub constraints: Vec<ConstraintDef>,
    /// `PARTITION OF parent`.
    pub partition_of: Option<ObjectName>,
    /// `CREATE TABLE … AS …` (no column list).
    pub is_as_select: bool,
    /// `PARTITION BY …`: a partitioned table, whose rows its partitions hold.
    pub is_partitioned: bool,
    /// A `LIKE other …` element: columns (and with `INCLUDING`, keys) copied from another table.
    pub has_like: bool,
}

#[derive(Clone, Debug)]
pub struct ColumnDef {
    pub name: String,
    pub name_span: Span,
    /// The data type as written, lower case, whitespace collapsed (`timestamp with time zone`).
    pub data_type: String,
    pub type_span: Span,
    pub is_not_null: bool,
    pub is_primary_key: bool,
    pub is_unique: bool,
    pub is_identity: bool,
    /// Tokens of the `DEFAULT` expression.
    pub default: Option<Range<usize>>,
    /// The calls in the `DEFAULT` expression, in order, each followed by those in its
    /// arguments.
    pub default_calls: Vec<CallSite>,
    /// `REFERENCES other(col)`.
    pub references: Option<ObjectName>,
    /// The column list after `REFERENCES other`, folded; empty when not written (the key).
    pub referenced_columns: Vec<String>,
    /// `GENERATED ALWAYS AS (…) STORED`.
    pub is_generated: bool,
    pub span: Span,
}

/// A function call `name(…)` in an expression read without a tree.
#[derive(Clone, Debug)]
pub struct CallSite {
    pub name: ObjectName,
    /// From the name to the closing parenthesis.
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConstraintKind {
    PrimaryKey,
    Unique,
    ForeignKey,
    Check,
    Exclude,
    NotNull,
    Other,
}

#[derive(Clone, Debug)]
pub struct ConstraintDef {
    pub name: Option<String>,
    pub name_span: Option<Span>,
    pub kind: ConstraintKind,
    pub is_not_valid: bool,
    /// `UNIQUE USING INDEX idx` / `PRIMARY KEY USING INDEX idx`.
    pub uses_index: bool,
    /// The index `USING INDEX` names.
    pub index_name: Option<String>,
    pub references: Option<ObjectName>,
    /// The column list after `REFERENCES other`, folded; empty when not written (the key).
    pub referenced_columns: Vec<String>,
    pub span: Span,
    /// The column list of `PRIMARY KEY (…)`, `UNIQUE (…)` and `FOREIGN KEY (…)`, folded.
    pub columns: Vec<String>,
    /// Columns a `CHECK` proves not null: `CHECK (a IS NOT NULL [AND b IS NOT NULL …])`.
    pub not_null_columns: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct IndexDef {
    pub table: Option<ObjectName>,
    pub is_unique: bool,
    pub is_concurrently: bool,
    /// The indexed columns, folded; an expression reads `(expr)`.
    pub columns: Vec<String>,
    /// `WHERE …`: a partial index.
    pub is_partial: bool,
    /// The access method after `USING`, lower case; `btree` when not written.
    pub method: String,
    /// The tokens of each element of the column list (a column or an expression, with its
    /// collation, operator class and ordering).
    pub elements: Vec<Range<usize>>,
    /// The tokens after the column list: `INCLUDE`, `NULLS [NOT] DISTINCT`, `WITH`,
    /// `TABLESPACE`, `WHERE`.
    pub tail: Range<usize>,
}

#[derive(Clone, Debug, Default)]
pub struct ViewDef {
    /// `WITH (security_invoker = true)` (or `on`, `1`, `yes`).
    pub is_security_invoker: bool,
    /// The `security_invoker` option when given: `Some(false)` for `security_invoker = false`.
    pub security_invoker: Option<bool>,
    /// Where a `WITH (security_invoker = true)` goes: right after the view name.
    pub options_insert_at: usize,
    /// Tokens inside `WITH ( … )`, when the view has options.
    pub options: Option<Range<usize>>,
    /// Tokens of the query after `AS`.
    pub query: Option<Range<usize>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Volatility {
    Immutable,
    Stable,
    Volatile,
}

#[derive(Clone, Debug)]
pub struct FunctionDef {
    /// Tokens inside the argument parentheses.
    pub args: Range<usize>,
    /// The argument types, lower case, for matching `GRANT … ON FUNCTION f(types)`.
    pub arg_types: Vec<String>,
    pub returns: Option<String>,
    pub is_trigger: bool,
    pub language: Option<String>,
    pub is_security_definer: bool,
    /// `SET search_path …`: `Some(values)` (empty for `''`), `None` when not set.
    pub search_path: Option<Vec<String>>,
    pub search_path_span: Option<Span>,
    pub volatility: Volatility,
    /// The body: the text inside the `$$…$$` (or `'…'`), or the `BEGIN ATOMIC … END` block,
    /// read with the statement.
    pub body: Option<FunctionBody>,
    /// Where a `SET search_path = ''` clause can be inserted: just before the body's `AS`.
    pub options_insert_at: usize,
}

#[derive(Clone, Debug)]
pub struct TriggerDef {
    pub table: Option<ObjectName>,
    pub function: Option<ObjectName>,
    /// `BEFORE …`: it can change the row before it is written.
    pub is_before: bool,
    /// The events it fires on, lower case: `insert`, `update`, `delete`, `truncate`.
    pub events: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyCommand {
    All,
    Select,
    Insert,
    Update,
    Delete,
}

impl PolicyCommand {
    pub fn keyword(self) -> &'static str {
        match self {
            PolicyCommand::All => "ALL",
            PolicyCommand::Select => "SELECT",
            PolicyCommand::Insert => "INSERT",
            PolicyCommand::Update => "UPDATE",
            PolicyCommand::Delete => "DELETE",
        }
    }
}

/// A policy's `USING ( … )` or `WITH CHECK ( … )`, parsed once when the statement is read:
/// the history, the access model and the rules all read this tree.
/// An expression and its tokens, parsed when the statement is read.
#[derive(Clone, Debug)]
pub struct ParsedExpr {
    pub tokens: Range<usize>,
    pub expr: Expr,
}

/// A policy's `USING` or `WITH CHECK` condition: the tokens inside its parentheses.
pub type PolicyClause = ParsedExpr;

#[derive(Clone, Debug)]
pub struct PolicyDef {
    pub table: Option<ObjectName>,
    pub is_permissive: bool,
    pub command: PolicyCommand,
    /// Roles after `TO`, lower case; empty when there is no `TO` (PUBLIC).
    pub roles: Vec<String>,
    pub has_to_clause: bool,
    /// `USING ( … )`.
    pub using: Option<PolicyClause>,
    /// `WITH CHECK ( … )`.
    pub with_check: Option<PolicyClause>,
    pub using_keyword: Option<Span>,
    pub with_check_keyword: Option<Span>,
}

#[derive(Clone, Debug)]
pub struct DomainDef {
    pub has_constraint: bool,
}

/// `DROP <object> [CONCURRENTLY] [IF EXISTS] names [ON table] [CASCADE]`.
#[derive(Clone, Debug)]
pub struct Drop {
    pub object: ObjectKind,
    pub names: Vec<ObjectName>,
    /// `ON table` for policies and triggers.
    pub on_table: Option<ObjectName>,
    pub if_exists: bool,
    pub is_concurrently: bool,
    pub is_cascade: bool,
    /// The object keyword(s) (`IF EXISTS` goes after).
    pub object_span: Span,
}

#[derive(Clone, Debug)]
pub struct AlterTable {
    pub table: Option<ObjectName>,
    pub if_exists: bool,
    pub actions: Vec<AlterTableAction>,
}

#[derive(Clone, Debug)]
pub struct AlterTableAction {
    pub kind: AlterTableActionKind,
    /// Tokens of this action (between commas).
    pub tokens: Range<usize>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum AlterTableActionKind {
    AddColumn {
        column: ColumnDef,
        if_not_exists: bool,
        /// After `ADD [COLUMN]`, where `IF NOT EXISTS` goes.
        insert_at: usize,
    },
    DropColumn {
        name: String,
        name_span: Span,
        if_exists: bool,
        insert_at: usize,
    },
    AddConstraint(ConstraintDef),
    DropConstraint {
        name: String,
        name_span: Span,
        if_exists: bool,
        insert_at: usize,
    },
    AlterColumnType {
        column: String,
        data_type: String,
        type_span: Span,
    },
    SetNotNull {
        column: String,
    },
    DropNotNull {
        column: String,
    },
    SetDefault {
        column: String,
        default: Range<usize>,
    },
    RenameColumn {
        from: String,
        to: String,
    },
    RenameTable {
        to: String,
    },
    /// `SET SCHEMA s`.
    SetSchema {
        to: String,
    },
    EnableRls,
    DisableRls,
    ForceRls,
    ValidateConstraint {
        name: String,
    },
    DetachPartition {
        is_concurrently: bool,
    },
    /// Anything else; the first word, lower case.
    Other {
        keyword: String,
    },
}

/// `ALTER TYPE name ADD VALUE [IF NOT EXISTS] 'v' [BEFORE|AFTER 'w']` and other `ALTER TYPE`.
#[derive(Clone, Debug)]
pub struct AlterType {
    pub name: Option<ObjectName>,
    pub add_value: Option<AddEnumValue>,
    /// `RENAME TO new_name`: the new name, in the type's schema.
    pub rename_to: Option<String>,
}

#[derive(Clone, Debug)]
pub struct AddEnumValue {
    pub value: String,
    pub if_not_exists: bool,
    /// `BEFORE`/`AFTER` given.
    pub has_position: bool,
    pub insert_at: usize,
}

#[derive(Clone, Debug)]
pub struct AlterFunction {
    pub name: Option<ObjectName>,
    pub arg_types: Option<Vec<String>>,
    pub is_security_definer: Option<bool>,
    pub search_path: Option<Vec<String>>,
}

/// `ALTER POLICY name ON table [RENAME TO new] [TO roles] [USING (…)] [WITH CHECK (…)]`.
#[derive(Clone, Debug)]
pub struct AlterPolicy {
    pub name: String,
    pub name_span: Span,
    pub table: Option<ObjectName>,
    pub rename_to: Option<String>,
    /// Roles after `TO`, lower case, when given.
    pub roles: Option<Vec<String>>,
    /// `USING ( … )`.
    pub using: Option<PolicyClause>,
    /// `WITH CHECK ( … )`.
    pub with_check: Option<PolicyClause>,
    pub using_keyword: Option<Span>,
    pub with_check_keyword: Option<Span>,
}

/// `ALTER VIEW [IF EXISTS] name …`.
#[derive(Clone, Debug)]
pub struct AlterView {
    pub name: Option<ObjectName>,
    /// `SET (security_invoker = …)` gives its value; `RESET (security_invoker)` gives `false`.
    pub security_invoker: Option<bool>,
    pub rename_to: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Insert {
    pub table: Option<ObjectName>,
    pub columns: Vec<String>,
    /// Per `VALUES` row, the token range of each value.
    pub rows: Vec<Vec<Range<usize>>>,
    /// Per `VALUES` row, each value parsed, for an insert into `storage.buckets` only (the
    /// history reads the buckets' settings from them); other inserts, seed data most often,
    /// keep only their token ranges.
    pub bucket_values: Vec<Vec<Expr>>,
    pub has_on_conflict: bool,
    /// `INSERT … SELECT … WHERE NOT EXISTS (…)`: the query skips rows that are already there.
    pub has_not_exists_guard: bool,
    /// Where an `ON CONFLICT …` clause goes: the end of the statement, before any `RETURNING`.
    pub on_conflict_insert_at: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum GrantObjectKind {
    Table,
    Function,
    Procedure,
    Sequence,
    Schema,
    AllTablesInSchema,
    AllFunctionsInSchema,
    AllSequencesInSchema,
    Other,
    /// `ALTER DEFAULT PRIVILEGES … ON TABLES`: tables created later.
    FutureTables,
    /// `ALTER DEFAULT PRIVILEGES … ON FUNCTIONS` (or `ROUTINES`): functions created later.
    FutureFunctions,
    /// `ALTER DEFAULT PRIVILEGES … ON SEQUENCES`, `TYPES`, `SCHEMAS`.
    FutureOther,
}

/// `GRANT`/`REVOKE privileges ON objects TO/FROM roles`.
#[derive(Clone, Debug)]
pub struct Grant {
    pub is_revoke: bool,
    /// Lower case: `select`, `insert`, `all`, `execute`, `usage`, …
    pub privileges: Vec<String>,
    /// Per privilege, in the order of `privileges`: the columns of `UPDATE (a, b)`, folded;
    /// empty for the whole object.
    pub privilege_columns: Vec<Vec<String>>,
    pub object_kind: GrantObjectKind,
    pub objects: Vec<ObjectName>,
    /// Argument types per object for functions, when given.
    pub object_arg_types: Vec<Option<Vec<String>>>,
    /// Lower case; `public` for PUBLIC.
    pub roles: Vec<String>,
    /// `ALTER DEFAULT PRIVILEGES … GRANT/REVOKE`.
    pub is_default_privileges: bool,
    /// `ALTER DEFAULT PRIVILEGES IN SCHEMA s, …`: the schemas; empty for the global defaults.
    pub default_schemas: Vec<String>,
    /// `ALTER DEFAULT PRIVILEGES FOR ROLE r, …`: the roles whose new objects it affects;
    /// empty for the role running the migration.
    pub default_for_roles: Vec<String>,
    /// The span of each role in `TO`/`FROM`, in the order of `roles`.
    pub role_spans: Vec<Span>,
}

#[derive(Clone, Debug)]
pub struct DoBlock {
    /// The body text inside the dollar quotes.
    pub body: Option<Span>,
    /// `EXCEPTION WHEN duplicate_object/others …` somewhere in the block.
    pub catches_duplicates: bool,
    /// `EXECUTE` somewhere in the block: it runs SQL built at run time.
    pub runs_dynamic_sql: bool,
    /// The SQL statements the body runs, in order. `facts` moves them into the file's
    /// statements (marked `in_do_block`), so this is empty once a file is read: rules see them
    /// there.
    pub statements: Vec<NestedStatement>,
}

/// A SQL statement inside a `DO` body.
#[derive(Clone, Debug)]
pub struct NestedStatement {
    /// Its significant tokens, positions in the file.
    pub tokens: Vec<Token>,
    pub span: Span,
    /// Under `IF … THEN`: guarded by the condition.
    pub under_if: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransactionKind {
    Begin,
    Commit,
    Rollback,
    Savepoint,
}

#[derive(Clone, Debug)]
pub struct Truncate {
    pub tables: Vec<ObjectName>,
    pub is_cascade: bool,
}

/// `UPDATE [ONLY] table [[AS] alias] SET assignments [FROM …] [WHERE …] [RETURNING …]`.
#[derive(Clone, Debug)]
pub struct Update {
    pub table: Option<ObjectName>,
    /// Every column assigned by `SET`, in order; `(a, b) = (…)` gives one per column.
    pub assignments: Vec<Assignment>,
    /// The top-level `WHERE` condition, up to `RETURNING`.
    pub where_clause: Option<ParsedExpr>,
}

#[derive(Clone, Debug)]
pub struct Assignment {
    /// The column, folded as Postgres folds identifiers.
    pub column: String,
    pub span: Span,
    /// `col.field = …` or `col[1] = …`: assigns part of the column.
    pub is_partial: bool,
    /// The value after `=` (`None` inside `(a, b) = (…)`).
    pub value: Option<ParsedExpr>,
}

/// `ALTER DOMAIN name …`.
#[derive(Clone, Debug)]
pub struct AlterDomain {
    pub name: Option<ObjectName>,
    /// `ADD [CONSTRAINT name] CHECK (…)`: from `ADD` to the end of the statement.
    pub add_constraint: Option<Span>,
}

/// `REINDEX [(options)] {INDEX|TABLE|SCHEMA|DATABASE|SYSTEM} [CONCURRENTLY] name`.
#[derive(Clone, Debug)]
pub struct Reindex {
    /// The object keyword, upper case (`TABLE`), empty when missing.
    pub object: String,
    pub name: Option<ObjectName>,
    /// `CONCURRENTLY`, or `(CONCURRENTLY [true])` in the option list.
    pub is_concurrently: bool,
}

/// `VACUUM [FULL] …` / `VACUUM (FULL, …) …`.
#[derive(Clone, Debug)]
pub struct Vacuum {
    pub is_full: bool,
    pub tables: Vec<ObjectName>,
}

/// `CLUSTER [VERBOSE] [table [USING index]]`.
#[derive(Clone, Debug)]
pub struct Cluster {
    pub table: Option<ObjectName>,
}

/// `DELETE FROM [ONLY] table [WHERE …]`.
#[derive(Clone, Debug)]
pub struct Delete {
    pub table: Option<ObjectName>,
    pub has_where: bool,
}
