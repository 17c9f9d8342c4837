apigen_macros::generate_api!("fixtures/path_params_mismatch");

fn main() {}
