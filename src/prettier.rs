//! How wide a fix's lines may be: the Prettier settings that apply to a file, found as Prettier's
//! command line finds them, so a file that is clean under the project's Prettier stays clean
//! after its fix.
//!
//! Two sources, merged key by key with the Prettier configuration winning:
//! - the nearest Prettier configuration file, searched upwards from the file's folder in
//!   Prettier's order (`package.json`'s `"prettier"` key, `package.yaml`'s, `.prettierrc` as JSON
//!   or YAML, `.prettierrc.json`, `.yml`, `.yaml`, `.json5`, the JavaScript and TypeScript
//!   configurations, `.prettierrc.toml`), with its `overrides` applied for the file's path;
//! - `.editorconfig` files from the file's folder up to the project root (the nearest folder with
//!   `.git` or `.hg`) or one marked `root = true`: `max_line_length`, `indent_size`, `tab_width`.
//!
//! Only `printWidth` and `tabWidth` are read: the rest of a file's style is taken from the file
//! itself (`crate::source::Style`). A JavaScript or TypeScript configuration cannot be evaluated,
//! and a shared configuration named by a string is another package: for those the defaults (80
//! columns, tabs of 2) apply, as they do for a malformed file, which is also warned about. Every
//! configuration file is read once per run, and only for files that get a fix.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde_json::Value;

use crate::config::normalised;

/// How one file's lines are measured and how long they may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// The widest a line may be (`printWidth`; unlimited for `.editorconfig`'s `max_line_length = off`).
    pub print_width: usize,
    /// The columns one tab of indentation takes (`tabWidth`).
    pub tab_width: usize,
}

impl Default for Layout {
    /// Prettier's defaults.
    fn default() -> Self {
        Self { print_width: 80, tab_width: 2 }
    }
}

impl Layout {
    /// The columns `text` takes at the start of a line, counted as Prettier counts them: a tab of
    /// the leading indentation is `tab_width` columns, a wide (East Asian) character or an emoji
    /// two, a combining mark or a control character none, any other character one.
    pub fn columns(&self, text: &str) -> usize {
        let code = text.trim_start_matches('\t');
        let tabs = text.len() - code.len();
        if code.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            return tabs * self.tab_width + code.len();
        }
        tabs * self.tab_width + code.chars().map(char_columns).sum::<usize>()
    }

    /// Whether `line` (from the start of its line) fits in the print width.
    pub fn fits(&self, line: &str) -> bool {
        self.columns(line) <= self.print_width
    }
}

/// Columns of one character, as Prettier's `getStringWidth` counts them (the common ranges).
fn char_columns(c: char) -> usize {
    let code = c as u32;
    let zero = code < 0x20
        || (0x7f..=0x9f).contains(&code)
        || (0x300..=0x36f).contains(&code)
        || (0x1ab0..=0x1aff).contains(&code)
        || (0x1dc0..=0x1dff).contains(&code)
        || (0x20d0..=0x20ff).contains(&code)
        || (0xfe00..=0xfe0f).contains(&code)
        || (0xfe20..=0xfe2f).contains(&code);
    let wide = (0x1100..=0x115f).contains(&code)
        || (0x2e80..=0x303e).contains(&code)
        || (0x3041..=0x33ff).contains(&code)
        || (0x3400..=0x4dbf).contains(&code)
        || (0x4e00..=0x9fff).contains(&code)
        || (0xa000..=0xa4cf).contains(&code)
        || (0xac00..=0xd7a3).contains(&code)
        || (0xf900..=0xfaff).contains(&code)
        || (0xfe30..=0xfe4f).contains(&code)
        || (0xff00..=0xff60).contains(&code)
        || (0xffe0..=0xffe6).contains(&code)
        || (0x1f300..=0x1f64f).contains(&code)
        || (0x1f900..=0x1faff).contains(&code)
        || (0x20000..=0x3fffd).contains(&code);
    if zero {
        0
    } else if wide {
        2
    } else {
        1
    }
}

/// Where an analysis gets the layout of the file it fixes. It is asked only when a fix is
/// printed, so files without a fix never look for configuration files.
pub trait LayoutSource: std::fmt::Debug + Sync {
    /// The layout of the file being analysed.
    fn layout(&self) -> Layout;
}

impl LayoutSource for Layout {
    fn layout(&self) -> Layout {
        *self
    }
}

/// One file's layout, from a finder the workers share.
#[derive(Debug)]
pub struct FileLayout<'a> {
    finder: &'a Mutex<LayoutFinder>,
    file: &'a Path,
}

impl<'a> FileLayout<'a> {
    /// The layout of `file` (a path from the current folder, or absolute), found in `finder`.
    pub fn new(finder: &'a Mutex<LayoutFinder>, file: &'a Path) -> Self {
        Self { finder, file }
    }
}

impl LayoutSource for FileLayout<'_> {
    fn layout(&self) -> Layout {
        self.finder.lock().unwrap_or_else(std::sync::PoisonError::into_inner).layout(self.file)
    }
}

/// Finds the layout of every file of a run, reading each configuration file once (a monorepo's
/// folders share what they find above them).
#[derive(Debug, Default)]
pub struct LayoutFinder {
    /// For each folder, the Prettier configuration that applies to its files.
    prettier: HashMap<PathBuf, Option<Arc<PrettierConfig>>>,
    /// For each folder, its own `.editorconfig`, if it has one.
    editorconfigs: HashMap<PathBuf, Option<Arc<EditorConfig>>>,
    /// For each folder, the project root above it (where `.editorconfig` files stop being read).
    roots: HashMap<PathBuf, Option<PathBuf>>,
    warnings: Vec<(PathBuf, String)>,
}

impl LayoutFinder {
    /// The layout of `file`: its Prettier configuration (with `overrides`) over its `.editorconfig`
    /// settings over Prettier's defaults.
    pub fn layout(&mut self, file: &Path) -> Layout {
        let file = normalised(file);
        let Some(folder) = file.parent() else { return Layout::default() };
        let from_prettier = match self.prettier_for(folder) {
            Some(config) => match &*config {
                PrettierConfig::Opaque => return Layout::default(),
                PrettierConfig::Options { folder, base, overrides } => {
                    let relative = file.strip_prefix(folder).unwrap_or(&file);
                    let mut settings = *base;
                    for found in overrides.iter().filter(|o| o.applies_to(relative)) {
                        settings = found.settings.over(settings);
                    }
                    settings
                }
            },
            None => Settings::default(),
        };
        let from_editorconfig = self.editorconfig_settings(&file);
        let settings = from_prettier.over(from_editorconfig);
        let default = Layout::default();
        Layout {
            print_width: settings.print_width.unwrap_or(default.print_width),
            tab_width: settings.tab_width.unwrap_or(default.tab_width),
        }
    }

    /// The configuration files that could not be read, each with the reason (each file once):
    /// their folders get the defaults.
    pub fn take_warnings(&mut self) -> Vec<(PathBuf, String)> {
        let mut warnings = std::mem::take(&mut self.warnings);
        warnings.sort();
        warnings
    }

    fn prettier_for(&mut self, folder: &Path) -> Option<Arc<PrettierConfig>> {
        if let Some(known) = self.prettier.get(folder) {
            return known.clone();
        }
        let found = match self.prettier_in(folder) {
            Some(config) => Some(Arc::new(config)),
            None => match folder.parent() {
                Some(parent) if parent != folder => self.prettier_for(parent),
                _ => None,
            },
        };
        self.prettier.insert(folder.to_path_buf(), found.clone());
        found
    }

    /// The Prettier configuration file of `folder` itself, in Prettier's order of names.
    fn prettier_in(&mut self, folder: &Path) -> Option<PrettierConfig> {
        for &(name, format) in CONFIG_FILES {
            let path = folder.join(name);
            if !path.is_file() {
                continue;
            }
            if format == Format::Code {
                return Some(PrettierConfig::Opaque);
            }
            let value =
                match std::fs::read_to_string(&path).map_err(|err| err.to_string()).and_then(|t| format.parse(&t)) {
                    Ok(value) => value,
                    // Prettier skips a package.json or package.yaml it cannot read, or one without the key.
                    Err(_) if format.is_package() => continue,
                    Err(why) => {
                        self.warnings.push((path, why));
                        return Some(PrettierConfig::Opaque);
                    }
                };
            let value = if format.is_package() {
                match value.get("prettier") {
                    Some(value) if truthy(value) => value.clone(),
                    _ => continue,
                }
            } else {
                value
            };
            return Some(match PrettierConfig::from_value(folder, &value) {
                Ok(config) => config,
                Err(why) => {
                    self.warnings.push((path, why));
                    PrettierConfig::Opaque
                }
            });
        }
        None
    }

    /// What the `.editorconfig` files that apply to `file` say, nearest last, as Prettier maps them.
    fn editorconfig_settings(&mut self, file: &Path) -> Settings {
        let Some(start) = file.parent() else { return Settings::default() };
        let root = self.project_root(start);
        let mut files: Vec<(PathBuf, Arc<EditorConfig>)> = Vec::new();
        let mut folder = Some(start);
        while let Some(current) = folder {
            if let Some(config) = self.editorconfig_in(current) {
                let is_root = config.root;
                files.push((current.to_path_buf(), config));
                if is_root {
                    break;
                }
            }
            if root.as_deref() == Some(current) {
                break;
            }
            folder = current.parent().filter(|parent| *parent != current);
        }
        let mut props = Props::default();
        for (folder, config) in files.iter().rev() {
            let relative = crate::walk::slashed(&file.strip_prefix(folder).unwrap_or(file).to_string_lossy());
            for (glob, section) in &config.sections {
                if glob.is_match(&relative) {
                    props.assign(section);
                }
            }
        }
        props.settings()
    }

    fn editorconfig_in(&mut self, folder: &Path) -> Option<Arc<EditorConfig>> {
        if let Some(known) = self.editorconfigs.get(folder) {
            return known.clone();
        }
        let path = folder.join(".editorconfig");
        // An unreadable `.editorconfig` counts as none, as for Prettier.
        let found =
            std::fs::read(&path).ok().map(|bytes| Arc::new(EditorConfig::parse(&String::from_utf8_lossy(&bytes))));
        self.editorconfigs.insert(folder.to_path_buf(), found.clone());
        found
    }

    /// The nearest folder from `folder` upwards that has `.git` (a folder, or a file in a worktree
    /// or submodule) or a `.hg` folder.
    fn project_root(&mut self, folder: &Path) -> Option<PathBuf> {
        if let Some(known) = self.roots.get(folder) {
            return known.clone();
        }
        let found = if folder.join(".git").exists() || folder.join(".hg").is_dir() {
            Some(folder.to_path_buf())
        } else {
            match folder.parent() {
                Some(parent) if parent != folder => self.project_root(parent),
                _ => None,
            }
        };
        self.roots.insert(folder.to_path_buf(), found.clone());
        found
    }
}

/// How a configuration file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    PackageJson,
    PackageYaml,
    /// `.prettierrc`: YAML, of which JSON is (nearly) a part.
    Rc,
    Json,
    Yaml,
    Json5,
    Toml,
    /// JavaScript or TypeScript, which only Node could evaluate.
    Code,
}

/// Prettier's configuration file names, in the order it looks for them in each folder.
const CONFIG_FILES: &[(&str, Format)] = &[
    ("package.json", Format::PackageJson),
    ("package.yaml", Format::PackageYaml),
    (".prettierrc", Format::Rc),
    (".prettierrc.json", Format::Json),
    (".prettierrc.yml", Format::Yaml),
    (".prettierrc.yaml", Format::Yaml),
    (".prettierrc.json5", Format::Json5),
    (".prettierrc.js", Format::Code),
    ("prettier.config.js", Format::Code),
    (".prettierrc.ts", Format::Code),
    ("prettier.config.ts", Format::Code),
    (".prettierrc.mjs", Format::Code),
    ("prettier.config.mjs", Format::Code),
    (".prettierrc.mts", Format::Code),
    ("prettier.config.mts", Format::Code),
    (".prettierrc.cjs", Format::Code),
    ("prettier.config.cjs", Format::Code),
    (".prettierrc.cts", Format::Code),
    ("prettier.config.cts", Format::Code),
    (".prettierrc.toml", Format::Toml),
];

impl Format {
    fn is_package(self) -> bool {
        matches!(self, Self::PackageJson | Self::PackageYaml)
    }

    /// The file's text as a JSON value, or why it is not one.
    fn parse(self, text: &str) -> Result<Value, String> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        match self {
            Self::PackageJson | Self::Json => {
                serde_json::from_str(text).map_err(|err| format!("not valid JSON: {err}"))
            }
            Self::Rc => serde_json::from_str(text).or_else(|_| yaml(text)),
            Self::PackageYaml | Self::Yaml => yaml(text),
            Self::Json5 => json5::from_str(text).map_err(|err| format!("not valid JSON5: {err}")),
            Self::Toml => toml::from_str(text).map_err(|err| format!("not valid TOML: {err}")),
            Self::Code => Err("a JavaScript configuration".into()),
        }
    }
}

/// A YAML document as a JSON value (an empty document is `null`).
fn yaml(text: &str) -> Result<Value, String> {
    let documents = yaml_rust2::YamlLoader::load_from_str(text).map_err(|err| format!("not valid YAML: {err}"))?;
    Ok(documents.first().map_or(Value::Null, yaml_to_json))
}

fn yaml_to_json(yaml: &yaml_rust2::Yaml) -> Value {
    use yaml_rust2::Yaml;
    match yaml {
        Yaml::Real(text) => {
            text.parse::<f64>().ok().and_then(serde_json::Number::from_f64).map_or(Value::Null, Value::Number)
        }
        Yaml::Integer(n) => Value::from(*n),
        Yaml::String(s) => Value::from(s.as_str()),
        Yaml::Boolean(b) => Value::from(*b),
        Yaml::Array(items) => Value::Array(items.iter().map(yaml_to_json).collect()),
        Yaml::Hash(map) => Value::Object(
            map.iter()
                .filter_map(|(key, value)| {
                    let key = match key {
                        Yaml::String(s) => s.clone(),
                        Yaml::Integer(n) => n.to_string(),
                        _ => return None,
                    };
                    Some((key, yaml_to_json(value)))
                })
                .collect(),
        ),
        Yaml::Alias(_) | Yaml::Null | Yaml::BadValue => Value::Null,
    }
}

/// JavaScript's truthiness of a JSON value (Prettier takes `package.json`'s `"prettier"` key when it is truthy).
fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|n| n != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

/// The two options a fix's layout needs, where a source sets them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Settings {
    print_width: Option<usize>,
    tab_width: Option<usize>,
}

impl Settings {
    /// These settings, with `under`'s where these set nothing.
    fn over(self, under: Settings) -> Settings {
        Settings { print_width: self.print_width.or(under.print_width), tab_width: self.tab_width.or(under.tab_width) }
    }

    /// `printWidth` and `tabWidth` of an options object.
    fn from_options(options: &serde_json::Map<String, Value>) -> Result<Self, String> {
        let number = |key: &str| -> Result<Option<usize>, String> {
            match options.get(key) {
                None => Ok(None),
                Some(value) => match value.as_u64().and_then(|n| usize::try_from(n).ok()) {
                    Some(n) => Ok(Some(n)),
                    None => Err(format!("`{key}` must be a whole number, not {value}")),
                },
            }
        };
        Ok(Settings { print_width: number("printWidth")?, tab_width: number("tabWidth")? })
    }
}

/// A Prettier configuration file, as far as a fix's layout goes.
#[derive(Debug)]
enum PrettierConfig {
    /// Options that were read: the file's folder (`overrides` globs are relative to it), its
    /// top-level settings and its overrides in order.
    Options { folder: PathBuf, base: Settings, overrides: Vec<Override> },
    /// Options that cannot be known here (a JavaScript configuration, a shared configuration
    /// named by a string, a malformed file): Prettier's defaults apply.
    Opaque,
}

impl PrettierConfig {
    fn from_value(folder: &Path, value: &Value) -> Result<Self, String> {
        let options = match value {
            // An empty file: Prettier's defaults.
            Value::Null => {
                return Ok(PrettierConfig::Options {
                    folder: folder.into(),
                    base: Settings::default(),
                    overrides: vec![],
                })
            }
            // The name of a shared configuration, which is another package's code.
            Value::String(_) => return Ok(PrettierConfig::Opaque),
            Value::Object(options) => options,
            other => return Err(format!("expected an object of options, not {other}")),
        };
        let mut overrides = Vec::new();
        if let Some(list) = options.get("overrides") {
            let list = list.as_array().ok_or("`overrides` must be an array")?;
            for item in list {
                overrides.push(Override::from_value(item)?);
            }
        }
        Ok(PrettierConfig::Options { folder: folder.into(), base: Settings::from_options(options)?, overrides })
    }
}

/// One entry of `overrides`: options for the files its globs match.
#[derive(Debug)]
struct Override {
    files: PathGlobs,
    exclude: Option<PathGlobs>,
    settings: Settings,
}

impl Override {
    fn from_value(value: &Value) -> Result<Self, String> {
        let files = value.get("files").ok_or("an entry of `overrides` has no `files`")?;
        let exclude = value.get("excludeFiles").map(PathGlobs::from_value).transpose()?;
        let settings = match value.get("options") {
            None => Settings::default(),
            Some(Value::Object(options)) => Settings::from_options(options)?,
            Some(_) => return Err("`overrides[].options` must be an object".into()),
        };
        Ok(Override { files: PathGlobs::from_value(files)?, exclude, settings })
    }

    fn applies_to(&self, relative: &Path) -> bool {
        self.files.is_match(relative) && !self.exclude.as_ref().is_some_and(|exclude| exclude.is_match(relative))
    }
}

/// Globs of `overrides`, matched as Prettier matches them: one without a `/` against the file's
/// name, one with a `/` against its path from the configuration's folder.
#[derive(Debug)]
struct PathGlobs {
    names: GlobSet,
    paths: GlobSet,
}

impl PathGlobs {
    fn from_value(value: &Value) -> Result<Self, String> {
        let patterns: Vec<&str> = match value {
            Value::String(one) => vec![one.as_str()],
            Value::Array(many) => {
                many.iter().map(|p| p.as_str().ok_or("override globs must be strings")).collect::<Result<_, _>>()?
            }
            _ => return Err("override globs must be a string or an array of strings".into()),
        };
        let (mut names, mut paths) = (GlobSetBuilder::new(), GlobSetBuilder::new());
        for pattern in patterns {
            let glob = GlobBuilder::new(pattern)
                .literal_separator(true)
                .build()
                .map_err(|err| format!("override glob `{pattern}`: {err}"))?;
            if pattern.contains('/') {
                paths.add(glob);
            } else {
                names.add(glob);
            }
        }
        let build = |set: GlobSetBuilder| set.build().map_err(|err| err.to_string());
        Ok(PathGlobs { names: build(names)?, paths: build(paths)? })
    }

    fn is_match(&self, relative: &Path) -> bool {
        let name = relative.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
        self.names.is_match(name.as_ref()) || self.paths.is_match(crate::walk::slashed(&relative.to_string_lossy()))
    }
}

/// One `.editorconfig`: whether it is the root, and its sections' globs with their properties.
#[derive(Debug)]
struct EditorConfig {
    root: bool,
    sections: Vec<(GlobSet, Props)>,
}

impl EditorConfig {
    /// Parses the INI text as the `editorconfig` package Prettier uses does: keys lowercased, a
    /// line that is neither a section, a comment nor `key = value` makes the whole file count as
    /// empty, and a section whose glob cannot be read matches nothing.
    fn parse(text: &str) -> Self {
        let mut root = false;
        let mut sections: Vec<(Option<GlobSet>, Props)> = Vec::new();
        let empty = EditorConfig { root: false, sections: Vec::new() };
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
                continue;
            }
            if let Some(section) = line.strip_prefix('[') {
                let Some(name) = section.strip_suffix(']') else { return empty };
                sections.push((section_glob(name), Props::default()));
                continue;
            }
            let Some((key, value)) = line.split_once('=') else { return empty };
            let (key, value) = (key.trim().to_ascii_lowercase(), value.trim());
            match sections.last_mut() {
                Some((_, props)) => props.set(&key, value),
                None if key == "root" => root = !matches!(value.to_ascii_lowercase().as_str(), "false" | "0" | ""),
                None => {}
            }
        }
        let sections = sections.into_iter().filter_map(|(glob, props)| Some((glob?, props))).collect();
        EditorConfig { root, sections }
    }
}

/// A section's glob, matched against a path from the `.editorconfig`'s folder: a name without a
/// `/` at any depth, one with a `/` from the folder (a leading `/` dropped).
fn section_glob(name: &str) -> Option<GlobSet> {
    if name.is_empty() || name.split('/').any(|part| part == "..") {
        return None;
    }
    let pattern = match name.find('/') {
        None => format!("**/{name}"),
        Some(0) => name[1..].to_owned(),
        Some(_) => name.to_owned(),
    };
    let glob = GlobBuilder::new(&pattern).literal_separator(true).build().ok()?;
    GlobSetBuilder::new().add(glob).build().ok()
}

/// The `.editorconfig` properties Prettier maps onto `printWidth` and `tabWidth`.
#[derive(Debug, Clone, Default)]
struct Props {
    indent_style: Option<String>,
    indent_size: Option<String>,
    tab_width: Option<String>,
    max_line_length: Option<String>,
}

impl Props {
    fn set(&mut self, key: &str, value: &str) {
        let value = Some(value.to_ascii_lowercase());
        match key {
            "indent_style" => self.indent_style = value,
            "indent_size" => self.indent_size = value,
            "tab_width" => self.tab_width = value,
            "max_line_length" => self.max_line_length = value,
            _ => {}
        }
    }

    /// A later (nearer, or lower in its file) section's properties replace these.
    fn assign(&mut self, later: &Props) {
        for (mine, theirs) in [
            (&mut self.indent_style, &later.indent_style),
            (&mut self.indent_size, &later.indent_size),
            (&mut self.tab_width, &later.tab_width),
            (&mut self.max_line_length, &later.max_line_length),
        ] {
            if theirs.is_some() {
                mine.clone_from(theirs);
            }
        }
    }

    /// As Prettier's `editorconfig-to-prettier` maps them: `max_line_length` (or `off`) is the
    /// print width; the tab width is `indent_size` when indenting with spaces, else `tab_width`
    /// (which is `indent_size` when only that is given).
    fn settings(&self) -> Settings {
        let positive =
            |value: &Option<String>| value.as_deref().and_then(|v| v.parse::<usize>().ok()).filter(|n| *n > 0);
        let tab_width = match self.tab_width {
            Some(_) => positive(&self.tab_width),
            None if self.indent_size.as_deref() != Some("tab") => positive(&self.indent_size),
            None => None,
        };
        let spaces = self.indent_style.as_deref() == Some("space");
        let print_width = match self.max_line_length.as_deref() {
            Some("off") => Some(usize::MAX),
            _ => positive(&self.max_line_length),
        };
        Settings { print_width, tab_width: if spaces { positive(&self.indent_size).or(tab_width) } else { tab_width } }
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    /// A scratch folder tree: `files` are (path, text) pairs written under it.
    fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::TempDir::new().unwrap();
        for (path, text) in files {
            let full = dir.path().join(path);
            fs::create_dir_all(full.parent().unwrap()).unwrap();
            fs::write(full, text).unwrap();
        }
        // A project root, so `.editorconfig` files above the scratch folder are not read.
        fs::create_dir_all(dir.path().join(".git")).unwrap();
        dir
    }

    fn width(dir: &tempfile::TempDir, file: &str) -> usize {
        LayoutFinder::default().layout(&dir.path().join(file)).print_width
    }

    #[test]
    fn the_nearest_configuration_file_wins() {
        let dir = tree(&[
            (".prettierrc", "{ \"printWidth\": 120 }"),
            ("packages/web/.prettierrc.yaml", "printWidth: 100\nsemi: false\n"),
            ("packages/api/src/.keep", ""),
        ]);
        assert_eq!(width(&dir, "a.js"), 120);
        assert_eq!(width(&dir, "packages/api/src/a.js"), 120, "the root's file, two folders up");
        assert_eq!(width(&dir, "packages/web/pages/api/a.js"), 100, "the nearer file, whole");
        let mut finder = LayoutFinder::default();
        let layouts: Vec<Layout> = ["packages/web/a.js", "packages/web/b.js", "c.js"]
            .iter()
            .map(|f| finder.layout(&dir.path().join(f)))
            .collect();
        assert_eq!(layouts[0], layouts[1]);
        assert_eq!(finder.prettier.len(), 2, "one lookup per folder: {:?}", finder.prettier.keys());
    }

    #[test]
    fn every_format_is_read_in_prettiers_order() {
        for (name, text, expected) in [
            (".prettierrc", "printWidth: 90\n", 90),
            (".prettierrc", "", 80),
            (".prettierrc.json", "{\"printWidth\": 91}", 91),
            (".prettierrc.yml", "printWidth: 92", 92),
            (".prettierrc.json5", "{ printWidth: 93, // wide\n trailingComma: 'all', }", 93),
            (".prettierrc.toml", "printWidth = 94\ntabWidth = 4\n", 94),
            ("package.json", "{\"name\": \"x\", \"prettier\": {\"printWidth\": 95}}", 95),
            ("package.yaml", "name: x\nprettier:\n  printWidth: 96\n", 96),
        ] {
            let dir = tree(&[(name, text)]);
            assert_eq!(width(&dir, "src/a.js"), expected, "{name}: {text:?}");
        }
        // A package.json without the key is passed over, in its folder too.
        let dir = tree(&[("package.json", "{\"name\": \"x\"}"), (".prettierrc.json", "{\"printWidth\": 97}")]);
        assert_eq!(width(&dir, "a.js"), 97);
        let dir = tree(&[
            ("package.json", "{\"prettier\": {\"printWidth\": 98}}"),
            (".prettierrc.json", "{\"printWidth\": 99}"),
        ]);
        assert_eq!(width(&dir, "a.js"), 98, "package.json comes first");
        let dir = tree(&[
            ("package.json", "{\"prettier\": {\"printWidth\": 100}}"),
            ("web/package.json", "{\"name\": \"web\"}"),
        ]);
        assert_eq!(width(&dir, "web/a.js"), 100, "a package.json without the key does not stop the search");
    }

    #[test]
    fn a_javascript_configuration_or_a_shared_one_means_the_defaults() {
        for (name, text) in [
            ("prettier.config.js", "export default { printWidth: 120 };"),
            (".prettierrc.cjs", "module.exports = { printWidth: 120 };"),
            (".prettierrc", "\"@company/prettier-config\""),
            ("package.json", "{\"prettier\": \"@company/prettier-config\"}"),
        ] {
            let dir = tree(&[(name, text), (".editorconfig", "[*]\nmax_line_length = 120\n")]);
            let mut finder = LayoutFinder::default();
            assert_eq!(finder.layout(&dir.path().join("a.js")), Layout::default(), "{name}");
            assert!(finder.take_warnings().is_empty(), "a valid configuration is not warned about: {name}");
        }
        let dir = tree(&[("web/prettier.config.mjs", "export default {}"), (".prettierrc", "printWidth: 120")]);
        assert_eq!(width(&dir, "web/a.js"), 80, "the nearest file is the JavaScript one");
    }

    #[test]
    fn a_malformed_configuration_means_the_defaults_and_a_warning() {
        for (name, text) in [
            (".prettierrc.json", "{ printWidth: 120 }"),
            (".prettierrc", "printWidth: [120"),
            (".prettierrc.json", "{\"printWidth\": \"120\"}"),
            (".prettierrc.json", "[120]"),
            (".prettierrc.toml", "printWidth = "),
            (".prettierrc.json", "{\"printWidth\": 120, \"overrides\": [{\"files\": \"a{b\", \"options\": {}}]}"),
        ] {
            let dir = tree(&[(name, text)]);
            let mut finder = LayoutFinder::default();
            assert_eq!(finder.layout(&dir.path().join("a.js")), Layout::default(), "{name}: {text}");
            finder.layout(&dir.path().join("b.js"));
            let warnings = finder.take_warnings();
            assert_eq!(warnings.len(), 1, "one warning per file: {warnings:?}");
            assert!(warnings[0].0.ends_with(name), "{warnings:?}");
        }
    }

    #[test]
    fn overrides_apply_by_file_name_or_path() {
        let config = r#"{ "printWidth": 100, "overrides": [
            { "files": "*.ts", "options": { "printWidth": 110 } },
            { "files": ["legacy/**/*.js"], "excludeFiles": "legacy/keep/**", "options": { "printWidth": 120, "tabWidth": 4 } }
        ] }"#;
        let dir = tree(&[(".prettierrc.json", config)]);
        assert_eq!(width(&dir, "a.js"), 100);
        assert_eq!(width(&dir, "src/deep/a.ts"), 110, "a glob without `/` matches the name at any depth");
        assert_eq!(width(&dir, "legacy/old/a.js"), 120);
        assert_eq!(width(&dir, "legacy/keep/a.js"), 100, "excludeFiles");
        assert_eq!(width(&dir, "src/legacy/a.js"), 100, "a glob with `/` is relative to the configuration's folder");
        assert_eq!(LayoutFinder::default().layout(&dir.path().join("legacy/a/b.js")).tab_width, 4);
    }

    #[test]
    fn editorconfig_sets_the_width_unless_prettier_does() {
        let dir = tree(&[
            (".editorconfig", "root = true\n\n[*]\nindent_style = space\nindent_size = 4\nmax_line_length = 100\n\n[*.ts]\nmax_line_length = 110\n\n[legacy/**]\nmax_line_length = off\n"),
            ("web/.editorconfig", "[*.js]\nmax_line_length = 90\n"),
            ("api/.prettierrc", "semi: false\n"),
            ("app/.prettierrc", "printWidth: 120\n"),
        ]);
        assert_eq!(width(&dir, "a.js"), 100);
        assert_eq!(width(&dir, "src/a.ts"), 110, "a later section wins");
        assert_eq!(width(&dir, "web/src/a.js"), 90, "the nearer file wins");
        assert_eq!(width(&dir, "web/a.ts"), 110);
        assert_eq!(width(&dir, "legacy/a.js"), usize::MAX, "`off`");
        assert_eq!(width(&dir, "api/a.js"), 100, "a Prettier file that sets no width leaves editorconfig's");
        assert_eq!(width(&dir, "app/a.js"), 120, "a Prettier file's width wins");
        assert_eq!(LayoutFinder::default().layout(&dir.path().join("a.js")).tab_width, 4);
    }

    #[test]
    fn editorconfig_files_above_the_project_root_or_a_root_file_are_not_read() {
        let dir = tree(&[
            (".editorconfig", "[*]\nmax_line_length = 100\n"),
            ("inner/.editorconfig", "root = true\n[*.md]\nx = 1\n"),
        ]);
        fs::create_dir_all(dir.path().join("repo/.git")).unwrap();
        assert_eq!(width(&dir, "repo/a.js"), 80, "above the project root");
        assert_eq!(width(&dir, "inner/a.js"), 80, "above a `root = true` file");
        assert_eq!(width(&dir, "other/a.js"), 100);
        let broken = tree(&[(".editorconfig", "[*]\nmax_line_length = 100\nnot a property\n")]);
        assert_eq!(width(&broken, "a.js"), 80, "a line that is no property makes the file count as empty");
    }

    #[test]
    fn columns_count_as_prettier_counts_them() {
        let layout = Layout { print_width: 10, tab_width: 4 };
        assert_eq!(layout.columns("\t\tab"), 10);
        assert_eq!(layout.columns("  é"), 3);
        assert_eq!(layout.columns("日本"), 4);
        assert!(layout.fits("\t\tab") && !layout.fits("\t\tabc"));
    }
}
