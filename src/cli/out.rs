//! The one door to the terminal for every command. Two promises are kept here, so no command
//! has to remember them:
//!
//! - **Nothing acts on the terminal.** Every text is printed with control, bidi and invisible
//!   characters escaped ([`flywheel_model::escape_controls`]); only the line breaks the command
//!   writes itself stay. Text from a file that may hold a line break of its own (a file name, a
//!   company's name) is escaped whole by the caller ([`escape_controls`], [`path`]), so it
//!   cannot start a line that looks like Flywheel's.
//! - **A closed pipe is not a crash, nor a different answer.** `flywheel check … | head -1`
//!   closes standard output early; writing then fails with
//!   [`std::io::ErrorKind::BrokenPipe`]. [`line`] and [`print`] take that as "nobody reads the
//!   rest": they write nothing more and the command runs on to its own exit status (`check`
//!   still exits 1 when a file has errors, as it would with its output read to the end).

use std::borrow::Cow;
use std::io::{self, Write as _};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use flywheel_model::escape_controls;

/// `text` safe for a terminal, keeping its line breaks: everything else that could act on the
/// terminal (an escape sequence, a carriage return, a bidi override) is shown escaped.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    if !text.contains('\n') {
        return escape_controls(text);
    }
    let lines: Vec<Cow<'_, str>> = text.split('\n').map(escape_controls).collect();
    Cow::Owned(lines.join("\n"))
}

/// A path as one line of output shows it: its name with every control character escaped.
pub fn path(path: &Path) -> String {
    escape_controls(&path.display().to_string()).into_owned()
}

/// Set once standard output's reader has gone: later output is not written at all.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Writes `text` to standard output as it is (no line break added), terminal-safe.
pub fn print(text: &str) -> io::Result<()> {
    write_out(terminal_safe(text).as_bytes(), b"")
}

/// Writes `text` and a line break to standard output, terminal-safe.
pub fn line(text: &str) -> io::Result<()> {
    write_out(terminal_safe(text).as_bytes(), b"\n")
}

/// Writes `bytes` then `end` to standard output; a reader that has gone ends the output, not the
/// command (see the module's notes).
fn write_out(bytes: &[u8], end: &[u8]) -> io::Result<()> {
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        return Ok(());
    }
    let mut stdout = io::stdout().lock();
    let written = stdout
        .write_all(bytes)
        .and_then(|()| stdout.write_all(end))
        .and_then(|()| stdout.flush());
    match written {
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => {
            STDOUT_CLOSED.store(true, Ordering::Relaxed);
            Ok(())
        }
        other => other,
    }
}

/// Writes `text` to standard error as it is (no line break added), terminal-safe.
///
/// Standard error is where a command tells what went wrong; when it is closed there is nowhere
/// left to tell a failure to write, and the exit status still says how the command ended. So,
/// unlike [`print`], this does not fail.
pub fn error_print(text: &str) {
    let mut stderr = io::stderr().lock();
    let written = stderr
        .write_all(terminal_safe(text).as_bytes())
        .and_then(|()| stderr.flush());
    // Nowhere left to report it (see above).
    written.ok();
}

/// Writes `text` and a line break to standard error, terminal-safe; see [`error_print`] for why
/// it does not fail.
pub fn error_line(text: &str) {
    let mut with_break = String::with_capacity(text.len() + 1);
    with_break.push_str(text);
    with_break.push('\n');
    error_print(&with_break);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_stay_and_everything_else_is_escaped() {
        assert_eq!(
            terminal_safe("ok a\u{1b}[2J\u{202e}b\nnext\r\tline\u{feff}\n"),
            "ok a\\u{1b}[2J\\u{202e}b\nnext\\u{d}\\u{9}line\\u{feff}\n"
        );
        assert!(matches!(terminal_safe("FY2024  — 1.0†"), Cow::Borrowed(_)));
        assert_eq!(
            path(Path::new("evil\u{1b}[2J\nname.ron")),
            "evil\\u{1b}[2J\\u{a}name.ron"
        );
        assert_eq!(
            path(Path::new("o\u{1b}[2J\u{85}.png")),
            "o\\u{1b}[2J\\u{85}.png"
        );
    }
}
