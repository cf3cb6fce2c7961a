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

  /** The run form's "Rows afterwards" choice, by its label. */
  async rowsAfterwards(label: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Rows afterwards' }).selectOption({ label });
  }

  registerCheckbox(): Locator {
    return this.page.getByRole('checkbox', { name: "Register the schema file even when the subject's latest version differs" });
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

  /** The id of the run the panel shows. */
  async shownRunId(): Promise<string> {
    return (await this.page.locator('.smoke-run-panel .smoke-run').getAttribute('data-run'))!;
  }

  registrationOffer(): Locator {
    return this.page.getByRole('region', { name: "The subject's latest version differs from the repo's schema file" });
  }

  cleanupRegion(): Locator {
    return this.page.getByRole('region', { name: "This run's rows" });
  }

  cleanupDialog(): Locator {
    return this.page.getByRole('dialog', { name: "Remove this run's rows" });
  }

  /** "Remove this run's rows", then the dialog confirmed by typing `runId`. */
  async removeRows(runId: string): Promise<void> {
    await this.cleanupRegion().getByRole('button', { name: "Remove this run's rows" }).click();
    const dialog = this.cleanupDialog();
    await dialog.getByRole('textbox').fill(runId);
    await dialog.getByRole('button', { name: 'Remove the rows' }).click();
    await expect(dialog).toBeHidden();
  }

  history(): Locator {
    return this.page.getByRole('table', { name: 'Recent smoke runs' });
  }
}
