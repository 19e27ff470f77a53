// Renders this server's OpenAPI document (GET /openapi?format=json) as a readable page:
// operations grouped by tag with parameters, request body and responses, then every schema.
'use strict';

const METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete', 'options'];

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
  children.flat().forEach(child => node.append(child instanceof Node ? child : String(child ?? '')));
  return node;
}

function refName(ref) {
  return ref.substring(ref.lastIndexOf('/') + 1);
}

/** A schema in one line: a link to a named schema, or its type with items and formats. */
function schemaSummary(schema) {
  if (!schema) {
    return el('span', { class: 'muted' }, '—');
  }
  if (schema.$ref) {
    return el('a', { href: '#schema-' + refName(schema.$ref) }, refName(schema.$ref));
  }
  if (schema.type === 'array') {
    return el('span', {}, 'array of ', schemaSummary(schema.items));
  }
  const text = (schema.type || 'any') + (schema.format ? ' (' + schema.format + ')' : '');
  return el('span', {}, text);
}

function constraints(schema) {
  const parts = [];
  if (schema.pattern) parts.push('pattern ' + schema.pattern);
  if (schema.minimum !== undefined) parts.push('≥ ' + schema.minimum);
  if (schema.maximum !== undefined) parts.push('≤ ' + schema.maximum);
  if (schema.minLength !== undefined) parts.push('min length ' + schema.minLength);
  if (schema.maxLength !== undefined) parts.push('max length ' + schema.maxLength);
  if (schema.enum) parts.push('one of ' + schema.enum.join(', '));
  if (schema.default !== undefined) parts.push('default ' + JSON.stringify(schema.default));
  if (schema.nullable) parts.push('nullable');
  if (schema.example !== undefined) parts.push('e.g. ' + (typeof schema.example === 'string' ? schema.example : JSON.stringify(schema.example)));
  return parts.join('; ');
}

function contentRows(content) {
  return Object.entries(content || {}).map(([type, media]) =>
    el('div', {}, el('code', {}, type), ': ', schemaSummary(media.schema)));
}

function operation(path, method, op) {
  const body = el('div', { class: 'op-body' });
  if (op.description) body.append(el('p', {}, op.description));
  const parameters = op.parameters || [];
  if (parameters.length) {
    body.append(el('h4', {}, 'Parameters'), el('table', {},
      el('tr', {}, el('th', {}, 'name'), el('th', {}, 'in'), el('th', {}, 'type'), el('th', {}, 'description')),
      parameters.map(p => el('tr', {}, el('td', {}, el('code', {}, p.name + (p.required ? ' *' : ''))), el('td', {}, p.in),
        el('td', {}, schemaSummary(p.schema)), el('td', {}, p.description || '')))));
  }
  if (op.requestBody) {
    body.append(el('h4', {}, 'Request body' + (op.requestBody.required ? ' (required)' : '')),
      ...contentRows(op.requestBody.content));
  }
  const responses = Object.entries(op.responses || {});
  if (responses.length) {
    body.append(el('h4', {}, 'Responses'), el('table', {},
      el('tr', {}, el('th', {}, 'status'), el('th', {}, 'description'), el('th', {}, 'body'), el('th', {}, 'headers')),
      responses.map(([code, r]) => el('tr', {}, el('td', { class: 'code' }, code), el('td', {}, r.description || ''),
        el('td', {}, contentRows(r.content)), el('td', {}, Object.keys(r.headers || {}).join(', '))))));
  }
  const id = 'op-' + method + path.replace(/[^\w]+/g, '-');
  return el('details', { class: 'op', id },
    el('summary', {}, el('span', { class: 'method ' + method }, method), ' ', el('span', { class: 'path' }, path),
      op.summary ? el('span', { class: 'muted' }, ' — ' + op.summary) : ''),
    body);
}

function render(api) {
  document.getElementById('title').textContent = (api.info && api.info.title) || 'API';
  document.getElementById('description').textContent = (api.info && api.info.description) || '';
  const groups = new Map();
  Object.entries(api.paths || {}).sort(([a], [b]) => a.localeCompare(b)).forEach(([path, item]) => {
    METHODS.filter(method => item[method]).forEach(method => {
      const tag = (item[method].tags || ['Other'])[0];
      if (!groups.has(tag)) groups.set(tag, []);
      groups.get(tag).push(operation(path, method, item[method]));
    });
  });
  const descriptions = new Map((api.tags || []).map(tag => [tag.name, tag.description]));
  const operations = document.getElementById('operations');
  groups.forEach((items, tag) => {
    operations.append(el('h2', {}, tag));
    if (descriptions.get(tag)) operations.append(el('p', { class: 'muted' }, descriptions.get(tag)));
    operations.append(...items);
  });
  const schemas = Object.entries((api.components && api.components.schemas) || {}).sort(([a], [b]) => a.localeCompare(b));
  document.getElementById('schemas-title').hidden = schemas.length === 0;
  document.getElementById('schemas').append(...schemas.map(([name, schema]) => {
    const required = new Set(schema.required || []);
    const properties = Object.entries(schema.properties || {});
    return el('section', { id: 'schema-' + name }, el('h3', {}, name),
      schema.description ? el('p', {}, schema.description) : '',
      properties.length ? el('table', {},
        el('tr', {}, el('th', {}, 'field'), el('th', {}, 'type'), el('th', {}, 'description'), el('th', {}, 'limits')),
        properties.map(([field, p]) => el('tr', {}, el('td', {}, el('code', {}, field + (required.has(field) ? ' *' : ''))),
          el('td', {}, schemaSummary(p)), el('td', {}, p.description || ''), el('td', {}, constraints(p)))))
        : el('p', {}, schemaSummary(schema)));
  }));
}

fetch('/openapi?format=json', { headers: { Accept: 'application/json' } })
  .then(response => {
    if (!response.ok) throw new Error('/openapi answered ' + response.status);
    return response.json();
  })
  .then(render)
  .catch(error => { document.getElementById('error').textContent = 'Cannot show the API: ' + error.message; });
