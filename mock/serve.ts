// Standalone mock backend: `node --import tsx mock/serve.ts [--port 8787]`.
// The access token comes from KYC_MOCK_ACCESS_TOKEN (default `mock-access-token`).
import { parseArgs } from 'node:util';
import { createMockBackend } from './index.ts';

const { values } = parseArgs({ options: { port: { type: 'string', default: '8787' } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not "${values.port}".`);
  process.exit(2);
}

const server = await createMockBackend().listen(port);
console.log(`kyc-capture mock backend listening on ${server.url}`);
console.log('  session-v1: /api/v1/verification…   demo: /demo/sessions…');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
