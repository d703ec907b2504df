//! Search results → bytes for a writer: [`human`] for people, [`json`] for
//! scripts. Renderers get plain data and a colour switch; they never look
//! at the terminal themselves (the binary decides colour and TTY).

pub mod human;
pub mod json;
