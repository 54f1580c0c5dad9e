//! Migration file names as the Supabase CLI reads them: `<version>_<description>.sql`.
//!
//! The CLI matches `^([0-9]+)_(.*)\.sql$` and skips every other file in the migrations folder.

/// The parts of a migration file name. Each part is a slice of the name, possibly empty.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MigrationName<'a> {
    /// The whole file name, folders removed.
    pub file_name: &'a str,
    /// The leading run of ASCII digits (the version when it is 14 long).
    pub digits: &'a str,
    /// The character right after the digits, when there are digits and anything follows.
    pub separator: Option<char>,
    /// What follows the version and its separator, up to the extension; the whole stem when
    /// there is no version.
    pub description: &'a str,
    /// What follows the last `.`, when the name has one.
    pub extension: Option<&'a str>,
}

impl<'a> MigrationName<'a> {
    /// Splits the last segment of `path`.
    pub fn parse(path: &'a str) -> Self {
        let file_name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let (stem, extension) = match file_name.rsplit_once('.') {
            Some((stem, extension)) => (stem, Some(extension)),
            None => (file_name, None),
        };
        let digit_count = stem.bytes().take_while(u8::is_ascii_digit).count();
        let digits = &stem[..digit_count];
        let rest = &stem[digit_count..];
        let separator = if digits.is_empty() {
            None
        } else {
            rest.chars().next()
        };
        let description = match separator {
            Some(c) if is_separator(c) => &rest[c.len_utf8()..],
            _ => rest,
        };
        MigrationName {
            file_name,
            digits,
            separator,
            description,
            extension,
        }
    }

    /// The words of the description, lower case, split on `_`, `-`, spaces, dots and
    /// camelCase humps: `AddNotesV2` is `add`, `notes`, `v2`, as its snake_case rename says.
    pub fn words(&self) -> impl Iterator<Item = String> {
        to_lower_snake_case(self.description)
            .split('_')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect::<Vec<_>>()
            .into_iter()
    }
}

/// Characters people put between the version and the description (`_` is the only right one).
fn is_separator(c: char) -> bool {
    matches!(c, '_' | '-' | ' ' | '.')
}

/// Whether `text` is lower snake_case: `[a-z0-9]+` words joined by single `_`.
pub fn is_lower_snake_case(text: &str) -> bool {
    !text.is_empty()
        && text.split('_').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// `text` rewritten as lower snake_case, for suggestions: `Add-Notes v2` → `add_notes_v2`.
pub fn to_lower_snake_case(text: &str) -> String {
    let mut out = String::new();
    let mut previous_lower = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && previous_lower && !out.ends_with('_') {
                out.push('_');
            }
            previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
            previous_lower = false;
        }
    }
    out.trim_end_matches('_').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_a_well_formed_name() {
        let name = MigrationName::parse("supabase/migrations/20240101000000_add_notes.sql");
        assert_eq!(name.file_name, "20240101000000_add_notes.sql");
        assert_eq!(name.digits, "20240101000000");
        assert_eq!(name.separator, Some('_'));
        assert_eq!(name.description, "add_notes");
        assert_eq!(name.extension, Some("sql"));
    }

    #[test]
    fn a_name_without_version_is_all_description() {
        let name = MigrationName::parse("local_20240107152745_ollama.sql");
        assert_eq!(name.digits, "");
        assert_eq!(name.separator, None);
        assert_eq!(name.description, "local_20240107152745_ollama");
    }

    #[test]
    fn odd_separators_and_extensions_are_kept() {
        let name = MigrationName::parse("0001-initial.SQL");
        assert_eq!(name.digits, "0001");
        assert_eq!(name.separator, Some('-'));
        assert_eq!(name.description, "initial");
        assert_eq!(name.extension, Some("SQL"));
        let name = MigrationName::parse("20240101000000");
        assert_eq!(name.separator, None);
        assert_eq!(name.extension, None);
        let name = MigrationName::parse("20240101000000add.sql");
        assert_eq!(name.separator, Some('a'));
        assert_eq!(name.description, "add");
    }

    #[test]
    fn multibyte_names_do_not_panic() {
        let name = MigrationName::parse("20240101000000é_notes.sql");
        assert_eq!(name.separator, Some('é'));
        assert_eq!(name.description, "é_notes");
    }

    #[test]
    fn snake_case_checks_and_suggestions() {
        assert!(is_lower_snake_case("add_notes_2"));
        assert!(!is_lower_snake_case("add__notes"));
        assert!(!is_lower_snake_case("addNotes"));
        assert!(!is_lower_snake_case("add-notes"));
        assert!(!is_lower_snake_case(""));
        assert_eq!(to_lower_snake_case("Add-Notes v2"), "add_notes_v2");
        assert_eq!(
            to_lower_snake_case("createLinksTable"),
            "create_links_table"
        );
    }

    #[test]
    fn words_split_on_separators_and_camel_case() {
        let words = |path| MigrationName::parse(path).words().collect::<Vec<_>>();
        assert_eq!(words("20240301_AddNotesV2.sql"), ["add", "notes", "v2"]);
        assert_eq!(
            words("20240301090000_notes-Backup copy.sql"),
            ["notes", "backup", "copy"]
        );
        assert_eq!(words("20240301090000.sql"), Vec::<String>::new());
    }
}
