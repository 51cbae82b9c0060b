//! Reading `data/index.json` and `data/shards/<ram_code>.json` into [`format`](super::format)'s rows by hand.
//!
//! The files are the JSON that `cargo xtask catalog` writes; serde's derived readers for those rows were ≈ 46 KB of
//! the page's wasm (≈ 11 KB brotli). Rows are read with [`crate::json`]'s reader, one straight-line function per
//! row type. It accepts what serde_json accepts for these shapes (the committed files and the sample index read
//! equal both ways: `tests/catalog_rows.rs`) and says where anything else goes wrong, as a
//! [`CatalogError::Json`]; it never panics.

use super::error::CatalogError;
use super::format::{
    ApiRow, ErrorRow, IndexFile, PolicyRow, ProductRow, RoleRow, RoleText, SentenceRow, ShardErrorRow, ShardFile,
    SourceRow, TerraformRow,
};
use super::model::{AccessLevel, Granularity, PolicyKind};
use crate::finding::Kind;
use crate::json::{row, Reader};

/// Reads `data/index.json`; `file` names it in errors.
pub fn read_index(bytes: &[u8], file: &str) -> Result<IndexFile, CatalogError> {
    read(bytes, file, index)
}

/// Reads `data/shards/<ram_code>.json`; `file` names it in errors.
pub fn read_shard(bytes: &[u8], file: &str) -> Result<ShardFile, CatalogError> {
    read(bytes, file, shard)
}

/// Reads of `data/shards/<ram_code>.json` only what the whole catalog needs at load (the API rows' version
/// positions, names and error positions; their other fields are passed over, left empty): the embedded catalog
/// reads every shard so at start, and each whole at its first question ([`read_shard`]).
pub fn read_shard_outline(bytes: &[u8], file: &str) -> Result<ShardFile, CatalogError> {
    read(bytes, file, shard_outline)
}

fn read<T>(bytes: &[u8], file: &str, whole: fn(&mut Reader) -> T) -> Result<T, CatalogError> {
    Reader::read_all(bytes, whole).map_err(|e| CatalogError::Json {
        file: file.to_string(),
        line: e.line,
        column: e.column,
        message: e.message,
    })
}

fn index(r: &mut Reader) -> IndexFile {
    let (mut format, mut sources, mut products, mut policies, mut roles, mut role_templates, mut errors) =
        (None, None, None, None, None, None, None);
    let (mut sentences, mut terraform) = (None, None);
    r.object(|r, key| match key {
        "format" => r.once(&mut format, Reader::u32),
        "sources" => r.once(&mut sources, |r| r.list(|r| row!(r, SourceRow, r.string(), r.string(), r.string()))),
        "products" => r.once(&mut products, |r| r.list(product)),
        "policies" => r.once(&mut policies, |r| r.list(policy)),
        "roles" => r.once(&mut roles, |r| r.list(role)),
        "role_templates" => r.once(&mut role_templates, Reader::strings),
        "errors" => r.once(&mut errors, |r| r.list(error)),
        "sentences" => r.once(&mut sentences, |r| r.list(sentence)),
        "terraform" => r.once(&mut terraform, |r| {
            r.list(|r| row!(r, TerraformRow, r.string(), r.strings(), r.optional(Reader::string)))
        }),
        _ => r.skip(),
    });
    IndexFile {
        format: r.required(format, "format"),
        sources: r.required(sources, "sources"),
        products: r.required(products, "products"),
        policies: r.required(policies, "policies"),
        roles: r.required(roles, "roles"),
        role_templates: r.required(role_templates, "role_templates"),
        errors: r.required(errors, "errors"),
        sentences: sentences.unwrap_or_default(),
        terraform: terraform.unwrap_or_default(),
    }
}

fn shard(r: &mut Reader) -> ShardFile {
    shard_with(r, api)
}

fn shard_outline(r: &mut Reader) -> ShardFile {
    shard_with(r, api_outline)
}

fn shard_with(r: &mut Reader, api: fn(&mut Reader) -> ApiRow) -> ShardFile {
    let (mut format, mut ram_code, mut errors, mut versions, mut apis) = (None, None, None, None, None);
    let mut operations = None;
    r.object(|r, key| match key {
        "format" => r.once(&mut format, Reader::u32),
        "ram_code" => r.once(&mut ram_code, Reader::string),
        "errors" => r.once(&mut errors, |r| {
            r.list(|r| row!(r, ShardErrorRow, r.string(), r.statuses(), r.optional(Reader::string)))
        }),
        "versions" => r.once(&mut versions, Reader::pairs),
        "apis" => r.once(&mut apis, |r| r.list(api)),
        "operations" => r.once(&mut operations, Reader::pairs),
        _ => r.skip(),
    });
    ShardFile {
        format: r.required(format, "format"),
        ram_code: r.required(ram_code, "ram_code"),
        errors: r.required(errors, "errors"),
        versions: r.required(versions, "versions"),
        apis: r.required(apis, "apis"),
        operations: operations.unwrap_or_default(),
    }
}

fn product(r: &mut Reader) -> ProductRow {
    row!(
        r,
        ProductRow,
        r.string(),
        r.string(),
        r.strings(),
        r.string(),
        r.optional(Reader::string),
        r.strings(),
        r.optional(|r| r.named(Granularity::Service)),
        r.bool(),
        r.optional(Reader::string),
        r.strings(),
        r.u32(),
        r.optional(Reader::string),
        r.optional(Reader::string),
        r.strings(),
        r.strings(),
        r.pairs(),
    )
}

fn policy(r: &mut Reader) -> PolicyRow {
    row!(
        r,
        PolicyRow,
        r.string(),
        r.optional(Reader::string),
        r.named(PolicyKind::Other),
        r.string(),
        r.bool(),
        r.bool(),
        r.optional(Reader::string),
        r.optional(Reader::value),
    )
}

fn role(r: &mut Reader) -> RoleRow {
    row!(
        r,
        RoleRow,
        r.string(),
        r.string(),
        r.string(),
        r.bool(),
        r.optional(Reader::string),
        r.optional(Reader::string),
        r.optional(role_text),
        r.optional(role_text),
    )
}

/// A template's position (a number) or the text itself (a string).
fn role_text(r: &mut Reader) -> RoleText {
    match r.peek() {
        b'"' => RoleText::Plain(r.string()),
        _ => RoleText::Template(r.u32()),
    }
}

fn error(r: &mut Reader) -> ErrorRow {
    row!(
        r,
        ErrorRow,
        r.string(),
        r.statuses(),
        r.optional(Reader::string),
        r.strings(),
        r.optional(|r| r.named(Kind::Other))
    )
}

fn sentence(r: &mut Reader) -> SentenceRow {
    row!(r, SentenceRow, r.string(), r.strings(), r.optional(Reader::string), r.string())
}

fn api(r: &mut Reader) -> ApiRow {
    row!(
        r,
        ApiRow,
        r.u32(),
        r.string(),
        r.named(AccessLevel::None),
        r.bool(),
        r.strings(),
        r.list(Reader::u32),
        r.optional(Reader::string),
        r.optional(Reader::string),
        r.optional(Reader::string),
        r.bool(),
    )
}

/// An API row's version position, name and error positions; the rest passed over without a copy (a shard's load
/// copied every title, path and parameter of 25 000 APIs: 253 M instructions a run of the CLI, callgrind). The
/// generator writes a row per line, whose access level, flag and parameter names (identifiers) hold no `],`: the
/// error positions follow the first one on the line (the outline's rows 78 M → 65 M instructions against the reader
/// through each of those fields, callgrind). A row written otherwise is read field by field.
fn api_outline(r: &mut Reader) -> ApiRow {
    r.expect(b'[');
    let version = r.u32();
    r.expect(b',');
    let name = r.string();
    r.expect(b',');
    if !r.past_in_line(b"],") {
        r.skip_string();
        r.expect(b',');
        r.bool();
        r.expect(b',');
        r.list(Reader::skip_string);
        r.expect(b',');
    }
    let errors = r.list(Reader::u32);
    for _ in 0..3 {
        r.expect(b',');
        r.optional(Reader::skip_string);
    }
    r.expect(b',');
    r.bool();
    r.expect(b']');
    ApiRow(version, name, AccessLevel::None, false, Vec::new(), errors, None, None, None, false)
}
