import { useCallback, useSyncExternalStore } from 'react';
import { EMPTY_DRAFT, type StepId, type WizardDraft } from './wizard-draft.ts';

/**
 * The draft lives outside the screen component, so leaving the wizard for another screen (e.g. to look at a topic)
 * and coming back keeps everything entered. It is memory only: a page reload starts over.
 */
interface State {
  draft: WizardDraft;
  step: StepId;
  operationId: string | null;
}

let state: State = { draft: EMPTY_DRAFT, step: 'topic', operationId: null };
const listeners = new Set<() => void>();

function set(next: State): void {
  state = next;
  for (const l of listeners) l();
}

export function useWizardStore() {
  const current = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
  const setDraft = useCallback((update: (d: WizardDraft) => WizardDraft) => set({ ...state, draft: update(state.draft) }), []);
  const goTo = useCallback((step: StepId) => set({ ...state, step }), []);
  const setOperation = useCallback((operationId: string | null) => set({ ...state, operationId }), []);
  const reset = useCallback(() => set({ draft: EMPTY_DRAFT, step: 'topic', operationId: null }), []);
  return { ...current, setDraft, goTo, setOperation, reset };
}

export type WizardStore = ReturnType<typeof useWizardStore>;
