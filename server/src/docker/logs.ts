import { pathSegment } from '../http/path-segment.ts';
import { PassThrough, Writable, type Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { LogLine } from '../contracts/stack.ts';
import { toDockerError } from './errors.ts';

export interface LogOptions {
  tail: number;
  follow: boolean;
}

export interface LogStream {
  /** Settles when the log stream ended (container stopped, tail done, or close() called). */
  done: Promise<void>;
  close(): void;
}

const TIMESTAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) ?/;

/** Splits one stream's bytes into lines, keeping an unfinished last line for the next chunk. */
export function lineSplitter(stream: LogLine['stream'], onLine: (line: LogLine) => void) {
  let pending = '';
  const emit = (raw: string) => {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const match = TIMESTAMP.exec(text);
    onLine({ stream, ts: match ? match[1]! : null, line: match ? text.slice(match[0].length) : text });
  };
  return {
    push(chunk: Buffer | string) {
      pending += chunk.toString();
      const parts = pending.split('\n');
      pending = parts.pop()!;
      for (const part of parts) emit(part);
    },
    flush() {
      if (pending !== '') emit(pending);
      pending = '';
    },
  };
}

/** Streams a container's logs (bounded tail, optional follow) as LogLines with stdout and stderr separated. */
export async function streamContainerLogs(
  docker: Docker,
  info: Docker.ContainerInspectInfo,
  options: LogOptions,
  onLine: (line: LogLine) => void,
): Promise<LogStream> {
  const container = docker.getContainer(pathSegment(info.Id, 'container id'));
  const stdout = lineSplitter('stdout', onLine);
  const stderr = lineSplitter('stderr', onLine);
  // demuxStream writes synchronously per frame, so lines keep Docker's interleaving order.
  const sink = (splitter: ReturnType<typeof lineSplitter>) =>
    new Writable({
      write(chunk, _encoding, callback) {
        splitter.push(chunk as Buffer);
        callback();
      },
    });
  const base = { stdout: true, stderr: true, timestamps: true, tail: options.tail } as const;
  let source: Readable;
  try {
    if (options.follow) {
      source = (await container.logs({ ...base, follow: true })) as unknown as Readable;
    } else {
      const buffer = (await container.logs({ ...base, follow: false })) as unknown as Buffer;
      source = new PassThrough().end(buffer);
    }
  } catch (error) {
    throw toDockerError(error, `read logs of ${info.Name.replace(/^\//, '')}`);
  }

  if (info.Config.Tty) source.on('data', (chunk: Buffer) => stdout.push(chunk));
  else docker.modem.demuxStream(source, sink(stdout), sink(stderr));

  const done = new Promise<void>((resolve) => {
    const finish = () => {
      stdout.flush();
      stderr.flush();
      resolve();
    };
    source.once('end', finish);
    source.once('close', finish);
    source.once('error', finish);
  });
  return {
    done,
    close: () => source.destroy(),
  };
}
