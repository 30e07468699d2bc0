//! Shared by the runtime's integration tests.
pub mod builtins;
pub mod minieval;
