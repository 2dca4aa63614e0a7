//! Who is asking, and what they may do. Started with passwords; accounts, sessions and roles
//! follow (issue 3).

pub mod password;
