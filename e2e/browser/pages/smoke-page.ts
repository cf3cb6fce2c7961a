import { expect, type Locator, type Page } from '@playwright/test';
import type { SmokeStep } from '@pipeline-panel/server/contracts';

export class SmokePage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/#/smoke`);
    await expect(this.page.getByRole('heading', { level: 1, name: 'Smoke test' })).toBeVisible();
  }

  async pick(pipeline: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Pipeline' }).selectOption(pipeline);
  }

  contract(pipeline: string): Locator {
    return this.page.getByRole('table', { name: `Contract of ${pipeline}` });
  }

  async run(records: number, timeoutSeconds: number): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Records' }).fill(String(records));
    await this.page.getByRole('textbox', { name: 'Timeout (s)' }).fill(String(timeoutSeconds));
    await this.page.getByRole('button', { name: 'Run smoke test' }).click();
  }

  steps(): Locator {
    return this.page.getByRole('list', { name: 'Smoke test steps' });
  }

  step(name: SmokeStep['name']): Locator {
    return this.steps().locator(`[data-step="${name}"]`);
  }

  runStatus(): Locator {
    return this.page.getByTestId('run-status');
  }

  history(): Locator {
    return this.page.getByRole('table', { name: 'Recent smoke runs' });
  }
}
