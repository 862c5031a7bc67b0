//! Apache Parquet, for DuckDB, Spark and pandas users.
//!
//! Written with the `parquet` crate's column writers directly (no Arrow: the
//! arrow crates would triple the build for a flat table). One row group,
//! uncompressed pages; every column a flat primitive, with claims and
//! evidence as JSON strings so readers need no nested-type support.
//! `event_day` is a Parquet DATE (days since 1970-01-01) of the event's first
//! possible day, for range queries without string parsing.

use crate::Row;
use parquet::basic::Compression;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int32Type};
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use std::io::{self, Write};
use std::sync::Arc;

/// The table's schema, in Parquet's message syntax.
pub const PARQUET_SCHEMA: &str = "message watchfloor_event {
    REQUIRED BYTE_ARRAY id (UTF8);
    REQUIRED BYTE_ARRAY report_title (UTF8);
    REQUIRED BYTE_ARRAY event_type (UTF8);
    REQUIRED BYTE_ARRAY sub_event_type (UTF8);
    REQUIRED BYTE_ARRAY event_date (UTF8);
    REQUIRED INT32 event_day (DATE);
    REQUIRED BYTE_ARRAY date_precision (UTF8);
    REQUIRED BYTE_ARRAY country (UTF8);
    OPTIONAL BYTE_ARRAY admin1 (UTF8);
    REQUIRED BYTE_ARRAY location (UTF8);
    OPTIONAL DOUBLE latitude;
    OPTIONAL DOUBLE longitude;
    OPTIONAL BYTE_ARRAY geo_precision (UTF8);
    OPTIONAL BYTE_ARRAY actor1 (UTF8);
    OPTIONAL BYTE_ARRAY actor2 (UTF8);
    OPTIONAL INT32 fatalities;
    OPTIONAL INT32 injuries;
    REQUIRED BOOLEAN civilian_targeting;
    REQUIRED BYTE_ARRAY claims (UTF8);
    REQUIRED BYTE_ARRAY evidence (UTF8);
    OPTIONAL INT32 fatalities_low;
    OPTIONAL INT32 fatalities_high;
    REQUIRED BYTE_ARRAY reports (UTF8);
}";

fn err(e: ParquetError) -> io::Error {
    io::Error::other(e)
}

/// Values and definition levels of one optional column.
fn optional<T: Clone>(vals: impl Iterator<Item = Option<T>>) -> (Vec<T>, Vec<i16>) {
    let mut v = Vec::new();
    let mut d = Vec::new();
    for x in vals {
        match x {
            Some(x) => {
                v.push(x);
                d.push(1);
            }
            None => d.push(0),
        }
    }
    (v, d)
}

fn text(s: &str) -> ByteArray {
    ByteArray::from(s.as_bytes().to_vec())
}

/// Writes `rows` as one Parquet file.
pub fn write_parquet(out: &mut dyn Write, rows: &[Row<'_>]) -> io::Result<()> {
    let schema = Arc::new(parse_message_type(PARQUET_SCHEMA).map_err(err)?);
    let props = Arc::new(
        WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build(),
    );
    // The writer wants an owned `Send` sink; buffer, then copy out.
    let mut buf: Vec<u8> = Vec::new();
    {
        let mut writer = SerializedFileWriter::new(&mut buf, schema, props).map_err(err)?;
        let mut group = writer.next_row_group().map_err(err)?;
        let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date");
        let mut index = 0;
        while let Some(mut col) = group.next_column().map_err(err)? {
            let strings = |f: &dyn Fn(&Row<'_>) -> String| {
                rows.iter().map(|r| text(&f(r))).collect::<Vec<_>>()
            };
            let opt_strings = |f: &dyn Fn(&Row<'_>) -> Option<String>| {
                optional(rows.iter().map(|r| f(r).map(|s| text(&s))))
            };
            match index {
                0 | 1..=4 | 6 | 7 | 9 | 18 | 19 | 22 => {
                    let v = strings(&|r: &Row<'_>| {
                        let e = r.event;
                        match index {
                            0 => r.id.to_string(),
                            22 => serde_json::to_string(&match r.occurrence {
                                Some(o) => o.reports.clone(),
                                None => vec![e.report_title.clone()],
                            })
                            .unwrap_or_else(|_| "[]".into()),
                            1 => e.report_title.clone(),
                            2 => e.event_type.as_str().to_string(),
                            3 => e.sub_event_type.as_str().to_string(),
                            4 => e.event_date.to_string(),
                            6 => format!("{:?}", e.date_precision).to_lowercase(),
                            7 => e.country.clone(),
                            9 => e.location.clone(),
                            18 => serde_json::to_string(&e.claims).unwrap_or_else(|_| "[]".into()),
                            _ => serde_json::to_string(&e.evidence).unwrap_or_else(|_| "[]".into()),
                        }
                    });
                    col.typed::<ByteArrayType>()
                        .write_batch(&v, None, None)
                        .map_err(err)?;
                }
                5 => {
                    let v: Vec<i32> = rows
                        .iter()
                        .map(|r| (r.event.event_date.date - epoch).num_days() as i32)
                        .collect();
                    col.typed::<Int32Type>()
                        .write_batch(&v, None, None)
                        .map_err(err)?;
                }
                8 | 12 | 13 | 14 => {
                    let (v, d) = opt_strings(&|r: &Row<'_>| match index {
                        8 => r.admin1.map(String::from),
                        12 => r.event.geo_precision.clone(),
                        13 => r.event.actor1.clone(),
                        _ => r.event.actor2.clone(),
                    });
                    col.typed::<ByteArrayType>()
                        .write_batch(&v, Some(&d), None)
                        .map_err(err)?;
                }
                10 | 11 => {
                    let (v, d) = optional(rows.iter().map(|r| {
                        if index == 10 {
                            r.event.latitude
                        } else {
                            r.event.longitude
                        }
                    }));
                    col.typed::<DoubleType>()
                        .write_batch(&v, Some(&d), None)
                        .map_err(err)?;
                }
                15 | 16 | 20 | 21 => {
                    let (v, d) = optional(rows.iter().map(|r| {
                        match (index, r.occurrence) {
                            (15, _) => r.event.fatalities,
                            (16, _) => r.event.injuries,
                            (20, Some(o)) => o.fatalities_low,
                            (21, Some(o)) => o.fatalities_high,
                            _ => r.event.fatalities,
                        }
                        .map(|n| n.min(i32::MAX as u32) as i32)
                    }));
                    col.typed::<Int32Type>()
                        .write_batch(&v, Some(&d), None)
                        .map_err(err)?;
                }
                17 => {
                    let v: Vec<bool> = rows.iter().map(|r| r.event.civilian_targeting).collect();
                    col.typed::<BoolType>()
                        .write_batch(&v, None, None)
                        .map_err(err)?;
                }
                _ => {
                    return Err(io::Error::other(format!(
                        "parquet schema has an unexpected column {index}"
                    )))
                }
            }
            col.close().map_err(err)?;
            index += 1;
        }
        group.close().map_err(err)?;
        writer.close().map_err(err)?;
    }
    out.write_all(&buf)
}
