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
            if let Some(rule) = &rule {
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
    assert_eq!(refused, 23 * 4 + 3 * 2);
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
