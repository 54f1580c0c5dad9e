//! Maps byte offsets to 1-based lines, UTF-16 columns and UTF-16 offsets, as ESLint counts them.

/// A 1-based line and a 1-based column in UTF-16 code units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Offsets are `u32` (files past `lint::MAX_FILE_BYTES` are not indexed): the history keeps
/// every file's index for the whole run.
#[derive(Debug)]
pub struct LineIndex {
    /// Byte offset where each line starts.
    line_starts: Vec<u32>,
    /// UTF-16 offset where each line starts; empty for ASCII text, where it is the byte offset.
    line_starts_utf16: Vec<u32>,
    is_ascii: bool,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        // Bytes, not chars: `\n` and `\r` never occur inside a multi-byte character.
        for (offset, &byte) in bytes.iter().enumerate() {
            // A lone `\r` also ends a line for ESLint; `\r\n` ends one line, at the `\n`.
            let ends_line =
                byte == b'\n' || (byte == b'\r' && bytes.get(offset + 1) != Some(&b'\n'));
            if ends_line {
                line_starts.push((offset + 1) as u32);
            }
        }
        line_starts.shrink_to_fit();
        let is_ascii = text.is_ascii();
        let line_starts_utf16 = if is_ascii {
            Vec::new()
        } else {
            let mut utf16 = 0;
            let mut previous = 0;
            line_starts
                .iter()
                .map(|&start| {
                    utf16 += utf16_len(&text[previous..start as usize]) as u32;
                    previous = start as usize;
                    utf16
                })
                .collect()
        };
        LineIndex {
            line_starts,
            line_starts_utf16,
            is_ascii,
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The 0-based line holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&(offset as u32)) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte offset of the start of a 0-based line.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts[line.min(self.line_starts.len() - 1)] as usize
    }

    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = clamp_to_char_boundary(text, offset);
        let line = self.line_of(offset);
        let start = self.line_starts[line] as usize;
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
        let start = self.line_starts[line] as usize;
        self.line_starts_utf16[line] as usize + utf16_len(&text[start..offset])
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
