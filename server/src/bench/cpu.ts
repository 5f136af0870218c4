import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Linux exposes user and system time of every process in clock ticks (USER_HZ, 100 on Linux).
const TICK_MS = 10;

/** utime + stime of a process in ms (0 when it is gone or this is not Linux). */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** CPU ms of each process of a Postgres cluster: the postmaster (from its data folder) and its children. */
export function postgresCpu(dataDir: string): Map<number, number> {
  const out = new Map<number, number>();
  let postmaster: number;
  try {
    postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return out;
  }
  out.set(postmaster, processCpuMs(postmaster));
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (Number.isInteger(pid) && parentOf(pid) === postmaster) out.set(pid, processCpuMs(pid));
  }
  return out;
}

/**
 * CPU the cluster used between two snapshots. A connection the pool closed in between takes
 * its time with it (uncounted, so this errs low); one opened in between counts in full.
 */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += Math.max(0, ms - (before.get(pid) ?? 0));
  return total;
}
