//! A client writes nothing to standard error: building one, async or blocking (the TLS setup
//! of feature `rustls` included), and calling a local server prints no warning. libtest
//! captures a test's output, so the test runs itself again as a child process (`--nocapture`)
//! and reads the child's standard error.

mod common;

use std::process::Command;

use apigen_runtime::__codegen::{BlockingCore, Core};
use common::{KEY, Reply, SETTINGS, Server, bounded, fast_config, get_user};
use serde_json::{Value, json};

/// Set in the child process: it builds and uses the client instead of spawning.
const CHILD: &str = "APIGEN_RUNTIME_QUIET_CHILD";
const TEST_NAME: &str = "a_client_built_and_used_writes_nothing_to_stderr";

#[test]
fn a_client_built_and_used_writes_nothing_to_stderr() {
    if std::env::var_os(CHILD).is_some() {
        build_and_call();
        return;
    }
    let exe = std::env::current_exe().expect("the test binary's path");
    let output = Command::new(exe)
        .args(["--exact", TEST_NAME, "--nocapture", "--test-threads=1"])
        .env(CHILD, "1")
        .env_remove("RUST_LOG")
        .output()
        .expect("the test binary runs again");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "the child failed:\n{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    // The child ran this test (and not zero tests), so its silence means something.
    assert!(stdout.contains("1 passed"), "{stdout}");
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

fn build_and_call() {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime");
    runtime.block_on(bounded(async {
        let server = Server::start(|_, _| Reply::json(200, r#"{"id": 7}"#)).await;
        let core = Core::with_config(&server.base_url(), KEY.into(), &SETTINGS, fast_config()).expect("core");
        let user: Value = get_user(&core, "7").await.expect("answer");
        assert_eq!(user, json!({"id": 7}));
        // The blocking client sets up its own transport, on its own thread.
        let blocking = tokio::task::spawn_blocking({
            let base_url = server.base_url();
            move || {
                let core = BlockingCore::with_config(&base_url, KEY.into(), &SETTINGS, fast_config()).expect("core");
                get_user(&core, "8")
            }
        });
        let user: Value = blocking.await.expect("the blocking call ran").expect("answer");
        assert_eq!(user, json!({"id": 7}));
        assert_eq!(server.requests().len(), 2);
    }));
}
