//! What the decoding benchmarks share: the seed "Update user" response and request, and a
//! minimal hand-written struct for that response (the same fields and field types as the
//! generated `User`, no map of unknown keys) to compare the generated type with.

use serde::Deserialize;
use usercom::DateTime;

/// The docs page's response example, verbatim.
pub const RESPONSE: &str = include_str!("../../generated/tests/data/update_user.response.json");

/// The docs page's request example: the body `seed_request()` encodes to.
pub const REQUEST: &str = include_str!("../../generated/tests/data/update_user.request.json");

/// The seed request, built with the generated builder.
pub fn seed_request() -> usercom::UpdateUserRequest {
    usercom::UpdateUserRequest::new()
        .email("john@example.org")
        .gravatar_url("https://randomuser.me/api/portraits/men/51.jpg")
        .tags(["updated", "verified"])
}

/// What a person would write for this response: the same fields and types, nothing else.
#[derive(Debug, Deserialize)]
pub struct HandUser {
    pub id: i64,
    pub key: Option<String>,
    pub chat_id: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub gravatar_url: Option<String>,
    pub status: Option<String>,
    pub gender: Option<String>,
    pub score: Option<i64>,
    pub page_views: Option<i64>,
    pub notifications: Option<bool>,
    pub unsubscribed: Option<bool>,
    pub phone_number: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub country: Option<String>,
    pub timezone: Option<String>,
    pub browser: Option<String>,
    pub browser_language: Option<String>,
    pub os_type: Option<String>,
    pub resolution: Option<String>,
    pub last_ip: Option<String>,
    pub facebook_url: Option<String>,
    pub twitter_url: Option<String>,
    pub linkedin_url: Option<String>,
    pub google_url: Option<String>,
    pub first_seen: Option<DateTime>,
    pub last_seen: Option<DateTime>,
    pub last_contacted: Option<DateTime>,
    pub created_at: Option<DateTime>,
    pub updated_at: Option<DateTime>,
    pub lists: Option<Vec<serde_json::Value>>,
    pub tags: Option<Vec<HandTag>>,
    pub companies: Option<Vec<HandCompany>>,
    pub attributes: Option<Vec<HandAttribute>>,
}

#[derive(Debug, Deserialize)]
pub struct HandTag {
    pub id: i64,
    pub name: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct HandCompany {
    pub id: i64,
    pub name: Option<String>,
    pub member_since: Option<DateTime>,
}

#[derive(Debug, Deserialize)]
pub struct HandAttribute {
    pub id: i64,
    pub name: Option<String>,
    pub name_std: Option<String>,
    pub value: Option<serde_json::Value>,
}
