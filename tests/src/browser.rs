//! One headless Chromium session on the page served by a fresh proxy, with the few actions the journeys need.

use std::path::{Path, PathBuf};
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use tokio::sync::{Mutex, MutexGuard};

use crate::chromedriver::ChromeDriver;
use crate::live::{Emulator, UPSTREAM_HOSTS};
use crate::service::Service;
use crate::{required_path, screenshot_dir, HarnessError, DIST_ENV, PROXY_BIN_ENV};

/// The Chromium the tests drive (Debian's `chromium` package).
const CHROMIUM: &str = "/usr/bin/chromium";
/// How long to wait for the page to show something.
const WAIT: Duration = Duration::from_secs(15);

/// One browser at a time: the machine is small and Chromium is not.
/// An async lock: the turn is held across the awaits of a whole test.
static ONE_BROWSER: Mutex<()> = Mutex::const_new(());

/// The page's viewport in CSS pixels.
#[derive(Debug, Clone, Copy)]
pub struct Viewport {
    pub width: u32,
    pub height: u32,
    /// Emulate a phone (touch, device metrics): headless Chromium's window cannot be narrower than 500px.
    pub phone: bool,
    /// Ask for the dark colour scheme (`prefers-color-scheme: dark`), as a system in dark mode does.
    pub dark: bool,
}

impl Viewport {
    pub const DESKTOP: Viewport = Viewport { width: 1280, height: 1000, phone: false, dark: false };
    /// The desktop window with the system in dark mode.
    pub const DESKTOP_DARK: Viewport = Viewport { dark: true, ..Viewport::DESKTOP };
    /// An iPhone 12-class phone.
    pub const PHONE: Viewport = Viewport { width: 390, height: 844, phone: true, dark: false };
}

/// A fresh Chromium profile folder, removed on drop (after the browser is gone).
struct Profile(PathBuf);

impl Profile {
    fn create() -> Result<Profile, HarnessError> {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("ram-doctor-e2e-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)
            .map_err(|source| HarnessError::Spawn { program: format!("profile dir {}", dir.display()), source })?;
        Ok(Profile(dir))
    }
}

impl Drop for Profile {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A Chromium session on the page. Fields drop in order: session, then chromedriver's whole process group,
/// then the profile folder, then the proxy, then the lock.
pub struct Browser {
    client: Client,
    /// The page's address, `http://127.0.0.1:PORT/`.
    pub base_url: String,
    viewport: Viewport,
    _driver: ChromeDriver,
    _profile: Profile,
    proxy: Service,
    _turn: MutexGuard<'static, ()>,
}

impl Browser {
    /// Starts the proxy and Chromium and opens the page (empty, no fragment).
    pub async fn open(viewport: Viewport) -> Result<Browser, HarnessError> {
        Browser::open_with(viewport, None).await
    }

    /// Like [`Browser::open`], with the proxy relaying RAM, STS and IMS to `emulator` (its `--upstream` override).
    pub async fn open_live(viewport: Viewport, emulator: &Emulator) -> Result<Browser, HarnessError> {
        Browser::open_with(viewport, Some(emulator)).await
    }

    /// Like [`Browser::open_live`], serving the page from `dist` instead of the built one (a copy with extra files).
    pub async fn open_live_from(viewport: Viewport, emulator: &Emulator, dist: &Path) -> Result<Browser, HarnessError> {
        Browser::open_from(viewport, Some(emulator), dist.to_path_buf()).await
    }

    async fn open_with(viewport: Viewport, emulator: Option<&Emulator>) -> Result<Browser, HarnessError> {
        Browser::open_from(viewport, emulator, required_path(DIST_ENV)?).await
    }

    async fn open_from(
        viewport: Viewport,
        emulator: Option<&Emulator>,
        dist: PathBuf,
    ) -> Result<Browser, HarnessError> {
        let browser = Browser::start(viewport, emulator, dist).await?;
        browser.goto(&browser.base_url.clone()).await?;
        Ok(browser)
    }

    /// A fresh Chromium (empty profile: nothing cached, nothing compiled) whose first navigation is the page at
    /// `fragment` (`#…`, a share link's); returns once that page has loaded, so a test can read its timings.
    pub async fn open_cold(viewport: Viewport, fragment: &str) -> Result<Browser, HarnessError> {
        let browser = Browser::start(viewport, None, required_path(DIST_ENV)?).await?;
        let url = format!("{}{fragment}", browser.base_url);
        browser.client.goto(&url).await.map_err(cmd(format!("opening {url}")))?;
        Ok(browser)
    }

    /// The proxy on `dist` and a Chromium session on `about:blank`.
    async fn start(viewport: Viewport, emulator: Option<&Emulator>, dist: PathBuf) -> Result<Browser, HarnessError> {
        let turn = ONE_BROWSER.lock().await;
        let proxy_bin = required_path(PROXY_BIN_ENV)?;
        let mut args = vec!["--addr".into(), "127.0.0.1:0".into(), "--dist".into(), dist.into_os_string()];
        if let Some(emulator) = emulator {
            for host in UPSTREAM_HOSTS {
                args.extend(["--upstream".into(), format!("{host}={}", emulator.url()).into()]);
            }
        }
        let proxy = Service::start(&proxy_bin, &args)?;
        let profile = Profile::create()?;
        let driver = ChromeDriver::start()?;
        let mut caps = fantoccini::wd::Capabilities::new();
        let mut chrome_options = json!({
            "binary": CHROMIUM,
            "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--hide-scrollbars",
                    format!("--user-data-dir={}", profile.0.display()),
                    format!("--window-size={},{}", viewport.width, viewport.height),
                ],
        });
        if viewport.dark {
            // Blink's preferred scheme 0 is dark: what `prefers-color-scheme` reports to the page.
            if let Some(args) = chrome_options["args"].as_array_mut() {
                args.extend([json!("--force-dark-mode"), json!("--blink-settings=preferredColorScheme=0")]);
            }
        }
        if viewport.phone {
            chrome_options["mobileEmulation"] = json!({
                "deviceMetrics": { "width": viewport.width, "height": viewport.height, "pixelRatio": 2.0, "touch": true, "mobile": true }
            });
        }
        caps.insert("goog:chromeOptions".to_string(), chrome_options);
        let client = ClientBuilder::rustls()
            .map_err(|e| HarnessError::Session(e.to_string()))?
            .capabilities(caps)
            .connect(&driver.url())
            .await
            .map_err(|e| HarnessError::Session(e.to_string()))?;
        let browser = Browser {
            client,
            base_url: proxy.url.clone(),
            viewport,
            _driver: driver,
            _profile: profile,
            proxy,
            _turn: turn,
        };
        Ok(browser)
    }

    /// What the proxy logged so far.
    pub fn proxy_log(&self) -> String {
        self.proxy.log()
    }

    /// Loads `url` and waits until the app has rendered its input box; then starts recording page errors.
    pub async fn goto(&self, url: &str) -> Result<(), HarnessError> {
        self.client.goto(url).await.map_err(cmd(format!("opening {url}")))?;
        self.wait_for("#input").await?;
        self.run(
            "window.__errors = []; \
             window.addEventListener('error', e => window.__errors.push(String(e.message || e.error))); \
             window.addEventListener('unhandledrejection', e => window.__errors.push(String(e.reason)));",
            vec![],
        )
        .await?;
        Ok(())
    }

    /// Leaves the page for `about:blank`, so that the next [`Browser::goto`] is a fresh load even for the same URL.
    pub async fn leave(&self) -> Result<(), HarnessError> {
        self.client.goto("about:blank").await.map_err(cmd("leaving the page".to_string()))
    }

    /// Puts `text` in the element as a paste does: the whole value at once, then one `input` event.
    pub async fn paste(&self, css: &str, text: &str) -> Result<(), HarnessError> {
        self.run(
            "const el = document.querySelector(arguments[0]); el.focus(); el.value = arguments[1]; \
             el.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![json!(css), json!(text)],
        )
        .await
        .map(drop)
    }

    /// Types `text` key by key into the element.
    pub async fn type_text(&self, css: &str, text: &str) -> Result<(), HarnessError> {
        let el = self.wait_for(css).await?;
        el.send_keys(text).await.map_err(cmd(format!("typing into {css}")))
    }

    pub async fn click(&self, css: &str) -> Result<(), HarnessError> {
        let el = self.wait_for(css).await?;
        el.click().await.map_err(cmd(format!("clicking {css}")))
    }

    /// The first element matching `css`, waiting for it to appear.
    pub async fn wait_for(&self, css: &str) -> Result<Element, HarnessError> {
        self.client.wait().at_most(WAIT).for_element(Locator::Css(css)).await.map_err(cmd(format!("waiting for {css}")))
    }

    /// Whether an element matching `css` is on the page right now.
    pub async fn has(&self, css: &str) -> Result<bool, HarnessError> {
        Ok(!self.client.find_all(Locator::Css(css)).await.map_err(cmd(format!("looking for {css}")))?.is_empty())
    }

    /// The visible text of the first element matching `css` (waiting for it).
    pub async fn text(&self, css: &str) -> Result<String, HarnessError> {
        let el = self.wait_for(css).await?;
        el.text().await.map_err(cmd(format!("reading {css}")))
    }

    /// The visible texts of every element matching `css` right now.
    pub async fn texts(&self, css: &str) -> Result<Vec<String>, HarnessError> {
        let mut out = Vec::new();
        for el in self.client.find_all(Locator::Css(css)).await.map_err(cmd(format!("finding {css}")))? {
            out.push(el.text().await.map_err(cmd(format!("reading {css}")))?);
        }
        Ok(out)
    }

    /// The `value` property of the first element matching `css` (inputs and text areas).
    pub async fn value(&self, css: &str) -> Result<String, HarnessError> {
        let el = self.wait_for(css).await?;
        Ok(el.prop("value").await.map_err(cmd(format!("reading the value of {css}")))?.unwrap_or_default())
    }

    /// The address bar.
    pub async fn url(&self) -> Result<String, HarnessError> {
        Ok(self.client.current_url().await.map_err(cmd("reading the URL".to_string()))?.to_string())
    }

    /// Runs a script (`arguments[i]` are `args`) and returns what it returns.
    pub async fn run(&self, script: &str, args: Vec<Value>) -> Result<Value, HarnessError> {
        self.client.execute(script, args).await.map_err(cmd(format!("running {script:.60}")))
    }

    /// Runs an asynchronous script: it calls its last argument (after `args`) with the result.
    pub async fn run_async(&self, script: &str, args: Vec<Value>) -> Result<Value, HarnessError> {
        self.client.execute_async(script, args).await.map_err(cmd(format!("running {script:.60}")))
    }

    /// Sends `keys` (text or WebDriver key codes such as [`crate::keys::TAB`]) to whatever has the focus, as the
    /// keyboard does.
    pub async fn press(&self, keys: &str) -> Result<(), HarnessError> {
        let focused = self.client.active_element().await.map_err(cmd("finding the focused element".to_string()))?;
        focused.send_keys(keys).await.map_err(cmd(format!("pressing {keys:?}")))
    }

    /// Uncaught errors and rejections the page raised since it was loaded (a Rust panic shows up here).
    pub async fn page_errors(&self) -> Result<Vec<String>, HarnessError> {
        let errors = self.run("return window.__errors || [];", vec![]).await?;
        Ok(errors.as_array().into_iter().flatten().map(|e| e.as_str().unwrap_or_default().to_string()).collect())
    }

    /// Saves a PNG of the whole page under `target/e2e-screenshots/<name>.png` and returns its path.
    /// The window grows to the page's height for the shot on a desktop viewport; an emulated phone keeps its
    /// screen (scroll with [`Browser::scroll_to`] to shoot further down).
    pub async fn screenshot(&self, name: &str) -> Result<PathBuf, HarnessError> {
        let path = screenshot_dir().join(format!("{name}.png"));
        self.screenshot_to(&path).await?;
        Ok(path)
    }

    /// Like [`Browser::screenshot`], written to `path` (its folder is created).
    pub async fn screenshot_to(&self, path: &Path) -> Result<(), HarnessError> {
        let doing = || format!("taking screenshot {}", path.display());
        let size = self
            .run("return [window.outerWidth, window.outerHeight, document.documentElement.scrollHeight, window.innerHeight];", vec![])
            .await?;
        let [width, outer, page, inner] = [0, 1, 2, 3].map(|i| size[i].as_u64().unwrap_or(0) as u32);
        let grow = !self.viewport.phone && page > inner && width > 0;
        if grow {
            self.client.set_window_size(width, outer + (page - inner)).await.map_err(cmd(doing()))?;
        }
        let png = self.client.screenshot().await.map_err(cmd(doing()));
        if grow {
            self.client.set_window_size(width, outer).await.map_err(cmd(doing()))?;
        }
        save_png(path, &png?)
    }

    /// Scrolls so the first element matching `css` is at the top of the screen.
    pub async fn scroll_to(&self, css: &str) -> Result<(), HarnessError> {
        self.wait_for(css).await?;
        self.run("document.querySelector(arguments[0]).scrollIntoView({ block: 'start' });", vec![json!(css)])
            .await
            .map(drop)
    }

    /// Ends the session politely; dropping without closing also cleans up, just more abruptly.
    pub async fn close(self) -> Result<(), HarnessError> {
        self.client.clone().close().await.map_err(cmd("closing the session".to_string()))
    }
}

/// Writes `png` to `path`, creating its folder.
fn save_png(path: &Path, png: &[u8]) -> Result<(), HarnessError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(path, png))
        .map_err(|source| HarnessError::Screenshot { path: path.to_path_buf(), source })
}

fn cmd(doing: String) -> impl FnOnce(fantoccini::error::CmdError) -> HarnessError {
    move |e| HarnessError::Command { doing, detail: e.to_string() }
}
