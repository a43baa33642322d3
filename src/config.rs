//! `sendonce.json`: per-project settings, found by walking up from each file (the nearest wins,
//! as with `biome.json`). The schema is `schema/sendonce.schema.json`; a file with an unknown key
//! or a wrong type is an error that names the file, the key and what was expected.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::GlobSet;
use serde_json::Value;

/// The configuration file's name.
pub const FILE_NAME: &str = "sendonce.json";

/// How a rule's findings count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The rule does not run.
    Off,
    /// Reported, but does not make the exit code 1.
    Warn,
    /// Reported, and makes the exit code 1 (the default).
    Error,
}

/// One `sendonce.json`, validated.
#[derive(Debug, Clone, Default)]
pub struct ProjectConfig {
    /// The file it came from (for messages), or `None` for the defaults.
    pub path: Option<PathBuf>,
    /// Per-rule severity; rules not named are errors.
    pub rules: BTreeMap<String, Severity>,
    /// Functions that send a response when called with it: `sendError(res, e)` counts as a send.
    pub send_helpers: Vec<String>,
    /// Extra methods on the response that send (`res.reply(...)`).
    pub send_methods: Vec<String>,
    /// Calls whose function arguments are handlers: `apiHandler(async (req, res) => ...)`.
    pub handler_wrappers: Vec<String>,
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
    /// The folder the globs are relative to.
    root: PathBuf,
}

impl ProjectConfig {
    /// Names that make a file worth parsing under this configuration, beyond the built-in ones
    /// (see `crate::prefilter`): configured send helpers and send methods.
    pub fn extra_words(&self) -> Vec<&str> {
        self.send_helpers.iter().chain(&self.send_methods).map(String::as_str).collect()
    }

    /// The severity of `rule`'s findings.
    pub fn severity(&self, rule: &str) -> Severity {
        self.rules.get(rule).copied().unwrap_or(Severity::Error)
    }

    /// Whether the file's `include`/`exclude` globs (relative to the config's folder) keep `path`.
    /// Both are made absolute and normalised first, so `./src/a.js`, `src/a.js`, `../repo/src/a.js`
    /// and `/repo/src/a.js` are all matched as `src/a.js`.
    pub fn selects(&self, path: &Path) -> bool {
        let path = normalised(path);
        let relative = path.strip_prefix(&self.root).unwrap_or(&path);
        let relative = crate::walk::slashed(&relative.to_string_lossy());
        self.include.as_ref().is_none_or(|set| set.is_match(&relative))
            && !self.exclude.as_ref().is_some_and(|set| set.is_match(&relative))
    }

    /// Parses and validates one configuration file's text.
    pub fn parse(path: &Path, text: &str) -> Result<Self, String> {
        let shown = path.display();
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let value: Value =
            serde_json::from_str(&jsonc_to_json(text)).map_err(|err| format!("{shown}: not valid JSON: {err}"))?;
        let Value::Object(object) = value else {
            return Err(format!("{shown}: expected a JSON object at the top level"));
        };
        let mut config = ProjectConfig {
            path: Some(path.to_path_buf()),
            root: normalised(path.parent().unwrap_or(Path::new(""))),
            ..ProjectConfig::default()
        };
        for (key, value) in &object {
            let wrong = |expected: &str| format!("{shown}: `{key}` must be {expected}");
            match key.as_str() {
                "$schema" => {
                    value.as_str().ok_or_else(|| wrong("a string"))?;
                }
                "rules" => {
                    let rules = value.as_object().ok_or_else(|| wrong("an object of rule names to \"off\", \"warn\" or \"error\""))?;
                    for (rule, severity) in rules {
                        if !crate::rules::RULES.iter().any(|meta| meta.name == rule) && rule != crate::suppress::UNUSED_RULE {
                            return Err(format!("{shown}: `rules.{rule}`: no rule has this name (see `sendonce --list-rules`)"));
                        }
                        let severity = match severity.as_str() {
                            Some("off") => Severity::Off,
                            Some("warn") => Severity::Warn,
                            Some("error") => Severity::Error,
                            _ => return Err(format!("{shown}: `rules.{rule}` must be \"off\", \"warn\" or \"error\"")),
                        };
                        config.rules.insert(rule.clone(), severity);
                    }
                }
                "sendHelpers" => config.send_helpers = names(value).ok_or_else(|| wrong("an array of function names"))?,
                "sendMethods" => config.send_methods = names(value).ok_or_else(|| wrong("an array of method names"))?,
                "handlerWrappers" => {
                    config.handler_wrappers = names(value).ok_or_else(|| wrong("an array of function names"))?;
                }
                "include" => config.include = globs(value).map_err(|why| wrong(&why))?,
                "exclude" => config.exclude = globs(value).map_err(|why| wrong(&why))?,
                _ => {
                    return Err(format!(
                        "{shown}: unknown key `{key}` (expected $schema, rules, sendHelpers, sendMethods, handlerWrappers, include, exclude)"
                    ))
                }
            }
        }
        Ok(config)
    }
}

/// `path` made absolute (from the current folder) with `.` dropped and `..` taken back lexically,
/// as a shell user reads the path they typed (symlinks are not resolved).
pub(crate) fn normalised(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for component in absolute.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// JSON with comments (JSONC, as `tsconfig.json` and `biome.json` are written) as plain JSON: `//`
/// and `/* */` comments, and a comma before a closing `]` or `}`, become spaces (a comment's line
/// breaks are kept), so serde_json's line and column in an error still point into the file.
/// Strings are copied as they are, comment markers inside them included.
fn jsonc_to_json(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    let blank = |out: &mut [u8], range: std::ops::Range<usize>| {
        for b in &mut out[range] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    };
    // The last comma outside strings and comments that follows a value, while only blanks and
    // comments follow it; and the last byte of code before the current one (a comma after `{`,
    // `[`, `:` or another comma is left for serde_json to reject).
    let mut comma: Option<usize> = None;
    let mut last = 0u8;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                comma = None;
                last = b'"';
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let end = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
                blank(&mut out, i..end);
                i = end;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let end = memchr::memmem::find(&bytes[i + 2..], b"*/").map_or(bytes.len(), |n| i + 2 + n + 2);
                blank(&mut out, i..end);
                i = end;
            }
            b',' => {
                comma = (!matches!(last, b'{' | b'[' | b',' | b':')).then_some(i);
                last = b',';
                i += 1;
            }
            b']' | b'}' => {
                if let Some(at) = comma.take() {
                    out[at] = b' ';
                }
                last = bytes[i];
                i += 1;
            }
            b if b.is_ascii_whitespace() => i += 1,
            b => {
                comma = None;
                last = b;
                i += 1;
            }
        }
    }
    // Only ASCII bytes outside strings were replaced, by ASCII spaces: still UTF-8.
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

fn names(value: &Value) -> Option<Vec<String>> {
    value.as_array()?.iter().map(|item| item.as_str().filter(|s| !s.is_empty()).map(str::to_owned)).collect()
}

/// The globs of `include` or `exclude`, read as `--include`/`--exclude` read theirs (a name
/// without `/` matches at any depth, a folder stands for everything in it), from the config's folder.
fn globs(value: &Value) -> Result<Option<GlobSet>, String> {
    let patterns = names(value).ok_or("an array of glob strings")?;
    let (set, _) = crate::walk::gitignore_globs(&patterns).map_err(|why| format!("an array of valid globs ({why})"))?;
    Ok(Some(set))
}

/// Finds the configuration of every file, reading each folder's `sendonce.json` once.
#[derive(Debug, Default)]
pub struct ConfigFinder {
    by_folder: HashMap<PathBuf, Option<Arc<ProjectConfig>>>,
    default: Arc<ProjectConfig>,
    errors: Vec<String>,
}

impl ConfigFinder {
    /// Keeps a configuration error found while files were being chosen; the run reports the first
    /// (in sorted order, so the message does not depend on thread timing) and processes nothing.
    pub fn record_error(&mut self, message: String) {
        self.errors.push(message);
    }

    /// The first recorded configuration error, if any.
    pub fn first_error(&self) -> Option<String> {
        self.errors.iter().min().cloned()
    }

    /// The configuration for `file`: the nearest `sendonce.json` in its folder or above.
    pub fn for_file(&mut self, file: &Path) -> Result<Arc<ProjectConfig>, String> {
        let absolute = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let folder = absolute.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(self.for_folder(&folder)?.unwrap_or_else(|| self.default.clone()))
    }

    fn for_folder(&mut self, folder: &Path) -> Result<Option<Arc<ProjectConfig>>, String> {
        if let Some(known) = self.by_folder.get(folder) {
            return Ok(known.clone());
        }
        let candidate = folder.join(FILE_NAME);
        let found = if candidate.is_file() {
            let text = std::fs::read_to_string(&candidate).map_err(|err| format!("{}: {err}", candidate.display()))?;
            Some(Arc::new(ProjectConfig::parse(&candidate, &text)?))
        } else {
            match folder.parent() {
                Some(parent) if parent != folder => self.for_folder(parent)?,
                _ => None,
            }
        };
        self.by_folder.insert(folder.to_path_buf(), found.clone());
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_key_and_rejects_unknown_keys_and_wrong_types() {
        let path = Path::new("/repo/sendonce.json");
        let config = ProjectConfig::parse(
            path,
            r#"{ "$schema": "./schema.json", "rules": { "no-response": "off", "send-in-loop": "warn" },
                "sendHelpers": ["sendError"], "sendMethods": ["reply"], "handlerWrappers": ["apiHandler"],
                "include": ["apps/**"], "exclude": ["**/*.test.ts"] }"#,
        )
        .unwrap();
        assert_eq!(config.severity("no-response"), Severity::Off);
        assert_eq!(config.severity("send-in-loop"), Severity::Warn);
        assert_eq!(config.severity("missing-return"), Severity::Error);
        assert_eq!(config.send_helpers, ["sendError"]);
        assert!(config.selects(Path::new("/repo/apps/web/a.ts")));
        assert!(!config.selects(Path::new("/repo/apps/web/a.test.ts")));
        assert!(!config.selects(Path::new("/repo/lib/a.ts")));

        let unknown = ProjectConfig::parse(path, r#"{ "sendHelper": [] }"#).unwrap_err();
        assert!(unknown.contains("unknown key `sendHelper`"), "{unknown}");
        let wrong = ProjectConfig::parse(path, r#"{ "sendHelpers": "sendError" }"#).unwrap_err();
        assert!(wrong.contains("`sendHelpers` must be an array of function names"), "{wrong}");
        let jsonc = ProjectConfig::parse(
            path,
            "\u{feff}{\n  // the helpers\n  \"sendHelpers\": [\"a\", \"b//c\", \"d/*e*/\",], /* end */\n  \"include\": [\"x/**\"],\n}\n",
        )
        .unwrap();
        assert_eq!(jsonc.send_helpers, ["a", "b//c", "d/*e*/"], "comments and trailing commas, not string text");
        let broken = ProjectConfig::parse(path, "{\n  // note\n  \"rules\": {,\n}").unwrap_err();
        assert!(broken.contains("line 3 column 13"), "the position is the file's: {broken}");
        let rule = ProjectConfig::parse(path, r#"{ "rules": { "double-send": "off" } }"#).unwrap_err();
        assert!(rule.contains("`rules.double-send`"), "{rule}");
    }

    #[test]
    fn globs_name_a_folder_at_any_depth_as_the_flags_do() {
        let path = Path::new("/repo/sendonce.json");
        for glob in ["test", "test/"] {
            let config = ProjectConfig::parse(path, &format!(r#"{{ "exclude": ["{glob}"] }}"#)).unwrap();
            for skipped in ["/repo/test/a.js", "/repo/src/test/b.js"] {
                assert!(!config.selects(Path::new(skipped)), "{glob} skips {skipped}");
            }
            for kept in ["/repo/tests/a.js", "/repo/src/test.js", "/repo/src/latest/c.js"] {
                assert!(config.selects(Path::new(kept)), "{glob} keeps {kept}");
            }
        }
        let anchored = ProjectConfig::parse(path, r#"{ "exclude": ["/test", "src/lib"] }"#).unwrap();
        assert!(!anchored.selects(Path::new("/repo/test/a.js")) && anchored.selects(Path::new("/repo/src/test/a.js")));
        assert!(
            !anchored.selects(Path::new("/repo/src/lib/a.js")) && anchored.selects(Path::new("/repo/x/src/lib/a.js"))
        );
        let broken = ProjectConfig::parse(path, r#"{ "include": ["a{b"] }"#).unwrap_err();
        assert!(broken.contains("`include` must be an array of valid globs (`a{b`:"), "{broken}");
    }
}
