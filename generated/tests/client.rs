//! The generated `Client` as a value: shareable across tasks and threads, and its `Debug`
//! output shows no key. (The runtime's own behaviour, retries, faults, redaction, is tested in
//! `apigen-runtime`.)

use usercom::{Client, Config};

const KEY: &str = "k3y-d0-n0t-l3ak-0123456789abcdef0123456789abcdef0123456789abcdef";

#[test]
fn the_client_is_clone_send_sync() {
    fn assert_traits<T: Clone + Send + Sync + 'static>() {}
    assert_traits::<Client>();
    assert_traits::<Config>();
    #[cfg(feature = "blocking")]
    assert_traits::<usercom::BlockingClient>();
}

#[test]
fn the_debug_of_a_client_shows_no_key() {
    let client = Client::with_base_url("https://acme.user.com/api/public/", KEY).expect("client");
    for printed in [format!("{client:?}"), format!("{client:#?}")] {
        assert!(!printed.contains(&KEY[10..26]), "the client shows the key: {printed}");
    }
    assert_eq!(format!("{client:?}"), "Client { core: Core { base_url: \"https://acme.user.com/api/public/\", .. } }");
}
