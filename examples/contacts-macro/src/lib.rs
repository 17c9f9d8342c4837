//! The Contacts API client, generated while this crate compiles from `../contacts-schema` by
//! `apigen_macros::generate_api!`: the second front door, with no generated code checked in.

apigen_macros::generate_api!("../contacts-schema");
