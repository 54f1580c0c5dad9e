//! Fixes arbitrary bytes (as UTF-8, lossily): the engine must not panic, and a fixed text
//! must itself lint without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use supalint::fixer::fix;
use supalint::{lint, InputFile, LintRequest};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let file = |text: String| InputFile {
        path: "supabase/migrations/20240102000000_fuzz.sql".into(),
        text,
    };
    let mut request = LintRequest::new(vec![file(text)]);
    request.now = Some("2026-01-01T00:00:00Z".into());
    request.config = serde_json::json!({ "extends": "all" });
    let fixed = fix(&request);
    let mut again = request.clone();
    again.files = vec![file(fixed.results[0].output.clone())];
    lint(&again);
});
