/**
 * Captures everything this process writes: process.stdout and process.stderr (which Powertools' logger,
 * the local stack's terminal log and Node's warnings end in) and every console method (which vitest
 * otherwise takes over). The writes still go through, so a failing test shows them as usual.
 */
export function captureOutput() {
  const chunks: string[] = [];
  const restores: (() => void)[] = [];
  const text = (chunk: unknown) =>
    typeof chunk === 'string'
      ? chunk
      : chunk instanceof Uint8Array
        ? Buffer.from(chunk).toString('utf8')
        : String(chunk);

  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write;
    stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
      chunks.push(text(chunk));
      return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof stream.write;
    restores.push(() => {
      stream.write = original;
    });
  }
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  for (const method of methods) {
    const original = console[method];
    console[method] = (...args: unknown[]) => {
      chunks.push(args.map((a) => (typeof a === 'string' ? a : (JSON.stringify(a) ?? String(a)))).join(' '));
      original.apply(console, args);
    };
    restores.push(() => {
      console[method] = original;
    });
  }
  return {
    /** Everything captured so far. */
    text: () => chunks.join('\n'),
    /** Adds output that reached the test another way (a CLI's `out` callback). */
    add: (line: string) => chunks.push(line),
    restore: () => {
      for (const restore of restores.splice(0).reverse()) restore();
    },
  };
}
