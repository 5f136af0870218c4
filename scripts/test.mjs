#!/usr/bin/env node
// `npm test`: lint, type-check (tests included: jest's swc transform does not), then every unit
// and integration suite, then one summary line.
// Each step streams its own output; the last line sums the runners' counts.
import { spawn } from 'node:child_process';

const steps = [
  // The type-aware lint reads @attune/shared's types from its build.
  { name: 'lint', cmd: 'npm', args: ['run', 'lint'] },
  {
    name: 'type-check (server and its tests, shared, migrations, e2e, scripts)',
    cmd: 'npm',
    args: ['run', 'typecheck'],
  },
  { name: 'shared unit tests', cmd: 'npm', args: ['test', '-w', 'shared'] },
  {
    name: 'server unit + integration tests (real Postgres)',
    cmd: 'npm',
    args: ['test', '-w', 'server'],
  },
  { name: 'client unit tests', cmd: 'npm', args: ['test', '-w', 'client'] },
];

function run(step) {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`\n=== ${step.name} ===`);
    const child = spawn(step.cmd, step.args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      out += d;
      process.stderr.write(d);
    });
    child.on('close', (code) =>
      resolve({ ...step, code: code ?? 1, out, seconds: (Date.now() - started) / 1000 }),
    );
  });
}

function counts(raw) {
  // Vitest colours its summary even with FORCE_COLOR=0: drop ANSI escapes before reading counts.
  const out = raw.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '');
  let passed = 0;
  let failed = 0;
  // jest: "Tests:       3 failed, 52 passed, 55 total"
  for (const m of out.matchAll(/^Tests:\s+(.*)$/gm)) {
    passed += Number(/(\d+) passed/.exec(m[1])?.[1] ?? 0);
    failed += Number(/(\d+) failed/.exec(m[1])?.[1] ?? 0);
  }
  // vitest: "      Tests  12 passed (12)" or "Tests  1 failed | 11 passed (12)"
  for (const m of out.matchAll(/^\s*Tests\s{2,}(.*)$/gm)) {
    passed += Number(/(\d+) passed/.exec(m[1])?.[1] ?? 0);
    failed += Number(/(\d+) failed/.exec(m[1])?.[1] ?? 0);
  }
  return { passed, failed };
}

let passed = 0;
let failed = 0;
const results = [];
for (const step of steps) {
  const r = await run(step);
  const c = counts(r.out);
  passed += c.passed;
  failed += c.failed;
  results.push(r);
  if (r.code !== 0 && c.failed === 0) failed += 1; // a step that broke without a test count still fails
}

console.log('\n=== summary ===');
for (const r of results)
  console.log(`${r.code === 0 ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds.toFixed(1)} s)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
