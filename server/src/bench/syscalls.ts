import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Syscalls per request of a server under load, split by socket: the HTTP connections it serves
 * and the connections to Postgres. On this VM a loopback write runs the whole TCP path (and wakes
 * the peer) inside the writer's syscall, so writes per request can cost more than bytes do.
 * Uses strace (`-yy` names each socket's ends); `available()` is false where it is missing.
 */
export interface SyscallCounts {
  requests: number;
  /** `<syscall> <http|pg|other>` for a TCP socket, `<syscall>` for any other fd -> calls per request */
  perRequest: Map<string, number>;
  /** bytes written per request, by socket kind */
  bytesWritten: Map<string, number>;
}

const TRACED = 'read,readv,write,writev,sendto,sendmsg,recvfrom,recvmsg,epoll_wait,epoll_pwait';

export const available = () => spawnSync('strace', ['-V']).status === 0;

export async function traceSyscalls(
  pid: number,
  ports: { http: number; pg: number },
  load: () => Promise<number>,
): Promise<SyscallCounts> {
  const dir = mkdtempSync(join(tmpdir(), 'attune-strace-'));
  const out = join(dir, 'trace.txt');
  const tracer: ChildProcess = spawn(
    'strace',
    // The main thread only: sockets are read and written there (the others are V8's and libuv's).
    ['-yy', '-s', '0', '-e', 'signal=none', '-e', `trace=${TRACED}`, '-o', out, '-p', `${pid}`],
    { stdio: 'ignore' },
  );
  try {
    await new Promise((r) => setTimeout(r, 1000)); // attached
    const requests = await load();
    await new Promise((r) => setTimeout(r, 300));
    const exited = new Promise((r) => tracer.once('exit', r));
    tracer.kill('SIGINT');
    await exited;
    return countSyscalls(readFileSync(out, 'utf8'), ports, requests);
  } finally {
    if (tracer.exitCode === null) tracer.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Counts an strace `-yy` log (exported for its test). */
export function countSyscalls(
  trace: string,
  ports: { http: number; pg: number },
  requests: number,
): SyscallCounts {
  const calls = new Map<string, number>();
  const bytes = new Map<string, number>();
  // e.g. `writev(24<TCP:[127.0.0.1:4651->127.0.0.1:50412]>, [...], 2) = 1157`
  const line = /^(?:\d+\s+)?(\w+)\((\d+)(?:<(TCP:\[[^\]]*\]|[^>]*)>)?.*=\s*(-?\d+)/;
  for (const l of trace.split('\n')) {
    const m = line.exec(l);
    if (!m) continue;
    const [, name, , fd = '', ret] = m;
    const kind = !fd.startsWith('TCP')
      ? 'other'
      : fd.includes(`:${ports.http}->`)
        ? 'http'
        : fd.includes(`->127.0.0.1:${ports.pg}]`) || fd.includes(`:${ports.pg}]`)
          ? 'pg'
          : 'other';
    const key = fd.startsWith('TCP') ? `${name} ${kind}` : name!;
    calls.set(key, (calls.get(key) ?? 0) + 1);
    if (/^(write|writev|sendto|sendmsg)$/.test(name!) && Number(ret) > 0)
      bytes.set(kind, (bytes.get(kind) ?? 0) + Number(ret));
  }
  const per = (m: Map<string, number>) =>
    new Map([...m].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, v / Math.max(1, requests)]));
  return { requests, perRequest: per(calls), bytesWritten: per(bytes) };
}

export function formatSyscalls(label: string, c: SyscallCounts): string {
  const calls = [...c.perRequest]
    .filter(([, v]) => v >= 0.05)
    .map(([k, v]) => `${k} ${v.toFixed(2)}`)
    .join(', ');
  const bytes = [...c.bytesWritten]
    .filter(([, v]) => v >= 1)
    .map(([k, v]) => `${k} ${v.toFixed(0)} B`)
    .join(', ');
  return `${label.padEnd(6)} per request over ${c.requests}: ${calls}; written: ${bytes}`;
}
