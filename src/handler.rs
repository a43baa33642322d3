//! Finding the functions that answer HTTP requests.
//!
//! A handler is recognised either by where it is registered (default export,
//! `module.exports`, an Express route, `http.createServer`) or by its signature
//! (parameters named or typed like a request and a response), because
//! controllers usually live in their own files and are registered elsewhere.
//! The request and response are always taken by position, whatever their names.

use std::collections::{HashMap, HashSet};

use oxc_ast::ast::*;
use oxc_ast_visit::{walk, Visit};
use oxc_span::{GetSpan, Span};
use oxc_syntax::scope::ScopeFlags;

use crate::framework::{Parameters, Registration, EXPRESS};
use crate::prefilter::Evidence;
use crate::sends::{Binding, Identifies, ReferenceFinder};

/// How Express and Next.js handlers are named, typed and registered.
const PARAMETERS: &Parameters = &EXPRESS.parameters;
/// How handlers are registered on an app, router or server.
const REGISTRATION: &Registration = &EXPRESS.registration;

/// One function that receives a request and a response.
#[derive(Debug, Clone, Copy)]
pub struct Handler<'a> {
    /// The whole function, for messages and for nesting checks.
    pub span: Span,
    /// The response parameter's name, for the text of messages and fixes.
    pub response: &'a str,
    /// The response parameter itself: every send is a call on a reference to it.
    pub response_binding: &'a BindingIdentifier<'a>,
    /// The third parameter (`next` in Express), when it is a plain identifier.
    pub next: Option<&'a str>,
    /// The third parameter itself.
    pub next_binding: Option<&'a BindingIdentifier<'a>>,
    /// The error of an Express error middleware (`(err, req, res, next)`): Express calls it only
    /// with one, so it is truthy on every path.
    pub error_binding: Option<&'a BindingIdentifier<'a>>,
    /// The statements of the function body.
    pub body: &'a FunctionBody<'a>,
    /// Whether the function is `async`: fixes that add `await` need it.
    pub is_async: bool,
    /// Registered where a response is expected (default export, `module.exports`, a route, a server),
    /// not only recognised by its parameter names.
    pub registered: bool,
    /// The response parameter is named (`res`, `response`, ...) or typed like a response.
    pub response_looks_like_one: bool,
    /// The first parameter is named (`req`, `request`, ...) or typed like a request.
    pub request_looks_like_one: bool,
    /// Passed to a call that is not a route registration (`server.search(dn, (req, res) => ...)`,
    /// `asyncHandler(async (req, res) => ...)`): only its body can show it answers HTTP.
    pub passed_to_call: bool,
    /// The response parameter is typed as one (`res: Response`).
    pub response_typed: bool,
    /// The request parameter, when it is a plain identifier.
    pub request_binding: Option<&'a BindingIdentifier<'a>>,
    /// The Express path the handler is registered on (`'/users/:id'`): its required parameters
    /// are never empty in the handler.
    pub route_path: Option<&'a str>,
    /// The methods a wrapper lets through (`withMethods(['GET', 'POST'], handler)`): it answers
    /// every other method itself, so the handler never sees one.
    pub allowed_methods: Option<&'a ArrayExpression<'a>>,
    /// Registered last on the app, for every path (`app.use((req, res, next) => ...)` or
    /// `app.get('*', ...)` after every other route): `next()` there reaches only the framework's
    /// final handler, which answers nothing once a response went out.
    pub last_catch_all: bool,
    /// Another handler registered in this file certainly follows it (`app.get('/', auth, show)`:
    /// `auth`; or a later `app.use(notFound)`): `next()` there runs that handler.
    pub followed_in_file: bool,
    /// Another handler of the file calls it with its response (`return profileHandler(req, res)`):
    /// its paths are that caller's, whose code after the call may still answer.
    pub called_as_helper: bool,
}

impl Handler<'_> {
    /// Whether the body uses `response` at all. A function that a wrapper call receives and that
    /// never touches its response (`methodOverride(function (req, res) { return req.body._method })`)
    /// is a callback of that library, not a handler.
    pub fn uses_response(&self, response: &Binding<'_>) -> bool {
        let mut finder = ReferenceFinder::new(std::slice::from_ref(&response));
        finder.visit_function_body(self.body);
        finder.found()
    }

    /// Whether the body calls an HTTP-only method on `response` (`res.status(...)`, `res.json(...)`).
    pub fn answers_http(&self, response: &Binding<'_>) -> bool {
        struct Finder<'b> {
            response: &'b Binding<'b>,
            found: bool,
        }
        impl<'a> Visit<'a> for Finder<'_> {
            fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
                if let Expression::StaticMemberExpression(member) = it.callee.get_inner_expression() {
                    let on_response = matches!(member.object.get_inner_expression(), Expression::Identifier(id) if self.response.identifies(id));
                    if on_response && EXPRESS.answer.http_only_methods.contains(&member.property.name.as_str()) {
                        self.found = true;
                    }
                }
                walk::walk_call_expression(self, it);
            }
        }
        let mut finder = Finder { response, found: false };
        finder.visit_function_body(self.body);
        finder.found
    }
}

/// Every handler in `program`, outermost first, in source order. With `evidence`, only the
/// statements and expressions that hold some are walked: the handlers that can have a finding
/// (see [`Evidence`]), not every function that looks like a handler.
pub fn find_handlers<'a>(
    program: &'a Program<'a>,
    wrappers: &[String],
    evidence: Option<&Evidence>,
) -> Vec<Handler<'a>> {
    let (registrations, listening) = top_level_registrations(program);
    let mut finder = Finder {
        registered_names: exported_names(program),
        method_limits: method_limits(program),
        last_catch_alls: last_catch_alls(&registrations, &listening),
        followed: followed_handlers(&registrations),
        registered: HashSet::new(),
        passed: HashSet::new(),
        route_paths: HashMap::new(),
        found: Vec::new(),
        wrappers,
        evidence,
    };
    finder.visit_program(program);
    finder.found
}

struct Finder<'a, 'w> {
    /// Identifiers that are exported as, or passed to, a handler registration (`export default handler`).
    registered_names: HashSet<&'a str>,
    /// Start offsets of functions registered as handlers by their position in the code.
    registered: HashSet<u32>,
    /// Start offsets of functions passed to a call that is not a registration.
    passed: HashSet<u32>,
    /// The path each route handler is registered on (`'/users/:id'`), by the function's start.
    route_paths: HashMap<u32, &'a str>,
    /// The methods a wrapper lets through to the functions inside it
    /// (`withMethods(['GET'], handler)`, `withHandler({ methods: ['GET'], handler })`).
    method_limits: MethodLimits<'a>,
    /// Start offsets of the functions an app registers last, for every path.
    last_catch_alls: Vec<u32>,
    /// Start offsets of functions another handler of the file follows ([`followed_handlers`]).
    followed: Vec<u32>,
    found: Vec<Handler<'a>>,
    /// Configured wrapper functions (`handlerWrappers`): their function arguments are handlers.
    wrappers: &'w [String],
    /// Where the prefilter's evidence is; `None` walks everything.
    evidence: Option<&'w Evidence>,
}

impl<'a> Finder<'a, '_> {
    /// Marks every function in `expr` (looking through wrapper calls such as `withAuth(...)`) as a handler,
    /// and remembers identifiers, which may name a handler declared elsewhere in the file.
    fn register(&mut self, expr: &Expression<'a>) {
        match expr.get_inner_expression() {
            Expression::FunctionExpression(f) => {
                self.registered.insert(f.span.start);
            }
            Expression::ArrowFunctionExpression(f) => {
                self.registered.insert(f.span.start);
            }
            Expression::CallExpression(call) => {
                for arg in &call.arguments {
                    if let Some(expr) = arg.as_expression() {
                        self.register(expr);
                    }
                }
            }
            _ => {}
        }
    }

    fn consider(
        &mut self,
        span: Span,
        params: &'a FormalParameters<'a>,
        body: Option<&'a FunctionBody<'a>>,
        is_async: bool,
    ) {
        let Some(body) = body else { return };
        // Frameworks call a handler with at most four arguments (`err, req, res, next`): a
        // function that takes more (`isValid(req, res, id, userId, cb)`) is a helper.
        if params.items.len() > 4 {
            return;
        }
        let registered = self.registered.contains(&span.start);
        // Express error middleware takes `(err, req, res, next)`: everything moves one place.
        let offset = usize::from(params.items.len() == 4);
        let Some(response) = params.items.get(1 + offset) else { return };
        let Some(response_binding) = response.pattern.get_binding_identifier() else { return };
        let response_name = response_binding.name;
        let response_looks_like_one = PARAMETERS.response_names.contains(&response_name.as_str())
            || is_response_type(response.type_annotation.as_deref());
        let request_looks_like_one = looks_like_request(params.items.get(offset));
        let signature = response_looks_like_one
            && (request_looks_like_one || is_response_type(response.type_annotation.as_deref()));
        if !registered && !signature {
            return;
        }
        let next_binding = params.items.get(2 + offset).and_then(|p| p.pattern.get_binding_identifier());
        self.found.push(Handler {
            span,
            response: response_name.as_str(),
            response_binding,
            next: next_binding.map(|n| n.name.as_str()),
            next_binding,
            error_binding: params
                .items
                .first()
                .filter(|_| offset == 1)
                .and_then(|p| p.pattern.get_binding_identifier()),
            body,
            is_async,
            registered,
            response_looks_like_one,
            request_looks_like_one,
            passed_to_call: self.passed.contains(&span.start),
            response_typed: is_response_type(response.type_annotation.as_deref()),
            called_as_helper: false,
            request_binding: params.items.get(offset).and_then(|p| p.pattern.get_binding_identifier()),
            route_path: self.route_paths.get(&span.start).copied(),
            allowed_methods: self.method_limits.by_start.get(&span.start).copied(),
            last_catch_all: self.last_catch_alls.contains(&span.start),
            followed_in_file: self.followed.contains(&span.start),
        });
    }
}

impl Finder<'_, '_> {
    /// Whether a node with this span may hold a handler with a finding, so must be walked.
    fn may_hold_findings(&self, span: Span) -> bool {
        self.evidence.is_none_or(|evidence| evidence.within(span.start, span.end))
    }

    /// `apiHandler(...)` or `lib.apiHandler(...)` when `apiHandler` is a configured wrapper.
    fn is_configured_wrapper(&self, callee: &Expression<'_>) -> bool {
        let name = match callee.get_inner_expression() {
            Expression::Identifier(id) => id.name.as_str(),
            Expression::StaticMemberExpression(member) => member.property.name.as_str(),
            _ => return false,
        };
        self.wrappers.iter().any(|wrapper| wrapper == name)
    }
}

impl<'a> Visit<'a> for Finder<'a, '_> {
    fn visit_statement(&mut self, it: &Statement<'a>) {
        if self.may_hold_findings(it.span()) {
            walk::walk_statement(self, it);
        }
    }

    fn visit_expression(&mut self, it: &Expression<'a>) {
        if self.may_hold_findings(it.span()) {
            walk::walk_expression(self, it);
        }
    }

    fn visit_export_default_declaration(&mut self, it: &ExportDefaultDeclaration<'a>) {
        match &it.declaration {
            ExportDefaultDeclarationKind::FunctionDeclaration(f) => {
                self.registered.insert(f.span.start);
            }
            kind => {
                if let Some(expr) = kind.as_expression() {
                    self.register(expr);
                }
            }
        }
        walk::walk_export_default_declaration(self, it);
    }

    fn visit_assignment_expression(&mut self, it: &AssignmentExpression<'a>) {
        if is_module_export_target(&it.left) {
            self.register(&it.right);
        }
        walk::walk_assignment_expression(self, it);
    }

    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        if let (Some(name), Some(init)) = (it.id.get_identifier_name(), &it.init) {
            if self.registered_names.contains(name.as_str()) {
                self.register(init);
            }
            if let (Some(&methods), Some(start)) = (self.method_limits.by_name.get(name.as_str()), function_start(init))
            {
                self.method_limits.by_start.insert(start, methods);
            }
        }
        walk::walk_variable_declarator(self, it);
    }

    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        if is_route_registration(&it.callee) || is_server_creation(it) || self.is_configured_wrapper(&it.callee) {
            let path = is_route_registration(&it.callee).then(|| route_path(it)).flatten();
            for arg in &it.arguments {
                if let Some(expr) = arg.as_expression() {
                    if let (Some(path), Some(function)) = (path, function_start(expr)) {
                        self.route_paths.insert(function, path);
                    }
                    self.register(expr);
                }
            }
        } else {
            // `server.search(dn, (req, res, next) => ...)`: what calls it decides what `res` is.
            for arg in &it.arguments {
                match arg {
                    Argument::FunctionExpression(f) => {
                        self.passed.insert(f.span.start);
                    }
                    Argument::ArrowFunctionExpression(f) => {
                        self.passed.insert(f.span.start);
                    }
                    _ => {}
                }
            }
        }
        walk::walk_call_expression(self, it);
    }

    fn visit_function(&mut self, it: &Function<'a>, flags: ScopeFlags) {
        let it: &'a Function<'a> = self.alloc(it);
        if it.id.as_ref().is_some_and(|id| self.registered_names.contains(id.name.as_str())) {
            self.registered.insert(it.span.start);
        }
        if let Some(&methods) = it.id.as_ref().and_then(|id| self.method_limits.by_name.get(id.name.as_str())) {
            self.method_limits.by_start.insert(it.span.start, methods);
        }
        self.consider(it.span, &it.params, it.body.as_deref(), it.r#async);
        walk::walk_function(self, it, flags);
    }

    fn visit_arrow_function_expression(&mut self, it: &ArrowFunctionExpression<'a>) {
        let it: &'a ArrowFunctionExpression<'a> = self.alloc(it);
        let body = match &it.body {
            ArrowFunctionBody::FunctionBody(body) => Some(&**body),
            _ => None,
        };
        self.consider(it.span, &it.params, body, it.r#async);
        walk::walk_arrow_function_expression(self, it);
    }
}

/// Names that the top level exports as the handler: `export default handler`,
/// `export default withAuth(handler)`, `export { handler as default }`, `module.exports = handler`.
fn exported_names<'a>(program: &Program<'a>) -> HashSet<&'a str> {
    let mut names = HashSet::new();
    for stmt in &program.body {
        match stmt {
            Statement::ExportDefaultDeclaration(decl) => {
                if let Some(expr) = decl.declaration.as_expression() {
                    collect_identifiers(expr, &mut names);
                }
            }
            Statement::ExportNamedDeclaration(decl) => {
                for spec in &decl.specifiers {
                    if spec.exported.name() == "default" {
                        names.insert(spec.local.name().as_str());
                    }
                }
            }
            Statement::ExpressionStatement(stmt) => {
                if let Expression::AssignmentExpression(assign) = stmt.expression.get_inner_expression() {
                    if is_module_export_target(&assign.left) {
                        collect_identifiers(&assign.right, &mut names);
                    }
                }
            }
            _ => {}
        }
    }
    names
}

/// Identifiers in `expr` or in the arguments of wrapper calls around it.
fn collect_identifiers<'a>(expr: &Expression<'a>, names: &mut HashSet<&'a str>) {
    match expr.get_inner_expression() {
        Expression::Identifier(ident) => {
            names.insert(ident.name.as_str());
        }
        Expression::CallExpression(call) => {
            for arg in &call.arguments {
                if let Some(expr) = arg.as_expression() {
                    collect_identifiers(expr, names);
                }
            }
        }
        _ => {}
    }
}

/// `module.exports`, `module.exports.x`, `exports.x`.
fn is_module_export_target(target: &AssignmentTarget<'_>) -> bool {
    let Some(member) = target.as_member_expression() else { return false };
    let object = member.object().get_inner_expression();
    match member.static_property_name() {
        Some("exports") => matches!(object, Expression::Identifier(id) if id.name == "module"),
        Some(_) => match object {
            Expression::Identifier(id) => id.name == "exports",
            Expression::StaticMemberExpression(inner) => {
                inner.property.name == "exports"
                    && matches!(&inner.object, Expression::Identifier(id) if id.name == "module")
            }
            _ => false,
        },
        None => false,
    }
}

/// `app.get(...)`, `router.post(...)`, `router.route(p).get(...)`, `app.route(p).get(...).post(...)`.
fn is_route_registration(callee: &Expression<'_>) -> bool {
    let Expression::StaticMemberExpression(member) = callee.get_inner_expression() else { return false };
    if !REGISTRATION.route_methods.contains(&member.property.name.as_str()) {
        return false;
    }
    is_router_object(&member.object)
}

/// An expression that is an Express app or router by its name or by how it was made.
fn is_router_object(expr: &Expression<'_>) -> bool {
    match expr.get_inner_expression() {
        Expression::Identifier(id) => {
            let name = id.name.to_ascii_lowercase();
            REGISTRATION.router_names.contains(&name.as_str())
                || REGISTRATION.router_name_endings.iter().any(|ending| name.ends_with(ending))
        }
        Expression::StaticMemberExpression(member) => {
            let name = member.property.name.to_ascii_lowercase();
            REGISTRATION.router_property_names.contains(&name.as_str())
                || REGISTRATION.router_property_endings.iter().any(|ending| name.ends_with(ending))
        }
        Expression::CallExpression(call) => match call.callee.get_inner_expression() {
            Expression::StaticMemberExpression(member) => {
                let method = member.property.name.as_str();
                (method == REGISTRATION.route_chain_method || REGISTRATION.route_methods.contains(&method))
                    && is_router_object(&member.object)
                    || REGISTRATION.router_factory_methods.contains(&method)
            }
            Expression::Identifier(id) => REGISTRATION.router_factories.contains(&id.name.as_str()),
            _ => false,
        },
        _ => false,
    }
}

/// `http.createServer(handler)`, `createServer(options, handler)`, `server.on('request', handler)`.
fn is_server_creation(call: &CallExpression<'_>) -> bool {
    match call.callee.get_inner_expression() {
        Expression::Identifier(id) => REGISTRATION.server_factories.contains(&id.name.as_str()),
        Expression::StaticMemberExpression(member) => {
            let (method, event) = REGISTRATION.request_event;
            REGISTRATION.server_factories.contains(&member.property.name.as_str())
                || member.property.name == method
                    && matches!(call.arguments.first(), Some(Argument::StringLiteral(s)) if s.value == event)
        }
        _ => false,
    }
}

/// A first parameter named `req`/`request` (or `_req`...), or typed `NextApiRequest`, `Request`, `IncomingMessage`.
fn looks_like_request(param: Option<&FormalParameter<'_>>) -> bool {
    let Some(param) = param else { return false };
    let named =
        param.pattern.get_identifier_name().is_some_and(|name| PARAMETERS.request_names.contains(&name.as_str()));
    named || type_name(param.type_annotation.as_deref()).is_some_and(|name| PARAMETERS.request_types.contains(&name))
}

/// `res: NextApiResponse`, `res: express.Response<T>`, `res: http.ServerResponse`.
fn is_response_type(annotation: Option<&TSTypeAnnotation<'_>>) -> bool {
    type_name(annotation).is_some_and(|name| PARAMETERS.response_types.contains(&name))
}

/// The last name of a type reference annotation: `Response` for `express.Response<T>`.
fn type_name<'a>(annotation: Option<&TSTypeAnnotation<'a>>) -> Option<&'a str> {
    let Some(TSType::TSTypeReference(reference)) = annotation.map(|a| &a.type_annotation) else { return None };
    match &reference.type_name {
        TSTypeName::IdentifierReference(id) => Some(id.name.as_str()),
        TSTypeName::QualifiedName(q) => Some(q.right.name.as_str()),
        TSTypeName::ThisExpression(_) => None,
    }
}

/// The method lists of the wrappers around the file's exported handlers.
#[derive(Default)]
struct MethodLimits<'a> {
    /// Handlers named inside such a wrapper (`withMethods(['GET'], handler)`).
    by_name: HashMap<&'a str, &'a ArrayExpression<'a>>,
    /// Functions inside one, by their start.
    by_start: HashMap<u32, &'a ArrayExpression<'a>>,
}

/// What the default export or `module.exports` wraps in a method list: `withMethods(['GET',
/// 'DELETE'], withAuth(handler))`, `withHandler({ methods: ['GET'], handler })`.
fn method_limits<'a>(program: &'a Program<'a>) -> MethodLimits<'a> {
    let mut limits = MethodLimits::default();
    for stmt in &program.body {
        let exported = match stmt {
            Statement::ExportDefaultDeclaration(decl) => decl.declaration.as_expression(),
            Statement::ExpressionStatement(stmt) => match stmt.expression.get_inner_expression() {
                Expression::AssignmentExpression(assign) if is_module_export_target(&assign.left) => {
                    Some(&assign.right)
                }
                _ => None,
            },
            _ => None,
        };
        if let Some(exported) = exported {
            limit_within(exported, None, &mut limits);
        }
    }
    limits
}

fn limit_within<'a>(expr: &'a Expression<'a>, methods: Option<&'a ArrayExpression<'a>>, limits: &mut MethodLimits<'a>) {
    match expr.get_inner_expression() {
        Expression::Identifier(id) => {
            if let Some(methods) = methods {
                limits.by_name.insert(id.name.as_str(), methods);
            }
        }
        Expression::FunctionExpression(_) | Expression::ArrowFunctionExpression(_) => {
            if let (Some(methods), Some(start)) = (methods, function_start(expr)) {
                limits.by_start.insert(start, methods);
            }
        }
        Expression::CallExpression(call) => {
            let methods = methods.or_else(|| call.arguments.iter().find_map(method_list));
            for arg in &call.arguments {
                match arg {
                    Argument::ObjectExpression(object) => {
                        for property in &object.properties {
                            if let ObjectPropertyKind::ObjectProperty(property) = property {
                                limit_within(&property.value, methods, limits);
                            }
                        }
                    }
                    other => {
                        if let Some(expr) = other.as_expression() {
                            limit_within(expr, methods, limits);
                        }
                    }
                }
            }
        }
        _ => {}
    }
}

/// `['GET', 'POST']`, or an object with `methods: ['GET', 'POST']`: a list of HTTP methods.
fn method_list<'a>(arg: &'a Argument<'a>) -> Option<&'a ArrayExpression<'a>> {
    let array = match arg {
        Argument::ArrayExpression(array) => &**array,
        Argument::ObjectExpression(object) => object.properties.iter().find_map(|property| match property {
            ObjectPropertyKind::ObjectProperty(p) if p.key.static_name().is_some_and(|name| name == "methods") => {
                match p.value.get_inner_expression() {
                    Expression::ArrayExpression(array) => Some(&**array),
                    _ => None,
                }
            }
            _ => None,
        })?,
        _ => return None,
    };
    let all_methods = !array.elements.is_empty()
        && array.elements.iter().all(|element| {
            matches!(element, ArrayExpressionElement::StringLiteral(s) if REGISTRATION.http_methods.contains(&s.value.to_ascii_uppercase().as_str()))
        });
    all_methods.then_some(array)
}

/// The path of a route registration: `app.get('/users/:id', ...)` or
/// `router.route('/users/:id').get(...)`.
fn route_path<'a>(call: &CallExpression<'a>) -> Option<&'a str> {
    if let Some(Argument::StringLiteral(path)) = call.arguments.first() {
        return Some(path.value.as_str());
    }
    let Expression::StaticMemberExpression(member) = call.callee.get_inner_expression() else { return None };
    let Expression::CallExpression(route) = member.object.get_inner_expression() else { return None };
    let Expression::StaticMemberExpression(route_member) = route.callee.get_inner_expression() else { return None };
    match (route_member.property.name.as_str(), route.arguments.first()) {
        (method, Some(Argument::StringLiteral(path))) if method == REGISTRATION.route_chain_method => {
            Some(path.value.as_str())
        }
        _ => None,
    }
}

/// One top-level registration of a route or middleware: `app.get('/users', auth, show)`.
struct TopRegistration<'a, 'p> {
    /// The app or router it registers on (`app`).
    receiver: &'a str,
    /// Its functions, in order (`auth`, `show`; the path is not one).
    functions: Vec<&'p Expression<'a>>,
    /// It matches every path: `app.use(fn)`, `app.use('/', fn)`, `app.get('*', fn)`.
    matches_every_path: bool,
    /// Its last function is error middleware (four parameters), which runs only for errors.
    error_middleware: bool,
}

/// The top-level registrations of `program`, in order, and the receivers that `listen`.
fn top_level_registrations<'a, 'p>(program: &'p Program<'a>) -> (Vec<TopRegistration<'a, 'p>>, Vec<&'a str>) {
    let mut registrations = Vec::new();
    let mut listening = Vec::new();
    for statement in &program.body {
        let Statement::ExpressionStatement(statement) = statement else { continue };
        let Expression::CallExpression(call) = statement.expression.get_inner_expression() else { continue };
        let Expression::StaticMemberExpression(member) = call.callee.get_inner_expression() else { continue };
        let Expression::Identifier(receiver) = member.object.get_inner_expression() else { continue };
        let method = member.property.name.as_str();
        if method == REGISTRATION.listen_method {
            listening.push(receiver.name.as_str());
            continue;
        }
        if !REGISTRATION.route_methods.contains(&method) {
            continue;
        }
        let path = match call.arguments.first() {
            Some(Argument::StringLiteral(path)) => Some(path.value.as_str()),
            _ => None,
        };
        let matches_every_path = match path {
            Some(path) => {
                REGISTRATION.catch_all_paths.contains(&path) || (method == REGISTRATION.mount_method && path == "/")
            }
            None => method == REGISTRATION.mount_method,
        };
        let functions: Vec<&Expression<'a>> = call
            .arguments
            .iter()
            .filter(|argument| !matches!(argument, Argument::StringLiteral(_)))
            .filter_map(Argument::as_expression)
            .collect();
        let error_middleware = functions.last().is_some_and(|f| parameter_count(f) == Some(4));
        registrations.push(TopRegistration {
            receiver: receiver.name.as_str(),
            functions,
            matches_every_path,
            error_middleware,
        });
    }
    (registrations, listening)
}

/// The functions each app registers last (top-level statements, in order): the last
/// registration that matches every path (`app.use((req, res) => res.status(404)...)` or
/// `app.get('*', ...)`), error middleware after it not counting as later, since it runs only
/// for errors; and error middleware registered after everything else. Only an app (named
/// `app`, or one that `listen`s): a router's last middleware hands on to whatever the app
/// registered after the router.
fn last_catch_alls(registrations: &[TopRegistration<'_, '_>], listening: &[&str]) -> Vec<u32> {
    let mut last: Vec<(&str, Option<u32>)> = Vec::new();
    let mut last_error_middleware: Vec<(&str, Option<u32>)> = Vec::new();
    for registration in registrations {
        let last_function = registration.functions.last().and_then(|f| function_start(f));
        let receiver = registration.receiver;
        set_last(&mut last_error_middleware, receiver, last_function.filter(|_| registration.error_middleware));
        if !registration.error_middleware {
            set_last(&mut last, receiver, last_function.filter(|_| registration.matches_every_path));
        }
    }
    last.into_iter()
        .chain(last_error_middleware)
        .filter(|(name, _)| *name == REGISTRATION.app_name || listening.contains(name))
        .filter_map(|(_, start)| start)
        .collect()
}

/// The functions registered at the top level that another handler of the file certainly
/// follows: a later function of the same registration (`app.get('/', auth, show)`: `auth`), a
/// later registration on the same app or router for every path (`app.use(notFound)`), or, for
/// one that matches every path itself, any later registration there.
fn followed_handlers(registrations: &[TopRegistration<'_, '_>]) -> Vec<u32> {
    let mut followed = Vec::new();
    // The receivers with a later route (not error middleware), and whether one of those routes
    // is for every path.
    let mut later: Vec<(&str, bool)> = Vec::new();
    for registration in registrations.iter().rev() {
        let seen = later.iter_mut().find(|(receiver, _)| *receiver == registration.receiver);
        let later_every_path = seen.as_ref().is_some_and(|entry| entry.1);
        let later_for_every_path = later_every_path || (registration.matches_every_path && seen.is_some());
        if !registration.error_middleware {
            let every_path = later_every_path || registration.matches_every_path;
            match seen {
                Some(entry) => entry.1 = every_path,
                None => later.push((registration.receiver, every_path)),
            }
        }
        for (position, function) in registration.functions.iter().enumerate() {
            let followed_here = later_for_every_path || position + 1 < registration.functions.len();
            if let Some(start) = function_start(function).filter(|_| followed_here) {
                followed.push(start);
            }
        }
    }
    followed
}

/// Records `start` as the last registration of the app named `receiver`.
fn set_last<'a>(last: &mut Vec<(&'a str, Option<u32>)>, receiver: &'a str, start: Option<u32>) {
    match last.iter_mut().find(|(name, _)| *name == receiver) {
        Some(entry) => entry.1 = start,
        None => last.push((receiver, start)),
    }
}

/// How many parameters the function `expr` declares.
fn parameter_count(expr: &Expression<'_>) -> Option<usize> {
    match expr.get_inner_expression() {
        Expression::FunctionExpression(f) => Some(f.params.items.len()),
        Expression::ArrowFunctionExpression(f) => Some(f.params.items.len()),
        _ => None,
    }
}

/// The start of the function `expr` is, looking through parentheses.
fn function_start(expr: &Expression<'_>) -> Option<u32> {
    match expr.get_inner_expression() {
        Expression::FunctionExpression(f) => Some(f.span.start),
        Expression::ArrowFunctionExpression(f) => Some(f.span.start),
        _ => None,
    }
}

/// The parameters an Express path requires (`:id` in `'/users/:id'`; not `:id?`, nor one inside
/// an optional `{...}` group): a request matches the route only when each is a non-empty string.
pub fn required_route_params(path: &str) -> Vec<&str> {
    let mut params = Vec::new();
    let mut optional_depth = 0usize;
    let bytes = path.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => optional_depth += 1,
            b'}' => optional_depth = optional_depth.saturating_sub(1),
            b':' => {
                let start = i + 1;
                let mut end = start;
                while end < bytes.len()
                    && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'_' || bytes[end] == b'$')
                {
                    end += 1;
                }
                let optional = bytes.get(end) == Some(&b'?');
                if end > start && optional_depth == 0 && !optional {
                    params.push(&path[start..end]);
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    params
}

#[cfg(test)]
mod tests {
    use super::required_route_params;

    #[test]
    fn required_route_params_skip_optional_ones() {
        assert_eq!(required_route_params("/users/:id"), ["id"]);
        assert_eq!(required_route_params("/users/:userId/posts/:post_id"), ["userId", "post_id"]);
        assert_eq!(required_route_params("/users/:id?"), Vec::<&str>::new());
        assert_eq!(required_route_params("/files{/:name}"), Vec::<&str>::new());
        assert_eq!(required_route_params("/n/:id(\\d+)"), ["id"]);
        assert_eq!(required_route_params("/plain"), Vec::<&str>::new());
    }
}
