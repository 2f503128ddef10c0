// React 19 renders <kyc-capture> like any element: it sets the element's properties (the token
// stays a property, never an attribute) and attaches `onkyc-*` listeners for its events.
// `kyc-capture/react` types both.
import { useState } from 'react';
import 'kyc-capture/define';
import type {} from 'kyc-capture/react';

interface Session {
  session_id: string;
  start_token: string;
  expiration: string;
}

/** Your backend: here the mock's /demo/sessions endpoints, which keep the access token server-side. */
async function post<T>(url: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
  });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export function App() {
  const [session, setSession] = useState<Session>();
  const [status, setStatus] = useState('');

  return (
    <main>
      <h1>Verify your identity</h1>
      {session ? (
        <kyc-capture
          session={session.session_id}
          token={session.start_token}
          tokenExpiresAt={session.expiration}
          getToken={async () => {
            const fresh = await post<Session>(`/demo/sessions/${session.session_id}/token`);
            return { token: fresh.start_token, expiresAt: fresh.expiration };
          }}
          onkyc-complete={() => setStatus('Thank you: we have everything we need.')}
          onkyc-error={(event) => setStatus(`Something went wrong (${event.detail.error.code}).`)}
        />
      ) : (
        <button
          type="button"
          onClick={async () => setSession(await post<Session>('/demo/sessions'))}
        >
          Verify my identity
        </button>
      )}
      <p role="status">{status}</p>
    </main>
  );
}
