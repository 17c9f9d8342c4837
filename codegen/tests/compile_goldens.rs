//! Compiles every `ok` golden against the real runtime, so a golden that does not build fails
//! the test suite. `tests/fixtures.rs` checks that this list names every fixture.
#![allow(dead_code, missing_docs)]

#[path = "fixtures/ok/api_shapes/expected/mod.rs"]
#[rustfmt::skip]
mod api_shapes;

#[path = "fixtures/ok/bare_key/expected/mod.rs"]
#[rustfmt::skip]
mod bare_key;

#[path = "fixtures/ok/client_params/expected/mod.rs"]
#[rustfmt::skip]
mod client_params;

#[path = "fixtures/ok/errors/expected/mod.rs"]
#[rustfmt::skip]
mod errors;

#[path = "fixtures/ok/inert_docs/expected/mod.rs"]
#[rustfmt::skip]
mod inert_docs;

#[path = "fixtures/ok/integer_widths/expected/mod.rs"]
#[rustfmt::skip]
mod integer_widths;

#[path = "fixtures/ok/maps/expected/mod.rs"]
#[rustfmt::skip]
mod maps;

#[path = "fixtures/ok/no_auth/expected/mod.rs"]
#[rustfmt::skip]
mod no_auth;

#[path = "fixtures/ok/odd_names/expected/mod.rs"]
#[rustfmt::skip]
mod odd_names;

#[path = "fixtures/ok/property_sample/expected/mod.rs"]
#[rustfmt::skip]
mod property_sample;

#[path = "fixtures/ok/string_formats/expected/mod.rs"]
#[rustfmt::skip]
mod string_formats;

#[path = "fixtures/ok/query_arrays/expected/mod.rs"]
#[rustfmt::skip]
mod query_arrays;

#[path = "fixtures/ok/request_nulls/expected/mod.rs"]
#[rustfmt::skip]
mod request_nulls;

#[path = "fixtures/ok/request_nulls_by_default/expected/mod.rs"]
#[rustfmt::skip]
mod request_nulls_by_default;

#[path = "fixtures/ok/renamed_clashes/expected/mod.rs"]
#[rustfmt::skip]
mod renamed_clashes;

#[path = "fixtures/ok/shapes/expected/mod.rs"]
#[rustfmt::skip]
mod shapes;

#[test]
fn client_headers_are_constructor_arguments_and_secrets_stay_hidden() {
    use apigen_runtime::{ClientBuilder, Error};

    let client = client_params::Client::new("eu", "key", "tenant-1", "s3cr3t").expect("a client");
    assert_eq!(format!("{client:?}"), r#"Client { core: Core { base_url: "https://eu.example.com/v1/", .. } }"#);
    let builder: ClientBuilder<client_params::Client> = client_params::Client::builder("eu", "key", "t", "s3cr3t");
    assert_eq!(format!("{builder:?}"), r#"ClientBuilder { base_url: "https://eu.example.com/v1/", .. }"#);
    let refused = |tenant: &str, secret: &str| {
        client_params::Client::with_base_url("http://127.0.0.1:1/v1", "key", tenant, secret)
            .map(drop)
            .map_err(|error: Error| error.to_string())
    };
    assert_eq!(
        refused("t\n1", "ok"),
        Err("invalid configuration: \"t\\n1\" of header `X-Tenant-Id` is not a valid http header value \
             (no control characters such as CR or LF)"
            .to_owned())
    );
    assert_eq!(
        refused("t", "s3cr3t\r\nX: y"),
        Err("invalid configuration: the secret value of header `X-Signing-Secret` is not a valid http header \
             value (no control characters such as CR or LF)"
            .to_owned())
    );
    let event: client_params::Event =
        serde_json::from_str(r#"{"id": 1, "at": "2024-05-01T09:30:00.500+02:00"}"#).expect("decodes");
    assert_eq!(serde_json::to_string(&event).expect("encodes"), r#"{"id":1,"at":"2024-05-01T07:30:00.5Z"}"#);
}

#[test]
fn a_bare_key_client_keeps_its_key_out_of_debug() {
    let client = bare_key::Client::new("k3y-v3").expect("a client");
    assert_eq!(format!("{client:?}"), r#"Client { core: Core { base_url: "https://api.example.com/v3/", .. } }"#);
}

#[test]
fn integers_keep_their_width_on_decode_and_before_sending() {
    let counter: integer_widths::Counter =
        serde_json::from_str(r#"{"id": 18446744073709551615, "hits": -2147483648, "history": [2147483647]}"#)
            .expect("decodes");
    assert_eq!((counter.id, counter.hits, counter.history.as_deref()), (u64::MAX, i32::MIN, Some(&[i32::MAX][..])));
    let too_big = serde_json::from_str::<integer_widths::Counter>(r#"{"id": 1, "hits": 2147483648}"#);
    assert!(too_big.expect_err("outside 32 bits").to_string().starts_with("invalid value: integer `2147483648`"));
    let negative = serde_json::from_str::<integer_widths::Counter>(r#"{"id": -1, "hits": 0}"#);
    assert!(negative.expect_err("negative").to_string().starts_with("invalid value: integer `-1`"));
    assert_eq!(
        integer_widths::BumpCounterRequest::new(1001).validate().map_err(|error| error.to_string()),
        Err("invalid input: `by` is 1001; the maximum is 1000".to_owned())
    );
    assert_eq!(
        integer_widths::BumpCounterRequest::new(-1000).ceiling(0).validate().map_err(|error| error.to_string()),
        Err("invalid input: `ceiling` is 0; the minimum is 1".to_owned())
    );
}

#[test]
fn maps_decode_any_keys_and_build_from_pairs() {
    let record: maps::Record = serde_json::from_str(
        r#"{"id": 1, "labels": {"z": "last", "a": "first"}, "scores": {"x": -3},
            "tags_by_group": {"g": [{"name": "t"}]}, "parent_by_key": {"up": {"id": 0, "labels": {}}}}"#,
    )
    .expect("decodes");
    assert_eq!(
        record.labels.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>(),
        [("a", "first"), ("z", "last")]
    );
    assert_eq!(record.scores.as_ref().and_then(|scores| scores.get("x")), Some(&-3));
    assert_eq!(record.parent_by_key.as_ref().and_then(|parents| parents.get("up")).map(|parent| parent.id), Some(0));
    let wrong = serde_json::from_str::<maps::Record>(r#"{"id": 1, "labels": {"a": 1}}"#);
    assert!(
        wrong
            .expect_err("a number where a string goes")
            .to_string()
            .starts_with("invalid type: integer `1`, expected a string")
    );
    let request = maps::CreateRecordRequest::new([("env", "prod"), ("team", "core")]);
    assert_eq!(serde_json::to_string(&request).expect("encodes"), r#"{"labels":{"env":"prod","team":"core"}}"#);
}

#[test]
fn list_query_parameters_are_written_in_their_style() {
    use query_arrays::{ListItemsQuery, Status};

    let query =
        ListItemsQuery::new(["id", "name"]).ids(vec![1, 2]).status(vec![Status::Open, Status::OnHold]).since(vec![-1]);
    let pairs: Vec<(String, String)> = query.to_query().pairs().to_vec();
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(name, value)| (name.as_str(), value.as_str())).collect();
    assert_eq!(
        pairs,
        [
            ("fields", "id,name"),
            ("ids", "1"),
            ("ids", "2"),
            ("status[]", "open"),
            ("status[]", "on hold"),
            ("since", "-1")
        ]
    );
    // Empty lists send nothing, in every style.
    let empty = ListItemsQuery::new(Vec::<String>::new()).ids(vec![]).status(vec![]);
    assert!(empty.to_query().is_empty());
}

#[test]
fn a_client_of_an_api_without_auth_takes_no_key() {
    let client = no_auth::Client::new("eu").expect("a client");
    assert_eq!(format!("{client:?}"), r#"Client { core: Core { base_url: "https://eu.example.com/v1/", .. } }"#);
    assert!(no_auth::Client::with_base_url("http://127.0.0.1:1/v1/").is_ok());
}

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

#[test]
fn only_nullable_request_fields_can_be_null() {
    use apigen_runtime::Patch;
    use request_nulls::{Address, Geo, UpdateContactRequest};

    // `nullable: true` has `clear_`; a field that does not say is an `Option`, with no way to
    // hold `null` (the golden has no `clear_email`).
    let request = UpdateContactRequest::new().email("a@b.c").clear_nickname().tags(["x"]);
    assert_eq!((request.email.as_deref(), &request.nickname), (Some("a@b.c"), &Patch::Null));
    assert_eq!(
        serde_json::to_value(&request).expect("encodes"),
        serde_json::json!({"nickname": null, "email": "a@b.c", "tags": ["x"]})
    );
    let too_long = UpdateContactRequest::new().email("x".repeat(21));
    assert_eq!(
        too_long.validate().expect_err("too long").to_string(),
        "invalid input: `email` is 21 characters long; the limit is 20"
    );

    // A nested model that requests send: its nullable fields are `Patch`es with `clear_`.
    // A required nullable field is always sent.
    let address = Address::new("PL", None).clear_street().city("Gdańsk").geo(Geo::new().lat(54.35).clear_lng());
    assert_eq!(
        serde_json::to_value(&address).expect("encodes"),
        serde_json::json!({
            "country": "PL", "street": null, "city": "Gdańsk", "geo": {"lat": 54.35, "lng": null}, "region": null
        })
    );
    // Decoding keeps `null` apart from absent, so the object round-trips.
    let input = serde_json::json!({
        "country": "PL", "street": null, "geo": {}, "region": "pomorskie", "lines": null,
        "attributes": [{"name_std": "floor", "value": 3}], "colour": "red"
    });
    let decoded: Address = serde_json::from_value(input.clone()).expect("decodes");
    assert_eq!((&decoded.street, &decoded.city, &decoded.geo), (&Patch::Null, &None, &Patch::Set(Geo::default())));
    assert_eq!((decoded.region.as_deref(), &decoded.lines), (Some("pomorskie"), &Patch::Null));
    assert_eq!(
        decoded.custom_attributes(),
        [("colour".to_owned(), serde_json::json!("red")), ("floor".to_owned(), serde_json::json!(3))].into()
    );
    assert_eq!(serde_json::to_value(&decoded).expect("encodes"), input);

    // API default `request_nullable: true`: fields that do not say have `clear_`, `nullable:
    // false` ones are `Option`s.
    let note = request_nulls_by_default::UpdateNoteRequest::new("t").clear_body().pinned(true).clear_labels();
    assert_eq!(
        serde_json::to_value(&note).expect("encodes"),
        serde_json::json!({"title": "t", "body": null, "pinned": true, "labels": null})
    );
}

/// Names renamed to avoid a clash still reach the wire under their own names, and the trait
/// methods they would have hidden stay the trait's (`client.clone()` clones).
#[test]
fn renamed_clashes_keep_wire_names_and_trait_methods() {
    use renamed_clashes as r;

    let request = r::MakeThingRequest::new("f").clone_("c").default_(1).into_(["a"]).x(2).clear_eq();
    let copy: r::MakeThingRequest = request.clone();
    assert_eq!(copy, request);
    assert_eq!(
        serde_json::to_value(&request).expect("encodes"),
        serde_json::json!({"fmt": "f", "clone": "c", "eq": null, "default": 1, "into": ["a"], "x²": 2})
    );
    let query = r::ListThingsQuery::new("n").clone_("c").pairs_(true);
    assert_eq!(query.clone(), query);
    let pairs: Vec<(String, String)> = query.to_query().pairs().to_vec();
    let expected = [("clone", "c"), ("pairs", "true"), ("next", "n")];
    assert_eq!(pairs, expected.map(|(k, v)| (k.to_owned(), v.to_owned())));
    let client = r::Client::with_base_url("http://127.0.0.1:1/api/", "key").expect("a client");
    let _same: r::Client = client.clone();
    let thing: r::Thing =
        serde_json::from_str(r#"{"x²": 1, "fmt": "f", "٣abc": "a", "mark": "café"}"#).expect("decodes");
    assert_eq!((thing.x, thing.abc.as_deref(), thing.clone_().map(String::as_str)), (Some(1), Some("a"), Some("f")));
    assert_eq!(thing.mark, Some(r::Mark::Caf));
    assert_eq!(thing.clone(), thing);
}

#[path = "fixtures/ok/field_limits/expected/mod.rs"]
#[rustfmt::skip]
mod field_limits;
