import { usePanelConfig } from '../lib/panel-config.ts';
import { screens } from './screens.tsx';
import { useHashPath } from './use-hash-path.ts';
import { useLandingScreen } from './use-landing.ts';

export function Layout() {
  const path = useHashPath();
  const landing = useLandingScreen(path === '');
  const current = screens.find((s) => s.path === (path === '' ? (landing ?? '') : path)) ?? screens.find((s) => s.path === 'stack')!;
  const config = usePanelConfig();

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <a className="brand" href="#/stack" aria-label="Pipeline Panel home">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Pipeline Panel</span>
        </a>
        <nav className="nav" aria-label="Screens">
          {screens.map((screen) => (
            <a key={screen.path} href={`#/${screen.path}`} className="nav-link" aria-current={screen === current ? 'page' : undefined}>
              {screen.label}
            </a>
          ))}
        </nav>
        {config.data && (
          <span
            className="topbar-project"
            aria-label={`Compose project ${config.data.project}`}
            title={`Compose project ${config.data.project} · ${config.data.composeFile}`}
          >
            <span className="topbar-project-name">{config.data.project}</span>
            {config.data.tokenRequired && (
              <span className="lock" title="Changes need the panel token">
                {' '}
                · token
              </span>
            )}
          </span>
        )}
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {path === '' && landing === null ? null : <current.Component />}
      </main>
    </div>
  );
}
