//! A throwaway PostgreSQL cluster on a Unix socket (`initdb` + `pg_ctl`, as
//! `tests/postgres_claims.rs` starts one), driven with `psql`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A throwaway cluster on a Unix socket, as `tests/postgres_claims.rs` starts one; stopped and
/// removed on drop.
pub struct Cluster {
    bin: PathBuf,
    pub dir: PathBuf,
    port: u16,
}

impl Cluster {
    /// A started cluster, or `None` (printing why) when PostgreSQL cannot start outside CI.
    /// With `CI` set, a test needing PostgreSQL fails instead.
    pub fn start_or_skip() -> Option<Cluster> {
        match Cluster::start() {
            Ok(cluster) => Some(cluster),
            Err(reason) if std::env::var_os("CI").is_none() => {
                println!("skipped: cannot start PostgreSQL ({reason}); with CI set this fails");
                None
            }
            Err(reason) => panic!("CI needs PostgreSQL for this test: {reason}"),
        }
    }

    pub fn start() -> Result<Cluster, String> {
        let bin = ["/usr/local/bin", "/usr/lib/postgresql/15/bin", "/usr/bin"]
            .iter()
            .map(PathBuf::from)
            .chain(std::env::split_paths(
                &std::env::var_os("PATH").unwrap_or_default(),
            ))
            .find(|dir| dir.join("initdb").is_file() && dir.join("psql").is_file())
            .ok_or("no initdb and psql on PATH")?;
        let pid = std::process::id();
        let dir = PathBuf::from(format!("/tmp/supalint-le-{pid}"));
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let cluster = Cluster {
            bin,
            dir,
            port: 40_000 + (pid % 20_000) as u16,
        };
        if is_root() {
            run(Command::new("chown").arg("postgres").arg(&cluster.dir))?;
        }
        let data = cluster.dir.join("data");
        cluster.server(&[
            "initdb",
            "-D",
            path(&data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "--no-sync",
        ])?;
        let options = format!(
            "-k {} -p {} -c listen_addresses=''",
            path(&cluster.dir),
            cluster.port
        );
        let log = cluster.dir.join("log");
        cluster.server(&[
            "pg_ctl",
            "-D",
            path(&data),
            "-o",
            &options,
            "-l",
            path(&log),
            "-w",
            "start",
        ])?;
        Ok(cluster)
    }

    /// Runs a server program, as `postgres` when we are root (`initdb` refuses root).
    fn server(&self, args: &[&str]) -> Result<String, String> {
        let program = self.bin.join(args[0]);
        let mut command = if is_root() {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(program);
            c
        } else {
            Command::new(program)
        };
        run(command.args(&args[1..]).current_dir(&self.dir))
    }

    /// Runs `psql` on `database` with `args`; `Err` holds its standard error.
    pub fn psql(&self, database: &str, args: &[&str]) -> Result<String, String> {
        run(Command::new(self.bin.join("psql"))
            .args([
                "-X",
                "-q",
                "-h",
                path(&self.dir),
                "-U",
                "postgres",
                "-d",
                database,
            ])
            .args(["-p", &self.port.to_string()])
            .args(args))
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.dir.join("data");
        let _ = self.server(&["pg_ctl", "-D", path(&data), "-m", "immediate", "stop"]);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn path(path: &Path) -> &str {
    path.to_str().unwrap_or_default()
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

fn run(command: &mut Command) -> Result<String, String> {
    let output = command.output().map_err(|e| e.to_string())?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}
