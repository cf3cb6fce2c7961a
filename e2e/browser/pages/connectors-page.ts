import { expect, type Locator, type Page } from '@playwright/test';

export class ConnectorsPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/#/connectors`);
    await expect(this.page.getByRole('heading', { level: 1, name: 'Connectors' })).toBeVisible();
  }

  /** A deployed connector's card (an article named by its heading). */
  connector(name: string): Locator {
    return this.page.getByRole('article', { name, exact: true });
  }

  /** A file from connectors/ (an article named by the file name). */
  file(file: string): Locator {
    return this.page.getByRole('article', { name: file, exact: true });
  }

  state(name: string, state: string): Locator {
    return this.connector(name)
      .locator('.badge')
      .filter({ hasText: new RegExp(`^${state}$`) });
  }

  action(name: string, action: 'Pause' | 'Resume' | 'Restart' | 'Delete'): Locator {
    return this.page.getByRole('button', { name: `${action} ${name}`, exact: true });
  }

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }
}
