// The whole integration: register the elements, ask your backend for a session, hand the element
// its start token, and listen for the outcome. Here the mock backend's /demo/sessions endpoints play
// "your backend" (they hold the access token, so the page never does).
import 'kyc-capture/define';

interface Session {
  session_id: string;
  start_token: string;
  expiration: string;
}

async function post<T>(url: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
  });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

const start = document.querySelector<HTMLButtonElement>('#start')!;
const status = document.querySelector<HTMLElement>('#status')!;

start.addEventListener('click', async () => {
  start.hidden = true;
  const session = await post<Session>('/demo/sessions');
  const kyc = document.createElement('kyc-capture');
  kyc.session = session.session_id;
  kyc.token = session.start_token; // a property, never an attribute
  kyc.tokenExpiresAt = session.expiration;
  kyc.getToken = async () => {
    const fresh = await post<Session>(`/demo/sessions/${session.session_id}/token`);
    return { token: fresh.start_token, expiresAt: fresh.expiration };
  };
  kyc.addEventListener('kyc-complete', () => {
    status.textContent = 'Thank you: we have everything we need.';
  });
  kyc.addEventListener('kyc-error', (event) => {
    status.textContent = `Something went wrong (${event.detail.error.code}).`;
  });
  start.after(kyc);
});
