//! Call records from CSV: one reading of every column's meaning, one record at a time.

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::{CallRecord, RatingEngine};
use crate::Error;

impl RatingEngine {
    /// Parses call records from CSV text: header with `start` (RFC 3339, or a local
    /// `YYYY-MM-DD HH:MM:SS` in the plan's zone), `duration_s`, `destination`, and
    /// optionally `answered` (default: duration > 0) and `call_id`. Errors name the line.
    pub fn parse_cdrs_csv(&self, text: &str) -> Result<Vec<CallRecord>, Error> {
        parse_cdrs_csv(text, &self.tz)
    }

    /// [`cdr_records`] in the plan's zone: the records one at a time with their lines.
    ///
    /// # Errors
    /// As [`cdr_records`].
    pub fn cdr_records<'a>(&self, text: &'a str) -> Result<CdrRecords<'a>, Error> {
        cdr_records(text, &self.tz)
    }

    /// A call's start as call records give it: RFC 3339 with an offset, or a local
    /// `YYYY-MM-DD HH:MM:SS` (or `T` between) in the plan's zone; `None` for anything
    /// else.
    pub fn parse_start(&self, text: &str) -> Option<Timestamp> {
        parse_start(text, &self.tz)
    }
}

/// Parses call records from CSV text (see [`RatingEngine::parse_cdrs_csv`]).
pub fn parse_cdrs_csv(text: &str, tz: &TimeZone) -> Result<Vec<CallRecord>, Error> {
    cdr_records(text, tz)?
        .map(|r| r.map(|(_, record)| record))
        .collect()
}

/// Reads call records from CSV text one at a time, each with the 1-based line its row
/// starts on (a quoted field may span lines, so the line is the reader's, not a row
/// count), without holding them all: rate a file of any length in constant memory.
/// Columns as [`RatingEngine::parse_cdrs_csv`] says; a bad header is an error at
/// once, a bad row an error in its place.
///
/// ```
/// let tz = jiff::tz::TimeZone::UTC;
/// let text = "call_id,start,duration_s,destination\n\"a\nb\",2026-03-11T09:12:00Z,60,+31201234567\n";
/// let rows: Vec<_> = tariff::cdr_records(text, &tz)?.collect::<Result<_, _>>()?;
/// assert_eq!(rows[0].0, 2);
/// assert_eq!(rows[0].1.call_id, "a\nb");
/// # Ok::<(), tariff::Error>(())
/// ```
///
/// # Errors
/// [`Error::Csv`] for a header without `start`, `duration_s` and `destination`.
pub fn cdr_records<'a>(text: &'a str, tz: &TimeZone) -> Result<CdrRecords<'a>, Error> {
    let (rows, headers) = crate::csv_rows::Rows::with_headers(text)?;
    let col = |name: &str| crate::csv_rows::column(&headers, name);
    let (Some(start_col), Some(dur_col), Some(dest_col)) =
        (col("start"), col("duration_s"), col("destination"))
    else {
        return Err(Error::Csv {
            line: 1,
            reason: "header must name start, duration_s and destination".into(),
        });
    };
    Ok(CdrRecords {
        rows,
        tz: tz.clone(),
        cols: [start_col, dur_col, dest_col],
        answered_col: col("answered"),
        id_col: col("call_id"),
    })
}

/// The call records of a CSV text, one at a time ([`cdr_records`]).
pub struct CdrRecords<'a> {
    rows: crate::csv_rows::Rows<'a>,
    tz: TimeZone,
    cols: [usize; 3],
    answered_col: Option<usize>,
    id_col: Option<usize>,
}

impl std::fmt::Debug for CdrRecords<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CdrRecords").finish_non_exhaustive()
    }
}

impl Iterator for CdrRecords<'_> {
    type Item = Result<(u64, CallRecord), Error>;

    fn next(&mut self) -> Option<Self::Item> {
        Some(
            self.rows
                .next()?
                .and_then(|(line, record)| self.read(line, &record)),
        )
    }
}

impl CdrRecords<'_> {
    fn read(&self, line: u64, record: &csv::StringRecord) -> Result<(u64, CallRecord), Error> {
        let [start_col, dur_col, dest_col] = self.cols;
        let field = |c: Option<usize>| c.and_then(|c| record.get(c)).unwrap_or("");
        let bad = |what: &str, v: &str| Error::Csv {
            line,
            reason: format!("{what}: invalid value {v:?}"),
        };
        let start_text = field(Some(start_col));
        let start = parse_start(start_text, &self.tz).ok_or_else(|| bad("start", start_text))?;
        let dur_text = field(Some(dur_col));
        let duration_s: u32 = dur_text.parse().map_err(|_| bad("duration_s", dur_text))?;
        let answered_text = field(self.answered_col);
        let answered = crate::csv_rows::answered(answered_text, duration_s > 0)
            .ok_or_else(|| bad("answered", answered_text))?;
        Ok((
            line,
            CallRecord {
                call_id: field(self.id_col).to_owned(),
                start,
                duration_s,
                destination: field(Some(dest_col)).to_owned(),
                answered,
            },
        ))
    }
}

fn parse_start(text: &str, tz: &TimeZone) -> Option<Timestamp> {
    if let Ok(ts) = text.parse::<Timestamp>() {
        return Some(ts);
    }
    let civil: jiff::civil::DateTime = text.parse().ok()?;
    civil.to_zoned(tz.clone()).ok().map(|z| z.timestamp())
}
