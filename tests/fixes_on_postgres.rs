//! Type-replacement fixes must produce SQL PostgreSQL accepts: each fixable type rule's
//! `invalid.sql` fixture is applied to a throwaway PostgreSQL cluster before and after `--fix`.
//! Skips, saying why, when no `initdb` is found.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::fix_and_check;

const RULES: &[&str] = &[
    "ban-char-field",
    "prefer-bigint-over-int",
    "prefer-bigint-over-smallint",
    "prefer-timestamptz",
    "schema-qualified-names",
];

/// A throwaway cluster listening on a Unix socket only; stopped and removed on drop.
struct Cluster {
    dir: PathBuf,
    bin: PathBuf,
    /// `runuser -u postgres --` when the tests run as root (initdb refuses root).
    run_as: Vec<String>,
}

impl Cluster {
    fn start() -> Result<Cluster, String> {
        let bin = find_bin_dir().ok_or("no `initdb` on PATH or in /usr/lib/postgresql/*/bin")?;
        let is_root = Command::new("id")
            .arg("-u")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
            .unwrap_or(false);
        let run_as: Vec<String> = if is_root {
            let has_user = Command::new("id")
                .arg("postgres")
                .output()
                .is_ok_and(|o| o.status.success());
            if !has_user {
                return Err("running as root and there is no `postgres` user to run initdb".into());
            }
            ["runuser", "-u", "postgres", "--"]
                .map(String::from)
                .to_vec()
        } else {
            Vec::new()
        };
        let dir = std::env::temp_dir().join(format!("supalint-pg-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sock")).map_err(|e| e.to_string())?;
        let cluster = Cluster { dir, bin, run_as };
        if is_root {
            cluster.run("chown", &["-R", "postgres", &cluster.path("")], false)?;
        }
        let data = cluster.path("data");
        cluster.run(
            "initdb",
            &["-D", &data, "-U", "postgres", "--auth=trust"],
            true,
        )?;
        let options = format!("-k {} -c listen_addresses=''", cluster.path("sock"));
        let log = cluster.path("log");
        cluster.run(
            "pg_ctl",
            &["-D", &data, "-o", &options, "-l", &log, "-w", "start"],
            true,
        )?;
        Ok(cluster)
    }

    fn path(&self, name: &str) -> String {
        self.dir.join(name).to_string_lossy().into_owned()
    }

    fn run(&self, program: &str, args: &[&str], as_postgres: bool) -> Result<String, String> {
        let program_path = if as_postgres && program != "psql" {
            self.bin.join(program).to_string_lossy().into_owned()
        } else {
            program.to_string()
        };
        let mut command = if as_postgres && !self.run_as.is_empty() {
            let mut command = Command::new(&self.run_as[0]);
            command.args(&self.run_as[1..]).arg(&program_path);
            command
        } else {
            Command::new(&program_path)
        };
        let output = command
            .args(args)
            .output()
            .map_err(|e| format!("{program}: {e}"))?;
        if output.status.success() {
            Ok(String::from_utf8_lossy(&output.stdout).into_owned())
        } else {
            Err(format!(
                "{program} failed: {}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ))
        }
    }

    /// Runs `sql` in a new database `name`, stopping at the first error.
    fn apply(&self, name: &str, sql: &str) -> Result<(), String> {
        let socket = self.path("sock");
        self.psql(&socket, "postgres", &format!("create database \"{name}\""))?;
        let file = self.dir.join(format!("{name}.sql"));
        std::fs::write(&file, sql).map_err(|e| e.to_string())?;
        let file = file.to_string_lossy().into_owned();
        let psql = self.psql_binary();
        self.run(
            &psql,
            &[
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                &socket,
                "-U",
                "postgres",
                "-d",
                name,
                "-f",
                &file,
            ],
            false,
        )
        .map(|_| ())
    }

    fn psql(&self, socket: &str, database: &str, sql: &str) -> Result<String, String> {
        let psql = self.psql_binary();
        self.run(
            &psql,
            &[
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                socket,
                "-U",
                "postgres",
                "-d",
                database,
                "-c",
                sql,
            ],
            false,
        )
    }

    fn psql_binary(&self) -> String {
        let beside = self.bin.join("psql");
        if beside.exists() {
            beside.to_string_lossy().into_owned()
        } else {
            "psql".to_string()
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.path("data");
        let _ = self.run("pg_ctl", &["-D", &data, "-m", "immediate", "stop"], true);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn find_bin_dir() -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>());
    let versioned = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin"));
    on_path
        .chain(versioned)
        .find(|dir| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file())
}

#[test]
fn type_fixes_produce_sql_postgres_accepts() {
    let cluster = match Cluster::start() {
        Ok(cluster) => cluster,
        Err(reason) => {
            println!("skipped: {reason}");
            return;
        }
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules");
    for (index, rule) in RULES.iter().enumerate() {
        let path = root.join(rule).join("invalid.sql");
        let original = std::fs::read_to_string(&path).unwrap();
        let file = format!(
            "supabase/migrations/20240101000000_{}.sql",
            rule.replace('-', "_")
        );
        cluster
            .apply(&format!("before_{index}"), &with_schemas(&original))
            .unwrap_or_else(|e| panic!("{rule}: the fixture itself does not apply: {e}"));
        let fixed = fix_and_check(
            vec![(file, original.clone())],
            serde_json::json!({ "extends": "none", "rules": { *rule: "error" } }),
        );
        assert_ne!(fixed[0], original, "{rule}: the fix changed nothing");
        cluster
            .apply(&format!("after_{index}"), &with_schemas(&fixed[0]))
            .unwrap_or_else(|e| panic!("{rule}: the fixed SQL does not apply: {e}\n{}", fixed[0]));
    }
}

/// The schemas and Supabase roles fixtures name besides `public`.
fn with_schemas(sql: &str) -> String {
    format!(
        "create schema if not exists app;\n\
         do $$ begin create role authenticated; exception when duplicate_object then null; end $$;\n\
         {sql}"
    )
}
