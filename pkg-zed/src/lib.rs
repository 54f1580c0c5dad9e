//! A Zed dev extension for supalint (docs/editors.md): starts `supalint lsp --stdio`
//! from the worktree's own `node_modules`, with the Node.js that Zed manages, for SQL files.
//! Zed only runs language servers that an extension registers; everything else
//! (diagnostics, quick fixes, hover) is the language server's.

use zed_extension_api::{self as zed, LanguageServerId, Result};

/// Where `pnpm add -D supalint` (or npm, yarn) puts the CLI, relative to the worktree root.
const CLI: &str = "node_modules/supalint/src/cli/index.js";

struct Supalint;

impl zed::Extension for Supalint {
    fn new() -> Self {
        Supalint
    }

    fn language_server_command(
        &mut self,
        _language_server_id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        if worktree.read_text_file(CLI).is_err() {
            return Err(format!(
                "supalint is not installed in {}: run `pnpm add -D supalint` there",
                worktree.root_path()
            ));
        }
        let cli = format!("{}/{CLI}", worktree.root_path());
        Ok(zed::Command {
            command: zed::node_binary_path()?,
            args: vec![cli, "lsp".into(), "--stdio".into()],
            env: Default::default(),
        })
    }
}

zed::register_extension!(Supalint);
