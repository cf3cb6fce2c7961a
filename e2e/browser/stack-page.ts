import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import type { ServiceActionResult, StackSnapshot } from '@pipeline-panel/server/contracts';
import { panelUrl } from './env.ts';
import { panelHeader } from '../lib/panel-header.ts';

/** The stack screen, found through roles and labels the way a user (or a screen reader) finds it. */
export class StackPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto(`${panelUrl()}/#/stack`);
    await expect(this.page.getByRole('heading', { level: 1, name: 'Stack' })).toBeVisible();
  }

  card(service: string): Locator {
    return this.page.getByRole('article', { name: service, exact: true });
  }

  /** The one-word state shown in a card's badge, e.g. "healthy" or "stopped". */
  status(service: string, label: string): Locator {
    return this.card(service).getByText(label, { exact: true });
  }

  waves(): Locator {
    return this.page
      .getByRole('list', { name: 'Start-up order' })
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('heading', { name: /^Wave \d+$/ }) });
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }
}

export async function readSnapshot(request: APIRequestContext): Promise<StackSnapshot> {
  const response = await request.get(`${panelUrl()}/api/stack`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as StackSnapshot;
}

/** Starts whatever an earlier test left stopped and waits until every service is up again (through the API). */
export async function settleStack(request: APIRequestContext): Promise<void> {
  const snapshot = await readSnapshot(request);
  for (const service of snapshot.services.filter((s) => s.state !== 'running')) {
    const response = await request.post(`${panelUrl()}/api/services/${service.service}/start`, {
      headers: { origin: panelUrl(), ...panelHeader },
      data: {},
    });
    expect(response.ok(), `start ${service.service}: ${await response.text()}`).toBe(true);
    expect(((await response.json()) as ServiceActionResult).service).toBe(service.service);
  }
  await expect
    .poll(
      async () =>
        (await readSnapshot(request)).services.every((s) => s.state === 'running' && (s.health === 'healthy' || s.health === 'none')),
      {
        timeout: 60_000,
        message: 'every fixture service running and healthy',
      },
    )
    .toBe(true);
}
