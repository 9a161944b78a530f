// Handlers for the engine's tests, one export per behaviour.
exports.throws = async () => {
  throw new TypeError('boom')
}

exports.callback = (event, context, callback) => {
  setTimeout(() => callback(null, { style: 'callback', event }), 5)
}

exports.callbackError = (event, context, callback) => {
  callback(new RangeError('callback failed'))
}

exports.env = async () => ({ ...process.env })

exports.context = async (event, context) => ({
  awsRequestId: context.awsRequestId,
  functionName: context.functionName,
  functionVersion: context.functionVersion,
  memoryLimitInMB: context.memoryLimitInMB,
  invokedFunctionArn: context.invokedFunctionArn,
  logGroupName: context.logGroupName,
  logStreamName: context.logStreamName,
  remaining: context.getRemainingTimeInMillis(),
  clientContext: context.clientContext,
  pid: process.pid,
  tmpdir: require('node:os').tmpdir(),
})

exports.log = async () => {
  console.log('hello', { n: 1 })
  console.error('two\nlines')
  process.stdout.write('raw line\n')
  return 'logged'
}

exports.sleep = async (event) => {
  await new Promise((r) => setTimeout(r, event.ms))
  return { slept: event.ms }
}

exports.spin = async (event) => {
  const end = Date.now() + event.ms
  while (Date.now() < end);
  return { spun: event.ms }
}

exports.exit = async () => {
  process.exit(3)
}

// counts invokes per environment and reports its pid: shows reuse and freezing
let count = 0
let timerFiredAt = 0
exports.counter = async () => {
  count++
  const now = Date.now()
  setTimeout(() => (timerFiredAt = Date.now()), 30)
  return { count, pid: process.pid, now, timerFiredAt }
}

// an exception thrown outside the handler's promise chain, while the invoke runs
exports.uncaught = async () => {
  setTimeout(() => {
    throw new Error('thrown from a timer')
  }, 1)
  await new Promise((r) => setTimeout(r, 200))
  return 'unreachable'
}
