//! `--bench-allow-replay` is off unless given: by default a replayed nonce is refused and `/healthz` says only
//! `ok`; with the flag the same signed call is answered again, and `/healthz` and the log say so.

mod common;

use common::{nonce, now, Binary, Client, RAM};

async fn health(base: &str) -> String {
    reqwest::get(format!("{base}/healthz")).await.unwrap().text().await.unwrap()
}

#[tokio::test]
async fn replay_is_refused_by_default_and_allowed_only_with_the_bench_flag() {
    for (args, replay_ok) in [
        (vec!["--access-key", "LTAIbench:bench-secret"], false),
        (vec!["--access-key", "LTAIbench:bench-secret", "--bench-allow-replay"], true),
    ] {
        let emulator = Binary::start(&args);
        let client = Client::new(&emulator.base, "LTAIbench", "bench-secret").rpc();
        let signed = client.sign("ListUsers", RAM, &[], now(), &nonce());
        assert_eq!(client.send(&signed).await.code(), "OK");
        let again = client.send(&signed).await;
        let health = health(&emulator.base).await;
        if replay_ok {
            assert_eq!(again.code(), "OK", "{}", again.text);
            assert!(health.contains("BENCH-ONLY") && health.contains("--bench-allow-replay"), "{health}");
            assert!(emulator.log_text().contains("WARNING: BENCH-ONLY"), "{}", emulator.log_text());
        } else {
            assert_eq!(again.code(), "SignatureNonceUsed", "{}", again.text);
            assert_eq!(health, "ok");
        }
    }
}
