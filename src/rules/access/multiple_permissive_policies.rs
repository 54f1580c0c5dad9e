use std::collections::{BTreeSet, HashMap, HashSet};
use std::rc::Rc;

use crate::declare_rule;
use crate::facts::PolicyCommand;
use crate::history::{Database, Point, PolicyRecord, QualifiedName};
use crate::rules::support::access::{bypasses_rls, is_platform_schema, quoted_list};
use crate::rules::support::policy::policy_name_span;
use crate::rules::{EndStateFindings, Findings, Rule, RuleContext};

declare_rule! {
    /// Flags a table with more than one permissive policy for the same role and command.
    ///
    /// ## What it does
    /// Reads the policies alive at the end of the migration history and flags a permissive
    /// policy when an older live permissive policy on the same table applies to the same
    /// role and command. `FOR ALL` counts for `SELECT`, `INSERT`, `UPDATE` and `DELETE`;
    /// a policy without `TO` (PUBLIC) counts for every role. The finding is on the
    /// statement that made the second policy overlap: its `CREATE POLICY`, or the
    /// `ALTER POLICY … TO` that gave it the role. Policies a later migration drops are not
    /// counted. Tables in the platform's schemas (`storage`, `auth`, …) are skipped, as
    /// Supabase's database linter does: one policy per bucket on `storage.objects` is the
    /// documented pattern. Roles that bypass row-level security (`service_role`,
    /// `postgres`) are skipped.
    ///
    /// ## Why is this bad?
    /// Postgres joins the permissive policies of a role and command with `OR` and
    /// evaluates each one for every row a query reads, so every extra policy adds its cost
    /// to each query. Split policies also hide what a role can do: a broad policy added
    /// later silently widens a narrow one written before it.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create table public.notes (id bigint primary key, user_id uuid, is_shared boolean);
    /// alter table public.notes enable row level security;
    /// create policy notes_own on public.notes for select to authenticated
    ///   using (user_id = (select auth.uid()));
    /// create policy notes_shared on public.notes for select to authenticated
    ///   using (is_shared);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create table public.notes (id bigint primary key, user_id uuid, is_shared boolean);
    /// alter table public.notes enable row level security;
    /// create policy notes_read on public.notes for select to authenticated
    ///   using (user_id = (select auth.uid()) or is_shared);
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: Row Security Policies, combining policies](https://www.postgresql.org/docs/current/ddl-rowsecurity.html)
    /// - [Supabase: RLS performance recommendations](https://supabase.com/docs/guides/database/postgres/row-level-security#rls-performance-recommendations)
    /// - Supabase database linter: `0006_multiple_permissive_policies`
    pub MultiplePermissivePolicies {
        id: "multiple-permissive-policies",
        category: Access,
        severity: Warn,
        fix: None,
        options: [],
        sources: ["splinter:0006_multiple_permissive_policies"],
        messages: {
            overlapping: {
                message: "Policy `{policy}` on `{table}` overlaps {others} for {roles} on {commands}.",
                help: "Merge them into one permissive policy whose condition joins theirs with `OR`.",
            },
        },
    }
}

const COMMANDS: [PolicyCommand; 4] = [
    PolicyCommand::Select,
    PolicyCommand::Insert,
    PolicyCommand::Update,
    PolicyCommand::Delete,
];

impl Rule for MultiplePermissivePolicies {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        ctx.report_from_end_state(findings, &|all| walk(&ctx.history.database, all));
    }
}

fn walk(db: &Database, findings: &mut EndStateFindings) {
    let mut tables: HashMap<&QualifiedName, TablePolicies> = HashMap::new();
    for policy in db.policies.live() {
        if !policy.is_permissive() || is_platform_schema(&policy.table.schema) {
            continue;
        }
        let table = tables
            .entry(&policy.table)
            .or_insert_with(|| TablePolicies::of(db, &policy.table));
        let Some(&position) = table.positions.get(&address(policy)) else {
            continue;
        };
        if !table.overlaps[position] {
            continue;
        }
        let introduced = policy.roles_set_at();
        let shapes = Rc::clone(&table.shapes);
        // The data names every earlier overlapping policy: worked out only if reported.
        findings
            .report(
                introduced.point.file,
                "overlapping",
                policy_name_span(&introduced),
                Vec::new(),
            )
            .defer_data(move || shapes.data(position));
    }
}

/// The live permissive policies of one table, as this rule compares them.
struct TablePolicies {
    shapes: Rc<Shapes>,
    /// Each policy's position in `shapes`, by the record's [`address`].
    positions: HashMap<*const (), usize>,
    /// Whether each policy overlaps an older one.
    overlaps: Vec<bool>,
}

impl TablePolicies {
    fn of(db: &Database, table: &QualifiedName) -> Self {
        let records: Vec<&PolicyRecord> = db
            .live_policies_on(table)
            .filter(|p| p.is_permissive())
            .collect();
        let shapes = Shapes {
            table: table.to_string(),
            policies: records.iter().map(|record| Shape::of(record)).collect(),
        };
        let positions = records
            .iter()
            .enumerate()
            .map(|(position, record)| (address(record), position))
            .collect();
        TablePolicies {
            overlaps: shapes.overlaps(),
            shapes: Rc::new(shapes),
            positions,
        }
    }
}

/// A policy record's identity, to find it among its table's.
fn address(record: &PolicyRecord) -> *const () {
    std::ptr::from_ref(record).cast()
}

/// A policy as the rule compares it, owned so that a finding can work out its data later.
struct Shape {
    name: String,
    /// Where its roles were set: the older of two policies is the one set first.
    point: Point,
    /// Whether it applies to each of [`COMMANDS`].
    commands: [bool; 4],
    /// `TO PUBLIC` (or no `TO`): it applies to every role.
    is_public: bool,
    roles: Vec<String>,
}

impl Shape {
    fn of(record: &PolicyRecord) -> Self {
        Shape {
            name: record.name.clone(),
            point: record.roles_set_at().point,
            commands: COMMANDS.map(|command| record.applies_to(command)),
            is_public: record.applies_to_role("public"),
            roles: record.roles().to_vec(),
        }
    }

    /// [`PolicyRecord::applies_to_role`].
    fn applies_to_role(&self, role: &str) -> bool {
        self.is_public || self.roles.iter().any(|r| r == role)
    }

    /// The roles it names that row-level security applies to.
    fn checked_roles(&self) -> impl Iterator<Item = &String> {
        self.roles
            .iter()
            .filter(|role| *role != "public" && !bypasses_rls(role))
    }
}

/// The live permissive policies of a table.
struct Shapes {
    table: String,
    policies: Vec<Shape>,
}

impl Shapes {
    /// Whether each policy shares a role and a command with an older one, found in one pass
    /// over the policies in the order their roles were set (not each against every older
    /// one, which was quadratic in the policies of a table). Per command, the pass keeps
    /// whether an older policy applies to PUBLIC and the roles older policies name; a PUBLIC
    /// policy overlaps either, another policy one of its own roles or an older PUBLIC one.
    fn overlaps(&self) -> Vec<bool> {
        let mut order: Vec<usize> = (0..self.policies.len()).collect();
        order.sort_by_key(|&i| self.policies[i].point);
        let mut overlaps = vec![false; self.policies.len()];
        let mut public_before = [false; 4];
        let mut named_before: [HashSet<&str>; 4] = Default::default();
        for group in order.chunk_by(|&a, &b| self.policies[a].point == self.policies[b].point) {
            for &i in group {
                let policy = &self.policies[i];
                overlaps[i] = (0..COMMANDS.len()).any(|c| {
                    policy.commands[c]
                        && if policy.is_public {
                            public_before[c] || !named_before[c].is_empty()
                        } else {
                            policy.checked_roles().any(|role| {
                                public_before[c] || named_before[c].contains(role.as_str())
                            })
                        }
                });
            }
            for &i in group {
                let policy = &self.policies[i];
                for c in (0..COMMANDS.len()).filter(|&c| policy.commands[c]) {
                    public_before[c] |= policy.is_public;
                    named_before[c].extend(policy.checked_roles().map(String::as_str));
                }
            }
        }
        overlaps
    }

    /// The finding's data for the policy at `position`: the roles and commands it shares
    /// with older policies, and their names.
    fn data(&self, position: usize) -> Vec<(&'static str, String)> {
        let policy = &self.policies[position];
        let earlier: Vec<&Shape> = self
            .policies
            .iter()
            .filter(|other| other.point < policy.point)
            .collect();
        let (mut roles, mut commands, mut others) = (BTreeSet::new(), Vec::new(), BTreeSet::new());
        for role in candidate_roles(policy, &earlier) {
            for (c, command) in COMMANDS.iter().enumerate() {
                if !policy.commands[c] || !policy.applies_to_role(&role) {
                    continue;
                }
                for other in &earlier {
                    if other.commands[c] && other.applies_to_role(&role) {
                        roles.insert(role.clone());
                        if !commands.contains(command) {
                            commands.push(*command);
                        }
                        others.insert(other.name.clone());
                    }
                }
            }
        }
        commands.sort_by_key(|c| COMMANDS.iter().position(|known| known == c));
        let roles: Vec<String> = roles.into_iter().collect();
        let commands: Vec<&str> = commands.iter().map(|c| c.keyword()).collect();
        let others: Vec<String> = others.into_iter().collect();
        vec![
            ("policy", policy.name.clone()),
            ("table", self.table.clone()),
            ("roles", quoted_list(&roles)),
            ("commands", quoted_list(&commands)),
            ("others", quoted_list(&others)),
        ]
    }
}

/// The roles two policies can both apply to: every role either names, and the API roles
/// when one of them applies to PUBLIC; without the roles that bypass row-level security.
fn candidate_roles(policy: &Shape, earlier: &[&Shape]) -> BTreeSet<String> {
    let mut roles: BTreeSet<String> = ["anon", "authenticated"].map(String::from).into();
    for shape in std::iter::once(&policy).chain(earlier) {
        roles.extend(shape.roles.iter().cloned());
    }
    roles.retain(|role| role != "public" && !bypasses_rls(role));
    roles
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROLES: [&[&str]; 8] = [
        &[],
        &["public"],
        &["anon"],
        &["authenticated"],
        &["anon", "authenticated"],
        &["service_role"],
        &["editor"],
        &["editor", "service_role"],
    ];
    const COMMAND_SETS: [[bool; 4]; 4] = [
        [true, false, false, false],
        [false, true, false, false],
        [false, false, true, true],
        [true; 4],
    ];

    /// The one-pass overlap agrees with the finding's data, which compares each policy with
    /// every older one, on policies of every kind of role and command, ties included.
    #[test]
    fn overlaps_agree_with_the_pairwise_comparison() {
        let mut seed: u64 = 7;
        let mut next = |below: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % below
        };
        for _ in 0..500 {
            let policies: Vec<Shape> = (0..2 + next(7))
                .map(|i| {
                    let roles: Vec<String> = ROLES[next(ROLES.len())]
                        .iter()
                        .map(|r| r.to_string())
                        .collect();
                    Shape {
                        name: format!("p{i}"),
                        point: Point {
                            file: next(3),
                            statement: next(2),
                        },
                        commands: COMMAND_SETS[next(COMMAND_SETS.len())],
                        is_public: roles.is_empty() || roles.iter().any(|r| r == "public"),
                        roles,
                    }
                })
                .collect();
            let shapes = Shapes {
                table: "public.t".into(),
                policies,
            };
            let overlaps = shapes.overlaps();
            for (position, overlap) in overlaps.into_iter().enumerate() {
                let data = shapes.data(position);
                let names_others = data
                    .iter()
                    .any(|(key, value)| *key == "others" && !value.is_empty());
                assert_eq!(overlap, names_others, "policy {position}");
            }
        }
    }
}
