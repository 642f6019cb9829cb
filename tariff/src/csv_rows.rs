//! The one CSV reading of this crate: rate tables, call records, call attempts and
//! CGRateS tariff plans all come through [`Rows`], so they number lines the same way
//! and read a shared column (`answered`) with one meaning.

use crate::error::Error;

/// The rows of a CSV text, each with the 1-based line it starts on.
///
/// Lines are physical lines as an editor shows them: LF, CRLF and a lone CR each end
/// one, and a quoted field that spans lines moves the next row's number on by as many.
pub(crate) struct Rows<'a> {
    records: csv::StringRecordsIntoIter<&'a [u8]>,
    lines: Lines<'a>,
}

impl<'a> Rows<'a> {
    /// A table with a header row (fields trimmed); a missing or unreadable header is an
    /// error on line 1. Returns the rows after it and the header.
    pub(crate) fn with_headers(text: &'a str) -> Result<(Self, csv::StringRecord), Error> {
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| Error::Csv {
                line: 1,
                reason: e.to_string(),
            })?
            .clone();
        Ok((Self::over(reader, text), headers))
    }

    /// Rows without a header, of any length, fields trimmed, lines starting with
    /// `comment` skipped (CGRateS's files).
    pub(crate) fn headerless(text: &'a str, comment: u8) -> Self {
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .comment(Some(comment))
            .from_reader(text.as_bytes());
        let mut rows = Self::over(reader, text);
        rows.lines.comment = Some(comment);
        rows
    }

    fn over(reader: csv::Reader<&'a [u8]>, text: &'a str) -> Self {
        Self {
            records: reader.into_records(),
            lines: Lines {
                text: text.as_bytes(),
                scanned: 0,
                line: 1,
                comment: None,
            },
        }
    }
}

impl Iterator for Rows<'_> {
    type Item = Result<(u64, csv::StringRecord), Error>;

    fn next(&mut self) -> Option<Self::Item> {
        Some(match self.records.next()? {
            Ok(record) => {
                let byte = record.position().map_or(0, csv::Position::byte);
                Ok((self.lines.line_at(byte), record))
            }
            Err(e) => {
                let byte = e.position().map_or(0, csv::Position::byte);
                Err(Error::Csv {
                    line: self.lines.line_at(byte),
                    reason: e.to_string(),
                })
            }
        })
    }
}

/// Line numbers of byte offsets, counted incrementally over the text.
struct Lines<'a> {
    text: &'a [u8],
    /// Bytes before this offset are counted in `line`.
    scanned: usize,
    /// The line at `scanned`.
    line: u64,
    /// The comment character: lines starting with it are skipped by the reader.
    comment: Option<u8>,
}

impl Lines<'_> {
    /// The 1-based line of byte `at`. Offsets come in increasing order, so the text is
    /// scanned once overall; an earlier offset starts the count again.
    fn line_at(&mut self, at: u64) -> u64 {
        let mut at = usize::try_from(at)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        // The reader puts a row's start before the line ends, blank lines and comment
        // lines it skipped to reach it: the row starts after them.
        loop {
            match self.text.get(at) {
                Some(b'\r' | b'\n') => at += 1,
                Some(&b) if Some(b) == self.comment => {
                    at += self.text[at..]
                        .iter()
                        .position(|&c| c == b'\r' || c == b'\n')
                        .unwrap_or(self.text.len() - at);
                }
                _ => break,
            }
        }
        if at < self.scanned {
            self.scanned = 0;
            self.line = 1;
        }
        // A CR ends a line; an LF does unless it completes a CRLF.
        let start = self.scanned;
        let ends = self.text[start..at]
            .iter()
            .enumerate()
            .filter(|&(i, &b)| {
                b == b'\r' || (b == b'\n' && (start + i == 0 || self.text[start + i - 1] != b'\r'))
            })
            .count();
        self.line = self.line.saturating_add(ends as u64);
        self.scanned = at;
        self.line
    }
}

/// The index of the column named `name` (any case).
pub(crate) fn column(headers: &csv::StringRecord, name: &str) -> Option<usize> {
    headers.iter().position(|h| h.eq_ignore_ascii_case(name))
}

/// The `answered` column, read the same way by every table that has one: `true`, `1`,
/// `yes`, `y`, `answered` are answered; `false`, `0`, `no`, `n`, `no answer`, `busy`,
/// `failed` are not (any case); empty means answered when the call has a duration.
/// `None` for any other value.
pub(crate) fn answered(value: &str, has_duration: bool) -> Option<bool> {
    match value.to_ascii_lowercase().as_str() {
        "" => Some(has_duration),
        "true" | "1" | "yes" | "y" | "answered" => Some(true),
        "false" | "0" | "no" | "n" | "no answer" | "busy" | "failed" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<u64> {
        let (rows, _) = Rows::with_headers(text).unwrap();
        rows.map(|r| r.unwrap().0).collect()
    }

    #[test]
    fn rows_are_numbered_by_physical_lines_whatever_ends_them() {
        assert_eq!(lines("a,b\n1,2\n3,4\n"), [2, 3]);
        assert_eq!(lines("a,b\r\n1,2\r\n3,4\r\n"), [2, 3]);
        // A lone CR ends a line (and a row) too.
        assert_eq!(lines("a,b\n1,2\r3,4\n5,6"), [2, 3, 4]);
        // A quoted field over two lines: the next row starts two lines on.
        assert_eq!(lines("a,b\n\"x\ny\",2\n3,4\n"), [2, 4]);
        // Blank lines are skipped but counted.
        assert_eq!(lines("a,b\n\n\n1,2\n"), [4]);
    }

    #[test]
    fn comment_lines_are_skipped_but_counted() {
        let lines = |text: &str| -> Vec<u64> {
            Rows::headerless(text, b'#').map(|r| r.unwrap().0).collect()
        };
        assert_eq!(lines("#Id,Prefix\nDST_1,1\n"), [2]);
        assert_eq!(
            lines("#Id,Prefix\n# a note\r\n\nDST_1,1\n#x\nDST_2,2"),
            [4, 6]
        );
        assert_eq!(lines("DST_1,1\n#\n"), [1]);
    }

    #[test]
    fn an_empty_answered_means_answered_when_the_call_has_a_duration() {
        assert_eq!(answered("", true), Some(true));
        assert_eq!(answered("", false), Some(false));
        assert_eq!(answered("Busy", true), Some(false));
        assert_eq!(answered("YES", false), Some(true));
        assert_eq!(answered("maybe", true), None);
    }
}
