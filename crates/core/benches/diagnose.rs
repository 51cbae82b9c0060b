//! Diagnosis throughput in MB/s on a large synthetic Terraform log: many failing resources (Go SDK blocks with
//! `AccessDeniedDetail` maps, old `&common.Error` dumps, Tea errors with JSON data) between ordinary plan output.
//! It also diagnoses inputs of 1, 2, 5 and 10 MB and prints the time per MB, which stays flat when the engine is
//! linear. A plain `harness = false` bench; `cargo xtask bench` runs it.

use std::hint::black_box;
use std::time::Instant;

use ram_doctor_core::{diagnose, Catalog};

/// One apply's worth of log: plan noise and a failure in one of several shapes.
fn chunk(n: usize) -> String {
    let api = ["CreateInstance", "DescribeVpcs", "CreateRole", "AttachPolicyToRole", "PutBucketAcl"][n % 5];
    let noise = format!(
        "2024-06-01T10:{:02}:{:02}.000Z [DEBUG] provider.terraform-provider-alicloud: reading resource alicloud_instance.web[{n}] (id i-bp1{n:06})\n\
         alicloud_instance.web[{n}]: Still creating... [{n}s elapsed]\n\
         2024-06-01T10:00:00.000Z [INFO]  provider: plugin process exited: path=.terraform/providers/aliyun/alicloud pid={n}\n\n",
        n % 60,
        (n * 7) % 60
    );
    let failure = match n % 3 {
        0 => format!(
            "│ Error: [ERROR] terraform-provider-alicloud/alicloud/resource_alicloud_instance.go:{n}: Resource alicloud_instance {api} Failed!!! [SDK alibaba-cloud-sdk-go ERROR]:\n\
             │ SDK.ServerError\n│ ErrorCode: Forbidden.RAM\n│ Recommend: https://api.aliyun.com/troubleshoot?q=Forbidden.RAM&product=Ecs&requestId=R-{n}\n\
             │ RequestId: 6A1B-{n}\n│ Message: User not authorized to operate on the specified resource, or this API doesn't support RAM.\n\
             │ AccessDeniedDetail: map[AuthAction:ecs:{api} AuthPrincipalDisplayName:20{n} AuthPrincipalOwnerId:1{n} AuthPrincipalType:SubUser NoPermissionType:ImplicitDeny PolicyType:AccountLevelIdentityBasedPolicy]\n\n"
        ),
        1 => format!(
            "* alicloud_ram_role.r[{n}]: {api} got an error: &common.Error{{ErrorResponse:common.ErrorResponse{{Response:common.Response{{RequestId:\"8673-{n}\"}}, HostId:\"ram.aliyuncs.com\", Code:\"NoPermission\", Message:\"You are not authorized to do this action. Resource: acs:ram:*:1{n}:role/* Action: ram:{api}\"}}, StatusCode:403}}\n\n"
        ),
        _ => format!(
            "Error: code: 403, STSToken policy Forbidden for action cs:{api} request id: 5E{n} Data: {{\"accessDeniedDetail\":{{\"AuthAction\":\"cs:{api}\",\"AuthPrincipalType\":\"AssumedRoleUser\",\"NoPermissionType\":\"ImplicitDeny\",\"PolicyType\":\"SessionPolicy\"}},\"Code\":\"StatusForbidden\"}}\n\n"
        ),
    };
    noise + &failure
}

fn log_of(bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 4096);
    let mut n = 0;
    while s.len() < bytes {
        s.push_str(&chunk(n));
        n += 1;
    }
    s
}

fn main() {
    let catalog = Catalog::empty();
    let mb = 1024 * 1024;
    println!("diagnose: synthetic Terraform log");
    println!("{:>8} {:>10} {:>10} {:>9}", "size", "time", "MB/s", "findings");
    for size in [1, 2, 5, 10].into_iter().filter(|_| std::env::var_os("DIAGNOSE_BENCH_MB").is_none()) {
        let text = log_of(size * mb);
        diagnose(black_box(&text[..mb.min(text.len())]), &catalog);
        let start = Instant::now();
        let d = diagnose(black_box(&text), &catalog);
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{:>6}MB {:>9.1}ms {:>10.1} {:>9}",
            size,
            secs * 1000.0,
            text.len() as f64 / mb as f64 / secs,
            d.findings.len()
        );
    }
    // Worst cases for a scanner: one huge line, and many unclosed structures.
    let size: usize = std::env::var("DIAGNOSE_BENCH_MB").ok().and_then(|v| v.parse().ok()).unwrap_or(10);
    for (name, unit) in [
        ("one long line", "ErrorCode: Forbidden.RAM Message: x "),
        ("`{\"Code\":` repeated", "{\"Code\":"),
        ("`<Error><Code>` repeated", "<Error><Code>"),
        ("`Failed!!!` repeated", "Resource x CreateUser Failed!!! "),
        ("quotes repeated", "\"Code\": \""),
        ("`aliyun ` repeated", "aliyun aliyun "),
    ] {
        let text = unit.repeat(size * mb / unit.len());
        let start = Instant::now();
        let d = diagnose(black_box(&text), &catalog);
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{size}MB {name:>24}: {:>9.1}ms {:>8.1} MB/s {:>7} findings",
            secs * 1000.0,
            text.len() as f64 / mb as f64 / secs,
            d.findings.len()
        );
    }
}
