import os from 'node:os'
export async function handler(event) {
  return { module: 'esm', platform: os.platform(), event }
}
