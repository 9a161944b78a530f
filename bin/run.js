#!/usr/bin/env node
// The SDK warns on every run under Node 20; a CLI must not spam its users with that.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

// Subpath import: the package index loads all of oclif (semver, help, ux), which costs start-up time.
import { execute } from '@oclif/core/execute'

await execute({ dir: import.meta.url })
