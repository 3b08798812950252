import type { ServerResponse } from 'node:http';
import { describeError, type Log } from '../log.js';
import type { MailArchive } from './archive.js';

/**
 * Server-sent events: each open page gets the whole state when it connects and again whenever it changes.
 * One poller serves every page, and only while a page is open. It lists the stored mail every
 * `intervalMs`; after a change it rebuilds the state for a while, because a case can move on without new
 * mail (the employer's cancellation reaches the outbox just before its case records it as sent).
 */
export class StateFeed {
  private readonly clients = new Set<ServerResponse>();
  private timer: NodeJS.Timeout | undefined;
  private keepAlive: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private fingerprint = '';
  private settleUntil = 0;
  private last = '';
  private failing = false;

  constructor(
    private readonly archive: MailArchive,
    private readonly log: Log,
    private readonly options = { intervalMs: 700, settleMs: 10_000, keepAliveMs: 15_000 },
  ) {}

  subscribe(response: ServerResponse): void {
    this.clients.add(response);
    response.on('close', () => {
      this.clients.delete(response);
      if (this.clients.size === 0) this.pause();
    });
    // Tells the browser how soon to reconnect after the stack restarts.
    response.write('retry: 1000\n\n');
    if (this.last) response.write(this.last);
    this.poke();
    this.timer ??= setInterval(() => this.tick(), this.options.intervalMs);
    this.keepAlive ??= setInterval(() => {
      for (const client of this.clients) client.write(': keep-alive\n\n');
    }, this.options.keepAliveMs);
  }

  /** Something was just sent to the stack: look now, and keep looking for a while. */
  poke(): void {
    this.settleUntil = Date.now() + this.options.settleMs;
    if (this.clients.size > 0) this.tick();
  }

  private tick(): void {
    this.running ??= this.refresh().finally(() => {
      this.running = undefined;
    });
  }

  private async refresh(): Promise<void> {
    try {
      const listing = await this.archive.list();
      if (listing.fingerprint !== this.fingerprint) {
        this.fingerprint = listing.fingerprint;
        this.settleUntil = Date.now() + this.options.settleMs;
      } else if (Date.now() > this.settleUntil && this.last) {
        return;
      }
      const message = `event: state\ndata: ${JSON.stringify(await this.archive.state(listing))}\n\n`;
      this.failing = false;
      if (message === this.last) return;
      this.last = message;
      for (const client of this.clients) client.write(message);
    } catch (error) {
      // Once per outage, not every tick: the stand-ins stop before the console when the stack shuts down.
      if (!this.failing) this.log(`console  could not read the stack's mail: ${describeError(error)}`);
      this.failing = true;
    }
  }

  private pause(): void {
    clearInterval(this.timer);
    clearInterval(this.keepAlive);
    this.timer = undefined;
    this.keepAlive = undefined;
  }

  stop(): void {
    this.pause();
    for (const client of this.clients) client.end();
    this.clients.clear();
  }
}
