//! `screenshots OUT_DIR`: PNGs of the page's main states — every state on a light English desktop, and the
//! diagnosis on desktop and phone, light and dark, English and Chinese — for the README and `docs/screenshots/`.
//! Run by `cargo xtask screenshots`, which builds the page and the proxy and sets RAM_DOCTOR_DIST and
//! RAM_DOCTOR_PROXY_BIN.

use std::path::PathBuf;
use std::process::ExitCode;

use ram_doctor_e2e::{Browser, HarnessError, PageState, Viewport};

/// One screenshot: a state, in a window, in a language.
#[derive(Debug, Clone, Copy)]
struct Shot {
    state: PageState,
    viewport: Viewport,
    chinese: bool,
}

impl Shot {
    /// `STATE-{desktop,phone}-{light,dark}-{en,zh}.png`.
    fn file_name(&self) -> String {
        let device = if self.viewport.phone { "phone" } else { "desktop" };
        let scheme = if self.viewport.dark { "dark" } else { "light" };
        let lang = if self.chinese { "zh" } else { "en" };
        format!("{}-{device}-{scheme}-{lang}.png", self.state.name())
    }
}

/// Every state on a light English desktop; the diagnosis in each other window, scheme and language.
fn shots() -> Vec<Shot> {
    let desktop = Viewport::DESKTOP;
    let mut shots: Vec<Shot> =
        PageState::ALL.iter().map(|&state| Shot { state, viewport: desktop, chinese: false }).collect();
    for viewport in
        [Viewport::DESKTOP, Viewport::DESKTOP_DARK, Viewport::PHONE, Viewport { dark: true, ..Viewport::PHONE }]
    {
        for chinese in [false, true] {
            if viewport.phone || viewport.dark || chinese {
                shots.push(Shot { state: PageState::Diagnosis, viewport, chinese });
            }
        }
    }
    shots
}

async fn take(shot: Shot, out: &std::path::Path) -> Result<PathBuf, HarnessError> {
    let browser = Browser::open(shot.viewport).await?;
    if shot.chinese {
        browser.switch_language().await?;
    }
    shot.state.reach(&browser).await?;
    // A desktop shot is the whole page; a phone shows one screen, from where the state is.
    if shot.viewport.phone {
        browser.scroll_to(shot.state.focus()).await?;
    }
    let path = out.join(shot.file_name());
    browser.screenshot_to(&path).await?;
    browser.close().await?;
    Ok(path)
}

#[tokio::main]
async fn main() -> ExitCode {
    let Some(out) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: screenshots OUT_DIR (run it through `cargo xtask screenshots`)");
        return ExitCode::FAILURE;
    };
    for shot in shots() {
        match take(shot, &out).await {
            Ok(path) => println!("{}", path.display()),
            Err(e) => {
                eprintln!("screenshots: {}: {e}", shot.file_name());
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
