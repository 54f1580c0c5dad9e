//! The idempotency fixes are correct on a real database: the fixed output of every
//! idempotency fixture applies twice to a throwaway PostgreSQL cluster, each file in one
//! transaction as the Supabase CLI runs it, while the unfixed `invalid` fixtures fail.
//! Skips (saying why) when no PostgreSQL server binaries are installed.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use supalint::fixer::fix;

/// The rules whose fixtures must survive being applied twice once fixed.
const RULES: &[&str] = &[
    "drop-before-create",
    "insert-on-conflict",
    "require-if-exists",
    "require-or-replace",
];

/// What the fixtures expect of a Supabase database: its roles, `auth.uid()` and storage tables.
const SUPABASE_STUB: &str = "
create schema auth;
create function auth.uid() returns uuid language sql stable as $$ select null::uuid $$;
create schema storage;
create table storage.buckets (
  id text primary key,
  name text,
  public boolean,
  file_size_limit bigint,
  allowed_mime_types text[]
);
create table storage.objects (
  id uuid primary key default gen_random_uuid(),
  bucket_id text references storage.buckets (id),
  name text,
  owner uuid
);
";

fn find_binary(name: &str) -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    dirs.push("/usr/local/bin".into());
    if let Ok(versions) = fs::read_dir("/usr/lib/postgresql") {
        let mut found: Vec<PathBuf> = versions
            .filter_map(Result::ok)
            .map(|e| e.path().join("bin"))
            .collect();
        found.sort();
        dirs.extend(found.into_iter().rev());
    }
    dirs.into_iter()
        .map(|dir| dir.join(name))
        .find(|path| path.is_file())
}

/// A cluster in a temporary folder, stopped and removed on drop.
struct Cluster {
    dir: PathBuf,
    pg_ctl: PathBuf,
    psql: PathBuf,
    /// `runuser -u postgres --` when the tests run as root (initdb refuses root).
    as_user: Vec<String>,
}

impl Cluster {
    fn start() -> Result<Cluster, String> {
        let initdb = find_binary("initdb").ok_or("no `initdb` found")?;
        let pg_ctl = find_binary("pg_ctl").ok_or("no `pg_ctl` found")?;
        let psql = find_binary("psql").ok_or("no `psql` found")?;
        let is_root = Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
        let as_user: Vec<String> = if is_root {
            let has_postgres_user = Command::new("id")
                .arg("postgres")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            if !has_postgres_user || find_binary("runuser").is_none() {
                return Err("running as root without a `postgres` user and `runuser`".into());
            }
            ["runuser", "-u", "postgres", "--"]
                .map(str::to_string)
                .to_vec()
        } else {
            Vec::new()
        };
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        // Short: the socket path must fit in 107 bytes.
        let dir = PathBuf::from(format!("/tmp/supalint-pg-{}-{nanos}", std::process::id()));
        fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let cluster = Cluster {
            dir,
            pg_ctl,
            psql,
            as_user,
        };
        if is_root {
            cluster.run(Command::new("chown").arg("postgres").arg(&cluster.dir))?;
        }
        let data = cluster.dir.join("data");
        cluster.run(
            cluster
                .server_command(&initdb)
                .args([
                    "-A",
                    "trust",
                    "-U",
                    "postgres",
                    "--no-sync",
                    "--locale=C",
                    "-E",
                    "UTF8",
                    "-D",
                ])
                .arg(&data),
        )?;
        let options = format!(
            "-k {} -c listen_addresses='' -c fsync=off -c synchronous_commit=off",
            cluster.dir.display()
        );
        cluster.run(
            cluster
                .server_command(&cluster.pg_ctl)
                .args(["-w", "-D"])
                .arg(&data)
                .args(["-o", &options, "-l"])
                .arg(cluster.dir.join("log"))
                .arg("start"),
        )?;
        cluster.sql("postgres", "create role anon nologin; create role authenticated nologin; create role service_role nologin;")?;
        Ok(cluster)
    }

    fn server_command(&self, binary: &Path) -> Command {
        match self.as_user.split_first() {
            Some((first, rest)) => {
                let mut command = Command::new(first);
                command.args(rest).arg(binary);
                command
            }
            None => Command::new(binary),
        }
    }

    fn run(&self, command: &mut Command) -> Result<(), String> {
        let output = command
            .output()
            .map_err(|e| format!("cannot run {command:?}: {e}"))?;
        if output.status.success() {
            Ok(())
        } else {
            Err(format!(
                "{command:?} failed:\n{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ))
        }
    }

    /// Runs `text` in `database` as one transaction, stopping at the first error.
    fn sql(&self, database: &str, text: &str) -> Result<(), String> {
        let mut child = Command::new(&self.psql)
            .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction"])
            .arg("-h")
            .arg(&self.dir)
            .args(["-U", "postgres", "-d", database])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run psql: {e}"))?;
        if let Some(mut stdin) = child.stdin.take() {
            use std::io::Write;
            stdin
                .write_all(text.as_bytes())
                .map_err(|e| format!("cannot write to psql: {e}"))?;
        }
        let output = child
            .wait_with_output()
            .map_err(|e| format!("psql did not finish: {e}"))?;
        if output.status.success() {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&output.stderr).into_owned())
        }
    }

    /// A fresh database with the Supabase stub in it.
    fn database(&self, name: &str) -> Result<(), String> {
        let mut create = Command::new(&self.psql);
        create
            .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h"])
            .arg(&self.dir)
            .args(["-U", "postgres", "-d", "postgres", "-c"])
            .arg(format!("create database \"{name}\""));
        self.run(&mut create)?;
        self.sql(name, SUPABASE_STUB)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = self
            .server_command(&self.pg_ctl)
            .args(["-D"])
            .arg(self.dir.join("data"))
            .args(["-m", "immediate", "stop"])
            .output();
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// A fixture case: its name, its files in migration order, and extra config keys.
struct Case {
    name: String,
    files: Vec<(String, String)>,
    config: serde_json::Value,
}

fn cases(rule: &str) -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/rules")
        .join(rule);
    let mut entries: Vec<PathBuf> = fs::read_dir(&dir)
        .map(|e| e.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.sort();
    let mut cases = Vec::new();
    for entry in entries {
        let name = entry
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        if entry.is_dir() && name != "snapshots" {
            let mut files: Vec<(String, String)> = fs::read_dir(&entry)
                .map(|e| {
                    e.filter_map(Result::ok)
                        .map(|e| e.path())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
                .into_iter()
                .filter(|p| p.extension().is_some_and(|e| e == "sql"))
                .map(|p| {
                    let file = p.file_name().unwrap_or_default().to_string_lossy();
                    (
                        format!("supabase/migrations/{file}"),
                        fs::read_to_string(&p).unwrap_or_default(),
                    )
                })
                .collect();
            files.sort();
            let config = fs::read_to_string(entry.join("case.json"))
                .ok()
                .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
                .and_then(|v| v.get("config").cloned())
                .unwrap_or(serde_json::Value::Null);
            cases.push(Case {
                name: format!("{rule}/{name}"),
                files,
                config,
            });
        } else if name.ends_with(".sql") {
            cases.push(Case {
                name: format!("{rule}/{name}"),
                files: vec![(
                    format!("supabase/migrations/20240101000000_{name}"),
                    fs::read_to_string(&entry).unwrap_or_default(),
                )],
                config: serde_json::Value::Null,
            });
        }
    }
    cases
}

/// The case's files after `--fix` with only `rule` on, or `None` when a finding has no fix.
fn fixed(rule: &str, case: &Case) -> Option<Vec<String>> {
    let mut config = serde_json::json!({ "extends": "none", "rules": { rule: "error" } });
    if let (Some(object), Some(extra)) = (config.as_object_mut(), case.config.as_object()) {
        for (key, value) in extra {
            object.insert(key.clone(), value.clone());
        }
    }
    let response = fix(&support::request(case.files.clone(), config));
    let is_complete = response
        .results
        .iter()
        .all(|r| r.refused.is_none() && r.remaining.iter().all(|d| d.rule_id != rule));
    is_complete.then(|| response.results.into_iter().map(|r| r.output).collect())
}

fn apply_twice(cluster: &Cluster, database: &str, files: &[String]) -> Result<(), String> {
    cluster.database(database)?;
    for round in 1..=2 {
        for (index, text) in files.iter().enumerate() {
            cluster
                .sql(database, text)
                .map_err(|e| format!("run {round}, file {}: {e}", index + 1))?;
        }
    }
    Ok(())
}

#[test]
fn fixed_idempotency_fixtures_apply_twice_on_postgres() {
    let cluster = match Cluster::start() {
        Ok(cluster) => cluster,
        Err(reason) => {
            eprintln!("skipped: cannot start PostgreSQL: {reason}");
            return;
        }
    };
    let mut failures = Vec::new();
    let mut applied = 0;
    for (rule_index, rule) in RULES.iter().enumerate() {
        for (case_index, case) in cases(rule).iter().enumerate() {
            let database = format!("case_{rule_index}_{case_index}");
            let runs_concurrently = case
                .files
                .iter()
                .any(|(_, text)| text.to_lowercase().contains(" concurrently "));
            if runs_concurrently {
                eprintln!(
                    "{}: not applied, CONCURRENTLY cannot run in a migration's transaction",
                    case.name
                );
                continue;
            }
            let Some(fixed) = fixed(rule, case) else {
                eprintln!("{}: not applied, some findings have no fix", case.name);
                continue;
            };
            if let Err(error) = apply_twice(&cluster, &database, &fixed) {
                failures.push(format!(
                    "{} (fixed) does not apply twice: {error}\n{}",
                    case.name,
                    fixed.join("\n-- next file\n")
                ));
            }
            applied += 1;
            let is_invalid = case.name.ends_with("/invalid.sql");
            let original: Vec<String> = case.files.iter().map(|(_, t)| t.clone()).collect();
            if is_invalid && apply_twice(&cluster, &format!("{database}_orig"), &original).is_ok() {
                failures.push(format!(
                    "{}: the unfixed fixture applies twice, so it shows no problem",
                    case.name
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(applied > 0, "no fixture was applied");
}
