//! Traces: a call is a `tracing` span with one span per try and an event per retry, carrying
//! method, path template, status, attempt and duration, and neither the key nor any body.
//!
//! The only test of its binary, because it installs a global subscriber.

mod common;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use apigen_runtime::__codegen::{Core, Flavor};
use common::{Json, KEY, Reply, SETTINGS, Server, bounded, fast_config};
use serde_json::{Value, json};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

type Fieldset = BTreeMap<String, String>;

/// Spans and events as they were recorded: name (or message) and fields.
#[derive(Default)]
struct Captured {
    next_id: AtomicU64,
    /// Open spans: name, fields, and how many handles to them exist.
    spans: Mutex<HashMap<u64, (String, Fieldset, usize)>>,
    closed: Mutex<Vec<(String, Fieldset)>>,
    events: Mutex<Vec<Fieldset>>,
}

struct Capture(Arc<Captured>);

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let id = self.0.next_id.fetch_add(1, Ordering::SeqCst) + 1;
        let mut fields = BTreeMap::new();
        span.record(&mut Fields(&mut fields));
        if let Ok(mut spans) = self.0.spans.lock() {
            spans.insert(id, (span.metadata().name().to_owned(), fields, 1));
        }
        Id::from_u64(id)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        if let Ok(mut spans) = self.0.spans.lock()
            && let Some((_, fields, _)) = spans.get_mut(&span.into_u64())
        {
            values.record(&mut Fields(fields));
        }
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = BTreeMap::from([("target".to_owned(), event.metadata().target().to_owned())]);
        event.record(&mut Fields(&mut fields));
        if let Ok(mut events) = self.0.events.lock() {
            events.push(fields);
        }
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}

    fn clone_span(&self, span: &Id) -> Id {
        if let Ok(mut spans) = self.0.spans.lock()
            && let Some((_, _, handles)) = spans.get_mut(&span.into_u64())
        {
            *handles += 1;
        }
        span.clone()
    }

    fn try_close(&self, span: Id) -> bool {
        let Ok(mut spans) = self.0.spans.lock() else { return false };
        let Some((_, _, handles)) = spans.get_mut(&span.into_u64()) else { return false };
        *handles -= 1;
        if *handles > 0 {
            return false;
        }
        let closed = spans.remove(&span.into_u64());
        if let (Some((name, fields, _)), Ok(mut all)) = (closed, self.0.closed.lock()) {
            all.push((name, fields));
        }
        true
    }
}

fn fields(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(key, value)| ((*key).to_owned(), (*value).to_owned())).collect()
}

#[tokio::test]
async fn a_call_is_a_span_with_a_span_per_try_and_no_key_or_body() {
    let captured = Arc::new(Captured::default());
    tracing::subscriber::set_global_default(Capture(Arc::clone(&captured))).expect("the only subscriber");
    bounded(async {
        let server = Server::start(|n, _| match n {
            0 => Reply::json(503, r#"{"detail":"secret-body-503"}"#).with_header("retry-after", "0"),
            _ => Reply::json(200, r#"{"name":"secret-body-200"}"#),
        })
        .await;
        let core = Core::with_config(&server.base_url(), KEY.into(), &SETTINGS, fast_config()).expect("core");
        let body = json!({"email": "secret-request-body"});

        let answer: Value = core.put("/users/:id/", &[&7]).body(&Json(&body)).send().await.expect("second try");
        assert_eq!(answer, json!({"name": "secret-body-200"}));
    })
    .await;

    let mut closed = captured.closed.lock().map(|closed| closed.clone()).unwrap_or_default();
    closed.retain(|(name, _)| name.starts_with("api."));
    for (_, fields) in &mut closed {
        let duration = fields.remove("duration_ms");
        assert!(duration.is_some_and(|ms| ms.parse::<u64>().is_ok()), "a duration in ms");
    }
    assert_eq!(
        closed,
        [
            ("api.request".to_owned(), fields(&[("api", "usercom"), ("attempt", "1"), ("status", "503")])),
            ("api.request".to_owned(), fields(&[("api", "usercom"), ("attempt", "2"), ("status", "200")])),
            (
                "api.call".to_owned(),
                fields(&[
                    ("api", "usercom"),
                    ("method", "PUT"),
                    ("path", "/users/:id/"),
                    ("attempts", "2"),
                    ("status", "200")
                ])
            ),
        ]
    );
    let events = captured.events.lock().map(|events| events.clone()).unwrap_or_default();
    let ours: Vec<_> = events.iter().filter(|event| event["target"].starts_with("apigen_runtime")).collect();
    assert_eq!(
        ours,
        [&fields(&[
            ("target", "apigen_runtime::core"),
            ("message", "retrying"),
            ("attempt", "1"),
            ("wait_ms", "0"),
            ("reason", "status 503")
        ])]
    );
    let everything = format!("{events:?} {closed:?}");
    assert!(!everything.contains(&KEY[10..26]), "{everything}");
    assert!(!everything.contains("secret-"), "no body in traces: {everything}");
}
