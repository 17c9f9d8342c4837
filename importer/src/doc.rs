//! The page model that every layout reader produces, whatever the vendor: a page holds
//! endpoints; each has its title, description, method and path (as the page writes them),
//! parameter groups by location, response fields and examples per code tab. Every row keeps its
//! page and line, and everything a reader could not place is a `Note`, so nothing on a page is
//! dropped without a word.

use std::fmt;

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Location {
    /// A placeholder of the path (`<ID>`, `:id`, `{id}`).
    Path,
    /// The query string.
    Query,
    /// The request body.
    Body,
    /// A request header.
    Header,
    /// A field of the response, not a parameter.
    Response,
}

/// One row of a parameter table or definition list, as the page writes it. The one row model
/// of the importer: the User.com page reader (`page`) and the vendor layout readers (`read`)
/// both write it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    /// The file the row is in (relative to the pages folder) and its 1-based line.
    pub file: String,
    /// The row's 1-based line in its file.
    pub line: usize,
    /// The name as written, with marks removed (`user.email`, `address[city]`, `items[].sku`);
    /// `None` when the name cell is empty.
    pub name: Option<String>,
    /// The parents of a child row written by indentation or an arrow (`→ city` under
    /// `address`), outermost first; nested names in dotted or bracket form are split later.
    pub parents: Vec<String>,
    /// The type cell as written (`String`, `Array of strings`), if the page gives one.
    pub ty: Option<String>,
    /// `Some(true)` when the page says required (a column, or a marker in a cell).
    pub required: Option<bool>,
    /// The default value the page states.
    pub default: Option<String>,
    /// The description cell, as one line.
    pub description: String,
    /// An example value the page gives.
    pub example: Option<String>,
    /// Values the page lists as allowed (an allowed-values column).
    pub allowed: Vec<String>,
    /// A location the row itself states (an `In` or `Path/Query` column).
    pub location: Option<Location>,
}

/// Rows of one location, from one table or list of the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Where the rows go.
    pub location: Location,
    /// The table's (or list's) first line.
    pub line: usize,
    /// The rows, in page order.
    pub rows: Vec<Row>,
}

/// A code example, with the tab (language) it is shown under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// The first line of the code.
    pub line: usize,
    /// The fence's language word (`shell`, `json`), or empty.
    pub lang: String,
    /// The code as written.
    pub text: String,
    /// Shown as a response (by its caption, its heading or its content), not a request.
    pub response: bool,
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct At<T> {
    /// The value.
    pub value: T,
    /// The file it is in, relative to the pages folder.
    pub file: String,
    /// Its 1-based line.
    pub line: usize,
}

/// One endpoint of a docs page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// The heading that names the endpoint (or its method and URL when none does).
    pub title: At<String>,
    /// The paragraphs between the heading and the endpoint's first part.
    pub description: Vec<String>,
    /// `GET`, upper case.
    pub method: At<String>,
    /// The request URL as the page writes it: a path (`/v1/users/<ID>`) or a full URL.
    pub url: At<String>,
    /// Parameter and response rows, by location.
    pub groups: Vec<Group>,
    /// The code examples, in page order.
    pub examples: Vec<Example>,
}

/// Something a reader read but could not use, or a doubt: a warning with its file and line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Note {
    /// The file, relative to the pages folder.
    pub file: String,
    /// The 1-based line.
    pub line: usize,
    /// What was read, skipped or guessed, and why.
    pub text: String,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.text)
    }
}

/// A resource the pages describe outside any endpoint (`## Coupon properties`, `### Customer
/// resource`): a table of its fields, which becomes a model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resource {
    /// The heading it is under, as written.
    pub heading: At<String>,
    /// The fields, in page order.
    pub rows: Vec<Row>,
}

/// What a layout reader made of a vendor's pages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pages {
    /// The endpoints, in reading order.
    pub endpoints: Vec<Endpoint>,
    /// Resources described outside any endpoint.
    pub resources: Vec<Resource>,
    /// Every warning of the reading.
    pub notes: Vec<Note>,
    /// Parameter-like rows seen on the pages (table rows and definition-list entries), whether
    /// imported or noted.
    pub rows_seen: usize,
}
