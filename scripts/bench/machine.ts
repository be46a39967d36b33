/** The machine and its load, printed above the figures: ratios only compare within one run. */
import { cpus, freemem, loadavg, release, totalmem, type as osType } from "node:os";

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
}

export function machine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? "unknown",
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${osType()} ${release()}`,
  };
}

/** `load average: 1.02, 0.87, 0.60 (1, 5, 15 min); free memory 5.1 GiB`, as uptime prints it. */
export function loadLine(): string {
  const [one, five, fifteen] = loadavg().map((x) => x.toFixed(2));
  return `load average: ${one}, ${five}, ${fifteen} (1, 5, 15 min); free memory ${(freemem() / 2 ** 30).toFixed(1)} GiB`;
}

export function describeMachine(m: Machine): string {
  return `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, node ${m.node}, ${m.os}`;
}
