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

use std::collections::HashSet;

/// Start positions of values, found by path (`company.unit`, `periods[3].revenue`), with the
/// byte just past each string, number or name (`None` for a bracketed value). A tree of the
/// file's values rather than a map of path strings: building it costs one node per value and
/// no hashing, so a file of 75,000 slides is indexed in a fraction of its parse time.
#[derive(Debug)]
pub(crate) struct PathIndex {
    /// Every value; the first is the whole file.
    nodes: Vec<Node>,
    /// Keys given a second time in the same map, with where.
    repeated_keys: Vec<(Place, String)>,
}

/// Where a value starts and ends.
type Extent = (Place, Option<usize>);

/// One value of the file and the values inside it.
#[derive(Debug, Default)]
struct Node {
    extent: Option<Extent>,
    /// Fields of a struct, in file order, by name (the first of a repeated name counts).
    fields: Vec<(Box<str>, usize)>,
    /// Elements of a list, map or tuple, by position.
    elements: Vec<usize>,
}

/// Where a token starts: line and column as an editor counts them, and its byte offset (so a
/// caller can search on from a value without counting the text before it again).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Place {
    /// 1-based line.
    pub(crate) line: usize,
    /// 1-based column, in characters.
    pub(crate) column: usize,
    /// Byte offset in the scanned text.
    pub(crate) byte: usize,
}

impl Place {
    const START: Self = Self {
        line: 1,
        column: 1,
        byte: 0,
    };

    /// The editor position of byte `offset` of `text`, at or after this place, counted from
    /// here: cost in proportion to the distance, not to the text before this place.
    pub(crate) fn advance_to(self, text: &str, offset: usize) -> (usize, usize) {
        let (mut line, mut column) = (self.line, self.column);
        let Some(between) = text.get(self.byte..offset) else {
            return (line, column);
        };
        let after = text.get(offset..).and_then(|rest| rest.chars().next());
        let mut chars = between.chars().peekable();
        while let Some(current) = chars.next() {
            let next = chars.peek().copied().or(after);
            if breaks_line(current, next) {
                line += 1;
                column = 1;
            } else if current != '\r' {
                column += 1;
            }
        }
        (line, column)
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Token<'text> {
    /// A name, borrowed from the text (no allocation per name).
    Ident(&'text str),
    Open(char),
    Close,
    Comma,
    Colon,
    Hash,
    /// A string, character or number, and the byte just past it.
    Literal {
        end: usize,
    },
}

enum Frame {
    /// A struct; `named` once the current field's name has been read.
    Struct { named: bool },
    /// A list, map or tuple at element `index`.
    Sequence { index: usize },
    /// A map (`{…}`) at entry `index`, with the keys read so far.
    Map { index: usize, keys: HashSet<String> },
}

/// Where the scan is in the tree of values: each open bracket (its node, what it is, and the
/// node of the field or element being read), kept up to date as brackets open and close.
struct Cursor {
    /// Open brackets: the container's node, its kind, and the current child's node.
    frames: Vec<(usize, Frame, Option<usize>)>,
}

impl Cursor {
    /// The node of the value being read: the current field or element, else the innermost
    /// container itself (a struct before its first field name), else the whole file.
    fn node(&mut self, nodes: &mut Vec<Node>) -> usize {
        let Some((container, frame, child)) = self.frames.last_mut() else {
            return 0;
        };
        if let Some(child) = child {
            return *child;
        }
        match frame {
            Frame::Struct { .. } => *container,
            Frame::Sequence { index } | Frame::Map { index, .. } => {
                // Elements are numbered by commas; one with no value (not valid RON) stays empty.
                while nodes[*container].elements.len() <= *index {
                    let node = nodes.len();
                    nodes.push(Node::default());
                    nodes[*container].elements.push(node);
                }
                let node = nodes[*container].elements[*index];
                *child = Some(node);
                node
            }
        }
    }

    fn open(&mut self, nodes: &mut Vec<Node>, bracket: char, is_struct: bool) {
        let container = self.node(nodes);
        let frame = if is_struct {
            Frame::Struct { named: false }
        } else if bracket == '{' {
            Frame::Map {
                index: 0,
                keys: HashSet::new(),
            }
        } else {
            Frame::Sequence { index: 0 }
        };
        self.frames.push((container, frame, None));
    }

    fn close(&mut self) {
        self.frames.pop();
    }

    /// True when the innermost bracket is a struct waiting for a field name.
    fn wants_field(&self) -> bool {
        matches!(
            self.frames.last(),
            Some((_, Frame::Struct { named: false }, _))
        )
    }

    fn name_field(&mut self, nodes: &mut Vec<Node>, name: &str) {
        if let Some((container, Frame::Struct { named }, child)) = self.frames.last_mut() {
            *named = true;
            let node = nodes.len();
            nodes.push(Node::default());
            nodes[*container].fields.push((name.into(), node));
            *child = Some(node);
        }
    }

    /// True when `key`, about to be read as the key of an entry of the innermost map, was a
    /// key of an earlier entry. False outside a map.
    fn repeats_key(&mut self, key: &str) -> bool {
        match self.frames.last_mut() {
            Some((_, Frame::Map { keys, .. }, None)) => !keys.insert(key.to_owned()),
            _ => false,
        }
    }

    /// A comma: the next field of a struct, the next element of a sequence.
    fn next(&mut self) {
        match self.frames.last_mut() {
            Some((_, Frame::Struct { named }, child)) => {
                *named = false;
                *child = None;
            }
            Some((_, Frame::Sequence { index } | Frame::Map { index, .. }, child)) => {
                *index += 1;
                *child = None;
            }
            None => {}
        }
    }
}

type Positioned<'text> = (Token<'text>, Place);

/// What one pass of the scanner finds: the tokens, and where a block comment that is never
/// closed opens (ron reports the end of the file instead).
struct Scan<'text> {
    tokens: Vec<Positioned<'text>>,
    unclosed_comment: Option<Place>,
}

impl PathIndex {
    /// Scans RON text. Assumes the text already parsed; on odd input it records less, never fails.
    pub(crate) fn build(text: &str) -> Self {
        let tokens = tokenize(text).tokens;
        let mut nodes = vec![Node::default()];
        let mut cursor = Cursor { frames: Vec::new() };
        let mut repeated_keys = Vec::new();
        let record = |nodes: &mut Vec<Node>, cursor: &mut Cursor, extent: Extent| {
            let node = cursor.node(nodes);
            nodes[node].extent.get_or_insert(extent);
        };
        let mut index = skip_attributes(&tokens);
        while index < tokens.len() {
            let (token, position) = &tokens[index];
            match token {
                Token::Ident(name) if cursor.wants_field() && is_colon(&tokens, index + 1) => {
                    cursor.name_field(&mut nodes, name);
                    index += 1;
                }
                Token::Ident(name) => {
                    if is_colon(&tokens, index + 1) && cursor.repeats_key(name) {
                        repeated_keys.push((*position, (*name).to_owned()));
                    }
                    // A raw identifier's `r#` comes before its name.
                    let raw = text[position.byte..].starts_with("r#");
                    let end = position.byte + usize::from(raw) * 2 + name.len();
                    let extent = (*position, Some(end));
                    record(&mut nodes, &mut cursor, extent);
                }
                Token::Literal { end } => {
                    let key = &text[position.byte..*end];
                    if is_colon(&tokens, index + 1) && cursor.repeats_key(key) {
                        repeated_keys.push((*position, key.to_owned()));
                    }
                    record(&mut nodes, &mut cursor, (*position, Some(*end)));
                }
                Token::Open(bracket) => {
                    record(&mut nodes, &mut cursor, (*position, None));
                    let is_struct = *bracket == '('
                        && matches!(tokens.get(index + 1), Some((Token::Ident(_), _)))
                        && is_colon(&tokens, index + 2);
                    cursor.open(&mut nodes, *bracket, is_struct);
                }
                Token::Close => cursor.close(),
                Token::Comma => cursor.next(),
                Token::Colon | Token::Hash => {}
            }
            index += 1;
        }
        Self {
            nodes,
            repeated_keys,
        }
    }

    /// Keys given twice in one map (`{revenue: 1.0, revenue: 2.0}`), where and which, in file
    /// order: serde keeps the last silently, so the loader refuses them.
    pub(crate) fn repeated_keys(&self) -> &[(Place, String)] {
        &self.repeated_keys
    }

    /// Line and column of the value at `path`, or of its nearest recorded parent.
    pub(crate) fn locate(&self, path: &str) -> (usize, usize) {
        let place = self.place(path);
        (place.line, place.column)
    }

    /// Where the value at `path` starts, or its nearest recorded parent.
    pub(crate) fn place(&self, path: &str) -> Place {
        self.extent(path).0
    }

    /// Where the value at `path` (or its nearest recorded parent) starts and, for a string,
    /// number or name, the byte just past it.
    pub(crate) fn extent(&self, path: &str) -> (Place, Option<usize>) {
        let mut node = 0;
        let mut found = self.nodes.first().and_then(|root| root.extent);
        for step in path_steps(path) {
            let child = match step {
                Step::Field(name) => self.nodes[node]
                    .fields
                    .iter()
                    .find(|(field, _)| &**field == name)
                    .map(|&(_, child)| child),
                Step::Element(position) => self.nodes[node].elements.get(position).copied(),
            };
            let Some(child) = child else {
                break;
            };
            node = child;
            if let Some(extent) = self.nodes[node].extent {
                found = Some(extent);
            }
        }
        found.unwrap_or((Place::START, None))
    }
}

/// One step of a path: a field name or a position in a list.
enum Step<'a> {
    Field(&'a str),
    Element(usize),
}

/// The steps of a path such as `periods[3].revenue`; parsing stops at anything else.
fn path_steps(path: &str) -> impl Iterator<Item = Step<'_>> {
    let mut rest = path;
    std::iter::from_fn(move || {
        rest = rest.strip_prefix('.').unwrap_or(rest);
        if let Some(inside) = rest.strip_prefix('[') {
            let close = inside.find(']')?;
            let position = inside[..close].parse().ok()?;
            rest = &inside[close + 1..];
            return Some(Step::Element(position));
        }
        let end = rest.find(['.', '[']).unwrap_or(rest.len());
        if end == 0 {
            return None;
        }
        let name = &rest[..end];
        rest = &rest[end..];
        Some(Step::Field(name))
    })
}

/// The field names of the outermost struct in RON text, in file order (`["company", "periods"]`
/// for a dataset). Empty when the text does not start with a struct.
pub(crate) fn top_level_fields(text: &str) -> Vec<String> {
    let tokens = tokenize(text).tokens;
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
                fields.push((*name).to_owned());
            }
            _ => {}
        }
    }
    fields
}

/// Line and column where the first block comment that is never closed opens (the outermost
/// one, when comments nest), if there is one.
pub(crate) fn unclosed_block_comment(text: &str) -> Option<(usize, usize)> {
    tokenize(text)
        .unclosed_comment
        .map(|place| (place.line, place.column))
}

/// Byte offset of the first character at or after `offset` that is neither white space nor
/// part of a comment: where text left after a complete value really starts.
pub(crate) fn skip_blanks(text: &str, offset: usize) -> usize {
    let mut at = offset.min(text.len());
    loop {
        let Some(rest) = text.get(at..) else {
            return at;
        };
        let trimmed = rest.trim_start();
        at += rest.len() - trimmed.len();
        if trimmed.starts_with("//") {
            at += trimmed.find(['\n', '\r']).unwrap_or(trimmed.len());
        } else if trimmed.starts_with("/*") {
            let mut depth = 0_usize;
            let bytes = trimmed.as_bytes();
            let mut index = 0;
            while index + 1 < bytes.len() {
                match (bytes[index], bytes[index + 1]) {
                    (b'/', b'*') => {
                        depth += 1;
                        index += 2;
                    }
                    (b'*', b'/') => {
                        depth -= 1;
                        index += 2;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => index += 1,
                }
            }
            if depth > 0 {
                return at;
            }
            at += index;
        } else {
            return at;
        }
    }
}

/// The first escape that RON does not accept in the string or character literal holding byte
/// `inside` (ron points into the literal, at its start or past the escape): its byte offset and
/// its text (`\q`, `\u{110000}`). Accepted escapes: `\\`, `\"`, `\'`, `\n`, `\r`, `\t`, `\0`,
/// `\xHH` and `\u{1–6 hex digits}` naming a character.
pub(crate) fn bad_escape(text: &str, inside: usize) -> Option<(usize, String)> {
    let from = tokenize(text)
        .tokens
        .iter()
        .take_while(|(_, place)| place.byte <= inside)
        .filter(|(token, _)| matches!(token, Token::Literal { .. }))
        .last()?
        .1
        .byte;
    let rest = text.get(from..)?;
    let mut chars = rest.char_indices();
    let quote = chars
        .find(|&(_, character)| matches!(character, '"' | '\''))?
        .1;
    while let Some((at, current)) = chars.next() {
        if current == quote {
            return None;
        }
        if current != '\\' {
            continue;
        }
        let escape_end = |length: usize| {
            rest[at..]
                .char_indices()
                .nth(length)
                .map_or(rest.len(), |(end, _)| at + end)
        };
        let valid_length = match chars.next().map(|(_, escaped)| escaped) {
            Some('\\' | '"' | '\'' | 'n' | 'r' | 't' | '0') => Some(2),
            Some('x') => {
                let digits: String = rest[at + 2..].chars().take(2).collect();
                (digits.len() == 2 && u8::from_str_radix(&digits, 16).is_ok()).then_some(4)
            }
            Some('u') => unicode_escape_length(&rest[at + 2..]),
            _ => None,
        };
        match valid_length {
            Some(length) => {
                for _ in 2..length {
                    chars.next();
                }
            }
            None => {
                let shown_length = if rest[at + 1..].starts_with("u{") {
                    rest[at..]
                        .find('}')
                        .map_or(2, |close| rest[at..=at + close].chars().count())
                } else {
                    2
                };
                return Some((from + at, rest[at..escape_end(shown_length)].to_owned()));
            }
        }
    }
    None
}

/// Length in characters of a valid `\u{…}` escape whose `u` has just been read, counting the
/// backslash and the `u`; `None` when it is not one.
fn unicode_escape_length(after_u: &str) -> Option<usize> {
    let inner = after_u.strip_prefix('{')?;
    let close = inner.find('}')?;
    let digits = &inner[..close];
    let valid = (1..=6).contains(&digits.len())
        && digits.chars().all(|digit| digit.is_ascii_hexdigit())
        && u32::from_str_radix(digits, 16)
            .ok()
            .and_then(char::from_u32)
            .is_some();
    valid.then_some(2 + 1 + digits.len() + 1)
}

fn is_colon(tokens: &[Positioned<'_>], index: usize) -> bool {
    tokens.get(index).map(|token| &token.0) == Some(&Token::Colon)
}

/// Index of the first token after any `#![…]` attributes at the start.
fn skip_attributes(tokens: &[Positioned<'_>]) -> usize {
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

/// True when `current` (followed by `next`) ends a line as an editor shows it: LF, a lone CR,
/// or the LF of a CRLF (whose CR is then part of the line end, not a character of the line).
pub(crate) fn breaks_line(current: char, next: Option<char>) -> bool {
    current == '\n' || (current == '\r' && next != Some('\n'))
}

/// 1-based line and column of byte `offset` in `text`, lines as an editor shows them.
pub(crate) fn position_of_offset(text: &str, offset: usize) -> (usize, usize) {
    // An offset inside a character counts that character, as if it were the next one's.
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    Place::START.advance_to(text, end)
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

/// Tracks line and column while walking the characters of the text it borrows (no copy of
/// the text as characters: an 8 MB file would take 32 MB more).
struct Walker<'text> {
    text: &'text str,
    line: usize,
    column: usize,
    byte: usize,
}

impl Walker<'_> {
    /// The text from the cursor on.
    fn rest(&self) -> &str {
        self.text.get(self.byte..).unwrap_or_default()
    }

    /// The character `ahead` characters after the cursor (the scanner looks a few ahead).
    fn peek(&self, ahead: usize) -> Option<char> {
        self.rest().chars().nth(ahead)
    }

    fn place(&self) -> Place {
        Place {
            line: self.line,
            column: self.column,
            byte: self.byte,
        }
    }

    fn step(&mut self) {
        let mut chars = self.rest().chars();
        let Some(current) = chars.next() else {
            return;
        };
        if breaks_line(current, chars.next()) {
            self.line += 1;
            self.column = 1;
        } else if current != '\r' {
            self.column += 1;
        }
        self.byte += current.len_utf8();
    }

    fn steps(&mut self, count: usize) {
        for _ in 0..count {
            self.step();
        }
    }

    fn count_while(&self, from: usize, keep: impl Fn(char) -> bool) -> usize {
        self.rest()
            .chars()
            .skip(from)
            .take_while(|&character| keep(character))
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
            let closes = || {
                let after_quote = self.rest().get(1..).unwrap_or_default();
                let run = after_quote.as_bytes().get(..hashes);
                run.is_some_and(|run| run.iter().all(|&byte| byte == b'#'))
            };
            if current == '"' && closes() {
                self.steps(1 + hashes);
                return;
            }
            self.step();
        }
    }

    /// Skips a block comment at the cursor; RON block comments nest. False when the text ends
    /// before the comment is closed.
    fn skip_block_comment(&mut self) -> bool {
        let mut depth = 0_usize;
        while let Some(current) = self.peek(0) {
            if current == '/' && self.peek(1) == Some('*') {
                depth += 1;
                self.steps(2);
            } else if current == '*' && self.peek(1) == Some('/') {
                depth -= 1;
                self.steps(2);
                if depth == 0 {
                    return true;
                }
            } else {
                self.step();
            }
        }
        false
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
fn tokenize(text: &str) -> Scan<'_> {
    let mut walker = Walker {
        text,
        line: 1,
        column: 1,
        byte: 0,
    };
    let mut tokens = Vec::new();
    let mut unclosed_comment = None;
    while let Some(current) = walker.peek(0) {
        let next = walker.peek(1);
        let start = walker.place();
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
            if !walker.skip_block_comment() {
                unclosed_comment.get_or_insert(start);
            }
        } else if current == '"' || current == '\'' {
            walker.skip_quoted(current);
            tokens.push((Token::Literal { end: walker.byte }, start));
        } else if current == 'b' && matches!(next, Some('"' | '\'')) {
            walker.step();
            walker.skip_quoted(walker.peek(0).unwrap_or('"'));
            tokens.push((Token::Literal { end: walker.byte }, start));
        } else if let Some(skip) = (current == 'b')
            .then(|| walker.raw_string_opening(1))
            .flatten()
            .or_else(|| walker.raw_string_opening(0))
        {
            walker.steps(skip);
            walker.skip_raw_string();
            tokens.push((Token::Literal { end: walker.byte }, start));
        } else if current == 'r' && next == Some('#') {
            // A raw identifier, `r#name`: the name may hold `.`, `+` and `-`.
            walker.steps(2);
            let length = walker.count_while(0, |character| {
                is_ident_char(character) || matches!(character, '.' | '+' | '-')
            });
            let name_start = walker.byte;
            walker.steps(length);
            tokens.push((Token::Ident(&text[name_start..walker.byte]), start));
        } else if is_ident_start(current) {
            let length = walker.count_while(0, is_ident_char);
            let name_start = walker.byte;
            walker.steps(length);
            tokens.push((Token::Ident(&text[name_start..walker.byte]), start));
        } else if current.is_ascii_digit() || matches!(current, '-' | '+' | '.') {
            let length = walker.count_while(0, |character| {
                character.is_ascii_alphanumeric() || matches!(character, '.' | '_' | '-' | '+')
            });
            walker.steps(length.max(1));
            tokens.push((Token::Literal { end: walker.byte }, start));
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
    Scan {
        tokens,
        unclosed_comment,
    }
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
    fn causes_of_syntax_errors_are_found() {
        // The outer comment of two nested ones is the one left open.
        assert_eq!(
            unclosed_block_comment("(a: \"/*\",\n  /* x /* y */ z\n b: 1)"),
            Some((2, 3))
        );
        assert_eq!(unclosed_block_comment("(a: 1) /* closed */"), None);
        let text = "(a: \"ok \\n \\u{41} \\q\")";
        assert_eq!(bad_escape(text, 5), Some((18, "\\q".to_owned())));
        let text = "(a: 'x', b: \"\\u{D800}\")";
        assert_eq!(bad_escape(text, 14), Some((13, "\\u{D800}".to_owned())));
        assert_eq!(bad_escape("(a: \"\\x41\\\\\")", 5), None);
        let text = "(a: 1)\n // note\n /* more */ x";
        assert_eq!(&text[skip_blanks(text, 6)..], "x");
        assert_eq!(skip_blanks("() /* open", 2), 3);
    }

    #[test]
    fn values_are_found_in_a_tree_of_fields_and_elements() {
        let text = "(list: [(a: 1), (b: \"two\"),], r#raw: x, name: Some(3))";
        let index = PathIndex::build(text);
        let (place, end) = index.extent("list[1].b");
        assert_eq!((place.line, place.column, end), (1, 21, Some(25)));
        assert_eq!(index.extent("raw").1, Some(38));
        // A missing element or field falls back to the nearest value found on the way.
        assert_eq!(index.locate("list[7].a"), (1, 8));
        assert_eq!(index.locate("list[0].zzz"), (1, 9));
        assert_eq!(index.locate("name"), (1, 47));
        assert_eq!(index.locate("nothing"), (1, 1));
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
