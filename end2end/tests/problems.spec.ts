import { test, expect, Page } from '@playwright/test';
import { collectErrors, expectAccessible, receivedEmails, signIn, signOut } from './helpers';

/** A Welsh-speaking resident reports drug dealing in Adamsdown and agrees to be contacted. */
async function welshReport(page: Page): Promise<string> {
  await page.goto('/cy/report?area=W06000015');
  await page.getByLabel('Am beth rydych chi\'n rhoi gwybod').selectOption({ label: 'Gwerthu neu ddefnyddio cyffuriau' });
  await page.getByLabel('Ward', { exact: true }).selectOption({ label: 'Adamsdown' });
  await page.getByLabel('Mae\'n dal i ddigwydd').check();
  await page.getByLabel('Beth ddigwyddodd').fill('Pobl yn gwerthu cyffuriau wrth y tŷ gwag ar y gornel bob nos.');
  await page.getByLabel('Rhoi fy manylion er mwyn i\'r bartneriaeth allu cysylltu â mi').check();
  await page.getByLabel('Enw', { exact: true }).fill('Elin Wyn');
  await page.getByLabel('Cyfeiriad e-bost').fill(`elin.${Date.now()}@example.cymru`);
  await page.getByLabel('Caiff y bartneriaeth gysylltu â mi am yr adroddiad hwn').check();
  await page.getByRole('button', { name: 'Anfon adroddiad' }).click();
  await expect(page).toHaveURL(/\/cy\/track\//);
  return /CYM-\d\d-\d{6}/.exec((await page.getByRole('status').textContent()) ?? '')![0];
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

test('SARA from intelligence to a closed profile, the Welsh resident told what was done', async ({ page, javaScriptEnabled }) => {
  const errors = collectErrors(page);
  const reference = await welshReport(page);

  // An officer grades the report into an intelligence item.
  await signIn(page, 'officer@demo.cymuned.cymru');
  await page.goto(`/staff/reports/${reference}`);
  await page.getByLabel('Sanitised summary').fill('Drug dealing by the empty house on the corner, every night.');
  await page.getByLabel('2 untested').check();
  await page.getByLabel('B known indirectly, corroborated').check();
  await page.getByLabel('P lawful sharing permitted').check();
  await page.getByRole('button', { name: 'Save grade and summary' }).click();
  await expect(page.getByRole('status')).toContainText('The intelligence item is saved.');
  await signOut(page);

  // The analyst opens a profile.
  await signIn(page, 'analyst@demo.cymuned.cymru');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Problems' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Problem solving');
  if (javaScriptEnabled) await expectAccessible(page);
  const title = `Dealing by the empty house ${Date.now()}`;
  await page.getByLabel('Title').fill(title);
  await page.getByRole('group', { name: 'Neighbourhoods' }).getByLabel('Adamsdown', { exact: true }).check();
  await page.getByRole('group', { name: 'Report categories' }).getByLabel('Drug dealing or drug use').check();
  await page.getByLabel('Priority').selectOption({ label: 'High' });
  await page.getByRole('button', { name: 'Open the profile' }).click();
  await expect(page.getByRole('status')).toContainText('The profile is open.');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(title);

  // Scanning: link the intelligence item.
  await page.getByLabel('Report reference of a graded item').fill(reference);
  await page.getByRole('button', { name: 'Link the item' }).click();
  await expect(page.getByText('Drug dealing by the empty house on the corner, every night.').first()).toBeVisible();

  // Analysis: the problem analysis triangle.
  await page.getByText('Change the analysis').click();
  await page.getByLabel('Place', { exact: true }).fill('Empty house on the corner, no lighting');
  await page.getByLabel('Place manager').fill('Housing association that owns the house');
  await page.getByLabel('Hypothesis').fill('The empty, unlit house gives dealers cover.');
  await page.locator('form', { has: page.getByLabel('Hypothesis') }).getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toContainText('Saved.');
  await expect(page.getByText('The empty, unlit house gives dealers cover.', { exact: true }).first()).toBeVisible();

  // Response: an action, and the stage.
  await page.getByLabel('Action', { exact: true }).fill('Board up and light the empty house');
  await page.getByLabel('Person responsible').fill('Estates team');
  await page.getByRole('button', { name: 'Add an action' }).click();
  await expect(page.getByRole('cell', { name: 'Board up and light the empty house' })).toBeVisible();
  await page.getByLabel('Stage', { exact: true }).selectOption({ label: 'Response' });
  await page.getByRole('button', { name: 'Move the profile' }).click();
  await expect(page.getByText(/The response started on/)).toBeVisible();
  await page.getByText('Update "Board up and light the empty house"').click();
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Done' });
  await page.locator('form', { has: page.locator('select[name=status]') }).getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('1 of 1 action done.')).toBeVisible();

  // Assessment: the response started 60 days ago; 28 days either side are over, so the hub computes it.
  await page.getByText('Change the response start, the window or the process review').click();
  await page.getByLabel('Day the response started').fill(daysAgo(60));
  await page.getByLabel('Days compared before and after').selectOption({ label: '28 days' });
  await page.getByLabel(/Process review/).fill('The house was boarded up and lit as planned.');
  await page.locator('form', { has: page.getByLabel('Day the response started') }).getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toContainText('Saved.');
  await page.getByLabel('Stage', { exact: true }).selectOption({ label: 'Assessment' });
  await page.getByRole('button', { name: 'Move the profile' }).click();
  await expect(page.getByRole('table', { name: 'Reports of the profile\'s categories before and after the response' })).toBeVisible();
  if (javaScriptEnabled) await expectAccessible(page);

  // Close: the "you said, we did" drafts are offered in both languages.
  await expect(page.getByLabel('What residents are told, in Welsh')).toHaveValue(/Dywedoch chi/);
  await page.getByLabel('Close: the problem is solved or reduced enough').check();
  await page.getByLabel('What residents are told, in Welsh').fill('Cafodd y tŷ gwag ei gau a’i oleuo, ac mae’r delio wedi dod i ben.');
  await page.getByRole('button', { name: 'Record the decision' }).click();
  await expect(page.getByRole('status')).toContainText('The profile is closed');
  await expect(page.getByText('Decision recorded')).toBeVisible();
  if (javaScriptEnabled) await expectAccessible(page);
  await signOut(page);

  // The resident hears, once and in Welsh.
  const subject = `Beth a wnaed am y broblem a adroddwyd gennych (${reference})`;
  await expect.poll(() => receivedEmails().filter(m => m.subject === subject).length, { timeout: 20_000 }).toBe(1);
  expect(receivedEmails().find(m => m.subject === subject)!.body).toContain('Cafodd y tŷ gwag ei gau');
  expect(errors).toEqual([]);
});

test('the Welsh problem pages are in Welsh and accessible', async ({ page, javaScriptEnabled }) => {
  await signIn(page, 'analyst@demo.cymuned.cymru', 'cy');
  await page.goto('/cy/staff/problems');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Datrys problemau');
  await expect(page.getByRole('heading', { name: 'Problemau a awgrymir' })).toBeVisible();
  if (javaScriptEnabled) await expectAccessible(page);
  const first = page.getByRole('table').getByRole('link').first();
  if (await first.count()) {
    await first.click();
    await expect(page.getByRole('heading', { name: 'Triongl dadansoddi problemau' })).toBeVisible();
    if (javaScriptEnabled) await expectAccessible(page);
  }
});

test('a tasking meeting is recorded, the control strategy set, and a strategic assessment drafted and published', async ({ page, javaScriptEnabled }) => {
  const errors = collectErrors(page);
  await signIn(page, 'csp-manager@demo.cymuned.cymru');
  await page.goto('/staff/problems');
  await page.getByRole('link', { name: 'Tasking meeting' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tasking meeting');
  await expect(page.getByRole('heading', { name: '3. Overdue actions' })).toBeVisible();
  if (javaScriptEnabled) await expectAccessible(page);
  const decision = `Joint patrols agreed ${Date.now()}`;
  await page.getByLabel('Attendees').fill('CSP manager, police inspector, housing officer');
  await page.getByLabel('Decisions').fill(decision);
  await page.getByRole('button', { name: 'Save the record' }).click();
  await expect(page.getByRole('status')).toContainText('Saved.');
  await expect(page.getByText(decision).first()).toBeVisible();

  await page.goto('/staff/control-strategy');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Control strategy');
  const priority = `Night-time economy ${Date.now()}`;
  await page.getByLabel('Heading').selectOption({ label: 'Reassurance' });
  await page.getByLabel('Priority', { exact: true }).fill(priority);
  await page.getByRole('button', { name: 'Add a priority' }).click();
  await expect(page.getByRole('heading', { name: priority })).toBeVisible();
  if (javaScriptEnabled) await expectAccessible(page);

  await page.goto('/staff/strategic-assessments');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Strategic assessments');
  if (javaScriptEnabled) await expectAccessible(page);
  await page.getByRole('button', { name: 'Draft it from the data' }).click();
  await expect(page.getByRole('status')).toContainText('The hub has drafted the assessment.');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Strategic assessment Q');
  await expect(page.getByLabel('Top problems and their trend')).toHaveValue(/reports/);
  await expect(page.getByRole('table', { name: 'Reports by kind of problem' })).toBeVisible();
  if (javaScriptEnabled) await expectAccessible(page);
  await page.getByLabel('Summary').fill('A quieter quarter overall; drugs in the city centre need a profile.');
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('status')).toContainText('Published.');
  await expect(page.getByText(/Version \d+, published/)).toBeVisible();
  await expect(page.getByText('A quieter quarter overall; drugs in the city centre need a profile.')).toBeVisible();
  if (javaScriptEnabled) await expectAccessible(page);
  expect(errors).toEqual([]);
});
