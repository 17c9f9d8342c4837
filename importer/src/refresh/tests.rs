//! Tests of `--refresh`: the HTML reduction on docs pages in the shape vendors publish, and
//! whole refreshes of a temporary copy of the snapshot against a local HTTP server.

use super::html::reduce;

const CREATE_USER_HTML: &str = include_str!("fixtures/create-user.html");

#[test]
fn a_vuepress_page_reduces_to_the_snapshot_form() {
    let text = reduce(CREATE_USER_HTML).unwrap();
    assert_eq!(
        text,
        "# Create user
You can create a user. The table below includes any possible attributes that can be updated. You can also set up any custom attribute of your choice. Custom attributes have to be created in the User.com app before sending them within requests.
POST
/users/
Attributes | Type | Required | Description |
---|---|---|---|
company_custom_id | string | no | A unique identifier for the company which is provided by the client. |
custom_attr | string | no | A name of your custom attribute. |
email | string | no | A user email address. |
first_name | string | no | A first name for a user (the maximum number of characters is 40). |
last_name | string | no | A last name for a user (the maximum number of characters is 40). |
tags | list(string) | no | A list of tag names. |
# Request
- CURL
- JavaScript
- PHP
- Python
curl -X POST -H \"Authorization: Token <your_64_char_api_key>\"
-H \"Accept: */*; version=2\" -H \"Content-Type: application/json\" -d '{
\"email\": \"myemail@example.org\",
\"first_name\": \"John\",
\"last_name\": \"Doe\",
\"tags\": [\"new\", \"verified\"]
}' \"https://<your_app_subdomain>.user.com/api/public/users/\"
# Response
{
\"key\": \"xSoYQG00fg9z\",
\"email\": \"myemail@example.org\",
\"first_name\": \"John\",
\"last_name\": \"Doe\",
\"tags\": [],
\"id\": 20901703
}
"
    );
    // And the page reader reads it as the endpoint it is.
    let page = crate::page::parse(text.as_bytes()).unwrap();
    assert_eq!(
        (page.title.value.as_str(), page.method.value.as_str(), page.path.value.as_str()),
        ("Create user", "POST", "/users/")
    );
    let table = page.table.unwrap();
    let names: Vec<_> = table.rows.iter().map(|row| row.name.as_deref().unwrap_or("?")).collect();
    assert_eq!(names, ["company_custom_id", "custom_attr", "email", "first_name", "last_name", "tags"]);
    assert!(page.request.is_some() && page.response.is_some());
}

#[test]
fn definition_lists_spans_and_inactive_tabs_of_a_vitepress_page() {
    let html = r##"<!doctype html><html><head><title>Tags</title></head><body>
<div class="VPNav"><nav><a href="/">Home</a></nav></div>
<div class="VPDoc"><aside class="VPDocAside"><nav class="outline"><a href="#get">Get</a></nav></aside>
<div class="content"><main class="main"><div class="vp-doc _tags_get">
<h2 id="get">Get tag <a class="header-anchor" href="#get" aria-label="Permalink">&#8203;</a></h2>
<p>Returns one tag.<br>Needs the <code>tags:read</code> scope.</p>
<p><strong>GET</strong> <code>/tags/:id/</code></p>
<dl><dt>id <em>integer</em></dt><dd>The tag's id, as
   <a href="/tags/">listed</a>.</dd></dl>
<table><tr><th>Field</th><th>Type</th><th>Description</th></tr>
<tr><td colspan="2">Deprecated fields</td><td>see below</td></tr>
<tr><td></td><td>string</td><td>A name with a | pipe.</td></tr></table>
<div class="vp-code-group"><div class="tabs"><input type="radio" name="group" id="tab-1" checked><label for="tab-1">curl</label><input type="radio" name="group" id="tab-2"><label for="tab-2">Python</label></div>
<div class="blocks"><div class="language-sh active"><button title="Copy Code" class="copy"></button><span class="lang">sh</span><pre class="shiki"><code><span class="line"><span>curl https://api.example.com/tags/1/</span></span>
<span class="line"><span>  -H "Accept: application/json"</span></span></code></pre></div>
<div class="language-python"><pre class="shiki"><code><span class="line"># a Python comment that is no heading</span></code></pre></div></div></div>
<ul><li>One<ul><li>Nested</li></ul></li><li hidden>Hidden</li><li><pre>code in an item</pre>then text</li></ul>
<div style="display: none">Invisible</div>
</div></main><footer class="VPDocFooter">Edit this page</footer></div></div></div>
</body></html>"##;
    assert_eq!(
        reduce(html).unwrap(),
        "# Get tag
Returns one tag.
Needs the tags:read scope.
GET /tags/:id/
- id integer
- The tag's id, as listed.
Field | Type | Description |
---|---|---|
Deprecated fields | | see below |
| | string | A name with a \\| pipe. |
- curl
- Python
curl https://api.example.com/tags/1/
  -H \"Accept: application/json\"
- One
- Nested
code in an item
then text
"
    );
}

#[test]
fn a_page_without_main_content_is_an_error() {
    let html = "<html><body><nav><a href=\"/\">Home</a></nav><div class=\"wrapper\"><p>Text</p></div></body></html>";
    assert_eq!(
        reduce(html).unwrap_err(),
        "the HTML page has no main content (no <main>, <article>, role=\"main\" or docs theme content container \
         such as `.theme-default-content` or `.vp-doc`)"
    );
    assert_eq!(reduce("<main><nav>Menu</nav></main>").unwrap_err(), "the HTML page's main content holds no text");
}

// ---- Whole refreshes against a local server -------------------------------------------------

use std::collections::{HashMap, VecDeque};
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, SystemTime};

/// One canned answer of the test server.
#[derive(Clone)]
struct Answer {
    status: &'static str,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    delay: Duration,
    /// Send no `Content-Length`: the body ends when the connection closes.
    unsized_body: bool,
}

impl Answer {
    fn new(status: &'static str, content_type: &str, body: impl Into<Vec<u8>>) -> Answer {
        Answer {
            status,
            headers: vec![("Content-Type", content_type.to_owned())],
            body: body.into(),
            delay: Duration::ZERO,
            unsized_body: false,
        }
    }

    fn markdown(text: &str) -> Answer {
        Answer::new("200 OK", "text/markdown; charset=utf-8", text)
    }

    fn html(text: &str) -> Answer {
        Answer::new("200 OK", "text/html; charset=utf-8", text)
    }

    fn redirect(location: &str) -> Answer {
        let mut answer = Answer::new("301 Moved Permanently", "text/plain", "moved");
        answer.headers.push(("Location", location.to_owned()));
        answer
    }
}

/// Serves `routes` (by request path) on 127.0.0.1; anything else is a 404. Returns the base URL.
fn serve(routes: HashMap<String, Answer>) -> String {
    serve_in_turn(routes.into_iter().map(|(path, answer)| (path, vec![answer])).collect())
}

/// As `serve`, each path giving its answers in turn, the last one from then on.
fn serve_in_turn(routes: HashMap<String, Vec<Answer>>) -> String {
    let routes: HashMap<String, VecDeque<Answer>> =
        routes.into_iter().map(|(path, answers)| (path, answers.into())).collect();
    let routes = Arc::new(Mutex::new(routes));
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let routes = Arc::clone(&routes);
            thread::spawn(move || answer(stream, &routes));
        }
    });
    base
}

fn answer(stream: TcpStream, routes: &Mutex<HashMap<String, VecDeque<Answer>>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => return,
            Ok(_) if header.trim().is_empty() => break,
            Ok(_) => {}
        }
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let found = match routes.lock().unwrap().get_mut(&path) {
        Some(answers) if answers.len() > 1 => answers.pop_front(),
        Some(answers) => answers.front().cloned(),
        None => None,
    };
    let answer = found.unwrap_or_else(|| Answer::new("404 Not Found", "text/plain", "no such page"));
    thread::sleep(answer.delay);
    let mut head = format!("HTTP/1.1 {}\r\nConnection: close\r\n", answer.status);
    for (name, value) in &answer.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if !answer.unsized_body {
        head.push_str(&format!("Content-Length: {}\r\n", answer.body.len()));
    }
    head.push_str("\r\n");
    let mut stream = stream;
    let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(&answer.body));
}

/// A temporary repository with a copy of the snapshot, the schema and the overrides.
struct Repo {
    root: PathBuf,
}

impl Repo {
    fn new(name: &str) -> Repo {
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let root = std::env::temp_dir().join(format!("apigen-refresh-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        for dir in [crate::SNAPSHOT, "schema", "import"] {
            copy_dir(&source.join(dir), &root.join(dir));
        }
        Repo { root }
    }

    fn pages(&self) -> PathBuf {
        self.root.join(crate::SNAPSHOT)
    }

    /// Every file of the snapshot folder (temporary files included): name, bytes, mtime.
    fn state(&self) -> Vec<(String, Vec<u8>, SystemTime)> {
        let mut files: Vec<_> = fs::read_dir(self.pages())
            .unwrap()
            .map(|entry| {
                let entry = entry.unwrap();
                let name = entry.file_name().to_string_lossy().into_owned();
                (name, fs::read(entry.path()).unwrap(), entry.metadata().unwrap().modified().unwrap())
            })
            .collect();
        files.sort();
        files
    }

    /// The server's routes for the snapshot as it is: each page's URL path answering the
    /// page's text (below its URL line) as Markdown.
    fn routes(&self) -> HashMap<String, Answer> {
        let mut routes = HashMap::new();
        for (name, bytes, _) in self.state() {
            let text = String::from_utf8(bytes).unwrap();
            let (first, rest) = text.split_once('\n').unwrap();
            routes.insert(url_path(&name, first), Answer::markdown(rest));
        }
        routes
    }

    /// The path of a page's URL, and the text below its URL line.
    fn page(&self, name: &str) -> (String, String) {
        let text = fs::read_to_string(self.pages().join(name)).unwrap();
        let (first, rest) = text.split_once('\n').unwrap();
        (url_path(name, first), rest.to_owned())
    }

    fn refresh(&self, base: &str, extra: &[&str]) -> (u8, String, String) {
        let mut args = vec!["--refresh", "--refresh-base", base];
        args.extend_from_slice(extra);
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = crate::run_in(&self.root, &args, &mut out, &mut err);
        (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap().replace(base, "BASE"))
    }
}

impl Drop for Repo {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

fn url_path(name: &str, first_line: &str) -> String {
    let url = first_line.trim().strip_prefix("<!-- ").and_then(|rest| rest.strip_suffix(" -->"));
    let url = url.unwrap_or_else(|| panic!("{name}: no URL line"));
    reqwest::Url::parse(url).unwrap().path().to_owned()
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn an_unchanged_snapshot_is_left_alone() {
    let repo = Repo::new("unchanged");
    let before = repo.state();
    let base = serve(repo.routes());
    let (code, out, err) = repo.refresh(&base, &[]);
    assert_eq!((code, out.as_str()), (0, "no drift: 23 pages match schema/\n"), "{err}");
    assert_eq!(err, "23 pages downloaded: 0 refreshed, 23 unchanged\n");
    assert!(repo.state() == before, "the snapshot's files (bytes or mtimes) changed");
}

#[test]
fn a_changed_page_is_written_and_its_drift_shown() {
    let repo = Repo::new("changed");
    let before = repo.state();
    let mut routes = repo.routes();
    // The vendor raised a limit, and the page moved (a redirect on the same host is followed).
    let (path, text) = repo.page("create_user.md");
    let changed = text.replace(
        "first_name | string | no | A first name for a user (the maximum number of characters is 40).",
        "first_name | string | no | A first name for a user (the maximum number of characters is 60).",
    );
    assert_ne!(changed, text);
    routes.insert(path, Answer::redirect("/users/create-user/"));
    routes.insert("/users/create-user/".to_owned(), Answer::markdown(&changed));
    let base = serve(routes);
    let (code, out, err) = repo.refresh(&base, &[]);
    assert_eq!(err, "23 pages downloaded: 1 refreshed, 22 unchanged\n");
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        out,
        "refreshed importer/pages/create_user.md
importer/pages/create_user.md: `create_user` differs from schema/users/create_user.yaml
  ~ request.first_name max_length: 40 -> 60
  ~ request.first_name description:
      - A first name for a user (the maximum number of characters is 40).
      + A first name for a user (the maximum number of characters is 60).
drift in 1 of 23 pages; re-import (`cargo xtask import`, then `cargo xtask gen`) or record the decision in import/overrides.yaml
"
    );
    let written = fs::read_to_string(repo.pages().join("create_user.md")).unwrap();
    assert_eq!(written, format!("<!-- https://apidocs.user.com/users/create-user.html -->\n{changed}"));
    let after = repo.state();
    for (old, new) in before.iter().zip(&after) {
        if old.0 != "create_user.md" {
            assert!(old == new, "{} changed", old.0);
        }
    }
    assert_eq!(before.len(), after.len());
}

#[test]
fn a_failed_download_changes_nothing_and_names_the_page_and_url() {
    let repo = Repo::new("failures");
    let before = repo.state();
    let (path, text) = repo.page("create_user.md");
    // Pages before and after the failing one changed: neither may be written.
    let (deal_path, deal_text) = repo.page("create_deal.md");
    let (get_path, get_text) = repo.page("get_deal.md");
    let oversized = vec![b'x'; (8 << 20) + 1];
    let slow = Answer { delay: Duration::from_secs(3), ..Answer::markdown(&text) };
    let streamed = Answer { unsized_body: true, ..Answer::new("200 OK", "text/html", oversized.clone()) };
    let url = "BASE/users/create-user.html";
    let cases: Vec<(Answer, String)> = vec![
        (Answer::new("404 Not Found", "text/html", "<h1>Not found</h1>"), format!("GET {url}: answered 404 Not Found")),
        // Tried three times, as the runtime tries a GET (waiting 0.5 s, then 1 s).
        (
            Answer::new("503 Service Unavailable", "text/plain", "busy"),
            format!("GET {url}: answered 503 Service Unavailable (after 3 tries)"),
        ),
        (
            {
                let mut answer = Answer::new("429 Too Many Requests", "text/plain", "slow down");
                answer.headers.push(("Retry-After", "60".to_owned()));
                answer
            },
            format!(
                "GET {url}: answered 429 Too Many Requests, and asks to retry after 60 s; more than 20 s is not waited for"
            ),
        ),
        (slow, format!("GET {url}: no complete answer within 0.3 s (timed out)")),
        (
            Answer::redirect("https://docs.elsewhere.example/users/create-user.html"),
            format!(
                "GET {url}: answered 301 Moved Permanently, a redirect to another host \
                 (https://docs.elsewhere.example/users/create-user.html); only redirects on the same host are followed"
            ),
        ),
        (
            Answer::markdown(&String::from_utf8(oversized).unwrap()),
            format!("GET {url}: the page is larger than the limit of 8 MiB"),
        ),
        (streamed, format!("GET {url}: the page is larger than the limit of 8 MiB")),
        (
            Answer::html("<html><body><div class=\"wrapper\"><p>Create user</p></div></body></html>"),
            format!(
                "GET {url}: the HTML page has no main content (no <main>, <article>, role=\"main\" or docs theme \
                 content container such as `.theme-default-content` or `.vp-doc`)"
            ),
        ),
        (Answer::redirect("/users/create-user.html"), format!("GET {url}: more than 10 redirects (the last to {url})")),
        (
            Answer::new("200 OK", "application/json", "{}"),
            format!("GET {url}: the answer is neither HTML nor Markdown (Content-Type: application/json)"),
        ),
    ];
    for (failing, message) in cases {
        let mut routes = repo.routes();
        routes.insert(deal_path.clone(), Answer::markdown(&format!("{deal_text}\nA new closing line.\n")));
        routes.insert(get_path.clone(), Answer::markdown(&format!("{get_text}\nA new closing line.\n")));
        routes.insert(path.clone(), failing);
        let base = serve(routes);
        let (code, out, err) = repo.refresh(&base, &["--refresh-timeout", "0.3"]);
        assert_eq!((code, out.as_str()), (1, ""), "{message}");
        assert_eq!(
            err,
            format!(
                "error: importer/pages/create_user.md: {message}\n\
                 error: the refresh failed for 1 of 23 pages; nothing in importer/pages/ was changed\n"
            )
        );
        assert!(repo.state() == before, "{message}: the snapshot changed");
    }
}

#[test]
fn an_html_page_is_written_as_its_page_text() {
    let repo = Repo::new("html");
    let mut routes = repo.routes();
    let (path, _) = repo.page("create_user.md");
    routes.insert(path, Answer::html(CREATE_USER_HTML));
    let base = serve(routes);
    let (code, out, err) = repo.refresh(&base, &[]);
    assert_eq!(err, "23 pages downloaded: 1 refreshed, 22 unchanged\n");
    let written = fs::read_to_string(repo.pages().join("create_user.md")).unwrap();
    let expected =
        format!("<!-- https://apidocs.user.com/users/create-user.html -->\n{}", reduce(CREATE_USER_HTML).unwrap());
    assert_eq!(written, expected);
    // The fixture names the row the snapshot's copy left blank, and its response example is short.
    assert_eq!(
        (code, out.as_str()),
        (
            1,
            "refreshed importer/pages/create_user.md
importer/pages/create_user.md: `create_user` differs from schema/users/create_user.yaml
  ~ request.email note:
      - the docs table leaves this row's name blank; the request example shows it is `email`
      + (none)
  + response.first_name: in the docs' response example, not a field of `User`
  + response.last_name: in the docs' response example, not a field of `User`
drift in 1 of 23 pages; re-import (`cargo xtask import`, then `cargo xtask gen`) or record the decision in import/overrides.yaml
"
        )
    );
}

#[test]
fn bad_refresh_options_are_usage_errors() {
    let root = Path::new("/nonexistent");
    for (args, message) in [
        (
            &["--refresh", "--check"][..],
            "`--refresh` refreshes the whole snapshot in importer/pages/ and takes no `--check`",
        ),
        (
            &["--refresh", "page.md"][..],
            "`--refresh` refreshes the whole snapshot in importer/pages/ and takes no `page.md`",
        ),
        (&["--refresh", "--refresh-base"][..], "`--refresh-base` needs a URL"),
        (
            &["--refresh", "--refresh-base", "localhost:8080"][..],
            "`--refresh-base` takes an http(s) URL such as `http://127.0.0.1:8080`, not `localhost:8080`",
        ),
        (
            &["--refresh", "--refresh-timeout", "0"][..],
            "`--refresh-timeout` takes seconds (more than 0, at most 3600), not `0`",
        ),
    ] {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        assert_eq!(crate::run_in(root, args, &mut out, &mut err), 2);
        assert_eq!(String::from_utf8(err).unwrap(), format!("error: {message}\n{}\n", crate::USAGE));
    }
}

#[test]
fn a_server_that_is_not_there_is_a_connect_error_for_every_page() {
    let repo = Repo::new("refused");
    // Two pages, each tried three times (0.5 s and 1 s between tries).
    for (name, _, _) in repo.state() {
        if name != "create_deal.md" && name != "get_deal.md" {
            fs::remove_file(repo.pages().join(name)).unwrap();
        }
    }
    let before = repo.state();
    // A port that was free a moment ago: nothing listens on it.
    let base = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    let (code, out, err) = repo.refresh(&base, &[]);
    assert_eq!((code, out.as_str()), (1, ""));
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    for (line, page, path) in
        [(lines[0], "create_deal", "/deals/create-deal.html"), (lines[1], "get_deal", "/v1/deals/get-deal.html")]
    {
        let start = format!("error: importer/pages/{page}.md: GET BASE{path}: could not connect (");
        assert!(line.starts_with(&start) && line.ends_with(") (after 3 tries)"), "{err}");
    }
    assert_eq!(lines[2], "error: the refresh failed for 2 of 2 pages; nothing in importer/pages/ was changed");
    assert!(repo.state() == before);
}

#[test]
fn a_busy_server_is_tried_again() {
    let repo = Repo::new("retried");
    let mut routes: HashMap<String, Vec<Answer>> =
        repo.routes().into_iter().map(|(path, answer)| (path, vec![answer])).collect();
    let (path, text) = repo.page("get_deal.md");
    let changed = format!("{text}\nA new closing line.\n");
    let mut busy = Answer::new("503 Service Unavailable", "text/plain", "busy");
    busy.headers.push(("Retry-After", "0".to_owned()));
    let gateway = Answer::new("502 Bad Gateway", "text/plain", "no upstream");
    routes.insert(path, vec![busy, gateway, Answer::markdown(&changed)]);
    let base = serve_in_turn(routes);
    let (code, out, err) = repo.refresh(&base, &[]);
    assert_eq!(err, "23 pages downloaded: 1 refreshed, 22 unchanged\n");
    // Prose the importer does not read is no drift.
    assert_eq!((code, out.as_str()), (0, "refreshed importer/pages/get_deal.md\nno drift: 23 pages match schema/\n"));
    let written = fs::read_to_string(repo.pages().join("get_deal.md")).unwrap();
    assert_eq!(written, format!("<!-- https://apidocs.user.com/v1/deals/get-deal.html -->\n{changed}"));
}

#[test]
fn plain_http_to_a_host_other_than_loopback_is_refused_before_connecting() {
    let repo = Repo::new("insecure");
    for (name, _, _) in repo.state() {
        if name != "get_deal.md" {
            fs::remove_file(repo.pages().join(name)).unwrap();
        }
    }
    let before = repo.state();
    // `.invalid` never resolves: the refusal comes before any look-up.
    let (code, out, err) = repo.refresh("http://docs.example.invalid", &[]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err,
        "error: importer/pages/get_deal.md: GET BASE/v1/deals/get-deal.html: plain http to a host other than loopback \
         is refused (BASE/v1/deals/get-deal.html); the page's URL must be https\n\
         error: the refresh failed for 1 of 1 page; nothing in importer/pages/ was changed\n"
    );
    assert!(repo.state() == before);
}

#[test]
fn an_answer_is_html_or_markdown_by_its_type_else_by_its_extension() {
    use super::{Kind, kind};
    let url = |path: &str| reqwest::Url::parse(&format!("https://docs.example.com{path}")).unwrap();
    // Raw files of a docs repository come as text/plain: their `.md` says what they are.
    assert!(matches!(kind(Some("text/plain"), &url("/source/index.html.md")), Some(Kind::Markdown)));
    assert!(matches!(kind(Some("text/markdown"), &url("/users/create-user.html")), Some(Kind::Markdown)));
    assert!(matches!(kind(Some("text/html"), &url("/source/index.html.md")), Some(Kind::Html)));
    assert!(matches!(kind(Some("application/xhtml+xml"), &url("/page")), Some(Kind::Html)));
    assert!(matches!(kind(None, &url("/users/create-user.html")), Some(Kind::Html)));
    assert!(matches!(kind(None, &url("/en/api/user/update-by-id/")), Some(Kind::Html)));
    assert!(kind(Some("text/plain"), &url("/users/create-user.html")).is_none());
    assert!(kind(Some("application/json"), &url("/openapi.json")).is_none());
}
