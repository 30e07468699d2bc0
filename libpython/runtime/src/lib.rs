//! Ferric's runtime: CPython 3.11's object model, bit for bit, and the types built on it.
#![allow(clippy::missing_safety_doc)]

pub mod ffi;
