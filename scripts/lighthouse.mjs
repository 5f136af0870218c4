#!/usr/bin/env node
// `npm run lighthouse`: Lighthouse (mobile preset, simulated throttling) on the production build,
// on /login, the client home and the module reader, with a demo client signed in. Fails below
// performance 90 or accessibility 100.
//
// Like e2e/serve.mjs it starts the built server on a throwaway embedded Postgres with the demo
// practice, signs in as a demo client through the API, and puts the session's cookies in the
// cookie jar of the Chromium that Lighthouse drives (sent as a header instead, they would be
// invisible to the page, whose writes echo the XSRF cookie: the reader's progress save was
// refused and its error message shifted the page). Needs `npm run build` first and Chromium
// (CHROME_PATH, /usr/bin/chromium by default). LIGHTHOUSE_RUNS=n runs each page n times and
// scores the median (default 1; CI runs 5). A page under the bar is run again, up to five runs in
// all, and the median counts: one run on a busy machine is noisy.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
// Both come with lighthouse (its own launcher, and the puppeteer it drives pages with).
import * as chromeLauncher from 'chrome-launcher';
import puppeteer from 'puppeteer-core';

import { freePort } from './free-port.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The bar: performance 90 and accessibility 100. LIGHTHOUSE_MIN_PERFORMANCE moves the first (0 to
// measure without failing); the scores printed are the real ones either way.
const MIN = {
  performance: Number(process.env.LIGHTHOUSE_MIN_PERFORMANCE ?? 90) / 100,
  accessibility: 1,
};
const DEMO = { client: 'sam@example.com', therapist: 'theo@example.com' };
const PASSWORD = 'attune-demo-2026';
const runs = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 1));
const RERUN_UP_TO = Math.max(runs, 5);
const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const lighthouseBin = join(root, 'node_modules/lighthouse/cli/index.js');
const built = join(root, 'client/dist/client/browser/index.html');
const serverMain = join(root, 'server/dist/server/src/main.js');

for (const [what, path] of [
  ['the client build', built],
  ['the server build', serverMain],
  ['lighthouse', lighthouseBin],
  ['Chromium', chrome],
]) {
  if (!existsSync(path)) {
    console.error(`lighthouse: ${what} is missing (${path}). Run npm ci and npm run build first.`);
    process.exit(2);
  }
}

const started = Date.now();
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const dir = mkdtempSync(join(tmpdir(), 'attune-lighthouse-'));
chmodSync(dir, 0o755);
// A copy of the client, so that a rebuild meanwhile cannot swap files under the server.
const clientDist = join(dir, 'client');
cpSync(join(root, 'client/dist/client/browser'), clientDist, { recursive: true });
const server = spawn(process.execPath, [serverMain], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: {
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_URL: '',
    PORT: String(port),
    CLIENT_DIST: clientDist,
    EMBEDDED_PG_DIR: join(dir, 'pg'),
    EMBEDDED_PG_PORT: String(await freePort()),
    SEED_DEMO: 'true',
    ALLOW_SIGNUP: 'false',
  },
});
let exitCode;
try {
  await waitForHealth();
  const client = await signIn(DEMO.client);
  const readerPath = await moduleReaderPath(client);
  const pages = [
    { name: 'sign-in', path: '/login', cookies: null },
    { name: 'client home', path: '/client', cookies: client.cookies },
    { name: 'module reader', path: readerPath, cookies: client.cookies },
  ];
  // LIGHTHOUSE_ONLY=reader (any part of a page's name) scores just the pages that match.
  const only = process.env.LIGHTHOUSE_ONLY;
  const results = [];
  for (const page of pages) if (!only || page.name.includes(only)) results.push(await score(page));

  console.log('\nLighthouse 12 (mobile, simulated throttling), production build:');
  console.log('page            perf  a11y  FCP     LCP     TBT     CLS    performance of each run');
  for (const r of results) {
    console.log(
      `${r.name.padEnd(15)} ${pct(r.performance)}   ${pct(r.accessibility)}   ` +
        `${ms(r.fcp)} ${ms(r.lcp)} ${ms(r.tbt)} ${r.cls.toFixed(3).padEnd(6)} ${r.runs.join(' ')}`,
    );
  }
  const failed = results.filter(
    (r) => r.performance < MIN.performance || r.accessibility < MIN.accessibility,
  );
  for (const r of failed)
    for (const issue of r.a11yIssues) console.log(`  ${r.name}: accessibility: ${issue}`);
  console.log(
    `\n${results.length - failed.length} passed, ${failed.length} failed ` +
      `(performance >= ${Math.round(MIN.performance * 100)}, accessibility ${Math.round(MIN.accessibility * 100)}) ` +
      `in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  exitCode = failed.length ? 1 : 0;
} catch (err) {
  console.error(err);
  exitCode = 1;
} finally {
  await stopServer();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(exitCode);

/** Runs Lighthouse `runs` times (more when under the bar) and keeps the median run. */
async function score(page) {
  // A Chromium of its own per page: signed in (cookies in its jar) or not.
  const browser = await chromeLauncher.launch({
    chromePath: chrome,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    if (page.cookies) await setCookies(browser.port, page.cookies);
    const all = [];
    // Under the bar, up to RERUN_UP_TO runs in all. On this two-core machine the median of three
    // runs of one build of the module reader went from 78 to 86 within an hour.
    const wanted = () =>
      all.length < runs ? true : all.length < RERUN_UP_TO && !passes(median(all));
    while (wanted()) all.push(runOnce({ ...page, port: browser.port }));
    return {
      name: page.name,
      runs: all.map((r) => Math.round(r.performance * 100)),
      ...median(all),
    };
  } finally {
    browser.kill();
  }
}

/** Puts the cookies in the browser's jar for this origin, as signing in there would. */
async function setCookies(port, cookies) {
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${port}` });
  try {
    const tab = await browser.newPage();
    await tab.setCookie(...cookies.map(({ name, value }) => ({ name, value, url: base })));
    await tab.close();
  } finally {
    await browser.disconnect();
  }
}

function passes(r) {
  return r.performance >= MIN.performance && r.accessibility >= MIN.accessibility;
}

function median(list) {
  const sorted = [...list].sort((a, b) => a.performance - b.performance);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** One Lighthouse run; a run that breaks (Chromium's trace can fail to start) is tried again. */
function runOnce(page, attempt = 1) {
  try {
    return lighthouse(page);
  } catch (err) {
    if (attempt >= 3) throw err;
    console.error(`${err.message}: trying again`);
    return runOnce(page, attempt + 1);
  }
}

function lighthouse(page) {
  const out = join(dir, `report-${Date.now()}.json`);
  const args = [
    lighthouseBin,
    `${base}${page.path}`,
    '--only-categories=performance,accessibility',
    '--output=json',
    `--output-path=${out}`,
    '--quiet',
    `--port=${page.port}`,
    // LIGHTHOUSE_TRACES=1 (with LIGHTHOUSE_KEEP) keeps each run's Chromium trace too, to see
    // which tasks block the main thread (event names, not just Lighthouse's groups).
    ...(process.env.LIGHTHOUSE_TRACES && process.env.LIGHTHOUSE_KEEP ? ['--save-assets'] : []),
  ];
  const run = spawnSync(process.execPath, args, {
    env: { ...process.env, CHROME_PATH: chrome },
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 180_000,
  });
  if (run.status !== 0 || !existsSync(out))
    throw new Error(`Lighthouse broke on ${page.path} (exit ${run.status})`);
  const lhr = JSON.parse(readFileSync(out, 'utf8'));
  // LIGHTHOUSE_KEEP=<folder> keeps each full report, to see what a score is made of.
  // --save-assets writes these beside the report.
  const trace = out.replace(/\.json$/, '-0.trace.json');
  const devtoolsLog = out.replace(/\.json$/, '-0.devtoolslog.json');
  if (process.env.LIGHTHOUSE_KEEP) {
    const kept = join(process.env.LIGHTHOUSE_KEEP, `${page.name.replace(/ /g, '-')}-${Date.now()}`);
    cpSync(out, `${kept}.json`);
    if (existsSync(trace)) cpSync(trace, `${kept}.trace.json`);
  }
  for (const file of [out, trace, devtoolsLog]) rmSync(file, { force: true });
  if (lhr.runtimeError) throw new Error(`${page.path}: ${lhr.runtimeError.message}`);
  // A signed-in page that bounced to sign-in would score the wrong page.
  if (page.cookies && /\/login/.test(lhr.finalDisplayedUrl ?? ''))
    throw new Error(`${page.path} ended on ${lhr.finalDisplayedUrl}: the session was not used`);
  const audits = lhr.audits;
  return {
    performance: lhr.categories.performance.score ?? 0,
    accessibility: lhr.categories.accessibility.score ?? 0,
    fcp: audits['first-contentful-paint'].numericValue,
    lcp: audits['largest-contentful-paint'].numericValue,
    tbt: audits['total-blocking-time'].numericValue,
    cls: audits['cumulative-layout-shift'].numericValue,
    a11yIssues: lhr.categories.accessibility.auditRefs
      .map((ref) => audits[ref.id])
      .filter((a) => a.score !== null && a.score < 1)
      .map((a) => a.title),
  };
}

/** Signs in through the API as Angular would (XSRF cookie echoed in a header). */
async function signIn(email) {
  const jar = new Map();
  const keep = (res) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  keep(await fetch(`${base}/api/health`));
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-xsrf-token': jar.get('XSRF-TOKEN') ?? '',
      cookie: cookie(),
    },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in as ${email}: ${res.status} ${await res.text()}`);
  keep(res);
  const me = await res.json();
  const api = async (method, path, body) => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: {
        cookie: cookie(),
        'x-xsrf-token': jar.get('XSRF-TOKEN') ?? '',
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return r.status === 204 ? null : r.json();
  };
  return { me, cookies: [...jar].map(([name, value]) => ({ name, value })), api };
}

/** The reader of the client's first reading, assigned by their therapist if there is none. */
async function moduleReaderPath(client) {
  const items = (page) => (Array.isArray(page) ? page : page.items);
  let assignments = items(await client.api('GET', '/api/assignments'));
  if (assignments.length === 0) {
    const therapist = await signIn(DEMO.therapist);
    const modules = items(await therapist.api('GET', '/api/modules'));
    if (!modules.length) throw new Error('the demo library has no modules');
    await therapist.api('POST', `/api/clients/${client.me.clientId}/assignments`, {
      moduleIds: [modules[0].id],
    });
    assignments = items(await client.api('GET', '/api/assignments'));
  }
  return `/client/reading/${assignments[0].id}`;
}

async function waitForHealth() {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server stopped (${server.exitCode})`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the server did not answer /api/health within 2 minutes');
}

function stopServer() {
  if (server.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => server.kill('SIGKILL'), 15_000);
    server.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    // SIGTERM: the server drains and stops its embedded Postgres.
    server.kill('SIGTERM');
  });
}

function pct(score) {
  return String(Math.round(score * 100)).padStart(3);
}

function ms(value) {
  return `${(value / 1000).toFixed(1)} s`.padEnd(7);
}
