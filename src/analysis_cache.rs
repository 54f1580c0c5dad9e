//! File analyses kept from one engine call to the next.
//!
//! An editor lints the same history on every keystroke (the language server, the ESLint
//! plugin) and `--fix` lints it again after each pass, while only one file changed. Reading a
//! file (lexing, statements, facts, sqlparser's validation) depends on its path and text alone,
//! so the analysis of a file whose text is unchanged is reused; the history and the rules,
//! which depend on every file, run again. The cache holds exactly the files of the last call,
//! so its memory is that call's.

use std::collections::HashMap;
use std::rc::Rc;

use crate::lint::{analyze_text, Analyzed, InputFile};

#[derive(Default)]
pub struct AnalysisCache {
    by_path: HashMap<String, CachedAnalysis>,
}

struct CachedAnalysis {
    /// Whether sqlparser validated the statements. A validated analysis also serves a request
    /// that does not validate (the findings are the same: `LintRequest::validate`).
    is_validated: bool,
    analyzed: Rc<Analyzed>,
}

impl AnalysisCache {
    /// The analysis of each file, in order: reused where the path, the text and the validation
    /// match the last call's, analysed afresh otherwise. Forgets files this call does not have.
    pub fn analyze(&mut self, files: Vec<InputFile>, is_validating: bool) -> Vec<Rc<Analyzed>> {
        let mut next = HashMap::with_capacity(files.len());
        let analyzed = files
            .into_iter()
            .map(|file| {
                let reusable = self.by_path.remove(&file.path).filter(|cached| {
                    (cached.is_validated || !is_validating)
                        && cached.analyzed.source.text == file.text
                });
                let cached = reusable.unwrap_or_else(|| CachedAnalysis {
                    is_validated: is_validating,
                    analyzed: Rc::new(analyze_text(&file.path, file.text, is_validating)),
                });
                let analyzed = Rc::clone(&cached.analyzed);
                next.insert(file.path, cached);
                analyzed
            })
            .collect();
        self.by_path = next;
        analyzed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> InputFile {
        InputFile {
            path: path.to_string(),
            text: text.to_string(),
        }
    }

    #[test]
    fn reuses_unchanged_files_and_analyses_changed_ones() {
        let mut cache = AnalysisCache::default();
        let first = cache.analyze(
            vec![file("a.sql", "select 1;"), file("b.sql", "select 2;")],
            true,
        );
        let second = cache.analyze(
            vec![file("a.sql", "select 1;"), file("b.sql", "select 3;")],
            true,
        );
        assert!(Rc::ptr_eq(&first[0], &second[0]));
        assert!(!Rc::ptr_eq(&first[1], &second[1]));
        assert_eq!(second[1].source.text, "select 3;");
    }

    #[test]
    fn a_validating_call_does_not_reuse_an_unvalidated_analysis() {
        let mut cache = AnalysisCache::default();
        let unvalidated = cache.analyze(vec![file("a.sql", "select 1;")], false);
        let validated = cache.analyze(vec![file("a.sql", "select 1;")], true);
        assert!(!Rc::ptr_eq(&unvalidated[0], &validated[0]));
        assert_eq!(validated[0].facts.parsed_count(), 1);
        let again = cache.analyze(vec![file("a.sql", "select 1;")], false);
        assert!(Rc::ptr_eq(&validated[0], &again[0]));
    }

    #[test]
    fn forgets_files_the_last_call_did_not_have() {
        let mut cache = AnalysisCache::default();
        let first = cache.analyze(vec![file("a.sql", "select 1;")], true);
        cache.analyze(vec![file("b.sql", "select 2;")], true);
        let third = cache.analyze(vec![file("a.sql", "select 1;")], true);
        assert!(!Rc::ptr_eq(&first[0], &third[0]));
    }
}
