//! `train-people`: trains the person-name tagger's weights from CoNLL-2003
//! documents (`make train-people`).
//!
//! Reads `train.jsonl` as converted in `../shared/data/conll2003` (one
//! document per line: `text` with one sentence per line, `mentions` with
//! character offsets and PER/ORG/LOC/MISC types), tokenizes each sentence with
//! the same tokenizer the tagger uses at run time, labels tokens BIO from the
//! mentions, and runs a fixed number of averaged-perceptron epochs over the
//! sentences in a fixed pseudo-random order, so the same input gives the same
//! weights. Writes only the weights (never CoNLL text). With `--dev FILE` it
//! also reports PER mention precision/recall on that file after each epoch;
//! the dev file does not influence the weights.
//!
//! Usage: train-people TRAIN.jsonl OUT.bin [--epochs N] [--dev DEV.jsonl]

use morgue::metadata::people::tagger::{self, Tok, Trainer};
use std::process::ExitCode;

struct Example {
    toks: Vec<Tok>,
    gold: Vec<u8>,
}

fn load(path: &str) -> Result<Vec<Example>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let doc: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("{path}:{}: {e}", n + 1))?;
        let body = doc["text"].as_str().unwrap_or("");
        // Character offsets → byte offsets.
        let mut byte_at: Vec<usize> = body.char_indices().map(|(b, _)| b).collect();
        byte_at.push(body.len());
        let mut spans: Vec<(usize, usize, &str)> = Vec::new();
        if let Some(ms) = doc["mentions"].as_array() {
            for m in ms {
                let (Some(s), Some(e), Some(k)) =
                    (m["start"].as_u64(), m["end"].as_u64(), m["type"].as_str())
                else {
                    continue;
                };
                let (s, e) = (s as usize, e as usize);
                if s < e && e < byte_at.len() {
                    spans.push((byte_at[s], byte_at[e], k));
                }
            }
        }
        let mut doc_sents: Vec<(Vec<Tok>, Vec<u8>)> = Vec::new();
        let mut offset = 0;
        for sentence in body.split('\n') {
            let ranges = tagger::tokenize(sentence);
            let toks = tagger::make_tokens(sentence, &ranges);
            let gold: Vec<u8> = ranges
                .iter()
                .map(|&(s, e)| {
                    let (s, e) = (s + offset, e + offset);
                    match spans.iter().find(|m| s >= m.0 && e <= m.1) {
                        Some(m) => tagger::label_of(m.2, s == m.0),
                        None => tagger::O,
                    }
                })
                .collect();
            offset += sentence.len() + 1;
            if !toks.is_empty() {
                doc_sents.push((toks, gold));
            }
        }
        let mut sents: Vec<Vec<Tok>> = doc_sents.iter().map(|s| s.0.clone()).collect();
        tagger::mark_document(&mut sents);
        for (toks, (_, gold)) in sents.into_iter().zip(doc_sents) {
            out.push(Example { toks, gold });
        }
    }
    Ok(out)
}

fn evaluate(model: &tagger::Model, dev: &[Example]) -> (f64, f64, f64) {
    let (mut tp, mut np, mut ng) = (0usize, 0usize, 0usize);
    for ex in dev {
        let pred = tagger::per_spans(&model.tag(&ex.toks));
        let gold = tagger::per_spans(&ex.gold);
        np += pred.len();
        ng += gold.len();
        tp += pred.iter().filter(|p| gold.contains(p)).count();
    }
    let p = tp as f64 / np.max(1) as f64;
    let r = tp as f64 / ng.max(1) as f64;
    (p, r, 2.0 * p * r / (p + r).max(1e-9))
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut pos = Vec::new();
    let mut epochs = 10usize;
    let mut dev_path = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--epochs" => {
                i += 1;
                epochs = args
                    .get(i)
                    .and_then(|v| v.parse().ok())
                    .ok_or("--epochs needs a number")?;
            }
            "--dev" => {
                i += 1;
                dev_path = Some(args.get(i).ok_or("--dev needs a file")?.clone());
            }
            a => pos.push(a.to_string()),
        }
        i += 1;
    }
    let [train_path, out_path] = pos.as_slice() else {
        return Err(
            "usage: train-people TRAIN.jsonl OUT.bin [--epochs N] [--dev DEV.jsonl]".into(),
        );
    };
    let train = load(train_path)?;
    let dev = match &dev_path {
        Some(p) => load(p)?,
        None => Vec::new(),
    };
    let tokens: usize = train.iter().map(|e| e.toks.len()).sum();
    eprintln!(
        "train-people: {} sentences, {tokens} tokens, {epochs} epochs",
        train.len()
    );
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut seed: u64 = 0x5EED_F00D_1234_5678_u64;
    let mut trainer = Trainer::new();
    for epoch in 1..=epochs {
        // Fisher–Yates with a fixed linear congruential generator: reproducible.
        for k in (1..order.len()).rev() {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let j = (seed >> 33) as usize % (k + 1);
            order.swap(k, j);
        }
        let mut correct = 0;
        for &k in &order {
            correct += trainer.learn(&train[k].toks, &train[k].gold);
        }
        let acc = correct as f64 / tokens.max(1) as f64;
        if dev.is_empty() {
            eprintln!("epoch {epoch}: train token accuracy {acc:.4}");
        } else {
            let (p, r, f) = evaluate(&trainer.averaged(), &dev);
            eprintln!(
                "epoch {epoch}: train token accuracy {acc:.4}; dev PER mentions P {p:.3} R {r:.3} F1 {f:.3}"
            );
        }
    }
    let bytes = trainer.finish();
    std::fs::write(out_path, &bytes).map_err(|e| format!("cannot write {out_path}: {e}"))?;
    eprintln!("train-people: wrote {out_path} ({} bytes)", bytes.len());
    if !dev.is_empty() {
        let model = tagger::Model::from_bytes(&bytes).ok_or("the written weights do not load")?;
        let (p, r, f) = evaluate(&model, &dev);
        eprintln!("quantised weights: dev PER mentions P {p:.3} R {r:.3} F1 {f:.3}");
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train-people: {e}");
            ExitCode::from(2)
        }
    }
}
