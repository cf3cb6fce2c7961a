/** The reset form → the request (the server checks every value again). */
import type { ResetOffsetsInput } from '@pipeline-panel/server/contracts';

export interface ResetDraft {
  to: ResetOffsetsInput['to'];
  /** A datetime-local value. */
  timestamp: string;
  offset: string;
  /** Topics to reset; empty = every topic the group committed. */
  topics: string[];
}

export const EMPTY_RESET: ResetDraft = { to: 'earliest', timestamp: '', offset: '', topics: [] };

export function resetInput(draft: ResetDraft, dryRun: boolean, confirm?: string): ResetOffsetsInput {
  const input: ResetOffsetsInput = { to: draft.to, dryRun };
  if (draft.to === 'timestamp') input.timestamp = new Date(draft.timestamp).getTime();
  if (draft.to === 'offset') input.offset = Number(draft.offset);
  if (draft.topics.length > 0) input.topics = draft.topics;
  if (confirm !== undefined) input.confirm = confirm;
  return input;
}

/** "3 → 0" per partition, "none" for a partition without a commit. */
export const shift = (current: number | null, next: number) => `${current === null ? 'none' : current} → ${next}`;
