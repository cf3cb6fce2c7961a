import { API_UNREACHABLE, isApiError } from '../lib/api-client.ts';

/** The stack services a screen talks to, keyed by the prefix of the server's UPSTREAM error codes. */
const SERVICES: Record<string, { label: string; composeService: string }> = {
  SCHEMA_REGISTRY: { label: 'Schema Registry', composeService: 'schema-registry' },
  CONNECT: { label: 'Kafka Connect', composeService: 'connect' },
  KAFKA: { label: 'Kafka', composeService: 'kafka' },
  CLICKHOUSE: { label: 'ClickHouse', composeService: 'clickhouse' },
};

export type ErrorKind = 'service-down' | 'service-error' | 'api-unreachable' | 'rejected' | 'panel-error';

export interface ErrorExplanation {
  kind: ErrorKind;
  title: string;
  /** The server's own words. */
  message: string;
  code: string;
  /** Commands that get the user further, most useful first. */
  commands: string[];
  /** What to do, in words (shown before the commands). */
  hint: string | null;
}

function serviceOf(code: string): { label: string; composeService: string } | null {
  const match = /^(SCHEMA_REGISTRY|CONNECT|KAFKA|CLICKHOUSE)_(UNAVAILABLE|ERROR)$/.exec(code);
  return match ? SERVICES[match[1]!]! : null;
}

/** Turns whatever a query or mutation threw into what happened and what to run about it. */
export function explainError(error: unknown): ErrorExplanation {
  const explained = explainRaw(error);
  // The server often says the fix itself ("Start it with `docker compose up -d …`"); do not repeat it.
  const commands = explained.commands.filter((command) => !explained.message.includes(command));
  if (commands.length === explained.commands.length) return explained;
  return { ...explained, commands, hint: commands.length === 0 ? null : explained.hint };
}

function explainRaw(error: unknown): ErrorExplanation {
  if (!isApiError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      kind: 'panel-error',
      title: 'Something went wrong in the page',
      message,
      code: 'CLIENT',
      commands: [],
      hint: 'Reload the page; if it keeps happening, check the browser console.',
    };
  }
  if (error.code === API_UNREACHABLE) {
    return {
      kind: 'api-unreachable',
      title: 'The panel API is unreachable',
      message: error.message,
      code: error.code,
      commands: ['pnpm start', 'pnpm dev'],
      hint: 'Run the panel (in Docker or on the host), then try again.',
    };
  }
  const service = serviceOf(error.code);
  if (service && error.code.endsWith('_UNAVAILABLE')) {
    return {
      kind: 'service-down',
      title: `${service.label} is not reachable`,
      message: error.message,
      code: error.code,
      commands: [`docker compose up -d ${service.composeService}`, `docker compose logs ${service.composeService}`],
      hint: `Start ${service.label} (or see why it stopped), then try again.`,
    };
  }
  if (service) {
    return {
      kind: 'service-error',
      title: `${service.label} answered with an error`,
      message: error.message,
      code: error.code,
      commands: [`docker compose logs ${service.composeService}`],
      hint: `Its logs usually say why.`,
    };
  }
  if (error.statusCode >= 400 && error.statusCode < 500) {
    return {
      kind: 'rejected',
      title: 'The panel refused this request',
      message: error.message,
      code: error.code,
      commands: [],
      hint: null,
    };
  }
  return {
    kind: 'panel-error',
    title: 'The panel failed to answer',
    message: error.message,
    code: error.code,
    commands: [],
    hint: "The panel server's log has the details.",
  };
}
