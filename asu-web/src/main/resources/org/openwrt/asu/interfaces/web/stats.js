// The statistics page: the queue, builds per day, builds by version and the top packages, each
// from its /api/v1 endpoint. The branch pickers list the server's branches, newest first, and
// keep the choice in the address (?version_branch=…&package_branch=…).
import { lineChart, stackedBarChart } from './charts.js';
import { count, getJson, h, note, show, showSummary, svg } from './common.js';

const TOP_PACKAGES = 30;
const query = new URLSearchParams(location.search);

async function showBuildsPerDay() {
  const box = document.getElementById('per-day-chart');
  try {
    lineChart(box, await getJson('/api/v1/builds-per-day'),
      { title: 'Build requests, cache hits and failures per day', emptyText: 'No build requests in the last 30 days.' });
  } catch (error) {
    show(box, note('failed', `Could not load the builds per day: ${error.message}`));
  }
}

async function showBuildsByVersion(branch) {
  const box = document.getElementById('by-version-chart');
  try {
    const path = branch ? `/api/v1/builds-by-version?branch=${encodeURIComponent(branch)}` : '/api/v1/builds-by-version';
    stackedBarChart(box, await getJson(path), {
      title: branch ? `Successful builds of ${branch} per week, by version` : 'Successful builds per week, by branch',
      emptyText: branch ? `No successful builds of ${branch} in the last 26 weeks.` : 'No successful builds in the last 26 weeks.',
    });
  } catch (error) {
    show(box, note('failed', `Could not load the builds by version: ${error.message}`));
  }
}

async function showTopPackages(branch) {
  const box = document.getElementById('top-packages-table');
  let top;
  try {
    const path = `/api/v1/top-packages?n=${TOP_PACKAGES}` + (branch ? `&branch=${encodeURIComponent(branch)}` : '');
    top = await getJson(path);
  } catch (error) {
    show(box, note('failed', `Could not load the top packages: ${error.message}`));
    return;
  }
  const packages = top.packages ?? [];
  if (packages.length === 0) {
    show(box, note('empty', `No extra packages requested${branch ? ` for ${branch}` : ''} in the last ${top.days ?? 30} days.`));
    return;
  }
  const most = Math.max(1, ...packages.map(entry => entry.count));
  show(box, h('table', {},
    h('thead', {}, h('tr', {}, h('th', { class: 'num rank' }, '#'), h('th', {}, 'Package'), h('th', { class: 'num' }, 'Builds'), h('th', { class: 'bar-cell' }, ''))),
    h('tbody', {}, packages.map((entry, i) => h('tr', { 'data-package': entry.name },
      h('td', { class: 'num rank' }, i + 1),
      h('td', {}, h('code', {}, entry.name)),
      h('td', { class: 'num' }, count(entry.count)),
      h('td', { class: 'bar-cell' }, bar(entry.count / most)))))));
}

function bar(share) {
  return svg('svg', { viewBox: '0 0 100 10', preserveAspectRatio: 'none', 'aria-hidden': 'true' },
    svg('rect', { width: Math.max(1, share * 100), height: 10, rx: 2, fill: '#0081b4' }));
}

/** Fills a branch picker, selects the branch named in the address and redraws on change. */
function picker(id, parameter, branches, draw) {
  const select = document.getElementById(id);
  select.append(...branches.map(name => h('option', { value: name }, name)));
  const wanted = query.get(parameter) ?? '';
  select.value = branches.includes(wanted) ? wanted : '';
  select.addEventListener('change', () => {
    if (select.value) {
      query.set(parameter, select.value);
    } else {
      query.delete(parameter);
    }
    history.replaceState(null, '', query.size ? `?${query}` : location.pathname);
    draw(select.value);
  });
  return select.value;
}

async function branchNames() {
  try {
    return Object.keys((await getJson('/json/v1/overview.json')).branches ?? {}).reverse();
  } catch (error) {
    console.error(error);
    return [];
  }
}

const branches = await branchNames();
await Promise.all([
  showSummary(),
  showBuildsPerDay(),
  showBuildsByVersion(picker('by-version-branch', 'version_branch', branches, showBuildsByVersion)),
  showTopPackages(picker('top-packages-branch', 'package_branch', branches, showTopPackages)),
]);
