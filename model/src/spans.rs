//! Where each value sits in a RON file, so that checks made after parsing (a duplicate period,
//! a negative revenue) can point at a line and column. The `ron` crate reports positions only for
//! syntax errors; this scanner walks the already-valid text once and records the start of every
//! value under a path such as `periods[3].revenue`.

use std::collections::HashMap;

/// Start positions of values, keyed by path (`company.unit`, `periods[3].revenue`).
#[derive(Debug, Default)]
pub struct PathIndex {
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

impl PathIndex {
    /// Scans RON text. Assumes the text already parsed; on odd input it records less, never fails.
    pub fn build(text: &str) -> Self {
        let tokens = tokenize(text);
        let mut positions = HashMap::new();
        let mut stack: Vec<Frame> = Vec::new();
        let mut index = 0;
        while index < tokens.len() {
            let (token, position) = &tokens[index];
            match token {
                Token::Hash => {
                    // `#![enable(...)]`: skip to the closing bracket.
                    while index < tokens.len() && tokens[index].0 != Token::Close {
                        index += 1;
                    }
                }
                Token::Ident(name)
                    if matches!(stack.last(), Some(Frame::Struct { field: None }))
                        && tokens.get(index + 1).map(|next| &next.0) == Some(&Token::Colon) =>
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
                        && tokens.get(index + 2).map(|next| &next.0) == Some(&Token::Colon);
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
                Token::Colon => {}
            }
            index += 1;
        }
        Self { positions }
    }

    /// Line and column of the value at `path`, or of its nearest recorded parent.
    pub fn locate(&self, path: &str) -> (usize, usize) {
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

/// Splits RON text into the few token kinds the index needs, with 1-based positions.
fn tokenize(text: &str) -> Vec<(Token, (usize, usize))> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let (mut line, mut column) = (1, 1);
    let mut at = 0;
    // Advances over `count` characters, keeping line and column right.
    let advance = |at: &mut usize, line: &mut usize, column: &mut usize, count: usize| {
        for _ in 0..count {
            if chars.get(*at) == Some(&'\n') {
                *line += 1;
                *column = 1;
            } else {
                *column += 1;
            }
            *at += 1;
        }
    };
    while at < chars.len() {
        let current = chars[at];
        let next = chars.get(at + 1).copied();
        let start = (line, column);
        if current.is_whitespace() {
            advance(&mut at, &mut line, &mut column, 1);
        } else if current == '/' && next == Some('/') {
            while at < chars.len() && chars[at] != '\n' {
                advance(&mut at, &mut line, &mut column, 1);
            }
        } else if current == '/' && next == Some('*') {
            let mut depth = 0;
            while at < chars.len() {
                if chars[at] == '/' && chars.get(at + 1) == Some(&'*') {
                    depth += 1;
                    advance(&mut at, &mut line, &mut column, 2);
                } else if chars[at] == '*' && chars.get(at + 1) == Some(&'/') {
                    depth -= 1;
                    advance(&mut at, &mut line, &mut column, 2);
                    if depth == 0 {
                        break;
                    }
                } else {
                    advance(&mut at, &mut line, &mut column, 1);
                }
            }
        } else if current == '"' || current == '\'' {
            advance(&mut at, &mut line, &mut column, 1);
            while at < chars.len() && chars[at] != current {
                let step = if chars[at] == '\\' { 2 } else { 1 };
                advance(&mut at, &mut line, &mut column, step);
            }
            advance(&mut at, &mut line, &mut column, 1);
            tokens.push((Token::Literal, start));
        } else if current == 'r' && matches!(next, Some('"' | '#')) {
            // Raw string r#"..."#.
            let mut hashes = 0;
            advance(&mut at, &mut line, &mut column, 1);
            while chars.get(at) == Some(&'#') {
                hashes += 1;
                advance(&mut at, &mut line, &mut column, 1);
            }
            advance(&mut at, &mut line, &mut column, 1);
            while at < chars.len() {
                if chars[at] == '"' && (1..=hashes).all(|k| chars.get(at + k) == Some(&'#')) {
                    advance(&mut at, &mut line, &mut column, 1 + hashes);
                    break;
                }
                advance(&mut at, &mut line, &mut column, 1);
            }
            tokens.push((Token::Literal, start));
        } else if current.is_alphabetic() || current == '_' {
            let mut name = String::new();
            while at < chars.len() && (chars[at].is_alphanumeric() || chars[at] == '_') {
                name.push(chars[at]);
                advance(&mut at, &mut line, &mut column, 1);
            }
            tokens.push((Token::Ident(name), start));
        } else if current.is_ascii_digit() || current == '-' || current == '+' || current == '.' {
            while at < chars.len()
                && (chars[at].is_ascii_alphanumeric() || matches!(chars[at], '.' | '_' | '-' | '+'))
            {
                advance(&mut at, &mut line, &mut column, 1);
            }
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
            advance(&mut at, &mut line, &mut column, 1);
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values() {
        let text = "#![enable(implicit_some)]\n// comment\nDataset(\n  company: (name: \"A, (b)\", unit: UsdBillions),\n  periods: [\n    (period: \"FY2024\", revenue: 1.5),\n    (period: \"FY2025\", revenue: Some(2.0), notes: [\"x\"]),\n  ],\n)\n";
        let index = PathIndex::build(text);
        assert_eq!(index.locate(""), (3, 1));
        assert_eq!(index.locate("company.unit"), (4, 35));
        assert_eq!(index.locate("periods[0].revenue"), (6, 33));
        assert_eq!(index.locate("periods[1].revenue"), (7, 33));
        assert_eq!(index.locate("periods[1].notes[0]"), (7, 52));
        // Unknown paths fall back to the nearest parent.
        assert_eq!(index.locate("periods[1].capex"), (7, 5));
    }
}
