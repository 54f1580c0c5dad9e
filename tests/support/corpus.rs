//! The real-world corpus of migration histories (`/work/shared/corpus`, or `SUPALINT_CORPUS`):
//! one folder is one history, except that a folder's subfolders (the example projects of
//! `supabase__supabase`) are histories of their own.

use std::fs;
use std::path::{Path, PathBuf};

use supalint::{InputFile, LintRequest};

/// One migration history: its name (`folder` or `folder/subfolder`) and its `.sql` files as
/// `(file name, text)`, sorted by file name.
pub struct Project {
    pub name: String,
    pub files: Vec<(String, String)>,
}

impl Project {
    /// The files in migration order, as the engine's history replays them: files with a
    /// 14-digit version first, by version then name; then the others, by name.
    pub fn files_in_migration_order(&self) -> Vec<&(String, String)> {
        let mut files: Vec<&(String, String)> = self.files.iter().collect();
        files.sort_by_key(|(name, _)| (version_of(name).is_none(), version_of(name), name));
        files
    }

    /// The files as linter input, each under `supabase/migrations/`.
    pub fn inputs(&self) -> Vec<InputFile> {
        self.files
            .iter()
            .map(|(name, text)| InputFile {
                path: format!("supabase/migrations/{name}"),
                text: text.clone(),
            })
            .collect()
    }

    /// A lint request for the history with `config`.
    pub fn request(&self, config: serde_json::Value) -> LintRequest {
        let mut request = LintRequest::new(self.inputs());
        request.config = config;
        request
    }
}

/// The leading run of digits of a file name when it is exactly 14 long.
fn version_of(file_name: &str) -> Option<&str> {
    let digits = file_name.bytes().take_while(u8::is_ascii_digit).count();
    (digits == 14).then(|| &file_name[..14])
}

/// `SUPALINT_CORPUS`, else `/work/shared/corpus`.
pub fn root() -> PathBuf {
    std::env::var_os("SUPALINT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/shared/corpus"))
}

/// [`root`] when it is a folder. Otherwise prints why the test is skipped and returns `None`,
/// or fails under `CI`, where skipping would hide that nothing was checked.
pub fn root_or_skip() -> Option<PathBuf> {
    let root = root();
    if root.is_dir() {
        return Some(root);
    }
    let reason = format!(
        "no corpus at {} (set SUPALINT_CORPUS to its folder)",
        root.display()
    );
    assert!(
        std::env::var_os("CI").is_none(),
        "CI needs the corpus: {reason}"
    );
    println!("skipped: {reason}");
    None
}

/// Every history under `root`, by name.
pub fn projects(root: &Path) -> Vec<Project> {
    let mut projects = Vec::new();
    for dir in subfolders(root) {
        let name = file_name(&dir);
        let files = sql_files(&dir);
        if !files.is_empty() {
            projects.push(Project {
                name: name.clone(),
                files,
            });
        }
        for sub in subfolders(&dir) {
            let files = sql_files(&sub);
            if !files.is_empty() {
                projects.push(Project {
                    name: format!("{name}/{}", file_name(&sub)),
                    files,
                });
            }
        }
    }
    projects
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

fn subfolders(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(dir)
        .map(|e| e.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    dirs.retain(|d| d.is_dir());
    dirs.sort();
    dirs
}

/// The `.sql` files directly in `dir`, by name; bytes that are not UTF-8 become U+FFFD.
fn sql_files(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "sql"))
                .map(|p| {
                    let bytes = fs::read(&p).unwrap_or_default();
                    (file_name(&p), String::from_utf8_lossy(&bytes).into_owned())
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}
