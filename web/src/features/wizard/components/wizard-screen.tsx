import { PageHeader } from '../../../components/page.tsx';
import { useWizardStore } from '../model/draft-store.ts';
import { canOpen, STEP_LABELS, STEPS, type StepId } from '../model/wizard-draft.ts';
import { StepApply } from './step-apply.tsx';
import { StepConnector } from './step-connector.tsx';
import { StepReview } from './step-review.tsx';
import { StepSchema } from './step-schema.tsx';
import { StepTable } from './step-table.tsx';
import { StepTopic } from './step-topic.tsx';
import '../wizard.css';

export function WizardScreen() {
  const store = useWizardStore();
  const { draft, step, operationId } = store;
  const open = (s: StepId) => (s === 'apply' ? operationId !== null : canOpen(draft, s));
  const validated = (s: StepId) =>
    s === 'topic' || s === 'schema' || s === 'table'
      ? draft.validated[s] !== undefined
      : s === 'connector'
        ? draft.validated.connector?.ok === true
        : false;
  // A step whose prerequisites were invalidated (an earlier edit) falls back to the first step that is open.
  const current: StepId = open(step) ? step : ([...STEPS].reverse().find((s) => open(s) && s !== 'apply') ?? 'topic');

  return (
    <div className="page wizard-screen">
      <PageHeader
        title="New pipeline"
        sub="From a topic to a versioned, deployed and smoke-tested topic→table pipeline. Each step is validated by the panel before the next."
      />
      <ol className="wizard-stepper" aria-label="Wizard steps">
        {STEPS.map((s, i) => (
          <li key={s}>
            <button
              type="button"
              className="wizard-step-btn"
              aria-current={s === current ? 'step' : undefined}
              disabled={!open(s)}
              onClick={() => store.goTo(s)}
              data-validated={validated(s) || undefined}
            >
              <span className="wizard-step-num">{validated(s) ? '✓' : i + 1}</span> {STEP_LABELS[s]}
            </button>
          </li>
        ))}
      </ol>
      <section className="box wizard-body" aria-label={`${STEP_LABELS[current]} step`}>
        <h2>
          {STEPS.indexOf(current) + 1}. {STEP_LABELS[current]}
        </h2>
        {current === 'topic' && <StepTopic store={store} />}
        {current === 'schema' && <StepSchema store={store} />}
        {current === 'table' && <StepTable store={store} />}
        {current === 'connector' && <StepConnector store={store} />}
        {current === 'review' && <StepReview store={store} />}
        {current === 'apply' && <StepApply key={operationId} store={store} />}
      </section>
    </div>
  );
}
