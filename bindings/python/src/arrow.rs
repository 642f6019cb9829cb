//! `voipkit.arrow`: the Arrow kernels of `voipkit-ffi` over the Arrow PyCapsule
//! interface, so that pyarrow, Polars, pandas ≥ 2.2, DuckDB and Spark's `mapInArrow`
//! hand their columns over without a copy and read the results the same way.
//!
//! Input is any object with `__arrow_c_stream__` (a table, a data frame, a record batch
//! reader, a chunked array) or `__arrow_c_array__` (a record batch, an array). Output is
//! an [`ArrowTable`], which has both `__arrow_c_stream__` and `__arrow_c_schema__`:
//! `pyarrow.table(t)`, `polars.DataFrame(t)` and `duckdb.sql("from t")` read it as it is.
//! The batch work runs with the GIL released.

use std::ffi::CStr;
use std::ptr::NonNull;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::ffi::{FFI_ArrowArray, FFI_ArrowSchema};
use arrow_array::ffi_stream::{ArrayStreamReader, FFI_ArrowArrayStream};
use arrow_array::{
    Array, ArrayReader, ArrayRef, RecordBatch, RecordBatchIterator, RecordBatchOptions,
};
use arrow_schema::{ArrowError, DataType, Field, FieldRef, Schema, SchemaRef};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyCapsule;
use voipkit_ffi as ffi;

const STREAM: &CStr = c"arrow_array_stream";
const SCHEMA: &CStr = c"arrow_schema";
const ARRAY: &CStr = c"arrow_array";

fn arrow_error(e: ArrowError) -> PyErr {
    PyValueError::new_err(format!("Arrow: {e}"))
}

/// A table of results: Arrow record batches with one schema. Read it with
/// `pyarrow.table(t)`, `polars.DataFrame(t)`, `duckdb.sql("from t")` or any reader of
/// the Arrow PyCapsule interface; nothing is copied.
#[pyclass(frozen, module = "voipkit")]
pub struct ArrowTable {
    schema: SchemaRef,
    batches: Vec<RecordBatch>,
}

impl ArrowTable {
    fn new(schema: SchemaRef, batches: Vec<RecordBatch>) -> Self {
        ArrowTable { schema, batches }
    }
}

#[pymethods]
impl ArrowTable {
    /// The Arrow C stream of the batches (the Arrow PyCapsule interface).
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        // A requested schema is a hint the producer may ignore; the schema is fixed.
        let _ = requested_schema;
        let batches: Vec<Result<RecordBatch, ArrowError>> =
            self.batches.iter().cloned().map(Ok).collect();
        let reader = RecordBatchIterator::new(batches, self.schema.clone());
        PyCapsule::new_with_value(py, FFI_ArrowArrayStream::new(Box::new(reader)), STREAM)
    }

    /// The Arrow C schema of the table (the Arrow PyCapsule interface).
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        let schema = FFI_ArrowSchema::try_from(self.schema.as_ref()).map_err(arrow_error)?;
        PyCapsule::new_with_value(py, schema, SCHEMA)
    }

    /// The number of rows.
    #[getter]
    fn num_rows(&self) -> usize {
        self.batches.iter().map(RecordBatch::num_rows).sum()
    }

    /// The column names, in order.
    #[getter]
    fn column_names(&self) -> Vec<String> {
        self.schema
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect()
    }

    fn __len__(&self) -> usize {
        self.num_rows()
    }

    fn __repr__(&self) -> String {
        format!(
            "ArrowTable({} rows: {})",
            self.num_rows(),
            self.column_names().join(", ")
        )
    }
}

/// What an Arrow producer handed over: its field (a struct for a table) and its arrays.
struct Imported {
    field: FieldRef,
    chunks: Vec<ArrayRef>,
}

/// A capsule's pointer, checked to carry the name the protocol gives it.
fn capsule_pointer(capsule: &Bound<'_, PyAny>, name: &CStr) -> PyResult<NonNull<std::ffi::c_void>> {
    let capsule = capsule
        .cast::<PyCapsule>()
        .map_err(|_| PyTypeError::new_err(format!("expected a PyCapsule named {name:?}")))?;
    capsule.pointer_checked(Some(name))
}

/// Imports an Arrow object through the PyCapsule interface (stream first, then array).
#[allow(unsafe_code)]
fn import(data: &Bound<'_, PyAny>) -> PyResult<Imported> {
    if data.hasattr("__arrow_c_stream__")? {
        let capsule = data.call_method0("__arrow_c_stream__")?;
        let pointer = capsule_pointer(&capsule, STREAM)?;
        // SAFETY: a capsule named "arrow_array_stream" holds a valid `ArrowArrayStream`
        // (the Arrow PyCapsule interface). `from_raw` moves it out and marks the one in
        // the capsule released, so the capsule's destructor does not release it again;
        // the capsule outlives this call.
        let reader =
            unsafe { ArrayStreamReader::from_raw(pointer.as_ptr().cast()) }.map_err(arrow_error)?;
        let field = reader.field().clone();
        let chunks = reader.collect::<Result<Vec<_>, _>>().map_err(arrow_error)?;
        return validated(Imported { field, chunks });
    }
    if data.hasattr("__arrow_c_array__")? {
        let pair = data.call_method0("__arrow_c_array__")?;
        let (schema, array): (Bound<'_, PyAny>, Bound<'_, PyAny>) = pair.extract()?;
        let schema_pointer = capsule_pointer(&schema, SCHEMA)?;
        let array_pointer = capsule_pointer(&array, ARRAY)?;
        // SAFETY: capsules named "arrow_schema" and "arrow_array" hold a valid
        // `ArrowSchema` and `ArrowArray` (the Arrow PyCapsule interface). The schema is
        // only borrowed while its capsule is alive (it stays owned by the capsule); the
        // array is moved out and marked released in its capsule, as for the stream.
        let schema: &FFI_ArrowSchema = unsafe { schema_pointer.cast().as_ref() };
        let field = Field::try_from(schema).map_err(arrow_error)?;
        // SAFETY: as above.
        let array = unsafe { FFI_ArrowArray::from_raw(array_pointer.as_ptr().cast()) };
        // SAFETY: `array` and `schema` come from the same producer call, as the
        // interface pairs them.
        let data = unsafe { arrow_array::ffi::from_ffi(array, schema) }.map_err(arrow_error)?;
        return validated(Imported {
            field: Arc::new(field),
            chunks: vec![arrow_array::make_array(data)],
        });
    }
    Err(PyTypeError::new_err(format!(
        "expected Arrow data (an object with __arrow_c_stream__ or __arrow_c_array__, such as \
         a pyarrow Table, RecordBatch or Array, a Polars DataFrame or Series, a pandas \
         DataFrame or a DuckDB relation), got {}",
        data.get_type().name()?
    )))
}

/// The import checked whole (offsets within their buffers, text valid UTF-8, ...): the
/// C data interface trusts its producer, the kernels must not, so that data that lies
/// is a `ValueError` here rather than a panic in a kernel.
fn validated(imported: Imported) -> PyResult<Imported> {
    for chunk in &imported.chunks {
        chunk.to_data().validate_full().map_err(arrow_error)?;
    }
    Ok(imported)
}

impl Imported {
    /// The record batches of a table (a stream of structs).
    fn batches(self) -> PyResult<Vec<RecordBatch>> {
        let DataType::Struct(fields) = self.field.data_type() else {
            return Err(PyTypeError::new_err(format!(
                "expected a table (columns by name), got a single column of {}",
                self.field.data_type()
            )));
        };
        let schema = Arc::new(Schema::new(fields.clone()));
        self.chunks
            .iter()
            .map(|chunk| {
                let columns = chunk.as_struct().columns().to_vec();
                let options = RecordBatchOptions::new().with_row_count(Some(chunk.len()));
                RecordBatch::try_new_with_options(schema.clone(), columns, &options)
                    .map_err(arrow_error)
            })
            .collect()
    }

    /// The chunks of one column: the data itself when it is a column, else its column
    /// `name` (or its only column when `name` is `None`).
    fn column(self, name: Option<&str>) -> PyResult<Vec<ArrayRef>> {
        let DataType::Struct(fields) = self.field.data_type() else {
            return Ok(self.chunks);
        };
        let index = match name {
            Some(name) => fields.iter().position(|f| f.name() == name),
            None if fields.len() == 1 => Some(0),
            None => None,
        };
        let Some(index) = index else {
            let names: Vec<&str> = fields.iter().map(|f| f.name().as_str()).collect();
            return Err(PyValueError::new_err(match name {
                Some(name) => format!("no column {name} (the columns are: {})", names.join(", ")),
                None => format!(
                    "the table has {} columns ({}): say which with column=",
                    names.len(),
                    names.join(", ")
                ),
            }));
        };
        Ok(self
            .chunks
            .iter()
            .map(|chunk| chunk.as_struct().column(index).clone())
            .collect())
    }
}

/// Runs a kernel over each chunk with the GIL released; one output batch per chunk.
fn per_chunk<T: Send + Sync>(
    py: Python<'_>,
    schema: SchemaRef,
    chunks: Vec<T>,
    kernel: impl Fn(&T) -> Result<RecordBatch, ffi::VoipkitError> + Send + Sync,
) -> PyResult<ArrowTable> {
    let batches = py.detach(|| chunks.iter().map(&kernel).collect::<Result<Vec<_>, _>>())?;
    Ok(ArrowTable::new(schema, batches))
}

/// Rates a table of calls with a `TariffPlan` (columns `destination`, `start`,
/// `duration_s`, optionally `answered` and `call_id`) or a `CgratesRater` (`subject`,
/// `destination`, `start`, `duration_s`, optionally `tenant`, `category`, `call_id`).
#[pyfunction(name = "arrow_rate_calls")]
pub fn rate_calls(
    py: Python<'_>,
    plan: &Bound<'_, PyAny>,
    calls: &Bound<'_, PyAny>,
) -> PyResult<ArrowTable> {
    let batches = import(calls)?.batches()?;
    let schema = ffi::rated_calls_schema();
    if let Ok(plan) = plan.cast::<ffi::TariffPlan>() {
        let plan = plan.get();
        per_chunk(py, schema, batches, |b| plan.rate_arrow(b))
    } else if let Ok(rater) = plan.cast::<ffi::CgratesRater>() {
        let rater = rater.get();
        per_chunk(py, schema, batches, |b| rater.rate_arrow(b))
    } else {
        Err(PyTypeError::new_err(format!(
            "expected a TariffPlan or a CgratesRater, got {}",
            plan.get_type().name()?
        )))
    }
}

/// Normalizes a column of dialled numbers to E.164 and classifies them.
#[pyfunction]
#[pyo3(name = "arrow_normalize_numbers", signature = (numbers, account_country, column = None))]
pub fn normalize_numbers(
    py: Python<'_>,
    numbers: &Bound<'_, PyAny>,
    account_country: &str,
    column: Option<&str>,
) -> PyResult<ArrowTable> {
    let chunks = import(numbers)?.column(column)?;
    per_chunk(py, ffi::normalized_numbers_schema(), chunks, |c| {
        ffi::tariff_normalize_arrow(c.as_ref(), account_country)
    })
}

/// Checks a column of SIP messages (binary or text) for strict RFC 3261 validity.
#[pyfunction]
#[pyo3(name = "arrow_check_sip", signature = (messages, lenient = false, column = None))]
pub fn check_sip(
    py: Python<'_>,
    messages: &Bound<'_, PyAny>,
    lenient: bool,
    column: Option<&str>,
) -> PyResult<ArrowTable> {
    let chunks = import(messages)?.column(column)?;
    let kernel = |c: &ArrayRef| ffi::sip_check_arrow(c.as_ref(), lenient);
    per_chunk(py, ffi::sip_checks_schema(), chunks, kernel)
}

/// Parses a column of SIP messages (binary or text) into their main fields, tolerantly
/// unless `lenient` is false.
#[pyfunction]
#[pyo3(name = "arrow_parse_sip", signature = (messages, lenient = true, column = None))]
pub fn parse_sip(
    py: Python<'_>,
    messages: &Bound<'_, PyAny>,
    lenient: bool,
    column: Option<&str>,
) -> PyResult<ArrowTable> {
    let chunks = import(messages)?.column(column)?;
    let kernel = |c: &ArrayRef| ffi::sip_parse_arrow(c.as_ref(), lenient);
    per_chunk(py, ffi::sip_messages_schema(), chunks, kernel)
}

fn one(batch: RecordBatch) -> ArrowTable {
    ArrowTable::new(batch.schema(), vec![batch])
}

/// The RTP streams of a capture with their analysis, as a table.
#[pyfunction(name = "arrow_rtp_streams")]
pub fn rtp_streams(py: Python<'_>, capture: Vec<u8>) -> PyResult<ArrowTable> {
    let batch =
        py.detach(|| ffi::rtp_analyze_capture(capture).and_then(|s| ffi::rtp_streams_arrow(&s)))?;
    Ok(one(batch))
}

/// The calls of a capture report, as a table.
#[pyfunction(name = "arrow_report_calls")]
pub fn report_calls(report: &ffi::CaptureReport) -> PyResult<ArrowTable> {
    Ok(one(report.calls_arrow()?))
}

/// The streams of a capture report, as a table.
#[pyfunction(name = "arrow_report_streams")]
pub fn report_streams(report: &ffi::CaptureReport) -> PyResult<ArrowTable> {
    Ok(one(report.streams_arrow()?))
}

/// The schema (an empty table) of [`rate_calls`]'s result.
#[pyfunction(name = "arrow_rated_calls_schema")]
pub fn rated_calls_schema() -> ArrowTable {
    ArrowTable::new(ffi::rated_calls_schema(), Vec::new())
}

/// The schema (an empty table) of [`normalize_numbers`]'s result.
#[pyfunction(name = "arrow_normalized_numbers_schema")]
pub fn normalized_numbers_schema() -> ArrowTable {
    ArrowTable::new(ffi::normalized_numbers_schema(), Vec::new())
}

/// Registers the functions and the class.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<ArrowTable>()?;
    m.add_function(wrap_pyfunction!(rate_calls, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_numbers, m)?)?;
    m.add_function(wrap_pyfunction!(check_sip, m)?)?;
    m.add_function(wrap_pyfunction!(parse_sip, m)?)?;
    m.add_function(wrap_pyfunction!(rtp_streams, m)?)?;
    m.add_function(wrap_pyfunction!(report_calls, m)?)?;
    m.add_function(wrap_pyfunction!(report_streams, m)?)?;
    m.add_function(wrap_pyfunction!(rated_calls_schema, m)?)?;
    m.add_function(wrap_pyfunction!(normalized_numbers_schema, m)?)?;
    Ok(())
}
