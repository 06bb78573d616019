import { cpus, totalmem, platform, arch } from "node:os";

/** The machine a run happened on, for summaries and reports. */
export function machineInfo(): Record<string, string | number> {
  const c = cpus();
  return { node: process.version, platform: platform(), arch: arch(), cpu: c[0]?.model ?? "unknown", cores: c.length, memoryGiB: Math.round(totalmem() / 2 ** 30) };
}
