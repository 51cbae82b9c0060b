//! The page's pieces, each small and fed by props from [`crate::app::App`].

mod copy;
mod credentials;
mod finding;
mod fix;
mod grant;
mod header;
mod input;
mod results;
mod share_link;

pub use credentials::CredentialsPanel;
pub use fix::FixPanel;
pub use header::Header;
pub use input::InputPanel;
pub use results::Results;
pub use share_link::ShareLink;
