//! Steps many journeys take, as [`Browser`] methods.

use std::time::Duration;

use serde_json::Value;

use crate::{Browser, HarnessError};

/// The results once the diagnosis is final (every product shard the engine asked for is loaded).
const DIAGNOSED: &str = "#results[data-state='ready'] .finding, #results[data-state='ready'] #no-error";

impl Browser {
    /// Pastes `text`, presses "Diagnose" and waits until the diagnosis is final.
    pub async fn diagnose(&self, text: &str) -> Result<(), HarnessError> {
        self.paste("#input", text).await?;
        self.click("#diagnose").await?;
        self.wait_for_diagnosis().await
    }

    /// Waits until the results show findings or "no error", with every shard the engine asked for loaded.
    pub async fn wait_for_diagnosis(&self) -> Result<(), HarnessError> {
        self.wait_for(DIAGNOSED).await.map(drop)
    }

    /// Waits until the results have stayed ready, with no shard fetch under way, for half a second: a shard
    /// that arrives late re-renders the cards.
    pub async fn wait_until_settled(&self) -> Result<(), HarnessError> {
        let ready = "return document.querySelector(\"#results[data-state='ready']\") !== null;";
        let mut steady = 0;
        for _ in 0..100 {
            steady = if self.run(ready, vec![]).await? == Value::Bool(true) { steady + 1 } else { 0 };
            if steady >= 5 {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(HarnessError::Command {
            doing: "waiting for the results to settle".to_string(),
            detail: "10 s".to_string(),
        })
    }

    /// Switches the page to its other language with the header's toggle.
    pub async fn switch_language(&self) -> Result<(), HarnessError> {
        self.click("#lang-toggle").await
    }
}
