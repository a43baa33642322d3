//! What sendonce knows about the frameworks whose handlers it reads, in one place: which
//! functions are handlers, how they answer, what hands the request on, what writes headers,
//! and what the framework guarantees. Detection (`handler`), the walk (`flow`), the rules'
//! fixes and the prefilter's words all read it from here, so teaching sendonce a framework is
//! adding a [`Framework`] value, not editing the analysis.
//!
//! Today there is one: [`EXPRESS`], the vocabulary of Node's `http.ServerResponse` as Express,
//! plain `http.createServer` and Next.js pages API routes use it. A framework that answers
//! through another object (Fastify's `reply.send`) would be another value with its own
//! parameters and methods; one that answers by returning a `Response` (Next.js App Router, Hono)
//! would add that way of answering to [`Answer`].
//!
//! This module depends on nothing else in the crate.

/// One framework's vocabulary.
#[derive(Debug)]
pub struct Framework {
    /// How its handlers' parameters are named and typed.
    pub parameters: Parameters,
    /// How a handler answers the request, and what fails after it did.
    pub answer: Answer,
    /// How handlers are registered on an app, a router or a server.
    pub registration: Registration,
    /// Request properties the framework fills on every request (an object, maybe empty): a test
    /// of whether one is missing (`if (!req.body)`) never holds, so a path needing it is not
    /// reported.
    pub always_set_request_properties: &'static [&'static str],
    /// Modules whose default export asserts its first argument (`invariant(cond, message)`,
    /// `assert(cond)`): it throws unless the condition holds, so after the call it does.
    pub assertion_modules: &'static [&'static str],
}

/// The parameters a handler receives, by name and type: a function whose parameters look like
/// these is a handler even when it is registered in another file.
#[derive(Debug)]
pub struct Parameters {
    /// Names that make a first parameter look like a request.
    pub request_names: &'static [&'static str],
    /// Type names that make a first parameter a request.
    pub request_types: &'static [&'static str],
    /// Names that make a second parameter look like a response.
    pub response_names: &'static [&'static str],
    /// Type names that make a second parameter a response, whatever it is called.
    pub response_types: &'static [&'static str],
    /// Names that make a third parameter the hand-off to the next handler (Express's `next`, or a
    /// callback that ends the request). Another name counts only when the handler calls it like
    /// one: never by position alone.
    pub next_names: &'static [&'static str],
    /// The hand-off's usual name: the only one the prefilter looks for as a callee, since a rule
    /// reports on a call of another name only next to a send or a response-like parameter.
    pub next: &'static str,
}

/// How a handler answers: by calling methods of its response parameter.
#[derive(Debug)]
pub struct Answer {
    /// Methods that end a response: calling a second one throws `ERR_HTTP_HEADERS_SENT`. A send
    /// is one of these called on the response, directly or at the end of a chain of calls on it
    /// (`res.status(404).json(...)`).
    pub send_methods: &'static [&'static str],
    /// The send methods whose bodies the multiple-sends fix can combine into one object
    /// (`res.json({ a, b })`; `send` sends an object as JSON). The others carry a status, a
    /// location, a file or a template, which do not combine.
    pub combined_send_methods: &'static [&'static str],
    /// Send methods that, given a function as their last argument, pass it the result instead of
    /// sending (`res.render(view, (err, html) => ...)`): the callback answers, if anything does.
    pub result_to_callback_methods: &'static [&'static str],
    /// Calls on the response that set headers: after a send they throw `ERR_HTTP_HEADERS_SENT`
    /// too.
    pub header_writes: &'static [&'static str],
    /// Methods HTTP responses have and look-alikes (an LDAP or RPC server's `res`) do not: a
    /// handler known only by its signature must call one to count as an HTTP handler.
    pub http_only_methods: &'static [&'static str],
    /// Response methods the request does not have: `req.status(400)` throws a `TypeError`, which
    /// the framework answers (a synchronous handler) or which rejects the handler.
    pub missing_on_request: &'static [&'static str],
    /// Properties that tell, read on the response (or the request), whether the answer already
    /// went out: the path after such a read depends on code the walk cannot see.
    pub state_properties: &'static [&'static str],
    /// The state properties that are true exactly once a response was sent, so a test on one
    /// (`if (!res.headersSent)`) splits the paths into answered and not.
    pub sent_properties: &'static [&'static str],
    /// The one of the state properties that is also a property of a request (`req.finished` is
    /// not the response's state): it counts only read on the response itself.
    pub response_only_state_property: &'static str,
}

/// How handlers are registered: a function passed to one of these is a handler, and the
/// registrations say which paths and methods reach it.
#[derive(Debug)]
pub struct Registration {
    /// Methods that register a route handler on an app or router (`app.get(path, handler)`).
    pub route_methods: &'static [&'static str],
    /// The method that starts a chain of route methods on one path (`router.route(p).get(...)`).
    pub route_chain_method: &'static str,
    /// Names an app or router variable has (compared lowercased): `app`, `router`, ...
    pub router_names: &'static [&'static str],
    /// Endings of such names (lowercased): `userRouter`, `adminApp`, `authRoutes`.
    pub router_name_endings: &'static [&'static str],
    /// Property names (lowercased) that hold an app or router (`this.app`, `module.router`).
    pub router_property_names: &'static [&'static str],
    /// Endings of such property names (lowercased): `this.userRouter`.
    pub router_property_endings: &'static [&'static str],
    /// Functions whose call makes an app or router (`express()`, `Router()`).
    pub router_factories: &'static [&'static str],
    /// Methods whose call makes a router (`express.Router()`).
    pub router_factory_methods: &'static [&'static str],
    /// Functions (or methods) whose call makes a server that calls its function argument with
    /// every request (`http.createServer(handler)`).
    pub server_factories: &'static [&'static str],
    /// The method and event a server registers its request listener with (`server.on('request',
    /// handler)`).
    pub request_event: (&'static str, &'static str),
    /// The method that starts an app serving (`app.listen(3000)`): an app, not a router.
    pub listen_method: &'static str,
    /// The name that alone makes a variable the app (whose last catch-all reaches only the
    /// framework's final handler).
    pub app_name: &'static str,
    /// The route method that matches every path without one (`app.use(fn)`), also on `'/'`.
    pub mount_method: &'static str,
    /// Paths that match every request: a handler registered on one runs for whatever no earlier
    /// route answered.
    pub catch_all_paths: &'static [&'static str],
    /// HTTP methods, as a wrapper lists the ones it lets through (`withMethods(['GET'], h)`).
    pub http_methods: &'static [&'static str],
}

/// Express, plain Node `http` and Next.js pages API routes: all three answer through Node's
/// `http.ServerResponse` (Express adds its methods to it), so one vocabulary serves them.
pub const EXPRESS: Framework = Framework {
    parameters: Parameters {
        request_names: &["req", "request", "_req", "_request"],
        request_types: &["NextApiRequest", "Request", "IncomingMessage"],
        response_names: &["res", "response", "_res", "_response"],
        response_types: &["NextApiResponse", "Response", "ServerResponse"],
        next_names: &["next", "nxt", "_next", "cb", "callback", "done", "proceed"],
        next: "next",
    },
    answer: Answer {
        send_methods: &[
            "json",
            "send",
            "end",
            "redirect",
            "sendStatus",
            "sendFile",
            "sendfile",
            "render",
            "jsonp",
            "download",
        ],
        combined_send_methods: &["json", "send"],
        result_to_callback_methods: &["render"],
        header_writes: &[
            "setHeader",
            "set",
            "header",
            "writeHead",
            "cookie",
            "clearCookie",
            "location",
            "type",
            "contentType",
            "append",
            "attachment",
            "links",
            "vary",
        ],
        http_only_methods: &[
            "status",
            "json",
            "sendStatus",
            "redirect",
            "render",
            "setHeader",
            "writeHead",
            "cookie",
            "clearCookie",
            "sendFile",
            "sendfile",
            "jsonp",
            "download",
            "header",
            "type",
            "location",
            "attachment",
            "format",
            "vary",
            "links",
        ],
        missing_on_request: &[
            "status",
            "json",
            "send",
            "sendStatus",
            "redirect",
            "render",
            "sendFile",
            "jsonp",
            "download",
            "cookie",
            "clearCookie",
            "setHeader",
            "writeHead",
        ],
        state_properties: &["headersSent", "writableEnded", "writableFinished", "finished", "destroyed", "aborted"],
        sent_properties: &["headersSent", "writableEnded", "finished"],
        response_only_state_property: "finished",
    },
    registration: Registration {
        route_methods: &["get", "post", "put", "patch", "delete", "del", "all", "use", "options", "head"],
        route_chain_method: "route",
        router_names: &["app", "router", "server", "api", "routes", "route"],
        router_name_endings: &["router", "app", "routes"],
        router_property_names: &["app"],
        router_property_endings: &["router"],
        router_factories: &["express", "Router"],
        router_factory_methods: &["Router"],
        server_factories: &["createServer"],
        request_event: ("on", "request"),
        listen_method: "listen",
        app_name: "app",
        mount_method: "use",
        catch_all_paths: &["*", "/*", "(.*)", "/(.*)", "*splat", "/*splat", "/{*splat}"],
        http_methods: &["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
    },
    always_set_request_properties: &["body", "query", "params", "headers"],
    assertion_modules: &["invariant", "tiny-invariant", "assert", "node:assert"],
};

/// Whether `name` is a global the JavaScript runtimes a handler file may run in provide
/// (ECMAScript, Node, the web platform, Next.js and test runners), so a file may read it without
/// declaring it. Names outside this list and outside the file throw when read.
pub fn is_runtime_global(name: &str) -> bool {
    RUNTIME_GLOBALS.binary_search(&name).is_ok()
}

/// Sorted (byte order) for [`is_runtime_global`].
const RUNTIME_GLOBALS: &[&str] = &[
    "AbortController",
    "AbortSignal",
    "AggregateError",
    "Array",
    "ArrayBuffer",
    "Atomics",
    "BigInt",
    "BigInt64Array",
    "BigUint64Array",
    "Blob",
    "Boolean",
    "BroadcastChannel",
    "Buffer",
    "CustomEvent",
    "DOMException",
    "DataView",
    "Date",
    "Deno",
    "Error",
    "EvalError",
    "Event",
    "EventTarget",
    "File",
    "FinalizationRegistry",
    "Float32Array",
    "Float64Array",
    "FormData",
    "Function",
    "GLOBAL",
    "Headers",
    "Infinity",
    "Int16Array",
    "Int32Array",
    "Int8Array",
    "Intl",
    "Iterator",
    "JSON",
    "Map",
    "Math",
    "MessageChannel",
    "MessagePort",
    "NaN",
    "Number",
    "Object",
    "Promise",
    "Proxy",
    "RangeError",
    "ReadableStream",
    "ReferenceError",
    "Reflect",
    "RegExp",
    "Request",
    "Response",
    "Set",
    "SharedArrayBuffer",
    "String",
    "Symbol",
    "SyntaxError",
    "TextDecoder",
    "TextEncoder",
    "TransformStream",
    "TypeError",
    "URIError",
    "URL",
    "URLSearchParams",
    "Uint16Array",
    "Uint32Array",
    "Uint8Array",
    "Uint8ClampedArray",
    "WeakMap",
    "WeakRef",
    "WeakSet",
    "WebAssembly",
    "WritableStream",
    "XMLHttpRequest",
    "__dirname",
    "__filename",
    "afterAll",
    "afterEach",
    "alert",
    "arguments",
    "atob",
    "beforeAll",
    "beforeEach",
    "btoa",
    "clearImmediate",
    "clearInterval",
    "clearTimeout",
    "confirm",
    "console",
    "crypto",
    "decodeURI",
    "decodeURIComponent",
    "describe",
    "document",
    "encodeURI",
    "encodeURIComponent",
    "escape",
    "eval",
    "expect",
    "exports",
    "fetch",
    "global",
    "globalThis",
    "history",
    "isFinite",
    "isNaN",
    "it",
    "jest",
    "localStorage",
    "location",
    "module",
    "navigator",
    "parseFloat",
    "parseInt",
    "performance",
    "process",
    "prompt",
    "queueMicrotask",
    "require",
    "root",
    "self",
    "sessionStorage",
    "setImmediate",
    "setInterval",
    "setTimeout",
    "structuredClone",
    "test",
    "undefined",
    "unescape",
    "vi",
    "window",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_globals_are_sorted_for_binary_search() {
        assert!(RUNTIME_GLOBALS.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(is_runtime_global("process") && is_runtime_global("AbortController"));
        assert!(!is_runtime_global("users"));
    }
}
