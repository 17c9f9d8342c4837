//! Turns the YAML description of an HTTP API (one file per vendor docs page) into a typed Rust
//! client. Data flows one way: `load` -> `lower` -> `ir` -> `emit` -> `render`. This crate knows
//! no repository paths; `xtask` decides where files go.

// `proc_macro::is_available`: whether the generator runs inside `generate_api!`.
extern crate proc_macro;

pub mod build;
pub mod diagnostic;
pub mod emit;
pub mod inline;
pub mod ir;
pub mod load;
pub mod locate;
pub mod lower;
pub mod names;
pub mod openapi;
mod pipeline;
pub mod render;
pub mod schema;
pub mod source;
pub mod tree;

pub use build::{build_script, generate_file, try_build_script};
pub use diagnostic::{Diagnostic, Diagnostics, SchemaError};
pub use inline::{expand_macro, module_tree};
pub use pipeline::{
    GENERATE_COMMAND, GenerateError, GeneratedFile, generate, load_api, lower_sources, parallel, render_api,
    render_contract_calls, render_endpoint_list, render_example_tests,
};
pub use source::SourceFile;
