apigen_macros::generate_api!("fixtures/yaml_syntax_error");

fn main() {}
