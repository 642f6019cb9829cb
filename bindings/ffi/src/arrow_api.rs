//! Arrow record batches in and out (feature `arrow`): the batch calls of the bindings as
//! column kernels, so that a data team rates, normalizes or checks a column of millions
//! of records without an object per record.
//!
//! Each kernel reads the columns it needs by name, whatever their Arrow layout (any
//! string or binary layout, plain or dictionary-encoded, any integer width, any
//! timestamp unit and time zone), and returns one
//! output row per input row, in order: a row that cannot be processed keeps its place
//! with `error_kind` and `error` set and its value columns null, so the output lines up
//! with the input. A missing column or a column of a type the kernel cannot read is an
//! error of the whole call. The output schemas are fixed (a cluster job declares them
//! before it runs) and use only types Spark, Polars, DuckDB and pandas all read: money is
//! `decimal128(38, 10)` (exact; a value with more decimals is a row error, never
//! rounded), counts are `int64`, names are `utf8`.
//!
//! ```
//! use std::sync::Arc;
//! use arrow_array::{Array, RecordBatch, StringArray};
//! use arrow_array::cast::AsArray;
//!
//! let numbers = StringArray::from(vec![Some("020 123 4567"), Some("+32 2 555 12 12"), Some("12x")]);
//! let out = voipkit_ffi::tariff_normalize_arrow(&numbers, "NL")?;
//! let e164 = out.column_by_name("e164").unwrap().as_string::<i32>();
//! assert_eq!(e164.value(0), "+31201234567");
//! assert_eq!(e164.value(1), "+3225551212");
//! assert!(e164.is_null(2));
//! let kind = out.column_by_name("error_kind").unwrap().as_string::<i32>();
//! assert_eq!(kind.value(2), "invalid_number");
//! # Ok::<(), voipkit_ffi::VoipkitError>(())
//! ```

use std::fmt::Write as _;
use std::sync::{Arc, LazyLock};

use arrow_array::builder::{
    BooleanBuilder, Decimal128Builder, Float64Builder, Int32Builder, Int64Builder, StringBuilder,
    TimestampMicrosecondBuilder,
};
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Int8Type, Int16Type, Int32Type, Int64Type, TimestampMicrosecondType, TimestampMillisecondType,
    TimestampNanosecondType, TimestampSecondType, UInt8Type, UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{Array, ArrayRef, BooleanArray, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};
use rust_decimal::Decimal;

use crate::{CgratesCall, CgratesRater, RtpStreamReport, TariffPlan, VoipkitError};

/// The scale of every money column: ten decimals.
pub const MONEY_SCALE: i8 = 10;
/// The precision of every money column (Arrow's and Spark's widest decimal).
pub const MONEY_PRECISION: u8 = 38;

fn money() -> DataType {
    DataType::Decimal128(MONEY_PRECISION, MONEY_SCALE)
}

/// A builder of a money column for `rows` values.
fn money_builder(rows: usize) -> Result<Decimal128Builder, VoipkitError> {
    Decimal128Builder::with_capacity(rows)
        .with_precision_and_scale(MONEY_PRECISION, MONEY_SCALE)
        .map_err(|e| VoipkitError::Internal {
            reason: format!("building a money column: {e}"),
        })
}

fn utf8(name: &str) -> Field {
    Field::new(name, DataType::Utf8, true)
}

fn int64(name: &str) -> Field {
    Field::new(name, DataType::Int64, true)
}

fn float64(name: &str) -> Field {
    Field::new(name, DataType::Float64, true)
}

fn boolean(name: &str) -> Field {
    Field::new(name, DataType::Boolean, true)
}

fn utc_micros(name: &str) -> Field {
    Field::new(
        name,
        DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
        true,
    )
}

/// An error of the whole call about its input columns, in the error kind of the area.
fn column_error(area: Area, field: &str, reason: String) -> VoipkitError {
    match area {
        Area::Tariff => VoipkitError::Tariff {
            kind: "invalid_argument".into(),
            line: None,
            field: Some(field.to_owned()),
            offset: None,
            reason,
        },
        Area::Sip => VoipkitError::Sip {
            kind: "invalid_argument".into(),
            offset: 0,
            reason: format!("column {field}: {reason}"),
        },
    }
}

#[derive(Clone, Copy)]
enum Area {
    Tariff,
    Sip,
}

/// A text column of any Arrow string or binary layout, plain or dictionary-encoded.
enum Text<'a> {
    Utf8(&'a arrow_array::StringArray),
    LargeUtf8(&'a arrow_array::LargeStringArray),
    Utf8View(&'a arrow_array::StringViewArray),
    Binary(&'a arrow_array::BinaryArray),
    LargeBinary(&'a arrow_array::LargeBinaryArray),
    BinaryView(&'a arrow_array::BinaryViewArray),
    /// Dictionary-encoded text (pandas categoricals, Polars `Categorical`/`Enum`): the
    /// keys (for their nulls), each row's index into the values, and the values.
    Dictionary {
        keys: &'a dyn Array,
        index: Vec<usize>,
        values: Box<Text<'a>>,
    },
}

impl<'a> Text<'a> {
    fn new(array: &'a dyn Array, binary: bool) -> Option<Self> {
        Some(match array.data_type() {
            DataType::Utf8 => Text::Utf8(array.as_string::<i32>()),
            DataType::LargeUtf8 => Text::LargeUtf8(array.as_string::<i64>()),
            DataType::Utf8View => Text::Utf8View(array.as_string_view()),
            DataType::Binary if binary => Text::Binary(array.as_binary::<i32>()),
            DataType::LargeBinary if binary => Text::LargeBinary(array.as_binary::<i64>()),
            DataType::BinaryView if binary => Text::BinaryView(array.as_binary_view()),
            DataType::Dictionary(_, _) => {
                let dictionary = array.as_any_dictionary_opt()?;
                let values = Text::new(dictionary.values().as_ref(), binary)?;
                // An empty dictionary has no index to give (every row is then null).
                let index = if dictionary.values().is_empty() {
                    Vec::new()
                } else {
                    dictionary.normalized_keys()
                };
                Text::Dictionary {
                    keys: dictionary.keys(),
                    index,
                    values: Box::new(values),
                }
            }
            _ => return None,
        })
    }

    fn bytes(&self, i: usize) -> Option<&'a [u8]> {
        match self {
            Text::Utf8(a) => (!a.is_null(i)).then(|| a.value(i).as_bytes()),
            Text::LargeUtf8(a) => (!a.is_null(i)).then(|| a.value(i).as_bytes()),
            Text::Utf8View(a) => (!a.is_null(i)).then(|| a.value(i).as_bytes()),
            Text::Binary(a) => (!a.is_null(i)).then(|| a.value(i)),
            Text::LargeBinary(a) => (!a.is_null(i)).then(|| a.value(i)),
            Text::BinaryView(a) => (!a.is_null(i)).then(|| a.value(i)),
            Text::Dictionary {
                keys,
                index,
                values,
            } => {
                if keys.is_null(i) {
                    return None;
                }
                values.bytes(*index.get(i)?)
            }
        }
    }

    /// The value as text; `None` for a null (binary columns are only read as bytes).
    fn str(&self, i: usize) -> Option<&'a str> {
        match self {
            Text::Utf8(a) => (!a.is_null(i)).then(|| a.value(i)),
            Text::LargeUtf8(a) => (!a.is_null(i)).then(|| a.value(i)),
            Text::Utf8View(a) => (!a.is_null(i)).then(|| a.value(i)),
            Text::Dictionary {
                keys,
                index,
                values,
            } => {
                if keys.is_null(i) {
                    return None;
                }
                values.str(*index.get(i)?)
            }
            _ => self.bytes(i).and_then(|b| std::str::from_utf8(b).ok()),
        }
    }
}

/// A column of a record batch by name, or the error that names it.
fn column<'a>(
    batch: &'a RecordBatch,
    name: &str,
    area: Area,
) -> Result<&'a ArrayRef, VoipkitError> {
    batch.column_by_name(name).ok_or_else(|| {
        let names: Vec<&str> = batch
            .schema_ref()
            .fields()
            .iter()
            .map(|f| f.name().as_str())
            .collect();
        column_error(
            area,
            name,
            format!("no column {name} (the columns are: {})", names.join(", ")),
        )
    })
}

fn text_column<'a>(array: &'a dyn Array, name: &str, area: Area) -> Result<Text<'a>, VoipkitError> {
    Text::new(array, false).ok_or_else(|| {
        column_error(
            area,
            name,
            format!(
                "column {name} is {}, not a string column",
                array.data_type()
            ),
        )
    })
}

/// An integer column of any width and signedness, read as `i128` (so none overflows).
struct Integers<'a>(&'a dyn Array);

impl<'a> Integers<'a> {
    fn new(array: &'a dyn Array, name: &str) -> Result<Self, VoipkitError> {
        if array.data_type().is_integer() {
            Ok(Integers(array))
        } else {
            Err(column_error(
                Area::Tariff,
                name,
                format!(
                    "column {name} is {}, not an integer column",
                    array.data_type()
                ),
            ))
        }
    }

    fn get(&self, i: usize) -> Option<i128> {
        if self.0.is_null(i) {
            return None;
        }
        let a = self.0;
        Some(match a.data_type() {
            DataType::Int8 => a.as_primitive::<Int8Type>().value(i).into(),
            DataType::Int16 => a.as_primitive::<Int16Type>().value(i).into(),
            DataType::Int32 => a.as_primitive::<Int32Type>().value(i).into(),
            DataType::Int64 => a.as_primitive::<Int64Type>().value(i).into(),
            DataType::UInt8 => a.as_primitive::<UInt8Type>().value(i).into(),
            DataType::UInt16 => a.as_primitive::<UInt16Type>().value(i).into(),
            DataType::UInt32 => a.as_primitive::<UInt32Type>().value(i).into(),
            _ => a.as_primitive::<UInt64Type>().value(i).into(),
        })
    }
}

/// A column of instants: a timestamp of any unit (its values are UTC whatever the time
/// zone it is shown in), or RFC 3339 text with an offset.
enum Instants<'a> {
    /// The values, their unit, and whether they are wall-clock times (no time zone).
    Timestamp(&'a dyn Array, TimeUnit, bool),
    Text(Text<'a>),
}

impl<'a> Instants<'a> {
    fn new(array: &'a dyn Array, name: &str) -> Result<Self, VoipkitError> {
        match array.data_type() {
            DataType::Timestamp(unit, zone) => {
                Ok(Instants::Timestamp(array, *unit, zone.is_none()))
            }
            _ => match Text::new(array, false) {
                Some(text) => Ok(Instants::Text(text)),
                None => Err(column_error(
                    Area::Tariff,
                    name,
                    format!(
                        "column {name} is {}, not a timestamp or RFC 3339 text column",
                        array.data_type()
                    ),
                )),
            },
        }
    }

    /// Row `i`'s instant. A timestamp without a time zone is a wall-clock time (Arrow's
    /// reading), taken in `zone`; text is read by `text`.
    fn get(
        &self,
        i: usize,
        zone: &jiff::tz::TimeZone,
        text: impl Fn(&str) -> Option<jiff::Timestamp>,
    ) -> Result<jiff::Timestamp, String> {
        match self {
            Instants::Timestamp(a, unit, local) => {
                if a.is_null(i) {
                    return Err("start is null".into());
                }
                let t = match unit {
                    TimeUnit::Second => jiff::Timestamp::from_second(
                        a.as_primitive::<TimestampSecondType>().value(i),
                    ),
                    TimeUnit::Millisecond => jiff::Timestamp::from_millisecond(
                        a.as_primitive::<TimestampMillisecondType>().value(i),
                    ),
                    TimeUnit::Microsecond => jiff::Timestamp::from_microsecond(
                        a.as_primitive::<TimestampMicrosecondType>().value(i),
                    ),
                    TimeUnit::Nanosecond => jiff::Timestamp::from_nanosecond(
                        a.as_primitive::<TimestampNanosecondType>().value(i).into(),
                    ),
                };
                let t = t.map_err(|e| format!("start out of range: {e}"))?;
                if !local {
                    return Ok(t);
                }
                t.to_zoned(jiff::tz::TimeZone::UTC)
                    .datetime()
                    .to_zoned(zone.clone())
                    .map(|z| z.timestamp())
                    .map_err(|e| format!("start out of range in the plan's zone: {e}"))
            }
            Instants::Text(t) => {
                let s = t.str(i).ok_or("start is null")?;
                text(s).ok_or_else(|| {
                    format!(
                        "start {s:?} is neither an RFC 3339 instant nor a local \
                         YYYY-MM-DD HH:MM:SS"
                    )
                })
            }
        }
    }
}

/// The optional `call_id` column, text or integers, carried through as text.
enum CallIds<'a> {
    None,
    Text(Text<'a>),
    Integers(Integers<'a>),
}

impl<'a> CallIds<'a> {
    fn new(batch: &'a RecordBatch) -> Result<Self, VoipkitError> {
        Ok(match batch.column_by_name("call_id") {
            None => CallIds::None,
            Some(a) if a.data_type().is_integer() => {
                CallIds::Integers(Integers::new(a.as_ref(), "call_id")?)
            }
            Some(a) => CallIds::Text(text_column(a.as_ref(), "call_id", Area::Tariff)?),
        })
    }

    /// The input column itself when it already is the output's `utf8` (passed through
    /// without a copy).
    fn as_utf8(batch: &RecordBatch) -> Option<ArrayRef> {
        batch
            .column_by_name("call_id")
            .filter(|a| a.data_type() == &DataType::Utf8)
            .cloned()
    }

    fn get(&self, i: usize) -> Option<std::borrow::Cow<'a, str>> {
        match self {
            CallIds::None => None,
            CallIds::Text(t) => t.str(i).map(std::borrow::Cow::Borrowed),
            CallIds::Integers(n) => n.get(i).map(|n| n.to_string().into()),
        }
    }
}

/// An optional boolean column (`default` where absent or null).
fn flags<'a>(batch: &'a RecordBatch, name: &str) -> Result<Option<&'a BooleanArray>, VoipkitError> {
    match batch.column_by_name(name) {
        None => Ok(None),
        Some(a) => a.as_boolean_opt().map(Some).ok_or_else(|| {
            column_error(
                Area::Tariff,
                name,
                format!("column {name} is {}, not a boolean column", a.data_type()),
            )
        }),
    }
}

/// Exact money as a `decimal128(38, 10)` value, or why it does not fit.
fn money_units(d: Decimal) -> Result<i128, String> {
    let scale = d.scale();
    let shift = u32::try_from(MONEY_SCALE)
        .ok()
        .and_then(|s| s.checked_sub(scale))
        .ok_or_else(|| format!("{d} has more than {MONEY_SCALE} decimals"))?;
    d.mantissa()
        .checked_mul(10i128.pow(shift))
        .filter(|u| u.unsigned_abs() < 10u128.pow(u32::from(MONEY_PRECISION)))
        .ok_or_else(|| format!("{d} does not fit decimal({MONEY_PRECISION}, {MONEY_SCALE})"))
}

/// The schema of rated calls ([`TariffPlan::rate_arrow`], [`CgratesRater::rate_arrow`]).
pub fn rated_calls_schema() -> SchemaRef {
    static SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
        Arc::new(Schema::new(vec![
            utf8("call_id"),
            Field::new("cost", money(), true),
            utf8("currency"),
            int64("increments"),
            int64("billed_s"),
            utf8("destination_class"),
            utf8("destination"),
            boolean("included_in_bundle"),
            Field::new("cost_before_bundle", money(), true),
            int64("bundle_s"),
            utf8("mode"),
            utf8("error_kind"),
            utf8("error"),
        ]))
    });
    SCHEMA.clone()
}

/// The columns of rated calls being built.
struct RatedColumns {
    /// Whether the input's `call_id` column is passed through (nothing to build).
    pass_call_id: bool,
    call_id: StringBuilder,
    cost: Decimal128Builder,
    currency: StringBuilder,
    increments: Int64Builder,
    billed_s: Int64Builder,
    class: StringBuilder,
    destination: StringBuilder,
    included: BooleanBuilder,
    before: Decimal128Builder,
    bundle_s: Int64Builder,
    mode: StringBuilder,
    error_kind: StringBuilder,
    error: StringBuilder,
}

/// One rated call, borrowed from wherever it was rated.
struct RatedRow<'a> {
    cost: Decimal,
    cost_before_bundle: Decimal,
    currency: &'a str,
    increments: u32,
    billed_s: u32,
    class: &'a str,
    destination: Option<&'a str>,
    included_in_bundle: bool,
    bundle_s: u32,
    mode: &'a str,
}

impl RatedColumns {
    fn new(rows: usize, pass_call_id: bool) -> Result<Self, VoipkitError> {
        let text = |bytes: usize| StringBuilder::with_capacity(rows, rows.saturating_mul(bytes));
        Ok(RatedColumns {
            pass_call_id,
            call_id: text(if pass_call_id { 0 } else { 16 }),
            cost: money_builder(rows)?,
            currency: text(3),
            increments: Int64Builder::with_capacity(rows),
            billed_s: Int64Builder::with_capacity(rows),
            class: text(8),
            destination: text(12),
            included: BooleanBuilder::with_capacity(rows),
            before: money_builder(rows)?,
            bundle_s: Int64Builder::with_capacity(rows),
            mode: text(6),
            error_kind: text(0),
            error: text(0),
        })
    }

    fn push(&mut self, call_id: Option<&str>, row: Result<RatedRow<'_>, RowError>) {
        if !self.pass_call_id {
            self.call_id.append_option(call_id);
        }
        let row = row.and_then(|r| {
            let cost = money_units(r.cost);
            let before = money_units(r.cost_before_bundle);
            match (cost, before) {
                (Ok(c), Ok(b)) => Ok((r, c, b)),
                (Err(e), _) | (_, Err(e)) => Err(RowError::Other(VoipkitError::Tariff {
                    kind: "limit_exceeded".into(),
                    line: None,
                    field: Some("cost".into()),
                    offset: None,
                    reason: e,
                })),
            }
        });
        match row {
            Ok((r, cost, before)) => {
                self.cost.append_value(cost);
                self.currency.append_value(r.currency);
                self.increments.append_value(r.increments.into());
                self.billed_s.append_value(r.billed_s.into());
                self.class.append_value(r.class);
                self.destination.append_option(r.destination);
                self.included.append_value(r.included_in_bundle);
                self.before.append_value(before);
                self.bundle_s.append_value(r.bundle_s.into());
                self.mode.append_value(r.mode);
                self.error_kind.append_null();
                self.error.append_null();
            }
            Err(e) => {
                self.cost.append_null();
                self.currency.append_null();
                self.increments.append_null();
                self.billed_s.append_null();
                self.class.append_null();
                self.destination.append_null();
                self.included.append_null();
                self.before.append_null();
                self.bundle_s.append_null();
                self.mode.append_null();
                e.append_to(&mut self.error_kind, &mut self.error);
            }
        }
    }

    /// The batch; `call_ids` replaces the built `call_id` column when the input's can
    /// be passed through.
    fn finish(mut self, call_ids: Option<ArrayRef>) -> Result<RecordBatch, VoipkitError> {
        let columns: Vec<ArrayRef> = vec![
            call_ids.unwrap_or_else(|| Arc::new(self.call_id.finish())),
            Arc::new(self.cost.finish()),
            Arc::new(self.currency.finish()),
            Arc::new(self.increments.finish()),
            Arc::new(self.billed_s.finish()),
            Arc::new(self.class.finish()),
            Arc::new(self.destination.finish()),
            Arc::new(self.included.finish()),
            Arc::new(self.before.finish()),
            Arc::new(self.bundle_s.finish()),
            Arc::new(self.mode.finish()),
            Arc::new(self.error_kind.finish()),
            Arc::new(self.error.finish()),
        ];
        batch(rated_calls_schema(), columns)
    }
}

fn batch(schema: SchemaRef, columns: Vec<ArrayRef>) -> Result<RecordBatch, VoipkitError> {
    RecordBatch::try_new(schema, columns).map_err(|e| VoipkitError::Internal {
        reason: format!("building an Arrow batch: {e}"),
    })
}

/// Why one row has no result: the core's error as it came (written into the columns
/// without an intermediate string), or an error of the input or of voipkit itself.
enum RowError {
    Tariff(tariff::Error),
    Other(VoipkitError),
}

impl From<VoipkitError> for RowError {
    fn from(e: VoipkitError) -> Self {
        RowError::Other(e)
    }
}

impl RowError {
    /// Appends the kind and the message ([`VoipkitError`]'s, word for word).
    fn append_to(&self, kind: &mut StringBuilder, message: &mut StringBuilder) {
        let _ = match self {
            RowError::Tariff(e) => {
                kind.append_value(e.kind());
                // `VoipkitError::Tariff`'s message of `e`.
                write!(message, "tariff: {e}")
            }
            RowError::Other(e) => {
                kind.append_value(e.kind());
                write!(message, "{e}")
            }
        };
        // The builder takes the written text as one value.
        message.append_value("");
    }
}

/// Runs one row's work, a panic in it becoming that row's internal error.
fn guard_row<T>(f: impl FnOnce() -> Result<T, RowError>) -> Result<T, RowError> {
    crate::guard(|| Ok(f())).unwrap_or_else(|e| Err(RowError::Other(e)))
}

/// The input error of one row.
fn row_error(field: &str, reason: String) -> VoipkitError {
    VoipkitError::Tariff {
        kind: "invalid_argument".into(),
        line: None,
        field: Some(field.to_owned()),
        offset: None,
        reason,
    }
}

/// A row's `duration_s`: whole seconds, 0 to 2^32 − 1.
fn duration(durations: &Integers<'_>, i: usize) -> Result<u32, VoipkitError> {
    let d = durations
        .get(i)
        .ok_or_else(|| row_error("duration_s", "duration_s is null".into()))?;
    u32::try_from(d).map_err(|_| {
        row_error(
            "duration_s",
            format!("duration_s {d} is not a whole number of seconds from 0 to 4294967295"),
        )
    })
}

impl TariffPlan {
    /// Rates a batch of calls, in order, sharing this period's bundle usage as
    /// [`TariffPlan::rate_batch`] does.
    ///
    /// Columns read as call records in CSV are ([`tariff::RatingEngine::parse_cdrs_csv`]):
    /// `destination` (text), `start` (a timestamp of any unit; one without a time zone,
    /// or text without an offset, is a wall-clock time in the plan's zone), `duration_s`
    /// (any integer type), and optionally `answered` (boolean; when absent or null, a
    /// call with a duration was answered) and `call_id` (text or integers, carried
    /// through as text). Other columns are
    /// ignored. The result has [`rated_calls_schema`], one row per call.
    ///
    /// # Errors
    /// [`VoipkitError::Tariff`] (`invalid_argument`, the column in `field`) for a missing
    /// column or one of a type it cannot read; a row that cannot be rated is an error row.
    pub fn rate_arrow(&self, calls: &RecordBatch) -> Result<RecordBatch, VoipkitError> {
        crate::guard(|| {
            let destination = text_column(
                column(calls, "destination", Area::Tariff)?,
                "destination",
                Area::Tariff,
            )?;
            let start = Instants::new(column(calls, "start", Area::Tariff)?, "start")?;
            let durations =
                Integers::new(column(calls, "duration_s", Area::Tariff)?, "duration_s")?;
            let answered = flags(calls, "answered")?;
            let call_id = CallIds::new(calls)?;
            let passed = CallIds::as_utf8(calls);
            let currency = self.engine.currency().to_string();
            let mode = self.engine.mode_name();
            let zone = self.engine.time_zone();
            let mut out = RatedColumns::new(calls.num_rows(), passed.is_some())?;
            let mut usage = self.usage();
            for i in 0..calls.num_rows() {
                let row = guard_row(|| {
                    let to = destination
                        .str(i)
                        .ok_or_else(|| row_error("destination", "destination is null".into()))?;
                    let at = start
                        .get(i, zone, |t| self.engine.parse_start(t))
                        .map_err(|e| row_error("start", e))?;
                    let seconds = duration(&durations, i)?;
                    let answered = match answered {
                        Some(a) if !a.is_null(i) => a.value(i),
                        _ => seconds > 0,
                    };
                    self.engine
                        .rate(at, seconds, answered, to, &mut usage)
                        .map_err(RowError::Tariff)
                });
                out.push(
                    call_id.get(i).as_deref(),
                    row.map(|r| RatedRow {
                        cost: r.cost,
                        cost_before_bundle: r.cost_before_bundle,
                        currency: &currency,
                        increments: r.increments,
                        billed_s: r.billed_s,
                        class: r.destination_class.as_str(),
                        destination: r.destination.and_then(|d| self.engine.destination_name(d)),
                        included_in_bundle: r.included_in_bundle,
                        bundle_s: r.bundle_s,
                        mode,
                    }),
                );
            }
            out.finish(passed)
        })
    }
}

impl CgratesRater {
    /// Rates a batch of CGRateS `GetCost` requests, in order.
    ///
    /// Columns read: `subject`, `destination` (text), `start` (a timestamp of any unit,
    /// or RFC 3339 text; without a time zone, UTC), `duration_s` (any integer type), and
    /// optionally `tenant`
    /// (`cgrates.org` when absent or null), `category` (`call`) and `call_id` (carried
    /// through). The result has [`rated_calls_schema`], one row per request.
    ///
    /// # Errors
    /// [`VoipkitError::Tariff`] (`invalid_argument`, the column in `field`) for a missing
    /// column or one of a type it cannot read; a request that cannot be rated is an error
    /// row.
    pub fn rate_arrow(&self, calls: &RecordBatch) -> Result<RecordBatch, VoipkitError> {
        crate::guard(|| {
            let required =
                |name: &str| text_column(column(calls, name, Area::Tariff)?, name, Area::Tariff);
            let optional = |name: &str| {
                calls
                    .column_by_name(name)
                    .map(|a| text_column(a, name, Area::Tariff))
                    .transpose()
            };
            let subject = Some(required("subject")?);
            let destination = Some(required("destination")?);
            let tenant = optional("tenant")?;
            let category = optional("category")?;
            let call_id = CallIds::new(calls)?;
            let passed = CallIds::as_utf8(calls);
            let start = Instants::new(column(calls, "start", Area::Tariff)?, "start")?;
            let durations =
                Integers::new(column(calls, "duration_s", Area::Tariff)?, "duration_s")?;
            fn get<'a>(c: &Option<Text<'a>>, i: usize) -> Option<&'a str> {
                c.as_ref().and_then(|c| c.str(i))
            }
            let mut out = RatedColumns::new(calls.num_rows(), passed.is_some())?;
            let mut rater = self.lock();
            for i in 0..calls.num_rows() {
                let rated = crate::guard(|| {
                    let call = CgratesCall {
                        call_id: String::new(),
                        tenant: get(&tenant, i).unwrap_or("cgrates.org").to_owned(),
                        category: get(&category, i).unwrap_or("call").to_owned(),
                        subject: get(&subject, i)
                            .ok_or_else(|| row_error("subject", "subject is null".into()))?
                            .to_owned(),
                        destination: get(&destination, i)
                            .ok_or_else(|| row_error("destination", "destination is null".into()))?
                            .to_owned(),
                        start: start
                            .get(i, &jiff::tz::TimeZone::UTC, |t| t.parse().ok())
                            .map_err(|e| row_error("start", e))?,
                        duration_s: duration(&durations, i)?,
                    };
                    Self::rate_one(&mut rater, &call)
                });
                out.push(
                    call_id.get(i).as_deref(),
                    rated
                        .as_ref()
                        .map_err(|e| RowError::Other(e.clone()))
                        .map(|r| RatedRow {
                            cost: r.cost,
                            cost_before_bundle: r.cost_before_bundle,
                            currency: &r.currency,
                            increments: r.increments,
                            billed_s: r.billed_s,
                            class: r.destination_class.as_str(),
                            destination: r.destination.as_deref(),
                            included_in_bundle: r.included_in_bundle,
                            bundle_s: r.bundle_s,
                            mode: r.mode.as_str(),
                        }),
                );
            }
            out.finish(passed)
        })
    }
}

/// The schema of normalized numbers ([`tariff_normalize_arrow`]).
pub fn normalized_numbers_schema() -> SchemaRef {
    static SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
        Arc::new(Schema::new(vec![
            utf8("e164"),
            Field::new("country_code", DataType::Int32, true),
            utf8("national_number"),
            utf8("number_class"),
            utf8("country"),
            utf8("error_kind"),
            utf8("error"),
        ]))
    });
    SCHEMA.clone()
}

/// Normalizes a column of numbers dialled from an account in `account_country` (`NL`,
/// `BE`, `DE`) to E.164 and classifies them, in order: the batch form of
/// [`crate::tariff_normalize_number`]. `numbers` is a text column of any string layout; a
/// null or malformed number is an error row. The result has
/// [`normalized_numbers_schema`].
///
/// # Errors
/// [`VoipkitError::Tariff`] for an unknown country or a column that is not text.
pub fn tariff_normalize_arrow(
    numbers: &dyn Array,
    account_country: &str,
) -> Result<RecordBatch, VoipkitError> {
    crate::guard(|| {
        let country = tariff::Country::parse(account_country)?;
        let text = text_column(numbers, "number", Area::Tariff)?;
        let rows = numbers.len();
        let mut e164 = StringBuilder::with_capacity(rows, rows.saturating_mul(13));
        let mut cc = Int32Builder::with_capacity(rows);
        let mut national = StringBuilder::with_capacity(rows, rows.saturating_mul(10));
        let mut class = StringBuilder::with_capacity(rows, rows.saturating_mul(8));
        let mut country_name = StringBuilder::with_capacity(rows, rows.saturating_mul(2));
        let mut error_kind = StringBuilder::new();
        let mut error = StringBuilder::new();
        for i in 0..rows {
            let number = guard_row(|| {
                let n = text
                    .str(i)
                    .ok_or_else(|| row_error("number", "number is null".into()))?;
                tariff::normalize_number(n, country).map_err(RowError::Tariff)
            });
            match number {
                Ok(n) => {
                    // `PhoneNumber`'s Display is the E.164 form; the builder takes the
                    // written text as one value.
                    let _ = write!(e164, "{n}");
                    e164.append_value("");
                    cc.append_value(i32::from(n.country_code()));
                    national.append_value(n.national_number());
                    class.append_value(n.class().as_str());
                    country_name.append_option(n.country().map(|c| c.as_str()));
                    error_kind.append_null();
                    error.append_null();
                }
                Err(e) => {
                    e164.append_null();
                    cc.append_null();
                    national.append_null();
                    class.append_null();
                    country_name.append_null();
                    e.append_to(&mut error_kind, &mut error);
                }
            }
        }
        batch(
            normalized_numbers_schema(),
            vec![
                Arc::new(e164.finish()),
                Arc::new(cc.finish()),
                Arc::new(national.finish()),
                Arc::new(class.finish()),
                Arc::new(country_name.finish()),
                Arc::new(error_kind.finish()),
                Arc::new(error.finish()),
            ],
        )
    })
}

/// The schema of checked SIP messages ([`sip_check_arrow`]).
pub fn sip_checks_schema() -> SchemaRef {
    static SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
        Arc::new(Schema::new(vec![
            boolean("valid"),
            int64("offset"),
            utf8("reason"),
        ]))
    });
    SCHEMA.clone()
}

/// Checks a column of SIP messages (binary or text, any layout) for strict RFC 3261
/// validity, in order: the batch form of [`crate::sip_check`]. A null is invalid. The
/// result has [`sip_checks_schema`].
///
/// # Errors
/// [`VoipkitError::Sip`] (`invalid_argument`) for a column that is neither binary nor
/// text.
pub fn sip_check_arrow(messages: &dyn Array, lenient: bool) -> Result<RecordBatch, VoipkitError> {
    crate::guard(|| {
        let data = sip_column(messages)?;
        let parser = sip_core::Parser::new().lenient(lenient);
        let rows = messages.len();
        let mut valid = BooleanBuilder::with_capacity(rows);
        let mut offset = Int64Builder::with_capacity(rows);
        let mut reason = StringBuilder::new();
        for i in 0..rows {
            let check = match data.bytes(i) {
                Some(m) => crate::sip_api::check_one(&parser, m),
                None => crate::SipCheck {
                    valid: false,
                    offset: None,
                    reason: Some("the message is null".into()),
                },
            };
            valid.append_value(check.valid);
            offset.append_option(check.offset.and_then(|o| i64::try_from(o).ok()));
            reason.append_option(check.reason);
        }
        batch(
            sip_checks_schema(),
            vec![
                Arc::new(valid.finish()),
                Arc::new(offset.finish()),
                Arc::new(reason.finish()),
            ],
        )
    })
}

fn sip_column(messages: &dyn Array) -> Result<Text<'_>, VoipkitError> {
    Text::new(messages, true).ok_or_else(|| {
        column_error(
            Area::Sip,
            "message",
            format!(
                "{} is neither a binary nor a text column",
                messages.data_type()
            ),
        )
    })
}

/// The schema of parsed SIP messages ([`sip_parse_arrow`]).
pub fn sip_messages_schema() -> SchemaRef {
    static SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
        Arc::new(Schema::new(vec![
            boolean("is_request"),
            utf8("method"),
            utf8("request_uri"),
            Field::new("status", DataType::Int32, true),
            utf8("call_id"),
            int64("cseq_seq"),
            utf8("cseq_method"),
            utf8("from_uri"),
            utf8("from_tag"),
            utf8("to_uri"),
            utf8("to_tag"),
            utf8("content_type"),
            int64("body_len"),
            int64("trailing_bytes"),
            int64("diagnostics"),
            boolean("has_sdp"),
            utf8("sdp_error"),
            utf8("asserted_identity"),
            utf8("diverted_from"),
            utf8("attest"),
            utf8("error_kind"),
            int64("error_offset"),
            utf8("error"),
        ]))
    });
    SCHEMA.clone()
}

/// Parses a column of SIP messages (binary or text, any layout), in order, into the
/// fields a capture or log analysis groups by: the batch form of [`crate::sip_parse`]
/// (tolerant: a problem confined to a header or the body is counted in `diagnostics`,
/// not a failure). A message that cannot be split, or a null, is an error row. The
/// result has [`sip_messages_schema`].
///
/// # Errors
/// [`VoipkitError::Sip`] (`invalid_argument`) for a column that is neither binary nor
/// text.
pub fn sip_parse_arrow(messages: &dyn Array, lenient: bool) -> Result<RecordBatch, VoipkitError> {
    crate::guard(|| {
        let data = sip_column(messages)?;
        let rows = messages.len();
        let mut is_request = BooleanBuilder::with_capacity(rows);
        let mut method = StringBuilder::new();
        let mut request_uri = StringBuilder::new();
        let mut status = Int32Builder::with_capacity(rows);
        let mut call_id = StringBuilder::new();
        let mut cseq_seq = Int64Builder::with_capacity(rows);
        let mut cseq_method = StringBuilder::new();
        let mut from_uri = StringBuilder::new();
        let mut from_tag = StringBuilder::new();
        let mut to_uri = StringBuilder::new();
        let mut to_tag = StringBuilder::new();
        let mut content_type = StringBuilder::new();
        let mut body_len = Int64Builder::with_capacity(rows);
        let mut trailing = Int64Builder::with_capacity(rows);
        let mut diagnostics = Int64Builder::with_capacity(rows);
        let mut has_sdp = BooleanBuilder::with_capacity(rows);
        let mut sdp_error = StringBuilder::new();
        let mut asserted_identity = StringBuilder::new();
        let mut diverted_from = StringBuilder::new();
        let mut attest = StringBuilder::new();
        let mut error_kind = StringBuilder::new();
        let mut error_offset = Int64Builder::with_capacity(rows);
        let mut error = StringBuilder::new();
        let count = |n: u64| i64::try_from(n).ok();
        for i in 0..rows {
            let parsed = match data.bytes(i) {
                Some(m) => crate::sip_parse(m.to_vec(), lenient),
                None => Err(VoipkitError::Sip {
                    kind: "invalid_argument".into(),
                    offset: 0,
                    reason: "the message is null".into(),
                }),
            };
            match parsed {
                Ok(m) => {
                    is_request.append_value(m.is_request);
                    method.append_option(m.method);
                    request_uri.append_option(m.request_uri);
                    status.append_option(m.status.map(i32::from));
                    call_id.append_option(m.call_id);
                    cseq_seq.append_option(m.cseq_seq.map(i64::from));
                    cseq_method.append_option(m.cseq_method);
                    from_uri.append_option(m.from_address.as_ref().map(|a| &a.uri));
                    from_tag.append_option(m.from_address.and_then(|a| a.tag));
                    to_uri.append_option(m.to_address.as_ref().map(|a| &a.uri));
                    to_tag.append_option(m.to_address.and_then(|a| a.tag));
                    content_type.append_option(m.content_type);
                    body_len.append_option(count(m.body_len));
                    trailing.append_option(count(m.trailing_bytes));
                    diagnostics.append_option(count(m.diagnostics.len() as u64));
                    has_sdp.append_value(m.sdp.is_some());
                    sdp_error.append_option(m.sdp_error);
                    asserted_identity.append_option(m.asserted_identity.first().map(|a| &a.uri));
                    diverted_from.append_option(m.diversions.first().map(|d| &d.uri));
                    attest.append_option(m.attest);
                    error_kind.append_null();
                    error_offset.append_null();
                    error.append_null();
                }
                Err(e) => {
                    is_request.append_null();
                    method.append_null();
                    request_uri.append_null();
                    status.append_null();
                    call_id.append_null();
                    cseq_seq.append_null();
                    cseq_method.append_null();
                    from_uri.append_null();
                    from_tag.append_null();
                    to_uri.append_null();
                    to_tag.append_null();
                    content_type.append_null();
                    body_len.append_null();
                    trailing.append_null();
                    diagnostics.append_null();
                    has_sdp.append_null();
                    sdp_error.append_null();
                    asserted_identity.append_null();
                    diverted_from.append_null();
                    attest.append_null();
                    error_kind.append_value(e.kind());
                    error_offset.append_option(match &e {
                        VoipkitError::Sip { offset, .. } => i64::try_from(*offset).ok(),
                        _ => None,
                    });
                    error.append_value(e.to_string());
                }
            }
        }
        batch(
            sip_messages_schema(),
            vec![
                Arc::new(is_request.finish()),
                Arc::new(method.finish()),
                Arc::new(request_uri.finish()),
                Arc::new(status.finish()),
                Arc::new(call_id.finish()),
                Arc::new(cseq_seq.finish()),
                Arc::new(cseq_method.finish()),
                Arc::new(from_uri.finish()),
                Arc::new(from_tag.finish()),
                Arc::new(to_uri.finish()),
                Arc::new(to_tag.finish()),
                Arc::new(content_type.finish()),
                Arc::new(body_len.finish()),
                Arc::new(trailing.finish()),
                Arc::new(diagnostics.finish()),
                Arc::new(has_sdp.finish()),
                Arc::new(sdp_error.finish()),
                Arc::new(asserted_identity.finish()),
                Arc::new(diverted_from.finish()),
                Arc::new(attest.finish()),
                Arc::new(error_kind.finish()),
                Arc::new(error_offset.finish()),
                Arc::new(error.finish()),
            ],
        )
    })
}

/// Columns of a small table built from records, one column at a time.
struct Table {
    fields: Vec<Field>,
    columns: Vec<ArrayRef>,
}

impl Table {
    fn new() -> Self {
        Table {
            fields: Vec::new(),
            columns: Vec::new(),
        }
    }

    fn text<'a>(mut self, name: &str, values: impl Iterator<Item = Option<&'a str>>) -> Self {
        self.fields.push(utf8(name));
        self.columns
            .push(Arc::new(values.collect::<arrow_array::StringArray>()));
        self
    }

    fn int<T: TryInto<i64>>(mut self, name: &str, values: impl Iterator<Item = Option<T>>) -> Self {
        self.fields.push(int64(name));
        let array: arrow_array::Int64Array =
            values.map(|v| v.and_then(|v| v.try_into().ok())).collect();
        self.columns.push(Arc::new(array));
        self
    }

    fn float(mut self, name: &str, values: impl Iterator<Item = Option<f64>>) -> Self {
        self.fields.push(float64(name));
        let mut b = Float64Builder::new();
        values.for_each(|v| b.append_option(v));
        self.columns.push(Arc::new(b.finish()));
        self
    }

    fn flag(mut self, name: &str, values: impl Iterator<Item = Option<bool>>) -> Self {
        self.fields.push(boolean(name));
        self.columns
            .push(Arc::new(values.collect::<BooleanArray>()));
        self
    }

    fn instant(
        mut self,
        name: &str,
        values: impl Iterator<Item = Option<jiff::Timestamp>>,
    ) -> Self {
        self.fields.push(utc_micros(name));
        let mut b = TimestampMicrosecondBuilder::new().with_timezone("UTC");
        values.for_each(|v| b.append_option(v.map(|t| t.as_microsecond())));
        self.columns.push(Arc::new(b.finish()));
        self
    }

    /// A money column from values already in units of the column's scale
    /// ([`money_units`]).
    fn money(
        mut self,
        name: &str,
        units: impl Iterator<Item = Option<i128>>,
    ) -> Result<Self, VoipkitError> {
        self.fields.push(Field::new(name, money(), true));
        let mut b = money_builder(0)?;
        units.for_each(|u| b.append_option(u));
        self.columns.push(Arc::new(b.finish()));
        Ok(self)
    }

    fn finish(self) -> Result<RecordBatch, VoipkitError> {
        batch(Arc::new(Schema::new(self.fields)), self.columns)
    }
}

/// The streams of [`crate::rtp_analyze_capture`] as a table, one row per stream, a
/// column per field.
///
/// # Errors
/// [`VoipkitError::Internal`] only on a defect.
pub fn rtp_streams_arrow(streams: &[RtpStreamReport]) -> Result<RecordBatch, VoipkitError> {
    Table::new()
        .int("ssrc", streams.iter().map(|s| Some(s.ssrc)))
        .text("src", streams.iter().map(|s| Some(s.src.as_str())))
        .text("dst", streams.iter().map(|s| Some(s.dst.as_str())))
        .text(
            "discovery",
            streams.iter().map(|s| Some(s.discovery.as_str())),
        )
        .int("payload_type", streams.iter().map(|s| Some(s.payload_type)))
        .int("packets", streams.iter().map(|s| Some(s.packets)))
        .int("expected", streams.iter().map(|s| Some(s.expected)))
        .int("lost", streams.iter().map(|s| Some(s.lost)))
        .int(
            "sequence_errors",
            streams.iter().map(|s| Some(s.sequence_errors)),
        )
        .float("max_delta_ms", streams.iter().map(|s| Some(s.max_delta_ms)))
        .float(
            "max_jitter_ms",
            streams.iter().map(|s| Some(s.max_jitter_ms)),
        )
        .float(
            "mean_jitter_ms",
            streams.iter().map(|s| Some(s.mean_jitter_ms)),
        )
        .float("r_factor", streams.iter().map(|s| s.r_factor))
        .float("mos", streams.iter().map(|s| s.mos))
        .finish()
}

impl crate::CaptureReport {
    /// The report's calls as a table, one row per call in the order of their first
    /// INVITE (their streams are in [`crate::CaptureReport::streams_arrow`]).
    ///
    /// # Errors
    /// [`VoipkitError::Internal`] only on a defect.
    pub fn calls_arrow(&self) -> Result<RecordBatch, VoipkitError> {
        let calls = &self.calls;
        // A cost the money column cannot hold exactly is null with the reason in
        // `cost_error`, never rounded and never a silent null.
        let costs: Vec<(Option<i128>, Option<String>)> = calls
            .iter()
            .map(|c| match c.cost.map(money_units).transpose() {
                Ok(units) => (units, c.cost_error.clone()),
                Err(reason) => (None, Some(format!("cost {reason}"))),
            })
            .collect();
        Table::new()
            .text("call_id", calls.iter().map(|c| Some(c.call_id.as_str())))
            .text("from_uri", calls.iter().map(|c| Some(c.from_uri.as_str())))
            .text("to_uri", calls.iter().map(|c| Some(c.to_uri.as_str())))
            .instant("invite_at", calls.iter().map(|c| Some(c.invite_at)))
            .instant("answered_at", calls.iter().map(|c| c.answered_at))
            .instant("ended_at", calls.iter().map(|c| c.ended_at))
            .float("duration_s", calls.iter().map(|c| c.duration_s))
            .float("pdd_ms", calls.iter().map(|c| c.pdd_ms))
            .text(
                "end_reason",
                calls.iter().map(|c| Some(c.end_reason.as_str())),
            )
            .int("final_status", calls.iter().map(|c| c.final_status))
            .int("streams", calls.iter().map(|c| Some(c.streams.len())))
            .money("cost", costs.iter().map(|(cost, _)| *cost))?
            .text("cost_error", costs.iter().map(|(_, e)| e.as_deref()))
            .text(
                "asserted_identity",
                calls.iter().map(|c| c.asserted_identity.as_deref()),
            )
            .text(
                "diverted_from",
                calls.iter().map(|c| c.diverted_from.as_deref()),
            )
            .text("attest", calls.iter().map(|c| c.attest.as_deref()))
            .int("q850_cause", calls.iter().map(|c| c.q850_cause))
            .text("q850_text", calls.iter().map(|c| c.q850_text.as_deref()))
            .finish()
    }

    /// The report's streams as a table: each call's streams (with its `call_id`), then
    /// the streams no call announced (`call_id` null).
    ///
    /// # Errors
    /// [`VoipkitError::Internal`] only on a defect.
    pub fn streams_arrow(&self) -> Result<RecordBatch, VoipkitError> {
        let rows: Vec<(Option<&str>, &crate::ReportStream)> = self
            .calls
            .iter()
            .flat_map(|c| c.streams.iter().map(move |s| (Some(c.call_id.as_str()), s)))
            .chain(self.unsignalled.iter().map(|s| (None, s)))
            .collect();
        let r = || rows.iter();
        Table::new()
            .text("call_id", r().map(|(c, _)| *c))
            .text(
                "direction",
                r().map(|(_, s)| s.direction.map(|d| d.as_str())),
            )
            .int("ssrc", r().map(|(_, s)| Some(s.ssrc)))
            .text("src", r().map(|(_, s)| Some(s.src.as_str())))
            .text("dst", r().map(|(_, s)| Some(s.dst.as_str())))
            .text("codec", r().map(|(_, s)| Some(s.codec.as_str())))
            .int("payload_type", r().map(|(_, s)| Some(s.payload_type)))
            .int("packets", r().map(|(_, s)| Some(s.packets)))
            .int("lost", r().map(|(_, s)| Some(s.lost)))
            .float("max_delta_ms", r().map(|(_, s)| Some(s.max_delta_ms)))
            .float("mean_jitter_ms", r().map(|(_, s)| Some(s.mean_jitter_ms)))
            .float("max_jitter_ms", r().map(|(_, s)| Some(s.max_jitter_ms)))
            .int("late", r().map(|(_, s)| s.late))
            .int("concealed", r().map(|(_, s)| s.concealed))
            .int("expanded", r().map(|(_, s)| s.expanded))
            .int("merged", r().map(|(_, s)| s.merged))
            .float(
                "mean_playout_delay_ms",
                r().map(|(_, s)| s.mean_playout_delay_ms),
            )
            .float("r_factor", r().map(|(_, s)| s.r_factor))
            .float("mos", r().map(|(_, s)| s.mos))
            .flag("signalled", r().map(|(c, _)| Some(c.is_some())))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_keeps_ten_decimals_exactly_and_refuses_what_does_not_fit() {
        let d = |s: &str| s.parse::<Decimal>().unwrap_or_default();
        // 1.7667 at scale 10 is 17667 × 10^6.
        assert_eq!(money_units(d("1.7667")), Ok(17_667_000_000));
        assert_eq!(money_units(d("-0.0000000001")), Ok(-1));
        // An eleventh decimal is refused, not rounded.
        assert!(money_units(d("0.00000000001")).is_err_and(|e| e.contains("more than 10")));
        // 10^28 has 29 integer digits: 39 digits at scale 10, beyond decimal(38, 10).
        assert!(money_units(Decimal::MAX).is_err_and(|e| e.contains("does not fit")));
        assert_eq!(
            money_units(d("9999999999999999999999999999")),
            Ok(99_999_999_999_999_999_999_999_999_990_000_000_000)
        );
    }

    #[test]
    fn a_report_cost_the_money_column_cannot_hold_is_null_with_its_reason() {
        use arrow_array::Array;
        let d = |s: &str| s.parse::<Decimal>().unwrap_or_default();
        let call = |id: &str, cost: Option<Decimal>, cost_error: Option<&str>| crate::ReportCall {
            call_id: id.to_owned(),
            from_uri: "sip:a@example.com".to_owned(),
            to_uri: "sip:b@example.com".to_owned(),
            invite_at: jiff::Timestamp::UNIX_EPOCH,
            answered_at: None,
            ended_at: None,
            duration_s: None,
            pdd_ms: None,
            end_reason: crate::CallEndReason::Running,
            final_status: None,
            dialogs: Vec::new(),
            streams: Vec::new(),
            cost,
            cost_error: cost_error.map(str::to_owned),
            asserted_identity: None,
            diverted_from: None,
            attest: None,
            q850_cause: None,
            q850_text: None,
        };
        let report = crate::CaptureReport {
            calls: vec![
                call("fits", Some(d("1.7667")), None),
                call("eleven", Some(d("0.00000000001")), None),
                call("unrated", None, Some("no tariff for 0900")),
            ],
            unsignalled: Vec::new(),
            summary: crate::ReportSummary {
                calls: 3,
                answered: 0,
                asr_pct: None,
                acd_s: None,
                total_cost: None,
                rating_errors: 1,
                compliant: None,
                violations: Vec::new(),
                capture_stopped: None,
            },
        };
        let t = report.calls_arrow().unwrap_or_else(|e| panic!("{e}"));
        let cost = t
            .column_by_name("cost")
            .and_then(|c| c.as_any().downcast_ref::<arrow_array::Decimal128Array>())
            .unwrap_or_else(|| panic!("cost column"));
        let error = t
            .column_by_name("cost_error")
            .and_then(|c| c.as_any().downcast_ref::<arrow_array::StringArray>())
            .unwrap_or_else(|| panic!("cost_error column"));
        assert_eq!(cost.value(0), 17_667_000_000);
        assert!(error.is_null(0));
        assert!(cost.is_null(1));
        assert_eq!(
            error.value(1),
            "cost 0.00000000001 has more than 10 decimals"
        );
        assert!(cost.is_null(2));
        assert_eq!(error.value(2), "no tariff for 0900");
    }
}
