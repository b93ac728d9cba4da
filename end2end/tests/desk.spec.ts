import { test, expect, Page, TestInfo } from '@playwright/test';
import { expectAccessible, signIn, signOut } from './helpers';

// Staff pages at a desk and on a phone: screenshots at 1280 and 390 pixels in both languages
// (saved with the test's results, not compared with baselines), axe clean at both widths, and
// the intake queue readable at a desk: no cell on more than two lines.

const DESK = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** A hate incident with a safe-contact note: the queue's longest row (category with its tags). */
async function hateIncident(page: Page) {
  await page.goto('/report?area=W06000015');
  await page.getByLabel('What you are reporting').selectOption({ label: 'Hate incident' });
  await page.getByLabel('Race or ethnicity').check();
  await page.getByLabel('Ward', { exact: true }).selectOption({ label: 'Riverside' });
  await page.getByLabel('It is still happening').check();
  await page.getByLabel('What happened').fill('Neighbour shouts racist abuse whenever we go out.');
  await page.getByLabel('Give my details so the partnership can contact me').check();
  await page.getByLabel('Phone number').fill('029 2087 1234');
  await page.getByLabel('A safe way to contact you (optional)').fill('Text first; do not leave voicemail.');
  await page.getByRole('button', { name: 'Send report' }).click();
  await expect(page).toHaveURL(/\/track\//);
}

/** A Welsh resident's report: the neighbourhood and status in Welsh are longer. */
async function welshReport(page: Page) {
  await page.goto('/cy/report?area=W06000015');
  await page.getByLabel('Am beth rydych chi\'n rhoi gwybod').selectOption({ label: 'Gwerthu neu ddefnyddio cyffuriau' });
  await page.getByLabel('Ward', { exact: true }).selectOption({ label: 'Adamsdown' });
  await page.getByLabel('Mae\'n dal i ddigwydd').check();
  await page.getByLabel('Beth ddigwyddodd').fill('Gwerthu cyffuriau ger y siopau bob nos.');
  await page.getByRole('button', { name: 'Anfon adroddiad' }).click();
  await expect(page).toHaveURL(/\/cy\/track\//);
}

/** Screenshot of the whole page, kept with the test's results and attached to its report. */
async function snap(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** Lines of text in each cell of a table: the cell's content height over its line height. */
async function cellLines(page: Page, table: string): Promise<{ text: string; lines: number }[]> {
  return page.locator(`${table} tbody td`).evaluateAll(cells => cells.map(cell => {
    const style = getComputedStyle(cell);
    const height = cell.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    return { text: (cell.textContent ?? '').trim(), lines: Math.round(height / parseFloat(style.lineHeight)) };
  }));
}

/** Visits a staff page at both widths: screenshots, and axe clean. */
async function bothWidths(page: Page, testInfo: TestInfo, path: string, name: string) {
  for (const [width, size] of [['1280', DESK], ['390', PHONE]] as const) {
    await page.setViewportSize(size);
    await page.goto(path);
    await snap(page, testInfo, `${name}-${width}`);
    await expectAccessible(page);
  }
}

test('staff pages use a desk screen\'s width and keep phones\' layout, in both languages', async ({ page, javaScriptEnabled }, testInfo) => {
  test.skip(!javaScriptEnabled, 'the layout is the same without JavaScript; axe needs it');
  await hateIncident(page);
  await welshReport(page);

  await signIn(page, 'officer@demo.cymuned.cymru');
  for (const lang of ['en', 'cy'] as const) {
    const prefix = lang === 'cy' ? '/cy' : '';
    await bothWidths(page, testInfo, `${prefix}/staff/intake`, `queue-${lang}`);
    // At a desk the queue takes the screen's width and no cell runs onto a third line.
    await page.setViewportSize(DESK);
    await page.goto(`${prefix}/staff/intake`);
    const table = page.locator('table:has(#queue-caption)');
    expect((await table.boundingBox())!.width, 'the queue uses the width of the screen').toBeGreaterThan(1100);
    const cells = await cellLines(page, 'table:has(#queue-caption)');
    expect(cells.length, 'the queue has rows').toBeGreaterThan(6);
    expect(cells.filter(c => c.lines > 2), `cells on more than two lines (${lang})`).toEqual([]);
    // Reading text keeps its measure: the introduction is not a 1,200-pixel line.
    const paragraph = await page.locator('main p').first().boundingBox();
    expect(paragraph!.width).toBeLessThan(900);
    // On a phone the page never scrolls sideways (the table scrolls in its own region).
    await page.setViewportSize(PHONE);
    await page.goto(`${prefix}/staff/intake`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await bothWidths(page, testInfo, `${prefix}/staff/intelligence`, `intelligence-${lang}`);
  }
  await signOut(page, 'cy');

  await signIn(page, 'analyst@demo.cymuned.cymru');
  // A problem profile, so the list of profiles is a table.
  await page.goto('/staff/problems');
  await page.getByLabel('Title').fill('Drug dealing around the Adamsdown shops, evenings and weekends');
  await page.getByLabel('Adamsdown').check();
  await page.getByLabel('Drug dealing or drug use').check();
  await page.getByLabel('Requested by').fill('Cardiff CSP tasking group');
  await page.getByLabel('Aim').fill('Understand and reduce the dealing reported near the shops.');
  await page.getByRole('button', { name: 'Open the profile' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Drug dealing around the Adamsdown shops');
  for (const lang of ['en', 'cy'] as const) {
    await bothWidths(page, testInfo, `${lang === 'cy' ? '/cy' : ''}/staff/problems`, `problems-${lang}`);
  }
  await signOut(page, 'cy');

  await signIn(page, 'csp-manager@demo.cymuned.cymru');
  for (const lang of ['en', 'cy'] as const) {
    await bothWidths(page, testInfo, `${lang === 'cy' ? '/cy' : ''}/staff/audit`, `audit-${lang}`);
  }
  await page.setViewportSize(DESK);
  await page.goto('/staff/audit');
  const audit = await cellLines(page, 'table:has(#audit-caption)');
  expect(audit.length).toBeGreaterThan(0);
  // Times are UK local time in the reader's language, to the second.
  await expect(page.locator('table:has(#audit-caption) tbody td').first()).toHaveText(/^\d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d:\d\d$/);
  await page.goto('/cy/staff/audit');
  await expect(page.locator('table:has(#audit-caption) tbody td').first()).toHaveText(/^\d{1,2} (Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr) \d{4}, \d\d:\d\d:\d\d$/);
  await signOut(page, 'cy');
});
