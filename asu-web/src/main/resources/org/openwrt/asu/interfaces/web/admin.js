// The admin page: /admin/api/overview every 2 s (queues, running builds, janitor), the nodes and
// the dead letters every 5 s, this node's ImageBuilders every 15 s, and at once after an action. Actions
// carry X-Requested-By, which the server requires of every admin action.
import { count, getJson, h, note, show, url } from './common.js';

const ACTION_HEADER = { 'X-Requested-By': 'asu-admin' };

function seconds(value) {
  if (value === null || value === undefined) {
    return '–';
  }
  const total = Math.round(value);
  if (total < 120) {
    return `${total} s`;
  }
  const minutes = Math.floor(total / 60);
  return minutes < 120 ? `${minutes} min ${total % 60} s` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function bytes(value) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let size = Number(value) || 0;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit++;
  }
  return `${size.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

function when(iso) {
  return iso ? h('time', { datetime: iso }, new Date(iso).toLocaleString('en-GB', { timeZone: 'UTC' }) + ' UTC') : '–';
}

function figure(field, value, what) {
  return h('div', { class: 'figure', 'data-field': field }, h('span', { class: 'value' }, value), h('span', { class: 'what' }, what));
}

function showQueue(queue) {
  const box = document.getElementById('build-queue-figures');
  if (queue.error) {
    show(box, note('failed', `The broker did not answer: ${queue.error}`));
    return;
  }
  document.getElementById('build-queue-name').textContent = queue.name;
  show(box,
    figure('waiting', count(queue.waiting), 'waiting for a builder'),
    figure('delivering', count(queue.delivering), 'being built'),
    figure('scheduled', count(queue.scheduled), 'waiting to be retried'),
    figure('consumers', count(queue.consumers), 'sessions (builders, 1 per web node)'),
    figure('oldest', seconds(queue.oldest_message_age_seconds), 'oldest message'),
    figure('added', count(queue.messages_added), 'added'),
    figure('acknowledged', count(queue.messages_acknowledged), 'acknowledged'));
}

function device(request) {
  return request ? `${request.version} ${request.target} ${request.profile}` : '–';
}

function showRunning(running) {
  const box = document.getElementById('running-table');
  if (running.error) {
    show(box, note('failed', `Redis did not answer: ${running.error}`));
    return;
  }
  if (running.builds.length === 0) {
    show(box, note('empty', 'No build is running.'));
    return;
  }
  show(box, h('table', {},
    h('thead', {}, h('tr', {}, ['Request', 'Device', 'Stage', 'Elapsed', 'Node'].map(title => h('th', { class: title === 'Elapsed' ? 'num' : null }, title)))),
    h('tbody', {}, running.builds.map(build => h('tr', { 'data-hash': build.request_hash },
      h('td', {}, h('code', { title: build.request_hash }, build.request_hash.slice(0, 12))),
      h('td', {}, device(build)),
      h('td', { 'data-field': 'stage' }, build.stage),
      h('td', { class: 'num' }, seconds(build.elapsed_seconds)),
      h('td', {}, build.node))))));
}

function showJanitor(janitor) {
  const box = document.getElementById('janitor-facts');
  if (janitor.error) {
    show(box, note('failed', `Redis did not answer: ${janitor.error}`));
    return;
  }
  const errors = janitor.errors ?? [];
  show(box,
    h('dl', { class: 'facts' },
      h('dt', {}, 'Last sync'), h('dd', { 'data-field': 'last_attempt' }, when(janitor.last_attempt)),
      h('dt', {}, 'Last without errors'), h('dd', {}, when(janitor.last_success)),
      h('dt', {}, 'Duration'), h('dd', { 'data-field': 'duration' }, janitor.duration_ms === null ? '–' : `${count(janitor.duration_ms)} ms`),
      h('dt', {}, 'Requests'), h('dd', {}, janitor.requests === null ? '–' : `${count(janitor.requests)} (${count(janitor.not_modified)} not modified)`),
      h('dt', {}, 'Changed files'), h('dd', { 'data-field': 'changed' }, janitor.changed === null ? '–' : count(janitor.changed)),
      h('dt', {}, 'Errors'), h('dd', { 'data-field': 'errors' }, String(errors.length)),
      h('dt', {}, 'Now'), h('dd', { 'data-field': 'running' }, janitor.running ? 'syncing' : 'idle')),
    errors.length === 0 ? null : h('ul', { class: 'links' }, errors.map(error => h('li', {}, h('code', {}, error)))));
}

async function refreshOverview() {
  try {
    const overview = await getJson('/admin/api/overview');
    document.getElementById('node').textContent = overview.node;
    show(document.getElementById('updated'), when(overview.generated_at));
    showQueue(overview.build_queue);
    showRunning(overview.running_builds);
    showJanitor(overview.janitor);
    const dead = overview.dead_letter_queue;
    document.getElementById('dead-letter-summary').textContent = dead.error ? 'broker unavailable'
      : `${count(dead.messages)} parked in ${dead.name}`;
  } catch (error) {
    document.getElementById('updated').textContent = `failed: ${error.message}`;
  }
}

function imageBuilderCache(cache) {
  const cached = cache.imagebuilders.map(builder => `${builder.version} ${builder.target}`).join(', ');
  return cache.imagebuilders.length === 0 ? 'none' : `${bytes(cache.total_bytes)}: ${cached}`;
}

async function refreshNodes() {
  const box = document.getElementById('nodes-table');
  let nodes;
  try {
    nodes = (await getJson('/admin/api/nodes')).nodes;
  } catch (error) {
    show(box, note('failed', `Could not load the nodes: ${error.message}`));
    return;
  }
  const stale = nodes.filter(node => node.state === 'stale').length;
  document.getElementById('nodes-summary').textContent = `${nodes.length} nodes` + (stale ? `, ${stale} stale` : '');
  if (nodes.length === 0) {
    show(box, note('empty', 'No node has sent a heartbeat.'));
    return;
  }
  show(box, h('table', {},
    h('thead', {}, h('tr', {}, ['Node', 'Roles', 'Slots', 'Running', 'Last heartbeat', 'ImageBuilder cache'].map(title =>
      h('th', { class: ['Slots', 'Running'].includes(title) ? 'num' : null }, title)))),
    h('tbody', {}, nodes.map(node => h('tr', { 'data-node': node.node, 'data-state': node.state },
      h('td', {}, node.node, h('span', { class: `tag ${node.state}`, 'data-field': 'state' }, node.state)),
      h('td', { 'data-field': 'roles' }, node.roles.join(', ')),
      h('td', { class: 'num' }, count(node.builder_slots)),
      h('td', { class: 'num', title: node.running_builds.map(build => `${build.request_hash.slice(0, 12)} ${build.stage}`).join('\n') },
        count(node.running_builds.length)),
      h('td', {}, when(node.heard_at), ` (${seconds(node.seconds_since_heartbeat)} ago)`),
      h('td', { 'data-field': 'imagebuilders' }, imageBuilderCache(node.imagebuilder_cache)))))));
}

async function refreshDeadLetters() {
  const box = document.getElementById('dead-letter-table');
  let letters;
  try {
    letters = (await getJson('/admin/api/dead-letters')).dead_letters;
  } catch (error) {
    show(box, note('failed', `Could not load the dead letters: ${error.message}`));
    return;
  }
  if (letters.length === 0) {
    show(box, note('empty', 'No dead letters.'));
    return;
  }
  show(box, h('table', {},
    h('thead', {}, h('tr', {}, ['Request', 'Device', 'Failure', 'Parked', 'Attempts', 'Node', 'Build', ''].map(title => h('th', {}, title)))),
    h('tbody', {}, letters.map(letter => h('tr', { 'data-message-id': letter.message_id, 'data-hash': letter.request_hash },
      h('td', {}, h('code', { title: letter.request_hash }, letter.request_hash.slice(0, 12) || '?')),
      h('td', {}, device(letter.request)),
      h('td', { class: 'failure', 'data-field': 'failure' }, letter.failure),
      h('td', {}, when(letter.failed_at)),
      h('td', { class: 'num' }, letter.attempts ?? '–'),
      h('td', {}, letter.node ?? '–'),
      h('td', { 'data-field': 'build-status' }, letter.build_status),
      h('td', { class: 'actions' },
        h('button', { type: 'button', 'data-action': 'requeue' }, 'Requeue'),
        h('button', { type: 'button', class: 'danger', 'data-action': 'drop' }, 'Drop')))))));
}

async function refreshImageBuilders() {
  const box = document.getElementById('imagebuilder-table');
  let cache;
  try {
    cache = await getJson('/admin/api/imagebuilders');
  } catch (error) {
    show(box, note('failed', `Could not load the ImageBuilders: ${error.message}`));
    return;
  }
  document.getElementById('imagebuilder-summary').textContent =
    `${cache.imagebuilders.length} on node ${cache.node}, ${bytes(cache.total_bytes)}`;
  if (cache.imagebuilders.length === 0) {
    show(box, note('empty', 'No ImageBuilder is cached on this node.'));
    return;
  }
  show(box, h('table', {},
    h('thead', {}, h('tr', {}, ['Version', 'Target', 'Size', 'Refreshed', ''].map(title => h('th', { class: title === 'Size' ? 'num' : null }, title)))),
    h('tbody', {}, cache.imagebuilders.map(builder => h('tr', { 'data-imagebuilder': `${builder.version} ${builder.target}` },
      h('td', {}, builder.version),
      h('td', {}, builder.target),
      h('td', { class: 'num' }, bytes(builder.size_bytes)),
      h('td', {}, when(builder.refreshed_at)),
      h('td', { class: 'actions' }, builder.in_use ? h('span', { class: 'tag' }, 'in use')
        : h('button', { type: 'button', class: 'danger', 'data-action': 'purge', 'data-version': builder.version, 'data-target': builder.target }, 'Purge')))))));
}

/** Sends an action and shows its outcome in the status line; then everything is read again. */
async function act(method, path, done) {
  const status = document.getElementById('action-result');
  try {
    const response = await fetch(url(path), { method, headers: ACTION_HEADER });
    const body = await response.json();
    status.textContent = response.ok ? done(body) : `Failed: ${body.detail}`;
  } catch (error) {
    status.textContent = `Failed: ${error.message}`;
  }
  await Promise.all([refreshOverview(), refreshNodes(), refreshDeadLetters(), refreshImageBuilders()]);
}

document.getElementById('dead-letter-table').addEventListener('click', event => {
  const button = event.target.closest('button[data-action]');
  if (!button) {
    return;
  }
  const id = button.closest('tr').dataset.messageId;
  if (button.dataset.action === 'requeue') {
    act('POST', `/admin/api/dead-letters/${id}/requeue`, body => `Requeued build ${body.request_hash.slice(0, 12)}.`);
  } else if (confirm('Drop this build? Its client will see it failed.')) {
    act('DELETE', `/admin/api/dead-letters/${id}`, body => `Dropped build ${body.request_hash.slice(0, 12)}.`);
  }
});

document.getElementById('imagebuilder-table').addEventListener('click', event => {
  const button = event.target.closest('button[data-action="purge"]');
  if (button) {
    act('DELETE', `/admin/api/imagebuilders/${encodeURIComponent(button.dataset.version)}/${button.dataset.target}`,
      body => `Purged ${body.purged.length}, ${bytes(body.freed_bytes)} freed; ${body.busy.length} in use.`);
  }
});

document.getElementById('purge-all').addEventListener('click', () => {
  if (confirm('Delete every cached ImageBuilder not in use? The next build of each target downloads it again.')) {
    act('DELETE', '/admin/api/imagebuilders',
      body => `Purged ${body.purged.length}, ${bytes(body.freed_bytes)} freed; ${body.busy.length} in use.`);
  }
});

document.getElementById('sync-now').addEventListener('click', () => {
  act('POST', '/admin/api/janitor/sync', () => 'Janitor pass started.');
});

refreshOverview();
refreshNodes();
refreshDeadLetters();
refreshImageBuilders();
setInterval(refreshOverview, 2000);
setInterval(refreshNodes, 5000);
setInterval(refreshDeadLetters, 5000);
setInterval(refreshImageBuilders, 15000);
