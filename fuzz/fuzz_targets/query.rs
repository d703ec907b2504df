//! Fuzz target: any text → `morgue::query::build` against an empty in-memory
//! index with morgue's schema, then the query is run. Bad queries must come
//! back as errors, never as panics. It writes nothing to disk.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use tantivy::Index;

static INDEX: LazyLock<Option<(Index, &'static morgue::schema::MorgueSchema)>> =
    LazyLock::new(|| {
        let schema = morgue::schema::get().ok()?;
        let index = Index::create_in_ram(schema.schema.clone());
        morgue::schema::register_tokenizers(&index);
        Some((index, schema))
    });

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some((index, schema)) = INDEX.as_ref() else {
        return;
    };
    let filters = morgue::query::Filters::default();
    if let Ok(q) = morgue::query::build(index, schema, text, &filters) {
        if let Ok(reader) = index.reader() {
            let searcher = reader.searcher();
            let _ = searcher.search(&*q, &tantivy::collector::Count);
        }
    }
});
