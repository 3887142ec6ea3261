import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import t from 'tap'
import { startSandbox } from '../src/index.js'

// Every curl example of the README runs here, in order, against a live sandbox: no example that has
// never been run. Blocks share one shell, as a reader pasting them would.
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map(m => m[1]).filter(block => block.includes('curl '))

t.test('the README has curl examples for every way of choosing a scenario', async t => {
  t.ok(blocks.length >= 7, `${blocks.length} curl blocks`)
  for (const way of ['&scenario=pass', '/_sandbox/arm', 'X-Sandbox-Scenario', '/complete', '/_sandbox/clock']) {
    t.ok(blocks.some(b => b.includes(way)), way)
  }
})

t.test('the README curl blocks run against the sandbox and show what the text says', async t => {
  const sandbox = await startSandbox({ seed: 'readme' })
  t.teardown(() => sandbox.stop())
  const script = ['set -euo pipefail', ...blocks.map((block, i) => `echo "::block ${i}::"\n${block}`)].join('\n')
    .replaceAll('http://localhost:3939', sandbox.url)
  // The sandbox answers on this process's event loop: the shell must run asynchronously.
  const { status, stdout, stderr } = await new Promise<{ status: number | null, stdout: string, stderr: string }>(resolve => {
    const child = spawn('bash', ['-c', script])
    let out = ''
    let err = ''
    child.stdout.on('data', d => { out += d })
    child.stderr.on('data', d => { err += d })
    child.on('close', code => resolve({ status: code, stdout: out, stderr: err }))
  })
  t.equal(status, 0, `every block exits 0${stderr === '' ? '' : `: ${stderr}`}`)
  const out = Object.fromEntries(stdout.split(/::block (\d+)::\n/).slice(1).reduce<Array<[string, string]>>((acc, part, i, all) => {
    if (i % 2 === 0) acc.push([part, all[i + 1] ?? ''])
    return acc
  }, []).map(([i, text]) => [Number(i), text.trim()]))

  t.matchStrict(out[0], /^[0-9A-Z]{30}$/, 'create prints the token')
  t.equal(out[1], 'https://shop.example/ekyc/return?order=42&is_success=1', '?scenario=pass redirects with is_success=1, the query kept')
  const record = JSON.parse(out[2])
  t.matchStrict(record, { status: 200, result: { is_success: 1, ocr_success: 1, face_id_success: 1, retries: 0 } })
  t.matchStrict(out[3], /"scenario":"fail-ocr-blurry"/)
  t.matchStrict(out[3], /https:\/\/shop\.example\/ekyc\/return\?is_success=0$/, 'the armed session finishes when its page opens')
  t.equal(out[4], 'https://shop.example/ekyc/return?is_success=0', 'the header armed a failing scenario')
  t.matchStrict(JSON.parse(out[5]), { status: 200, result: { finished: true, record: { is_success: 1, retries: 1, face_retries: 1, latest_error: 'FailedOperation.CompareLowSimilarity', ocr_type: 'PASSPORT' } } })
  // curl prints bodies without a newline: the block's three answers stand side by side.
  const [advanced, late, reset] = out[6].split(/(?<=\})(?=\{"status")/).map(text => JSON.parse(text))
  t.matchStrict(advanced, { status: 200, result: { offset_ms: 901_000 } })
  t.matchStrict(reset, { status: 200, result: { offset_ms: 0 } })
  t.matchStrict(late, { status: 200, result: { expired: true, finished: false, return_url: 'https://shop.example/ekyc/return?is_success=0' } })
})
