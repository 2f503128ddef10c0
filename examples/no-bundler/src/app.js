// The whole integration: register the elements, ask your backend for a session, hand the element
// its start token, and listen for the outcome. Here the mock backend's /demo/sessions endpoints play
// "your backend" (they hold the access token, so the page never does).
import 'kyc-capture/define';

async function post(url) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
  });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

const start = document.querySelector('#start');
const status = document.querySelector('#status');

start.addEventListener('click', async () => {
  start.hidden = true;
  const session = await post('/demo/sessions');
  const kyc = document.createElement('kyc-capture');
  kyc.session = session.session_id;
  kyc.token = session.start_token; // a property, never an attribute
  kyc.tokenExpiresAt = session.expiration;
  kyc.getToken = async () => {
    const fresh = await post(`/demo/sessions/${session.session_id}/token`);
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
