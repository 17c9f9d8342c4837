//! The generated `Client` as a value: shareable across tasks and threads, its `Debug`
//! output shows no key, and it is made only for a base URL whose host is a host. (The runtime's own behaviour, retries, faults, redaction, is tested in
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

/// What `with_base_url` and the builder's `base_url` say about a base URL: `None` when the
/// client is made. Both must say the same.
fn refusal(base_url: &str) -> Option<String> {
    let direct = Client::with_base_url(base_url, KEY).err().map(|error| error.to_string());
    let built = Client::builder("acme", KEY).base_url(base_url).build().err().map(|error| error.to_string());
    assert_eq!(direct, built, "{base_url}");
    direct
}

#[test]
fn with_base_url_and_the_builder_refuse_odd_hosts() {
    let not_ipv4 = "has a host that ends in a number but is not an IPv4 address of four decimal numbers from 0 to \
                    255 without leading zeros";
    let cases = [
        ("https://%65xample.com/api/", "has `%` in its host; write the host without percent-encoding"),
        ("https://:443/api/", "has no host"),
        ("https:///api/", "has no host"),
        ("https://api_v2.example.com/", "has `_` in its host; a DNS name holds letters, digits, hyphens and dots"),
        ("https://exa!mple.com/", "has `!` in its host; a DNS name holds letters, digits, hyphens and dots"),
        ("https://-api.example.com/", "has a host label starting or ending with `-`"),
        ("https://api..example.com/", "has an empty label (`..`) in its host"),
        ("https://example.com./", "has a host ending in `.`; write the name without the final dot"),
        ("https://bücher.example/", "has a non-ASCII host; write it in its ASCII form (punycode, `xn--...`)"),
        ("https://127.1/", not_ipv4),
        ("https://0x7f.1/", not_ipv4),
        ("https://1.2.3.256/", not_ipv4),
        ("https://010.0.0.1/", not_ipv4),
        ("https://fe80::1/", "has an IPv6 address without brackets; write it as `[2001:db8::1]`"),
        ("https://[::g]/", "has `[::g]` in its host, which is not an IPv6 address"),
        ("https://[::1/", "has `[` without `]` in its host"),
        ("https://example.com:/", "has an empty port"),
        ("https://example.com:http/", "has the port `http`, which is not a number"),
        ("https://example.com:65536/", "has the port `65536`, outside 1 to 65535"),
        ("https://example.com\\@evil.example/", "has a backslash, which URL parsers read as `/`"),
        ("https://exa mple.com/", "has spaces or control characters"),
    ];
    for (base_url, problem) in cases {
        assert_eq!(refusal(base_url), Some(format!("invalid configuration: base url `{base_url}` {problem}")));
    }
    assert_eq!(
        refusal("https://example.com\t/").as_deref(),
        Some("invalid configuration: base url `https://example.com\\t/` has spaces or control characters")
    );
    assert_eq!(
        refusal(&format!("https://{}.example/", "a".repeat(64))),
        Some(format!(
            "invalid configuration: base url `https://{}.example/` has a host label longer than 63 characters",
            "a".repeat(64)
        ))
    );
    let long = ["a".repeat(63).as_str(); 4].join(".");
    assert_eq!(
        refusal(&format!("https://{long}.example/")),
        Some(format!(
            "invalid configuration: base url `https://{long}.example/` has a host longer than 253 characters"
        ))
    );
    // Credentials are refused without echoing the URL, which holds them.
    for base_url in ["https://user@example.com/", "https://user:hunter2@example.com/", "https://@example.com/"] {
        assert_eq!(
            refusal(base_url).as_deref(),
            Some(
                "invalid configuration: the base url must not hold user credentials (`user:password@`); the api key \
                 is sent in its header"
            )
        );
    }
    for accepted in [
        "https://192.0.2.1/api/",
        "https://[::1]/",
        "https://[2001:db8::1]:8443/api/",
        "http://localhost:8080/",
        "http://127.0.0.1:8080/api/",
        "https://xn--bcher-kva.example/",
        "https://API.Example.COM:443/",
    ] {
        assert_eq!(refusal(accepted), None, "{accepted}");
    }
    let client = Client::with_base_url("https://xn--bcher-kva.example/api", KEY).expect("client");
    assert_eq!(format!("{client:?}"), "Client { core: Core { base_url: \"https://xn--bcher-kva.example/api/\", .. } }");
}
