//! Writes `pinyin_table.rs`: the plain (toneless) pinyin of the 3,755 common Chinese
//! characters of GB2312 level 1, sorted by character for binary search. Store names use
//! these; a character outside the table is simply not found by pinyin (it is still found
//! by the characters themselves).

use std::fmt::Write as _;
use std::path::PathBuf;

use pinyin::ToPinyin;

fn main() {
    let mut pairs: Vec<(char, &'static str)> = Vec::new();
    for b1 in 0xB0u8..=0xD7 {
        for b2 in 0xA1u8..=0xFE {
            if b1 == 0xD7 && b2 > 0xF9 {
                break;
            }
            let bytes = [b1, b2];
            let (text, _, bad) = encoding_rs::GBK.decode(&bytes);
            if bad {
                continue;
            }
            if let Some(c) = text.chars().next() {
                if let Some(p) = c.to_pinyin() {
                    pairs.push((c, p.plain()));
                }
            }
        }
    }
    pairs.sort_by_key(|(c, _)| *c);
    pairs.dedup_by_key(|(c, _)| *c);
    let mut out = String::from("/// (character, plain pinyin), sorted by character.\npub static PINYIN: &[(char, &str)] = &[\n");
    for (c, p) in &pairs {
        let _ = writeln!(out, "    ('{c}', \"{p}\"),");
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("pinyin_table.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        panic!("cannot write {}: {e}", dest.display());
    }
    println!("cargo:rerun-if-changed=build.rs");
}
