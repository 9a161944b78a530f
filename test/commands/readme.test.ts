import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ExitCode } from '../../src/core/errors.js'
import { REPO_ROOT, runCli } from '../helpers/cli.js'

/**
 * The README's claims about commands, flags and exit codes, checked against what `bin/run.js` says of itself:
 * its command list and each command's --help.
 */
const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')
const AWS_FLAGS = ['region', 'profile', 'endpoint-url', 'local']
const OUTPUT_FLAGS = ['json', 'format', 'out', 'no-color']
/** the commands that also write a self-contained HTML page with charts */
const HTML = ['sweep', 'report', 'compare', 'canary']

interface Row {
  command: string
  link: string
  callsAws: string
}

/** The rows of the table under "## Commands": command, the link of its documentation, the "Calls AWS" column. */
function commandTable(): Row[] {
  const section = README.slice(README.indexOf('## Commands'))
  const rows = section.split('\n').filter((l) => /^\| \[`/.test(l))
  return rows.map((l) => {
    const cells = l.split(' | ')
    const m = /^\| \[`([\w-]+)[^`]*`\]\(([^)]+)\)$/.exec(cells[0]!)!
    return { command: m[1]!, link: m[2]!, callsAws: cells[cells.length - 1]!.replace(/ \|$/, '') }
  })
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-')
}

/** The text a README link points to: a whole file, or the section under the heading its anchor names. */
function linked(link: string): string {
  const [path, anchor] = link.split('#')
  const text = path ? readFileSync(join(REPO_ROOT, path), 'utf8') : README
  if (!anchor) return text
  const lines = text.split('\n')
  const at = lines.findIndex((l) => /^#+ /.test(l) && slug(l.replace(/^#+ /, '')) === anchor)
  expect(at, `heading #${anchor} in ${path || 'README.md'}`).toBeGreaterThanOrEqual(0)
  const level = /^#+/.exec(lines[at]!)![0].length
  const end = lines.findIndex((l, i) => i > at && /^#+ /.test(l) && /^#+/.exec(l)![0].length <= level)
  return lines.slice(at, end === -1 ? undefined : end).join('\n')
}

/** The flags a command's --help lists (long names; `--[no-]logs` as `logs`), and its --format options. */
async function helpOf(command: string): Promise<{ flags: string[]; formats: string[] }> {
  const r = await runCli([command, '--help'])
  expect(r.code).toBe(0)
  const flags = [...r.stdout.matchAll(/^ {2,6}(?:-\w, )?--(?:\[no-\])?([a-z0-9-]+)/gm)].map((m) => m[1]!)
  const formats = /--format=<option>[\s\S]*?<options: ([\w|]+)>/.exec(r.stdout)?.[1]?.split('|') ?? []
  return { flags, formats }
}

const rows = commandTable()
const help: Record<string, { flags: string[]; formats: string[] }> = {}
beforeAll(async () => {
  for (const { command } of rows) help[command] = await helpOf(command)
}, 60_000)

describe("the README's command table matches the CLI", () => {
  it('lists every command `lambda-tune --help` lists, and no other', async () => {
    const r = await runCli(['--help'])
    const listed = [...r.stdout.slice(r.stdout.indexOf('COMMANDS')).matchAll(/^ {2}([\w-]+) {2,}/gm)].map((m) => m[1]!)
    expect(rows.map((r) => r.command).sort()).toEqual(listed.sort())
  })

  it('every AWS-facing command takes --region, --profile, --endpoint-url and --local', () => {
    const facing = rows.filter((r) => !/^(none|—)/.test(r.callsAws))
    expect(facing.map((r) => r.command).sort()).toEqual(['canary', 'recommend', 'report', 'restore', 'sweep'])
    for (const { command } of facing) expect(help[command]!.flags, command).toEqual(expect.arrayContaining(AWS_FLAGS))
  })

  it('every command that prints a result takes --json, --format table|md|json (and html where it draws a chart), --out <file> and --no-color', () => {
    for (const { command } of rows.filter((r) => r.command !== 'emulator')) {
      expect(help[command]!.flags, command).toEqual(expect.arrayContaining(OUTPUT_FLAGS))
      expect(help[command]!.formats, command).toEqual(['table', 'md', 'json', ...(HTML.includes(command) ? ['html'] : [])])
    }
  })

  it("every command's flags are documented where the table links to, the shared ones in the README", () => {
    for (const { command, link } of rows) {
      const doc = linked(link)
      const shared = new Set([...AWS_FLAGS, 'functions', ...OUTPUT_FLAGS, 'help'])
      const missing = help[command]!.flags.filter((f) => !shared.has(f) && !new RegExp(`--(\\[no-\\]|no-)?${f}\\b`).test(doc))
      expect(missing, `${command}: flags not documented in ${link}`).toEqual([])
    }
  })

  it('every flag in a `lambda-tune <command> ...` example of the README and docs/ exists on that command', () => {
    const files = ['README.md', 'docs/cost.md', 'docs/emulator.md', 'docs/report.md', 'docs/reliability.md']
    const checked: string[] = []
    for (const f of files) {
      const text = readFileSync(join(REPO_ROOT, f), 'utf8')
      for (const m of text.matchAll(/lambda-tune ([\w-]+)((?: [^\s`|;#>)]+)*)/g)) {
        const command = m[1]!
        if (!help[command]) continue
        for (const flag of m[2]!.matchAll(/ --(?:no-)?([a-z0-9-]+)/g)) {
          expect(help[command]!.flags, `${f}: "${m[0]}"`).toContain(flag[1])
          checked.push(`${command} --${flag[1]}`)
        }
      }
    }
    expect(new Set(checked).size).toBeGreaterThan(20)
  })

  it("the sweep flag table lists every flag of sweep but the shared ones, and nothing else", () => {
    const section = linked('#lambda-tune-sweep')
    const table = section.slice(section.indexOf('### Flags'), section.indexOf('### Measurement'))
    // the flags each row is about: its first cell (a description may name other flags)
    const firstCells = [...table.matchAll(/^\| (.*?[^\\]) \|/gm)].map((m) => m[1]!).join(' ')
    const documented = new Set([...firstCells.matchAll(/`--([a-z0-9-]+)/g)].map((m) => m[1]!))
    const own = help.sweep!.flags.filter((f) => ![...AWS_FLAGS, 'functions', 'help'].includes(f))
    expect([...documented].sort()).toEqual(own.sort())
  })

  it('the exit codes table is the one src/core/errors.ts defines', () => {
    const section = README.slice(README.indexOf('### Exit codes (all commands)'))
    const codes = [...section.slice(0, section.indexOf('\n\n', section.indexOf('| Code'))).matchAll(/^\| (\d) \|/gm)].map((m) => Number(m[1]))
    expect(codes).toEqual(Object.values(ExitCode).sort())
  })
})
