/**
 * The dashboard end to end, in headless Chromium (Debian's `chromium`, driven by playwright-core) against a
 * real `openchecker up` process and real git repositories: sign in, submit checks through the form, watch a
 * task go from queued to succeeded without reloading, read its results, see a failed task's error, filter the
 * list, the agents page. Screenshots of the main views are saved to dashboard/test/screenshots/ (gitignored).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { packageRoot } from '../../src/lib/paths.js';
import { makeRepo, type FixtureRepo } from '../../test/support/fixtures.js';
import { TEST_USER, startGatedGitServer, startUp, waitFor, type GatedGitServer, type UpProcess } from '../../test/support/servers.js';

const CHROMIUM = process.env.OPENCHECKER_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
const SCREENSHOTS = join(packageRoot(), 'dashboard', 'test', 'screenshots');
const skip = existsSync(CHROMIUM) ? false : `Chromium not found at ${CHROMIUM} (install the Debian package "chromium")`;

/** 1×1 PNG: binary content the binary-checker must report. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

const MIT_LICENSE = `MIT License

Copyright (c) 2026 Demo

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`;

const WORKFLOW = `name: ci
on: [pull_request_target]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: snyk/actions/node@master
      - run: echo "\${{ github.event.issue.title }}"
`;

interface CommandInfo {
  name: string;
  available: boolean;
}

async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** The card of one command's result on the task page. */
function resultCard(page: Page, command: string) {
  return page.locator('section.result').filter({ has: page.locator('h2', { hasText: command }) });
}

describe('dashboard in headless Chromium', { skip }, () => {
  let work: string;
  let demo: FixtureRepo;
  let slow: FixtureRepo;
  let gitServer: GatedGitServer;
  let up: UpProcess;
  let browser: Browser;
  let page: Page;
  let available: Set<string>;
  let demoTaskId = '';
  const pageErrors: string[] = [];

  before(async () => {
    assert.ok(existsSync(join(packageRoot(), 'dist', 'dashboard', 'public', 'index.html')), 'the dashboard is not built: run `npm run build`');
    await mkdir(SCREENSHOTS, { recursive: true });
    work = await mkdtemp(join(tmpdir(), 'oc-dashboard-'));
    demo = await makeRepo(
      {
        'README.md': '# Demo\n',
        'LICENSE': MIT_LICENSE,
        'assets/logo.png': PNG,
        'src/index.js': 'export const answer = 42;\nexport function double(n) {\n  return n * 2;\n}\n',
        'tools/report.py': 'import sys\n\n\ndef main():\n    print(sys.argv)\n\n\nif __name__ == "__main__":\n    main()\n',
        'web/style.css': 'body {\n  margin: 0;\n}\n',
        'scripts/check.sh': '#!/bin/sh\nset -eu\necho ok\n',
        'package.json': '{"name": "demo", "version": "1.0.0", "license": "MIT", "dependencies": {"left-pad": "^1.3.0"}}\n',
        '.github/dependabot.yml': 'version: 2\nupdates: []\n',
        '.github/workflows/ci.yml': WORKFLOW,
      },
      { git: true, name: 'demo' },
    );
    // A repository behind a git server that holds its answers: the one agent stays busy cloning it, so the next
    // task is seen waiting in the queue.
    slow = await makeRepo({ 'README.md': '# Slow\n' }, { git: true, name: 'slow' });
    const bare = join(work, 'slow.git');
    execFileSync('git', ['clone', '--quiet', '--bare', slow.dir, bare]);
    execFileSync('git', ['-C', bare, 'update-server-info']);
    gitServer = await startGatedGitServer(bare);
    up = await startUp({ dataDir: join(work, 'data'), cwd: work, agents: 1 });
    const commands = (await (await fetch(`${up.url}/commands`)).json()) as { commands: CommandInfo[] };
    available = new Set(commands.commands.filter((c) => c.available).map((c) => c.name));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (err) => pageErrors.push(err.message));
  });

  after(async () => {
    await browser?.close();
    gitServer?.open();
    await up?.stop();
    await gitServer?.close();
    await demo?.cleanup();
    await slow?.cleanup();
    if (work) await rm(work, { recursive: true, force: true });
    console.log(`# dashboard screenshots: ${SCREENSHOTS}`);
  });

  test('the first page loads fast and a wrong password gets a clear message', async (t) => {
    const started = Date.now();
    await page.goto(up.url);
    await page.getByLabel('Username').waitFor();
    // Page code is passed as strings: this file is typed for Node, without the DOM library.
    const timing = JSON.parse(String(await page.evaluate("JSON.stringify(performance.getEntriesByType('navigation')[0])"))) as { domContentLoadedEventEnd: number; loadEventEnd: number };
    t.diagnostic(`first page: form visible after ${Date.now() - started} ms (cold browser); DOMContentLoaded ${Math.round(timing.domContentLoadedEventEnd)} ms, load ${Math.round(timing.loadEventEnd)} ms`);
    await page.getByLabel('Username').fill(TEST_USER.username);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.equal((await alert.textContent())?.trim(), 'Wrong username or password.');
    await screenshot(page, 'login-wrong-password');
  });

  test('signing in opens the task list', async () => {
    await page.getByLabel('Password').fill(TEST_USER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Tasks', level: 1 }).waitFor();
    await page.getByText('No tasks yet').waitFor();
    // Keyboard: the skip link comes first; the page's heading has the focus, and Tab then Enter follows a link.
    assert.equal(await page.locator('a[href], button, input, select, textarea').first().textContent(), 'Skip to content');
    assert.equal(await page.locator('h1:focus').count(), 1, "the new view's heading has the focus");
    await page.keyboard.press('Tab');
    assert.equal(await page.locator(':focus').textContent(), 'New check');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'New check' }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: 'Tasks', level: 1 }).waitFor();
  });

  test('the submit form shows the API validation messages', async () => {
    await page.getByRole('link', { name: 'New check' }).first().click();
    await page.getByRole('heading', { name: 'New check' }).waitFor();
    await page.getByLabel('readme-checker').waitFor();
    // Nothing filled in: the schema's messages, for the fields they name.
    await page.getByRole('button', { name: 'Run check' }).click();
    const alert = page.locator('#submit-error');
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /^Invalid request: /);
    await page.locator('#project_url-error').waitFor();
    assert.equal(await page.getByLabel('Repository URL').getAttribute('aria-invalid'), 'true');

    // A URL the API refuses: the page shows exactly the API's message.
    const body = { project_url: 'ftp://example.test/repo', commands: ['readme-checker'] };
    await page.getByLabel('Repository URL').fill(body.project_url);
    await page.getByLabel('readme-checker').check();
    await page.getByRole('button', { name: 'Run check' }).click();
    await page.locator('#project_url-error').waitFor();
    const token = String(await page.evaluate("sessionStorage.getItem('openchecker.token')"));
    const direct = await fetch(`${up.url}/opencheck`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const expected = (await direct.json()) as { error: string; details: { field: string; message: string }[] };
    assert.equal(direct.status, 400);
    await page.locator('#submit-error', { hasText: expected.error }).waitFor();
    assert.equal((await alert.textContent())?.trim(), expected.error);
    const fieldMessage = expected.details.find((d) => d.field === 'project_url')?.message ?? '';
    assert.equal((await page.locator('#project_url-error').textContent())?.trim(), fieldMessage);
    await screenshot(page, 'submit-validation');
  });

  test('a submitted check is seen queued, then succeeded without reloading, with its findings', async (t) => {
    // First task: the agent starts cloning the held repository and stays busy.
    await page.getByLabel('Repository URL').fill(gitServer.url);
    await page.getByRole('button', { name: 'Run check' }).click();
    await page.waitForURL(/#\/tasks\/[0-9a-f-]{36}$/);
    await page.locator('.page-head .badge', { hasText: 'Running' }).waitFor();
    await waitFor(async () => gitServer.requests.length, (n) => n > 0, 30_000, 'the clone to reach the git server');

    // Second task through the form: it waits in the queue while the only agent is busy.
    await page.getByRole('link', { name: 'New check' }).first().click();
    await page.getByLabel('readme-checker').waitFor();
    const wanted = ['binary-checker', 'readme-checker', 'dependency-update-tool-checker', 'readme-opensource-checker'];
    const optional = ['languages-detector', 'license-detector', 'scorecard-score', 'pinned-dependencies-checker', 'dangerous-workflow-checker', 'token-permissions-checker'].filter((c) => available.has(c));
    t.diagnostic(`optional checkers with views, available here: ${optional.join(', ') || 'none'}`);
    await page.getByLabel('Repository URL').fill(demo.dir);
    for (const command of [...wanted, ...optional]) await page.getByLabel(command, { exact: true }).check();
    await page.getByText('Callback, commit and metadata').click();
    await page.getByLabel('Metadata (JSON object)').fill('{"version_number": "main", "team": "platform"}');
    await screenshot(page, 'submit-form');
    await page.getByRole('button', { name: 'Run check' }).click();
    await page.waitForURL(/#\/tasks\/[0-9a-f-]{36}$/);
    demoTaskId = decodeURIComponent(page.url().split('/').at(-1) ?? '');
    await page.locator('.page-head .badge', { hasText: 'Queued' }).waitFor();
    await page.locator('.step-current', { hasText: 'Started' }).waitFor();
    await screenshot(page, 'task-queued');

    // A marker that a reload would wipe: the page must update in place.
    await page.evaluate('window.notReloaded = true');
    gitServer.open();
    await page.locator('.page-head .badge', { hasText: 'Succeeded' }).waitFor({ timeout: 60_000 });
    assert.equal(await page.evaluate('window.notReloaded'), true, 'the page was reloaded');

    // Timeline: queued, started on an agent, finished, no callback.
    const timeline = page.getByRole('list', { name: 'Timeline' });
    for (const step of ['Queued', 'Started', 'Succeeded', 'Callback']) await timeline.getByText(step, { exact: true }).waitFor();
    assert.match((await timeline.textContent()) ?? '', /On agent .+\./);
    assert.match((await page.locator('dl.facts').textContent()) ?? '', /teamplatform/);

    // Findings, each in its command's view.
    await resultCard(page, 'binary-checker').locator('.finding', { hasText: 'demo/assets/logo.png' }).waitFor();
    assert.match((await resultCard(page, 'binary-checker').locator('.finding').textContent()) ?? '', /Binary file/);
    await resultCard(page, 'readme-checker').getByText('demo/README.md', { exact: true }).waitFor();
    await resultCard(page, 'dependency-update-tool-checker').getByText('Dependabot').first().waitFor();
    const opensource = resultCard(page, 'readme-opensource-checker');
    await opensource.locator('.alert-error').waitFor();
    assert.match((await opensource.locator('.alert-error').textContent()) ?? '', /^Error: .*README\.OpenSource/);
    if (available.has('languages-detector')) {
      const legend = resultCard(page, 'languages-detector').locator('.lang-legend');
      for (const language of ['JavaScript', 'Python']) await legend.getByText(language, { exact: true }).waitFor();
    }
    if (available.has('license-detector')) await resultCard(page, 'license-detector').locator('.bar-table th', { hasText: 'MIT' }).waitFor();
    // Scorecard-style checks may not apply to a local repository: a score chart or an error, never raw JSON.
    if (available.has('scorecard-score')) await resultCard(page, 'scorecard-score').locator('.big-score, .alert-error').first().waitFor();
    if (available.has('pinned-dependencies-checker')) await resultCard(page, 'pinned-dependencies-checker').getByText('snyk/actions/node').first().waitFor();
    if (available.has('dangerous-workflow-checker')) await resultCard(page, 'dangerous-workflow-checker').getByText(/injection/i).first().waitFor();
    if (available.has('token-permissions-checker')) await resultCard(page, 'token-permissions-checker').locator('.finding').first().waitFor();
    await screenshot(page, 'task-detail');
    // The README's picture: the top of the page, timeline and the first result cards.
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard.png'), fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1250 } });

    // Narrow screen: the same page in one column, nothing wider than the viewport.
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));
    assert.ok(overflow <= 1, `the page is ${overflow}px wider than a narrow screen`);
    await screenshot(page, 'task-detail-narrow');
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  test("a failed task's error is shown", async () => {
    const missing = join(work, 'no-such-repo');
    await page.getByRole('link', { name: 'New check' }).first().click();
    await page.getByLabel('readme-checker').waitFor();
    await page.getByLabel('Repository URL').fill(missing);
    await page.getByLabel('readme-checker').check();
    await page.getByRole('button', { name: 'Run check' }).click();
    await page.waitForURL(/#\/tasks\/[0-9a-f-]{36}$/);
    await page.locator('.page-head .badge', { hasText: 'Failed' }).waitFor({ timeout: 60_000 });
    const alert = page.getByRole('alert').filter({ hasText: 'Task failed' });
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /clone failed/);
    await resultCard(page, 'readme-checker').locator('.alert-error', { hasText: 'clone failed' }).waitFor();
    await screenshot(page, 'task-failed');
  });

  test('the task list shows every task and filters by status and repository', async () => {
    await page.getByRole('link', { name: 'Tasks', exact: true }).click();
    const rows = page.locator('table.tasks-table tbody tr');
    await waitFor(() => rows.count(), (n) => n === 3, 10_000, 'three tasks listed');
    assert.match((await rows.first().textContent()) ?? '', /Failed/);
    await screenshot(page, 'tasks');

    await page.getByLabel('Status').selectOption('succeeded');
    await waitFor(() => rows.count(), (n) => n === 2, 10_000, 'the two succeeded tasks');
    assert.match(page.url(), /status=succeeded/);

    await page.getByLabel('Repository URL').fill(demo.dir);
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await waitFor(() => rows.count(), (n) => n === 1, 10_000, 'the demo task');
    assert.equal(await rows.first().locator('a').getAttribute('href'), `#/tasks/${demoTaskId}`);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await waitFor(() => rows.count(), (n) => n === 3, 10_000, 'all tasks again');
  });

  test('the agents page lists the agent, the queue and the dead letters section', async () => {
    await page.getByRole('link', { name: 'Agents & queue' }).click();
    await page.getByRole('heading', { name: 'Agents & queue' }).waitFor();
    // The one agent, alive, now idle.
    const agent = page.locator('table tbody tr', { has: page.locator('.badge', { hasText: /^(active|running)$/ }) });
    await agent.first().waitFor();
    // The registry learns of the finished task at the agent's next report; the page polls.
    await agent.first().filter({ hasText: /idle/ }).waitFor({ timeout: 30_000 });
    const queue = page.locator('section', { has: page.getByRole('heading', { name: 'Queue' }) }).locator('dl.figures');
    await queue.waitFor();
    assert.match((await queue.textContent()) ?? '', /Waiting0/);
    // The default user is an admin: the (empty) dead-letter list, or a notice on a server without the route.
    await page.locator('section', { has: page.getByRole('heading', { name: 'Dead letters' }) }).getByText(/No dead letters|not available/).waitFor();
    await screenshot(page, 'agents');
  });

  test('no script errors in the page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
