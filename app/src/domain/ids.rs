//! The main records' ids, each its own type, so that `allocate(event, application, booth)` cannot
//! take its arguments in the wrong order. On the wire an id is a plain number (serde transparent);
//! in the database an integer (`backend::db::coded`); in an address its digits.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident;)+) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = std::num::ParseIntError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map($name)
            }
        }
    )+};
}

id_type! {
    /// An event of the calendar (a fair, a conference, a livestream session…).
    EventId;
    /// A producer's application to an event's call.
    ApplicationId;
    /// A producer: an enterprise, cooperative or household business.
    ProducerId;
    /// A booth on an event's floor plan.
    BoothId;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_a_number_on_the_wire_and_in_an_address() {
        assert_eq!(serde_json::to_string(&EventId(12)).unwrap(), "12");
        assert_eq!(serde_json::from_str::<BoothId>("7").unwrap(), BoothId(7));
        assert_eq!(EventId(12).to_string(), "12");
        assert_eq!("12".parse::<ApplicationId>(), Ok(ApplicationId(12)));
        assert!("12a".parse::<ProducerId>().is_err());
    }
}
