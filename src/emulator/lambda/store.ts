import { randomUUID } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { ExecutionEngine, FunctionSnapshot } from '../types.js'
import { createHash } from 'node:crypto'
import { unpackZip, type StoredCode } from './code.js'
import { LayerStore } from './layers.js'
import { applyConfig, architecture, defaultConfig } from './config.js'
import {
  conflict,
  functionNotFound,
  invalidParameter,
  notFound,
  preconditionFailed,
  validationError,
} from './errors.js'
import { lambdaTimestamp, type AliasRecord, type FunctionConfig, type FunctionRecord, type VersionRecord } from './model.js'
import { checkAliasName, parseNewFunctionName, VERSION_NUMBER, type FunctionRef } from './names.js'
import { paginate } from './paginate.js'
import { aliasJson, configurationJson } from './shapes.js'

export interface StoreOptions {
  region: string
  accountId: string
  /** where uploaded packages are unpacked, one folder per code revision */
  dataDir: string
  accountConcurrency: number
  /** how long a new function or version stays Pending and an update InProgress; read at each change */
  updateDelayMs(): number
  engine(): ExecutionEngine | undefined
  /** where GetFunction says the package can be downloaded */
  codeUrl(functionName: string, version: string): string
  /** an object of the emulator's S3, for code given as S3Bucket + S3Key */
  s3Object?(bucket: string, key: string): Buffer | undefined
  /** where GetLayerVersion says a layer's package can be downloaded */
  layerUrl?(layerName: string, version: number): string
}

type Body = Record<string, unknown>
type Json = Record<string, unknown>

export interface InvokeTarget {
  fn: FunctionRecord
  record: VersionRecord
  snapshot: FunctionSnapshot
  /** the qualifier as the caller gave it (undefined when unqualified) */
  qualifier?: string
  /** READY provisioned concurrency configured for what was invoked */
  provisioned: number
}

const LATEST = '$LATEST'

/**
 * Every Lambda resource the emulator holds (functions, versions, aliases, tags, concurrency settings) and the rules
 * AWS applies to them. It knows nothing of HTTP: each method takes the request's members and returns the response
 * body, or throws a LambdaApiError. A failing request changes nothing.
 */
export class FunctionStore {
  readonly functions = new Map<string, FunctionRecord>()
  private readonly snapshots = new WeakMap<VersionRecord, FunctionSnapshot>()
  private codeCounter = 0
  accountConcurrency: number
  /** published layer versions (PublishLayerVersion), which functions name in their Layers */
  readonly layers: LayerStore

  constructor(private readonly options: StoreOptions) {
    this.accountConcurrency = options.accountConcurrency
    this.layers = new LayerStore({
      region: options.region,
      accountId: options.accountId,
      // function names never start with a dot: this folder is no function's
      dataDir: join(options.dataDir, '.layers'),
      codeUrl: (name, version) => options.layerUrl?.(name, version) ?? '',
      package: (content) => this.packageOf(content),
    })
  }

  engine(): ExecutionEngine | undefined {
    return this.options.engine()
  }

  get accountId(): string {
    return this.options.accountId
  }

  functionArn(name: string): string {
    return `arn:aws:lambda:${this.options.region}:${this.options.accountId}:function:${name}`
  }

  // ---- functions -------------------------------------------------------------------------------------------------

  async createFunction(body: Body): Promise<Json> {
    const name = parseNewFunctionName(body.FunctionName)
    if (this.functions.has(name)) throw conflict(`Function already exist: ${name}`)
    if (body.Role === undefined) throw invalidParameter('Role is required')
    if (body.PackageType === undefined || body.PackageType === 'Zip') {
      if (body.Runtime === undefined) throw invalidParameter('Runtime is required for .zip deployment packages.')
      if (body.Handler === undefined) throw invalidParameter('Handler is required for .zip deployment packages.')
    }
    const config = this.withLayers(applyConfig(defaultConfig(name), body, name), body)
    const tags = checkTags(body.Tags ?? {})
    const code = await this.storeCode(name, (body.Code ?? {}) as Body, config)
    if (this.functions.has(name)) throw conflict(`Function already exist: ${name}`)
    const fn = this.addFunction(name, config, code, tags)
    if (body.Publish === true) return this.config(fn, this.publish(fn, {}))
    return this.config(fn, fn.latest)
  }

  /** Adds a function whose code is already on disk (fixtures). */
  addFunction(name: string, config: FunctionConfig, code: StoredCode, tags: Record<string, string> = {}, ready = false): FunctionRecord {
    const fn: FunctionRecord = {
      name,
      arn: this.functionArn(name),
      latest: this.newRecord(LATEST, config, code, ready ? 0 : this.options.updateDelayMs(), 'create'),
      versions: new Map(),
      aliases: new Map(),
      nextVersion: 1,
      tags,
      provisioned: new Map(),
    }
    this.functions.set(name, fn)
    return fn
  }

  getFunction(ref: FunctionRef): Json {
    const fn = this.mustGet(ref)
    const record = this.versionOf(fn, ref)
    const image = record.config.packageType === 'Image'
    const out: Json = {
      Configuration: this.config(fn, record, ref.qualifier !== undefined),
      Code: image
        ? { RepositoryType: 'ECR', ImageUri: record.config.imageUri, ResolvedImageUri: `${String(record.config.imageUri).split(/[:@]/)[0]}@sha256:${record.code.sha256}` }
        : { RepositoryType: 'S3', Location: this.options.codeUrl(fn.name, record.version) },
    }
    if (ref.qualifier === undefined) out.Tags = { ...fn.tags }
    if (fn.reserved !== undefined) out.Concurrency = { ReservedConcurrentExecutions: fn.reserved }
    return out
  }

  getFunctionConfiguration(ref: FunctionRef): Json {
    const fn = this.mustGet(ref)
    return this.config(fn, this.versionOf(fn, ref), ref.qualifier !== undefined)
  }

  updateFunctionConfiguration(ref: FunctionRef, body: Body): Json {
    const fn = this.mustGetUnqualified(ref)
    this.checkNotBusy(fn)
    checkRevision(body.RevisionId, fn.latest.revisionId)
    if (body.PackageType !== undefined && body.PackageType !== (fn.latest.config.packageType ?? 'Zip')) {
      throw invalidParameter('The package type of a function cannot be changed.')
    }
    const config = this.withLayers(applyConfig(fn.latest.config, body, fn.name), body)
    this.replaceLatest(fn, config, fn.latest.code)
    return this.config(fn, fn.latest)
  }

  async updateFunctionCode(ref: FunctionRef, body: Body): Promise<Json> {
    const fn = this.mustGetUnqualified(ref)
    this.checkNotBusy(fn)
    checkRevision(body.RevisionId, fn.latest.revisionId)
    const config = { ...fn.latest.config }
    if (body.Architectures !== undefined) config.architecture = architecture(body.Architectures)
    if (body.DryRun === true) return this.config(fn, fn.latest)
    const code = await this.storeCode(fn.name, body, config)
    if (this.functions.get(fn.name) !== fn) throw functionNotFound(fn.arn)
    this.replaceLatest(fn, config, code)
    if (body.Publish === true) return this.config(fn, this.publish(fn, {}))
    return this.config(fn, fn.latest)
  }

  deleteFunction(ref: FunctionRef): void {
    const fn = this.mustGet(ref)
    const engine = this.options.engine()
    if (ref.qualifier === undefined) {
      this.functions.delete(fn.name)
      void engine?.retire(fn.name).catch(() => undefined)
      return
    }
    if (ref.qualifier === LATEST) throw invalidParameter('$LATEST version cannot be deleted without deleting the function.')
    if (!VERSION_NUMBER.test(ref.qualifier)) {
      throw invalidParameter('Deletion of aliases is not currently supported. Use DeleteAlias to delete an alias.')
    }
    const record = fn.versions.get(ref.qualifier)
    if (!record) throw functionNotFound(`${fn.arn}:${ref.qualifier}`)
    const users = [...fn.aliases.values()].filter(
      (a) => a.functionVersion === ref.qualifier || (a.weights && ref.qualifier! in a.weights),
    )
    if (users.length) {
      throw conflict(`Unable to delete version because the following aliases reference it: [${users.map((a) => a.name).join(', ')}]`)
    }
    fn.versions.delete(ref.qualifier)
    for (const [qualifier, pc] of fn.provisioned) if (pc.version === ref.qualifier) fn.provisioned.delete(qualifier)
    void engine?.retire(fn.name, ref.qualifier).catch(() => undefined)
  }

  listFunctions(query: URLSearchParams): Json {
    const all = query.get('FunctionVersion') === 'ALL'
    const items: [FunctionRecord, VersionRecord][] = []
    for (const name of [...this.functions.keys()].sort()) {
      const fn = this.functions.get(name)!
      items.push([fn, fn.latest])
      if (all) for (const v of sortedVersions(fn)) items.push([fn, v])
    }
    const page = paginate(items, query)
    return {
      Functions: page.items.map(([fn, v]) => this.config(fn, v, v.version !== LATEST)),
      ...(page.next !== undefined ? { NextMarker: page.next } : {}),
    }
  }

  // ---- tags ------------------------------------------------------------------------------------------------------

  tagResource(name: string, body: Body): void {
    const fn = this.mustGet({ name })
    const tags = checkTags(body.Tags)
    if (Object.keys(tags).length === 0) throw invalidParameter('Tags must contain at least one tag.')
    Object.assign(fn.tags, tags)
  }

  untagResource(name: string, keys: string[]): void {
    const fn = this.mustGet({ name })
    if (keys.length === 0) throw invalidParameter('TagKeys must contain at least one key.')
    for (const key of keys) delete fn.tags[key]
  }

  listTags(name: string): Json {
    return { Tags: { ...this.mustGet({ name }).tags } }
  }

  // ---- versions --------------------------------------------------------------------------------------------------

  publishVersion(ref: FunctionRef, body: Body): Json {
    const fn = this.mustGetUnqualified(ref)
    this.checkNotBusy(fn)
    if (body.CodeSha256 !== undefined && body.CodeSha256 !== fn.latest.code.sha256) {
      throw invalidParameter(
        `CodeSHA256 (${String(body.CodeSha256)}) is different from current CodeSHA256 in $LATEST (${fn.latest.code.sha256}). Please try again with the CodeSHA256 in $LATEST.`,
      )
    }
    checkRevision(body.RevisionId, fn.latest.revisionId)
    if (body.Description !== undefined && (typeof body.Description !== 'string' || body.Description.length > 256)) {
      throw validationError(String(body.Description), 'description', 'Member must have length less than or equal to 256')
    }
    return this.config(fn, this.publish(fn, body), true)
  }

  listVersionsByFunction(ref: FunctionRef, query: URLSearchParams): Json {
    const fn = this.mustGetUnqualified(ref)
    const page = paginate([fn.latest, ...sortedVersions(fn)], query)
    return {
      Versions: page.items.map((v) => this.config(fn, v, true)),
      ...(page.next !== undefined ? { NextMarker: page.next } : {}),
    }
  }

  // ---- aliases ---------------------------------------------------------------------------------------------------

  createAlias(ref: FunctionRef, body: Body): Json {
    const fn = this.mustGetUnqualified(ref)
    const name = checkAliasName(body.Name)
    if (name === LATEST) throw invalidParameter('$LATEST is not a valid alias name')
    if (fn.aliases.has(name)) throw conflict(`Alias already exists: ${fn.arn}:${name}`)
    const version = this.checkVersionRef(fn, body.FunctionVersion)
    const alias: AliasRecord = {
      name,
      functionVersion: version,
      description: description(body.Description) ?? '',
      revisionId: randomUUID(),
    }
    const weights = this.routing(fn, version, body.RoutingConfig)
    if (weights) alias.weights = weights
    fn.aliases.set(name, alias)
    return aliasJson(fn, alias)
  }

  getAlias(ref: FunctionRef, aliasName: string): Json {
    const fn = this.mustGetUnqualified(ref)
    return aliasJson(fn, this.mustGetAlias(fn, aliasName))
  }

  updateAlias(ref: FunctionRef, aliasName: string, body: Body): Json {
    const fn = this.mustGetUnqualified(ref)
    const alias = this.mustGetAlias(fn, aliasName)
    checkRevision(body.RevisionId, alias.revisionId)
    const version = body.FunctionVersion !== undefined ? this.checkVersionRef(fn, body.FunctionVersion) : alias.functionVersion
    const desc = description(body.Description)
    const weights = body.RoutingConfig !== undefined ? this.routing(fn, version, body.RoutingConfig) : alias.weights
    alias.functionVersion = version
    if (desc !== undefined) alias.description = desc
    if (weights) alias.weights = weights
    else delete alias.weights
    alias.revisionId = randomUUID()
    return aliasJson(fn, alias)
  }

  deleteAlias(ref: FunctionRef, aliasName: string): void {
    const fn = this.mustGetUnqualified(ref)
    checkAliasName(aliasName)
    if (fn.aliases.delete(aliasName)) {
      const pc = fn.provisioned.get(aliasName)
      fn.provisioned.delete(aliasName)
      const record = pc && fn.versions.get(pc.version)
      if (record) void this.options.engine()?.deprovision(this.snapshot(fn, record)).catch(() => undefined)
    }
  }

  listAliases(ref: FunctionRef, query: URLSearchParams): Json {
    const fn = this.mustGetUnqualified(ref)
    const version = query.get('FunctionVersion')
    const aliases = [...fn.aliases.values()]
      .filter((a) => !version || a.functionVersion === version)
      .sort((a, b) => a.name.localeCompare(b.name))
    const page = paginate(aliases, query)
    return {
      Aliases: page.items.map((a) => aliasJson(fn, a)),
      ...(page.next !== undefined ? { NextMarker: page.next } : {}),
    }
  }

  reservedTotal(): number {
    let sum = 0
    for (const fn of this.functions.values()) sum += fn.reserved ?? 0
    return sum
  }

  // ---- invoke ----------------------------------------------------------------------------------------------------

  /** What an invoke of `ref` runs: the version (an alias picks one by its weights) and its snapshot. */
  resolveInvoke(ref: FunctionRef, random: () => number): InvokeTarget {
    const fn = this.mustGet(ref)
    let record: VersionRecord
    if (ref.qualifier === undefined || ref.qualifier === LATEST) record = fn.latest
    else if (VERSION_NUMBER.test(ref.qualifier)) record = this.versionOf(fn, ref)
    else {
      const alias = this.mustGetAlias(fn, ref.qualifier)
      let version = alias.functionVersion
      if (alias.weights) {
        let r = random()
        for (const [v, w] of Object.entries(alias.weights)) {
          if (r < w) {
            version = v
            break
          }
          r -= w
        }
      }
      record = version === LATEST ? fn.latest : fn.versions.get(version) ?? fn.latest
    }
    if (record.config.packageType === 'Image') {
      throw invalidParameter(`The lambda-tune emulator does not run container images (${fn.name} is PackageType Image): it keeps and describes them only.`)
    }
    if (record.busyKind === 'create' && Date.now() < record.busyUntil) {
      throw conflict('The operation cannot be performed at this time. The function is currently in the following state: Pending')
    }
    const pc = ref.qualifier !== undefined ? fn.provisioned.get(ref.qualifier) : undefined
    return {
      fn,
      record,
      snapshot: this.snapshot(fn, record),
      ...(ref.qualifier !== undefined ? { qualifier: ref.qualifier } : {}),
      provisioned: pc?.status === 'READY' ? pc.requested : 0,
    }
  }

  snapshot(fn: FunctionRecord, record: VersionRecord): FunctionSnapshot {
    let snap = this.snapshots.get(record)
    if (!snap) {
      const c = record.config
      snap = {
        functionName: fn.name,
        functionArn: record.version === LATEST ? fn.arn : `${fn.arn}:${record.version}`,
        version: record.version,
        runtime: c.runtime,
        handler: c.handler,
        memorySize: c.memorySize,
        timeout: c.timeout,
        ephemeralStorage: c.ephemeralStorage,
        architecture: c.architecture,
        environment: { ...(c.environment ?? {}) },
        logFormat: c.logFormat,
        logGroup: c.logGroup,
        codeDir: record.code.codeDir,
        codeSha256: record.code.sha256,
        ...(c.layers?.length ? { layerDirs: c.layers.map((l) => l.dir) } : {}),
        revisionKey: `${fn.name}:${record.version}:${record.revisionId}`,
      }
      this.snapshots.set(record, snap)
    }
    return snap
  }

  /** The stored package of a version, for the Code.Location download. */
  codeOf(name: string, version: string): StoredCode | undefined {
    const fn = this.functions.get(name)
    if (!fn) return undefined
    return version === LATEST ? fn.latest.code : fn.versions.get(version)?.code
  }

  // ---- internals -------------------------------------------------------------------------------------------------

  /** (shared with concurrency.ts) */
  mustGet(ref: FunctionRef): FunctionRecord {
    const region = ref.region ?? this.options.region
    const account = ref.account ?? this.options.accountId
    // an ARN of another region or account names a function this emulator does not hold
    const fn = region === this.options.region && account === this.options.accountId ? this.functions.get(ref.name) : undefined
    if (!fn) {
      const arn = `arn:aws:lambda:${region}:${account}:function:${ref.name}`
      throw functionNotFound(arn + (ref.qualifier !== undefined ? `:${ref.qualifier}` : ''))
    }
    return fn
  }

  /** (shared with concurrency.ts) */
  mustGetUnqualified(ref: FunctionRef): FunctionRecord {
    const fn = this.mustGet(ref)
    if (ref.qualifier !== undefined) {
      throw invalidParameter('This operation does not accept a qualifier: pass the unqualified function name or ARN.')
    }
    return fn
  }

  private mustGetAlias(fn: FunctionRecord, aliasName: string): AliasRecord {
    const alias = fn.aliases.get(aliasName)
    if (!alias) throw notFound(`Cannot find alias arn: ${fn.arn}:${aliasName}`)
    return alias
  }

  /** The version a qualifier names: $LATEST, a number, or the primary version of an alias. */
  /** (shared with concurrency.ts) */
  versionOf(fn: FunctionRecord, ref: FunctionRef): VersionRecord {
    const q = ref.qualifier
    if (q === undefined || q === LATEST) return fn.latest
    if (VERSION_NUMBER.test(q)) {
      const record = fn.versions.get(q)
      if (!record) throw functionNotFound(`${fn.arn}:${q}`)
      return record
    }
    const alias = fn.aliases.get(q)
    if (!alias) throw functionNotFound(`${fn.arn}:${q}`)
    return alias.functionVersion === LATEST ? fn.latest : fn.versions.get(alias.functionVersion) ?? fn.latest
  }

  private checkNotBusy(fn: FunctionRecord): void {
    if (Date.now() < fn.latest.busyUntil) {
      throw conflict(`The operation cannot be performed at this time. An update is in progress for resource: ${fn.arn}`)
    }
  }

  private checkVersionRef(fn: FunctionRecord, value: unknown): string {
    if (typeof value !== 'string' || !/^(\$LATEST|[0-9]+)$/.test(value)) {
      throw validationError(String(value), 'functionVersion', 'Member must satisfy regular expression pattern: (\\$LATEST|[0-9]+)')
    }
    if (value !== LATEST && !fn.versions.has(value)) throw notFound(`Function not found: ${fn.arn}:${value}`)
    return value
  }

  private routing(fn: FunctionRecord, primary: string, value: unknown): Record<string, number> | undefined {
    const weights = (value as Body | null | undefined)?.AdditionalVersionWeights as Record<string, unknown> | undefined
    if (!weights || Object.keys(weights).length === 0) return undefined
    const out: Record<string, number> = {}
    for (const [version, weight] of Object.entries(weights)) {
      if (typeof weight !== 'number' || weight < 0 || weight > 1) throw invalidParameter('Invalid weight: must be between 0.0 and 1.0')
      if (version === primary) throw invalidParameter('Primary and additional version cannot be the same')
      if (version === LATEST || primary === LATEST) {
        throw invalidParameter('$LATEST is not supported for an alias pointing to more than 1 version')
      }
      this.checkVersionRef(fn, version)
      out[version] = weight
    }
    if (Object.keys(out).length > 1) throw invalidParameter('Alias can only point to two versions at most')
    return out
  }

  private config(fn: FunctionRecord, v: VersionRecord, qualified?: boolean): Json {
    return configurationJson(fn, v, this.options.region, qualified)
  }

  private newRecord(version: string, config: FunctionConfig, code: StoredCode, delay: number, kind: 'create' | 'update'): VersionRecord {
    return {
      version,
      config,
      code,
      revisionId: randomUUID(),
      lastModified: lambdaTimestamp(),
      busyUntil: Date.now() + delay,
      busyKind: kind,
    }
  }

  private replaceLatest(fn: FunctionRecord, config: FunctionConfig, code: StoredCode): void {
    fn.latest = this.newRecord(LATEST, config, code, this.options.updateDelayMs(), 'update')
    void this.options.engine()?.retire(fn.name, LATEST).catch(() => undefined)
  }

  /** Lambda publishes nothing new when neither code nor configuration changed since the last version. */
  private publish(fn: FunctionRecord, body: Body): VersionRecord {
    const last = sortedVersions(fn).at(-1)
    const latest = fn.latest
    if (last && last.code.sha256 === latest.code.sha256 && JSON.stringify(last.config) === JSON.stringify(latest.config)) return last
    const version = String(fn.nextVersion++)
    const record = this.newRecord(version, { ...latest.config }, latest.code, this.options.updateDelayMs(), 'create')
    if (typeof body.Description === 'string') record.versionDescription = body.Description
    fn.versions.set(version, record)
    return record
  }

  /** The Layers of a request, resolved to published layer versions (an empty list removes them). */
  private withLayers(config: FunctionConfig, body: Body): FunctionConfig {
    if (body.Layers === undefined) return config
    const layers = this.layers.resolve(body.Layers)
    const next = { ...config }
    if (layers.length) next.layers = layers
    else delete next.layers
    return next
  }

  /**
   * The code of a request: a .zip unpacked into a folder of its own, or (PackageType Image) the image URI, kept with a
   * CodeSha256 derived from it (the emulator pulls no image). Sets config.imageUri for an image.
   */
  private async storeCode(name: string, code: Body, config: FunctionConfig): Promise<StoredCode> {
    if (config.packageType === 'Image') {
      if (typeof code.ImageUri !== 'string' || code.ImageUri.length === 0) throw invalidParameter('Please provide ImageUri when the package type is Image.')
      if (code.ZipFile !== undefined || code.S3Bucket !== undefined) throw invalidParameter('Please don\'t provide ZipFile or S3 code when the package type is Image.')
      config.imageUri = code.ImageUri
      return { codeDir: '', sha256: createHash('sha256').update(code.ImageUri).digest('hex'), size: 0 }
    }
    if (code.ImageUri !== undefined) throw invalidParameter('Please don\'t provide ImageUri when the package type is Zip.')
    const zip = this.packageOf(code)
    if (zip.length === 0) throw invalidParameter('Could not unzip uploaded file. Please check your file, then try to upload again.')
    const dir = join(this.options.dataDir, name, String(++this.codeCounter))
    try {
      return await unpackZip(zip, dir)
    } catch (err) {
      await rm(dir, { recursive: true, force: true })
      throw err
    }
  }

  /** The .zip a request names: ZipFile (base64 in JSON), or S3Bucket + S3Key in the emulator's S3. */
  private packageOf(code: Body): Buffer {
    if (code.S3Bucket !== undefined || code.S3Key !== undefined) {
      if (typeof code.S3Bucket !== 'string' || typeof code.S3Key !== 'string') {
        throw invalidParameter('Please provide both S3Bucket and S3Key for function code from S3.')
      }
      if (code.ZipFile !== undefined) throw invalidParameter('Please provide either ZipFile or S3Bucket and S3Key, not both.')
      const object = this.options.s3Object?.(code.S3Bucket, code.S3Key)
      if (!object) {
        throw invalidParameter(`Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist. (s3://${code.S3Bucket}/${code.S3Key})`)
      }
      return object
    }
    if (typeof code.ZipFile !== 'string' || code.ZipFile.length === 0) {
      throw invalidParameter('Please provide a source for function code (ZipFile, or S3Bucket and S3Key).')
    }
    return Buffer.from(code.ZipFile, 'base64')
  }

  minimumUnreserved(): number {
    return Math.min(100, Math.floor(this.accountConcurrency / 10))
  }
}

function sortedVersions(fn: FunctionRecord): VersionRecord[] {
  return [...fn.versions.values()].sort((a, b) => Number(a.version) - Number(b.version))
}

function checkRevision(given: unknown, current: string): void {
  if (given !== undefined && given !== current) {
    throw preconditionFailed(
      'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
    )
  }
}

function checkTags(value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidParameter('Tags must be a map of strings')
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k.length === 0 || k.length > 128 || k.startsWith('aws:')) throw invalidParameter(`Invalid tag key: ${k}`)
    if (typeof v !== 'string' || v.length > 256) throw invalidParameter(`Invalid value for tag ${k}`)
    out[k] = v
  }
  return out
}

function description(value: unknown): string | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || value.length > 256) {
    throw validationError(String(value), 'description', 'Member must have length less than or equal to 256')
  }
  return value
}

