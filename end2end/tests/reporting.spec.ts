import { test, expect, Page } from '@playwright/test';
import { collectErrors, expectAccessible, settle } from './helpers';

async function chooseCardiff(page: Page, lang: 'en' | 'cy') {
  await page.goto(lang === 'cy' ? '/cy/report' : '/report');
  await page.getByRole('link', { name: lang === 'cy' ? 'Caerdydd' : 'Cardiff', exact: true }).click();
  await expect(page.getByLabel(lang === 'cy' ? 'Ward' : 'Ward', { exact: true })).toBeVisible();
}

test('a resident reports anonymously in English and follows it', async ({ page }) => {
  const errors = collectErrors(page);
  await chooseCardiff(page, 'en');
  await page.getByLabel('What you are reporting').selectOption({ label: 'Fly-tipping' });
  await page.getByLabel('Ward', { exact: true }).selectOption({ label: 'Cathays' });
  await page.getByLabel('Describe the place (optional)').fill('Lane behind Salisbury Road');
  await page.getByLabel('It is still happening').check();
  await page.getByLabel('What happened').fill('Bags of rubbish and an old mattress dumped in the lane.');
  // A 1×1 PNG, as a phone's photo stand-in.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  await page.getByLabel('Photos (optional)').setInputFiles({ name: 'lane.png', mimeType: 'image/png', buffer: png });
  await page.getByRole('button', { name: 'Send report' }).click();
  await expect(page).toHaveURL(/\/track\/[0-9a-f]{64}\?new=1$/);
  await expect(page.locator('dl')).toContainText('1 photo');
  await expect(page.getByRole('status')).toContainText(/Your reference is CYM-\d\d-\d{6}/);
  await expect(page.getByText('Received').first()).toBeVisible();
  await expect(page.getByText('Lane behind Salisbury Road')).toBeVisible();
  expect(errors).toEqual([]);
});

test('mistakes are explained in Welsh and nothing typed is lost', async ({ page, javaScriptEnabled }) => {
  await chooseCardiff(page, 'cy');
  await page.getByLabel('Beth ddigwyddodd').fill('Cerddoriaeth uchel bob nos ar ôl hanner nos.');
  await page.getByLabel('Rhoi fy manylion er mwyn i\'r bartneriaeth allu cysylltu â mi').check();
  await page.getByRole('button', { name: 'Anfon adroddiad' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Mae problem');
  await expect(summary).toContainText('Dewiswch am beth rydych chi\'n rhoi gwybod.');
  await expect(summary).toContainText('Rhowch gyfeiriad e-bost neu rif ffôn');
  await expect(page.getByLabel('Beth ddigwyddodd')).toHaveValue('Cerddoriaeth uchel bob nos ar ôl hanner nos.');
  if (javaScriptEnabled) await expectAccessible(page);
  // Correct it and send.
  await page.getByLabel('Am beth rydych chi\'n rhoi gwybod').selectOption({ label: 'Sŵn' });
  await page.getByLabel('Ward', { exact: true }).selectOption({ label: 'Cathays' });
  await page.getByLabel('Mae\'n dal i ddigwydd').check();
  await page.getByLabel('Cyfeiriad e-bost').fill('sian@example.cymru');
  await page.getByRole('button', { name: 'Anfon adroddiad' }).click();
  await expect(page).toHaveURL(/\/cy\/track\//);
  await expect(page.getByRole('status')).toContainText('Eich cyfeirnod yw CYM-');
});

test('the quick exit leaves without JavaScript', async ({ page }) => {
  await page.goto('/report');
  const exit = page.getByRole('link', { name: 'Leave this site quickly' });
  await expect(exit).toHaveAttribute('href', /^https:\/\//);
  await expect(exit).toHaveAttribute('rel', /noreferrer/);
});

test('axe finds nothing on the reporting pages', async ({ page, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, 'axe-core needs JavaScript in the page');
  for (const path of ['/report', '/cy/report', '/report?area=W06000015', '/cy/report?area=W06000015']) {
    await page.goto(path);
    await settle(page);
    await expectAccessible(page);
  }
  await chooseCardiff(page, 'en');
  await page.getByLabel('What you are reporting').selectOption({ label: 'Graffiti' });
  await page.getByLabel('Ward', { exact: true }).selectOption({ label: 'Adamsdown' });
  await page.getByLabel('It is still happening').check();
  await page.getByLabel('What happened').fill('Graffiti sprayed across the community centre doors.');
  await page.getByRole('button', { name: 'Send report' }).click();
  await expect(page).toHaveURL(/\/track\//);
  await expectAccessible(page);
  await page.goto(page.url().replace('/track/', '/cy/track/'));
  await expectAccessible(page);
});

test('"use my location" routes the report (a fake position in Cathays)', async ({ page, context, javaScriptEnabled }) => {
  await chooseCardiff(page, 'en');
  const button = page.getByRole('button', { name: 'Use my location' });
  if (!javaScriptEnabled) {
    await expect(button).toBeHidden();
    return;
  }
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation({ latitude: 51.4886, longitude: -3.1815 });
  await button.click();
  await expect(page.getByText(/Found: Cathays, Cardiff CSP/)).toBeVisible();
  await page.getByLabel('What you are reporting').selectOption({ label: 'Litter' });
  await page.getByLabel('It is still happening').check();
  await page.getByLabel('What happened').fill('Litter blowing all over the park from split bin bags.');
  await page.getByRole('button', { name: 'Send report' }).click();
  await expect(page).toHaveURL(/\/track\//);
  await expect(page.locator('dl')).toContainText('Cathays');
});
