import { createHash } from 'node:crypto'
import type { Arch } from '../core/cost/price-types.js'
import { ExitCode, UserError } from '../core/errors.js'
import {
  checkCopy, copyCalls, copyName, copyRequest, COPY_TAG, stagingKey, type CodeRoute, type CopyRequest,
} from '../core/sweep/arch-copy.js'
import type { CopyCode, CopyPort, FunctionDetails, StagingPort } from '../core/sweep/arch-port.js'
import { shortName } from '../core/sweep/target-name.js'
import type { CopyJournal } from '../state/journal.js'
import { message } from './run-outcome.js'

/** Making a copy failed and what it made could not be deleted: the journal keeps the copy for `restore`. */
export class CopyLeftError extends UserError {
  constructor(message: string) {
    super(message, ExitCode.runFailed)
    this.name = 'CopyLeftError'
  }
}

/** A copy of the function on another architecture, as planned before anything is created. */
export interface PreparedCopy {
  name: string
  architecture: Arch
  route: CodeRoute
  request: CopyRequest
  /** the function as GetFunction read it */
  original: FunctionDetails
  imageUri?: string
  staging?: { bucket: string; key: string }
  /** for --dry-run */
  calls: { before: string[]; after: string[] }
}

/**
 * Reads what a copy needs (GetFunction, its layers' CompatibleArchitectures) and refuses one that cannot be made or
 * could not run, with the reason. Changes nothing.
 */
export async function prepareCopy(
  port: CopyPort,
  input: { functionName: string; runId: string; architecture: Arch; imageUri?: string; stagingBucket?: string },
): Promise<PreparedCopy> {
  const fn = shortName(input.functionName)
  const original = await port.getFunction(input.functionName)
  if (!original) throw new UserError(`Function not found: ${input.functionName}`, ExitCode.aws)
  const layerArns = ((original.config.Layers as Array<{ Arn?: string }> | undefined) ?? []).map((l) => l.Arn).filter((a): a is string => Boolean(a))
  const layers = await Promise.all(layerArns.map((arn) => port.getLayerVersion(arn)))
  const route = checkCopy({
    functionName: input.functionName,
    config: original.config,
    architecture: input.architecture,
    layers,
    ...(input.imageUri ? { imageUri: input.imageUri } : {}),
    ...(input.stagingBucket ? { stagingBucket: input.stagingBucket } : {}),
  })
  if (route !== 'image' && !original.codeLocation) {
    throw new UserError(`GetFunction of ${fn} returned no Code.Location: its code cannot be read back for a copy`, ExitCode.aws)
  }
  const name = copyName(input.runId, input.functionName)
  const staging = route === 'staged' ? { bucket: input.stagingBucket!, key: stagingKey(input.runId, name) } : undefined
  return {
    name,
    architecture: input.architecture,
    route,
    request: copyRequest(original.config, input),
    original,
    ...(input.imageUri ? { imageUri: input.imageUri } : {}),
    ...(staging ? { staging } : {}),
    calls: copyCalls({
      functionName: input.functionName,
      copy: name,
      architecture: input.architecture,
      route,
      codeSize: typeof original.config.CodeSize === 'number' ? original.config.CodeSize : 0,
      layers: layers.length,
      ...(staging ? { stagingBucket: staging.bucket, stagingKey: staging.key } : {}),
    }),
  }
}

/**
 * Creates the copy. Each step is journaled before it is taken (`journal` gets the copy as it stands), so that a kill -9
 * at any point leaves `restore` what to delete. The code goes as it was read back: the package's SHA-256 must equal the
 * function's CodeSha256 before it is sent, and the copy's after. When anything fails, what was created is deleted again
 * before the error is thrown.
 */
export async function createCopy(
  port: CopyPort,
  staging: StagingPort | undefined,
  copy: PreparedCopy,
  runId: string,
  journal: (copies: CopyJournal[]) => void,
): Promise<void> {
  const record: CopyJournal = { functionName: copy.name, architecture: copy.architecture, ...(copy.staging ? { staging: copy.staging } : {}) }
  journal([record])
  const expected = copy.original.config.CodeSha256
  try {
    let code: CopyCode
    if (copy.route === 'image') {
      code = { ImageUri: copy.imageUri! }
    } else {
      const zip = await port.downloadCode(copy.original.codeLocation!)
      const sha = createHash('sha256').update(zip).digest('base64')
      if (expected && sha !== expected) {
        throw new UserError(
          `the package read back from ${shortName(copy.original.config.FunctionName ?? copy.name)}'s Code.Location has SHA-256 ${sha}, not its CodeSha256 ${expected}: its code changed, or the download is not the package; no copy was made`,
          ExitCode.runFailed,
        )
      }
      if (copy.route === 'staged') {
        if (!staging) throw new Error('a staged copy needs the staging bucket')
        await staging.put(copy.staging!.bucket, copy.staging!.key, zip)
        code = { S3Bucket: copy.staging!.bucket, S3Key: copy.staging!.key }
      } else {
        code = { ZipFile: zip }
      }
    }
    try {
      await port.createFunction(copy.request, code)
    } finally {
      // Lambda keeps its own copy of the code: the staging object is not needed once CreateFunction has answered.
      if (copy.staging && staging) {
        await staging.delete(copy.staging.bucket, copy.staging.key)
        delete record.staging
        journal([record])
      }
    }
    await port.waitUntilActive(copy.name)
    const made = await port.getFunction(copy.name)
    if (copy.route !== 'image' && expected && made?.config.CodeSha256 !== expected) {
      throw new UserError(`${copy.name} was created with CodeSha256 ${made?.config.CodeSha256 ?? '(none)'}, not the function's ${expected}; stopping`, ExitCode.runFailed)
    }
  } catch (err) {
    try {
      await removeCopy(port, staging, record, runId)
      journal([])
    } catch (cleanup) {
      throw new CopyLeftError(`${message(err)}; then could not delete ${copy.name}: ${message(cleanup)}`)
    }
    throw err
  }
}

/**
 * Deletes a copy, whole, once GetFunction shows the run's tag on it (a function without it is never deleted), and its
 * staging object when one is recorded. A copy already gone is deleted. Returns what it did.
 */
export async function removeCopy(port: CopyPort, staging: StagingPort | undefined, copy: CopyJournal, runId: string): Promise<'deleted' | 'gone'> {
  // the staging object is deleted whatever becomes of the function, and the other way round
  let stagingError: unknown
  if (copy.staging) {
    try {
      if (!staging) throw new Error(`no access to s3://${copy.staging.bucket}`)
      await staging.delete(copy.staging.bucket, copy.staging.key)
    } catch (err) {
      stagingError = err
    }
  }
  const found = await port.getFunction(copy.functionName)
  let done: 'deleted' | 'gone' = 'gone'
  if (found) {
    if (found.tags[COPY_TAG] !== runId) {
      throw new UserError(`${copy.functionName} does not carry the tag ${COPY_TAG}=${runId}: it is not this run's copy, so it was left alone`, ExitCode.runFailed)
    }
    await port.deleteCopy(copy.functionName)
    done = 'deleted'
  }
  if (stagingError) throw new UserError(`could not delete s3://${copy.staging!.bucket}/${copy.staging!.key}: ${message(stagingError)}`, ExitCode.runFailed)
  return done
}
