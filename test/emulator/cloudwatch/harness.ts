import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs'
import { createCloudWatch, type CloudWatch } from '../../../src/emulator/cloudwatch/index.js'

export interface Harness {
  cloudWatch: CloudWatch
  endpoint: string
  cw: CloudWatchClient
  logs: CloudWatchLogsClient
  close(): Promise<void>
}

export const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }

/** A tiny server that gives every request to the CloudWatch side first and answers 404 otherwise, as server.ts does. */
export async function startHarness(now: () => number = () => Date.UTC(2026, 0, 1, 1)): Promise<Harness> {
  const cloudWatch = createCloudWatch({ now })
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      cloudWatch.handle(req, res, Buffer.concat(chunks)).then((handled) => {
        if (!handled) {
          res.writeHead(404, { 'content-type': 'text/plain' })
          res.end('not found')
        }
      }, (error: unknown) => {
        res.writeHead(500)
        res.end(String(error))
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const config = { region: 'us-east-1', endpoint, credentials, maxAttempts: 1 }
  const cw = new CloudWatchClient(config)
  const logs = new CloudWatchLogsClient(config)
  return {
    cloudWatch,
    endpoint,
    cw,
    logs,
    close: async () => {
      cw.destroy()
      logs.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** the AWS CLI with dummy credentials; `env` extras such as AWS_DATA_PATH */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? '/tmp',
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
    ...extra,
  }
}
