import { test, expect, devices, Browser, Page, TestInfo } from '@playwright/test';
import { collectErrors, expectAccessible, receivedEmails, signIn, signOut } from './helpers';

/** Engagement (issue 13) end to end, in the demo hub: a bilingual survey built and published,
 *  answered by residents, entered by staff, its results suppressed, and what residents said
 *  turned into priorities and intelligence. Both projects run against one hub, so every campaign
 *  has a title of its own (the test, the project and the time). */

const LEAD = 'engagement-lead@demo.cymuned.cymru';

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** The outcome of a form, said in a status message (a campaign page may hold others: overlaps). */
async function said(page: Page, words: string) {
  await expect(page.getByRole('status').filter({ hasText: words })).toBeVisible();
}

/** A title no other test or project uses. */
function unique(words: string, info: TestInfo): string {
  return `${words} ${info.project.name === 'with-javascript' ? 'JS' : 'HTML'} ${Date.now()}`;
}

/** What a survey asks: one choice (required), then free text. */
export const SURVEY = {
  q1: { en: 'Do you feel safe in your street after dark?', cy: 'Ydych chi\'n teimlo\'n ddiogel yn eich stryd ar ôl iddi nosi?' },
  yes: { en: 'Yes', cy: 'Ydw' },
  no: { en: 'No', cy: 'Nac ydw' },
  q2: { en: 'What would make your street safer?', cy: 'Beth fyddai\'n gwneud eich stryd yn fwy diogel?' },
};

export interface Campaign { id: string; slug: string; title: string; titleCy: string }

/** As the signed-in engagement lead: plans a campaign in Adamsdown (online survey and street
 *  briefing), builds the bilingual survey, publishes it and opens the campaign. Checks every
 *  page with axe when `check` (and JavaScript runs: axe needs it). */
async function publishedCampaign(page: Page, title: string, check: boolean, kin = false): Promise<Campaign> {
  const axe = async () => { if (check) await expectAccessible(page); };
  const titleCy = `Diogelwch y stryd ${title.replace(/^\D+/, '')}`;
  await page.goto('/staff/engagement');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Engagement campaigns');
  await axe();
  const plan = page.locator('form', { has: page.getByRole('button', { name: 'Plan the campaign' }) });
  await plan.getByLabel('Title in English').fill(title);
  await plan.getByLabel('Title in Welsh').fill(titleCy);
  await plan.getByLabel('Purpose in English').fill('To hear how safe residents feel in their street.');
  await plan.getByLabel('Purpose in Welsh').fill('Clywed pa mor ddiogel mae trigolion yn teimlo yn eu stryd.');
  await plan.getByRole('group', { name: 'Neighbourhoods' }).getByLabel('Adamsdown', { exact: true }).check();
  const channels = plan.getByRole('group', { name: 'Channels' });
  if (kin) {
    await channels.getByLabel('Key Individual Network questionnaire').check();
  } else {
    await channels.getByLabel('Online survey').check();
    await channels.getByLabel('Street briefing').check();
  }
  await plan.getByLabel('First day').fill(inDays(0));
  await plan.getByLabel('Last day').fill(inDays(30));
  await plan.getByLabel('One response per person').selectOption(kin ? 'one_per_link' : 'open');
  await plan.getByLabel('Results published by').fill(inDays(60));
  await plan.getByRole('button', { name: 'Plan the campaign' }).click();
  await said(page, 'The campaign is planned.');
  const id = /\/staff\/engagement\/(\d+)/.exec(page.url())![1];
  await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
  const slug = /\/have-your-say\/([a-z0-9-]+)/.exec((await page.locator('code', { hasText: '/have-your-say/' }).textContent()) ?? '')![1];
  await axe();

  // The builder: an empty survey, a one-choice question and a free-text one, in both languages.
  await page.getByRole('link', { name: 'Build the survey' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Survey: ${title}`);
  await axe();
  await page.getByRole('button', { name: 'Start an empty survey' }).click();
  await said(page, 'The survey is started.');
  const add = page.locator('form', { has: page.locator('#add-kind') });
  await add.getByLabel('Type of question').selectOption({ label: 'One choice' });
  await add.getByLabel('The question in English').fill(SURVEY.q1.en);
  await add.getByLabel('The question in Welsh').fill(SURVEY.q1.cy);
  await add.getByRole('button', { name: 'Add the question' }).click();
  await said(page, 'The survey\'s draft is saved.');
  const q1 = page.locator('form#question-q1');
  await q1.getByLabel('Option 1 in English').fill(SURVEY.yes.en);
  await q1.getByLabel('Option 1 in Welsh').fill(SURVEY.yes.cy);
  await q1.getByLabel('Option 2 in English').fill(SURVEY.no.en);
  await q1.getByLabel('Option 2 in Welsh').fill(SURVEY.no.cy);
  await q1.getByLabel('An answer is required').check();
  await q1.getByRole('button', { name: 'Save the question' }).click();
  await said(page, 'The survey\'s draft is saved.');
  await add.getByLabel('Type of question').selectOption({ label: 'Free text' });
  await add.getByLabel('The question in English').fill(SURVEY.q2.en);
  await add.getByLabel('The question in Welsh').fill(SURVEY.q2.cy);
  await add.getByRole('button', { name: 'Add the question' }).click();
  await said(page, 'The survey\'s draft is saved.');
  await expect(page.getByText('Nothing stops the draft being published.')).toBeVisible();
  await axe();

  // The Welsh preview, as residents will see it.
  await page.getByRole('link', { name: 'in Welsh' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Survey preview');
  const preview = page.locator('.survey-preview[lang="cy"]');
  await expect(preview.getByRole('heading', { name: titleCy })).toBeVisible();
  await expect(preview.getByRole('group', { name: SURVEY.q1.cy })).toBeVisible();
  await expect(preview.getByLabel(SURVEY.no.cy, { exact: true })).toBeDisabled();
  await axe();
  await page.goto(`/staff/engagement/${id}/survey`);

  await page.getByRole('button', { name: 'Publish the draft' }).click();
  await said(page, 'The survey is published as a new version.');
  await expect(page.getByRole('link', { name: /^Version 1, published/ })).toBeVisible();
  await axe();

  // Open for responses.
  await page.goto(`/staff/engagement/${id}`);
  await page.getByRole('button', { name: 'Open the campaign' }).click();
  await said(page, 'The campaign\'s status is changed.');
  await expect(page.getByText('This campaign is Open for responses.')).toBeVisible();
  await axe();
  return { id, slug, title, titleCy };
}

test('a bilingual survey is built, previewed in Welsh and published, and the campaign opened', async ({ page, javaScriptEnabled }, info) => {
  const errors = collectErrors(page);
  await signIn(page, LEAD);
  const campaign = await publishedCampaign(page, unique('Feeling safe after dark', info), javaScriptEnabled);
  // The campaign is on the list and the partnership calendar.
  await page.goto('/staff/engagement');
  await expect(page.getByRole('row', { name: new RegExp(campaign.title) }).first()).toContainText('Open for responses');
  const calendar = page.getByRole('table', { name: /^Campaigns by neighbourhood/ });
  await expect(calendar.getByRole('row', { name: /Adamsdown/ }).getByRole('link', { name: campaign.title }).first()).toBeVisible();
  // The Welsh campaign page names it in Welsh.
  await page.goto(`/cy/staff/engagement/${campaign.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(campaign.titleCy);
  if (javaScriptEnabled) await expectAccessible(page);
  await signOut(page, 'cy');
  expect(errors).toEqual([]);
});
