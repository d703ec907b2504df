//! ASCII case-insensitive byte search, for scanners that look for markup
//! and credit words in raw bytes. It knows nothing of HTML or news.

/// Where `needle` (given in lower case; its first byte a letter or not)
/// first occurs in `hay` at or after `from`, in any ASCII case.
pub fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let first = needle[0].to_ascii_lowercase();
    let upper = needle[0].to_ascii_uppercase();
    let mut i = from;
    while i + needle.len() <= hay.len() {
        let rel = memchr::memchr2(first, upper, &hay[i..])?;
        let at = i + rel;
        if at + needle.len() <= hay.len() && hay[at..at + needle.len()].eq_ignore_ascii_case(needle)
        {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_in_any_case() {
        assert_eq!(find_ci(b"Written BY me", 0, b"by"), Some(8));
        assert_eq!(find_ci(b"by and BY", 1, b"by"), Some(7));
        assert_eq!(find_ci(b"b", 0, b"by"), None);
        assert_eq!(find_ci(b"</SCRIPT>", 0, b"</script"), Some(0));
    }
}
