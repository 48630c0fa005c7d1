//! Where each value sits in a RON file, so that checks made after parsing (a duplicate period,
//! a negative revenue) can point at a line and column. The `ron` crate reports positions only for
//! syntax errors; this scanner walks the text once and records the start of every value under a
//! path such as `periods[3].revenue`.
//!
//! Lines are counted as an editor shows them: a line ends at LF, CRLF or a lone CR. Columns count
//! characters from 1. The scanner knows every RON token that can hide brackets or line ends
//! (strings with escapes, raw strings `r#"…"#`, byte strings `b"…"` and `br#"…"#`, characters,
//! raw identifiers `r#name`, line comments and nested block comments), so positions after them
//! stay right. It never fails: on text that is not RON it records less.

use std::collections::HashMap;

/// Start positions of values, keyed by path (`company.unit`, `periods[3].revenue`).
#[derive(Debug, Default)]
pub(crate) struct PathIndex {
    positions: HashMap<String, (usize, usize)>,
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Ident(String),
    Open(char),
    Close,
    Comma,
    Colon,
    Hash,
    Literal,
}

enum Frame {
    Struct { field: Option<String> },
    Sequence { index: usize },
}

type Positioned = (Token, (usize, usize));

impl PathIndex {
    /// Scans RON text. Assumes the text already parsed; on odd input it records less, never fails.
    pub(crate) fn build(text: &str) -> Self {
        let tokens = tokenize(text);
        let mut positions = HashMap::new();
        let mut stack: Vec<Frame> = Vec::new();
        let mut index = skip_attributes(&tokens);
        while index < tokens.len() {
            let (token, position) = &tokens[index];
            match token {
                Token::Ident(name)
                    if matches!(stack.last(), Some(Frame::Struct { field: None }))
                        && is_colon(&tokens, index + 1) =>
                {
                    if let Some(Frame::Struct { field }) = stack.last_mut() {
                        *field = Some(name.clone());
                    }
                    index += 1;
                }
                Token::Ident(_) | Token::Literal => {
                    positions.entry(path_of(&stack)).or_insert(*position);
                }
                Token::Open(bracket) => {
                    positions.entry(path_of(&stack)).or_insert(*position);
                    let is_struct = *bracket == '('
                        && matches!(tokens.get(index + 1), Some((Token::Ident(_), _)))
                        && is_colon(&tokens, index + 2);
                    stack.push(if is_struct {
                        Frame::Struct { field: None }
                    } else {
                        Frame::Sequence { index: 0 }
                    });
                }
                Token::Close => {
                    stack.pop();
                }
                Token::Comma => match stack.last_mut() {
                    Some(Frame::Struct { field }) => *field = None,
                    Some(Frame::Sequence { index }) => *index += 1,
                    None => {}
                },
                Token::Colon | Token::Hash => {}
            }
            index += 1;
        }
        Self { positions }
    }

    /// Line and column of the value at `path`, or of its nearest recorded parent.
    pub(crate) fn locate(&self, path: &str) -> (usize, usize) {
        let mut path = path;
        loop {
            if let Some(position) = self.positions.get(path) {
                return *position;
            }
            match path.rfind(['.', '[']) {
                Some(cut) => path = &path[..cut],
                None => return self.positions.get("").copied().unwrap_or((1, 1)),
            }
        }
    }
}

/// The field names of the outermost struct in RON text, in file order (`["company", "periods"]`
/// for a dataset). Empty when the text does not start with a struct.
pub(crate) fn top_level_fields(text: &str) -> Vec<String> {
    let tokens = tokenize(text);
    let mut index = skip_attributes(&tokens);
    if matches!(tokens.get(index), Some((Token::Ident(_), _))) {
        index += 1;
    }
    if tokens.get(index).map(|token| &token.0) != Some(&Token::Open('(')) {
        return Vec::new();
    }
    let mut fields = Vec::new();
    let mut depth = 0_usize;
    for (at, (token, _)) in tokens.iter().enumerate().skip(index) {
        match token {
            Token::Open(_) => depth += 1,
            Token::Close => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            // Inside a struct, an identifier before a colon is a field name, never a value.
            Token::Ident(name) if depth == 1 && is_colon(&tokens, at + 1) => {
                fields.push(name.clone());
            }
            _ => {}
        }
    }
    fields
}

fn is_colon(tokens: &[Positioned], index: usize) -> bool {
    tokens.get(index).map(|token| &token.0) == Some(&Token::Colon)
}

/// Index of the first token after any `#![…]` attributes at the start.
fn skip_attributes(tokens: &[Positioned]) -> usize {
    let mut index = 0;
    while tokens.get(index).map(|token| &token.0) == Some(&Token::Hash) {
        index += 1;
        if tokens.get(index).map(|token| &token.0) != Some(&Token::Open('[')) {
            return index;
        }
        let mut depth = 0_usize;
        while let Some((token, _)) = tokens.get(index) {
            index += 1;
            match token {
                Token::Open(_) => depth += 1,
                Token::Close => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
        }
    }
    index
}

fn path_of(stack: &[Frame]) -> String {
    let mut path = String::new();
    for frame in stack {
        match frame {
            Frame::Struct { field: Some(field) } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(field);
            }
            Frame::Struct { field: None } => {}
            Frame::Sequence { index } => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
    }
    path
}

/// True when `current` (followed by `next`) ends a line as an editor shows it: LF, a lone CR,
/// or the LF of a CRLF (whose CR is then part of the line end, not a character of the line).
pub(crate) fn breaks_line(current: char, next: Option<char>) -> bool {
    current == '\n' || (current == '\r' && next != Some('\n'))
}

/// 1-based line and column of byte `offset` in `text`, lines as an editor shows them.
pub(crate) fn position_of_offset(text: &str, offset: usize) -> (usize, usize) {
    let (mut line, mut column) = (1, 1);
    let mut chars = text.char_indices().peekable();
    while let Some((at, current)) = chars.next() {
        if at >= offset {
            break;
        }
        let next = chars.peek().map(|&(_, next)| next);
        if breaks_line(current, next) {
            line += 1;
            column = 1;
        } else if current != '\r' {
            column += 1;
        }
    }
    (line, column)
}

/// Byte offset of a position as the `ron` crate counts it (lines end only at LF; columns count
/// characters, CR included), so its error positions can be re-counted by [`position_of_offset`].
pub(crate) fn offset_of_ron_position(text: &str, line: usize, column: usize) -> usize {
    let mut line_start = 0;
    if line > 1 {
        match text.match_indices('\n').nth(line - 2) {
            Some((at, _)) => line_start = at + 1,
            None => return text.len(),
        }
    }
    text[line_start..]
        .char_indices()
        .take_while(|&(_, character)| character != '\n')
        .nth(column.saturating_sub(1))
        .map_or_else(
            || {
                text[line_start..]
                    .find('\n')
                    .map_or(text.len(), |end| line_start + end)
            },
            |(at, _)| line_start + at,
        )
}

/// Start offsets of every line, to find the line of many offsets quickly (CSV records).
pub(crate) struct LineStarts {
    starts: Vec<usize>,
}

impl LineStarts {
    /// Records where each line of `text` starts.
    pub(crate) fn new(text: &str) -> Self {
        let mut starts = vec![0];
        let bytes = text.as_bytes();
        for (at, &byte) in bytes.iter().enumerate() {
            let next = bytes.get(at + 1).copied().map(char::from);
            if breaks_line(char::from(byte), next) {
                starts.push(at + 1);
            }
        }
        Self { starts }
    }

    /// 1-based line of byte `offset`.
    pub(crate) fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }
}

/// Tracks line and column while walking characters.
struct Walker {
    chars: Vec<char>,
    at: usize,
    line: usize,
    column: usize,
}

impl Walker {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.at + ahead).copied()
    }

    fn position(&self) -> (usize, usize) {
        (self.line, self.column)
    }

    fn step(&mut self) {
        let Some(current) = self.peek(0) else {
            return;
        };
        if breaks_line(current, self.peek(1)) {
            self.line += 1;
            self.column = 1;
        } else if current != '\r' {
            self.column += 1;
        }
        self.at += 1;
    }

    fn steps(&mut self, count: usize) {
        for _ in 0..count {
            self.step();
        }
    }

    fn count_while(&self, from: usize, keep: impl Fn(char) -> bool) -> usize {
        self.chars[(self.at + from).min(self.chars.len())..]
            .iter()
            .take_while(|&&character| keep(character))
            .count()
    }

    /// Skips a quoted string or character starting at the quote, honouring `\` escapes.
    fn skip_quoted(&mut self, quote: char) {
        self.step();
        while let Some(current) = self.peek(0) {
            if current == quote {
                break;
            }
            self.steps(if current == '\\' { 2 } else { 1 });
        }
        self.step();
    }

    /// Skips a raw string whose `#`s start at the cursor (`#"…"#`; no `#` for `"…"`).
    fn skip_raw_string(&mut self) {
        let hashes = self.count_while(0, |character| character == '#');
        self.steps(hashes + 1);
        while let Some(current) = self.peek(0) {
            if current == '"' && (1..=hashes).all(|ahead| self.peek(ahead) == Some('#')) {
                self.steps(1 + hashes);
                return;
            }
            self.step();
        }
    }

    /// Skips a block comment at the cursor; RON block comments nest.
    fn skip_block_comment(&mut self) {
        let mut depth = 0_usize;
        while let Some(current) = self.peek(0) {
            if current == '/' && self.peek(1) == Some('*') {
                depth += 1;
                self.steps(2);
            } else if current == '*' && self.peek(1) == Some('/') {
                depth -= 1;
                self.steps(2);
                if depth == 0 {
                    return;
                }
            } else {
                self.step();
            }
        }
    }

    /// Length of a raw string's opening (`r"`, `r#"`, `br##"`) at `from`, if one starts there.
    fn raw_string_opening(&self, from: usize) -> Option<usize> {
        if self.peek(from) != Some('r') {
            return None;
        }
        let hashes = self.count_while(from + 1, |character| character == '#');
        (self.peek(from + 1 + hashes) == Some('"')).then_some(from + 1)
    }
}

fn is_ident_start(character: char) -> bool {
    character.is_alphabetic() || character == '_'
}

fn is_ident_char(character: char) -> bool {
    character.is_alphanumeric() || character == '_'
}

/// Splits RON text into the few token kinds the index needs, with 1-based positions.
fn tokenize(text: &str) -> Vec<Positioned> {
    let mut walker = Walker {
        chars: text.chars().collect(),
        at: 0,
        line: 1,
        column: 1,
    };
    let mut tokens = Vec::new();
    while let Some(current) = walker.peek(0) {
        let next = walker.peek(1);
        let start = walker.position();
        if current.is_whitespace() || current == '\u{feff}' {
            walker.step();
        } else if current == '/' && next == Some('/') {
            while walker
                .peek(0)
                .is_some_and(|character| !breaks_line(character, None))
            {
                walker.step();
            }
        } else if current == '/' && next == Some('*') {
            walker.skip_block_comment();
        } else if current == '"' || current == '\'' {
            walker.skip_quoted(current);
            tokens.push((Token::Literal, start));
        } else if current == 'b' && matches!(next, Some('"' | '\'')) {
            walker.step();
            walker.skip_quoted(walker.peek(0).unwrap_or('"'));
            tokens.push((Token::Literal, start));
        } else if let Some(skip) = (current == 'b')
            .then(|| walker.raw_string_opening(1))
            .flatten()
            .or_else(|| walker.raw_string_opening(0))
        {
            walker.steps(skip);
            walker.skip_raw_string();
            tokens.push((Token::Literal, start));
        } else if current == 'r' && next == Some('#') {
            // A raw identifier, `r#name`: the name may hold `.`, `+` and `-`.
            walker.steps(2);
            let length = walker.count_while(0, |character| {
                is_ident_char(character) || matches!(character, '.' | '+' | '-')
            });
            let name: String = walker.chars[walker.at..walker.at + length].iter().collect();
            walker.steps(length);
            tokens.push((Token::Ident(name), start));
        } else if is_ident_start(current) {
            let length = walker.count_while(0, is_ident_char);
            let name: String = walker.chars[walker.at..walker.at + length].iter().collect();
            walker.steps(length);
            tokens.push((Token::Ident(name), start));
        } else if current.is_ascii_digit() || matches!(current, '-' | '+' | '.') {
            let length = walker.count_while(0, |character| {
                character.is_ascii_alphanumeric() || matches!(character, '.' | '_' | '-' | '+')
            });
            walker.steps(length.max(1));
            tokens.push((Token::Literal, start));
        } else {
            let token = match current {
                '(' | '[' | '{' => Some(Token::Open(current)),
                ')' | ']' | '}' => Some(Token::Close),
                ',' => Some(Token::Comma),
                ':' => Some(Token::Colon),
                '#' => Some(Token::Hash),
                _ => None,
            };
            if let Some(token) = token {
                tokens.push((token, start));
            }
            walker.step();
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values() {
        let text = "#![enable(implicit_some)]\n// comment\nDataset(\n  company: (name: \"A, (b)\", \
                    unit: UsdBillions),\n  periods: [\n    (period: \"FY2024\", revenue: 1.5),\n    \
                    (period: \"FY2025\", revenue: Some(2.0), notes: [\"x\"]),\n  ],\n)\n";
        let index = PathIndex::build(text);
        assert_eq!(index.locate(""), (3, 1));
        assert_eq!(index.locate("company.unit"), (4, 35));
        assert_eq!(index.locate("periods[0].revenue"), (6, 33));
        assert_eq!(index.locate("periods[1].revenue"), (7, 33));
        assert_eq!(index.locate("periods[1].notes[0]"), (7, 52));
        // Unknown paths fall back to the nearest parent.
        assert_eq!(index.locate("periods[1].capex"), (7, 5));
    }

    #[test]
    fn raw_identifiers_strings_and_comments_keep_later_positions() {
        let text = "(\n  r#name: r#\"a \"quoted\" ) [ \"#,\n  /* outer /* inner ) */ still */ \
                    bytes: br#\"(\"#,\n  byte: b'(', chars: '\\'', escaped: \"\\\" (\",\n  \
                    last: 7,\n)";
        let index = PathIndex::build(text);
        assert_eq!(index.locate("name"), (2, 11));
        assert_eq!(index.locate("bytes"), (3, 42));
        assert_eq!(index.locate("byte"), (4, 9));
        assert_eq!(index.locate("chars"), (4, 22));
        assert_eq!(index.locate("escaped"), (4, 37));
        assert_eq!(index.locate("last"), (5, 9));
    }

    #[test]
    fn lines_end_at_lf_crlf_and_lone_cr() {
        for (text, expected) in [
            ("(\n a: 1,\n b: 2)", (3, 5)),
            ("(\r\n a: 1,\r\n b: 2)", (3, 5)),
            ("(\r a: 1,\r b: 2)", (3, 5)),
            ("\u{feff}(a: 1, b: 2)", (1, 12)),
        ] {
            assert_eq!(PathIndex::build(text).locate("b"), expected, "{text:?}");
        }
        assert_eq!(position_of_offset("a\r\nb\rc\n", 7), (4, 1));
        assert_eq!(position_of_offset("a\r\nb\rc", 6), (3, 2));
        let starts = LineStarts::new("a\r\nb\rc\n\nd");
        let lines: Vec<usize> = [0, 3, 5, 7, 8].map(|at| starts.line_of(at)).to_vec();
        assert_eq!(lines, vec![1, 2, 3, 4, 5]);
    }

    #[test]
    fn ron_positions_convert_to_editor_positions() {
        let text = "(\r a: 1,\r b: x)";
        // ron sees one line; `x` is its column 14.
        let offset = offset_of_ron_position(text, 1, 14);
        assert_eq!(&text[offset..=offset], "x");
        assert_eq!(position_of_offset(text, offset), (3, 5));
        assert_eq!(offset_of_ron_position("a\nbc", 2, 3), 4);
        assert_eq!(offset_of_ron_position("a\nbc", 9, 1), 4);
    }

    #[test]
    fn top_level_fields_name_the_outer_struct() {
        let text = "#![enable(implicit_some)]\n/* deck */ Deck(\n  title: \"t\",\n  \
                    slides: [(title: \"a\", view: Overview)],\n  r#annotations: [],\n)";
        assert_eq!(
            top_level_fields(text),
            vec!["title", "slides", "annotations"]
        );
        assert_eq!(
            top_level_fields("(name: x, companies: [])"),
            vec!["name", "companies"]
        );
        assert!(top_level_fields("[1, 2]").is_empty());
        assert!(top_level_fields("").is_empty());
    }
}
