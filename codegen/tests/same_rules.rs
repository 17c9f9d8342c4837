//! The generator and the runtime refuse the same inputs: for each header name at each place a
//! schema can name a header, and for each base URL, the generator's front doors (`generate`,
//! which `cargo xtask gen --schema` runs; the build script's `generate_file`; the
//! `generate_api!` macro's `expand_macro`) refuse exactly what the runtime refuses when a
//! client is made from the same settings, with the same words.

use std::fs;
use std::path::PathBuf;

use apigen_runtime::__codegen::{ApiSettings, ClientHeader, Core, HeaderPlace, header_name_refusal};
use apigen_runtime::{ApiKey, Config};

/// A schema folder below the system's temporary directory, removed when dropped.
struct Folder(PathBuf);

impl Folder {
    fn with_api(test: &str, api: &str) -> Folder {
        let path = std::env::temp_dir().join(format!("codegen-same-rules-{}-{test}", std::process::id()));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).expect("create temp folder");
        fs::write(path.join("api.yaml"), api).expect("write api.yaml");
        Folder(path)
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// The report of each front door of the generator for the schema whose `api` section is `api`
/// (`None` where it generates).
fn generator_reports(test: &str, api: &str) -> [Option<String>; 3] {
    let folder = Folder::with_api(test, api);
    [
        apigen_codegen::generate(&folder.0, "schema").err().map(|error| error.to_string()),
        apigen_codegen::generate_file(&folder.0, "schema").err().map(|error| error.to_string()),
        apigen_codegen::expand_macro(&folder.0, "schema").err().map(|error| error.to_string()),
    ]
}

/// The runtime's refusal (the `InvalidConfig` message) of a client made with `settings`.
fn runtime_refusal(base_url: &str, settings: ApiSettings) -> Option<String> {
    let settings: &'static ApiSettings = Box::leak(Box::new(settings));
    let values = vec!["value"; settings.client_headers.len()];
    Core::with_headers(base_url, ApiKey::from("k3y"), settings, &values, Config::default())
        .err()
        .map(|error| error.to_string())
}

fn leak<T>(items: Vec<T>) -> &'static [T] {
    Box::leak(items.into_boxed_slice())
}

fn settings(auth: &'static str, fixed: Vec<&'static str>, client: Vec<(&'static str, bool)>) -> ApiSettings {
    ApiSettings {
        name: "same_rules",
        user_agent: "same-rules/1.0",
        auth_header: auth,
        auth_scheme: "Key",
        headers: leak(fixed.into_iter().map(|name| (name, "v")).collect()),
        client_headers: leak(client.into_iter().map(|(name, secret)| ClientHeader { name, secret }).collect()),
        trailing_slash: true,
        errors: &[],
    }
}

/// The `api` section naming these headers; names are written as JSON strings, which YAML reads
/// as they are.
fn api_yaml(base_url: &str, auth: &str, fixed: &[&str], client: &[(&str, bool)]) -> String {
    let quoted = |text: &str| serde_json::to_string(text).expect("a string");
    let mut yaml = format!(
        "api:\n  name: Same rules\n  base_url: {}\n  auth: {{ header: {}, scheme: Key }}\n",
        quoted(base_url),
        quoted(auth)
    );
    if !fixed.is_empty() {
        yaml.push_str("  headers:\n");
        for name in fixed {
            yaml.push_str(&format!("    {}: v\n", quoted(name)));
        }
    }
    if !client.is_empty() {
        yaml.push_str("  client_headers:\n");
        for (index, (name, secret)) in client.iter().enumerate() {
            yaml.push_str(&format!("    {}: {{ param: value_{index}, secret: {secret} }}\n", quoted(name)));
        }
    }
    yaml
}

/// Header names of every kind: ordinary, framing and connection, owned by the client,
/// credentials, and not tokens.
const HEADER_NAMES: &[&str] = &[
    "X-Tenant-Id",
    "Accept",
    "x_underscore",
    "x!#$%&'*+.^_`|~",
    "Host",
    "HOST",
    "content-length",
    "Transfer-Encoding",
    "Connection",
    "Keep-Alive",
    "Proxy-Connection",
    "TE",
    "Trailer",
    "Upgrade",
    "Expect",
    "HTTP2-Settings",
    "User-Agent",
    "Content-Type",
    "Authorization",
    "proxy-authorization",
    "Cookie",
    "X Space",
    "X:Colon",
    ":authority",
    "X-Ünicode",
    "",
    "X\tTab",
    "X-\u{202e}Bidi",
    "X(Paren)",
    "X/Slash",
];

const PLACES: &[HeaderPlace] = &[
    HeaderPlace::Auth,
    HeaderPlace::Fixed,
    HeaderPlace::Client { secret: false },
    HeaderPlace::Client { secret: true },
];

/// The header the API key travels in where the name under test is elsewhere.
const OTHER_AUTH: &str = "X-Api-Key";

#[test]
fn generator_and_runtime_refuse_the_same_header_names_at_each_place() {
    let mut disagreements = Vec::new();
    let mut refused = 0;
    for &name in HEADER_NAMES {
        for &place in PLACES {
            let (auth, fixed, client) = match place {
                HeaderPlace::Auth => (name, vec![], vec![]),
                HeaderPlace::Fixed => (OTHER_AUTH, vec![name], vec![]),
                HeaderPlace::Client { secret } => (OTHER_AUTH, vec![], vec![(name, secret)]),
            };
            let yaml = api_yaml("https://example.com/api/", auth, &fixed, &client);
            let reports = generator_reports("header", &yaml);
            let runtime = runtime_refusal("https://example.com/api/", settings(auth, fixed, client));
            let rule = header_name_refusal(name, place);
            // An empty key header is how the runtime's settings say "no auth" (a schema leaves
            // `auth` out instead, and its `header: ""` is refused: `err/auth_header_empty`).
            let no_auth = name.is_empty() && place == HeaderPlace::Auth;
            if no_auth {
                assert_eq!(runtime, None, "an empty auth header is no auth");
            } else if let Some(rule) = &rule {
                refused += 1;
                let expected = format!("invalid configuration: {}; {}", rule.message, rule.hint);
                if runtime.as_deref() != Some(expected.as_str()) {
                    disagreements.push(format!("{name:?} at {place:?}: runtime says {runtime:?}"));
                }
            } else if let Some(runtime) = &runtime {
                disagreements.push(format!("{name:?} at {place:?}: accepted by the rule, refused: {runtime}"));
            }
            for (door, report) in ["generate", "generate_file", "expand_macro"].iter().zip(&reports) {
                let agrees = match (&rule, report) {
                    (Some(rule), Some(report)) if no_auth => report.contains(&format!("error: {}\n", rule.message)),
                    (None, None) => true,
                    (Some(rule), Some(report)) => {
                        report.contains(&format!("error: {}\n", rule.message))
                            && report.contains(&format!("= help: {}\n", rule.hint))
                    }
                    _ => false,
                };
                if !agrees {
                    disagreements.push(format!("{name:?} at {place:?}: {door} says {report:?}, runtime {runtime:?}"));
                }
            }
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
    // Every place refuses the 23 names that are not tokens, framing or owned; credentials are
    // refused as fixed values and as client headers that are not secret.
    assert_eq!(refused, 23 * 4 + 3 * 2 - 1);
}

/// The header names of an API: the key's, the fixed ones, the client ones (with `secret`).
type HeaderSet = (&'static str, &'static [&'static str], &'static [(&'static str, bool)]);

#[test]
fn generator_and_runtime_refuse_a_header_named_at_two_places() {
    // Each names one header twice, in another case.
    let cases: &[HeaderSet] = &[
        ("X-Api-Key", &["x-api-key"], &[]),
        ("X-Api-Key", &[], &[("X-API-KEY", true)]),
        ("X-Api-Key", &["Accept"], &[("ACCEPT", false)]),
        ("X-Api-Key", &["Accept", "accept"], &[]),
        ("X-Api-Key", &[], &[("X-Tenant", false), ("x-tenant", false)]),
        ("Authorization", &[], &[("authorization", true)]),
    ];
    for &(auth, fixed, client) in cases {
        let yaml = api_yaml("https://example.com/api/", auth, fixed, client);
        let runtime = runtime_refusal("https://example.com/api/", settings(auth, fixed.to_vec(), client.to_vec()));
        let runtime = runtime.unwrap_or_else(|| panic!("the runtime accepts {yaml}"));
        assert!(runtime.contains("is already set (as `"), "{runtime}");
        for report in generator_reports("twice", &yaml) {
            let report = report.unwrap_or_else(|| panic!("the generator accepts {yaml}"));
            assert!(
                report.contains("is declared again (as `")
                    || report.contains("is set by the client itself")
                    || report.contains("is already set"),
                "{report}"
            );
        }
    }
}

/// Base URLs of every kind of host: DNS names, IPv4 and IPv6 addresses, ports, and the odd
/// forms URL parsers rewrite into another host.
fn base_urls() -> Vec<String> {
    let label = "a".repeat(63);
    let name = [label.as_str(); 4].join(".");
    let mut urls: Vec<String> = [
        // Accepted.
        "https://example.com/",
        "https://API.Example.COM:443/v1/",
        "https://xn--bcher-kva.example/",
        "https://192.0.2.1/",
        "https://0.0.0.0:8080/",
        "https://[::1]/",
        "https://[2001:db8::1]:8443/api/",
        "https://[::ffff:192.0.2.1]/",
        "http://localhost:8080/",
        "http://127.0.0.1:8080/api/",
        "http://[::1]:9/",
        "https://1e100.net/",
        "https://3com.example/",
        "https://a-b.c-d.example:65535/",
        // Refused.
        "https://%65xample.com/",
        "https://exa%2Emple.com/",
        "https://user@example.com/",
        "https://user:hunter2@example.com/",
        "https://@example.com/",
        "https:///api/",
        "https://:443/",
        "https://-api.example.com/",
        "https://api-.example.com/",
        "https://api_v2.example.com/",
        "https://exa!mple.com/",
        "https://*.example.com/",
        "https://api..example.com/",
        "https://.example.com/",
        "https://example.com./",
        "https://bücher.example/",
        "https://127.1/",
        "http://127.1/",
        "https://0x7f.1/",
        "https://0x7f.0.0.1/",
        "https://1.2.3.256/",
        "https://010.0.0.1/",
        "https://1.2.3.4.5/",
        "https://2130706433/",
        "https://example.123/",
        "https://fe80::1/",
        "https://[::g]/",
        "https://[::1/",
        "https://[::1]x/",
        "https://[v1.x]/",
        "https://[fe80::1%25eth0]/",
        "https://example.com:/",
        "https://example.com:http/",
        "https://example.com:0/",
        "https://example.com:65536/",
        "https://example.com:123456/",
        "https://example.com\\@evil.example/",
        "https://exa mple.com/",
        "https://example.com\t/",
        "https://example.com\u{202e}/",
        // Beyond the host: the scheme, dot segments, query and fragment.
        "HTTPS://example.com/",
        "https://example.com/a/../b/",
        "https://example.com/./api/",
        "https://example.com/%2e%2e/api/",
        "https://example.com/api/?x=1",
        "https://example.com/api/#top",
        "ftp://example.com/",
    ]
    .iter()
    .map(|url| (*url).to_owned())
    .collect();
    urls.push(format!("https://{label}.example/"));
    urls.push(format!("https://{label}a.example/"));
    urls.push(format!("https://{}/", &name[..253]));
    urls.push(format!("https://{name}.example/"));
    urls
}

#[test]
fn generator_and_runtime_refuse_the_same_base_url_hosts() {
    let mut disagreements = Vec::new();
    let (mut accepted, mut refused) = (0, 0);
    for url in base_urls() {
        let yaml = api_yaml(&url, "Authorization", &[], &[]);
        let reports = generator_reports("host", &yaml);
        let runtime = runtime_refusal(&url, settings("Authorization", vec![], vec![]));
        let shown = url.replace('\t', "\\t").replace('\u{202e}', "\\u{202e}");
        // The runtime's words after the URL, which the generator must say too.
        let problem = runtime.as_deref().map(|message| {
            if message.contains("must not hold user credentials (`user:password@`)") {
                "must not hold user credentials (`user:password@`)".to_owned()
            } else {
                let prefix = format!("invalid configuration: base url `{shown}` ");
                message.strip_prefix(&prefix).map_or_else(|| format!("(unexpected) {message}"), str::to_owned)
            }
        });
        match &problem {
            Some(_) => refused += 1,
            None => accepted += 1,
        }
        for (door, report) in ["generate", "generate_file", "expand_macro"].iter().zip(&reports) {
            let agrees = match (&problem, report) {
                (None, None) => true,
                (Some(problem), Some(report)) => report.starts_with(&format!("error: base URL `{shown}` {problem}")),
                _ => false,
            };
            if !agrees {
                disagreements.push(format!("{url:?}: {door} says {report:?}, runtime {runtime:?}"));
            }
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
    assert_eq!((accepted, refused), (16, 49));
}

#[test]
fn generator_and_runtime_agree_on_hosts_with_a_placeholder() {
    let templates = [
        ("https://{tenant}.example.com/", None),
        ("https://api-{tenant}.example.com:8443/v1/", None),
        ("https://{tenant}-.example.com/", Some("has a host label starting or ending with `-`")),
        (
            "https://{tenant}_api.example.com/",
            Some("has `_` in its host; a DNS name holds letters, digits, hyphens and dots"),
        ),
        ("https://{tenant}..example.com/", Some("has an empty label (`..`) in its host")),
        ("https://{tenant}.example.com./", Some("has a host ending in `.`; write the name without the final dot")),
        ("https://{tenant}.example.com:99999/", Some("has the port `99999`, outside 1 to 65535")),
        ("https://{tenant}.%65xample.com/", Some("has `%` in its host; write the host without percent-encoding")),
    ];
    for (template, problem) in templates {
        let reports = generator_reports("placeholder", &api_yaml(template, "Authorization", &[], &[]));
        // Whatever DNS label the caller gives, the runtime says the same of the whole URL.
        let expanded = apigen_runtime::__codegen::expand_base_url(template, &[("tenant", "acme")]).expect("a label");
        let runtime = runtime_refusal(&expanded, settings("Authorization", vec![], vec![]));
        assert_eq!(
            runtime,
            problem.map(|problem| format!("invalid configuration: base url `{expanded}` {problem}")),
            "{template}"
        );
        for report in reports {
            match problem {
                Some(problem) => {
                    let report = report.unwrap_or_default();
                    assert!(report.starts_with(&format!("error: base URL `{template}` {problem}\n")), "{report}");
                }
                None => assert_eq!(report, None, "{template}"),
            }
        }
    }
}
