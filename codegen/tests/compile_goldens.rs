//! Compiles every `ok` golden against the real runtime, so a golden that does not build fails
//! the test suite. `tests/fixtures.rs` checks that this list names every fixture.
#![allow(dead_code, missing_docs)]

#[path = "fixtures/ok/api_shapes/expected/mod.rs"]
#[rustfmt::skip]
mod api_shapes;

#[path = "fixtures/ok/errors/expected/mod.rs"]
#[rustfmt::skip]
mod errors;

#[path = "fixtures/ok/odd_names/expected/mod.rs"]
#[rustfmt::skip]
mod odd_names;

#[path = "fixtures/ok/property_sample/expected/mod.rs"]
#[rustfmt::skip]
mod property_sample;

#[path = "fixtures/ok/shapes/expected/mod.rs"]
#[rustfmt::skip]
mod shapes;

#[test]
fn goldens_build_and_their_types_work() {
    let odd: odd_names::Odd =
        serde_json::from_str(r#"{"type": "t", "2fa": true, "Verified Member": "yes", "a.b": "ab"}"#).expect("decodes");
    assert_eq!((odd.type_.as_deref(), odd.n_2fa, odd.verified_member.as_deref()), (Some("t"), Some(true), Some("yes")));
    assert_eq!(odd.a_b.as_deref(), Some("ab"));

    let request = shapes::CreateThingRequest::new("n", shapes::DateTime(time::OffsetDateTime::UNIX_EPOCH))
        .tags(["a"])
        .nested([vec!["x"]])
        .clear_label();
    assert_eq!(
        serde_json::to_value(&request).expect("encodes"),
        serde_json::json!({"name": "n", "when": "1970-01-01T00:00:00.000000Z", "tags": ["a"], "nested": [["x"]], "label": null})
    );
    let too_long = shapes::CreateThingRequest::new("eleven chars", shapes::DateTime(time::OffsetDateTime::UNIX_EPOCH));
    assert_eq!(
        too_long.validate().expect_err("too long").to_string(),
        "invalid input: `name` is 12 characters long; the limit is 10"
    );
}
