//! Sequences of 50 random RAM calls, sent over a socket and mirrored in a small model: every answer's code must
//! be the model's, and at the end the emulator's lists must equal the model's state.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{allow, in_process, Client};
use ram_doctor_emulator::state::Account;

const USERS: [&str; 3] = ["u0", "u1", "u2"];
const GROUPS: [&str; 2] = ["g0", "g1"];
/// Two custom policies, a system policy that exists and one that does not.
const POLICIES: [(&str, &str); 4] =
    [("Custom", "p0"), ("Custom", "p1"), ("System", "AliyunECSReadOnlyAccess"), ("System", "AliyunNoSuchPolicy")];

/// A small deterministic generator (xorshift), so a failing seed can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

type Attached = Vec<(String, String)>;

#[derive(Default)]
struct Model {
    users: BTreeMap<String, (Vec<String>, Attached)>,
    groups: BTreeMap<String, Attached>,
    /// Version numbers (in creation order) and the default one.
    policies: BTreeMap<String, (Vec<u32>, u32)>,
}

impl Model {
    fn policy_exists(&self, (kind, name): (&str, &str)) -> bool {
        if kind == "System" {
            name == "AliyunECSReadOnlyAccess"
        } else {
            self.policies.contains_key(name)
        }
    }

    /// The answer's code the model expects for a call; applies it when it succeeds.
    fn apply(&mut self, call: &Step) -> &'static str {
        match call {
            Step::CreateUser(u) => {
                if self.users.contains_key(*u) {
                    return "EntityAlreadyExists.User";
                }
                self.users.insert(u.to_string(), Default::default());
            }
            Step::CreateGroup(g) => {
                if self.groups.contains_key(*g) {
                    return "EntityAlreadyExists.Group";
                }
                self.groups.insert(g.to_string(), Default::default());
            }
            Step::AddUserToGroup(u, g) => {
                if !self.groups.contains_key(*g) {
                    return "EntityNotExist.Group";
                }
                let Some((groups, _)) = self.users.get_mut(*u) else {
                    return "EntityNotExist.User";
                };
                if groups.iter().any(|x| x == g) {
                    return "EntityAlreadyExists.User.Group";
                }
                groups.push(g.to_string());
            }
            Step::CreatePolicy(p) => {
                if self.policies.contains_key(*p) {
                    return "EntityAlreadyExists.Policy";
                }
                self.policies.insert(p.to_string(), (vec![1], 1));
            }
            Step::CreatePolicyVersion(p, set_default) => {
                let Some((versions, default)) = self.policies.get_mut(*p) else {
                    return "EntityNotExist.Policy";
                };
                if versions.len() >= 5 {
                    return "LimitExceeded.Policy.Version";
                }
                let next = versions.iter().max().unwrap() + 1;
                versions.push(next);
                if *set_default {
                    *default = next;
                }
            }
            Step::DeletePolicyVersion(p, v) => {
                let Some((versions, default)) = self.policies.get_mut(*p) else {
                    return "EntityNotExist.Policy";
                };
                let Some(at) = versions.iter().position(|x| x == v) else {
                    return "EntityNotExist.Policy.Version";
                };
                if default == v {
                    return "DeleteConflict.PolicyVersion.DefaultVersion";
                }
                versions.remove(at);
            }
            Step::Attach(to_user, target, policy) | Step::Detach(to_user, target, policy) => {
                let attach = matches!(call, Step::Attach(..));
                if !self.policy_exists(*policy) {
                    return "EntityNotExist.Policy";
                }
                let list =
                    if *to_user { self.users.get_mut(*target).map(|u| &mut u.1) } else { self.groups.get_mut(*target) };
                let Some(list) = list else {
                    return if *to_user { "EntityNotExist.User" } else { "EntityNotExist.Group" };
                };
                let entry = (policy.0.to_string(), policy.1.to_string());
                let at = list.iter().position(|x| *x == entry);
                match (attach, at, to_user) {
                    (true, Some(_), true) => return "EntityAlreadyExists.User.Policy",
                    (true, Some(_), false) => return "EntityAlreadyExists.Group.Policy",
                    (true, None, _) => list.push(entry),
                    (false, None, true) => return "EntityNotExist.User.Policy",
                    (false, None, false) => return "EntityNotExist.Group.Policy",
                    (false, Some(i), _) => {
                        list.remove(i);
                    }
                }
            }
        }
        "OK"
    }
}

#[derive(Debug)]
enum Step {
    CreateUser(&'static str),
    CreateGroup(&'static str),
    AddUserToGroup(&'static str, &'static str),
    CreatePolicy(&'static str),
    CreatePolicyVersion(&'static str, bool),
    DeletePolicyVersion(&'static str, u32),
    /// To a user (true) or a group, the target's name, the policy.
    Attach(bool, &'static str, (&'static str, &'static str)),
    Detach(bool, &'static str, (&'static str, &'static str)),
}

fn random_step(rng: &mut Rng) -> Step {
    let to_user = rng.below(2) == 0;
    let target = if to_user { rng.pick(&USERS) } else { rng.pick(&GROUPS) };
    // Versions are created often enough to reach the 5-version limit.
    match rng.below(12) {
        0 => Step::CreateUser(rng.pick(&USERS)),
        1 => Step::CreateGroup(rng.pick(&GROUPS)),
        2 => Step::AddUserToGroup(rng.pick(&USERS), rng.pick(&GROUPS)),
        3 => Step::CreatePolicy(rng.pick(&["p0", "p1"])),
        4 | 9 | 10 | 11 => Step::CreatePolicyVersion(rng.pick(&["p0", "p1"]), rng.below(2) == 0),
        5 => Step::DeletePolicyVersion(rng.pick(&["p0", "p1"]), 1 + rng.below(5) as u32),
        6 | 7 => Step::Attach(to_user, target, rng.pick(&POLICIES)),
        _ => Step::Detach(to_user, target, rng.pick(&POLICIES)),
    }
}

async fn send(client: &Client, step: &Step, document: &str) -> String {
    let target_param = |to_user: bool| if to_user { "UserName" } else { "GroupName" };
    let (action, params): (String, Vec<(&str, String)>) = match step {
        Step::CreateUser(u) => ("CreateUser".into(), vec![("UserName", u.to_string())]),
        Step::CreateGroup(g) => ("CreateGroup".into(), vec![("GroupName", g.to_string())]),
        Step::AddUserToGroup(u, g) => {
            ("AddUserToGroup".into(), vec![("UserName", u.to_string()), ("GroupName", g.to_string())])
        }
        Step::CreatePolicy(p) => {
            ("CreatePolicy".into(), vec![("PolicyName", p.to_string()), ("PolicyDocument", document.into())])
        }
        Step::CreatePolicyVersion(p, d) => (
            "CreatePolicyVersion".into(),
            vec![("PolicyName", p.to_string()), ("PolicyDocument", document.into()), ("SetAsDefault", d.to_string())],
        ),
        Step::DeletePolicyVersion(p, v) => {
            ("DeletePolicyVersion".into(), vec![("PolicyName", p.to_string()), ("VersionId", format!("v{v}"))])
        }
        Step::Attach(to_user, t, (kind, name)) | Step::Detach(to_user, t, (kind, name)) => {
            let verb = if matches!(step, Step::Attach(..)) { "AttachPolicyTo" } else { "DetachPolicyFrom" };
            let noun = if *to_user { "User" } else { "Group" };
            (
                format!("{verb}{noun}"),
                vec![
                    ("PolicyType", kind.to_string()),
                    ("PolicyName", name.to_string()),
                    (target_param(*to_user), t.to_string()),
                ],
            )
        }
    };
    let params: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    client.ram(&action, &params).await.code().to_string()
}

/// `[(type, name)]` of a `Policies.Policy` list.
fn attached(body: &serde_json::Value) -> Attached {
    let list = body["Policies"]["Policy"].as_array().unwrap();
    list.iter()
        .map(|p| (p["PolicyType"].as_str().unwrap().to_string(), p["PolicyName"].as_str().unwrap().to_string()))
        .collect()
}

async fn check_final_state(client: &Client, model: &Model) {
    let users = client.ram("ListUsers", &[]).await.ok();
    let names: BTreeSet<&str> =
        users["Users"]["User"].as_array().unwrap().iter().map(|u| u["UserName"].as_str().unwrap()).collect();
    assert_eq!(names, model.users.keys().map(String::as_str).collect());
    for (user, (groups, policies)) in &model.users {
        assert_eq!(&attached(&client.ram("ListPoliciesForUser", &[("UserName", user)]).await.ok()), policies, "{user}");
        let listed = client.ram("ListGroupsForUser", &[("UserName", user)]).await.ok();
        let listed: Vec<&str> =
            listed["Groups"]["Group"].as_array().unwrap().iter().map(|g| g["GroupName"].as_str().unwrap()).collect();
        assert_eq!(listed, *groups, "{user}");
    }
    for (group, policies) in &model.groups {
        assert_eq!(
            &attached(&client.ram("ListPoliciesForGroup", &[("GroupName", group)]).await.ok()),
            policies,
            "{group}"
        );
    }
    for (policy, (versions, default)) in &model.policies {
        let listed = client.ram("ListPolicyVersions", &[("PolicyType", "Custom"), ("PolicyName", policy)]).await.ok();
        let listed = listed["PolicyVersions"]["PolicyVersion"].as_array().unwrap().clone();
        let ids: Vec<String> = listed.iter().map(|v| v["VersionId"].as_str().unwrap().to_string()).collect();
        assert_eq!(ids, versions.iter().map(|v| format!("v{v}")).collect::<Vec<_>>(), "{policy}");
        let defaults: Vec<&str> =
            listed.iter().filter(|v| v["IsDefaultVersion"] == true).map(|v| v["VersionId"].as_str().unwrap()).collect();
        assert_eq!(defaults, [format!("v{default}")], "{policy}");
    }
}

#[tokio::test]
async fn fifty_random_calls_agree_with_the_model() {
    let document = allow("ecs:DescribeInstances");
    let mut seen = BTreeSet::new();
    for seed in [0x9E37_79B9_7F4A_7C15u64, 42, 7_777_777] {
        let (base, _emulator) = in_process(&[("LTAIroot", "model-secret")], Account::default()).await;
        let client = Client::new(&base, "LTAIroot", "model-secret");
        let mut rng = Rng(seed);
        let mut model = Model::default();
        let mut outcomes = BTreeSet::new();
        for i in 0..50 {
            let step = random_step(&mut rng);
            let expected = model.apply(&step);
            let got = send(&client, &step, &document).await;
            assert_eq!(got, expected, "seed {seed:#x}, call {i}: {step:?}");
            outcomes.insert(got);
        }
        check_final_state(&client, &model).await;
        seen.extend(outcomes);
    }
    for code in [
        "OK",
        "LimitExceeded.Policy.Version",
        "DeleteConflict.PolicyVersion.DefaultVersion",
        "EntityNotExist.Policy.Version",
    ] {
        assert!(seen.contains(code), "no seed reached {code}: {seen:?}");
    }
}
