import { type AddressInfo, createServer, type Server } from 'node:net';
import { type PortName, portVariable } from './settings.js';

/** A fixed port that something else holds; the message is the one line `npm start` prints. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
  constructor(
    readonly service: PortName,
    readonly host: string,
    readonly port: number,
  ) {
    // Worded without "already": scripts wait for a line containing "ready".
    super(
      `port ${port} on ${host} (${service}) is in use by another program: stop it or set ${portVariable(service)}`,
    );
  }
}

function isPortTaken(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EADDRINUSE' || code === 'EACCES';
}

/** Error from a listen() call, turned into PortInUseError when that is what it was. */
export function explainListenError(error: unknown, service: PortName, host: string, port: number): unknown {
  return isPortTaken(error) ? new PortInUseError(service, host, port) : error;
}

/**
 * Checks fixed ports before anything starts. Not only for the clearer message: the SES stand-in does not
 * report a failed listen at all, so without this check a taken port would surface as a confusing crash.
 */
export async function assertPortsFree(host: string, ports: Partial<Record<PortName, number>>): Promise<void> {
  for (const [service, port] of Object.entries(ports) as [PortName, number][]) {
    if (port === 0) continue;
    await new Promise<void>((resolve, reject) => {
      const probe = createServer();
      probe.once('error', (error) => reject(explainListenError(error, service, host, port)));
      probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
    });
  }
}

/** Starts `server` listening; rejects when the port cannot be had. Resolves with the port it got. */
export function listenOn(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
