import type { ComponentType } from 'react';
import { PipelinesScreen } from '../features/pipelines/components/pipelines-screen.tsx';
import { StackScreen } from '../features/stack/components/stack-screen.tsx';
import { SchemasScreen } from '../features/schemas/components/schemas-screen.tsx';
import { ConnectorsScreen } from '../features/connectors/components/connectors-screen.tsx';
import { TablesScreen } from '../features/tables/components/tables-screen.tsx';
import { TopicsScreen } from '../features/topics/components/topics-screen.tsx';
import { WizardScreen } from '../features/wizard/components/wizard-screen.tsx';
import { EvolutionScreen } from '../features/evolution/components/evolution-screen.tsx';
import { SmokeScreen } from '../features/smoke/components/smoke-screen.tsx';
import { ResetScreen } from '../features/reset/components/reset-screen.tsx';
import { GroupsScreen } from '../features/groups/components/groups-screen.tsx';
import { DeadLettersScreen } from '../features/dead-letters/components/dead-letters-screen.tsx';

export interface Screen {
  /** URL hash segment: #/stack */
  path: string;
  label: string;
  Component: ComponentType;
}

/** The panel's screens, in nav order. Adding a screen is one line here (Schemas, Connectors, Tables, Topics, Smoke test, Wizard, Reset to come). */
export const screens: Screen[] = [
  { path: 'pipelines', label: 'Pipelines', Component: PipelinesScreen },
  { path: 'stack', label: 'Stack', Component: StackScreen },
  { path: 'topics', label: 'Topics', Component: TopicsScreen },
  { path: 'groups', label: 'Groups', Component: GroupsScreen },
  { path: 'schemas', label: 'Schemas', Component: SchemasScreen },
  { path: 'connectors', label: 'Connectors', Component: ConnectorsScreen },
  { path: 'dead-letters', label: 'Dead letters', Component: DeadLettersScreen },
  { path: 'tables', label: 'Tables', Component: TablesScreen },
  { path: 'wizard', label: 'New pipeline', Component: WizardScreen },
  { path: 'evolution', label: 'Evolve', Component: EvolutionScreen },
  { path: 'smoke', label: 'Smoke test', Component: SmokeScreen },
  { path: 'reset', label: 'Reset', Component: ResetScreen },
];
