//! morgue — a search engine for news archives.
//!
//! The library holds both pipelines and knows nothing of clap, terminals or
//! process exit codes; the `morgue` binary (`src/main.rs`, `src/cli/`) is a thin
//! shell over it.
//!
//! ```text
//! index:  walk ──► decode ──► normalize ──► metadata ──► indexer
//!         files    bytes→text  text→Article  dateline,    Article→document,
//!                              (html or      source, date, incremental commit
//!                               clipping)    people
//!
//! search: query ──► search ──► snippet ──► (render, in the binary)
//!         text+filters  ranked hits  highlighted fragments
//! ```
//!
//! | module | in → out |
//! |---|---|
//! | [`walk`] | corpus folder → [`walk::CorpusFile`]s (reads no file) |
//! | [`decode`] | bytes → `String` (BOM, charset, detection; never parses markup) |
//! | [`normalize`] | path + bytes → [`Article`] (main text, title, page metadata) |
//! | [`metadata`] | [`Article`] → [`Article`] with dateline, source, date, authors, people |
//! | [`schema`] | `index-schema/schema.json` → tantivy schema and field handles |
//! | [`words`] | prose → index terms (the schema's `words` tokenizer, one pass) |
//! | [`indexer`] | [`Article`] → tantivy document; the incremental index run |
//! | [`merges`] | segment sizes → which segments the writer merges (bounded) |
//! | [`touched`] | files whose stat changed but not their bytes, remembered beside the index |
//! | [`query`] | query text + filters → tantivy query |
//! | [`search`] | query → ranked, deterministic [`search::Hit`]s with snippets |
//! | [`facets`] | a field's values with article counts, over all articles or a query's hits |
//! | [`people_facet`] | query → most-mentioned people with article counts |
//! | [`snippet`] | stored body + query → [`snippet::Snippet`] with highlight ranges |
//! | [`check`] | spec file (TOML) + index → pass/fail per case; JSON and JUnit reports |
//! | [`sanitize`] | untrusted article text → text safe for a terminal |
//!
//! The whole pipeline on one clipping:
//!
//! ```
//! let text = "Iraq talks – The Daily Example\n\nBAGHDAD (Reuters) - Prime Minister \
//!             Mohammed Shia al-Sudani said on Friday that talks would begin.\n";
//! let article = morgue::normalize::normalize("2024/iraq.txt", text.as_bytes())
//!     .expect("a clipping with text is an article");
//! assert_eq!(article.title, "Iraq talks");
//! assert_eq!(article.dateline, vec!["Baghdad"]);
//! assert_eq!(article.source.as_deref(), Some("Reuters"));
//! assert!(article.people.iter().any(|p| p == "Mohammed Shia al-Sudani"));
//! ```

pub mod article;
pub mod ascii;
pub mod check;
pub mod decode;
pub mod error;
pub mod facets;
pub mod fasthash;
pub mod indexer;
pub mod merges;
pub mod metadata;
pub mod normalize;
pub mod people_facet;
pub mod query;
pub mod render;
pub mod sanitize;
pub mod schema;
pub mod search;
pub mod snippet;
pub mod summary;
pub mod touched;
pub mod walk;
pub mod words;

pub use article::Article;
pub use error::{Error, Result};
