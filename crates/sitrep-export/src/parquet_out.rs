//! Parquet: events, mentions and claims tables written in record batches.

use crate::common::*;
use crate::flat::date_precision;
use anyhow::Context;
use arrow_array::builder::{
    Date32Builder, Float64Builder, Int32Builder, Int64Builder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use chrono::NaiveDate;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use sitrep_model::{Claim, Event};
use sitrep_store::DocMeta;
use std::fs::File;
use std::io::BufWriter;
use std::path::Path;
use std::sync::Arc;

/// Rows per record batch (and per row group).
pub const BATCH_ROWS: usize = 8192;

/// A typed cell.
pub enum Val {
    Str(Option<String>),
    I64(Option<i64>),
    I32(Option<i32>),
    F64(Option<f64>),
    Date(Option<NaiveDate>),
}

fn s(v: impl Into<String>) -> Val {
    Val::Str(Some(v.into()))
}

fn os(v: Option<impl Into<String>>) -> Val {
    Val::Str(v.map(Into::into))
}

enum Builder {
    Str(StringBuilder),
    I64(Int64Builder),
    I32(Int32Builder),
    F64(Float64Builder),
    Date(Date32Builder),
}

fn days(d: NaiveDate) -> i32 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("the epoch is a date");
    (d - epoch).num_days() as i32
}

/// One Parquet file being written.
pub struct Table {
    schema: SchemaRef,
    builders: Vec<Builder>,
    rows: usize,
    pub written: u64,
    writer: ArrowWriter<BufWriter<File>>,
}

impl Table {
    pub fn create(path: &Path, fields: &[(&str, DataType)]) -> anyhow::Result<Table> {
        let schema: SchemaRef = Arc::new(Schema::new(
            fields
                .iter()
                .map(|(n, t)| Field::new(*n, t.clone(), true))
                .collect::<Vec<_>>(),
        ));
        let file = File::create(path).with_context(|| format!("creating {}", path.display()))?;
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(BATCH_ROWS * 8))
            .build();
        let writer = ArrowWriter::try_new(BufWriter::new(file), schema.clone(), Some(props))?;
        let builders = fields
            .iter()
            .map(|(_, t)| match t {
                DataType::Utf8 => Builder::Str(StringBuilder::new()),
                DataType::Int64 => Builder::I64(Int64Builder::new()),
                DataType::Int32 => Builder::I32(Int32Builder::new()),
                DataType::Float64 => Builder::F64(Float64Builder::new()),
                DataType::Date32 => Builder::Date(Date32Builder::new()),
                other => unreachable!("no builder for {other:?}"),
            })
            .collect();
        Ok(Table {
            schema,
            builders,
            rows: 0,
            written: 0,
            writer,
        })
    }

    pub fn push(&mut self, row: Vec<Val>) -> anyhow::Result<()> {
        anyhow::ensure!(
            row.len() == self.builders.len(),
            "row of {} cells for {} columns",
            row.len(),
            self.builders.len()
        );
        for (b, v) in self.builders.iter_mut().zip(row) {
            match (b, v) {
                (Builder::Str(b), Val::Str(v)) => b.append_option(v),
                (Builder::I64(b), Val::I64(v)) => b.append_option(v),
                (Builder::I32(b), Val::I32(v)) => b.append_option(v),
                (Builder::F64(b), Val::F64(v)) => b.append_option(v),
                (Builder::Date(b), Val::Date(v)) => b.append_option(v.map(days)),
                _ => anyhow::bail!("a cell does not have its column's type"),
            }
        }
        self.rows += 1;
        if self.rows >= BATCH_ROWS {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> anyhow::Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self
            .builders
            .iter_mut()
            .map(|b| -> ArrayRef {
                match b {
                    Builder::Str(b) => Arc::new(b.finish()),
                    Builder::I64(b) => Arc::new(b.finish()),
                    Builder::I32(b) => Arc::new(b.finish()),
                    Builder::F64(b) => Arc::new(b.finish()),
                    Builder::Date(b) => Arc::new(b.finish()),
                }
            })
            .collect();
        let batch = RecordBatch::try_new(self.schema.clone(), arrays)?;
        self.writer.write(&batch)?;
        self.written += self.rows as u64;
        self.rows = 0;
        Ok(())
    }

    pub fn close(mut self) -> anyhow::Result<u64> {
        self.flush()?;
        self.writer.close()?;
        Ok(self.written)
    }
}

pub fn event_fields() -> Vec<(&'static str, DataType)> {
    use DataType::*;
    let mut f = vec![
        ("event_id", Utf8),
        ("global_event_id", Int64),
        ("doc_id", Utf8),
        ("date", Date32),
        ("date_precision", Utf8),
    ];
    for who in ["source", "target"] {
        let names: &[&'static str] = if who == "source" {
            &[
                "source_id",
                "source_code",
                "source_country",
                "source_sector",
                "source_name",
                "source_text",
            ]
        } else {
            &[
                "target_id",
                "target_code",
                "target_country",
                "target_sector",
                "target_name",
                "target_text",
            ]
        };
        f.extend(names.iter().map(|n| (*n, Utf8)));
    }
    f.extend([
        ("cameo_code", Utf8),
        ("cameo_base", Utf8),
        ("cameo_root", Utf8),
        ("goldstein", Float64),
        ("quad_class", Int32),
        ("plover_event", Utf8),
        ("plover_mode", Utf8),
        ("modality", Utf8),
        ("claimant_code", Utf8),
        ("claimant_name", Utf8),
        ("location_name", Utf8),
        ("location_country", Utf8),
        ("location_admin1", Utf8),
        ("lat", Float64),
        ("lon", Float64),
        ("geonameid", Int64),
        ("geo_precision", Utf8),
        ("confidence", Float64),
        ("num_mentions", Int32),
        ("sentence", Int32),
        ("text", Utf8),
        ("url", Utf8),
        ("outlet", Utf8),
    ]);
    f
}

pub fn event_row(e: &Event, meta: &DocMeta) -> Vec<Val> {
    let mut r = vec![
        s(&e.event_id),
        Val::I64(Some(numeric_id(&e.event_id))),
        s(&e.doc_id),
        Val::Date(e.date),
        s(date_precision(e)),
    ];
    for (a, uncoded) in [
        (&e.source, &e.uncoded_source),
        (&e.target, &e.uncoded_target),
    ] {
        // an actor no dictionary codes: its words as name and text
        let words = || uncoded.as_ref().map(|n| n.text.clone());
        r.extend([
            os(a.as_ref().map(|a| a.id.clone())),
            os(a.as_ref().map(|a| a.code.clone())),
            os(a.as_ref().and_then(|a| a.country.clone())),
            os(a.as_ref().and_then(|a| a.sector.clone())),
            os(a.as_ref().map(|a| a.name.clone()).or_else(words)),
            os(a.as_ref().map(|a| a.text.clone()).or_else(words)),
        ]);
    }
    let p = e.location.as_ref();
    let m = e.mentions.first();
    r.extend([
        s(&e.cameo.code),
        s(&e.cameo.base),
        s(&e.cameo.root),
        Val::F64(Some(e.cameo.goldstein)),
        Val::I32(Some(e.cameo.quad_class as i32)),
        os(e.plover.event.clone()),
        os(e.plover.mode.clone()),
        s(e.modality.as_str()),
        os(e.claimant.as_ref().map(|c| c.code.clone())),
        os(e.claimant.as_ref().map(|c| c.name.clone())),
        os(p.map(|p| p.name.clone())),
        os(p.and_then(|p| p.country.clone())),
        os(p.and_then(|p| p.admin1.clone())),
        Val::F64(p.and_then(|p| p.lat)),
        Val::F64(p.and_then(|p| p.lon)),
        Val::I64(p.and_then(|p| p.geonameid).map(|g| g as i64)),
        os(p.map(|p| precision_name(p.precision))),
        Val::F64(Some(e.confidence)),
        Val::I32(Some(e.mentions.len() as i32)),
        Val::I32(m.map(|m| m.sentence as i32)),
        os(m.map(|m| m.text.clone())),
        os(meta.url.clone()),
        s(outlet(meta)),
    ]);
    r
}

pub fn mention_fields() -> Vec<(&'static str, DataType)> {
    use DataType::*;
    vec![
        ("event_id", Utf8),
        ("global_event_id", Int64),
        ("doc_id", Utf8),
        ("sentence", Int32),
        ("start", Int64),
        ("end", Int64),
        ("char_start", Int64),
        ("char_end", Int64),
        ("text", Utf8),
    ]
}

pub fn mention_rows(e: &Event, text: &str) -> Vec<Vec<Val>> {
    let gid = numeric_id(&e.event_id);
    e.mentions
        .iter()
        .map(|m| {
            vec![
                s(&e.event_id),
                Val::I64(Some(gid)),
                s(&m.doc_id),
                Val::I32(Some(m.sentence as i32)),
                Val::I64(Some(m.start as i64)),
                Val::I64(Some(m.end as i64)),
                Val::I64(char_offset(text, m.start).map(|c| c as i64)),
                Val::I64(char_offset(text, m.end).map(|c| c as i64)),
                s(&m.text),
            ]
        })
        .collect()
}

pub fn claim_fields() -> Vec<(&'static str, DataType)> {
    use DataType::*;
    vec![
        ("claim_id", Utf8),
        ("doc_id", Utf8),
        ("category", Utf8),
        ("low", Int64),
        ("best", Int64),
        ("high", Int64),
        ("claimant_id", Utf8),
        ("claimant_code", Utf8),
        ("claimant_name", Utf8),
        ("subject", Utf8),
        ("date", Date32),
        ("location_name", Utf8),
        ("location_country", Utf8),
        ("lat", Float64),
        ("lon", Float64),
        ("sentence", Int32),
        ("start", Int64),
        ("end", Int64),
        ("text", Utf8),
        ("why", Utf8),
    ]
}

pub fn claim_row(id: String, c: &Claim) -> Vec<Val> {
    let p = c.location.as_ref();
    let a = c.claimant.as_ref();
    vec![
        Val::Str(Some(id)),
        s(&c.doc_id),
        s(c.category.as_str()),
        Val::I64(c.low.map(|v| v as i64)),
        Val::I64(c.best.map(|v| v as i64)),
        Val::I64(c.high.map(|v| v as i64)),
        os(a.map(|a| a.id.clone())),
        os(a.map(|a| a.code.clone())),
        os(a.map(|a| a.name.clone())),
        os(c.subject.clone()),
        Val::Date(c.date),
        os(p.map(|p| p.name.clone())),
        os(p.and_then(|p| p.country.clone())),
        Val::F64(p.and_then(|p| p.lat)),
        Val::F64(p.and_then(|p| p.lon)),
        Val::I32(Some(c.mention.sentence as i32)),
        Val::I64(Some(c.mention.start as i64)),
        Val::I64(Some(c.mention.end as i64)),
        s(&c.mention.text),
        s(&c.why),
    ]
}
