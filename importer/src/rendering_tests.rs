//! The renderings of the vendor's pages the reader must read, each taken from a real page of the
//! snapshot (`importer/pages/`): pipe tables with and without outer pipes, tables written as
//! whitespace columns, tables with one cell a line, a second table straight under the first, a
//! one-line layout with "Copied!" labels, several code tabs, pages without `#` headings, a guide
//! page whose endpoint is only its curl example, and pages cut short. What cannot be read is an
//! error naming the page line.

use std::fs;
use std::path::Path;

use super::convert::{self, Context};
use super::json::Json;
use super::page::{self, Page, PageError, Row};

fn text(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("pages").join(name);
    fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn parse(text: &str) -> Page {
    page::parse(text.as_bytes()).unwrap_or_else(|error| panic!("{error}"))
}

/// `(line, name, type, required, description)` of every row.
fn rows(page: &Page) -> Vec<(usize, String, String, Option<bool>, String)> {
    let table = page.table.as_ref().expect("a table");
    table.rows.iter().map(row).collect()
}

fn row(row: &Row) -> (usize, String, String, Option<bool>, String) {
    (
        row.line,
        row.name.clone().unwrap_or_default(),
        row.ty.clone().unwrap_or_default(),
        row.required,
        row.description.clone(),
    )
}

fn skipped(page: &Page) -> Vec<(usize, &str)> {
    page.skipped.iter().map(|skipped| (skipped.line, skipped.value.as_str())).collect()
}

/// The warnings of an import without overrides, as `line: text`.
fn warnings(page: &Page) -> Vec<String> {
    let context = Context {
        overrides: None,
        overrides_key: None,
        overrides_label: "overrides",
        models: &[],
        prefer_response: None,
    };
    let imported = convert::convert(page, &context).unwrap_or_else(|errors| panic!("{errors:?}"));
    imported.warnings.iter().map(|w| format!("{}: {}", w.line.map_or(0, |line| line), w.text)).collect()
}

#[test]
fn the_url_above_the_title_is_the_pages_url() {
    let page = parse(&text("update_user.md"));
    assert_eq!(page.url.as_deref(), Some("https://apidocs.user.com/users/update-user.html"));
    assert_eq!((page.title.line, page.title.value.as_str()), (2, "Update user"));
}

#[test]
fn pipe_tables_read_the_same_with_or_without_outer_pipes() {
    let bare = text("update_user.md");
    let piped: String =
        bare.lines()
            .map(|line| {
                if line.contains(" | ") || line.starts_with("---|") {
                    format!("| {line}\n")
                } else {
                    format!("{line}\n")
                }
            })
            .collect();
    assert_ne!(bare, piped);
    let (bare, piped) = (parse(&bare), parse(&piped));
    assert_eq!(rows(&bare), rows(&piped));
    assert_eq!(rows(&bare)[4], (12, String::new(), "string".into(), Some(false), "A user email address.".into()));
    assert_eq!(rows(&bare).len(), 8);
}

#[test]
fn a_table_written_as_whitespace_columns_is_read() {
    let page = parse(&text("update_or_create_deal.md"));
    let read = rows(&page);
    assert_eq!(read.len(), 21);
    assert_eq!(read[4], (13, "currency".into(), "ISO 4217 code".into(), Some(false), "A currency of a deal.".into()));
    assert_eq!(
        read[9],
        (
            18,
            "participants".into(),
            "integer(list)".into(),
            Some(false),
            "A list of user_ids assigned to a deal.".into()
        )
    );
    // Prose after the last row ends the table; it is reported, not read as rows.
    assert!(
        skipped(&page).contains(&(30, "the text `Those information have to contain:` is not read")),
        "{:?}",
        skipped(&page)
    );
    // "depending on the attribute type" is one type cell of four words.
    let page = parse(&text("mass_update_standard_attributes.md"));
    assert_eq!(
        rows(&page)[2],
        (13, "value".into(), "depending on the attribute type".into(), Some(true), "A value for the attribute".into())
    );
    // The method and path on one line: `PUT /users/mass_update_standard_attributes/`.
    assert_eq!(
        (page.method.value.as_str(), page.path.value.as_str()),
        ("PUT", "/users/mass_update_standard_attributes/")
    );
    // Lookup tables without pipes: the example column in the middle.
    let deals = text("get_deals_by_user.md").replace(" | ", " ").replace(" |\n", "\n").replace("---|---|---|\n", "");
    let page = parse(&deals);
    let table = page.table.as_ref().expect("table");
    assert_eq!(table.rows[2].name.as_deref(), Some("userkey"));
    assert_eq!(table.rows[2].example.as_deref(), Some("?userkey=Ypp9DQiEZIl"));
    assert_eq!(table.rows[2].description, "A cookie of your user (value of userkey attribute).");
}

#[test]
fn a_table_with_one_cell_a_line_is_read_with_its_parameters_table() {
    let page = parse(&text("update_user_by_custom_id.md"));
    let params = page.params.as_ref().expect("the Parameters table");
    assert_eq!(
        params.rows.iter().map(row).collect::<Vec<_>>(),
        [(22, "user_id".into(), "integer".into(), None, "Your custom user ID".into())]
    );
    let names: Vec<String> = rows(&page).into_iter().map(|(_, name, ..)| name).collect();
    assert_eq!(names, ["email", "first_name", "last_name", "company_id", "custom_attr", "tags"]);
    assert_eq!(rows(&page)[5], (43, "tags".into(), "list of strings".into(), None, "Tags added to the user".into()));
    // The `...` lines after the table are not rows; the curl command opens the request.
    assert_eq!(
        skipped(&page)[..4],
        [
            (2, "the title has no `#` (the page was copied as plain text)"),
            (46, "the text `...` is not read"),
            (47, "the text `...` is not read"),
            (48, "the text `...` is not read"),
        ]
    );
    assert_eq!(page.request.expect("request").heading_line, 49);
    assert_eq!(page.response.expect("response").heading_line, 55);
}

#[test]
fn a_second_table_straight_under_the_first_is_not_read_as_its_rows() {
    let page = parse(&text("find_users_by_email.md"));
    assert_eq!(rows(&page), [(8, String::new(), "string".into(), Some(true), "A user email address.".into())]);
    assert!(skipped(&page).contains(&(9, "a second table is not read")), "{:?}", skipped(&page));
}

#[test]
fn a_one_line_layout_with_copy_labels_is_read() {
    let page = parse(&text("find_user_by_key.md"));
    assert!(!page.text.contains("Copied!"));
    let request = page.request.expect("request");
    assert!(page.text[request.start..request.end].contains("?key=:user_key"));
    let response = page.response.expect("response");
    let body = page.text[response.start..response.end].trim();
    let value = super::json::parse(body, 0, body.len()).expect("one-line JSON");
    let Json::Object(members) = value.value else { panic!("an object") };
    assert_eq!(members.len(), 34);
    // No "text after the example" warning: the label is gone.
    assert!(
        warnings(&page).iter().all(|warning| !warning.contains("after the response example")),
        "{:?}",
        warnings(&page)
    );
}

#[test]
fn several_code_tabs_and_sections_without_headings_are_read() {
    // Tab names above the curl; JavaScript samples after the response.
    let page = parse(&text("create_user_event_by_custom_id.md"));
    assert_eq!((page.method.value.as_str(), page.path.value.as_str()), ("POST", "/users-by-id/:user_id/events/"));
    let request = page.request.expect("request");
    assert!(page.text[request.start..request.end].starts_with("curl -X POST"));
    let response = page.response.expect("response");
    assert_eq!(response.heading_line, 28);
    let names: Vec<String> = rows(&page).into_iter().map(|(_, name, ..)| name).collect();
    assert_eq!(names, ["user_id", "name", "timestamp", "data"]);
    let warned = warnings(&page);
    assert!(
        warned.contains(
            &"33: text after the response example's end is ignored (the docs show a second value here)".to_owned()
        ),
        "{warned:?}"
    );
}

#[test]
fn a_guide_page_gives_its_endpoint_by_its_curl_example() {
    let page = parse(&text("get_user.md"));
    assert_eq!((page.method.value.as_str(), page.path.value.as_str(), page.method.line), ("GET", "/users/:id/", 25));
    assert!(
        skipped(&page)
            .contains(&(25, "the page has no method line; the method and path are its curl example's (line 25)"))
    );
}

#[test]
fn pages_cut_short_are_read_up_to_the_cut_and_say_so() {
    // Cut inside a pipe row (`value | numbe`): the broken row is left out, and the cut is reported.
    let page = parse(&text("create_deal.md"));
    assert_eq!(rows(&page).last().map(|row| (row.0, row.1.clone())), Some((28, "user_id".to_owned())));
    assert!(
        skipped(&page).contains(&(29, "the page ends inside the table (cut short?); its last row may be incomplete"))
    );
    // Cut inside a whitespace row: the row is kept as far as it goes.
    let cut = text("update_or_create_deal.md");
    let cut = &cut[..cut.find("company_custom_id string no The unique").expect("row")
        + "company_custom_id string no The uni".len()];
    let page = parse(cut);
    assert_eq!(rows(&page).last().map(|row| row.4.as_str()), Some("The uni"));
    assert!(
        skipped(&page).contains(&(28, "the page ends inside the table (cut short?); its last row may be incomplete"))
    );
    // Cut inside the response example: what comes before is used, with a warning.
    let page = parse(&text("create_deal_by_id.md"));
    assert!(
        warnings(&page).iter().any(|warning| warning.contains("the response example is cut off here")),
        "{:?}",
        warnings(&page)
    );
}

#[test]
fn what_cannot_be_read_is_an_error_naming_the_line() {
    let deal = text("update_or_create_deal.md");
    // A whitespace row whose cells do not fit the header.
    let broken = deal
        .replace("loss_reason integer no A reason for a lost deal.", "loss_reason integer A reason for a lost deal.");
    assert_eq!(
        page::parse(broken.as_bytes()).unwrap_err(),
        PageError {
            line: 15,
            message: "the row does not fit the table's header `Attributes Type Required Description`".into()
        }
    );
    // Rows without their header line: never a silently thinner schema.
    let headless = deal.replace("Attributes Type Required Description\n", "");
    assert_eq!(
        page::parse(headless.as_bytes()).unwrap_err(),
        PageError {
            line: 8,
            message: "this line reads as a table row, but no table header (`Attributes | Type | Required | Description`) comes before it".into()
        }
    );
    // A cell of a one-cell-a-line table that is not what its column says.
    let stacked = b"# T\nPOST\n/x/\nData\nType\nRequired\nDescription\nname\nstring\nmaybe\nA name.\n";
    assert_eq!(
        page::parse(stacked).unwrap_err(),
        PageError { line: 10, message: "the `Required` cell says `maybe`; expected `yes` or `no`".into() }
    );
    // A pipe row with too few cells, not at the page's end.
    let short = text("update_user.md").replace("first_name | string | no |", "first_name | string |");
    let error = page::parse(short.as_bytes()).unwrap_err();
    assert_eq!(error.line, 13);
}
