//! Diagnosis: from any pasted error text to a category, its evidence, the facts and the steps.

mod types;

pub use types::*;

use crate::domain::locale::Locale;

/// An operator's own error code, mapped to a category with their wording.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CatalogEntry {
    /// The code as it appears in the error (`API_KEY_DISABLED`), matched case-sensitively as a whole word.
    pub code: String,
    pub category: Category,
    /// The operator's title for it; the category's title when absent.
    #[serde(default)]
    pub title: Option<String>,
    /// The operator's steps; the category's checklist when empty.
    #[serde(default)]
    pub steps: Vec<String>,
}

/// Diagnoses a paste with the built-in catalog, in English.
pub fn diagnose(input: &str) -> Diagnosis {
    diagnose_with(input, &[], Locale::En)
}

/// Diagnoses a paste, consulting the operator's `catalog` before the built-in rules.
pub fn diagnose_with(input: &str, catalog: &[CatalogEntry], locale: Locale) -> Diagnosis {
    let _ = (input, catalog, locale);
    todo!("engine being written")
}
