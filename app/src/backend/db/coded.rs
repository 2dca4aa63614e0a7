//! The coded enums as database values: each is stored as its code (TEXT on both databases) and
//! read back through its `parse`, so that a code the program does not know fails the query loudly
//! instead of turning into a default. And the typed ids (`domain::ids`), stored as integers.

use sqlx::{encode::IsNull, error::BoxDynError, Database, Decode, Encode, Type};

use crate::domain::{
    account::Role,
    application::Status,
    booths::{BoothSize, BoothStatus, QuestionKind},
    budget::{CostLine, Funding},
    deals::FollowUpStatus,
    ids::{ApplicationId, BoothId, EventId, ProducerId},
    inquiries::InquiryStatus,
    outcomes::{Measure, Origin, Source},
    producer::ProducerKind,
    producer_report::{BuyerType, DealKind},
    sale_points::{PlaceKind, PointStatus},
    EventFormat, EventKind, EventLevel, EventStatus, Lang, LocationScope, SessionKind,
};

macro_rules! stored_as_code {
    ($($t:ty),+ $(,)?) => {$(
        impl<DB: Database> Type<DB> for $t
        where
            String: Type<DB>,
        {
            fn type_info() -> DB::TypeInfo {
                <String as Type<DB>>::type_info()
            }
            fn compatible(ty: &DB::TypeInfo) -> bool {
                <String as Type<DB>>::compatible(ty)
            }
        }

        impl<'q, DB: Database> Encode<'q, DB> for $t
        where
            String: Encode<'q, DB>,
        {
            fn encode_by_ref(&self, buf: &mut <DB as Database>::ArgumentBuffer) -> Result<IsNull, BoxDynError> {
                <String as Encode<'q, DB>>::encode(self.code().to_owned(), buf)
            }
        }

        impl<'r, DB: Database> Decode<'r, DB> for $t
        where
            String: Decode<'r, DB>,
        {
            fn decode(value: <DB as Database>::ValueRef<'r>) -> Result<Self, BoxDynError> {
                let code = <String as Decode<'r, DB>>::decode(value)?;
                <$t>::parse(&code).ok_or_else(|| format!("unknown {} code {code:?}", stringify!($t)).into())
            }
        }
    )+};
}

stored_as_code!(
    EventKind,
    EventFormat,
    EventLevel,
    LocationScope,
    EventStatus,
    SessionKind,
    Status,
    Role,
    ProducerKind,
    BoothSize,
    BoothStatus,
    QuestionKind,
    Lang,
    Measure,
    Source,
    Origin,
    DealKind,
    BuyerType,
    FollowUpStatus,
    CostLine,
    Funding,
    PlaceKind,
    PointStatus,
    InquiryStatus,
);

macro_rules! stored_as_integer {
    ($($t:ident),+ $(,)?) => {$(
        impl<DB: Database> Type<DB> for $t
        where
            i64: Type<DB>,
        {
            fn type_info() -> DB::TypeInfo {
                <i64 as Type<DB>>::type_info()
            }
            fn compatible(ty: &DB::TypeInfo) -> bool {
                <i64 as Type<DB>>::compatible(ty)
            }
        }

        impl<'q, DB: Database> Encode<'q, DB> for $t
        where
            i64: Encode<'q, DB>,
        {
            fn encode_by_ref(&self, buf: &mut <DB as Database>::ArgumentBuffer) -> Result<IsNull, BoxDynError> {
                <i64 as Encode<'q, DB>>::encode_by_ref(&self.0, buf)
            }
        }

        impl<'r, DB: Database> Decode<'r, DB> for $t
        where
            i64: Decode<'r, DB>,
        {
            fn decode(value: <DB as Database>::ValueRef<'r>) -> Result<Self, BoxDynError> {
                <i64 as Decode<'r, DB>>::decode(value).map($t)
            }
        }
    )+};
}

stored_as_integer!(EventId, ApplicationId, ProducerId, BoothId);
