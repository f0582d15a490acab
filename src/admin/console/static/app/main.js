// The console once signed in: a tab per view, each view a module that renders into its section.
import { createApi } from './api.js';
import { el, clear } from './dom.js';
import { showHistory } from './history.js';
import { showCharts } from './charts.js';
import { showUploads } from './uploads.js';
import { showAccounts } from './accounts.js';

const VIEWS = [
  { id: 'history', title: 'Operations', show: showHistory },
  { id: 'charts', title: 'Charts', show: showCharts },
  { id: 'uploads', title: 'Multipart uploads', show: showUploads },
  { id: 'accounts', title: 'Accounts and buckets', show: showAccounts },
];

/** Called by sign-in.js with its answer (access, expiresAt, csrfToken, traceUrl). */
export function startConsole(session, askToSignIn) {
  let ended = false;
  const endSession = (reason) => {
    if (ended) return;
    ended = true;
    askToSignIn(reason);
  };
  const api = createApi(session, endSession);
  const context = { api, session };

  document.getElementById('session-who').textContent = `${session.access}, until ${new Date(session.expiresAt).toLocaleTimeString()}`;
  document.getElementById('session').hidden = false;
  const signOut = document.getElementById('sign-out');
  signOut.onclick = async () => {
    await api('/console-sign-out').catch(() => undefined);
    endSession('Signed out.');
  };

  const app = clear(document.getElementById('app'));
  const content = el('section', { id: 'view' });
  const tabs = VIEWS.map((view) =>
    el('button', { type: 'button', class: 'tab', 'data-view': view.id, onclick: () => open(view) }, view.title),
  );
  app.append(el('nav', {}, ...tabs), content);
  app.hidden = false;

  function open(view) {
    for (const tab of tabs) tab.classList.toggle('active', tab.dataset.view === view.id);
    view.show(clear(content), context);
  }
  context.openView = (id, ...args) => {
    const view = VIEWS.find((candidate) => candidate.id === id);
    for (const tab of tabs) tab.classList.toggle('active', tab.dataset.view === id);
    view.show(clear(content), context, ...args);
  };
  open(VIEWS[0]);
}
