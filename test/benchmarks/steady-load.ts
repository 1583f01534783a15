import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

/** A steady open-loop load: what to send, how often and for how long. */
export interface SteadyLoad {
  url: string;
  rate: number;
  seconds: number;
  method: 'GET' | 'PUT';
  /** Taken in turn, one a request. */
  paths: readonly string[];
  headers: Record<string, string>;
  body?: string;
}

export interface SteadyOutcome {
  /** Milliseconds from when each request was due to when its answer ended, in the order they ended. */
  latencies: number[];
  non2xx: number;
  errors: number;
  elapsedSeconds: number;
  /** This process's own CPU time over the load, user and system. */
  cpuMs: number;
}

/**
 * Requests leave on schedule whatever the answers, and latency counts from when each was due, so that a stall
 * is charged to every request it holds up. Run by `api-latency.bench.ts` in a process of its own: see there.
 */
export async function runSteadyLoad(load: SteadyLoad): Promise<SteadyOutcome> {
  // Reusing the most recent socket, and dropping idle ones before the server's 5 s keep-alive ends them, so that
  // no request goes out on a socket the server is closing (a reset that says nothing about the API).
  const agent = new Agent({ keepAlive: true, maxSockets: 256, scheduling: 'lifo', timeout: 4_000 });
  const { hostname, port } = new URL(load.url);
  const outcome: SteadyOutcome = { latencies: [], non2xx: 0, errors: 0, elapsedSeconds: 0, cpuMs: 0 };
  const send = (path: string, due: number) =>
    new Promise<void>((done) => {
      // Node's timers may fire a fraction of a millisecond early: a request sent before it was due counts from when it left.
      const from = Math.max(due, performance.now());
      const outgoing = request({ agent, hostname, port, method: load.method, path, headers: load.headers }, (response) => {
        response.resume();
        response.on('end', () => {
          if ((response.statusCode ?? 0) >= 300) outcome.non2xx += 1;
          outcome.latencies.push(performance.now() - from);
          done();
        });
      });
      outgoing.on('error', () => {
        outcome.errors += 1;
        done();
      });
      outgoing.end(load.body);
    });
  const cpu = process.cpuUsage();
  const start = performance.now();
  const sent: Promise<void>[] = [];
  for (let index = 0; index < load.rate * load.seconds; index += 1) {
    const due = start + (index * 1000) / load.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    sent.push(send(load.paths[index % load.paths.length], due));
  }
  await Promise.all(sent);
  outcome.elapsedSeconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  outcome.cpuMs = (used.user + used.system) / 1000;
  agent.destroy();
  return outcome;
}

// Run as a script: the load as JSON on stdin (it holds a bearer token, which a command line would show to
// anyone on the machine), the outcome as JSON on stdout.
if (require.main === module) {
  const chunks: Buffer[] = [];
  process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
  process.stdin.on('end', () => {
    runSteadyLoad(JSON.parse(Buffer.concat(chunks).toString()) as SteadyLoad).then(
      (outcome) => process.stdout.write(JSON.stringify(outcome)),
      (error: Error) => {
        process.stderr.write(`${error.stack ?? error.message}\n`);
        process.exitCode = 1;
      },
    );
  });
}
