#!/usr/bin/env node
import { loadBundle } from './load-bundle.js'

// The SDK warns on every run under Node 20; a CLI must not spam its users with that.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

// One bundle holds oclif and every command (scripts/bundle.js): one file to load instead of a hundred.
await loadBundle().exports.execute({ dir: import.meta.url })
