//! Reference data the calendar filters by: the province's communes and wards, and the OCOP
//! product groups. Both are rows in the database (seeded by migration).

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commune {
    pub commune_id: i64,
    /// "Phường Ea Kao", "Xã Krông Pắc"
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductGroup {
    pub code: String,
    pub name: String,
}

/// Everything the filter form offers, in the reader's language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilterOptions {
    pub communes: Vec<Commune>,
    pub product_groups: Vec<ProductGroup>,
}
