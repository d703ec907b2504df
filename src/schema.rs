//! The index's fields, read from `index-schema/schema.json` (embedded at
//! build time: the one place fields are declared), turned into a tantivy
//! schema, with typed handles for the code. Also registers the tokenizers
//! the schema names and checks that an opened index was built with this
//! schema. It builds no documents and runs no queries.

use crate::error::{Error, Result};
use serde::Deserialize;
use std::sync::LazyLock;
use tantivy::Index;
use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer};

/// The schema file, as shipped.
pub const SCHEMA_JSON: &str = include_str!("../index-schema/schema.json");

/// One field as declared in `index-schema/schema.json`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    /// Field name, as used in queries (`title:iraq`).
    pub name: String,
    /// `text`, `date`, `u64` or `i64`.
    #[serde(rename = "type")]
    pub kind: String,
    /// `words`, `keyword` or `raw` for text fields.
    #[serde(default)]
    pub tokenizer: Option<String>,
    /// Searchable.
    pub indexed: bool,
    /// Kept for display.
    pub stored: bool,
    /// Column-stored for sorting, facets and the incremental manifest.
    pub fast: bool,
    /// Positions recorded (phrase queries).
    #[serde(default)]
    pub positions: bool,
    /// Ranking weight when searched by default.
    #[serde(default)]
    pub boost: Option<f32>,
    /// Searched when a query names no field.
    #[serde(default)]
    pub default_search: bool,
    /// May hold several values.
    #[serde(default)]
    pub multi: bool,
    /// What the field holds.
    pub description: String,
}

#[derive(Debug, Deserialize)]
struct SchemaFile {
    version: u32,
    #[allow(dead_code)]
    tokenizers: serde_json::Value,
    fields: Vec<FieldSpec>,
}

/// Handles of every field the code uses.
#[derive(Debug, Clone, Copy)]
#[allow(missing_docs)]
pub struct Fields {
    pub id: Field,
    pub path: Field,
    pub url: Field,
    pub title: Field,
    pub body: Field,
    pub caption: Field,
    pub date: Field,
    pub date_source: Field,
    pub publisher: Field,
    pub source: Field,
    pub dateline: Field,
    pub place: Field,
    pub people: Field,
    pub person: Field,
    pub authors: Field,
    pub language: Field,
    pub file_size: Field,
    pub file_mtime: Field,
    pub file_hash: Field,
}

/// The schema with its version and declared fields.
#[derive(Debug)]
pub struct MorgueSchema {
    /// Schema version; an index of another version is refused.
    pub version: u32,
    /// The declared fields, in file order.
    pub specs: Vec<FieldSpec>,
    /// The tantivy schema.
    pub schema: Schema,
    /// Typed handles.
    pub fields: Fields,
}

static SCHEMA: LazyLock<std::result::Result<MorgueSchema, String>> =
    LazyLock::new(|| build(SCHEMA_JSON));

/// The schema this build of morgue uses.
pub fn get() -> Result<&'static MorgueSchema> {
    SCHEMA.as_ref().map_err(|e| Error::SchemaFile(e.clone()))
}

fn build(json: &str) -> std::result::Result<MorgueSchema, String> {
    let file: SchemaFile = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let mut b = Schema::builder();
    for spec in &file.fields {
        match spec.kind.as_str() {
            "text" => {
                let mut opts = TextOptions::default();
                if spec.indexed {
                    let tok = spec.tokenizer.as_deref().unwrap_or("words");
                    let record = if spec.positions {
                        IndexRecordOption::WithFreqsAndPositions
                    } else if tok == "words" {
                        IndexRecordOption::WithFreqs
                    } else {
                        IndexRecordOption::Basic
                    };
                    opts = opts.set_indexing_options(
                        TextFieldIndexing::default()
                            .set_tokenizer(tok)
                            .set_index_option(record)
                            .set_fieldnorms(tok == "words"),
                    );
                }
                if spec.stored {
                    opts = opts.set_stored();
                }
                if spec.fast {
                    opts = opts.set_fast("raw");
                }
                b.add_text_field(&spec.name, opts);
            }
            "date" => {
                let mut opts = DateOptions::default().set_precision(DateTimePrecision::Seconds);
                if spec.indexed {
                    opts = opts.set_indexed();
                }
                if spec.stored {
                    opts = opts.set_stored();
                }
                if spec.fast {
                    opts = opts.set_fast();
                }
                b.add_date_field(&spec.name, opts);
            }
            "u64" | "i64" => {
                let mut opts = NumericOptions::default();
                if spec.indexed {
                    opts = opts.set_indexed();
                }
                if spec.stored {
                    opts = opts.set_stored();
                }
                if spec.fast {
                    opts = opts.set_fast();
                }
                if spec.kind == "u64" {
                    b.add_u64_field(&spec.name, opts);
                } else {
                    b.add_i64_field(&spec.name, opts);
                }
            }
            other => return Err(format!("field {}: unknown type {other}", spec.name)),
        }
    }
    let schema = b.build();
    let f = |name: &str| {
        schema
            .get_field(name)
            .map_err(|_| format!("required field {name} is not declared"))
    };
    let fields = Fields {
        id: f("id")?,
        path: f("path")?,
        url: f("url")?,
        title: f("title")?,
        body: f("body")?,
        caption: f("caption")?,
        date: f("date")?,
        date_source: f("date_source")?,
        publisher: f("publisher")?,
        source: f("source")?,
        dateline: f("dateline")?,
        place: f("place")?,
        people: f("people")?,
        person: f("person")?,
        authors: f("authors")?,
        language: f("language")?,
        file_size: f("file_size")?,
        file_mtime: f("file_mtime")?,
        file_hash: f("file_hash")?,
    };
    Ok(MorgueSchema {
        version: file.version,
        specs: file.fields,
        schema,
        fields,
    })
}

impl MorgueSchema {
    /// Fields searched when a query names none, with their boosts.
    pub fn default_fields(&self) -> Vec<(Field, f32)> {
        self.specs
            .iter()
            .filter(|s| s.default_search)
            .filter_map(|s| {
                let f = self.schema.get_field(&s.name).ok()?;
                Some((f, s.boost.unwrap_or(1.0)))
            })
            .collect()
    }
}

/// The prose analyzer: Unicode words, lower case, ASCII-folded.
/// Its tokens are those of tantivy's `SimpleTokenizer`, `RemoveLongFilter`
/// (40 bytes), `LowerCaser` and `AsciiFoldingFilter`, made in one pass
/// ([`crate::words`]).
pub fn words_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(crate::words::WordsTokenizer::default())
}

/// The exact-value analyzer: the whole value, lower case, ASCII-folded.
pub fn keyword_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Registers the tokenizers the schema names. Call on every opened index.
pub fn register_tokenizers(index: &Index) {
    index.tokenizers().register("words", words_analyzer());
    index.tokenizers().register("keyword", keyword_analyzer());
}

/// Normalizes a value the way the `keyword` tokenizer does.
pub fn keyword(value: &str) -> String {
    let mut a = keyword_analyzer();
    let mut stream = a.token_stream(value);
    let mut out = String::new();
    while let Some(t) = stream.next() {
        out.push_str(&t.text);
    }
    out
}

/// Whether an opened index's fields are this schema's (same names and types).
pub fn same_fields(a: &Schema, b: &Schema) -> bool {
    let names = |s: &Schema| {
        s.fields()
            .map(|(_, e)| format!("{}:{:?}", e.name(), e.field_type().value_type()))
            .collect::<Vec<_>>()
    };
    names(a) == names(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_file_builds() {
        let s = get().unwrap();
        assert!(s.version >= 1);
        assert!(s.default_fields().len() >= 3);
        for spec in &s.specs {
            assert!(
                !spec.description.is_empty(),
                "{} has no description",
                spec.name
            );
        }
    }

    #[test]
    fn keyword_folds_case_and_accents() {
        assert_eq!(keyword("São Paulo"), "sao paulo");
        assert_eq!(keyword("Reuters"), "reuters");
    }
}
