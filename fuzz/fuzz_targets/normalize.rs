//! Fuzz target: any bytes → `morgue::normalize::normalize`, as an HTML page
//! and as a text clipping. It must return an article or a skip reason, never
//! panic, and never take unbounded time or memory. It writes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for path in ["2024/01/05/page.html", "clips/note.txt"] {
        if let Ok(article) = morgue::normalize::normalize(path, data) {
            // What is stored must be free of control and invisible characters.
            assert!(
                !article.body.chars().any(morgue::sanitize::is_stored_unsafe)
                    && !article.title.chars().any(morgue::sanitize::is_stored_unsafe),
                "unsafe character kept in the article text"
            );
        }
    }
});
