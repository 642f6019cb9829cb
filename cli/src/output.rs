//! Output: JSON Lines with `--json`, a readable table otherwise; errors in both forms.
#![allow(dead_code)] // Parts are used only by some subcommands.

use std::io::Write;
use std::process::ExitCode;

use serde_json::{Map, Value};

/// An error the CLI reports as `{"error": {"kind", "message", ...}}` and exit code 2
/// (or the code it carries).
#[derive(Debug)]
pub struct CliError {
    /// A short stable identifier: `io`, `usage`, `parse`, `rule`, ...
    pub kind: &'static str,
    /// A human-readable message.
    pub message: String,
    /// Extra keys for the JSON error object (for example `file`, `offset`, `line`).
    pub details: Map<String, Value>,
    /// The process exit code.
    pub exit_code: u8,
}

impl CliError {
    /// A new error of `kind` with `message` and exit code 2.
    pub fn new(kind: &'static str, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            details: Map::new(),
            exit_code: 2,
        }
    }

    /// Adds a key to the JSON error object.
    #[allow(dead_code)]
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.details.insert(key.to_owned(), value.into());
        self
    }

    /// An I/O error on `path`.
    #[allow(dead_code)]
    pub fn io(path: &std::path::Path, err: &std::io::Error) -> Self {
        Self::new("io", format!("{}: {err}", path.display()))
            .with("file", path.display().to_string())
    }

    /// An input file larger than the `limit` bytes its command reads.
    pub fn too_large(path: &std::path::Path, limit: u64) -> Self {
        Self::new(
            "limit",
            format!(
                "{}: larger than the {limit}-byte limit for this input",
                path.display()
            ),
        )
        .with("file", path.display().to_string())
        .with("limit", limit)
    }
}

/// Checks each of `files` in turn: `check` reads nothing itself, it gets the bytes and
/// returns the file's JSON record and whether the file is valid. A file larger than
/// `limit` is checked on its first `limit` bytes, with `limit` chosen above the parser's
/// own limit: its verdict is then the parser's limit error, as for any input above that
/// limit, in a record of its own like any other invalid file. A file that cannot be read
/// is reported in its place (`{"error": ...}`) and the others are still checked. Exit
/// code 0 when every file is valid, 1 when one is not, 2 when one could not be read.
pub fn check_files(
    files: &[std::path::PathBuf],
    limit: u64,
    out: &mut Out,
    mut check: impl FnMut(&std::path::Path, &[u8]) -> (bool, Value),
) -> ExitCode {
    let mut verdict = Checked::Valid;
    for path in files {
        verdict = verdict.and(check_file(path, limit, out, &mut check));
    }
    verdict.exit_code()
}

/// What checking one input (a file, or every message of a capture) found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Checked {
    /// Everything checked is valid.
    Valid,
    /// Something checked is invalid (reported in its record).
    Invalid,
    /// Something could not be read (reported as an error record).
    Unreadable,
}

impl Checked {
    /// The verdict of one record: valid or invalid.
    pub fn of(valid: bool) -> Checked {
        if valid {
            Checked::Valid
        } else {
            Checked::Invalid
        }
    }

    /// The verdict of two inputs together: the worse of the two.
    pub fn and(self, other: Checked) -> Checked {
        self.max(other)
    }

    /// Exit code 0 when valid, 1 when invalid, 2 when unreadable.
    pub fn exit_code(self) -> ExitCode {
        match self {
            Checked::Valid => ExitCode::SUCCESS,
            Checked::Invalid => ExitCode::from(1),
            Checked::Unreadable => ExitCode::from(2),
        }
    }
}

/// One file of [`check_files`]: its record (or error record) emitted, and its verdict.
fn check_file(
    path: &std::path::Path,
    limit: u64,
    out: &mut Out,
    check: &mut impl FnMut(&std::path::Path, &[u8]) -> (bool, Value),
) -> Checked {
    match read_prefix(path, limit) {
        Ok((bytes, _)) => {
            let (valid, record) = check(path, &bytes);
            out.emit(&record);
            Checked::of(valid)
        }
        Err(err) => {
            out.emit_error(&err);
            Checked::Unreadable
        }
    }
}

/// The most a SIP message file may hold (a SIP message is at most 64 KiB over UDP; the
/// parser's own limit is lower still): reading stops here instead of at the end of
/// `/dev/zero`.
pub const SIP_FILE_LIMIT: u64 = 1 << 20;

/// The most a configuration file (plan, rulebook, invoice input, service configuration)
/// may hold.
pub const CONFIG_FILE_LIMIT: u64 = 16 << 20;

/// The most a table of records (CDRs, calls, CGRateS CSV) may hold.
pub const TABLE_FILE_LIMIT: u64 = 1 << 30;

/// The name that stands for standard input wherever a command reads a file.
pub const STDIN: &str = "-";

/// Opens the file at `path` for reading; [`STDIN`] (`-`) is standard input, so an input
/// can come down a pipe (`tshark -r in.pcapng -w - | voipkit sip parse -`). A directory is
/// an `io` error here, not at its first read.
pub fn open_file(path: &std::path::Path) -> Result<std::fs::File, CliError> {
    let file = if path.as_os_str() == STDIN {
        stdin_file()
    } else {
        std::fs::File::open(path)
    }
    .map_err(|e| CliError::io(path, &e))?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        let e = std::io::Error::new(std::io::ErrorKind::IsADirectory, "is a directory");
        return Err(CliError::io(path, &e));
    }
    Ok(file)
}

/// Standard input as a file of its own (a duplicate of its descriptor).
#[cfg(unix)]
fn stdin_file() -> std::io::Result<std::fs::File> {
    use std::os::fd::AsFd;
    Ok(std::io::stdin().as_fd().try_clone_to_owned()?.into())
}

/// Standard input as a file of its own (a duplicate of its handle).
#[cfg(windows)]
fn stdin_file() -> std::io::Result<std::fs::File> {
    use std::os::windows::io::AsHandle;
    Ok(std::io::stdin().as_handle().try_clone_to_owned()?.into())
}

/// Reads at most `limit` bytes of `path`; a longer file is a `limit` error, found after
/// reading `limit + 1` bytes, so a device or a pipe that never ends cannot exhaust memory.
pub fn read_bounded(path: &std::path::Path, limit: u64) -> Result<Vec<u8>, CliError> {
    match read_prefix(path, limit)? {
        (bytes, false) => Ok(bytes),
        (_, true) => Err(CliError::too_large(path, limit)),
    }
}

/// The first `limit` bytes of `path` (all of it when shorter) and whether it holds more,
/// found by reading one byte past `limit` and no further.
pub fn read_prefix(path: &std::path::Path, limit: u64) -> Result<(Vec<u8>, bool), CliError> {
    use std::io::Read;
    let file = open_file(path)?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| CliError::io(path, &e))?;
    let more = bytes.len() as u64 > limit;
    bytes.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok((bytes, more))
}

/// [`read_bounded`] for a UTF-8 text file; invalid UTF-8 is an `io` error naming the
/// byte offset of the first bad byte.
pub fn read_text_bounded(path: &std::path::Path, limit: u64) -> Result<String, CliError> {
    let bytes = read_bounded(path, limit)?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        CliError::new(
            "io",
            format!("{}: not UTF-8 text at byte {offset}", path.display()),
        )
        .with("file", path.display().to_string())
        .with("offset", offset)
    })
}

/// Where results go.
pub struct Out {
    json: bool,
    stdout: std::io::Stdout,
}

impl Out {
    /// Output in JSON Lines when `json`, as tables otherwise.
    pub fn new(json: bool) -> Self {
        Self {
            json,
            stdout: std::io::stdout(),
        }
    }

    /// Whether `--json` was given.
    #[allow(dead_code)]
    pub fn is_json(&self) -> bool {
        self.json
    }

    /// Prints one result object: a JSON line, or a table of its keys.
    pub fn emit(&mut self, value: &Value) {
        let mut lock = self.stdout.lock();
        let text = if self.json {
            format!("{value}\n")
        } else {
            let mut text = String::new();
            render_table(value, 0, &mut text);
            text.push('\n');
            text
        };
        // A closed pipe (`voipkit ... | head`) is not an error worth a panic.
        let _ = lock.write_all(text.as_bytes());
        let _ = lock.flush();
    }

    /// Prints text as it is (the readable form of a command whose rows are a table).
    pub fn text(&mut self, text: &str) {
        let mut lock = self.stdout.lock();
        let _ = lock.write_all(text.as_bytes());
        let _ = lock.flush();
    }

    /// Reports `err` on stdout (JSON) or stderr (text) and returns its exit code.
    pub fn error(&mut self, err: &CliError) -> ExitCode {
        self.emit_error(err);
        ExitCode::from(err.exit_code)
    }

    /// Reports `err` in the place of one input's result and goes on: a JSON line
    /// `{"error": {...}}` on stdout, or a line on stderr.
    pub fn emit_error(&mut self, err: &CliError) {
        let mut object = Map::new();
        object.insert("kind".into(), Value::from(err.kind));
        object.insert("message".into(), Value::from(err.message.clone()));
        for (key, value) in &err.details {
            object.insert(key.clone(), value.clone());
        }
        if self.json {
            let mut wrapper = Map::new();
            wrapper.insert("error".into(), Value::Object(object));
            let _ = writeln!(self.stdout.lock(), "{}", Value::Object(wrapper));
        } else {
            // `eprintln!` panics when stderr is closed; the exit code still tells.
            let _ = writeln!(
                std::io::stderr().lock(),
                "voipkit: error ({}): {}",
                err.kind,
                err.message
            );
        }
    }
}

/// Renders a JSON value as indented `key  value` lines.
fn render_table(value: &Value, indent: usize, text: &mut String) {
    let pad = "  ".repeat(indent);
    match value {
        Value::Object(map) => {
            let width = map.keys().map(String::len).max().unwrap_or(0);
            for (key, item) in map {
                match item {
                    Value::Object(inner) if !inner.is_empty() => {
                        text.push_str(&format!("{pad}{key}:\n"));
                        render_table(item, indent + 1, text);
                    }
                    Value::Array(items) if items.iter().any(|v| v.is_object() || v.is_array()) => {
                        text.push_str(&format!("{pad}{key}:\n"));
                        for item in items {
                            text.push_str(&format!("{pad}  -\n"));
                            render_table(item, indent + 2, text);
                        }
                    }
                    _ => text.push_str(&format!("{pad}{key:<width$}  {}\n", scalar(item))),
                }
            }
        }
        other => text.push_str(&format!("{pad}{}\n", scalar(other))),
    }
}

fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => "-".into(),
        Value::Array(items) => items.iter().map(scalar).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// A rulebook named on the command line: a built-in preset (any case), else a TOML or
/// JSON file (by its extension; TOML otherwise) read up to [`CONFIG_FILE_LIMIT`]. The one
/// loader of `contracts` and `tariff` rulebooks: `preset` builds a preset, `parse` reads
/// a file's text.
pub fn load_rulebook<T>(
    name: &str,
    presets: &[&str],
    preset: impl FnOnce(&str) -> Result<T, CliError>,
    parse: impl FnOnce(&str, bool, &std::path::Path) -> Result<T, CliError>,
) -> Result<T, CliError> {
    if presets.contains(&name.to_ascii_lowercase().as_str()) {
        return preset(name);
    }
    let path = std::path::Path::new(name);
    if !path.exists() {
        return Err(CliError::new(
            "usage",
            format!(
                "unknown rulebook {name:?}: expected one of {} or a TOML/JSON file",
                presets.join(", ")
            ),
        )
        .with("rulebook", name));
    }
    let text = read_text_bounded(path, CONFIG_FILE_LIMIT)?;
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    parse(&text, is_json, path)
}

/// A column of an aligned table: its title and whether its cells align right
/// (numbers).
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The title, with its unit (`duration s`).
    pub title: &'static str,
    /// Right-aligned (numbers) rather than left-aligned (text).
    pub right: bool,
}

/// Rows under their column titles, each column as wide as its widest cell (counted in
/// characters), two spaces apart, trailing spaces trimmed.
pub fn aligned_table(columns: &[Column], rows: &[Vec<String>]) -> String {
    let width = |i: usize| {
        rows.iter()
            .filter_map(|r| r.get(i))
            .map(|c| c.chars().count())
            .chain([columns[i].title.chars().count()])
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..columns.len()).map(width).collect();
    let mut out = String::new();
    let titles: Vec<String> = columns.iter().map(|c| c.title.to_owned()).collect();
    for row in std::iter::once(&titles).chain(rows) {
        let mut line = String::new();
        for (i, column) in columns.iter().enumerate() {
            let cell = row.get(i).map_or("", String::as_str);
            let pad = widths[i].saturating_sub(cell.chars().count());
            if i > 0 {
                line.push_str("  ");
            }
            if column.right {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&" ".repeat(pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_aligned_table_pads_text_left_and_numbers_right() {
        let columns = [
            Column {
                title: "call",
                right: false,
            },
            Column {
                title: "duration s",
                right: true,
            },
        ];
        let rows = vec![
            vec!["a→b".to_owned(), "5.0".to_owned()],
            vec!["long-call-id".to_owned(), "120.5".to_owned()],
        ];
        assert_eq!(
            aligned_table(&columns, &rows),
            "call          duration s\na→b                  5.0\nlong-call-id       120.5\n"
        );
    }
}
