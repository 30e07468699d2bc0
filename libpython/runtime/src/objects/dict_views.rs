//! `dict_keys`, `dict_values`, `dict_items` and the dict iterators.

use crate::err::PyResult;

pub unsafe fn ready_types() -> PyResult<()> {
    Ok(())
}
