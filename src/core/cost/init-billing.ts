import { INIT_BILLING_START } from './limits.js'

export interface InitBillingInput {
  /** 'Zip' (default) or 'Image' (container image) */
  packageType?: 'Zip' | 'Image'
  /** e.g. 'nodejs20.x', 'provided.al2023' (custom runtime) */
  runtime?: string
  /** the month modelled, ISO date; INIT of managed-runtime ZIP functions is billed from 2025-08-01 on */
  billingDate?: string
}

/**
 * Whether the INIT phase of an on-demand cold start is billed: always for container images and custom runtimes
 * (`provided*`), and for ZIP functions on managed runtimes since 1 August 2025.
 */
export function isInitBilled(input: InitBillingInput, defaultDate: string): boolean {
  if (input.packageType === 'Image') return true
  if (input.runtime?.toLowerCase().startsWith('provided')) return true
  return (input.billingDate ?? defaultDate) >= INIT_BILLING_START
}
