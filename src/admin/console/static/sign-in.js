// The sign-in form: the access key and secret go to the gateway once (PATCH /console-sign-in);
// what comes back (the CSRF token; the session token is an HttpOnly cookie the page cannot read)
// lives in this module's memory only. A reload asks for the secret again.

const form = document.getElementById('sign-in');
const errorLine = document.getElementById('sign-in-error');

/** Shows the form again, with why (the session expired, the gateway refused it). */
export function askToSignIn(reason) {
  document.getElementById('app').hidden = true;
  document.getElementById('session').hidden = true;
  form.hidden = false;
  errorLine.textContent = reason ?? '';
  document.getElementById('secret').value = '';
}

async function signIn(event) {
  event.preventDefault();
  errorLine.textContent = '';
  const access = document.getElementById('access').value;
  const secret = document.getElementById('secret').value;
  let response;
  try {
    response = await fetch('/console-sign-in', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ access, secret }),
      credentials: 'same-origin',
    });
  } catch (error) {
    errorLine.textContent = `The gateway did not answer: ${error.message}`;
    return;
  }
  const answer = await response.json().catch(() => undefined);
  if (!response.ok) {
    errorLine.textContent = `Sign-in refused: ${answer?.error?.message ?? response.statusText}`;
    return;
  }
  document.getElementById('secret').value = '';
  form.hidden = true;
  // The application itself is served to signed-in sessions only.
  const { startConsole } = await import('/console/app/main.js');
  startConsole(answer, askToSignIn);
}

form.addEventListener('submit', (event) => void signIn(event));
