// Browser-side control of the mock's fault injector (mock/faults.ts) mounted on the test server's
// origin: arm a bad answer for a path, clear every fault (and the request counts), and read how
// many requests a path saw, which is how many attempts a call took.
import { expect } from '@open-wc/testing';

/** Arms `reply` for the next `times` POSTs to `path`. */
export async function armFault(
  path: string,
  reply: Readonly<Record<string, unknown>>,
  times = 1,
): Promise<void> {
  const response = await fetch('/__faults', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ path, method: 'POST', times, reply }),
  });
  expect(response.status).to.equal(204);
}

/** Disarms every fault, releases hanging requests and resets the request counts. */
export async function clearFaults(): Promise<void> {
  await fetch('/__faults', { method: 'DELETE' });
}

/** How many faults still have uses left, and how many requests `path` saw since the last clear. */
export async function faultState(path: string): Promise<{ armed: number; seen: number }> {
  const response = await fetch(`/__faults?path=${encodeURIComponent(path)}`);
  return (await response.json()) as { armed: number; seen: number };
}
