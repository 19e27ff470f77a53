// The overview page: the server's settings and branches from /json/v1/overview.json, the queue
// from /api/v1/stats/summary, and then (once the rest is shown) the recent build errors.
import { count, fill, getJson, getText, h, note, show, showSummary } from './common.js';

const ERROR_LINES = 50;

async function showOverview() {
  const rows = document.getElementById('branch-rows');
  try {
    const overview = await getJson('/json/v1/overview.json');
    showServer(overview.server ?? {}, overview.upstream_url);
    showBranches(rows, overview.branches ?? {}, overview.latest ?? []);
  } catch (error) {
    show(rows, h('tr', {}, h('td', { colspan: 3, class: 'failed' }, `Could not load the overview: ${error.message}`)));
    for (const id of ['server-version', 'server-contact', 'allow-defaults', 'max-defaults-length', 'max-rootfs-size', 'repository-allow-list', 'upstream-url']) {
      fill(id, '?');
    }
  }
}

function showServer(server, upstreamUrl) {
  fill('server-version', server.version ?? '?');
  const contact = document.getElementById('server-contact');
  show(contact, server.contact ? (server.contact.includes('@') ? h('a', { href: `mailto:${server.contact}` }, server.contact) : server.contact) : '–');
  fill('allow-defaults', server.allow_defaults ? 'allowed (uci-defaults script in the request)' : 'not allowed');
  fill('max-defaults-length', server.max_defaults_length === undefined ? '?' : `${count(server.max_defaults_length)} characters`);
  fill('max-rootfs-size', server.max_custom_rootfs_size_mb === undefined ? '?' : `${count(server.max_custom_rootfs_size_mb)} MB`);
  const allowed = server.repository_allow_list ?? [];
  show(document.getElementById('repository-allow-list'), allowed.length === 0
    ? 'none, only the official feeds'
    : h('ul', { class: 'links' }, allowed.map(prefix => h('li', {}, h('code', {}, prefix)))));
  show(document.getElementById('upstream-url'), upstreamUrl ? h('a', { href: upstreamUrl }, upstreamUrl) : '–');
}

function showBranches(rows, branches, latest) {
  const names = Object.keys(branches);
  fill('latest', latest.length ? `latest releases: ${latest.join(', ')}` : '');
  if (names.length === 0) {
    show(rows, h('tr', {}, h('td', { colspan: 3, class: 'empty' }, 'No branches yet: the server has not read the upstream metadata.')));
    return;
  }
  show(rows, names.map(name => {
    const branch = branches[name];
    const versions = branch.versions ?? [];
    return h('tr', { 'data-branch': name },
      h('th', { scope: 'row' }, name,
        branch.snapshot ? h('span', { class: 'tag' }, 'snapshot') : null,
        branch.enabled === false ? h('span', { class: 'tag' }, 'disabled') : null),
      h('td', {}, versions.length === 0 ? h('span', { class: 'empty' }, 'no versions')
        : h('ul', { class: 'versions' }, versions.map(version =>
          h('li', { class: latest.includes(version) ? 'latest' : null, 'data-version': version }, version)))),
      h('td', { class: 'num' }, count(Object.keys(branch.targets ?? {}).length)));
  }));
}

/** The error log's text: a summary, a ruler, then "<date> <time> <version:target:profile> <reason>" lines. */
async function showBuildErrors() {
  const box = document.getElementById('build-error-log');
  let text;
  try {
    text = await getText(`/api/v1/build-errors?n=${ERROR_LINES}`);
  } catch (error) {
    show(box, note('failed', `Could not load the build errors: ${error.message}`));
    return;
  }
  const lines = text.split('\n');
  const entries = lines.map(line => /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) (\S+) (.*)$/.exec(line)).filter(Boolean);
  if (entries.length === 0) {
    show(box, note('empty', text.trim().startsWith('No build errors') || text.trim() === '' ? 'No build errors recorded.' : text.trim()));
    return;
  }
  const header = lines.filter(line => /^(Build Errors|Time range):/.test(line)).join(' · ');
  show(box,
    h('p', { class: 'hint' }, header, entries.length >= ERROR_LINES ? ` · the newest ${ERROR_LINES} shown` : ''),
    h('ol', { class: 'errors' }, entries.map(([, time, device, reason]) => h('li', {},
      h('time', { datetime: `${time.replace(' ', 'T')}Z` }, `${time} UTC`),
      h('span', {}, h('span', { class: 'device mono' }, device), reason)))));
}

await Promise.all([showOverview(), showSummary()]);
await showBuildErrors();
