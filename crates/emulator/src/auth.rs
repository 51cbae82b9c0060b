//! Who sent a request: the signature is recomputed with core's signer (`read_received`, `Presented::verify`),
//! then the timestamp window, the nonce and, for STS keys, the security token are checked, in the order and with
//! the error codes Alibaba Cloud uses.

use std::collections::HashMap;

use ram_doctor_core::sign::{read_received, Algorithm, Presented, Received, Secret, SignError, Timestamp};

use crate::authz::Caller;
use crate::error::Failure;
use crate::state::Account;

/// How far a request's time may be from the server's: 15 minutes either way.
pub const TIME_WINDOW_SECONDS: i64 = 15 * 60;

/// What an AccessKey belongs to.
#[derive(Debug, Clone)]
pub enum KeyKind {
    /// A long-term key (`--access-key`): the account's own, unless the state gives it to a user.
    LongTerm,
    /// Temporary credentials from `AssumeRole`.
    Sts { token: Secret, expires: i64, role: String, role_id: String, session: String, session_policy: Option<String> },
}

/// One AccessKey the server knows. `Secret` never prints itself.
#[derive(Debug, Clone)]
pub struct AccessKey {
    pub secret: Secret,
    pub kind: KeyKind,
}

/// AccessKey ID → key.
#[derive(Debug, Default)]
pub struct Keys(HashMap<String, AccessKey>);

impl Keys {
    pub fn insert(&mut self, id: String, key: AccessKey) {
        self.0.insert(id, key);
    }
}

/// Nonces seen within the time window (a nonce older than the window cannot come back: its timestamp expired).
#[derive(Debug, Default)]
pub struct Nonces(HashMap<String, i64>);

impl Nonces {
    /// Records a nonce; false when it was seen already.
    fn first_use(&mut self, nonce: &str, now: i64) -> bool {
        self.0.retain(|_, seen| now - *seen <= 2 * TIME_WINDOW_SECONDS);
        self.0.insert(nonce.to_string(), now).is_none()
    }
}

/// Reads the signature parts of a request (also done before routing, to learn the action and version).
pub fn read(received: &Received) -> Result<Presented, Failure> {
    read_received(received).map_err(|e| match e {
        SignError::MissingParameter { name } => Failure::MissingParameter(name),
        other => Failure::IncompleteSignature(other.to_string()),
    })
}

/// The RPC signature's fixed parameters, checked before the signature as Alibaba Cloud's gateway does:
/// `SignatureMethod=HMAC-SHA1` and `SignatureVersion=1.0`. (V3 names its algorithm in `Authorization`, which
/// [`read`] checks.)
pub fn check_rpc_method(presented: &Presented) -> Result<(), Failure> {
    if presented.algorithm != Algorithm::Rpc {
        return Ok(());
    }
    let param = |name: &str| presented.params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    match param("SignatureMethod") {
        None => return Err(Failure::MissingCommon("SignatureMethod")),
        Some(RPC_SIGNATURE_METHOD) => {}
        Some(other) => return Err(Failure::InvalidSignatureMethod(other.to_string())),
    }
    match param("SignatureVersion") {
        None => Err(Failure::MissingCommon("SignatureVersion")),
        Some(RPC_SIGNATURE_VERSION) => Ok(()),
        Some(other) => Err(Failure::InvalidSignatureVersion(other.to_string())),
    }
}

/// The only `SignatureMethod` an RPC call may name.
const RPC_SIGNATURE_METHOD: &str = "HMAC-SHA1";
/// The only `SignatureVersion` an RPC call may name.
const RPC_SIGNATURE_VERSION: &str = "1.0";

/// Checks a read request and says who sent it.
pub fn authenticate(
    presented: &Presented,
    keys: &Keys,
    nonces: &mut Nonces,
    account: &Account,
    now: i64,
) -> Result<Caller, Failure> {
    let key = keys.0.get(&presented.access_key_id).ok_or(Failure::InvalidAccessKeyIdNotFound)?;
    let sent = presented.timestamp.as_deref().ok_or(Failure::MissingParameter("Timestamp"))?;
    let time = Timestamp::parse(sent).map_err(|_| Failure::TimeStampFormat(sent.to_string()))?;
    if (time.unix_seconds - now).abs() > TIME_WINDOW_SECONDS {
        return Err(Failure::TimeStampExpired);
    }
    if !presented.verify(&key.secret) {
        return Err(Failure::SignatureDoesNotMatch { server_string_to_sign: presented.string_to_sign.clone() });
    }
    let nonce = presented.nonce.as_deref().ok_or(Failure::MissingParameter("SignatureNonce"))?;
    if !nonces.first_use(nonce, now) {
        return Err(Failure::SignatureNonceUsed);
    }
    match &key.kind {
        KeyKind::LongTerm => Ok(match account.key_owner(&presented.access_key_id) {
            Some(user) => Caller::User { name: user.name.clone(), id: user.id.clone() },
            None => Caller::Root,
        }),
        KeyKind::Sts { token, expires, role, role_id, session, session_policy } => {
            let sent = presented.security_token.as_ref().ok_or(Failure::MissingSecurityToken)?;
            if sent != token {
                return Err(Failure::SecurityTokenMismatch);
            }
            if now >= *expires {
                return Err(Failure::SecurityTokenExpired);
            }
            Ok(Caller::AssumedRole {
                role: role.clone(),
                role_id: role_id.clone(),
                session: session.clone(),
                session_policy: session_policy.clone(),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ram_doctor_core::sign::{sign, Algorithm, Call, Credentials};

    const T0: i64 = 1_767_225_600; // 2026-01-01T00:00:00Z

    fn signed(creds: &Credentials, algorithm: Algorithm, at: i64, nonce: &str) -> Presented {
        let call = Call {
            method: "POST".into(),
            host: "ram.aliyuncs.com".into(),
            action: "GetUser".into(),
            version: "2015-05-01".into(),
            params: vec![("UserName".into(), "a b*~/%中".into())],
            body: None,
        };
        let req = sign(&call, algorithm, creds, Timestamp::from_unix(at), nonce).unwrap();
        let (path, query) = req.path_and_query.split_once('?').unwrap_or((&req.path_and_query, ""));
        read(&Received { method: &req.method, path, raw_query: query, headers: &req.headers, body: &req.body }).unwrap()
    }

    fn keys() -> Keys {
        let mut keys = Keys::default();
        keys.insert("AK".into(), AccessKey { secret: Secret::new("right"), kind: KeyKind::LongTerm });
        keys
    }

    #[test]
    fn each_check_has_its_code() {
        let account = Account::default();
        let keys = keys();
        let mut nonces = Nonces::default();
        let ok = Credentials::new("AK", "right");
        for algorithm in [Algorithm::V3, Algorithm::Rpc] {
            let p = signed(&ok, algorithm, T0, &format!("n-{algorithm:?}"));
            assert_eq!(authenticate(&p, &keys, &mut nonces, &account, T0 + 60), Ok(Caller::Root));
            assert_eq!(authenticate(&p, &keys, &mut nonces, &account, T0 + 60), Err(Failure::SignatureNonceUsed));
            let late = signed(&ok, algorithm, T0 - TIME_WINDOW_SECONDS - 1, "late");
            assert_eq!(authenticate(&late, &keys, &mut nonces, &account, T0), Err(Failure::TimeStampExpired));
            let wrong = signed(&Credentials::new("AK", "wrong"), algorithm, T0, "w");
            let Err(Failure::SignatureDoesNotMatch { server_string_to_sign }) =
                authenticate(&wrong, &keys, &mut nonces, &account, T0)
            else {
                panic!("a wrong secret must not verify")
            };
            assert_eq!(server_string_to_sign, wrong.string_to_sign);
            let unknown = signed(&Credentials::new("NOPE", "right"), algorithm, T0, "u");
            assert_eq!(
                authenticate(&unknown, &keys, &mut nonces, &account, T0),
                Err(Failure::InvalidAccessKeyIdNotFound)
            );
        }
    }

    #[test]
    fn sts_keys_need_their_token_until_it_expires() {
        let account = Account::default();
        let mut keys = keys();
        let kind = KeyKind::Sts {
            token: Secret::new("tok"),
            expires: T0 + 900,
            role: "r".into(),
            role_id: "3".into(),
            session: "s".into(),
            session_policy: None,
        };
        keys.insert("STS.1".into(), AccessKey { secret: Secret::new("sts-secret"), kind });
        let mut nonces = Nonces::default();
        let bare = signed(&Credentials::new("STS.1", "sts-secret"), Algorithm::V3, T0, "a");
        assert_eq!(authenticate(&bare, &keys, &mut nonces, &account, T0), Err(Failure::MissingSecurityToken));
        let other =
            signed(&Credentials::new("STS.1", "sts-secret").with_security_token("other"), Algorithm::Rpc, T0, "b");
        assert_eq!(authenticate(&other, &keys, &mut nonces, &account, T0), Err(Failure::SecurityTokenMismatch));
        let good = Credentials::new("STS.1", "sts-secret").with_security_token("tok");
        let p = signed(&good, Algorithm::V3, T0 + 890, "c");
        assert!(matches!(authenticate(&p, &keys, &mut nonces, &account, T0 + 890), Ok(Caller::AssumedRole { .. })));
        let p = signed(&good, Algorithm::V3, T0 + 901, "d");
        assert_eq!(authenticate(&p, &keys, &mut nonces, &account, T0 + 901), Err(Failure::SecurityTokenExpired));
    }
}
