// What the pages share: reading the server's JSON and text, and building DOM nodes.

/**
 * The absolute address of a path of this server. Built from the origin, which never carries a
 * login: a page opened as http://user:password@host/ would otherwise resolve its relative fetches
 * to addresses with credentials, which browsers refuse.
 */
export function url(path) {
  return new URL(path, location.origin);
}

/** GET a JSON document of this server; rejects with a readable message on any failure. */
export async function getJson(path) {
  const response = await fetch(url(path), { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(`${path} answered HTTP ${response.status}`);
  }
  return response.json();
}

/** GET a text document of this server. */
export async function getText(path) {
  const response = await fetch(url(path), { headers: { Accept: 'text/plain' } });
  if (!response.ok) {
    throw new Error(`${path} answered HTTP ${response.status}`);
  }
  return response.text();
}

/**
 * An element: h('td', { class: 'num', 'data-x': 1 }, 'text', otherNode). Attributes with a
 * null/undefined/false value are left out; children may be strings, nodes, arrays or null.
 */
export function h(tag, attributes = {}, ...children) {
  return build(document.createElement(tag), attributes, children);
}

/** The same for SVG elements. */
export function svg(tag, attributes = {}, ...children) {
  return build(document.createElementNS('http://www.w3.org/2000/svg', tag), attributes, children);
}

function build(element, attributes, children) {
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== false) {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) {
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return element;
}

/** Replaces what an element shows. */
export function show(element, ...children) {
  element.replaceChildren(...children.flat(Infinity).filter(child => child !== null && child !== undefined));
}

/** The short italic line an empty or failed box shows instead of its content. */
export function note(kind, text) {
  return h('p', { class: kind }, text);
}

/** Counts arrive as floats from Redis (3.0) or integers; shown as whole numbers with separators. */
export function count(value) {
  return Math.round(Number(value) || 0).toLocaleString('en');
}

/** Sets the text of the element with this id, if the page has it. */
export function fill(id, text) {
  const element = document.getElementById(id);
  if (element) {
    element.textContent = text;
  }
}

/** Queue length and builds of the last 24 h, into #queue-length and #builds-24h. */
export async function showSummary() {
  try {
    const summary = await getJson('/api/v1/stats/summary');
    fill('queue-length', count(summary.queue_length));
    fill('builds-24h', count(summary.builds_24h));
  } catch (error) {
    fill('queue-length', '?');
    fill('builds-24h', '?');
    console.error(error);
  }
}
