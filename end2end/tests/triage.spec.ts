import { test, expect, Page } from '@playwright/test';
import { collectErrors, expectAccessible, receivedEmails, signIn, signOut } from './helpers';

/** A Welsh-speaking resident reports drug dealing, with contact details; returns (reference, tracking path). */
async function welshReport(page: Page): Promise<[string, string]> {
  await page.goto('/cy/report?area=W06000015');
  await page.getByLabel('Am beth rydych chi\'n rhoi gwybod').selectOption({ label: 'Gwerthu neu ddefnyddio cyffuriau' });
  await page.getByLabel('Ward', { exact: true }).selectOption({ label: 'Adamsdown' });
  await page.getByLabel('Mae\'n dal i ddigwydd').check();
  await page.getByLabel('Beth ddigwyddodd').fill('Gwerthu cyffuriau o\'r fflat uwchben y siop bob nos. Nia Puw ydw i.');
  await page.getByLabel('Rhoi fy manylion er mwyn i\'r bartneriaeth allu cysylltu â mi').check();
  await page.getByLabel('Enw', { exact: true }).fill('Nia Puw');
  await page.getByLabel('Cyfeiriad e-bost').fill(`nia.${Date.now()}@example.cymru`);
  await page.getByLabel('Caiff y bartneriaeth gysylltu â mi am yr adroddiad hwn').check();
  await page.getByRole('button', { name: 'Anfon adroddiad' }).click();
  await expect(page).toHaveURL(/\/cy\/track\//);
  const reference = /CYM-\d\d-\d{6}/.exec((await page.getByRole('status').textContent()) ?? '')![0];
  return [reference, new URL(page.url()).pathname];
}

test('an officer triages a Welsh resident\'s report; a partner sees only the sanitised item', async ({ page, javaScriptEnabled }) => {
  const errors = collectErrors(page);
  const [reference, tracking] = await welshReport(page);

  // The officer finds it in the queue and opens it.
  await signIn(page, 'officer@demo.cymuned.cymru');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Intake queue' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Intake queue');
  if (javaScriptEnabled) await expectAccessible(page);
  // As the resident would read it out on the phone.
  await page.getByLabel('Find a report by its reference').fill(reference.toLowerCase().replace(/-/g, ' '));
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await expect(page.getByRole('status')).toContainText(`Report ${reference} is shown below, whatever its status.`);
  if (javaScriptEnabled) await expectAccessible(page);
  await page.getByRole('link', { name: reference }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Report ${reference}`);
  await expect(page.getByText('@example.cymru')).toHaveCount(0);
  if (javaScriptEnabled) await expectAccessible(page);
  // Contact details only on purpose, and the view is audited.
  await page.getByRole('button', { name: 'Show contact details' }).click();
  await expect(page.getByText('This view has been recorded in the audit log.')).toBeVisible();
  await expect(page.locator('dl').nth(1)).toContainText('Nia Puw');

  // Grade and sanitise: the draft summary has the resident's name taken out.
  const summary = page.getByLabel('Sanitised summary');
  await expect(summary).not.toHaveValue(/Nia Puw/);
  // A summary naming the resident is refused; what was typed and chosen comes back to correct.
  await summary.fill('Nia Puw says drug dealing from the flat above the shop, most nights.');
  await page.getByLabel('2 untested').check();
  await page.getByLabel('B known indirectly, corroborated').check();
  await page.getByLabel('P lawful sharing permitted').check();
  await page.getByRole('button', { name: 'Save grade and summary' }).click();
  await expect(page.getByRole('alert')).toContainText("still contains the resident's name");
  await expect(summary).toHaveValue('Nia Puw says drug dealing from the flat above the shop, most nights.');
  await expect(page.getByLabel('B known indirectly, corroborated')).toBeChecked();
  if (javaScriptEnabled) await expectAccessible(page);
  await summary.fill(`Drug dealing from the flat above the shop, most nights (${reference}).`);
  await page.getByRole('button', { name: 'Save grade and summary' }).click();
  await expect(page.getByRole('status')).toContainText('The intelligence item is saved.');

  // Tell the resident: the standard wording, in Welsh.
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Action planned' });
  await page.getByRole('button', { name: 'Send update' }).click();
  await expect(page.getByRole('status')).toContainText('Update sent to the resident.');
  await signOut(page);

  // The resident sees it on their tracking page, and by email (real SMTP server), in Welsh.
  await page.goto(tracking);
  await expect(page.getByText('Mae camau wedi\'u cynllunio mewn ymateb i\'ch adroddiad.')).toBeVisible();
  await expect.poll(() => receivedEmails().some(m => m.subject === `Diweddariad ar eich adroddiad ${reference}`), { timeout: 20_000 }).toBe(true);
  const email = receivedEmails().find(m => m.subject === `Diweddariad ar eich adroddiad ${reference}`)!;
  expect(email.body).toContain('Mae camau wedi\'u cynllunio');

  // A partner (the fire service) sees the sanitised item, never the resident.
  await signIn(page, 'partner@demo.cymuned.cymru');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Intelligence' }).click();
  await expect(page.getByText(`Drug dealing from the flat above the shop, most nights (${reference}).`)).toBeVisible();
  await expect(page.getByText(/Nia Puw|Gwerthu cyffuriau/)).toHaveCount(0);
  if (javaScriptEnabled) await expectAccessible(page);
  expect(errors).toEqual([]);
  // The report itself is not the partner's to read: "not found", as for a report that does not exist.
  const notFound = page.waitForResponse(r => r.url().endsWith(`/staff/reports/${reference}`));
  await page.goto(`/staff/reports/${reference}`);
  expect((await notFound).status()).toBe(404);
  await expect(page.getByRole('alert')).toContainText('We could not find that.');
  await signOut(page);

  // The manager can show who looked at whose contact details.
  await signIn(page, 'csp-manager@demo.cymuned.cymru');
  await page.goto('/staff/audit');
  const row = page.getByRole('row', { name: new RegExp(`Reporter's contact details viewed.*${reference}`) });
  await expect(row.first()).toContainText('officer@demo.cymuned.cymru');
  await signOut(page);
  expect(errors.filter(e => !e.includes(`/staff/reports/${reference}`))).toEqual([]);
});

test('two officers at once: the second is told, nothing is overwritten and nothing typed is lost', async ({ browser, javaScriptEnabled }) => {
  const resident = await browser.newPage();
  const [reference] = await welshReport(resident);
  const first = await browser.newPage();
  const second = await (await browser.newContext()).newPage();
  for (const p of [first, second]) {
    await signIn(p, 'officer@demo.cymuned.cymru');
    await p.goto(`/staff/reports/${reference}`);
  }
  await first.getByLabel('Sanitised summary').fill('Dealing from a flat, first officer.');
  await first.getByLabel('1 reliable').check();
  await first.getByLabel('A known directly to the source').check();
  await first.getByLabel('P lawful sharing permitted').check();
  await first.getByRole('button', { name: 'Save grade and summary' }).click();
  await expect(first.getByRole('status')).toContainText('The intelligence item is saved.');
  await second.getByLabel('Sanitised summary').fill('Second officer overwrites.');
  await second.getByLabel('3 not reliable').check();
  await second.getByLabel('E suspected to be false or malicious').check();
  await second.getByLabel('P lawful sharing permitted').check();
  await second.getByRole('button', { name: 'Save grade and summary' }).click();
  // Nothing overwritten, and nothing typed lost: the second officer's form comes back as typed,
  // with a way to see what the first saved.
  await expect(second.getByRole('alert')).toContainText('Someone else saved a change here while you were working');
  await expect(second.getByLabel('Sanitised summary')).toHaveValue('Second officer overwrites.');
  await expect(second.getByLabel('3 not reliable')).toBeChecked();
  const savedNow = second.getByRole('link', { name: 'See what is saved now (opens in a new tab)' });
  await expect(savedNow).toHaveAttribute('target', '_blank');
  await expect(savedNow).toHaveAttribute('href', `/staff/reports/${reference}`);
  if (javaScriptEnabled) await expectAccessible(second);
  await first.reload();
  await expect(first.getByLabel('Sanitised summary')).toHaveValue('Dealing from a flat, first officer.');
  // Having compared, the second officer saves again on purpose.
  await second.getByLabel('Sanitised summary').fill('Dealing from a flat, both officers agree.');
  await second.getByRole('button', { name: 'Save grade and summary' }).click();
  await expect(second.getByRole('status')).toContainText('The intelligence item is saved.');
  await expect(second.getByLabel('Sanitised summary')).toHaveValue('Dealing from a flat, both officers agree.');
});
