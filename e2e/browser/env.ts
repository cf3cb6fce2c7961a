/** Values global-setup hands to the specs through the environment (Playwright's documented channel). */
export const SKIP_ENV = 'PANEL_BROWSER_SKIP';
export const PANEL_URL_ENV = 'PANEL_BROWSER_URL';
export const PROJECT_ENV = 'PANEL_BROWSER_PROJECT';

export const skipReason = () => process.env[SKIP_ENV];
export const panelUrl = () => process.env[PANEL_URL_ENV] ?? '';
export const fixtureProject = () => process.env[PROJECT_ENV] ?? '';
