// The nodejs20.x / nodejs22.x runtime: loads the handler named by _HANDLER from LAMBDA_TASK_ROOT and serves events
// from the Lambda Runtime API (AWS_LAMBDA_RUNTIME_API) one at a time, as Lambda's own Node.js runtime does.
// Plain ESM run by the host's node, never compiled: it must only use Node's standard library.
import net from 'node:net'
import fs from 'node:fs'
import path from 'node:path'
import util from 'node:util'
import { pathToFileURL } from 'node:url'

const env = process.env
const [apiHost, apiPort] = (env.AWS_LAMBDA_RUNTIME_API ?? '127.0.0.1:9001').split(':')
const taskRoot = env.LAMBDA_TASK_ROOT ?? process.cwd()
const jsonLogs = env.AWS_LAMBDA_LOG_FORMAT === 'JSON'
const socketPath = process.argv[2]

let currentRequestId = undefined

// One log event per line on stdout: newlines inside a message become \r so the engine keeps the message whole.
function writeLog(level, args) {
  const message = util.format(...args)
  let line
  if (jsonLogs) {
    const record = { timestamp: new Date().toISOString(), level, requestId: currentRequestId, message }
    line = JSON.stringify(record)
  } else {
    line = `${new Date().toISOString()}\t${currentRequestId}\t${level}\t${message}`
  }
  fs.writeSync(1, line.replace(/\r?\n/g, '\r') + '\n')
}

console.log = (...args) => writeLog('INFO', args)
console.info = (...args) => writeLog('INFO', args)
console.warn = (...args) => writeLog('WARN', args)
console.error = (...args) => writeLog('ERROR', args)
console.debug = (...args) => writeLog('DEBUG', args)
console.trace = (...args) => writeLog('TRACE', args)

// A minimal HTTP/1.1 client over one keep-alive socket: the runtime sends one request at a time, and this costs far
// less CPU per invoke than node:http (which matters at 128 MB, where an environment gets 0.072 vCPU).
let socket
let received = Buffer.alloc(0)
let waiting

function connect() {
  // the engine may name a Unix socket for the same API as our last argument: cheaper than loopback TCP
  socket = socketPath ? net.connect(socketPath) : net.connect(Number(apiPort), apiHost)
  socket.setNoDelay(true)
  socket.on('data', (chunk) => {
    received = received.length ? Buffer.concat([received, chunk]) : chunk
    parseResponse()
  })
  const fail = (err) => {
    socket = undefined
    received = Buffer.alloc(0)
    const w = waiting
    waiting = undefined
    if (w) w.reject(err ?? new Error('Runtime API connection closed'))
  }
  socket.on('error', fail)
  socket.on('close', () => fail())
}

function parseResponse() {
  if (!waiting) return
  const end = received.indexOf('\r\n\r\n')
  if (end < 0) return
  const head = received.toString('latin1', 0, end).split('\r\n')
  const status = Number(head[0].split(' ')[1])
  const headers = {}
  for (let i = 1; i < head.length; i++) {
    const colon = head[i].indexOf(':')
    if (colon > 0) headers[head[i].slice(0, colon).trim().toLowerCase()] = head[i].slice(colon + 1).trim()
  }
  const length = Number(headers['content-length'] ?? 0)
  if (received.length < end + 4 + length) return
  const body = received.subarray(end + 4, end + 4 + length)
  received = received.subarray(end + 4 + length)
  const w = waiting
  waiting = undefined
  // idle between requests, the socket must not keep the loop alive (callback handlers wait for an empty loop)
  socket.unref()
  if (headers['connection'] === 'close') socket.destroy()
  w.resolve({ status, headers, body })
}

function call(method, urlPath, body, headers = {}) {
  return new Promise((resolve, reject) => {
    if (!socket) connect()
    socket.ref()
    waiting = { resolve, reject }
    const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body)
    let head = `${method} ${urlPath} HTTP/1.1\r\nHost: ${apiHost}:${apiPort}\r\n`
    for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`
    head += `Content-Length: ${payload ? payload.length : 0}\r\n\r\n`
    if (payload && payload.length) socket.write(Buffer.concat([Buffer.from(head, 'latin1'), payload]))
    else socket.write(head, 'latin1')
  })
}

function errorPayload(err) {
  if (err instanceof Error) {
    return { errorType: err.name || 'Error', errorMessage: err.message, trace: String(err.stack ?? '').split('\n') }
  }
  return { errorType: typeof err, errorMessage: String(err), trace: [] }
}

async function postError(urlPath, payload) {
  const body = JSON.stringify(payload)
  await call('POST', urlPath, body, { 'content-type': 'application/json', 'lambda-runtime-function-error-type': payload.errorType })
}

async function initError(errorType, err) {
  const base = errorPayload(err)
  const payload = errorType ? { errorType, errorMessage: errorType === 'Runtime.HandlerNotFound' || errorType === 'Runtime.MalformedHandlerName' ? base.errorMessage : `${base.errorType}: ${base.errorMessage}`, trace: base.trace } : base
  writeLog('ERROR', ['Uncaught Exception \t' + JSON.stringify({ errorType: payload.errorType, errorMessage: payload.errorMessage, stack: payload.trace })])
  try {
    await postError('/2018-06-01/runtime/init/error', payload)
  } finally {
    process.exit(129)
  }
}

// import() loads ES modules and CommonJS alike (module.exports arrives as the default export); Node itself decides
// which one a .js file is from the nearest package.json, as Lambda's runtime lets it.
async function loadModule(modulePath) {
  const base = path.resolve(taskRoot, modulePath)
  for (const ext of ['.js', '.mjs', '.cjs']) {
    const file = base + ext
    if (fs.existsSync(file)) return import(pathToFileURL(file).href)
  }
  const err = new Error(`Cannot find module '${modulePath}'\nRequire stack:\n- ${new URL(import.meta.url).pathname}`)
  err.code = 'MODULE_NOT_FOUND'
  throw err
}

async function loadHandler() {
  const spec = env._HANDLER ?? ''
  const slash = spec.lastIndexOf('/')
  const dot = spec.indexOf('.', slash + 1)
  if (dot < 0) {
    const err = new Error(`Bad handler ${spec}`)
    err.name = 'Runtime.MalformedHandlerName'
    return initError('Runtime.MalformedHandlerName', err)
  }
  const modulePath = spec.slice(0, dot)
  const handlerPath = spec.slice(dot + 1)
  let mod
  try {
    mod = await loadModule(modulePath)
  } catch (err) {
    if (err instanceof SyntaxError) return initError('Runtime.UserCodeSyntaxError', err)
    if (err && (err.code === 'MODULE_NOT_FOUND' || err.code === 'ERR_MODULE_NOT_FOUND')) return initError('Runtime.ImportModuleError', err)
    return initError(undefined, err)
  }
  let fn = mod
  for (const part of handlerPath.split('.')) fn = fn == null ? undefined : fn[part]
  if (typeof fn !== 'function' && mod && typeof mod.default === 'object' && mod.default) {
    fn = mod.default
    for (const part of handlerPath.split('.')) fn = fn == null ? undefined : fn[part]
  }
  if (typeof fn !== 'function') {
    const err = new Error(`${path.basename(modulePath)}.${handlerPath} is undefined or not exported`)
    return initError('Runtime.HandlerNotFound', err)
  }
  return fn
}

function makeContext(headers, deadline) {
  const clientContextHeader = headers['lambda-runtime-client-context']
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: headers['lambda-runtime-aws-request-id'],
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    identity: undefined,
    clientContext: clientContextHeader ? safeJson(clientContextHeader) : undefined,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  }
  return context
}

function safeJson(text) {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

// Runs one event; resolves with {ok, value} once the handler settles (and, for callbacks that ask for it, the loop is empty).
function runHandler(handler, event, context) {
  return new Promise((resolve) => {
    let settled = false
    const settle = (outcome) => {
      if (settled) return
      settled = true
      resolve(outcome)
    }
    const callback = (err, value) => {
      const outcome = err != null ? { ok: false, value: err } : { ok: true, value }
      if (context.callbackWaitsForEmptyEventLoop) process.once('beforeExit', () => settle(outcome))
      else settle(outcome)
    }
    context.done = callback
    context.succeed = (value) => callback(null, value)
    context.fail = (err) => callback(err ?? new Error('handled'))
    let result
    try {
      result = handler(event, context, callback)
    } catch (err) {
      settle({ ok: false, value: err })
      return
    }
    if (result && typeof result.then === 'function') result.then((v) => settle({ ok: true, value: v }), (e) => settle({ ok: false, value: e }))
    else if (handler.length < 3) settle({ ok: true, value: result })
  })
}

let invokeErrorHook = undefined
process.on('uncaughtException', (err) => crash(err, 'Uncaught Exception'))
process.on('unhandledRejection', (reason) => {
  const err = reason instanceof Error ? reason : new Error(String(reason))
  if (!(reason instanceof Error)) err.name = 'Runtime.UnhandledPromiseRejection'
  crash(err, 'Unhandled Promise Rejection')
})

function crash(err, label) {
  const payload = errorPayload(err)
  writeLog('ERROR', [`${label} \t` + JSON.stringify({ errorType: payload.errorType, errorMessage: payload.errorMessage, stack: payload.trace })])
  const hook = invokeErrorHook
  if (hook) hook(payload).finally(() => process.exit(129))
  else process.exit(129)
}

async function main() {
  const handler = await loadHandler()
  if (typeof handler !== 'function') return
  for (;;) {
    let next
    try {
      next = await call('GET', '/2018-06-01/runtime/invocation/next')
    } catch {
      process.exit(0) // the Runtime API is gone: the environment was shut down
    }
    const requestId = next.headers['lambda-runtime-aws-request-id']
    const deadline = Number(next.headers['lambda-runtime-deadline-ms'])
    const traceId = next.headers['lambda-runtime-trace-id']
    if (traceId) env._X_AMZN_TRACE_ID = traceId
    else delete env._X_AMZN_TRACE_ID
    currentRequestId = requestId
    let posted = false
    invokeErrorHook = async (payload) => {
      if (posted) return
      posted = true
      await postError(`/2018-06-01/runtime/invocation/${requestId}/error`, payload)
    }
    let event
    try {
      event = next.body.length ? JSON.parse(next.body.toString('utf8')) : {}
    } catch (err) {
      event = undefined
      await invokeErrorHook({ errorType: 'Runtime.UnmarshalError', errorMessage: `Unable to parse event: ${err.message}`, trace: [] })
      continue
    }
    const outcome = await runHandler(handler, event, makeContext(next.headers, deadline))
    if (posted) continue
    if (outcome.ok) {
      let body
      try {
        body = JSON.stringify(outcome.value === undefined ? null : outcome.value)
      } catch (err) {
        await invokeErrorHook({ errorType: 'Runtime.SerializationError', errorMessage: err.message, trace: [] })
        continue
      }
      posted = true
      await call('POST', `/2018-06-01/runtime/invocation/${requestId}/response`, body, { 'content-type': 'application/json' })
    } else {
      const payload = errorPayload(outcome.value)
      writeLog('ERROR', ['Invoke Error \t' + JSON.stringify({ errorType: payload.errorType, errorMessage: payload.errorMessage, stack: payload.trace })])
      await invokeErrorHook(payload)
    }
  }
}

main()
