/**
 * How much CPU other processes used while a suite ran (Linux /proc only; elsewhere it reports
 * nothing). On a small shared machine that is the main source of noise, so the report shows it.
 */
import fs from 'node:fs';
import os from 'node:os';

const TICKS_PER_SECOND = 100; // USER_HZ; 100 on every mainstream Linux build

function busyTicks(): number | null {
  try {
    const cpuLine = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const fields = cpuLine.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
    return user + nice + system + irq + softirq + steal;
  } catch {
    return null;
  }
}

function processTicks(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11] ?? 0) + Number(fields[12] ?? 0); // utime, stime
  } catch {
    return 0;
  }
}

export type CpuAccounting = {
  /** Counts a process (e.g. the server) as ours. Call as soon as it starts. */
  track(pid: number): void;
  /** Reads a process's ticks one last time; call just before it is stopped. */
  settle(pid: number): void;
  /** Share of all CPUs used by other processes since start, 0..1, or null when unknown. */
  othersShare(): number | null;
};

export function startCpuAccounting(): CpuAccounting {
  const startedAt = process.hrtime.bigint();
  const startBusy = busyTicks();
  const tracked = new Map<number, { start: number; last: number }>();
  const ownStart = process.cpuUsage();
  return {
    track(pid) {
      const now = processTicks(pid);
      tracked.set(pid, { start: now, last: now });
    },
    settle(pid) {
      const entry = tracked.get(pid);
      if (entry) entry.last = Math.max(entry.last, processTicks(pid));
    },
    othersShare() {
      const endBusy = busyTicks();
      if (startBusy === null || endBusy === null) return null;
      const own = process.cpuUsage(ownStart);
      let ours = ((own.user + own.system) / 1e6) * TICKS_PER_SECOND;
      for (const [pid, entry] of tracked) {
        entry.last = Math.max(entry.last, processTicks(pid));
        ours += entry.last - entry.start;
      }
      const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
      const capacity = seconds * TICKS_PER_SECOND * os.cpus().length;
      if (capacity <= 0) return null;
      return Math.min(1, Math.max(0, (endBusy - startBusy - ours) / capacity));
    },
  };
}
