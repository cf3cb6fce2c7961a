import { expect, type Locator, type Page } from '@playwright/test';

export class TablesPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/#/tables`);
    await expect(this.page.getByRole('heading', { level: 1, name: 'Tables' })).toBeVisible();
  }

  sqlFile(file: string): Locator {
    return this.page.getByRole('listitem').filter({ has: this.page.getByRole('heading', { name: file, exact: true }) });
  }

  tablesOf(database: string): Locator {
    return this.page.getByRole('table', { name: `Tables in ${database}` });
  }

  columns(id: string): Locator {
    return this.page.getByRole('table', { name: `Columns of ${id}` });
  }

  rows(id: string): Locator {
    return this.page.getByRole('table', { name: `Rows of ${id}` });
  }

  querySql(): Locator {
    return this.page.getByLabel(/^SQL/);
  }

  async runQuery(sql: string): Promise<void> {
    await this.querySql().fill(sql);
    await this.page.getByRole('button', { name: 'Run query', exact: true }).click();
    await expect(this.page.getByRole('button', { name: 'Run query', exact: true })).toBeEnabled();
  }

  queryRows(): Locator {
    return this.page.getByRole('table', { name: 'Query result rows' });
  }

  /** The query box's refusal or ClickHouse's error, next to the box. */
  queryError(): Locator {
    return this.page.locator('.query-error').getByRole('alert');
  }
}
