//! Fast hashing for short keys (the words of our lists, a page's words and
//! class names): FxHash, as in rustc. It has no resistance to crafted
//! collisions: a page written to collide would only slow its own
//! processing (the metadata stage reads at most 256 KB of it), never break
//! it. Nothing else belongs here.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FxHash (rustc's hasher): looked up for every token and class word.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fx(u64);

/// FxHash's multiplier.
const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(K);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A set with [`Fx`] hashing.
pub(crate) type FastSet<T> = HashSet<T, BuildHasherDefault<Fx>>;
/// A map with [`Fx`] hashing.
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;
