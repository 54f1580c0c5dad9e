//! Privileges: the `GRANT`s and `REVOKE`s that reach an object, the defaults new objects
//! start with, and what a role holds at the end of the history.

use std::collections::{BTreeMap, BTreeSet};

use crate::facts::{Grant, GrantObjectKind};

use super::{At, Database, FunctionRecord, Point, TableRecord, ViewRecord};

/// A `GRANT`/`REVOKE` that applies to an object.
#[derive(Clone, Copy, Debug)]
pub struct GrantEvent<'a> {
    pub at: At<'a>,
    pub grant: &'a Grant,
}

impl<'a> GrantEvent<'a> {
    /// Whether it grants or revokes `privilege` (`ALL` covers every privilege).
    pub fn covers(&self, privilege: &str) -> bool {
        self.grant
            .privileges
            .iter()
            .any(|p| p == "all" || p == privilege)
    }

    /// Whether it grants or revokes every table privilege.
    pub fn covers_all_table_privileges(&self) -> bool {
        TABLE_PRIVILEGES.iter().all(|p| self.covers(p))
    }

    pub fn names_role(&self, role: &str) -> bool {
        self.grant.roles.iter().any(|r| r == role)
    }

    /// Each table privilege it names with its column list (empty: the whole table); `ALL`
    /// names every one.
    fn table_privileges_with_columns(&self) -> Vec<(&'static str, &'a [String])> {
        let mut named = Vec::new();
        for (privilege, columns) in self
            .grant
            .privileges
            .iter()
            .zip(&self.grant.privilege_columns)
        {
            for table_privilege in TABLE_PRIVILEGES {
                if privilege == "all" || privilege == table_privilege {
                    named.push((*table_privilege, columns.as_slice()));
                }
            }
        }
        named
    }
}

pub const TABLE_PRIVILEGES: &[&str] = &[
    "select",
    "insert",
    "update",
    "delete",
    "truncate",
    "references",
    "trigger",
];

/// Privileges that can be granted on single columns.
const COLUMN_PRIVILEGES: &[&str] = &["select", "insert", "update", "references"];

/// Roles Supabase grants everything in `public` through its default privileges.
pub const SUPABASE_API_ROLES: &[&str] = &["anon", "authenticated", "service_role"];

/// Schemas whose objects Supabase lets the API roles name (`USAGE`).
const API_SCHEMAS: &[&str] = &["public", "storage", "graphql_public", "extensions", "auth"];

/// What one role holds on one table, granted to it by name (not through PUBLIC).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TablePrivileges {
    /// Table-wide privileges.
    pub table: BTreeSet<&'static str>,
    /// Column privileges beyond the table-wide ones, per column.
    pub columns: BTreeMap<String, BTreeSet<&'static str>>,
}

impl TablePrivileges {
    /// Whether `privilege` covers `column`, by the table-wide privilege or a column grant.
    pub fn covers_column(&self, privilege: &str, column: &str) -> bool {
        self.table.contains(privilege)
            || self
                .columns
                .get(column)
                .is_some_and(|set| set.contains(privilege))
    }

    /// Whether the role holds `privilege` on the table or on any of its columns.
    pub fn has_any(&self, privilege: &str) -> bool {
        self.table.contains(privilege) || self.columns.values().any(|set| set.contains(privilege))
    }

    fn apply(&mut self, event: &GrantEvent) {
        let granted = !event.grant.is_revoke;
        for (privilege, columns) in event.table_privileges_with_columns() {
            if columns.is_empty() {
                if granted {
                    self.table.insert(privilege);
                } else {
                    // Revoking a table privilege revokes it from every column too.
                    self.table.remove(privilege);
                    for set in self.columns.values_mut() {
                        set.remove(privilege);
                    }
                }
            } else if COLUMN_PRIVILEGES.contains(&privilege) {
                for column in columns {
                    let set = self.columns.entry(column.clone()).or_default();
                    if granted {
                        set.insert(privilege);
                    } else {
                        set.remove(privilege);
                    }
                }
            }
        }
        self.columns.retain(|_, set| !set.is_empty());
    }
}

impl<'a> Database<'a> {
    /// Whether new objects of `kind` created in `schema` at `point` start with `privilege`
    /// granted to `role` (`public` for PUBLIC), from Postgres' built-in defaults, Supabase's
    /// default grants on `public`, and every earlier `ALTER DEFAULT PRIVILEGES`.
    ///
    /// Per-schema defaults add to the global ones and cannot take away what those grant.
    pub fn default_privilege(
        &self,
        kind: GrantObjectKind,
        schema: &str,
        role: &str,
        privilege: &str,
        point: Point,
    ) -> bool {
        let key = (
            kind.clone(),
            schema.to_string(),
            role.to_string(),
            privilege.to_string(),
            point,
        );
        if let Some(&answer) = self.default_privilege_answers.borrow().get(&key) {
            return answer;
        }
        let answer = self.replay_default_privileges(kind, schema, role, privilege, point);
        self.default_privilege_answers
            .borrow_mut()
            .insert(key, answer);
        answer
    }

    fn replay_default_privileges(
        &self,
        kind: GrantObjectKind,
        schema: &str,
        role: &str,
        privilege: &str,
        point: Point,
    ) -> bool {
        // Postgres grants EXECUTE on new functions to PUBLIC; Supabase grants everything in
        // `public` to its API roles.
        let mut global =
            kind == GrantObjectKind::FutureFunctions && role == "public" && privilege == "execute";
        let mut in_schema = schema == "public" && SUPABASE_API_ROLES.contains(&role);
        for event in &self.default_privileges {
            // In order: every later one is at or after `point` too.
            if event.at.point >= point {
                break;
            }
            if event.grant.object_kind != kind
                || !event.names_role(role)
                || !event.covers(privilege)
            {
                continue;
            }
            // Defaults for another role's objects do not apply to what migrations create.
            let for_us = event.grant.default_for_roles.is_empty()
                || event
                    .grant
                    .default_for_roles
                    .iter()
                    .any(|r| r == "postgres" || r == "current_user" || r == "current_role");
            if !for_us {
                continue;
            }
            let granted = !event.grant.is_revoke;
            if event.grant.default_schemas.is_empty() {
                global = granted;
            } else if event.grant.default_schemas.iter().any(|s| s == schema) {
                in_schema = granted;
            }
        }
        global || in_schema
    }

    /// Whether `role` can execute the function at the end of its lifetime, directly or
    /// through PUBLIC (every role is a member of PUBLIC).
    pub fn function_executable_by(&self, function: &FunctionRecord<'a>, role: &str) -> bool {
        self.function_executable_since(function, role).is_some()
    }

    /// Where `role` last gained `EXECUTE` on the function (directly or through PUBLIC) and
    /// kept it to the end: its creation, when the defaults grant it and nothing took it
    /// away, or the `GRANT` that gave it back. `None` when the role cannot execute it.
    pub fn function_executable_since(
        &self,
        function: &FunctionRecord<'a>,
        role: &str,
    ) -> Option<Point> {
        let created = function.created();
        let schema = function.name.schema.as_str();
        let default = |role: &str| {
            self.default_privilege(
                GrantObjectKind::FutureFunctions,
                schema,
                role,
                "execute",
                created,
            )
        };
        let mut public = default("public");
        let mut direct = role != "public" && default(role);
        let mut since = (public || direct).then_some(created);
        for event in &function.grants {
            if !event.covers("execute") {
                continue;
            }
            let granted = !event.grant.is_revoke;
            if event.names_role("public") {
                public = granted;
            }
            if role != "public" && event.names_role(role) {
                direct = granted;
            }
            since = match (public || direct, since) {
                (false, _) => None,
                (true, None) => Some(event.at.point),
                (true, kept) => kept,
            };
        }
        since
    }

    /// Where `role` last gained `SELECT` on the view (on the whole view or some of its
    /// columns, directly or through PUBLIC) and kept it to the end: its creation, when
    /// the defaults grant it, or the `GRANT` that gave it back. `None` when it cannot select.
    pub fn view_selectable_since(&self, view: &ViewRecord<'a>, role: &str) -> Option<Point> {
        let created = view.created();
        let default = |role: &str| {
            let mut privileges = TablePrivileges::default();
            if self.default_privilege(
                GrantObjectKind::FutureTables,
                &view.name.schema,
                role,
                "select",
                created,
            ) {
                privileges.table.insert("select");
            }
            privileges
        };
        let mut public = default("public");
        let mut direct = if role == "public" {
            TablePrivileges::default()
        } else {
            default(role)
        };
        let can_select = |public: &TablePrivileges, direct: &TablePrivileges| {
            public.has_any("select") || direct.has_any("select")
        };
        let mut since = can_select(&public, &direct).then_some(created);
        for event in &view.grants {
            if event.names_role("public") {
                public.apply(event);
            }
            if role != "public" && event.names_role(role) {
                direct.apply(event);
            }
            since = match (can_select(&public, &direct), since) {
                (false, _) => None,
                (true, None) => Some(event.at.point),
                (true, kept) => kept,
            };
        }
        since
    }

    /// Whether every table privilege of `role` on the table was taken away after Supabase's
    /// defaults gave it: by an `ALTER DEFAULT PRIVILEGES … REVOKE` before the table was
    /// created, or a `REVOKE ALL` on it (or on all tables in its schema) afterwards.
    pub fn table_privileges_revoked(&self, table: &TableRecord<'a>, role: &str) -> bool {
        let schema = table.name.schema.as_str();
        let created = table.created.point;
        let mut revoked = !TABLE_PRIVILEGES.iter().any(|p| {
            self.default_privilege(GrantObjectKind::FutureTables, schema, role, p, created)
        });
        for event in &table.grants {
            if event.grant.is_revoke
                && event.covers_all_table_privileges()
                && event.names_role(role)
            {
                revoked = true;
            }
        }
        revoked
    }

    /// What `role` (`public` for PUBLIC) holds on the table at the end of its lifetime,
    /// granted by name: the defaults it was created with, then every grant and revoke.
    pub fn table_privileges(&self, table: &TableRecord<'a>, role: &str) -> TablePrivileges {
        self.relation_privileges(&table.name.schema, table.created.point, &table.grants, role)
    }

    /// What `role` holds on a view at the end of its lifetime, granted by name.
    pub fn view_privileges(&self, view: &ViewRecord<'a>, role: &str) -> TablePrivileges {
        self.relation_privileges(&view.name.schema, view.created(), &view.grants, role)
    }

    /// A relation's privileges: the defaults of its schema when it was created, then its
    /// grants and revokes.
    fn relation_privileges(
        &self,
        schema: &str,
        created: Point,
        grants: &[GrantEvent<'a>],
        role: &str,
    ) -> TablePrivileges {
        let mut privileges = TablePrivileges::default();
        for privilege in TABLE_PRIVILEGES {
            if self.default_privilege(
                GrantObjectKind::FutureTables,
                schema,
                role,
                privilege,
                created,
            ) {
                privileges.table.insert(privilege);
            }
        }
        for event in grants.iter().filter(|e| e.names_role(role)) {
            privileges.apply(event);
        }
        privileges
    }

    /// Whether `role` may name objects of `schema` (`USAGE`) at the end of the history,
    /// directly or through PUBLIC: Supabase grants it on its API schemas to the API roles,
    /// Postgres on `public` to PUBLIC; a schema a migration creates starts with neither.
    pub fn has_schema_usage(&self, schema: &str, role: &str) -> bool {
        let mut direct = API_SCHEMAS.contains(&schema) && SUPABASE_API_ROLES.contains(&role);
        let mut public = schema == "public";
        for event in &self.schema_grants {
            if !event.covers("usage") || !event.grant.objects.iter().any(|o| o.name == schema) {
                continue;
            }
            let granted = !event.grant.is_revoke;
            if event.names_role(role) {
                direct = granted;
            }
            if event.names_role("public") {
                public = granted;
            }
        }
        direct || public
    }

    /// What `role` can do on the table, directly or through PUBLIC.
    pub fn effective_table_privileges(
        &self,
        table: &TableRecord<'a>,
        role: &str,
    ) -> TablePrivileges {
        let mut own = self.table_privileges(table, role);
        let public = self.table_privileges(table, "public");
        own.table.extend(public.table);
        for (column, set) in public.columns {
            own.columns.entry(column).or_default().extend(set);
        }
        own
    }
}
