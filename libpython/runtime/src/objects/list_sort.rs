//! `list.sort()`: CPython 3.11's timsort (`Objects/listsort.txt`): natural runs (strictly
//! descending ones reversed), binary insertion up to `minrun`, the powersort merge policy,
//! and galloping merges. The algorithm is CPython's, so `<` comparisons happen in the same
//! order and errors or side effects of `__lt__` show up at the same point.
//!
//! While sorting, the list is emptied (`allocated == -1`); a comparison or key function that
//! touches it is detected afterwards ("list modified during sort"), as in CPython.
//!
//! Safety: every `unsafe fn` here takes live objects and runs with the thread state attached.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::protocol::object as proto;
use std::ffi::c_void;
use std::ptr::null_mut;

/// A sort element: (key, value). Without a key function both are the item.
type It = (*mut PyObject, *mut PyObject);

const MIN_GALLOP: usize = 7;

#[derive(Clone, Copy)]
struct Run {
    base: usize,
    len: usize,
    power: i32,
}

struct MergeState {
    min_gallop: usize,
    pending: Vec<Run>,
    listlen: usize,
    tmp: Vec<It>,
}

#[inline]
unsafe fn lt(a: *mut PyObject, b: *mut PyObject) -> PyResult<bool> {
    proto::rich_compare_bool(a, b, Py_LT)
}

/// Sorts `[lo, hi)` by binary insertion, `[lo, start)` being sorted already.
unsafe fn binarysort(v: &mut [It], lo: usize, hi: usize, mut start: usize) -> PyResult<()> {
    if start == lo {
        start += 1;
    }
    while start < hi {
        let pivot = v[start];
        let (mut l, mut r) = (lo, start);
        loop {
            let p = l + ((r - l) >> 1);
            if lt(pivot.0, v[p].0)? {
                r = p;
            } else {
                l = p + 1;
            }
            if l >= r {
                break;
            }
        }
        v.copy_within(l..start, l + 1);
        v[l] = pivot;
        start += 1;
    }
    Ok(())
}

/// The length of the run at `lo` and whether it is strictly descending.
unsafe fn count_run(v: &[It], lo: usize, hi: usize) -> PyResult<(usize, bool)> {
    if lo + 1 == hi {
        return Ok((1, false));
    }
    let mut n = 2;
    let mut i = lo + 2;
    if lt(v[lo + 1].0, v[lo].0)? {
        while i < hi {
            if !lt(v[i].0, v[i - 1].0)? {
                break;
            }
            i += 1;
            n += 1;
        }
        Ok((n, true))
    } else {
        while i < hi {
            if lt(v[i].0, v[i - 1].0)? {
                break;
            }
            i += 1;
            n += 1;
        }
        Ok((n, false))
    }
}

/// Where `key` goes in sorted `a`: left of any equal elements.
unsafe fn gallop_left(key: *mut PyObject, a: &[It], hint: usize) -> PyResult<usize> {
    let n = a.len() as isize;
    let hint = hint as isize;
    let (mut lastofs, mut ofs): (isize, isize) = (0, 1);
    if lt(a[hint as usize].0, key)? {
        let maxofs = n - hint;
        while ofs < maxofs {
            if lt(a[(hint + ofs) as usize].0, key)? {
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            } else {
                break;
            }
        }
        ofs = ofs.min(maxofs);
        lastofs += hint;
        ofs += hint;
    } else {
        let maxofs = hint + 1;
        while ofs < maxofs {
            if lt(a[(hint - ofs) as usize].0, key)? {
                break;
            }
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        ofs = ofs.min(maxofs);
        let k = lastofs;
        lastofs = hint - ofs;
        ofs = hint - k;
    }
    lastofs += 1;
    while lastofs < ofs {
        let m = lastofs + ((ofs - lastofs) >> 1);
        if lt(a[m as usize].0, key)? {
            lastofs = m + 1;
        } else {
            ofs = m;
        }
    }
    Ok(ofs as usize)
}

/// Where `key` goes in sorted `a`: right of any equal elements.
unsafe fn gallop_right(key: *mut PyObject, a: &[It], hint: usize) -> PyResult<usize> {
    let n = a.len() as isize;
    let hint = hint as isize;
    let (mut lastofs, mut ofs): (isize, isize) = (0, 1);
    if lt(key, a[hint as usize].0)? {
        let maxofs = hint + 1;
        while ofs < maxofs {
            if lt(key, a[(hint - ofs) as usize].0)? {
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            } else {
                break;
            }
        }
        ofs = ofs.min(maxofs);
        let k = lastofs;
        lastofs = hint - ofs;
        ofs = hint - k;
    } else {
        let maxofs = n - hint;
        while ofs < maxofs {
            if lt(key, a[(hint + ofs) as usize].0)? {
                break;
            }
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        ofs = ofs.min(maxofs);
        lastofs += hint;
        ofs += hint;
    }
    lastofs += 1;
    while lastofs < ofs {
        let m = lastofs + ((ofs - lastofs) >> 1);
        if lt(key, a[m as usize].0)? {
            ofs = m;
        } else {
            lastofs = m + 1;
        }
    }
    Ok(ofs as usize)
}

enum Exit {
    Succeed,
    /// Copy the rest of the other run, then the one element left of the temp run.
    CopyRest,
}

/// Positions during a merge; `dest`, `pa`, `pb` index `v` or the temp array as noted.
struct Cursor {
    dest: isize,
    pa: isize,
    pb: isize,
    na: usize,
    nb: usize,
}

/// Merges the runs at `a` (length `na`, copied to temp) and `a + na` (`nb`), na <= nb.
unsafe fn merge_lo(ms: &mut MergeState, v: &mut [It], a: usize, na: usize, nb: usize) -> PyResult<()> {
    ms.tmp.clear();
    ms.tmp.extend_from_slice(&v[a..a + na]);
    let tmp = std::mem::take(&mut ms.tmp);
    // dest and pb index v; pa indexes tmp. Invariant: dest + na == pb.
    let mut c = Cursor { dest: a as isize, pa: 0, pb: (a + na) as isize, na, nb };
    let r = merge_lo_body(&mut ms.min_gallop, v, &tmp, &mut c);
    let (dest, pa, pb) = (c.dest as usize, c.pa as usize, c.pb as usize);
    let result = match r {
        Ok(Exit::CopyRest) => {
            v.copy_within(pb..pb + c.nb, dest);
            v[dest + c.nb] = tmp[pa];
            Ok(())
        }
        other => {
            if c.na > 0 {
                v[dest..dest + c.na].copy_from_slice(&tmp[pa..pa + c.na]);
            }
            other.map(|_| ())
        }
    };
    ms.tmp = tmp;
    result
}

unsafe fn merge_lo_body(mg: &mut usize, v: &mut [It], tmp: &[It], c: &mut Cursor) -> PyResult<Exit> {
    macro_rules! from_b {
        () => {{
            v[c.dest as usize] = v[c.pb as usize];
            c.dest += 1;
            c.pb += 1;
            c.nb -= 1;
        }};
    }
    macro_rules! from_a {
        () => {{
            v[c.dest as usize] = tmp[c.pa as usize];
            c.dest += 1;
            c.pa += 1;
            c.na -= 1;
        }};
    }
    from_b!();
    if c.nb == 0 {
        return Ok(Exit::Succeed);
    }
    if c.na == 1 {
        return Ok(Exit::CopyRest);
    }
    let mut min_gallop = *mg;
    loop {
        let (mut acount, mut bcount) = (0usize, 0usize);
        loop {
            if lt(v[c.pb as usize].0, tmp[c.pa as usize].0)? {
                from_b!();
                bcount += 1;
                acount = 0;
                if c.nb == 0 {
                    return Ok(Exit::Succeed);
                }
                if bcount >= min_gallop {
                    break;
                }
            } else {
                from_a!();
                acount += 1;
                bcount = 0;
                if c.na == 1 {
                    return Ok(Exit::CopyRest);
                }
                if acount >= min_gallop {
                    break;
                }
            }
        }
        min_gallop += 1;
        loop {
            min_gallop -= (min_gallop > 1) as usize;
            *mg = min_gallop;
            let (pa, pb) = (c.pa as usize, c.pb as usize);
            let k = gallop_right(v[pb].0, &tmp[pa..pa + c.na], 0)?;
            acount = k;
            if k > 0 {
                let d = c.dest as usize;
                v[d..d + k].copy_from_slice(&tmp[pa..pa + k]);
                c.dest += k as isize;
                c.pa += k as isize;
                c.na -= k;
                if c.na == 1 {
                    return Ok(Exit::CopyRest);
                }
                if c.na == 0 {
                    return Ok(Exit::Succeed);
                }
            }
            from_b!();
            if c.nb == 0 {
                return Ok(Exit::Succeed);
            }
            let (pa, pb) = (c.pa as usize, c.pb as usize);
            let k = gallop_left(tmp[pa].0, &v[pb..pb + c.nb], 0)?;
            bcount = k;
            if k > 0 {
                v.copy_within(pb..pb + k, c.dest as usize);
                c.dest += k as isize;
                c.pb += k as isize;
                c.nb -= k;
                if c.nb == 0 {
                    return Ok(Exit::Succeed);
                }
            }
            from_a!();
            if c.na == 1 {
                return Ok(Exit::CopyRest);
            }
            if !(acount >= MIN_GALLOP || bcount >= MIN_GALLOP) {
                break;
            }
        }
        min_gallop += 1;
        *mg = min_gallop;
    }
}

/// Merges the runs at `a` (length `na`) and `a + na` (`nb`, copied to temp), na > nb,
/// from the right.
unsafe fn merge_hi(ms: &mut MergeState, v: &mut [It], a: usize, na: usize, nb: usize) -> PyResult<()> {
    let b = a + na;
    ms.tmp.clear();
    ms.tmp.extend_from_slice(&v[b..b + nb]);
    let tmp = std::mem::take(&mut ms.tmp);
    // dest and pa index v; pb indexes tmp. Invariant: dest - pa == nb, pb == nb - 1.
    let mut c = Cursor { dest: (b + nb - 1) as isize, pa: (b - 1) as isize, pb: nb as isize - 1, na, nb };
    let r = merge_hi_body(&mut ms.min_gallop, v, &tmp, a, &mut c);
    let result = match r {
        Ok(Exit::CopyRest) => {
            let na = c.na as isize;
            let (src, dst) = ((c.pa + 1 - na) as usize, (c.dest + 1 - na) as usize);
            v.copy_within(src..src + c.na, dst);
            c.dest -= na;
            v[c.dest as usize] = tmp[c.pb as usize];
            Ok(())
        }
        other => {
            if c.nb > 0 {
                let d = (c.dest + 1 - c.nb as isize) as usize;
                v[d..d + c.nb].copy_from_slice(&tmp[..c.nb]);
            }
            other.map(|_| ())
        }
    };
    ms.tmp = tmp;
    result
}

unsafe fn merge_hi_body(mg: &mut usize, v: &mut [It], tmp: &[It], basea: usize, c: &mut Cursor) -> PyResult<Exit> {
    macro_rules! from_a {
        () => {{
            v[c.dest as usize] = v[c.pa as usize];
            c.dest -= 1;
            c.pa -= 1;
            c.na -= 1;
        }};
    }
    macro_rules! from_b {
        () => {{
            v[c.dest as usize] = tmp[c.pb as usize];
            c.dest -= 1;
            c.pb -= 1;
            c.nb -= 1;
        }};
    }
    from_a!();
    if c.na == 0 {
        return Ok(Exit::Succeed);
    }
    if c.nb == 1 {
        return Ok(Exit::CopyRest);
    }
    let mut min_gallop = *mg;
    loop {
        let (mut acount, mut bcount) = (0usize, 0usize);
        loop {
            if lt(tmp[c.pb as usize].0, v[c.pa as usize].0)? {
                from_a!();
                acount += 1;
                bcount = 0;
                if c.na == 0 {
                    return Ok(Exit::Succeed);
                }
                if acount >= min_gallop {
                    break;
                }
            } else {
                from_b!();
                bcount += 1;
                acount = 0;
                if c.nb == 1 {
                    return Ok(Exit::CopyRest);
                }
                if bcount >= min_gallop {
                    break;
                }
            }
        }
        min_gallop += 1;
        loop {
            min_gallop -= (min_gallop > 1) as usize;
            *mg = min_gallop;
            let k = gallop_right(tmp[c.pb as usize].0, &v[basea..basea + c.na], c.na - 1)?;
            let k = c.na - k;
            acount = k;
            if k > 0 {
                c.dest -= k as isize;
                c.pa -= k as isize;
                let (src, dst) = ((c.pa + 1) as usize, (c.dest + 1) as usize);
                v.copy_within(src..src + k, dst);
                c.na -= k;
                if c.na == 0 {
                    return Ok(Exit::Succeed);
                }
            }
            from_b!();
            if c.nb == 1 {
                return Ok(Exit::CopyRest);
            }
            let k = gallop_left(v[c.pa as usize].0, &tmp[..c.nb], c.nb - 1)?;
            let k = c.nb - k;
            bcount = k;
            if k > 0 {
                c.dest -= k as isize;
                c.pb -= k as isize;
                let (src, dst) = ((c.pb + 1) as usize, (c.dest + 1) as usize);
                v[dst..dst + k].copy_from_slice(&tmp[src..src + k]);
                c.nb -= k;
                if c.nb == 1 {
                    return Ok(Exit::CopyRest);
                }
                if c.nb == 0 {
                    return Ok(Exit::Succeed);
                }
            }
            from_a!();
            if c.na == 0 {
                return Ok(Exit::Succeed);
            }
            if !(acount >= MIN_GALLOP || bcount >= MIN_GALLOP) {
                break;
            }
        }
        min_gallop += 1;
        *mg = min_gallop;
    }
}

/// Merges pending runs `i` and `i + 1`.
unsafe fn merge_at(ms: &mut MergeState, v: &mut [It], i: usize) -> PyResult<()> {
    let (mut a, mut na) = (ms.pending[i].base, ms.pending[i].len);
    let (b, nb) = (ms.pending[i + 1].base, ms.pending[i + 1].len);
    ms.pending[i].len = na + nb;
    ms.pending.remove(i + 1);
    // Where b[0] goes in a: elements of a before that are already in place.
    let k = gallop_right(v[b].0, &v[a..a + na], 0)?;
    a += k;
    na -= k;
    if na == 0 {
        return Ok(());
    }
    // Where a[-1] goes in b: elements of b after that are already in place.
    let nb = gallop_left(v[a + na - 1].0, &v[b..b + nb], nb - 1)?;
    if nb == 0 {
        return Ok(());
    }
    if na <= nb {
        merge_lo(ms, v, a, na, nb)
    } else {
        merge_hi(ms, v, a, na, nb)
    }
}

/// The powersort "power" of the boundary between runs [s1, s1+n1) and [s1+n1, s1+n1+n2).
fn powerloop(s1: usize, n1: usize, n2: usize, n: usize) -> i32 {
    let mut result = 0;
    let mut a = 2 * s1 + n1;
    let mut b = a + n1 + n2;
    loop {
        result += 1;
        if a >= n {
            a -= n;
            b -= n;
        } else if b >= n {
            break;
        }
        a <<= 1;
        b <<= 1;
    }
    result
}

unsafe fn found_new_run(ms: &mut MergeState, v: &mut [It], n2: usize) -> PyResult<()> {
    if let Some(last) = ms.pending.last() {
        let power = powerloop(last.base, last.len, n2, ms.listlen);
        while ms.pending.len() > 1 && ms.pending[ms.pending.len() - 2].power > power {
            let i = ms.pending.len() - 2;
            merge_at(ms, v, i)?;
        }
        // The loop leaves at least one run pending.
        if let Some(top) = ms.pending.last_mut() {
            top.power = power;
        }
    }
    Ok(())
}

unsafe fn merge_force_collapse(ms: &mut MergeState, v: &mut [It]) -> PyResult<()> {
    while ms.pending.len() > 1 {
        let mut n = ms.pending.len() - 2;
        if n > 0 && ms.pending[n - 1].len < ms.pending[n + 1].len {
            n -= 1;
        }
        merge_at(ms, v, n)?;
    }
    Ok(())
}

fn compute_minrun(mut n: usize) -> usize {
    let mut r = 0;
    while n >= 64 {
        r |= n & 1;
        n >>= 1;
    }
    n + r
}

/// Timsort of `v` by the keys. On error `v` is still a permutation of its input.
unsafe fn timsort(v: &mut [It]) -> PyResult<()> {
    let n = v.len();
    if n < 2 {
        return Ok(());
    }
    let mut ms = MergeState { min_gallop: MIN_GALLOP, pending: Vec::new(), listlen: n, tmp: Vec::new() };
    let minrun = compute_minrun(n);
    let (mut lo, mut nremaining) = (0usize, n);
    while nremaining > 0 {
        let (mut run, descending) = count_run(v, lo, lo + nremaining)?;
        if descending {
            v[lo..lo + run].reverse();
        }
        if run < minrun {
            let force = nremaining.min(minrun);
            binarysort(v, lo, lo + force, lo + run)?;
            run = force;
        }
        found_new_run(&mut ms, v, run)?;
        ms.pending.push(Run { base: lo, len: run, power: 0 });
        lo += run;
        nremaining -= run;
    }
    merge_force_collapse(&mut ms, v)
}

/// `list.sort(key=key, reverse=reverse)`; `key` NULL or None for none.
pub unsafe fn sort(op: *mut PyObject, key: *mut PyObject, reverse: bool) -> PyResult<()> {
    let key = if key.is_null() || crate::objects::noneobject::is_none(key) { null_mut() } else { key };
    let l = op as *mut PyListObject;
    let n = size_of_var(op) as usize;
    let (saved_items, saved_alloc) = ((*l).ob_item, (*l).allocated);
    // Emptied while sorting: any operation on the list during the sort resets `allocated`.
    (*l).ob_item = null_mut();
    (*l).allocated = -1;
    set_size(op, 0);
    let values: &mut [*mut PyObject] =
        if n == 0 { &mut [] } else { std::slice::from_raw_parts_mut(saved_items, n) };

    let mut keys: Vec<Obj> = Vec::new();
    let mut result: PyResult<()> = Ok(());
    if !key.is_null() {
        keys.reserve(n);
        for &v in values.iter() {
            match crate::protocol::call::vectorcall(key, &[v], null_mut()) {
                Ok(k) => keys.push(k),
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
    }
    if result.is_ok() {
        let mut pairs: Vec<It> = if key.is_null() {
            values.iter().map(|&v| (v, v)).collect()
        } else {
            keys.iter().zip(values.iter()).map(|(k, &v)| (k.as_ptr(), v)).collect()
        };
        // Reversing before and after keeps equal elements in their original order.
        if reverse {
            pairs.reverse();
        }
        result = timsort(&mut pairs);
        if reverse {
            pairs.reverse();
        }
        for (slot, p) in values.iter_mut().zip(pairs.iter()) {
            *slot = p.1;
        }
        if result.is_ok() && (*l).allocated != -1 {
            result = Err(raise(exc::value_error(), "list modified during sort"));
        }
    }
    drop(keys);
    // Whatever was put in the list meanwhile is dropped, as CPython does.
    let (junk_items, junk_n) = ((*l).ob_item, size_of_var(op));
    (*l).ob_item = saved_items;
    (*l).allocated = saved_alloc;
    set_size(op, n as Py_ssize_t);
    if !junk_items.is_null() {
        for i in (0..junk_n.max(0)).rev() {
            xdecref(*junk_items.offset(i));
        }
        crate::mem::free(junk_items as *mut c_void);
    }
    result
}
