import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The console in a real Chromium, against a real `npm start` on free ports: a newcomer's first minute.
 * Forward a sample, read the draft, click SEND, see the mail to the employer, sweep a week later and see
 * the reflection nudge; then the page at phone width, by keyboard, and with hostile mail. Every request
 * the browser makes is recorded, and any that would leave this machine is stopped and reported.
 */

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOTS = join('test-results', 'console');
const USER = { name: 'Alex Rivera', address: 'alex.rivera@example.com' };

let dataDir: string;
let stack: ChildProcess | undefined;
let consoleUrl = '';
let browser: Browser;
let context: BrowserContext;
let page: Page;
const requests: string[] = [];
/** Requests the browser itself refused, by URL: the reason Chromium gives ('csp' for the page's policy). */
const refused = new Map<string, string>();
/** Requests bound elsewhere that reached the network layer, where the test stops them. */
const offsite: string[] = [];
const pageErrors: string[] = [];

/** Requests that stay on this machine: the console itself, and frames' own srcdoc and data: URLs. */
function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (['about:', 'data:', 'blob:'].includes(protocol)) return true;
  return protocol === 'http:' && hostname === '127.0.0.1';
}

/** `npm start`'s command, every port free, in a folder of its own; resolves with the console's address. */
async function startStack(): Promise<string> {
  const ports = ['SMTP', 'SES', 'S3', 'DYNAMODB', 'LAMBDA', 'WEB'].map((name) => [
    `BOWOUT_${name}_PORT`,
    '0',
  ]);
  const child = spawn('node_modules/.bin/tsx', ['bin/bowout.ts', 'start'], {
    env: { ...process.env, ...Object.fromEntries(ports), BOWOUT_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  stack = child;
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start printed no ready line:\n${output}`)), 90_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Console +(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1];
      if (url && output.includes('ready')) {
        clearTimeout(timer);
        resolve(url);
      }
    });
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
}

async function stopStack(): Promise<void> {
  const child = stack;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const forced = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(forced);
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's package with apt-get install -y chromium`);
  }
  dataDir = await mkdtemp(join(tmpdir(), 'bowout-browser-'));
  await mkdir(SCREENSHOTS, { recursive: true });
  consoleUrl = await startStack();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.on('request', (request) => {
    requests.push(request.url());
  });
  context.on('requestfailed', (request) => {
    refused.set(request.url(), request.failure()?.errorText ?? '');
  });
  // Anything bound elsewhere is stopped here, before the network, and reported by the last test.
  await context.route(
    (url) => !isLocal(url.href),
    (route) => {
      offsite.push(route.request().url());
      return route.abort();
    },
  );
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

afterAll(async () => {
  await browser?.close();
  await stopStack();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const thread = (title: string | RegExp): Locator => page.locator('article.thread', { hasText: title });
/** Mail arrives through the stack's handlers; a poll waits that long. */
const MAIL = { timeout: 20_000 };
const shot = (name: string, fullPage = true) =>
  page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });

describe('the console, in a browser', () => {
  it('opens at the address npm start prints, on the loopback address, with a Content-Security-Policy', async () => {
    expect(consoleUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const response = await page.goto(consoleUrl);
    expect(response?.status()).toBe(200);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(await page.title()).toBe('Bowout console');
    await expect.poll(() => page.locator('#sample option').count()).toBeGreaterThan(3);
    await expect.poll(() => page.locator('#cancel-address').textContent()).toBe('cancel@bowout.localhost');
  });

  it('forwards a sample invite and shows the draft as HTML in a sandboxed frame, its text one click away', async () => {
    await page.getByLabel('Your name').fill(USER.name);
    await page.getByLabel('Your email address').fill(USER.address);
    await page.getByLabel('Sample', { exact: true }).selectOption('gmail-pacific');
    await page.getByRole('button', { name: /^Forward to/ }).click();
    await expect.poll(() => page.locator('#forward-status').textContent(), MAIL).toMatch(/^Forwarded/);

    const northwind = thread('Northwind Analytics · Senior Data Engineer');
    const draft = northwind.locator('.item.kind-to-user').first();
    await draft.waitFor({ timeout: 20_000 });
    await expect.poll(() => northwind.locator('.badge').textContent(), MAIL).toBe('Draft ready');
    const frame = draft.locator('iframe.mail-frame');
    // Same origin only so the page can size the frame to the message; no script runs in it.
    const sandbox = await frame.getAttribute('sandbox');
    expect(sandbox).not.toContain('allow-scripts');
    expect(sandbox).toBe('allow-same-origin');
    expect(await frame.getAttribute('srcdoc')).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:;`,
    );
    await draft.frameLocator('iframe').getByText('Dear Priya,').waitFor();

    const toggle = draft.locator('button.toggle');
    expect(await toggle.textContent()).toBe('Show the plain text');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await toggle.textContent()).toBe('Show the HTML');
    const text = draft.locator('pre.mail-text');
    expect(await text.isVisible()).toBe(true);
    expect(await text.textContent()).toContain('SEND: Bowout sends the cancellation for you');
    expect(await frame.isVisible()).toBe(false);
    await toggle.click();
    expect(await frame.isVisible()).toBe(true);
    await shot('1-draft');
  });

  it('clicks SEND and shows the cancellation sent to the employer in the same thread', async () => {
    const northwind = thread('Northwind Analytics · Senior Data Engineer');
    await northwind.getByRole('button', { name: 'SEND', exact: true }).click();
    const cancellation = northwind.locator('.item.kind-to-employer');
    await cancellation.waitFor({ timeout: 20_000 });
    expect(await cancellation.locator('.who').textContent()).toBe(
      'Bowout → the employer (priya.natarajan@northwind-analytics.com)',
    );
    // Plain text only, as the user wrote or approved it.
    expect(await cancellation.locator('iframe').count()).toBe(0);
    expect(await cancellation.locator('pre.mail-text').textContent()).toMatch(/^Dear Priya,/);
    await expect.poll(() => northwind.locator('.badge').textContent(), MAIL).toBe('Sent to the employer');
    expect(await northwind.locator('.item.kind-command .command-text').textContent()).toBe('SEND');
    await cancellation.scrollIntoViewIfNeeded();
    await shot('2-sent');
  });

  it('runs the reminder sweep as if it were 8 days later and shows the reflection nudge', async () => {
    await page.getByRole('button', { name: 'In 8 days' }).click();
    await page.getByRole('button', { name: 'Run the reminder sweep' }).click();
    await expect.poll(() => page.locator('#sweep-status').textContent(), MAIL).toMatch(/: 1 nudge sent\.$/);
    const northwind = thread('Northwind Analytics · Senior Data Engineer');
    const reflection = northwind.locator('.item.kind-to-user', { hasText: 'A moment to reflect' });
    await reflection.waitFor({ timeout: 20_000 });
    expect(await northwind.locator('.commands .target').textContent()).toContain('A moment to reflect');
    await reflection.scrollIntoViewIfNeeded();
    await shot('3-reflection');
  });

  it('fits a phone-width screen without scrolling sideways', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
      .toBeLessThanOrEqual(390);
    await shot('4-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('works by keyboard: labelled fields, a sensible focus order, a visible focus, buttons that are buttons', async () => {
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, textarea')]
        .filter((field) => (field as HTMLInputElement).labels?.length === 0)
        .map((field) => field.outerHTML),
    );
    expect(unlabelled).toEqual([]);
    expect(await page.locator('[onclick], div[role="button"], span[role="button"]').count()).toBe(0);

    // From the top of a freshly loaded page, as a keyboard user arrives.
    await page.goto(consoleUrl);
    await expect.poll(() => page.locator('#sample option').count()).toBeGreaterThan(3);
    const order: string[] = [];
    while (order.length < 11) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const active = document.activeElement as HTMLElement | null;
        return active?.id || active?.textContent?.trim() || active?.tagName || '';
      });
      // A date-time field takes one Tab per part (day, month, year, hours, minutes).
      if (order.at(-1) !== focused) order.push(focused);
    }
    expect(order).toEqual([
      'Skip to the cases',
      'user-name',
      'user-address',
      'source-sample',
      'sample',
      'Forward to cancel@bowout.localhost',
      'sweep-at',
      'In a day',
      'In 8 days',
      'In 3 months',
      'Run the reminder sweep',
    ]);
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return { style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
    });
    expect(outline.style).not.toBe('none');
    expect(outline.width).toBeGreaterThanOrEqual(2);
    await shot('5-focus', false);

    // A command sent from the keyboard alone.
    const northwind = thread('Northwind Analytics · Senior Data Engineer');
    await northwind.getByRole('button', { name: 'HELP', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => northwind.locator('.commands .status').textContent(), MAIL)
      .toMatch(/^Replied HELP/);
  });

  it('shows hostile mail without running its script or loading anything it names', async () => {
    const hostile = [
      'Subject: Fwd: Totally an invite',
      'MIME-Version: 1.0',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<html><head><meta http-equiv="refresh" content="0;url=http://tracker.example/refresh">',
      '<link rel="stylesheet" href="http://tracker.example/style.css"></head>',
      '<body style="background:url(http://tracker.example/background.png)">',
      '<p>Hostile content</p><img src="http://tracker.example/pixel.gif" alt="">',
      '<script>parent.document.title = "pwned"; fetch("http://tracker.example/script")</script>',
      '<img src="x" onerror="parent.document.title = \'pwned\'">',
      '<iframe src="http://tracker.example/frame"></iframe>',
      '<form action="http://tracker.example/form"><button>Go</button></form>',
      '</body></html>',
    ].join('\r\n');
    await page.getByLabel('A message of my own (.eml)').check();
    await page.getByLabel('Or paste the message, headers included').fill(hostile);
    await page.getByRole('button', { name: /^Forward to/ }).click();
    const suspicious = thread('Totally an invite');
    await suspicious.locator('.item.kind-to-user').waitFor({ timeout: 20_000 });
    await suspicious.locator('.item.kind-forward summary').click();
    await suspicious
      .locator('.item.kind-forward')
      .frameLocator('iframe')
      .getByText('Hostile content')
      .waitFor();
    await page.waitForTimeout(1500);
    expect(await page.title()).toBe('Bowout console');
    // The browser refused every one of them under the Content-Security-Policy, before any network.
    const named = requests.filter((url) => url.startsWith('http://tracker.example/'));
    expect(named.length).toBeGreaterThanOrEqual(2);
    for (const url of named) expect(refused.get(url)).toBe('csp');
    expect(offsite).toEqual([]);
    await suspicious.scrollIntoViewIfNeeded();
    await shot('6-hostile');
  });

  it('made no request that left 127.0.0.1, and raised no error in the page', () => {
    expect(requests.length).toBeGreaterThan(5);
    const elsewhere = requests.filter((url) => !isLocal(url));
    expect(elsewhere.filter((url) => refused.get(url) !== 'csp')).toEqual([]);
    expect(offsite).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
