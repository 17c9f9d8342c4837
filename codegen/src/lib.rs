//! Turns the YAML description of an HTTP API (one file per vendor docs page) into a typed Rust
//! client. Data flows one way: `load` -> `lower` -> `ir` -> `emit` -> `render`. This crate knows
//! no repository paths; `xtask` decides where files go.
//!
//! The documented surface is what a build script (`build_script`) and the `generate_api!` macro
//! (`expand_macro`) need, with the errors they report; the stages themselves are in a hidden
//! module for the workspace's own tools.

#![deny(missing_docs)]

// `proc_macro::is_available`: whether the generator runs inside `generate_api!`.
extern crate proc_macro;

mod build;
mod diagnostic;
mod inline;
mod locate;
mod pipeline;
mod source;

#[doc(hidden)]
#[path = "stages/mod.rs"]
pub mod __stages;

// The stages keep their short paths inside the crate (`crate::ir`, `crate::emit`).
use __stages::{emit, ir, load, lower, names, render, schema, tree};

pub use build::{build_script, generate_file, try_build_script};
pub use diagnostic::{Diagnostic, Diagnostics, SchemaError};
pub use inline::{expand_macro, module_tree};
pub use locate::Location;
pub use pipeline::{GenerateError, GeneratedFile, generate};
pub use source::SourceFile;
