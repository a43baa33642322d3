#!/usr/bin/env node
// Executes one HTTP handler file against a mock req/res and prints ONE JSON line:
//   {"sends":[{"status":200,"body":...}],"errors":["..."],"status":200,"body":...,"logs":["error: ..."]}
// Usage: node tests/behaviour/run-handler.mjs FILE [--export NAME] [--express-route 'GET /users/:id']
//                                             [--fail NAME]... [--req JSON] [--settle MS] [--final-handler]
// JavaScript only (.js/.mjs/.cjs): Node 20 cannot strip TypeScript types.
// Exit 0 once the handler has run (even if it threw); exit 2 on a usage or load error (message on stderr).
// See README.md next to this file for the --fail mechanism.
import { Session } from 'node:inspector';
import Module, { register } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import util from 'node:util';

const die = (msg) => {
  process.stderr.write(`run-handler: ${msg}\n`);
  process.exit(2);
};

// ---- arguments -------------------------------------------------------------
const opts = { file: null, exportName: null, route: null, fail: [], req: {}, settle: 25, finalHandler: false };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const value = () => (i + 1 < argv.length ? argv[++i] : die(`${a} needs a value`));
  if (a === '--export') opts.exportName = value();
  else if (a === '--express-route') opts.route = value();
  else if (a === '--fail') opts.fail.push(value());
  else if (a === '--req') {
    try { opts.req = JSON.parse(value()); } catch (err) { die(`--req: ${err.message}`); }
  }
  else if (a === '--settle') opts.settle = Number(value());
  else if (a === '--final-handler') opts.finalHandler = true;
  else if (a.startsWith('--')) die(`unknown option ${a}`);
  else if (opts.file === null) opts.file = a;
  else die(`unexpected argument ${a}`);
}
if (!opts.file) die('usage: run-handler.mjs FILE [--export NAME] [--express-route "GET /path"] [--fail NAME]... [--req JSON] [--settle MS] [--final-handler]');
const file = path.resolve(opts.file);
if (!existsSync(file)) die(`no such file: ${opts.file}`);
if (/\.[mc]?tsx?$/.test(file)) die(`${opts.file}: TypeScript is not supported (Node 20 cannot strip types); run JavaScript fixtures only`);
if (!/\.[mc]?js$/.test(file)) die(`${opts.file}: expected a .js, .mjs or .cjs file`);

// ---- capture console and stray errors (stdout carries only the JSON line) ----
const logs = [];
const show = (v) => (v instanceof Error ? `${v.name}: ${v.message}` : v);
for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
  console[level] = (...args) => logs.push(`${level}: ${util.format(...args.map(show))}`);
}
const emitWarning = process.emitWarning;
process.emitWarning = (w, ...rest) => {
  const code = typeof rest[0] === 'object' ? rest[0]?.code : rest[1];
  if (code === 'MODULE_TYPELESS_PACKAGE_JSON' || /ExperimentalWarning/.test(String(rest[0]))) return;
  emitWarning.call(process, w, ...rest);
};

const errors = [];
const seen = new WeakSet();
const recordError = (err) => {
  if (err !== null && typeof err === 'object') {
    if (seen.has(err)) return;
    seen.add(err);
  }
  errors.push(err instanceof Error ? err.message : String(err));
};
process.on('unhandledRejection', recordError);
process.on('uncaughtException', recordError);

// ---- fake express: `require('express')` / `import express from 'express'` ---
const routes = [];
const ROUTER = Symbol('fake express router');
const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'options', 'head', 'all'];
function makeRouter() {
  const router = (req, res, next) => next();
  router[ROUTER] = true;
  const add = (method, routePath, handlers) => {
    routes.push({ method: method.toUpperCase(), path: routePath, handlers: handlers.flat(Infinity) });
  };
  for (const m of METHODS) {
    router[m] = (routePath, ...handlers) => {
      if (handlers.length) add(m, routePath, handlers);
      return router;
    };
  }
  router.route = (routePath) => {
    const chain = {};
    for (const m of METHODS) chain[m] = (...handlers) => (add(m, routePath, handlers), chain);
    return chain;
  };
  router.use = router.param = () => router;
  return router;
}
function express() {
  const app = makeRouter();
  app.locals = {};
  app.set = app.enable = app.disable = app.engine = () => app;
  app.listen = () => ({ close() {}, address: () => null });
  return app;
}
const middleware = () => (req, res, next) => next();
Object.assign(express, { Router: makeRouter, json: middleware, urlencoded: middleware, static: middleware, text: middleware, raw: middleware });
globalThis.__sendonceExpress = express;

const loadModule = Module._load;
Module._load = function (request, ...rest) {
  return request === 'express' ? express : loadModule.call(this, request, ...rest);
};
const fakeExpressUrl = 'data:text/javascript,' + encodeURIComponent(
  'const e = globalThis.__sendonceExpress; export default e; export const Router = e.Router, json = e.json, urlencoded = e.urlencoded;',
);
const hooks = `
// The hooks run on their own thread, where module-type detection warns.
const emitWarning = process.emitWarning;
process.emitWarning = function (w, ...rest) {
  const code = typeof rest[0] === 'object' ? rest[0]?.code : rest[1];
  if (code !== 'MODULE_TYPELESS_PACKAGE_JSON') return emitWarning.call(this, w, ...rest);
};
export async function resolve(specifier, context, next) {
  if (specifier === 'express') return { url: ${JSON.stringify(fakeExpressUrl)}, shortCircuit: true };
  try {
    return await next(specifier, context);
  } catch (err) {
    // Next.js-style extensionless relative imports: '../../lib/db'
    if (!/^\\.{1,2}\\//.test(specifier)) throw err;
    for (const suffix of ['.js', '.mjs', '.cjs', '/index.js', '/index.mjs']) {
      try { return await next(specifier + suffix, context); } catch {}
    }
    throw err;
  }
}`;
register('data:text/javascript,' + encodeURIComponent(hooks));

// ---- load the file as-is and pick the handler ------------------------------
let mod;
try {
  mod = await import(pathToFileURL(file).href);
} catch (err) {
  die(`cannot load ${opts.file}: ${err && err.stack ? err.stack : err}`);
}

const describeRoutes = () => routes.map((r) => `'${r.method} ${r.path}'`).join(', ') || 'none';
let chain;
let params = { id: '1' };
let method = 'GET';
if (opts.route) {
  const [m, p] = opts.route.trim().split(/\s+/);
  if (!p) die(`--express-route expects 'METHOD /path', got '${opts.route}'`);
  const route = routes.find((r) => (r.method === m.toUpperCase() || r.method === 'ALL') && r.path === p);
  if (!route) die(`no route ${opts.route} registered by ${opts.file} (registered: ${describeRoutes()})`);
  chain = route.handlers;
  method = m.toUpperCase();
  for (const [, name] of p.matchAll(/:(\w+)/g)) params[name] = params[name] ?? '1';
} else {
  const pick = (name) => mod[name] ?? mod.default?.[name];
  let handler = opts.exportName ? pick(opts.exportName) : mod.default;
  // CommonJS output of a transpiler: exports.default = handler
  if (!opts.exportName && typeof handler !== 'function' && typeof handler?.default === 'function') handler = handler.default;
  if (handler?.[ROUTER]) die(`${opts.file} exports an Express app/router; pass --express-route (registered: ${describeRoutes()})`);
  if (typeof handler !== 'function') die(`${opts.file}: ${opts.exportName ? `export '${opts.exportName}'` : 'the default export'} is not a function`);
  chain = [handler];
}

// ---- mock req / res ---------------------------------------------------------
const headers = {};
const req = {
  method,
  url: '/',
  query: {},
  body: {},
  headers: {},
  params,
  cookies: {},
  get(name) { return this.headers[String(name).toLowerCase()]; },
  ...opts.req,
};
req.header = req.get;
if (opts.req.params) req.params = { ...params, ...opts.req.params };

const sends = [];
let headersSent = false;
let finished = false;
let chunks = [];
const headersSentError = () => {
  const err = new Error('ERR_HTTP_HEADERS_SENT: Cannot set headers after they are sent to the client');
  err.code = 'ERR_HTTP_HEADERS_SENT';
  recordError(err);
  return err;
};
const jsonSafe = (v) => {
  if (v === undefined) return null;
  if (Buffer.isBuffer(v)) return v.toString();
  try { return JSON.parse(JSON.stringify(v)); } catch { return String(v); }
};
const res = {
  statusCode: 200,
  get headersSent() { return headersSent; },
  get finished() { return finished; },
  get writableEnded() { return finished; },
  status(code) {
    if (headersSent) throw headersSentError();
    this.statusCode = code;
    return this;
  },
  setHeader(name, value) {
    if (headersSent) throw headersSentError();
    headers[String(name).toLowerCase()] = value;
    return this;
  },
  getHeader(name) { return headers[String(name).toLowerCase()]; },
  removeHeader(name) { delete headers[String(name).toLowerCase()]; },
  writeHead(code, extra) {
    if (headersSent) throw headersSentError();
    this.statusCode = code;
    Object.assign(headers, extra);
    headersSent = true;
    return this;
  },
  write(chunk) {
    if (finished) throw headersSentError();
    headersSent = true;
    chunks.push(String(chunk));
    return true;
  },
  end(body) {
    if (finished) throw headersSentError();
    if (body !== undefined && typeof body !== 'function') chunks.push(Buffer.isBuffer(body) ? body.toString() : body);
    const out = chunks.length === 0 ? null : chunks.length === 1 ? chunks[0] : chunks.join('');
    headersSent = finished = true;
    sends.push({ status: this.statusCode, body: jsonSafe(out) });
    return this;
  },
  json(body) {
    if (headersSent) throw headersSentError();
    headers['content-type'] ??= 'application/json; charset=utf-8';
    chunks = [];
    this.end(undefined);
    sends[sends.length - 1].body = jsonSafe(body);
    return this;
  },
  send(body) {
    if (headersSent) throw headersSentError();
    if (body !== null && typeof body === 'object' && !Buffer.isBuffer(body)) return this.json(body);
    chunks = [];
    return this.end(body);
  },
  sendStatus(code) {
    if (headersSent) throw headersSentError();
    this.statusCode = code;
    return this.send(String(code));
  },
  redirect(a, b) {
    if (headersSent) throw headersSentError();
    const [code, url] = typeof a === 'number' ? [a, b] : [307, a];
    this.statusCode = code;
    headers.location = url;
    return this.end(undefined);
  },
};

// ---- --fail NAME: replace a binding the handler can see with a thrower ------
// The file runs unmodified. The in-process inspector pauses on entry to the
// first handler and reassigns NAME in the scope chain of that frame
// (module-level function/const/let, CommonJS require() destructurings,
// closures), or on globalThis. ESM `import` bindings cannot be reassigned.
const injected = new Set();
globalThis.__sendonceThrower = (original, name) => {
  const fail = () => new Error(`${name} failed`);
  return original?.constructor?.name === 'AsyncFunction'
    ? async function () { throw fail(); }
    : function () { throw fail(); };
};
let session;
if (opts.fail.length) {
  session = new Session();
  session.connect();
  const post = (methodName, params = {}) => {
    let result;
    let error;
    session.post(methodName, params, (e, r) => { error = e; result = r; });
    if (error) throw error;
    return result;
  };
  post('Debugger.enable');
  globalThis.__sendonceEntry = chain[0];
  const entry = post('Runtime.evaluate', { expression: 'globalThis.__sendonceEntry' }).result;
  delete globalThis.__sendonceEntry;
  const { breakpointId } = post('Debugger.setBreakpointOnFunctionCall', { objectId: entry.objectId });
  session.on('Debugger.paused', ({ params: { callFrames, hitBreakpoints = [] } }) => {
    try {
      if (!hitBreakpoints.includes(breakpointId)) return;
      post('Debugger.removeBreakpoint', { breakpointId });
      const frame = callFrames[0];
      for (const name of opts.fail) {
        if (!/^[A-Za-z_$][\w$]*$/.test(name)) continue;
        const made = post('Debugger.evaluateOnCallFrame', {
          callFrameId: frame.callFrameId,
          expression: `globalThis.__sendonceThrower(typeof ${name} === 'undefined' ? undefined : ${name}, ${JSON.stringify(name)})`,
        }).result;
        // Skip scope 0 (the handler's own locals, not yet initialised on entry).
        for (let i = 1; i < frame.scopeChain.length && !injected.has(name); i++) {
          const scope = frame.scopeChain[i];
          if (scope.type === 'global') {
            if (name in globalThis) {
              post('Runtime.callFunctionOn', {
                objectId: made.objectId,
                functionDeclaration: `function () { globalThis[${JSON.stringify(name)}] = this; }`,
              });
              injected.add(name);
            }
            continue;
          }
          try {
            post('Debugger.setVariableValue', {
              scopeNumber: i,
              variableName: name,
              newValue: { objectId: made.objectId },
              callFrameId: frame.callFrameId,
            });
            injected.add(name);
          } catch {
            // not declared in this scope
          }
        }
      }
    } finally {
      post('Debugger.resume');
    }
  });
}

// ---- --final-handler: what Express does when `next` runs out of handlers ----
// Like the `finalhandler` package behind Express: `next(err)` answers
// `err.status || 500` if nothing was sent yet; after a send it can only destroy
// the socket, which is a second answer to the same request and is recorded as an
// `ERR_NEXT_AFTER_SEND` error. `next()` past the last handler answers 404, or
// does nothing once a response was sent.
const finalHandler = (err) => {
  if (err === undefined) {
    if (!headersSent) {
      res.statusCode = 404;
      res.end(`Cannot ${method} ${opts.route ? opts.route.trim().split(/\s+/)[1] : req.url}`);
    }
    return;
  }
  const message = err instanceof Error ? err.message : String(err);
  if (headersSent) {
    recordError(new Error(`ERR_NEXT_AFTER_SEND: next(err) was called after the response was sent (Express destroys the socket): ${message}`));
    return;
  }
  logs.push(`finalhandler: ${err instanceof Error ? `${err.name}: ${message}` : message}`);
  const status = Number(err?.status ?? err?.statusCode);
  res.statusCode = status >= 400 && status < 600 ? status : 500;
  res.json({ error: message });
};

// ---- run --------------------------------------------------------------------
async function runChain() {
  let index = 0;
  const next = async (err) => {
    if (err !== undefined && err !== 'route' && err !== 'router') {
      if (opts.finalHandler) finalHandler(err);
      else recordError(err);
      return;
    }
    const handler = chain[index++];
    if (handler) await handler(req, res, next);
    else if (opts.finalHandler) finalHandler(undefined);
  };
  await next();
}
try {
  await runChain();
} catch (err) {
  recordError(err);
}
// Let sends from un-awaited promises and timers land before reporting.
await new Promise((resolve) => setTimeout(resolve, opts.settle));
await new Promise((resolve) => setImmediate(resolve));
session?.disconnect();

const missing = opts.fail.filter((name) => !injected.has(name));
if (missing.length) {
  die(`--fail ${missing.join(', ')}: no such binding visible from the handler ` +
    '(it must be declared in the file, required with CommonJS, or global; ESM imports cannot be replaced)');
}

const first = sends[0];
process.stdout.write(JSON.stringify({
  sends,
  errors,
  status: first ? first.status : null,
  body: first ? first.body : null,
  logs,
}) + '\n');
process.exit(0);
