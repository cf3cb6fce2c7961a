import { expect, type Locator, type Page } from '@playwright/test';

export class TopicsPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/#/topics`);
    await expect(this.page.getByRole('heading', { level: 1, name: 'Topics' })).toBeVisible();
  }

  form(): Locator {
    return this.page.getByRole('form', { name: 'Create a topic' });
  }

  nameInput(): Locator {
    return this.form().getByLabel('Name', { exact: true });
  }

  async create(name: string, partitions: number, retention?: { amount: number; unit: 'hours' | 'days' }): Promise<void> {
    await this.nameInput().fill(name);
    await this.form().getByLabel('Partitions', { exact: true }).fill(String(partitions));
    if (retention) {
      await this.form().getByLabel('Retention unit').selectOption(retention.unit);
      await this.form().getByLabel('Retention amount').fill(String(retention.amount));
    }
    await this.form().getByRole('button', { name: 'Create topic' }).click();
  }

  row(name: string): Locator {
    return this.page
      .getByRole('table', { name: 'Topics' })
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name }) });
  }
}
