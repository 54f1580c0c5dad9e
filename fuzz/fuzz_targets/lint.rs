//! Lints arbitrary bytes (as UTF-8, lossily) next to a small history file, and checks that
//! every diagnostic sits inside the file on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use supalint::{lint, InputFile, LintRequest};

const HISTORY: &str = "create table if not exists public.notes (id bigint primary key);\n";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let mut request = LintRequest::new(vec![
        InputFile {
            path: "supabase/migrations/20240101000000_history.sql".into(),
            text: HISTORY.into(),
        },
        InputFile {
            path: "supabase/migrations/20240102000000_fuzz.sql".into(),
            text: text.clone(),
        },
    ]);
    request.now = Some("2026-01-01T00:00:00Z".into());
    request.config = serde_json::json!({ "extends": "all" });
    let response = lint(&request);
    for diagnostic in &response.results[1].diagnostics {
        let (start, end) = (diagnostic.byte_range[0], diagnostic.byte_range[1]);
        assert!(start <= end && end <= text.len(), "{diagnostic:?}");
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        assert!(diagnostic.line >= 1 && diagnostic.column >= 1);
    }
});
