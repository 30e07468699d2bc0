//! Builtin modules, one file each (CPython's Modules/ and Python/bltinmodule.c, sysmodule.c).

pub mod builtins;
pub mod stdio;
pub mod sys;
