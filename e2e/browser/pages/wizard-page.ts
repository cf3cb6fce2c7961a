import { expect, type Locator, type Page } from '@playwright/test';

/** The "New pipeline" wizard screen (#/wizard). */
export class WizardPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/#/wizard`);
    await expect(this.page.getByRole('heading', { level: 1, name: 'New pipeline' })).toBeVisible();
  }

  /** The body of the current step (a region named "<Step> step"). */
  step(name: 'Topic' | 'Schema' | 'Table' | 'Connector' | 'Review' | 'Apply'): Locator {
    return this.page.getByRole('region', { name: `${name} step` });
  }

  button(name: string | RegExp): Locator {
    return typeof name === 'string' ? this.page.getByRole('button', { name, exact: true }) : this.page.getByRole('button', { name });
  }

  /** The step's refusal: the panel's message and its error code. */
  error(): Locator {
    return this.page.getByRole('alert').first();
  }

  async validateTopic(name: string): Promise<void> {
    await this.page.getByLabel('Topic name').fill(name);
    await this.button('Validate topic').click();
  }

  schemaText(): Locator {
    return this.page.getByLabel(/Avro value schema/);
  }

  sqlText(): Locator {
    return this.page.getByLabel('CREATE TABLE (editable)');
  }

  connectorText(): Locator {
    return this.page.getByLabel(/Connector file/);
  }
}
