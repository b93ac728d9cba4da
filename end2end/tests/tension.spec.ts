import { test, expect, Browser, Page } from '@playwright/test';
import { collectErrors, cymuned, DEMO_PASSWORD, expectAccessible, receivedEmails, signIn, signOut } from './helpers';

/** Tension monitoring (issue 15) end to end, in the demo hub: an administrator makes a cohesion
 *  coordinator for the Gwent force area on the command line; an officer records a level-3
 *  assessment in Welsh in a Cardiff neighbourhood on the Gwent border; the tension rota's
 *  Welsh-speaking member is told in Welsh through the real SMTP server (a link, no detail); the
 *  tension map and its table show the level; the tasking agenda carries the weekly summary; and
 *  the coordinator sees the level across the partnership border, and no report. */

const OFFICER = 'officer@demo.cymuned.cymru';
const ANALYST = 'analyst@demo.cymuned.cymru';
const MANAGER = 'csp-manager@demo.cymuned.cymru';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function axe(page: Page, javaScriptEnabled: boolean) {
  if (javaScriptEnabled) await expectAccessible(page);
}

/** A signed-in page in a context of its own (JavaScript as the project has it). */
async function as(browser: Browser, javaScriptEnabled: boolean, email: string, lang: 'en' | 'cy' = 'en') {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await signIn(page, email, lang);
  return { page, errors, close: () => context.close() };
}

/** Records an assessment at `level` on the Welsh form of the neighbourhood page open in `page`. */
async function assess(page: Page, level: number, narrative: string) {
  await page.getByRole('link', { name: 'Cofnodi asesiad' }).click();
  await page.locator(`#level-${level}`).check();
  await page.getByLabel('Naratif').fill(narrative);
  await page.getByLabel('Perchennog', { exact: true }).fill(level >= 3 ? 'Arolygydd Evans' : '');
  await page.getByLabel('Yr adolygiad nesaf').fill(day(level >= 3 ? 3 : 14));
  await page.getByRole('button', { name: 'Cadw\'r asesiad' }).click();
  await expect(page.getByRole('status')).toContainText('Mae\'r asesiad wedi\'i gadw.');
}

test('a level-3 assessment in Welsh alerts the rota in Welsh, shows on the map, the agenda and across the border', async ({ browser, javaScriptEnabled }, info) => {
  // An administrator gives the Gwent force area a cohesion coordinator (regional roles are
  // given on the command line only); one account per project, as both run against one hub.
  const coordinatorEmail = `cydlynydd-gwent-${info.project.name}@enghraifft.cymru`;
  cymuned(['create-user', '--email', coordinatorEmail, '--role', 'cohesion_coordinator', '--region', 'gwent',
    '--name', 'Cydlynydd Gwent', '--language', 'cy'], `${DEMO_PASSWORD}\n`);

  // The coordinator's region, in Welsh: Cardiff's neighbourhoods on the Gwent border appear
  // across the border (outside the region: their level only). Each project takes its own.
  const coordinator = await as(browser, javaScriptEnabled, coordinatorEmail, 'cy');
  await coordinator.page.goto('/cy/staff/tension/region');
  await expect(coordinator.page.getByRole('heading', { level: 1 })).toHaveText('Tensiwn ar draws y rhanbarth');
  await axe(coordinator.page, javaScriptEnabled);
  const borders = coordinator.page.getByRole('table', { name: 'Cymdogaethau cyfagos mewn partneriaethau gwahanol' });
  const cardiffSides = borders.locator('tbody tr td:nth-child(2)').filter({ hasText: 'Caerdydd' });
  expect(await cardiffSides.count()).toBeGreaterThan(1);
  const index = info.project.name === 'with-javascript' ? 0 : 1;
  const neighbourhood = (await cardiffSides.nth(index).locator('span').first().textContent())!.trim();
  expect(neighbourhood.length).toBeGreaterThan(0);

  // The rota: the analyst reads Welsh (choosing Cymraeg while signed in sets the account's
  // language), and the manager puts them on Cardiff's rota (once: the other project finds them).
  const analyst = await as(browser, javaScriptEnabled, ANALYST);
  await analyst.page.getByRole('link', { name: 'Cymraeg' }).first().click();
  await analyst.page.waitForURL(/\/cy\//);
  await analyst.close();
  const manager = await as(browser, javaScriptEnabled, MANAGER);
  await manager.page.goto('/staff/tension/rota?csp=cardiff');
  await axe(manager.page, javaScriptEnabled);
  const onRota = manager.page.getByRole('table').filter({ hasText: ANALYST });
  if (await onRota.count() === 0) {
    await manager.page.getByLabel('Member of staff').selectOption({ label: `Demo analyst (${ANALYST})` });
    await manager.page.getByRole('button', { name: 'Add to the rota' }).click();
    await expect(manager.page.getByRole('status')).toContainText('Added to the rota.');
  }
  await expect(manager.page.getByText(ANALYST)).toBeVisible();
  expect(manager.errors).toEqual([]);
  await manager.close();

  // The officer, in Welsh, brings the neighbourhood to level 1 and then to level 3.
  const officer = await as(browser, javaScriptEnabled, OFFICER, 'cy');
  const page = officer.page;
  await page.goto('/cy/staff/tension?csp=cardiff');
  await page.getByRole('link', { name: neighbourhood, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(neighbourhood);
  await assess(page, 1, 'Tawel ar y cyfan; ychydig o sticeri ger yr orsaf.');
  const alerts = () => receivedEmails().filter(m => m.to.includes(ANALYST) && m.subject.startsWith('Rhybudd tensiwn'));
  const before = alerts().length;
  await assess(page, 3, 'Tensiwn yn codi ar ôl yr orymdaith: negeseuon ar-lein yn targedu\'r gymuned.');
  await axe(page, javaScriptEnabled);
  const slug = new URL(page.url()).pathname.split('/').filter(Boolean)[3];

  // The rota member is told in Welsh, through the SMTP server: a link into the hub, no detail.
  await expect.poll(() => alerts().length, { timeout: 20_000 }).toBe(before + 1);
  // Every alert links to the partnership's tension page, never to the neighbourhood's.
  for (const m of alerts()) expect(m.body).not.toContain(slug);
  const alert = alerts().find(m => m.body.includes('/cy/staff/tension'));
  expect(alert, 'an alert linking into the hub').toBeTruthy();
  expect(alert!.subject).toBe('Rhybudd tensiwn: Partneriaeth Diogelwch Cymunedol Caerdydd');
  for (const detail of [neighbourhood, 'orymdaith', 'Evans', 'Uchel']) expect(alert!.body).not.toContain(detail);

  // The map and its table, in Welsh and in English.
  await page.goto('/cy/staff/tension?csp=cardiff');
  const map = page.getByRole('img', { name: /Map tensiwn/ });
  await expect(map).toBeVisible();
  await expect(map.locator('title', { hasText: neighbourhood }).first()).toBeAttached();
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: neighbourhood, exact: true }) });
  await expect(row).toContainText('3 Uchel');
  await axe(page, javaScriptEnabled);
  await page.goto('/staff/tension?csp=cardiff');
  await expect(page.getByRole('img', { name: /Tension map of/ })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: '3 High' }).first()).toBeVisible();
  await axe(page, javaScriptEnabled);

  // The tasking agenda carries the weekly summary, which lists the neighbourhood.
  await page.goto('/cy/staff/tasking?csp=cardiff');
  await expect(page.getByRole('heading', { name: 'Tensiwn cymunedol' })).toBeVisible();
  await axe(page, javaScriptEnabled);
  await page.getByRole('link', { name: /Crynodeb wythnosol o densiwn cymunedol, wythnos yn dechrau/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Crynodeb wythnosol o densiwn cymunedol');
  await expect(page.getByText(neighbourhood).first()).toBeVisible();
  await axe(page, javaScriptEnabled);
  await page.goto('/staff/tension/summary?csp=cardiff');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('weekly community tension summary');
  await axe(page, javaScriptEnabled);
  expect(officer.errors).toEqual([]);
  await signOut(page, 'en');
  await officer.close();

  // The coordinator sees the new level across the border, and no report.
  await coordinator.page.reload();
  const side = coordinator.page.getByRole('table', { name: 'Cymdogaethau cyfagos mewn partneriaethau gwahanol' })
    .locator('tbody tr td:nth-child(2)').filter({ hasText: neighbourhood }).first();
  await expect(side).toContainText('3 Uchel');
  await expect(coordinator.page.locator('body')).not.toContainText(/CYM-\d\d-\d{6}/);
  await axe(coordinator.page, javaScriptEnabled);
  expect(coordinator.errors).toEqual([]);
  // The reports are not theirs (the browser logs the refusal, so after the check above).
  const reports = await coordinator.page.goto('/staff/reports');
  expect([403, 404]).toContain(reports!.status());
  await coordinator.close();
});
