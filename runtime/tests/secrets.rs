//! The API key never shows: not in any error variant, nor in the `Debug` of the client cores
//! and their parts. (`tracing.rs` checks the traces; the `usercom` crate checks the `Debug` of
//! its generated `Client`.)

mod common;

use std::fmt;
use std::time::Duration;

use apigen_runtime::{
    __codegen::{BlockingCore, Core},
    ApiKey, Config, Error,
    transport::{TransportError, TransportErrorKind},
};
use common::{KEY, Reply, SETTINGS, Server, bounded, fast_config};
use serde_json::Value;

/// Every way the key could be printed; none may contain it (nor a 16-byte piece of it).
fn assert_no_key(what: &str, printed: [String; 3]) {
    for text in printed {
        assert!(!text.contains(&KEY[10..26]), "{what} shows the key: {text}");
    }
}

fn formats(value: &(impl fmt::Debug + fmt::Display)) -> [String; 3] {
    [format!("{value}"), format!("{value:?}"), format!("{value:#?}")]
}

/// The error and every error in its `source()` chain.
fn chain(error: &Error) -> Vec<String> {
    let mut texts = vec![format!("{error}"), format!("{error:?}"), format!("{error:#?}")];
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        texts.push(format!("{cause} / {cause:?}"));
        source = cause.source();
    }
    texts
}

async fn get(core: &Core) -> Result<Value, Error> {
    common::get_user(core, "7").await
}

#[tokio::test]
async fn no_error_variant_and_no_client_shows_the_key() {
    bounded(async {
        let mut errors: Vec<(&str, Error)> = Vec::new();
        let server = Server::start(|n, _| match n {
            0 => Reply::json(404, r#"{"detail":"Not found."}"#),
            1 => Reply::Respond { status: 200, headers: Vec::new(), body: vec![b' '; 2048] },
            2 => Reply::json(200, "<html>"),
            _ => Reply::Hang,
        })
        .await;
        let core = Core::with_config(
            &server.base_url(),
            KEY.into(),
            &SETTINGS,
            fast_config().max_response_bytes(1024).request_timeout(Duration::from_millis(200)),
        )
        .expect("core");
        for name in ["Status", "ResponseTooLarge", "Decode", "Timeout"] {
            errors.push((name, get(&core).await.expect_err(name)));
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("free port").port();
        let refused = format!("http://127.0.0.1:{port}/");
        let refused = Core::with_config(&refused, KEY.into(), &SETTINGS, fast_config().max_attempts(1));
        errors.push(("Transport", get(&refused.expect("core")).await.expect_err("refused")));
        let bad = common::get_user(&core, "..").await;
        errors.push(("InvalidInput", bad.expect_err("invalid")));
        let bad_key = Core::new("https://acme.user.com/", format!("{KEY}\n").into(), &SETTINGS);
        errors.push(("InvalidConfig (key)", bad_key.expect_err("a newline cannot be sent")));
        let insecure = Core::new("http://acme.user.com/", KEY.into(), &SETTINGS);
        errors.push(("InvalidConfig (http)", insecure.expect_err("plain http")));
        errors.push(("Runtime", Error::Runtime { message: "the background thread stopped".to_owned() }));

        let names: Vec<&str> = errors.iter().map(|(name, _)| *name).collect();
        assert_eq!(
            names,
            [
                "Status",
                "ResponseTooLarge",
                "Decode",
                "Timeout",
                "Transport",
                "InvalidInput",
                "InvalidConfig (key)",
                "InvalidConfig (http)",
                "Runtime"
            ]
        );
        for (name, error) in &errors {
            for text in chain(error) {
                assert!(!text.contains(&KEY[10..26]), "{name} shows the key: {text}");
            }
        }
        assert!(matches!(errors[0].1, Error::Status(_)));
        assert!(matches!(errors[1].1, Error::ResponseTooLarge { .. }));
        assert!(matches!(errors[2].1, Error::Decode(_)));
        assert!(matches!(errors[3].1, Error::Timeout { .. }));
        assert!(matches!(errors[4].1, Error::Transport { .. }));

        let blocking = BlockingCore::new(&server.base_url(), KEY.into(), &SETTINGS).expect("blocking core");
        let key = ApiKey::from(KEY);
        assert_no_key("ApiKey", formats(&key));
        assert_no_key("Core", [format!("{core:?}"), format!("{core:#?}"), String::new()]);
        assert_no_key("BlockingCore", [format!("{blocking:?}"), format!("{blocking:#?}"), String::new()]);
        let config =
            Config::new().transport(apigen_runtime::transport::ReqwestTransport::new(&Config::new()).expect("reqwest"));
        assert_no_key("Config", [format!("{config:?}"), format!("{config:#?}"), String::new()]);
        assert_no_key("TransportError", formats(&TransportError::new(TransportErrorKind::Io, "reset")));
    })
    .await;
}
