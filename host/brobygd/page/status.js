// The status page's script: reads /status.json with the session cookie and draws it. Every
// value goes in with textContent (never as HTML). Buttons send the session's CSRF token in
// a header; the server also checks the Origin.
'use strict';

let csrf = null;
const byId = (id) => document.getElementById(id);

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text === null || text === undefined ? '' : String(text);
  if (className) td.className = className;
  return td;
}

function time(seconds) {
  if (seconds === null || seconds === undefined) return '-';
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

function age(seconds) {
  if (seconds < 60) return seconds + ' s';
  if (seconds < 3600) return Math.floor(seconds / 60) + ' min';
  if (seconds < 86400) return Math.floor(seconds / 3600) + ' h';
  return Math.floor(seconds / 86400) + ' days';
}

function fill(tableId, rows) {
  const body = byId(tableId).querySelector('tbody');
  body.replaceChildren(...rows);
}

function button(label, className, data, action) {
  const td = document.createElement('td');
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.className = className;
  for (const [key, value] of Object.entries(data)) b.dataset[key] = value;
  b.addEventListener('click', action);
  td.append(b);
  return td;
}

function jobRow(job, now) {
  const tr = document.createElement('tr');
  tr.dataset.job = job.id;
  const next = job.next_run === null ? '-' : job.next_run <= now ? 'due now' : time(job.next_run);
  const last = job.last_run;
  tr.append(cell(job.id), cell(job.schedule || 'on demand'), cell(next),
            cell(time(job.last_success)),
            cell(last ? last.status + ' (' + last.started + ')' : '-',
                 last ? 'status-' + last.status : ''),
            cell(job.legal_basis_expires),
            button('Run now', 'run-now', {job: job.id}, () => post('/jobs/' +
                encodeURIComponent(job.id) + '/run', 'Run of ' + job.id + ' requested')));
  return tr;
}

function runRow(run) {
  const tr = document.createElement('tr');
  tr.dataset.runId = run.id;
  tr.dataset.job = run.job;
  tr.append(cell(run.id, 'number'), cell(run.job), cell(run.started), cell(run.finished),
            cell(run.status, 'status-' + run.status), cell(run.read, 'number'),
            cell(run.rejected, 'number'), cell(run.written, 'number'),
            cell(run.duplicates, 'number'), cell(run.package), cell(run.message));
  return tr;
}

function packageRow(p) {
  const tr = document.createElement('tr');
  tr.dataset.package = p.package;
  tr.append(cell(p.package), cell(p.job), cell(p.destination), cell(p.state, 'state-' + p.state),
            cell(p.attempts, 'number'), cell(p.created), cell(p.last_error));
  if (p.state === 'failed' || p.state === 'retry')
    tr.append(button('Retry', 'retry', {package: p.package}, () => post('/outbox/' +
        encodeURIComponent(p.package) + '/retry', 'Package ' + p.package + ' requeued')));
  else
    tr.append(cell(''));
  return tr;
}

function certificateRow(c, now) {
  const tr = document.createElement('tr');
  let text = 'unreadable', className = 'error';
  if (c.not_after !== null) {
    text = time(c.not_after);
    className = c.not_after < now ? 'expired' : c.not_after - now < 30 * 86400 ? 'soon' : '';
  }
  tr.append(cell(text, className), cell(c.role), cell(c.setting), cell(c.job));
  return tr;
}

function render(status) {
  const now = status.generated_at;
  byId('generated').textContent = status.config + ' at ' + time(now);
  const problems = status.problems.map((p) => {
    const li = document.createElement('li');
    li.className = p.severity;
    li.textContent = 'line ' + p.line + ': ' + p.severity + ': ' + p.message;
    return li;
  });
  if (problems.length === 0) problems.push(Object.assign(document.createElement('li'),
                                                         {textContent: 'none'}));
  byId('problems').replaceChildren(...problems);
  fill('jobs', status.jobs.map((job) => jobRow(job, now)));
  const runs = status.jobs.flatMap((job) => job.last_runs).sort((a, b) => b.id - a.id);
  fill('runs', runs.map(runRow));
  const o = status.outbox;
  byId('outbox-summary').textContent = Object.entries(o.by_state)
      .map(([state, n]) => state + ': ' + n).join(', ') +
      (o.oldest_waiting_seconds === null ? '' : '; oldest waiting ' + age(o.oldest_waiting_seconds));
  fill('outbox', o.packages.map(packageRow));
  const r = status.register;
  byId('register').textContent = r.entries + ' entries, head ' + (r.head || '-');
  fill('certificates', status.certificates.map((c) => certificateRow(c, now)));
}

async function refresh() {
  const response = await fetch('/status.json', {credentials: 'same-origin'});
  if (response.status === 401) {
    window.location.reload();
    return;
  }
  if (response.ok) render(await response.json());
}

async function post(path, done) {
  const response = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {'X-CSRF-Token': csrf},
  });
  let text = done;
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    text = 'Refused (' + response.status + '): ' + (body.error || '');
  }
  byId('message').textContent = text;
  await refresh();
}

async function start() {
  const response = await fetch('/session', {credentials: 'same-origin'});
  if (response.status !== 200) {
    byId('login').hidden = false;
    byId('token').focus();
    return;
  }
  csrf = (await response.json()).csrf;
  byId('status').hidden = false;
  byId('logout').hidden = false;
  byId('logout').addEventListener('click', async () => {
    await fetch('/logout', {method: 'POST', credentials: 'same-origin',
                            headers: {'X-CSRF-Token': csrf}});
    window.location.reload();
  });
  await refresh();
  setInterval(refresh, 3000);
}

start();
