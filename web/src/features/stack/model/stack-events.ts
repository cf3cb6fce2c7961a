import type { StackEvent, StackSnapshot } from '@pipeline-panel/server/contracts';

/** Folds one live event into the cached snapshot. */
export function applyStackEvent(previous: StackSnapshot | undefined, event: StackEvent): StackSnapshot | undefined {
  switch (event.type) {
    case 'snapshot':
      return event.snapshot;
    case 'docker-disconnected':
      return previous && { ...previous, dockerReachable: false, dockerError: event.error, overall: 'unknown' };
    case 'heartbeat':
      return previous;
  }
}
