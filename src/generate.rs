//! Printing new code in the file's own style.
//!
//! A fix writes its new structure (`try`/`catch`, `Promise.all`, the combined
//! send) as a template in which every piece of the user's code is a
//! placeholder identifier. oxc_codegen prints the template with the file's
//! indentation and quote style; the placeholders are then replaced by the
//! user's original text, byte for byte, so their comments, quotes and
//! formatting survive.

use oxc_allocator::Allocator;
use oxc_codegen::{Codegen, CodegenOptions, IndentChar};
use oxc_parser::Parser;
use oxc_span::SourceType;

use crate::source::Style;

/// Prefix of placeholder identifiers; a file that already contains it is never rewritten.
pub const PLACEHOLDER_PREFIX: &str = "__sendonce_";

/// Text copied from the user's file, with the indentation of the line it started on,
/// so continuation lines can be moved to a new indentation.
#[derive(Debug, Clone)]
pub struct Verbatim {
    /// The original text.
    pub text: String,
    /// Leading whitespace of the line where `text` starts in the original.
    pub original_indent: String,
}

#[derive(Debug, Clone)]
enum Replacement {
    /// Any copied code.
    Code(Verbatim),
    /// A whole statement or comment on its own line (its placeholder statement's `;` goes too,
    /// since the user's statement brings its own).
    Line(Verbatim),
    /// Items between `open` and `close`: inline if the line fits, else one per line with trailing
    /// commas. `comments[i]` go around item `i` (and force one item per line).
    List { open: &'static str, close: &'static str, items: Vec<Verbatim>, comments: Vec<ItemComments> },
}

/// Comments that go with one item of a list: on lines of their own above it, and after it on its line.
#[derive(Debug, Clone, Default)]
pub struct ItemComments {
    /// Printed on lines of their own before the item.
    pub leading: Vec<String>,
    /// Printed after the item's comma (the first on its line, any others below it).
    pub trailing: Vec<String>,
}

/// A code template under construction: TypeScript source with placeholders.
#[derive(Debug, Default)]
pub struct Template {
    source: String,
    replacements: Vec<Replacement>,
}

/// The template did not parse: a bug in a rule's template, never caused by user input alone.
#[derive(Debug, thiserror::Error)]
#[error("generated template does not parse: {0}")]
pub struct TemplateError(String);

impl Template {
    /// Adds raw template source (structure written by the rule).
    pub fn push(&mut self, code: &str) -> &mut Self {
        self.source.push_str(code);
        self
    }

    /// Adds a placeholder for the user's code.
    pub fn code(&mut self, code: Verbatim) -> &mut Self {
        self.placeholder(Replacement::Code(code))
    }

    /// Adds a line that is the user's own: a whole statement, or a comment.
    pub fn line(&mut self, line: Verbatim) -> &mut Self {
        self.placeholder(Replacement::Line(line));
        self.source.push_str(";\n");
        self
    }

    /// Adds an array literal of the user's expressions, broken over lines when long.
    pub fn array(&mut self, items: Vec<Verbatim>) -> &mut Self {
        self.placeholder(Replacement::List { open: "[", close: "]", items, comments: Vec::new() })
    }

    /// Adds an object literal made of the user's properties, broken over lines when long.
    pub fn object(&mut self, properties: Vec<Verbatim>) -> &mut Self {
        self.commented_object(properties, Vec::new())
    }

    /// An object literal whose properties carry comments: `comments[i]` is printed after property
    /// `i` on its line, so a comment stays next to the value it was written beside.
    pub fn commented_object(&mut self, properties: Vec<Verbatim>, comments: Vec<ItemComments>) -> &mut Self {
        self.placeholder(Replacement::List { open: "{ ", close: " }", items: properties, comments })
    }

    fn placeholder(&mut self, replacement: Replacement) -> &mut Self {
        self.source.push_str(&format!("{PLACEHOLDER_PREFIX}{}__", self.replacements.len()));
        self.replacements.push(replacement);
        self
    }

    /// Prints the template in `style`, for code whose first line continues a line indented by `base_indent`.
    /// The first line carries no indentation (it replaces code that starts after it).
    pub fn render(&self, style: &Style, base_indent: &str) -> Result<String, TemplateError> {
        // The template is printed inside a function so `return` and `await` are valid in it;
        // the function's own first and last lines are dropped after printing.
        let wrapped = format!("async function {PLACEHOLDER_PREFIX}() {{\n{}}}\n", self.source);
        let allocator = Allocator::default();
        let parsed = Parser::new(&allocator, &wrapped, SourceType::ts()).parse();
        if parsed.panicked || !parsed.diagnostics.is_empty() {
            let message = parsed.diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ");
            return Err(TemplateError(message));
        }
        let (indent_char, indent_width) = match style.indent_unit.as_str() {
            "\t" => (IndentChar::Tab, 1),
            unit => (IndentChar::Space, unit.len()),
        };
        let options =
            CodegenOptions { single_quote: style.single_quote, indent_char, indent_width, ..CodegenOptions::default() };
        let printed = Codegen::new().with_options(options).build(&parsed.program).code;

        let body: Vec<&str> = printed.lines().collect();
        let body = body.get(1..body.len().saturating_sub(1)).unwrap_or_default();
        let mut lines = Vec::new();
        for line in body {
            let line = line.strip_prefix(style.indent_unit.as_str()).unwrap_or(line);
            let own_indent = &line[..line.len() - line.trim_start().len()];
            let indent = format!("{base_indent}{own_indent}");
            let mut code = line.trim_start().to_owned();
            if !style.semicolons {
                strip_statement_semicolon(&mut code);
            }
            let mut expanded = self.expand(&code, &indent, style);
            if !expanded.contains('\n') && !style.layout.fits(&format!("{indent}{expanded}")) {
                // The user's statement, copied into a deeper block, no longer fits.
                if let Some(broken) = break_call_statement(&expanded, &indent, style) {
                    expanded = broken;
                }
            }
            lines.push(format!("{indent}{expanded}"));
        }
        let joined = lines.join(style.newline);
        Ok(joined[base_indent.len().min(joined.len())..].to_owned())
    }

    /// Replaces every placeholder in one printed line.
    fn expand(&self, line: &str, indent: &str, style: &Style) -> String {
        let mut out = String::with_capacity(line.len());
        let mut rest = line;
        while let Some(at) = rest.find(PLACEHOLDER_PREFIX) {
            out.push_str(&rest[..at]);
            let after = &rest[at + PLACEHOLDER_PREFIX.len()..];
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            let index: Option<usize> = after[..digits].parse().ok();
            let Some(replacement) = index.and_then(|i| self.replacements.get(i)) else {
                out.push_str(PLACEHOLDER_PREFIX);
                rest = after;
                continue;
            };
            rest = after[digits..].strip_prefix("__").unwrap_or(&after[digits..]);
            match replacement {
                Replacement::Code(code) => out.push_str(&reindent(code, indent, style.newline)),
                Replacement::Line(line) => {
                    rest = rest.strip_prefix(';').unwrap_or(rest);
                    out.push_str(&reindent(line, indent, style.newline));
                }
                Replacement::List { open, close, items, comments } => {
                    let inline: Vec<String> = items.iter().map(|item| reindent(item, indent, style.newline)).collect();
                    let one_line = format!("{open}{}{close}", inline.join(", "));
                    // Broken, one item per line, when the line would be wider than the file's
                    // Prettier `printWidth`, as Prettier breaks it.
                    let fits = style.layout.fits(&format!("{indent}{out}{one_line}{rest}"));
                    let commented = comments.iter().any(|c| !c.leading.is_empty() || !c.trailing.is_empty());
                    if fits && !one_line.contains('\n') && !commented {
                        out.push_str(&one_line);
                    } else {
                        let inner = format!("{indent}{}", style.indent_unit);
                        out.push_str(open.trim_end());
                        for (index, item) in items.iter().enumerate() {
                            let around = comments.get(index);
                            for comment in around.into_iter().flat_map(|c| &c.leading) {
                                out.push_str(style.newline);
                                out.push_str(&inner);
                                out.push_str(comment);
                            }
                            out.push_str(style.newline);
                            out.push_str(&inner);
                            out.push_str(&reindent(item, &inner, style.newline));
                            // Block comments before the comma, line comments after it, as Prettier
                            // prints them: `invoices /* unpaid only */,` and `data1, // first`.
                            let trailing = around.map(|c| c.trailing.as_slice()).unwrap_or_default();
                            let (block, line): (Vec<&String>, Vec<&String>) =
                                trailing.iter().partition(|c| c.starts_with("/*") && !c.contains('\n'));
                            for comment in block {
                                out.push(' ');
                                out.push_str(comment);
                            }
                            out.push(',');
                            // The first line comment on the item's line; any others on lines of their own.
                            for (n, comment) in line.into_iter().enumerate() {
                                if n > 0 {
                                    out.push_str(style.newline);
                                    out.push_str(&inner);
                                } else {
                                    out.push(' ');
                                }
                                out.push_str(comment);
                            }
                        }
                        out.push_str(style.newline);
                        out.push_str(indent);
                        out.push_str(close.trim_start());
                    }
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// Moves the continuation lines of `code` from its original indentation to `indent`.
/// Text with a template literal is left as it is: its lines are part of a string.
pub fn reindent(code: &Verbatim, indent: &str, newline: &str) -> String {
    if !code.text.contains('\n') {
        return code.text.clone();
    }
    let lines: Vec<&str> = code.text.split('\n').map(|line| line.strip_suffix('\r').unwrap_or(line)).collect();
    if code.text.contains('`') {
        return lines.join(newline);
    }
    let mut out = String::from(lines[0]);
    for line in &lines[1..] {
        out.push_str(newline);
        match line.strip_prefix(code.original_indent.as_str()) {
            Some(rest) if !line.trim().is_empty() => {
                out.push_str(indent);
                out.push_str(rest);
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// A one-line statement that is a call (`f(a, b);`, `await f(a);`, `const x = await f({ a, b });`,
/// `return f(a)`) broken over lines as Prettier breaks a call that does not fit: a last argument
/// that is an object or array literal is hugged (`f(a, {` ... `});`, one item per line), otherwise
/// each argument goes on a line of its own, all with trailing commas (Prettier 3's
/// `trailingComma: "all"`). `None` for any other statement (a callee with calls in it, a comment,
/// a function argument), or when a line of the result would still not fit: it is then left as
/// written rather than broken in a way Prettier would not.
fn break_call_statement(code: &str, indent: &str, style: &Style) -> Option<String> {
    use oxc_ast::ast::{Argument, Expression, Statement};
    use oxc_span::GetSpan;

    const PREFIX: &str = "async function __sendonce_() {\n";
    let wrapped = format!("{PREFIX}{code}\n}}");
    let allocator = Allocator::default();
    let parsed = [SourceType::ts(), SourceType::tsx()]
        .into_iter()
        .map(|source_type| Parser::new(&allocator, &wrapped, source_type).parse())
        .find(|parsed| !parsed.panicked && parsed.diagnostics.is_empty())?;
    if !parsed.program.comments.is_empty() {
        return None;
    }
    let Some(Statement::FunctionDeclaration(function)) = parsed.program.body.first() else { return None };
    let [statement] = function.body.as_ref()?.statements.as_slice() else { return None };
    let value = match statement {
        Statement::ExpressionStatement(statement) => &statement.expression,
        Statement::ReturnStatement(statement) => statement.argument.as_ref()?,
        Statement::VariableDeclaration(declaration) => match declaration.declarations.as_slice() {
            [declarator] => declarator.init.as_ref()?,
            _ => return None,
        },
        _ => return None,
    };
    let value = match value {
        Expression::AwaitExpression(awaited) => &awaited.argument,
        other => other,
    };
    let Expression::CallExpression(call) = value else { return None };
    // Prettier prints a callee with calls in it as a member chain, which breaks otherwise.
    let mut callee = &call.callee;
    while let Expression::StaticMemberExpression(member) = callee {
        callee = &member.object;
    }
    let simple_callee = matches!(callee, Expression::Identifier(_) | Expression::ThisExpression(_));
    if !simple_callee || call.optional || call.type_arguments.is_some() || call.arguments.is_empty() {
        return None;
    }
    let offset = |at: u32| (at as usize).checked_sub(PREFIX.len());
    let text = |span: oxc_span::Span| code.get(offset(span.start)?..offset(span.end)?);
    let arguments: Vec<&Argument<'_>> = call.arguments.iter().collect();
    if arguments.iter().any(|a| {
        matches!(
            a,
            Argument::FunctionExpression(_) | Argument::ArrowFunctionExpression(_) | Argument::TemplateLiteral(_)
        )
    }) {
        return None;
    }
    let open_paren = offset(call.callee.span().end)? + code.get(offset(call.callee.span().end)?..)?.find('(')?;
    let head = code.get(..=open_paren)?;
    let tail = code.get(offset(call.span.end)? - 1..)?;
    let inner = format!("{indent}{}", style.indent_unit);
    let newline = style.newline;
    let last = arguments[arguments.len() - 1];
    let kind = |a: &Argument<'_>| match a {
        Argument::ObjectExpression(o) if !o.properties.is_empty() => 1,
        Argument::ArrayExpression(a) if !a.elements.is_empty() => 2,
        _ => 0,
    };
    let penultimate = arguments.len().checked_sub(2).map(|i| kind(arguments[i]));
    let hugged: Option<(char, char, Vec<&str>)> = match last {
        Argument::ObjectExpression(object) if kind(last) == 1 && penultimate != Some(1) => {
            Some(('{', '}', object.properties.iter().map(|p| text(p.span())).collect::<Option<_>>()?))
        }
        Argument::ArrayExpression(array)
            if kind(last) == 2
                && penultimate != Some(2)
                && !array
                    .elements
                    .iter()
                    .all(|e| matches!(e, oxc_ast::ast::ArrayExpressionElement::NumericLiteral(_))) =>
        {
            Some(('[', ']', array.elements.iter().map(|e| text(e.span())).collect::<Option<_>>()?))
        }
        _ => None,
    };
    let mut lines: Vec<String> = Vec::new();
    match hugged {
        Some((open, close, items)) => {
            let before: Vec<&str> =
                arguments[..arguments.len() - 1].iter().map(|a| text(a.span())).collect::<Option<_>>()?;
            let before = before.iter().map(|a| format!("{a}, ")).collect::<String>();
            lines.push(format!("{indent}{head}{before}{open}"));
            lines.extend(items.iter().map(|item| format!("{inner}{item},")));
            lines.push(format!("{indent}{close}{tail}"));
        }
        None => {
            lines.push(format!("{indent}{head}"));
            for argument in &arguments {
                lines.push(format!("{inner}{},", text(argument.span())?));
            }
            lines.push(format!("{indent}{tail}"));
        }
    }
    if lines.iter().any(|line| line.contains('\n') || !style.layout.fits(line)) {
        return None;
    }
    let joined = lines.join(newline);
    Some(joined[indent.len()..].to_owned())
}

/// Drops the `;` codegen puts after a statement, for files written without semicolons.
fn strip_statement_semicolon(line: &mut String) {
    if line.ends_with(';') {
        line.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prettier::Layout;

    fn style(single_quote: bool, semicolons: bool) -> Style {
        Style { indent_unit: "  ".into(), newline: "\n", single_quote, semicolons, layout: Layout::default() }
    }

    fn verbatim(text: &str) -> Verbatim {
        Verbatim { text: text.into(), original_indent: "  ".into() }
    }

    #[test]
    fn prints_structure_with_placeholders_replaced() {
        let mut t = Template::default();
        t.push("try {\n").line(verbatim("// keep me")).push("const [a, b] = await Promise.all(");
        t.array(vec![verbatim("f()"), verbatim("g()")])
            .push(");\n} catch (error) {\nconsole.error(\"x\", error);\n}\n");
        let out = t.render(&style(true, true), "  ").unwrap();
        assert_eq!(
            out,
            "try {\n    // keep me\n    const [a, b] = await Promise.all([f(), g()]);\n  } catch (error) {\n    console.error('x', error);\n  }"
        );
    }

    #[test]
    fn breaks_long_lists_and_drops_semicolons() {
        let mut t = Template::default();
        t.push("const [a, b] = await Promise.all(");
        t.array(vec![verbatim("fetchDataFromSourceNumberOne()"), verbatim("fetchDataFromSourceNumberTwo()")]);
        t.push(");\n");
        let out = t.render(&style(false, false), "").unwrap();
        assert_eq!(
            out,
            "const [a, b] = await Promise.all([\n  fetchDataFromSourceNumberOne(),\n  fetchDataFromSourceNumberTwo(),\n])"
        );
    }

    /// Outputs checked against Prettier 3 (`tests/prettier.rs` checks them in whole files).
    #[test]
    fn a_moved_call_that_does_not_fit_is_broken_as_prettier_breaks_it() {
        let style = style(false, true);
        let broken = |code: &str| break_call_statement(code, "    ", &style);
        assert_eq!(
            broken("const created = await createTodo({ title: req.body.title ?? 'write tests' });").as_deref(),
            Some("const created = await createTodo({\n      title: req.body.title ?? 'write tests',\n    });")
        );
        assert_eq!(
            broken("const record = await prisma.record.create(id, [req.body.first, req.body.second]);").as_deref(),
            Some("const record = await prisma.record.create(id, [\n      req.body.first,\n      req.body.second,\n    ]);")
        );
        assert_eq!(
            broken("await recordVisit(req.query.identifier, 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')").as_deref(),
            Some(
                "await recordVisit(\n      req.query.identifier,\n      'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',\n    )"
            )
        );
        for shape in [
            "const record = await db.collection('records').findOne({ id: 'xxxxxxxxxxxxxxxxxxxxxxxxxx' });",
            "const record = await load(req.query.id, () => 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx');",
            "const record = await load(req.query.id /* why */, 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx');",
            "const record = await load('xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx');",
            "const record = total + (await loadTheRecordsFromTheDatabaseWithAVeryLongName(req.query.id));",
        ] {
            assert_eq!(broken(shape), None, "left as written: {shape}");
        }
    }

    #[test]
    fn reindents_continuation_lines_but_not_template_literals() {
        let code = Verbatim { text: "f({\n    a: 1,\n  })".into(), original_indent: "  ".into() };
        assert_eq!(reindent(&code, "    ", "\n"), "f({\n      a: 1,\n    })");
        let literal = Verbatim { text: "f(`\n  x`)".into(), original_indent: "  ".into() };
        assert_eq!(reindent(&literal, "    ", "\n"), "f(`\n  x`)");
    }
}
