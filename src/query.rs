//! The user's query text and filters → one tantivy query.
//!
//! Query syntax is tantivy's (`QueryParser`): words, `"phrases"`, `AND`,
//! `OR`, `NOT`/`-`, `field:value`, `*`. All words must match unless `OR` is
//! written. Filters become required clauses: `--person` a phrase on the
//! `person` field (so "Sudani" matches "Mohammed Shia al-Sudani"),
//! `--source` and `--dateline` exact values, `--since`/`--until` a date
//! range. Bad input becomes [`Error::Query`] or [`Error::Filter`] with words
//! a user can act on; nothing here runs a search.

use crate::error::{Error, Result};
use crate::metadata::{date, source};
use crate::schema::{self, MorgueSchema};
use std::ops::Bound;
use tantivy::query::{
    AllQuery, BooleanQuery, Occur, PhraseQuery, Query, QueryParser, RangeQuery, TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DateTime, Index, Term};

/// Longest query text accepted, in bytes.
pub const MAX_QUERY_BYTES: usize = 10_000;
/// Deepest parenthesis nesting accepted.
pub const MAX_NESTING: usize = 32;

/// Filters beside the query text.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// A person's name or part of it ("Sudani").
    pub person: Option<String>,
    /// A wire agency ("Reuters", "AP").
    pub source: Option<String>,
    /// A dateline place ("Baghdad").
    pub dateline: Option<String>,
    /// Published on or after (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// Published on or before (`YYYY-MM-DD`).
    pub until: Option<String>,
}

/// Checks what tantivy's parser would choke on or take too long over.
fn precheck(text: &str) -> Result<()> {
    let err = |reason: String| Error::Query {
        query: shorten(text),
        reason,
    };
    if text.len() > MAX_QUERY_BYTES {
        return Err(err(format!(
            "the query is {} bytes long; the limit is {MAX_QUERY_BYTES}",
            text.len()
        )));
    }
    let mut depth = 0usize;
    let mut in_quote = false;
    for c in text.chars() {
        match c {
            '"' => in_quote = !in_quote,
            '(' if !in_quote => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(err(format!(
                        "parentheses nest deeper than {MAX_NESTING} levels"
                    )));
                }
            }
            ')' if !in_quote => {
                if depth == 0 {
                    return Err(err("a ')' has no matching '('".into()));
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    if in_quote {
        return Err(err(
            "a '\"' is not closed; phrases need a closing quote".into()
        ));
    }
    if depth > 0 {
        return Err(err("a '(' is not closed".into()));
    }
    Ok(())
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 80 {
        let cut: String = s.chars().take(77).collect();
        format!("{cut}...")
    } else {
        s.to_string()
    }
}

fn describe(e: &tantivy::query::QueryParserError, known: &[String]) -> String {
    use tantivy::query::QueryParserError as E;
    match e {
        E::SyntaxError(s) => {
            format!("syntax error ({s}); quote words that hold special characters")
        }
        E::FieldDoesNotExist(f) => {
            format!("there is no field {f:?}; fields are {}", known.join(", "))
        }
        E::FieldNotIndexed(f) => format!("the field {f:?} is not searchable"),
        E::ExpectedInt(_) | E::ExpectedFloat(_) | E::ExpectedBool(_) => {
            "a number or a boolean was expected".into()
        }
        E::DateFormatError(_) => {
            "dates in queries are RFC 3339, e.g. date:[2024-01-01T00:00:00Z TO *]".into()
        }
        E::AllButQueryForbidden => "a query cannot be only exclusions; add a word to match".into(),
        E::NoDefaultFieldDeclared => "name a field, e.g. title:iraq".into(),
        E::PhrasePrefixRequiresAtLeastTwoTerms { .. } => {
            "a phrase prefix (\"...\"*) needs at least two words".into()
        }
        E::UnknownTokenizer { tokenizer, .. } => format!("unknown tokenizer {tokenizer}"),
        other => other.to_string(),
    }
}

/// A day filter value → seconds since 1970.
fn day_bound(what: &'static str, value: &str) -> Result<DateTime> {
    let d = date::parse_stamp(value).ok_or_else(|| Error::Filter {
        what,
        value: value.to_string(),
        reason: "expected a date like 2024-01-05".into(),
    })?;
    Ok(DateTime::from_timestamp_secs(d.unix_seconds()))
}

/// Builds the query for `text` (may be empty or `*` for all) and `filters`.
pub fn build(
    index: &Index,
    schema: &MorgueSchema,
    text: &str,
    filters: &Filters,
) -> Result<Box<dyn Query>> {
    let f = schema.fields;
    precheck(text)?;
    let trimmed = text.trim();
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if !trimmed.is_empty() && trimmed != "*" {
        let defaults = schema.default_fields();
        let mut parser = QueryParser::for_index(index, defaults.iter().map(|d| d.0).collect());
        for (field, boost) in &defaults {
            if (*boost - 1.0).abs() > f32::EPSILON {
                parser.set_field_boost(*field, *boost);
            }
        }
        parser.set_conjunction_by_default();
        let q = parser.parse_query(trimmed).map_err(|e| {
            let known: Vec<String> = schema
                .specs
                .iter()
                .filter(|s| s.indexed)
                .map(|s| s.name.clone())
                .collect();
            Error::Query {
                query: shorten(text),
                reason: describe(&e, &known),
            }
        })?;
        clauses.push((Occur::Must, q));
    }
    if let Some(p) = &filters.person {
        let mut analyzer = schema::words_analyzer();
        let mut stream = analyzer.token_stream(p);
        let mut terms = Vec::new();
        while let Some(t) = stream.next() {
            terms.push(Term::from_field_text(f.person, &t.text));
        }
        match terms.len() {
            0 => {
                return Err(Error::Filter {
                    what: "--person",
                    value: p.clone(),
                    reason: "give a name, e.g. --person Sudani".into(),
                });
            }
            1 => clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(terms.remove(0), IndexRecordOption::Basic)),
            )),
            _ => clauses.push((Occur::Must, Box::new(PhraseQuery::new(terms)))),
        }
    }
    if let Some(s) = &filters.source {
        let name = source::canonical(s).unwrap_or(s.as_str());
        clauses.push((
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_text(f.source, &schema::keyword(name)),
                IndexRecordOption::Basic,
            )),
        ));
    }
    if let Some(d) = &filters.dateline {
        clauses.push((
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_text(f.dateline, &schema::keyword(d)),
                IndexRecordOption::Basic,
            )),
        ));
    }
    if filters.since.is_some() || filters.until.is_some() {
        let lower = match &filters.since {
            Some(s) => Bound::Included(Term::from_field_date(f.date, day_bound("--since", s)?)),
            None => Bound::Unbounded,
        };
        let upper = match &filters.until {
            Some(u) => {
                let end = day_bound("--until", u)?.into_timestamp_secs() + 86_399;
                Bound::Included(Term::from_field_date(
                    f.date,
                    DateTime::from_timestamp_secs(end),
                ))
            }
            None => Bound::Unbounded,
        };
        clauses.push((Occur::Must, Box::new(RangeQuery::new(lower, upper))));
    }
    Ok(match clauses.len() {
        0 => Box::new(AllQuery),
        1 if clauses[0].0 == Occur::Must => clauses.remove(0).1,
        _ => Box::new(BooleanQuery::new(clauses)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prechecks_name_the_problem() {
        assert!(
            precheck("\"unclosed")
                .unwrap_err()
                .to_string()
                .contains("not closed")
        );
        assert!(
            precheck(&"(".repeat(100))
                .unwrap_err()
                .to_string()
                .contains("nest deeper")
        );
        assert!(
            precheck(&"a".repeat(20_000))
                .unwrap_err()
                .to_string()
                .contains("limit")
        );
        assert!(precheck("a) b").is_err());
        assert!(precheck("(a OR b) AND \"c (d\"").is_ok());
    }
}
