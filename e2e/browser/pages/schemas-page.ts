import { expect, type Locator, type Page } from '@playwright/test';

/** The schemas screen, reached through roles and labels. */
export class SchemasPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/#/schemas`);
    await expect(this.page.getByRole('heading', { level: 1, name: 'Schemas' })).toBeVisible();
  }

  subjects(): Locator {
    return this.page.getByRole('list', { name: 'Subjects' });
  }

  subject(name: string): Locator {
    return this.subjects().getByRole('button', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`) });
  }

  async startNewSubject(name: string): Promise<void> {
    await this.page.getByRole('button', { name: 'New subject', exact: true }).click();
    await this.page.getByLabel('Subject', { exact: true }).fill(name);
  }

  schemaText(): Locator {
    return this.page.getByLabel(/^Avro schema/);
  }

  async writeSchema(schema: object | string): Promise<void> {
    await this.schemaText().fill(typeof schema === 'string' ? schema : JSON.stringify(schema, null, 2));
  }

  checkButton(): Locator {
    return this.page.getByRole('button', { name: 'Check compatibility', exact: true });
  }

  registerButton(): Locator {
    return this.page.getByRole('button', { name: 'Register', exact: true });
  }

  verdict(): Locator {
    return this.page.getByRole('status', { name: 'Compatibility verdict' });
  }

  result(): Locator {
    return this.page.locator('.inline-ok[role=status]');
  }

  compatibilitySelect(): Locator {
    return this.page.getByLabel('Compatibility', { exact: true });
  }
}
