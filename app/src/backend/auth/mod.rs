//! Who is asking, and what they may do: passwords, sessions, one-time links, throttling, and the
//! checks every service runs before it touches anything.

pub mod password;
pub mod session;
pub mod throttle;
pub mod token;

use crate::domain::{
    account::{Role, Viewer},
    Lang,
};

/// What the router learnt about a request before any handler runs (see `server::auth`): where
/// it came from and whose session it carries. Server functions read it from the request.
#[derive(Clone, Debug, Default)]
pub struct RequestInfo {
    /// The client's address: the connection's peer, or what a trusted proxy says.
    pub client_ip: String,
    pub user_agent: Option<String>,
    /// The live session this request carries, if any.
    pub session: Option<Session>,
    /// The language the page is shown in (the account's, else the `lang` cookie's).
    pub lang: Lang,
}

/// A live session: which one (the stored hash, never the token) and who it belongs to.
#[derive(Clone, Debug)]
pub struct Session {
    pub hash: String,
    pub viewer: Viewer,
}

/// Why a request may not go on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Denied {
    /// Nobody is logged in.
    SignInNeeded,
    /// Logged in, but this role may not do this.
    Forbidden,
}

impl RequestInfo {
    pub fn viewer(&self) -> Option<&Viewer> {
        self.session.as_ref().map(|s| &s.viewer)
    }

    /// Anyone logged in.
    pub fn signed_in(&self) -> Result<&Session, Denied> {
        self.session.as_ref().ok_or(Denied::SignInNeeded)
    }

    /// Staff or admin.
    pub fn staff(&self) -> Result<&Session, Denied> {
        let s = self.signed_in()?;
        if s.viewer.role.is_staff() {
            Ok(s)
        } else {
            Err(Denied::Forbidden)
        }
    }

    pub fn admin(&self) -> Result<&Session, Denied> {
        let s = self.signed_in()?;
        if s.viewer.role == Role::Admin {
            Ok(s)
        } else {
            Err(Denied::Forbidden)
        }
    }

    /// A producer user; returns their organisation.
    pub fn producer(&self) -> Result<(&Session, i64), Denied> {
        let s = self.signed_in()?;
        match (s.viewer.role, s.viewer.producer_id) {
            (Role::Producer, Some(org)) => Ok((s, org)),
            _ => Err(Denied::Forbidden),
        }
    }
}
