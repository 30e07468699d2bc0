//! String and bytes hashing: SipHash-1-3 keyed by `_Py_HashSecret`, as CPython 3.11 on
//! x86_64 does. `PYTHONHASHSEED` selects the key: unset or `random` → urandom, `0` → no
//! randomisation (a zero key), N → a key derived from N by CPython's documented LCG.

use crate::ffi::Py_hash_t;

/// CPython's `_Py_HashSecret_t`: 24 bytes; SipHash reads k0, k1 from the first 16.
#[repr(C)]
pub struct PyHashSecret {
    pub k0: u64,
    pub k1: u64,
    pub pad: u64,
}

#[no_mangle]
pub static mut _Py_HashSecret: PyHashSecret = PyHashSecret { k0: 0, k1: 0, pad: 0 };

/// Fills the secret from PYTHONHASHSEED; returns false when the variable is invalid.
pub fn init_secret() -> bool {
    // Once per process: strings hashed before a re-initialization keep their cached hash.
    static DONE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if DONE.swap(true, std::sync::atomic::Ordering::AcqRel) {
        return true;
    }
    let mut bytes = [0u8; 24];
    match std::env::var("PYTHONHASHSEED") {
        Ok(v) if v != "random" && !v.is_empty() => {
            let Ok(seed) = v.parse::<u32>() else { return false };
            if seed != 0 {
                // The MSVC-style LCG CPython uses to expand a seed into the secret.
                let mut x: u32 = seed;
                for b in bytes.iter_mut() {
                    x = x.wrapping_mul(214013).wrapping_add(2531011);
                    *b = ((x >> 16) & 0xff) as u8;
                }
            }
        }
        _ => {
            // Safety: bytes is a valid buffer of the given length.
            unsafe { libc::getrandom(bytes.as_mut_ptr() as *mut _, bytes.len(), 0) };
        }
    }
    // Safety: written once during start-up, before any hash is computed.
    unsafe {
        _Py_HashSecret = PyHashSecret {
            k0: u64::from_le_bytes(bytes[0..8].try_into().unwrap_or_default()),
            k1: u64::from_le_bytes(bytes[8..16].try_into().unwrap_or_default()),
            pad: u64::from_le_bytes(bytes[16..24].try_into().unwrap_or_default()),
        };
    }
    true
}

#[inline(always)]
fn round(v: &mut [u64; 4]) {
    v[0] = v[0].wrapping_add(v[1]);
    v[1] = v[1].rotate_left(13) ^ v[0];
    v[0] = v[0].rotate_left(32);
    v[2] = v[2].wrapping_add(v[3]);
    v[3] = v[3].rotate_left(16) ^ v[2];
    v[0] = v[0].wrapping_add(v[3]);
    v[3] = v[3].rotate_left(21) ^ v[0];
    v[2] = v[2].wrapping_add(v[1]);
    v[1] = v[1].rotate_left(17) ^ v[2];
    v[2] = v[2].rotate_left(32);
}

pub fn siphash13(k0: u64, k1: u64, data: &[u8]) -> u64 {
    let mut v = [
        k0 ^ 0x736f6d6570736575,
        k1 ^ 0x646f72616e646f6d,
        k0 ^ 0x6c7967656e657261,
        k1 ^ 0x7465646279746573,
    ];
    let mut chunks = data.chunks_exact(8);
    for c in &mut chunks {
        let m = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        v[3] ^= m;
        round(&mut v);
        v[0] ^= m;
    }
    let mut last = (data.len() as u64) << 56;
    for (i, &b) in chunks.remainder().iter().enumerate() {
        last |= (b as u64) << (8 * i);
    }
    v[3] ^= last;
    round(&mut v);
    v[0] ^= last;
    v[2] ^= 0xff;
    round(&mut v);
    round(&mut v);
    round(&mut v);
    v[0] ^ v[1] ^ v[2] ^ v[3]
}

/// CPython's `_Py_HashBytes`: 0 for empty input, never -1.
pub fn hash_bytes(data: &[u8]) -> Py_hash_t {
    if data.is_empty() {
        return 0;
    }
    // Safety: the secret is written once at start-up and only read afterwards.
    let (k0, k1) = unsafe { (_Py_HashSecret.k0, _Py_HashSecret.k1) };
    let h = siphash13(k0, k1, data) as Py_hash_t;
    if h == -1 {
        -2
    } else {
        h
    }
}
