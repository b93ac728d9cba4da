import { test, expect, Page } from '@playwright/test';
import { collectErrors, expectAccessible, receivedEmails, signIn, signOut } from './helpers';

async function noiseReport(page: Page): Promise<string> {
  await page.goto('/report?area=W06000015');
  await page.getByLabel('What you are reporting').selectOption({ label: 'Noise' });
  await page.getByLabel('Ward', { exact: true }).selectOption({ label: 'Splott' });
  await page.getByLabel('It is still happening').check();
  await page.getByLabel('What happened').fill('Loud parties every night until four in the morning.');
  await page.getByRole('button', { name: 'Send report' }).click();
  await expect(page).toHaveURL(/\/track\//);
  return /CYM-\d\d-\d{6}/.exec((await page.getByRole('status').textContent()) ?? '')![0];
}

test('a resident applies for an ASB case review in Welsh; the partnership decides', async ({ page, javaScriptEnabled }) => {
  const errors = collectErrors(page);
  const references = [await noiseReport(page), await noiseReport(page)];
  await page.goto('/cy/case-review');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gwneud cais am adolygiad achos YG (Trothwy Cymunedol)');
  if (javaScriptEnabled) await expectAccessible(page);
  // Mistakes, explained in Welsh, with what was typed kept.
  await page.getByLabel('Cyfeirnodau eich adroddiadau').fill('CYM-1');
  await page.getByLabel('Sut mae\'r broblem yn effeithio arnoch chi').fill('Dydw i ddim yn cysgu o gwbl.');
  await page.getByRole('button', { name: 'Gwneud cais am adolygiad achos' }).click();
  await expect(page.getByRole('alert')).toContainText('Rhowch eich enw.');
  await expect(page.getByRole('alert')).toContainText('Mae cyfeirnodau adroddiadau yn edrych fel CYM-26-000123.');
  await expect(page.getByLabel('Sut mae\'r broblem yn effeithio arnoch chi')).toHaveValue('Dydw i ddim yn cysgu o gwbl.');
  if (javaScriptEnabled) await expectAccessible(page);
  await page.getByLabel('Cyfeirnodau eich adroddiadau').fill(references.join(', '));
  await page.getByLabel('Enw', { exact: true }).fill('Gareth');
  const address = `gareth.${Date.now()}@example.cymru`;
  await page.getByLabel('Cyfeiriad e-bost').fill(address);
  await page.getByRole('button', { name: 'Gwneud cais am adolygiad achos' }).click();
  await expect(page.getByRole('status')).toContainText(/Mae eich cais CR-\d\d-\d{4} wedi dod i law/);
  const reference = /CR-\d\d-\d{4}/.exec((await page.getByRole('status').textContent()) ?? '')![0];
  await expect.poll(() => receivedEmails().some(m => m.subject === `Eich cais am adolygiad achos YG ${reference}`), { timeout: 20_000 }).toBe(true);

  // The partnership sees it with its deadlines and decides.
  await signIn(page, 'officer@demo.cymuned.cymru');
  await page.goto('/staff/case-reviews');
  const card = page.locator('article', { hasText: reference });
  await expect(card).toContainText('acknowledge by');
  if (javaScriptEnabled) await expectAccessible(page);
  await card.getByLabel('Decision').selectOption({ label: 'Threshold not met' });
  await card.getByRole('button', { name: 'Save and tell the applicant' }).click();
  await expect(page.getByRole('status')).toContainText('Saved. The applicant has been told.');
  await signOut(page);
  await expect.poll(() => receivedEmails().some(m => m.subject === `Eich adolygiad achos YG ${reference}` && m.body.includes('nad yw eich cais')), { timeout: 20_000 }).toBe(true);

  // The published figures count it.
  await page.goto('/cy/partnerships/cardiff');
  await expect(page.getByRole('table', { name: 'Ceisiadau a chanlyniadau fesul blwyddyn' })).toBeVisible();
  if (javaScriptEnabled) await expectAccessible(page);
  expect(errors).toEqual([]);
});
