//! The generator's stages, for the workspace's own tools (`xtask`, `bench`, the importer) and
//! tests: the schema's serde types (`schema`), reading (`load`, `tree`), checking and lowering
//! (`lower`, `names`), the IR (`ir`), tokens (`emit`), text (`render`) and the OpenAPI writer
//! (`openapi`). Hidden from the docs and not a stable API: callers outside this workspace use the
//! crate root.

pub mod emit;
pub mod fuzz;
pub mod ir;
pub mod load;
pub mod lower;
pub mod names;
pub mod openapi;
mod quoting;
pub mod render;
pub mod schema;
pub mod tree;

pub use crate::pipeline::{
    GENERATE_COMMAND, load_api, lower_sources, parallel, render_api, render_contract_calls, render_endpoint_list,
    render_example_tests,
};
