//! Passwords: a policy a person can meet, argon2id hashes, and verification that takes as long for
//! an unknown account as for a wrong password (so timing does not tell which e-mails exist).

use argon2::{
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Argon2,
};

use crate::domain::Lang;

/// Fewer characters than this are refused (OWASP ASVS 5.0, 6.2.1).
pub const MIN_CHARS: usize = 10;
/// Long passphrases are welcome (ASVS asks for at least 64); past this, refused as abuse.
pub const MAX_CHARS: usize = 256;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("the password is shorter than {MIN_CHARS} characters")]
    TooShort,
    #[error("the password is longer than {MAX_CHARS} characters")]
    TooLong,
    /// A strength estimator found it easy to guess (a common word, a date, the e-mail…).
    #[error("the password is too easy to guess")]
    Weak,
}

impl PasswordError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (PasswordError::TooShort, Lang::Vi) => format!("Mật khẩu cần ít nhất {MIN_CHARS} ký tự."),
            (PasswordError::TooLong, Lang::Vi) => format!("Mật khẩu không được dài quá {MAX_CHARS} ký tự."),
            (PasswordError::Weak, Lang::Vi) => {
                "Mật khẩu này quá dễ đoán. Hãy dùng một cụm từ dài hơn, không chứa tên hay e-mail của bạn.".into()
            }
            (PasswordError::TooShort, Lang::En) => format!("A password needs at least {MIN_CHARS} characters."),
            (PasswordError::TooLong, Lang::En) => format!("A password may not be longer than {MAX_CHARS} characters."),
            (PasswordError::Weak, Lang::En) => {
                "This password is too easy to guess. Use a longer phrase without your name or e-mail.".into()
            }
        }
    }
}

/// Checks a new password. `related` are things an attacker would try first: the e-mail, the
/// person's and the organisation's names.
pub fn check_policy(password: &str, related: &[&str]) -> Result<(), PasswordError> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err(PasswordError::TooShort);
    }
    if chars > MAX_CHARS {
        return Err(PasswordError::TooLong);
    }
    // The estimator compares whole words: give it the e-mail's local part and each name with and
    // without diacritics and spaces, the way people turn "Hương Ban Mê" into "huongbanme".
    let mut words: Vec<String> = Vec::new();
    for r in related {
        let folded = crate::domain::text::fold(r);
        words.push(folded.clone());
        words.push(folded.replace(' ', ""));
        if let Some((local, _)) = folded.split_once('@') {
            words.push(local.to_string());
        }
        words.extend(
            folded
                .split([' ', '@', '.'])
                .filter(|w| w.len() >= 3)
                .map(str::to_string),
        );
    }
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    // zxcvbn is costly on very long inputs and any 64-character passphrase is strong enough. The
    // sample is folded like the names, so case and diacritics alone earn no credit.
    let sample: String = crate::domain::text::fold(&password.chars().take(64).collect::<String>());
    if u8::from(zxcvbn::zxcvbn(&sample, &words).score()) < 3 {
        return Err(PasswordError::Weak);
    }
    Ok(())
}

/// argon2id with the crate's defaults (19 MiB, 2 passes, 1 lane: OWASP's recommendation), a
/// random 16-byte salt, in PHC string form.
pub fn hash(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::encode_b64(uuid::Uuid::new_v4().as_bytes())?;
    Ok(Argon2::default().hash_password(password.as_bytes(), &salt)?.to_string())
}

/// A hash of nothing in particular, verified when there is no account, so that "no such account"
/// costs the same time as "wrong password". Made with [`hash`], so with the same argon2 parameters
/// as every stored hash.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash("not a password of anyone").unwrap_or_default())
}

/// Makes the dummy hash now, at start-up: made lazily, the first unknown account's login would
/// cost a hash and a verification, twice a wrong password's time.
pub fn prepare() {
    let _ = dummy_hash();
}

/// What a verification found, and how many argon2 computations it ran: one for a well-formed
/// hash, real or the dummy, so an unknown account and a wrong password do the same work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verified {
    pub ok: bool,
    pub argon2_runs: u32,
}

/// Does `password` match the stored hash? With no stored hash (unknown account) the same work is
/// done against a dummy and the answer is no. A malformed stored hash is a no, too.
pub fn verify(password: &str, stored: Option<&str>) -> Verified {
    let (candidate, real) = match stored {
        Some(h) => (h, true),
        None => (dummy_hash(), false),
    };
    match PasswordHash::new(candidate) {
        Ok(parsed) => Verified {
            ok: real && Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
            argon2_runs: 1,
        },
        Err(_) => Verified {
            ok: false,
            argon2_runs: 0,
        },
    }
}

/// [`hash`] off the async runtime: it takes tens of milliseconds of CPU by design.
pub async fn hash_blocking(password: String) -> Result<String, crate::backend::ServerError> {
    tokio::task::spawn_blocking(move || hash(&password))
        .await
        .map_err(|e| crate::backend::ServerError::Config(format!("hashing task: {e}")))?
        .map_err(|e| crate::backend::ServerError::Config(format!("hashing: {e}")))
}

/// [`verify`] off the async runtime.
pub async fn verify_blocking(password: String, stored: Option<String>) -> Verified {
    tokio::task::spawn_blocking(move || verify(&password, stored.as_deref()))
        .await
        .unwrap_or(Verified {
            ok: false,
            argon2_runs: 0,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_hashes_with_argon2id_and_verifies() {
        let h = hash("cà phê Buôn Ma Thuột mùa hoa trắng").unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify("cà phê Buôn Ma Thuột mùa hoa trắng", Some(&h)).ok);
        assert!(!verify("cà phê Buôn Ma Thuột mùa hoa trắng!", Some(&h)).ok);
        assert_ne!(h, hash("cà phê Buôn Ma Thuột mùa hoa trắng").unwrap(), "salted");
    }

    #[test]
    fn an_unknown_account_and_a_malformed_hash_are_a_no() {
        assert!(!verify("anything at all here", None).ok);
        assert_eq!(
            verify("anything at all here", Some("not a hash")),
            Verified {
                ok: false,
                argon2_runs: 0
            }
        );
    }

    /// argon2's cost is set by its parameters alone (memory, passes, lanes, output length): a
    /// verification against the dummy does the same work as one against a real hash when both
    /// carry the same parameters and each runs argon2 once. Counted, not timed.
    #[test]
    fn an_unknown_account_does_the_same_work_as_a_wrong_password() {
        let real = hash("một mật khẩu dài và khó đoán").unwrap();
        let params = |h: &str| {
            let parsed = PasswordHash::new(h).unwrap();
            let p = argon2::Params::try_from(&parsed).unwrap();
            (
                parsed.algorithm.to_string(),
                parsed.version,
                p.m_cost(),
                p.t_cost(),
                p.p_cost(),
                p.output_len(),
            )
        };
        assert_eq!(params(dummy_hash()), params(&real));
        assert_eq!(params(&real).0, "argon2id");
        let wrong = verify("sai mật khẩu rồi nhé", Some(&real));
        let unknown = verify("sai mật khẩu rồi nhé", None);
        assert_eq!(
            wrong,
            Verified {
                ok: false,
                argon2_runs: 1
            }
        );
        assert_eq!(unknown, wrong);
        // the dummy's own password is no way in either
        assert!(!verify("not a password of anyone", None).ok);
        assert_eq!(
            verify("một mật khẩu dài và khó đoán", Some(&real)),
            Verified {
                ok: true,
                argon2_runs: 1
            }
        );
    }

    #[test]
    fn the_policy_wants_ten_characters_and_allows_long_passphrases() {
        assert_eq!(check_policy("Xk9#qT2!", &[]), Err(PasswordError::TooShort));
        let long = "mật ong hoa cà phê Ea Kly ".repeat(4);
        assert!(long.chars().count() > 64);
        assert_eq!(check_policy(&long, &[]), Ok(()));
        assert_eq!(
            check_policy(&"a".repeat(MAX_CHARS + 1), &[]),
            Err(PasswordError::TooLong)
        );
    }

    #[test]
    fn easy_passwords_and_ones_made_of_the_users_own_details_are_weak() {
        assert_eq!(check_policy("password123", &[]), Err(PasswordError::Weak));
        assert_eq!(check_policy("1234567890", &[]), Err(PasswordError::Weak));
        assert_eq!(
            check_policy("huongbanme2026", &["info@huongbanme.vn", "Hương Ban Mê"]),
            Err(PasswordError::Weak)
        );
        assert_eq!(
            check_policy("HươngBanMê2026!", &["Hương Ban Mê"]),
            Err(PasswordError::Weak)
        );
        assert_eq!(check_policy("trâu vàng gặm cỏ bên sông Sêrêpốk", &[]), Ok(()));
    }

    #[tokio::test]
    async fn hashing_and_verifying_run_off_the_async_runtime() {
        let h = hash_blocking("đi chợ phiên Buôn Đôn sáng thứ bảy".into())
            .await
            .unwrap();
        assert!(
            verify_blocking("đi chợ phiên Buôn Đôn sáng thứ bảy".into(), Some(h.clone()))
                .await
                .ok
        );
        assert!(!verify_blocking("sai rồi nhé bạn ơi".into(), Some(h)).await.ok);
        assert!(!verify_blocking("sai rồi nhé bạn ơi".into(), None).await.ok);
    }

    #[test]
    fn messages_exist_in_both_languages() {
        assert!(PasswordError::TooShort.message(Lang::Vi).contains("10"));
        assert!(PasswordError::Weak.message(Lang::En).starts_with("This password"));
    }
}
