//! `ram-doctor grant [FILE|-] [--for user:NAME|group:NAME|role:NAME] [--policy-name NAME]
//! [--format json|console|cli|terraform|ros] [--lang en|zh]`: the fix for the errors in a text.

use std::path::PathBuf;
use std::process::ExitCode;

use ram_doctor_core::grant::{render, Format, GrantPlan, Lang, PlanOptions, PolicyName, RenderOptions, Target};
use ram_doctor_core::policy::build::{BuildOptions, Conditions, Scope};

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum FormatArg {
    Json,
    Console,
    Cli,
    Terraform,
    Ros,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Json => Format::Json,
            FormatArg::Console => Format::Console,
            FormatArg::Cli => Format::Cli,
            FormatArg::Terraform => Format::Terraform,
            FormatArg::Ros => Format::Ros,
        }
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum ScopeArg {
    Exact,
    Region,
    Account,
    Any,
}

impl From<ScopeArg> for Scope {
    fn from(s: ScopeArg) -> Scope {
        match s {
            ScopeArg::Exact => Scope::Exact,
            ScopeArg::Region => Scope::Region,
            ScopeArg::Account => Scope::Account,
            ScopeArg::Any => Scope::Any,
        }
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum LangArg {
    En,
    Zh,
}

#[derive(clap::Args)]
pub struct Args {
    /// The error text: a file, or `-` (or nothing) for standard input.
    pub file: Option<PathBuf>,
    /// Who gets the grant: user:NAME, group:NAME or role:NAME (a bare kind leaves a placeholder).
    #[arg(long = "for", value_name = "KIND:NAME", value_parser = parse_target)]
    pub target: Option<Target>,
    /// Name of the custom policy (letters, digits, '-'; at most 128); generated and stable when omitted.
    #[arg(long, value_name = "NAME", value_parser = parse_policy_name)]
    pub policy_name: Option<PolicyName>,
    /// json: the plan with each policy minified and its size; console: numbered steps; cli: aliyun commands
    /// for bash and PowerShell; terraform: alicloud provider; ros: a template in YAML and JSON.
    #[arg(long, value_enum, default_value = "console")]
    pub format: FormatArg,
    /// Language of the words around the code.
    #[arg(long, value_enum, default_value = "en")]
    pub lang: LangArg,
    /// How far to widen resources beyond what the error names.
    #[arg(long, value_enum, default_value = "exact")]
    pub scope: ScopeArg,
    /// One custom policy per product instead of one for all.
    #[arg(long)]
    pub per_product: bool,
    /// Add the product's Describe*/List*/Get* so its console can list resources.
    #[arg(long)]
    pub read_actions: bool,
    /// Allow only from these addresses or CIDRs (acs:SourceIp); repeat for several.
    #[arg(long, value_name = "CIDR")]
    pub source_ip: Vec<String>,
    /// Allow only over HTTPS (acs:SecureTransport).
    #[arg(long)]
    pub https_only: bool,
    /// Allow only with MFA (acs:MFAPresent).
    #[arg(long)]
    pub mfa: bool,
    /// The grant stops working after this time, e.g. 2026-12-31T23:59:59Z (acs:CurrentTime).
    #[arg(long, value_name = "TIME")]
    pub expires: Option<String>,
}

fn parse_target(s: &str) -> Result<Target, String> {
    Target::parse(s).map_err(|e| e.to_string())
}

fn parse_policy_name(s: &str) -> Result<PolicyName, String> {
    PolicyName::parse(s).map_err(|e| e.to_string())
}

pub fn run(args: Args) -> ExitCode {
    let (catalog, diagnosis) = match crate::input::diagnose_input(args.file.as_deref()) {
        Ok(found) => found,
        Err(code) => return code,
    };
    let build = BuildOptions {
        scope: args.scope.into(),
        conditions: Conditions {
            source_ips: args.source_ip,
            secure_transport: args.https_only,
            expires: args.expires,
            mfa: args.mfa,
        },
        include_read_actions: args.read_actions,
        per_product: args.per_product,
    };
    let options = PlanOptions { target: args.target, policy_name: args.policy_name, build, product: None };
    let plan = match GrantPlan::from_findings(&diagnosis.findings, &catalog, &options) {
        Ok(p) => p,
        Err(e) => return crate::input::fail(&e.to_string()),
    };
    let lang = match args.lang {
        LangArg::En => Lang::En,
        LangArg::Zh => Lang::Zh,
    };
    // JSON stays machine-readable (an empty plan); the other formats say plainly that there is nothing to do.
    if diagnosis.findings.is_empty() && !matches!(args.format, FormatArg::Json) {
        println!(
            "{}",
            lang.tr(
                "No Alibaba Cloud error found in the text: nothing to grant.",
                "文本中没有找到阿里云错误：无需授权。"
            )
        );
        return ExitCode::SUCCESS;
    }
    print!("{}", render(args.format.into(), &plan, &RenderOptions { lang }));
    ExitCode::SUCCESS
}
