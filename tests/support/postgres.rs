//! One throwaway PostgreSQL cluster for the tests that check claims on a real server:
//! `initdb` + `pg_ctl` in a fresh folder under `/tmp`, listening only on a Unix socket there,
//! with `fsync` off. Databases get supalint's Supabase stand-in
//! (`pkg-js/sql/supabase-standin.sql`) on request. The cluster is stopped and its folder
//! removed on drop.
//!
//! Without PostgreSQL server binaries a test skips, saying why, except under `CI`, where
//! skipping would hide that nothing was checked: there it fails.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

/// The Supabase stand-in `supalint verify` installs: roles, `auth`, `storage`, `realtime`,
/// the `extensions` schema and Supabase's default privileges on `public`.
pub const SUPABASE_STAND_IN: &str = include_str!("../../pkg-js/sql/supabase-standin.sql");

/// The port is only part of the socket's file name: every cluster has its own folder.
const PORT: &str = "5432";

/// A running throwaway cluster; stopped and removed on drop.
pub struct Cluster {
    /// The folder holding `initdb`, `pg_ctl` and usually `psql`.
    bin: PathBuf,
    psql: PathBuf,
    /// Data directory, log and socket.
    dir: PathBuf,
    /// `initdb` refuses to run as root: then the server runs as `postgres`.
    run_as: Option<&'static str>,
}

/// A database in a [`Cluster`].
pub struct Database<'a> {
    cluster: &'a Cluster,
    pub name: String,
}

/// Starts a cluster, or returns `None` after printing why PostgreSQL is not installed.
/// Panics under `CI` when it is not, and whenever an installed server fails to start.
pub fn cluster_or_skip() -> Option<Cluster> {
    let Some(bin) = postgres_bin() else {
        let reason = "no `initdb`/`pg_ctl` on PATH or in /usr/lib/postgresql/*/bin";
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must check this on a real PostgreSQL, but there is {reason}"
        );
        println!("skipped: {reason}");
        return None;
    };
    match Cluster::start(bin) {
        Ok(cluster) => Some(cluster),
        Err(error) => panic!("could not start a throwaway PostgreSQL cluster: {error}"),
    }
}

impl Cluster {
    fn start(bin: PathBuf) -> Result<Cluster, String> {
        let run_as = if is_root() {
            let has_postgres_user = Command::new("id")
                .arg("postgres")
                .output()
                .is_ok_and(|o| o.status.success());
            if !has_postgres_user {
                return Err("running as root and there is no `postgres` user for initdb".into());
            }
            Some("postgres")
        } else {
            None
        };
        let psql = [bin.join("psql"), PathBuf::from("/usr/bin/psql")]
            .into_iter()
            .find(|p| p.is_file())
            .ok_or("no `psql` beside `initdb` or in /usr/bin")?;
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        // Short: a Unix socket path must fit in 107 bytes.
        let dir = PathBuf::from(format!("/tmp/supalint-pg-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let cluster = Cluster {
            bin,
            psql,
            dir,
            run_as,
        };
        if let Some(user) = run_as {
            run(Command::new("chown").arg(user).arg(&cluster.dir))?;
        }
        let data = cluster.dir.join("data");
        run(cluster
            .server_command("initdb")
            .arg("-D")
            .arg(&data)
            .args(["-A", "trust", "-U", "postgres", "--no-sync"])
            .args(["--locale=C", "-E", "UTF8"]))?;
        let options = format!(
            "-k {} -p {PORT} -c listen_addresses='' -c fsync=off -c synchronous_commit=off \
             -c full_page_writes=off",
            cluster.dir.display()
        );
        run(cluster
            .server_command("pg_ctl")
            .arg("-D")
            .arg(&data)
            .args(["-o", &options, "-l"])
            .arg(cluster.dir.join("log"))
            .args(["-w", "start"]))?;
        Ok(cluster)
    }

    /// The cluster's folder (data directory, log and socket).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A server binary, run as `postgres` when the tests run as root.
    fn server_command(&self, program: &str) -> Command {
        let binary = self.bin.join(program);
        let mut command = match self.run_as {
            Some(user) => {
                let mut command = Command::new("runuser");
                command.args(["-u", user, "--"]).arg(binary);
                command
            }
            None => Command::new(binary),
        };
        command.current_dir(&self.dir);
        command
    }

    /// `psql` as `postgres` on `database`, stopping at the first error.
    fn psql(&self, database: &str) -> Command {
        let mut command = Command::new(&self.psql);
        command
            .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h"])
            .arg(&self.dir)
            .args(["-p", PORT, "-U", "postgres", "-d", database]);
        command
    }

    /// The `postgres` maintenance database, which always exists.
    pub fn postgres(&self) -> Database<'_> {
        Database {
            cluster: self,
            name: "postgres".into(),
        }
    }

    /// A new empty database.
    pub fn create_database(&self, name: &str) -> Result<Database<'_>, String> {
        self.postgres()
            .sql(&format!("create database \"{name}\""))
            .map_err(|e| format!("create database {name}: {e}"))?;
        Ok(Database {
            cluster: self,
            name: name.into(),
        })
    }

    /// A new database with the Supabase stand-in installed.
    pub fn create_supabase_database(&self, name: &str) -> Result<Database<'_>, String> {
        let database = self.create_database(name)?;
        database
            .apply(SUPABASE_STAND_IN)
            .map_err(|e| format!("the Supabase stand-in does not install: {e}"))?;
        Ok(database)
    }

    /// Drops `database`, ending its sessions.
    pub fn drop_database(&self, database: Database<'_>) -> Result<(), String> {
        self.postgres()
            .sql(&format!(
                "drop database if exists \"{}\" with (force)",
                database.name
            ))
            .map(|_| ())
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = run(self
            .server_command("pg_ctl")
            .arg("-D")
            .arg(self.dir.join("data"))
            .args(["-m", "immediate", "stop"]));
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Database<'_> {
    /// Runs `sql` in one session as `postgres` (one implicit transaction, as `psql -c` sends
    /// it in one message). `Ok` holds the output, unaligned, without headers, trimmed; `Err`
    /// the server's error.
    pub fn sql(&self, sql: &str) -> Result<String, String> {
        run(self.cluster.psql(&self.name).args(["-t", "-A", "-c", sql]))
            .map(|out| out.trim().to_string())
    }

    /// Applies a migration file the way the Supabase CLI does: in one transaction, stopping
    /// at the first error, which `Err` holds.
    pub fn apply(&self, text: &str) -> Result<(), String> {
        let output = self.feed(text, &["--single-transaction"])?;
        if output.status.success() {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&output.stderr).into_owned())
        }
    }

    /// Runs a psql script to its end whatever fails (`ON_ERROR_STOP` off), with errors in
    /// verbose form (`ERROR:  42601: …`); returns what psql wrote to stderr, where `\warn`
    /// lines land in order with the errors.
    pub fn run_script(&self, script: &str) -> Result<String, String> {
        let output = self.feed(
            script,
            &["-v", "ON_ERROR_STOP=0", "-v", "VERBOSITY=verbose"],
        )?;
        Ok(String::from_utf8_lossy(&output.stderr).into_owned())
    }

    /// psql on this database with `args`, `text` on its standard input.
    fn feed(&self, text: &str, args: &[&str]) -> Result<std::process::Output, String> {
        let mut child = self
            .cluster
            .psql(&self.name)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run psql: {e}"))?;
        let mut stdin = child.stdin.take().ok_or("psql has no stdin")?;
        // Written from another thread: psql may fill its output pipe before it has read
        // the whole file.
        std::thread::scope(|scope| {
            scope.spawn(move || stdin.write_all(text.as_bytes()));
            child.wait_with_output()
        })
        .map_err(|e| format!("psql did not finish: {e}"))
    }
}

/// The directory holding `initdb` and `pg_ctl`: on PATH, else the newest
/// `/usr/lib/postgresql/*/bin`.
fn postgres_bin() -> Option<PathBuf> {
    let on_path: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).collect())
        .unwrap_or_default();
    let mut versioned: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
                .collect()
        })
        .unwrap_or_default();
    versioned.sort();
    versioned.reverse();
    on_path
        .into_iter()
        .chain(versioned)
        .find(|dir| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Runs `command`; `Ok` holds its stdout, `Err` the command and its stderr.
fn run(command: &mut Command) -> Result<String, String> {
    let output = command
        .output()
        .map_err(|e| format!("cannot run {:?}: {e}", command.get_program()))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}
