import { expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const DEMO_PASSWORD = 'cymuned-demo-2026';

/** Zero axe-core violations for WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
    .analyze();
  const summary = results.violations.map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
  expect(results.passes.length, 'axe ran its checks').toBeGreaterThan(10);
}

/** Collects script errors (a failed hydration shows up here) for a test to assert on. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', e => errors.push(e.message));
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  return errors;
}

/** Waits until the page is interactive: hydrated when JavaScript runs, loaded otherwise. */
export async function settle(page: Page) {
  await page.waitForLoadState('load');
}

export async function signIn(page: Page, email: string, lang: 'en' | 'cy' = 'en') {
  await page.goto(lang === 'cy' ? '/cy/sign-in' : '/sign-in');
  await page.getByLabel(lang === 'cy' ? 'Cyfeiriad e-bost' : 'Email address').fill(email);
  await page.getByLabel(lang === 'cy' ? 'Cyfrinair' : 'Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: lang === 'cy' ? 'Mewngofnodi' : 'Sign in', exact: true }).click();
  await page.waitForURL(/\/staff$/);
}

export async function signOut(page: Page, lang: 'en' | 'cy' = 'en') {
  await page.getByRole('button', { name: lang === 'cy' ? 'Allgofnodi' : 'Sign out' }).click();
  await page.waitForURL(/sign-in\?signed_out=1/);
}
