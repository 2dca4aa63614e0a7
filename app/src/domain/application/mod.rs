//! Applications for booths: the status machine, the priority score with its parts, the
//! allocation proposal, and what the producer's and the staff's pages show. Pure: no I/O, so every
//! rule is tested here on its own.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{account::FieldError, booths::Booth, text::fold, Lang};

mod status;
pub use status::*;
mod score;
pub use score::*;
mod proposal;
pub use proposal::*;
mod form;
pub use form::*;
mod views;
pub use views::*;
#[cfg(test)]
mod tests;
