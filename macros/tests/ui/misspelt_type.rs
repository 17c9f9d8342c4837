apigen_macros::generate_api!("fixtures/misspelt_type");

fn main() {}
