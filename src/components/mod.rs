//! The page's pieces, each small and fed by props from [`crate::app::App`].

mod apply;
mod call_error;
mod compare;
mod copy;
mod credentials;
mod decode;
mod error_table;
mod finding;
mod fix;
mod gap;
mod grant;
mod header;
mod input;
mod live_tools;
mod policy_editor;
mod product_picker;
mod results;
mod share_link;
mod simulator;
mod whoami;

pub use credentials::CredentialsPanel;
pub use fix::FixPanel;
pub use header::Header;
pub use input::InputPanel;
pub use live_tools::LiveTools;
pub use policy_editor::PolicyEdits;
pub use product_picker::ProductPick;
pub use results::Results;
pub use share_link::ShareLink;
