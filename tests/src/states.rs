//! The page's main states, reached from a fresh page: what the accessibility test checks and what
//! `cargo xtask screenshots` shoots.

use crate::samples::{ECS_FORBIDDEN, HBR_CONSOLE, TWO_PRODUCTS_CONSOLE};
use crate::{Browser, HarnessError};

/// One of the page's main states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageState {
    /// Nothing pasted: the hint, the fix and live panels empty.
    Empty,
    /// A `Forbidden.RAM` JSON diagnosed: the finding, its grant, the fix and the share link.
    Diagnosis,
    /// The console's sentence near two products: the product picker, its list open.
    ProductPicker,
    /// The Cloud Backup console message: the options compared, ReadOnly against Full.
    Compare,
    /// The diagnosis with "Try it" open on the diagnosed need.
    Simulator,
}

impl PageState {
    pub const ALL: [PageState; 5] =
        [PageState::Empty, PageState::Diagnosis, PageState::ProductPicker, PageState::Compare, PageState::Simulator];

    /// A short name for file names and messages.
    pub fn name(self) -> &'static str {
        match self {
            PageState::Empty => "empty",
            PageState::Diagnosis => "diagnosis",
            PageState::ProductPicker => "product-picker",
            PageState::Compare => "compare",
            PageState::Simulator => "simulator",
        }
    }

    /// Where this state's news is: the element a one-screen shot of it starts at.
    pub fn focus(self) -> &'static str {
        match self {
            PageState::Empty => "body",
            PageState::Diagnosis => "#finding-0",
            PageState::ProductPicker => "#finding-0 .picker",
            PageState::Compare => "#finding-0 .compare",
            PageState::Simulator => "#simulator-0",
        }
    }

    /// Brings a freshly opened page (in any language) to this state.
    pub async fn reach(self, browser: &Browser) -> Result<(), HarnessError> {
        match self {
            PageState::Empty => browser.wait_for("#hint").await.map(drop),
            PageState::Diagnosis => browser.diagnose(ECS_FORBIDDEN).await,
            PageState::ProductPicker => {
                browser.diagnose(TWO_PRODUCTS_CONSOLE).await?;
                browser.wait_until_settled().await?;
                browser.click("#product-picker-0").await?;
                browser.wait_for("#product-options-0:not([hidden]) [role=option]").await.map(drop)
            }
            PageState::Compare => {
                browser.diagnose(HBR_CONSOLE).await?;
                browser.wait_until_settled().await?;
                browser.wait_for("#finding-0 .compare .option").await.map(drop)
            }
            PageState::Simulator => {
                browser.diagnose(ECS_FORBIDDEN).await?;
                browser.wait_until_settled().await?;
                browser.click("#simulator-0 summary").await?;
                browser.wait_for("#simulator-0 .verdict").await.map(drop)
            }
        }
    }
}
