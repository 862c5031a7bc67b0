//! Text primitives every watchfloor stage shares, one definition each:
//!
//! - [`fold`]: reducing names to a normal form (three behaviours, named by
//!   what they do: the gazetteer index's form, the actor matcher's form with
//!   a way back to the original bytes, and letters-and-digits only);
//! - [`geo`]: great-circle distance;
//! - [`months`]: month names in the languages the parser reads (English,
//!   French, Spanish, Portuguese);
//! - [`words`]: word lists compiled in from TOML files of `data/`.

pub mod fold;
pub mod geo;
pub mod months;
pub mod words;

pub use fold::{
    fold_alnum, fold_for_index, fold_for_index_into, fold_for_matching,
    fold_for_matching_keep_case, fold_with_origin, Folded,
};
pub use geo::distance_km;
pub use months::month_number;
