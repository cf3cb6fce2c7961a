/**
 * The shell from 1024 px up, and still usable at 768 px: every screen in the top navigation is visible and inside
 * the viewport (none hidden in a scrolled-away strip), and the project name is exposed in full even when the chip
 * cuts it (title and accessible name).
 */
import { expect, test, type Page } from '@playwright/test';
import { fixtureProjectDir } from '../harness/docker-fixture/index.ts';
import { startPanelServer, type PanelServer } from '../harness/panel-server.ts';
import { fixtureProject, panelUrl, skipReason } from './env.ts';

test.skip(Boolean(skipReason()), skipReason() ?? '');

let extra: PanelServer | null = null;
test.afterEach(async () => {
  await extra?.stop();
  extra = null;
});

const SCREENS = ['Stack', 'Topics', 'Schemas', 'Connectors', 'Tables', 'New pipeline', 'Smoke test', 'Reset'];

async function navIsFullyShown(page: Page) {
  const nav = page.getByRole('navigation', { name: 'Screens' });
  const viewport = page.viewportSize()!;
  // Nothing scrolled out of the strip: its content is as wide as the strip itself.
  const { scrollWidth, clientWidth } = await nav.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth + 1);
  const navBox = (await nav.boundingBox())!;
  for (const label of SCREENS) {
    const link = nav.getByRole('link', { name: label, exact: true });
    await expect(link).toBeVisible();
    const box = (await link.boundingBox())!;
    expect(box.x, `${label} starts inside the viewport`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${label} ends inside the viewport`).toBeLessThanOrEqual(viewport.width);
    expect(box.x + box.width, `${label} is not clipped by the nav`).toBeLessThanOrEqual(navBox.x + navBox.width + 1);
  }
}

for (const size of [
  { width: 1024, height: 768 },
  { width: 768, height: 1024 },
]) {
  test(`at ${size.width}×${size.height} every screen is reachable from the nav and the project name is exposed`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.goto(`${panelUrl()}/#/stack`);
    await navIsFullyShown(page);
    const project = page.getByLabel(`Compose project ${fixtureProject()}`, { exact: true });
    await expect(project).toBeVisible();
    await expect(project).toHaveAttribute('title', new RegExp(`^Compose project ${fixtureProject()} · `));
    const chip = (await project.boundingBox())!;
    expect(chip.x + chip.width).toBeLessThanOrEqual(size.width);
    // The last screen works: the click lands and the page changes.
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Reset', exact: true }).click();
    await expect(page).toHaveURL(/#\/reset$/);
    await expect(page.getByRole('heading', { name: 'Reset volumes', level: 1 })).toBeVisible();
    await page.screenshot({ path: `/tmp/screens/layout-${size.width}.png` });
  });
}

test('a long project name is cut with an ellipsis inside the chip, whole in its title', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  const long = `${'a-very-long-compose-project-name-'.repeat(3)}end`;
  extra = await startPanelServer({ projectDir: fixtureProjectDir, projectName: long });
  await page.goto(`${extra.url}/#/stack`);
  const project = page.getByLabel(`Compose project ${long}`, { exact: true });
  await expect(project).toHaveAttribute('title', new RegExp(long));
  const name = project.locator('.topbar-project-name');
  const { scrollWidth, clientWidth, overflow } = await name.evaluate((el) => ({
    scrollWidth: el.scrollWidth,
    clientWidth: el.clientWidth,
    overflow: getComputedStyle(el).textOverflow,
  }));
  expect(scrollWidth).toBeGreaterThan(clientWidth);
  expect(overflow).toBe('ellipsis');
  await navIsFullyShown(page);
});
