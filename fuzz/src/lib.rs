//! The properties the fuzz targets check (`props`), shared with the main crate's
//! `tests/fuzz_regressions.rs`.
pub mod props;
