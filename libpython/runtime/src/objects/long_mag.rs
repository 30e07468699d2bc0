//! Magnitude arithmetic on little-endian 30-bit digits (CPython's `digit` base), the engine
//! under `int`: add, subtract, compare, multiply (schoolbook and Karatsuba), divide (Knuth's
//! algorithm D), shifts, and two's-complement bitwise operations on signed values.
//! Magnitudes are normalised: no high zero digits; zero is the empty vector.

use std::cmp::Ordering;

pub const SHIFT: u32 = 30;
pub const BASE: u64 = 1 << SHIFT;
pub const MASK: u32 = (1 << SHIFT) - 1;
const KARATSUBA_CUTOFF: usize = 70;

pub type Mag = Vec<u32>;

pub fn normalize(mut m: Mag) -> Mag {
    while m.last() == Some(&0) {
        m.pop();
    }
    m
}

pub fn from_u128(mut v: u128) -> Mag {
    let mut m = Vec::new();
    while v != 0 {
        m.push((v as u32) & MASK);
        v >>= SHIFT;
    }
    m
}

pub fn to_u128(m: &[u32]) -> Option<u128> {
    if m.len() > 4 {
        return None;
    }
    let mut v: u128 = 0;
    for &d in m.iter().rev() {
        v = (v << SHIFT) | d as u128;
    }
    Some(v)
}

pub fn cmp(a: &[u32], b: &[u32]) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.iter().rev().cmp(b.iter().rev()))
}

pub fn add(a: &[u32], b: &[u32]) -> Mag {
    let (a, b) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let mut out = Vec::with_capacity(a.len() + 1);
    let mut carry = 0u32;
    for i in 0..a.len() {
        let s = a[i] + if i < b.len() { b[i] } else { 0 } + carry;
        out.push(s & MASK);
        carry = s >> SHIFT;
    }
    if carry != 0 {
        out.push(carry);
    }
    out
}

/// a - b for a >= b.
pub fn sub(a: &[u32], b: &[u32]) -> Mag {
    let mut out = Vec::with_capacity(a.len());
    let mut borrow = 0i64;
    for i in 0..a.len() {
        let mut d = a[i] as i64 - borrow - if i < b.len() { b[i] as i64 } else { 0 };
        if d < 0 {
            d += BASE as i64;
            borrow = 1;
        } else {
            borrow = 0;
        }
        out.push(d as u32);
    }
    normalize(out)
}

fn mul_school(a: &[u32], b: &[u32]) -> Mag {
    if a.is_empty() || b.is_empty() {
        return Vec::new();
    }
    let mut out = vec![0u32; a.len() + b.len()];
    for (i, &x) in a.iter().enumerate() {
        if x == 0 {
            continue;
        }
        let mut carry: u64 = 0;
        for (j, &y) in b.iter().enumerate() {
            let t = out[i + j] as u64 + x as u64 * y as u64 + carry;
            out[i + j] = (t as u32) & MASK;
            carry = t >> SHIFT;
        }
        let mut k = i + b.len();
        while carry != 0 {
            let t = out[k] as u64 + carry;
            out[k] = (t as u32) & MASK;
            carry = t >> SHIFT;
            k += 1;
        }
    }
    normalize(out)
}

fn shifted_add_into(acc: &mut Mag, x: &[u32], at: usize) {
    if acc.len() < at + x.len() + 1 {
        acc.resize(at + x.len() + 1, 0);
    }
    let mut carry = 0u32;
    let mut i = 0;
    while i < x.len() || carry != 0 {
        if at + i >= acc.len() {
            acc.push(0);
        }
        let s = acc[at + i] + if i < x.len() { x[i] } else { 0 } + carry;
        acc[at + i] = s & MASK;
        carry = s >> SHIFT;
        i += 1;
    }
}

pub fn mul(a: &[u32], b: &[u32]) -> Mag {
    if a.len() < KARATSUBA_CUTOFF || b.len() < KARATSUBA_CUTOFF {
        return mul_school(a, b);
    }
    // Karatsuba: split at half of the longer operand.
    let half = a.len().max(b.len()) / 2;
    let split = |x: &[u32]| -> (Mag, Mag) {
        if x.len() <= half {
            (normalize(x.to_vec()), Vec::new())
        } else {
            (normalize(x[..half].to_vec()), normalize(x[half..].to_vec()))
        }
    };
    let (a0, a1) = split(a);
    let (b0, b1) = split(b);
    let z0 = mul(&a0, &b0);
    let z2 = mul(&a1, &b1);
    let z1 = sub(&sub(&mul(&add(&a0, &a1), &add(&b0, &b1)), &z0), &z2);
    let mut out = z0;
    shifted_add_into(&mut out, &z1, half);
    shifted_add_into(&mut out, &z2, 2 * half);
    normalize(out)
}

/// (a / d, a % d) for a single digit d != 0.
pub fn divrem_digit(a: &[u32], d: u32) -> (Mag, u32) {
    let mut q = vec![0u32; a.len()];
    let mut rem: u64 = 0;
    for i in (0..a.len()).rev() {
        let cur = (rem << SHIFT) | a[i] as u64;
        q[i] = (cur / d as u64) as u32;
        rem = cur % d as u64;
    }
    (normalize(q), rem as u32)
}

pub fn shl(a: &[u32], bits: usize) -> Mag {
    if a.is_empty() {
        return Vec::new();
    }
    let (words, rem) = (bits / SHIFT as usize, (bits % SHIFT as usize) as u32);
    let mut out = vec![0u32; words];
    let mut carry = 0u32;
    for &d in a {
        let v = ((d as u64) << rem) | carry as u64;
        out.push((v as u32) & MASK);
        carry = (v >> SHIFT) as u32;
    }
    if carry != 0 {
        out.push(carry);
    }
    normalize(out)
}

pub fn shr(a: &[u32], bits: usize) -> Mag {
    let (words, rem) = (bits / SHIFT as usize, (bits % SHIFT as usize) as u32);
    if words >= a.len() {
        return Vec::new();
    }
    let src = &a[words..];
    let mut out = Vec::with_capacity(src.len());
    for i in 0..src.len() {
        let hi = if i + 1 < src.len() { src[i + 1] as u64 } else { 0 };
        let v = ((src[i] as u64) | (hi << SHIFT)) >> rem;
        out.push((v as u32) & MASK);
    }
    normalize(out)
}

pub fn bit_length(a: &[u32]) -> u64 {
    match a.last() {
        None => 0,
        Some(&top) => (a.len() as u64 - 1) * SHIFT as u64 + (32 - top.leading_zeros()) as u64,
    }
}

/// Knuth's algorithm D: (a / b, a % b) for b non-empty.
pub fn divrem(a: &[u32], b: &[u32]) -> (Mag, Mag) {
    if cmp(a, b) == Ordering::Less {
        return (Vec::new(), normalize(a.to_vec()));
    }
    if b.len() == 1 {
        let (q, r) = divrem_digit(a, b[0]);
        return (q, if r == 0 { Vec::new() } else { vec![r] });
    }
    // Normalise so the divisor's top digit has its high bit set.
    let s = (SHIFT - (32 - b[b.len() - 1].leading_zeros())) as usize;
    let v = shl(b, s);
    let mut u = shl(a, s);
    if u.len() == a.len() {
        u.push(0);
    }
    let n = v.len();
    let m = u.len() - n;
    let mut q = vec![0u32; m];
    let vtop = v[n - 1] as u64;
    let vnext = v[n - 2] as u64;
    for j in (0..m).rev() {
        let num = ((u[j + n] as u64) << SHIFT) | u[j + n - 1] as u64;
        let mut qhat = num / vtop;
        let mut rhat = num % vtop;
        while qhat >= BASE || qhat * vnext > ((rhat << SHIFT) | u[j + n - 2] as u64) {
            qhat -= 1;
            rhat += vtop;
            if rhat >= BASE {
                break;
            }
        }
        // Multiply and subtract.
        let mut borrow: i64 = 0;
        let mut carry: u64 = 0;
        for i in 0..n {
            let p = qhat * v[i] as u64 + carry;
            carry = p >> SHIFT;
            let t = u[i + j] as i64 - (p & MASK as u64) as i64 - borrow;
            if t < 0 {
                u[i + j] = (t + BASE as i64) as u32;
                borrow = 1;
            } else {
                u[i + j] = t as u32;
                borrow = 0;
            }
        }
        let t = u[j + n] as i64 - carry as i64 - borrow;
        if t < 0 {
            // qhat was one too large: add the divisor back.
            u[j + n] = (t + BASE as i64) as u32;
            qhat -= 1;
            let mut c = 0u32;
            for i in 0..n {
                let s2 = u[i + j] + v[i] + c;
                u[i + j] = s2 & MASK;
                c = s2 >> SHIFT;
            }
            u[j + n] = (u[j + n] + c) & MASK;
        } else {
            u[j + n] = t as u32;
        }
        q[j] = qhat as u32;
    }
    let r = shr(&normalize(u[..n].to_vec()), s);
    (normalize(q), r)
}

/// A signed value as two's complement digits (30 bits each) over `len` digits.
fn to_twos(neg: bool, m: &[u32], len: usize) -> Vec<u32> {
    let mut out: Vec<u32> = (0..len).map(|i| if i < m.len() { m[i] } else { 0 }).collect();
    if neg {
        // invert and add one
        let mut carry = 1u32;
        for d in out.iter_mut() {
            let v = (!*d & MASK) + carry;
            *d = v & MASK;
            carry = v >> SHIFT;
        }
    }
    out
}

fn from_twos(mut d: Vec<u32>) -> (bool, Mag) {
    let neg = d.last().map(|&t| t >> (SHIFT - 1) & 1 == 1).unwrap_or(false);
    if neg {
        let mut carry = 1u32;
        for x in d.iter_mut() {
            let v = (!*x & MASK) + carry;
            *x = v & MASK;
            carry = v >> SHIFT;
        }
    }
    (neg, normalize(d))
}

/// Bitwise and/or/xor of signed values with Python's infinite two's complement semantics.
pub fn bitwise(op: char, an: bool, a: &[u32], bn: bool, b: &[u32]) -> (bool, Mag) {
    let len = a.len().max(b.len()) + 1;
    let (x, y) = (to_twos(an, a, len), to_twos(bn, b, len));
    let r: Vec<u32> = x
        .iter()
        .zip(&y)
        .map(|(&p, &q)| match op {
            '&' => p & q,
            '|' => p | q,
            _ => p ^ q,
        })
        .collect();
    from_twos(r)
}
