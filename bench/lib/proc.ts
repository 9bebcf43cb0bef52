/* eslint-disable @typescript-eslint/no-explicit-any --
   bench harness: drivers and src modules loaded lazily, IPC and JSON answers untyped */
/**
 * Child processes of the bench (Synchro, baseline servers, the receiver, the fake
 * external system): started from compiled JS with an IPC channel, ready when they
 * send {type: 'ready'}, stopped by their own pid only.
 */
import { ChildProcess, fork } from 'node:child_process';
import * as fs from 'node:fs';

export interface Child {
  name: string;
  process: ChildProcess;
  pid: number;
  url: string;
  /** Last lines of stderr/stdout, for error reports. */
  tail(): string;
  /** Sends a message and waits for the answer of the same `id`. */
  call<T = any>(message: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

let callId = 0;

export async function startChild(
  name: string,
  script: string,
  env: Record<string, string>,
  options: { nodeArgs?: string[]; timeoutMs?: number } = {},
): Promise<Child> {
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(line);
    if (lines.length > 60) lines.splice(0, lines.length - 60);
  };
  const child = fork(script, [], {
    env: { ...process.env, ...env },
    execArgv: options.nodeArgs ?? [],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const pending = new Map<number, { resolve: (value: any) => void; reject: (error: Error) => void }>();
  let readyResolve: (url: string) => void;
  let readyReject: (error: Error) => void;
  const ready = new Promise<string>((resolve, reject) => {
    readyResolve = resolve;
    readyReject = reject;
  });
  child.on('message', (message: any) => {
    if (message?.type === 'ready') readyResolve(message.url);
    else if (message?.type === 'answer' && pending.has(message.id)) {
      const waiter = pending.get(message.id)!;
      pending.delete(message.id);
      if (message.error) waiter.reject(new Error(`${name}: ${message.error}`));
      else waiter.resolve(message.result);
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code, signal) => {
    const error = new Error(`${name} exited (code ${code}, signal ${signal}):\n${lines.join('\n')}`);
    readyReject(error);
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  });
  const timer = setTimeout(
    () => readyReject(new Error(`${name} not ready after ${options.timeoutMs ?? 60_000} ms:\n${lines.join('\n')}`)),
    options.timeoutMs ?? 60_000,
  );
  let url: string;
  try {
    url = await ready;
  } catch (error) {
    if (child.exitCode === null) child.kill('SIGKILL');
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return {
    name,
    process: child,
    pid: child.pid!,
    url,
    tail: () => lines.join('\n'),
    call: (message, timeoutMs = 30 * 60_000) => {
      const id = ++callId;
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${name}: no answer to ${JSON.stringify(message).slice(0, 80)} within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, {
          resolve: (value) => {
            clearTimeout(t);
            resolve(value);
          },
          reject: (error) => {
            clearTimeout(t);
            reject(error);
          },
        });
        child.send({ ...message, id });
      });
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** Resident set size of a process now and its peak so far (VmHWM), in MB (Linux /proc). */
export function rssOf(pid: number): { rssMb: number; hwmMb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

/** Samples a process's RSS every `everyMs` until stopped; returns the maximum seen. */
export function sampleRss(pid: number, everyMs = 50): { stop(): number } {
  let max = 0;
  const timer = setInterval(() => {
    try {
      max = Math.max(max, rssOf(pid).rssMb);
    } catch {
      /* process gone */
    }
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      try {
        max = Math.max(max, rssOf(pid).rssMb);
      } catch {
        /* process gone */
      }
      return max;
    },
  };
}

/** Process CPU time (user+system) of a pid, in ms (Linux /proc). */
export function cpuMsOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100; // CLK_TCK is 100 on Linux
}
