//! A schema file as read: its name for messages and docs, its path below the schema folder,
//! and its text. Every stage that points into a file (`load`, `diagnostic`, `lower`) shares it.

/// A schema file's name (as shown in messages and doc pointers) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// How messages and generated docs name the file, such as `schema/users/update_user.yaml`.
    pub name: String,
    /// The path below the schema directory, with `/` separators, such as `users/update_user.yaml`;
    /// it decides the generated module path.
    pub relative: String,
    /// The file's whole text.
    pub text: String,
}
