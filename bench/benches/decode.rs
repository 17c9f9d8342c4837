//! Criterion: the seed "Update user" response (the docs page's example, verbatim) decoded into
//! the generated `User`, into `serde_json::Value`, and into a minimal hand-written serde struct
//! with the same fields and field types but no map of unknown keys; the same `User` decoded the
//! way the client does it (keeping the JSON path for errors); and the seed request encoded.
//! `cargo xtask bench` runs this and copies the medians into BENCHMARKS.md.

use std::hint::black_box;

use bench::{HandUser, RESPONSE, seed_request};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use usercom::User;

fn decode(c: &mut Criterion) {
    // The same bytes must decode every way, and the generated type must keep nothing extra.
    let user: User = serde_json::from_str(RESPONSE).expect("the seed response decodes");
    assert!(user.extra.is_empty(), "every key of the seed response is a field: {:?}", user.extra);
    serde_json::from_str::<HandUser>(RESPONSE).expect("the hand-written struct decodes");

    let mut group = c.benchmark_group("decode_user");
    group.throughput(Throughput::Bytes(RESPONSE.len() as u64));
    group.bench_function("generated_User", |b| {
        b.iter(|| serde_json::from_str::<User>(black_box(RESPONSE)).expect("decodes"))
    });
    group.bench_function("hand_written_struct", |b| {
        b.iter(|| serde_json::from_str::<HandUser>(black_box(RESPONSE)).expect("decodes"))
    });
    group.bench_function("serde_json_Value", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(RESPONSE)).expect("decodes"))
    });
    // What `Client` does with a response body: the same decode, keeping the JSON path of a
    // failure (serde_path_to_error).
    group.bench_function("generated_User_with_json_path", |b| {
        b.iter(|| {
            let mut deserializer = serde_json::Deserializer::from_slice(black_box(RESPONSE.as_bytes()));
            serde_path_to_error::deserialize::<_, User>(&mut deserializer).expect("decodes")
        })
    });
    group.finish();
}

fn encode(c: &mut Criterion) {
    let request = seed_request();
    let encoded = serde_json::to_vec(&request).expect("encodes");
    let mut group = c.benchmark_group("encode_request");
    group.throughput(Throughput::Bytes(encoded.len() as u64));
    group.bench_function("UpdateUserRequest", |b| b.iter(|| serde_json::to_vec(black_box(&request)).expect("encodes")));
    group.finish();
}

criterion_group!(benches, decode, encode);
criterion_main!(benches);
