import { useId } from 'react';
import type { CompatibilityLevel, EffectiveCompatibility } from '@pipeline-panel/server/contracts';
import { InlineError } from '../../../components/error-notice.tsx';
import { useSetCompatibility } from '../api/set-compatibility.ts';
import { COMPATIBILITY_LEVELS, LEVEL_MEANING } from '../model/schema-draft.ts';

export function CompatibilityControl({ subject, effective }: { subject: string; effective: EffectiveCompatibility }) {
  const setLevel = useSetCompatibility(subject);
  const hintId = useId();
  const selectId = useId();
  const known = (COMPATIBILITY_LEVELS as readonly string[]).includes(effective.level);
  const meaning = known ? LEVEL_MEANING[effective.level as CompatibilityLevel] : null;

  return (
    <div className="compat">
      <div className="field field-inline">
        <label htmlFor={selectId}>Compatibility</label>
        <select
          id={selectId}
          value={effective.level}
          aria-describedby={hintId}
          disabled={setLevel.isPending}
          onChange={(e) => setLevel.mutate(e.target.value as CompatibilityLevel)}
        >
          {!known && <option value={effective.level}>{effective.level}</option>}
          {COMPATIBILITY_LEVELS.map((level) => (
            <option key={level} value={level}>
              {level}
            </option>
          ))}
        </select>
      </div>
      <p id={hintId} className="field-hint">
        {effective.source === 'global' ? 'Inherited from the registry default' : 'Set on this subject'}
        {meaning && `: ${meaning}.`}
      </p>
      {setLevel.isSuccess && (
        <p className="field-hint" role="status">
          {setLevel.data.changed
            ? `Changed from ${setLevel.data.previous ?? 'the registry default'} to ${setLevel.data.level}.`
            : `Already ${setLevel.data.level}; nothing changed.`}
        </p>
      )}
      {setLevel.isError && <InlineError error={setLevel.error} />}
    </div>
  );
}
