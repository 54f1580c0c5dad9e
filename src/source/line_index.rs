//! Maps byte offsets to 1-based lines, UTF-16 columns and UTF-16 offsets, as ESLint counts them.

/// A 1-based line and a 1-based column in UTF-16 code units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug)]
pub struct LineIndex {
    /// Byte offset where each line starts.
    line_starts: Vec<usize>,
    /// UTF-16 offset where each line starts.
    line_starts_utf16: Vec<usize>,
    is_ascii: bool,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        let mut line_starts_utf16 = vec![0];
        let mut utf16 = 0;
        for (offset, ch) in text.char_indices() {
            utf16 += ch.len_utf16();
            // A lone `\r` also ends a line for ESLint; `\r\n` ends one line, at the `\n`.
            let ends_line =
                ch == '\n' || (ch == '\r' && text.as_bytes().get(offset + 1) != Some(&b'\n'));
            if ends_line {
                line_starts.push(offset + 1);
                line_starts_utf16.push(utf16);
            }
        }
        LineIndex {
            line_starts,
            line_starts_utf16,
            is_ascii: text.is_ascii(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The 0-based line holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte offset of the start of a 0-based line.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts[line.min(self.line_starts.len() - 1)]
    }

    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = clamp_to_char_boundary(text, offset);
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let column = if self.is_ascii {
            offset - start
        } else {
            utf16_len(&text[start..offset])
        };
        Position {
            line: line + 1,
            column: column + 1,
        }
    }

    pub fn utf16_offset(&self, text: &str, offset: usize) -> usize {
        let offset = clamp_to_char_boundary(text, offset);
        if self.is_ascii {
            return offset;
        }
        let line = self.line_of(offset);
        self.line_starts_utf16[line] + utf16_len(&text[self.line_starts[line]..offset])
    }
}

fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// The largest char boundary at or before `offset`, so a position is never inside a character.
pub fn clamp_to_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_columns_in_utf16_units() {
        let text = "a\n😀b\r\nc";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), Position { line: 1, column: 1 });
        let b = text.find('b').unwrap();
        assert_eq!(index.position(text, b), Position { line: 2, column: 3 });
        assert_eq!(index.utf16_offset(text, b), 4);
        let c = text.find('c').unwrap();
        assert_eq!(index.position(text, c), Position { line: 3, column: 1 });
    }

    #[test]
    fn lone_carriage_return_ends_a_line() {
        let text = "a\rb";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 2), Position { line: 2, column: 1 });
    }
}
