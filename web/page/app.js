// The ofs search page: one script, no dependencies.  Every view is drawn
// from the URL (the same parameter names as the API, docs/web.md), so a
// view can be bookmarked and shared and back/forward redraw it.
'use strict';

const FACETS = ['grade', 'area', 'agency', 'authority', 'framework', 'year'];
const FACET_LABELS = {
  grade: 'Grade', area: 'Judgement area', agency: 'Agency', authority: 'Local authority',
  framework: 'Framework', year: 'Year published',
};
const FRAMEWORK_LABELS = {
  'safeguarding-lac': 'Safeguarding & LAC (2009–13)', sif: 'SIF (2014–17)', ilacs: 'ILACS (2018 on)',
  'reform-2026': '2026 reform',
};
const GRADE_ORDER = ['outstanding', 'good', 'adequate', 'requires-improvement', 'inadequate', 'none'];
const AREAS = ['overall', 'capacity', 'leadership', 'safeguarding', 'looked-after-children', 'help-and-protection',
  'children-in-care', 'care-leavers', 'adoption', 'lscb', 'health', 'recommendations', 'context', 'other'];
const SCOPE_PARAMS = ['latest', 'declined', 'improved', 'since'];
const PAGE_SIZE = 10;
const FACET_VALUES_SHOWN = 8;

const main = document.getElementById('main');

// --- small helpers -------------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function plural(n, one, many) { return `${n.toLocaleString('en-GB')} ${n === 1 ? one : (many || one + 's')}`; }

function label(facet, value) {
  if (facet === 'framework') return FRAMEWORK_LABELS[value] || value;
  if (facet === 'grade' || facet === 'area') return value.replace(/-/g, ' ');
  return value;
}

function gradeBadge(grade) {
  if (!grade) return null;
  return el('span', { class: `grade grade-${grade}` }, grade.replace(/-/g, ' '));
}

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  let body;
  try { body = await response.json(); } catch (e) { body = { error: `the server answered ${response.status}` }; }
  if (!response.ok) {
    const error = new Error(body.error || `the server answered ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

// Page navigation without reloading: push the URL, then draw it.
function go(url, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
  render({ fresh: !replace });
}

function link(href, ...children) {
  return el('a', { href, 'data-nav': true }, ...children);
}

document.addEventListener('click', (event) => {
  const a = event.target.closest('a[data-nav]');
  if (!a || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  event.preventDefault();
  go(a.getAttribute('href'));
});
window.addEventListener('popstate', () => render());
document.addEventListener('keydown', (event) => {
  // "/" jumps to the search box, as on most search sites.
  if (event.key === '/' && !['INPUT', 'SELECT', 'TEXTAREA'].includes(document.activeElement.tagName)) {
    const box = document.getElementById('q');
    if (box) { event.preventDefault(); box.focus(); box.select(); }
  }
});

function withParams(path, params) {
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function setNav(page) {
  for (const a of document.querySelectorAll('nav a[data-page]'))
    if (a.dataset.page === page) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
}

function errorBox(message) { return el('p', { class: 'notice notice-error', role: 'alert' }, message); }

// --- router ------------------------------------------------------------------

let renderCount = 0;

// `fresh`: a new view was asked for (not back/forward, where the browser keeps the place).
async function render({ fresh = false } = {}) {
  const ticket = ++renderCount;  // a slower, older view must not overwrite a newer one
  const params = new URLSearchParams(location.search);
  const page = location.pathname === '/paragraph' ? 'paragraph'
    : location.pathname === '/judgements' ? 'judgements'
      : location.pathname === '/saved' ? 'saved' : 'search';
  setNav(page === 'paragraph' ? 'search' : page);
  const views = { search: searchView, paragraph: paragraphView, judgements: judgementsView, saved: savedView };
  try {
    const view = await views[page](params);
    if (ticket !== renderCount) return;
    main.replaceChildren(view);
  } catch (error) {
    if (ticket !== renderCount) return;
    main.replaceChildren(errorBox(error.message));
  }
  document.body.dataset.page = page;
  const focus = document.getElementById('focus');
  if (focus && (fresh || ticket === 1)) focus.scrollIntoView({ block: 'center' });
  else if (fresh) window.scrollTo(0, 0);
  document.body.dataset.ready = String(ticket);
}

// --- search --------------------------------------------------------------------

function hasSearch(params) {
  return (params.get('q') || '').trim() !== '' || FACETS.some((f) => params.has(f));
}

// The API request for the page's URL: the same parameters, plus facet counts.
function apiSearchParams(params, overrides = {}) {
  const api = new URLSearchParams(params);
  api.delete('facets');
  if (!api.has('limit')) api.set('limit', String(PAGE_SIZE));
  for (const [key, value] of Object.entries(overrides)) {
    if (value === null) api.delete(key); else api.set(key, value);
  }
  return api;
}

async function searchView(params) {
  const view = el('div', { class: 'search-page' });
  const query = params.get('q') || '';
  if (hasSearch(params)) sessionStorage.setItem('ofs-last-search', location.pathname + location.search);
  view.append(searchForm(params, query));
  if (!hasSearch(params)) {
    view.append(await welcome());
    return view;
  }
  const api = apiSearchParams(params, { facets: FACETS.join(',') });
  let results;
  try {
    results = await getJson(withParams('/api/search', api));
  } catch (error) {
    view.querySelector('.search-form').after(queryError(error.message, query));
    return view;
  }
  // Facets with a selection are also counted without it, so that other
  // values can still be added (values of one facet are alternatives).
  const facets = { paragraphs: results.facets || {}, reports: results.facet_reports || {} };
  const selected = FACETS.filter((f) => params.has(f));
  await Promise.all(selected.map(async (facet) => {
    const without = apiSearchParams(params, { facets: facet, limit: '0', offset: null, group_by: null });
    without.delete(facet);
    if (!hasSearch(without)) await matchEverything(without, facet);
    const counts = await getJson(withParams('/api/search', without));
    facets.paragraphs[facet] = (counts.facets || {})[facet] || {};
    facets.reports[facet] = (counts.facet_reports || {})[facet] || {};
  }));
  if (results.suggestion) view.querySelector('.search-form').after(suggestionLine(params, results));
  const layout = el('div', { class: 'results-layout' },
    sidebar(params, facets),
    el('section', { class: 'results', 'aria-label': 'Results' },
      chips(params), summaryBar(params, results), resultList(params, results), pager(params, results)));
  view.append(layout);
  return view;
}

let frameworksCache = null;

// A search needs words or a filter; "every framework" (or, to count
// frameworks, "every grade") matches every paragraph.
async function matchEverything(api, facet) {
  if (facet === 'framework') {
    for (const grade of GRADE_ORDER) api.append('grade', grade);
    return;
  }
  if (!frameworksCache) frameworksCache = [...new Set((await getJson('/api/reports')).map((r) => r.framework))];
  for (const framework of frameworksCache) api.append('framework', framework);
}

function searchForm(params, query) {
  const input = el('input', {
    id: 'q', name: 'q', type: 'search', value: query, autocomplete: 'off', spellcheck: 'false',
    placeholder: 'e.g. "private fostering" grade:inadequate, S47 NEAR/5 police, assess*',
    'aria-label': 'Search the reports', 'aria-describedby': 'query-help',
  });
  const form = el('form', { class: 'search-form', role: 'search' },
    el('div', { class: 'search-row' }, input, el('button', { type: 'submit', class: 'primary' }, 'Search')),
    el('p', { id: 'query-help', class: 'hint' },
      'Phrases in quotes, AND / OR / NOT, NEAR/n, prefix*, =exact, fields such as grade:inadequate or agency:police. ',
      el('a', { href: '#syntax', class: 'hint-link', onclick: (e) => { e.preventDefault(); toggleSyntax(form); } }, 'Syntax')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams(params);
    next.set('q', input.value.trim());
    next.delete('offset');
    if (!input.value.trim()) next.delete('q');
    go(withParams('/', next));
  });
  return form;
}

function toggleSyntax(form) {
  const existing = form.querySelector('.syntax');
  if (existing) { existing.remove(); return; }
  const rows = [
    ['"joint interviews"', 'the words together, in this order'],
    ['interview NEAR/3 joint', 'within 3 words, either order (ADJ/3: in this order)'],
    ['police AND (CAMHS OR health)', 'AND, OR, NOT and brackets'],
    ['assess*', 'words starting with assess'],
    ['=assessments', 'this exact form, not stemmed'],
    ['grade:inadequate agency:police', 'filters inside the query; also area:, authority:, year:2014..2018, framework:'],
    ['section:leadership', 'words in the section headings'],
    ['S47, CAMHS, LAC, IRO', 'domain synonyms are expanded (section 47, child and adolescent mental health services…)'],
  ];
  form.append(el('table', { class: 'syntax' },
    el('tbody', {}, rows.map(([example, meaning]) => el('tr', {}, el('td', {}, el('code', {}, example)), el('td', {}, meaning))))));
}

// The parser's message, with the character it points at marked in the query.
function queryError(message, query) {
  const box = el('div', { class: 'query-error', role: 'alert', id: 'query-error' }, el('p', {}, message));
  const at = /at character (\d+)/.exec(message);
  if (at && query) {
    const chars = Array.from(query);
    const index = Math.min(Number(at[1]) - 1, chars.length);
    box.append(el('pre', { class: 'query-caret', 'aria-hidden': 'true' },
      chars.slice(0, index).join(''), el('mark', {}, chars[index] || ' '), chars.slice(index + 1).join(''), '\n',
      ' '.repeat(index) + '^'));
    const input = document.getElementById('q');
    if (input) requestAnimationFrame(() => input.setSelectionRange(index, index + 1));
  }
  return box;
}

function suggestionLine(params, results) {
  const next = new URLSearchParams(params);
  next.set('q', results.suggestion);
  next.delete('offset');
  return el('p', { class: 'suggestion' }, results.total === 0 ? 'No results. Did you mean ' : 'Did you mean ',
    link(withParams('/', next), results.suggestion), '?');
}

async function welcome() {
  let reports = [];
  try { reports = await getJson('/api/reports'); } catch (e) { /* shown as an empty index */ }
  const authorities = new Set(reports.map((r) => r.authority).filter(Boolean));
  const paragraphs = reports.reduce((sum, r) => sum + (r.paragraphs || 0), 0);
  const examples = [
    ['"private fostering"', { grade: 'inadequate' }],
    ['"management oversight"', { latest: '1' }],
    ['S47 NEAR/5 police', {}],
    ['"care leavers" housing', { framework: 'ilacs' }],
    ['CAMHS waiting', { group_by: 'report' }],
  ];
  return el('section', { class: 'welcome' },
    el('p', { class: 'lead' }, `${plural(reports.length, 'report')} from ${plural(authorities.size, 'local authority', 'local authorities')}, `
      + `${plural(paragraphs, 'paragraph')} indexed. Each result cites the report, paragraph, page and section it comes from.`),
    el('h2', {}, 'Try'),
    el('ul', { class: 'examples' }, examples.map(([q, extra]) => {
      const p = new URLSearchParams({ q, ...extra });
      const note = Object.entries(extra).map(([k, v]) => (v === '1' ? k : `${k}: ${v}`)).join(', ');
      return el('li', {}, link(withParams('/', p), el('code', {}, q)), note ? el('span', { class: 'muted' }, ` — ${note}`) : null);
    })));
}

function toggleValue(params, facet, value) {
  const next = new URLSearchParams(params);
  const values = next.getAll(facet);
  next.delete(facet);
  const kept = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
  for (const v of kept) next.append(facet, v);
  next.delete('offset');
  return withParams('/', next);
}

function sortedValues(facet, counts) {
  const entries = Object.entries(counts);
  if (facet === 'grade') return entries.sort((a, b) => GRADE_ORDER.indexOf(a[0]) - GRADE_ORDER.indexOf(b[0]));
  if (facet === 'year') return entries.sort((a, b) => b[0].localeCompare(a[0]));
  return entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function sidebar(params, facets) {
  const aside = el('aside', { class: 'facets', 'aria-label': 'Filters' });
  for (const facet of FACETS) {
    const counts = facets.paragraphs[facet] || {};
    const reports = facets.reports[facet] || {};
    const chosen = params.getAll(facet);
    const values = sortedValues(facet, counts);
    for (const value of chosen) if (!(value in counts)) values.push([value, 0]);
    if (values.length === 0) continue;
    const list = el('ul', { class: 'facet-values' });
    values.forEach(([value, paragraphs], i) => {
      const on = chosen.includes(value);
      const item = el('li', { class: i >= FACET_VALUES_SHOWN && !on ? 'extra' : null },
        el('a', {
          href: toggleValue(params, facet, value), 'data-nav': true, class: 'facet-value', 'aria-pressed': String(on),
          'data-facet': facet, 'data-value': value,
          title: `${plural(paragraphs, 'paragraph')} in ${plural(reports[value] || 0, 'report')}`,
        },
        el('span', { class: 'check', 'aria-hidden': 'true' }, on ? '✓' : ''),
        el('span', { class: 'value-name' }, label(facet, value)),
        el('span', { class: 'value-count' }, paragraphs.toLocaleString('en-GB'),
          el('span', { class: 'value-reports' }, ` · ${(reports[value] || 0).toLocaleString('en-GB')} rep.`))));
      list.append(item);
    });
    const group = el('section', { class: 'facet', 'data-facet': facet },
      el('h2', {}, FACET_LABELS[facet], chosen.length ? el('span', { class: 'facet-note' }, ' any of') : null), list);
    if (values.length > FACET_VALUES_SHOWN) {
      const more = el('button', { type: 'button', class: 'link-button' }, `Show all ${values.length}`);
      more.addEventListener('click', () => {
        const open = group.classList.toggle('open');
        more.textContent = open ? 'Show fewer' : `Show all ${values.length}`;
      });
      group.append(more);
    }
    aside.append(group);
  }
  aside.append(historyFilters(params));
  const details = el('details', { class: 'facets-toggle', open: window.matchMedia('(min-width: 900px)').matches },
    el('summary', {}, 'Filters'), aside);
  return details;
}

function historyFilters(params) {
  const form = el('form', { class: 'history-filters' });
  const areaSelect = (name) => el('select', { id: `f-${name}`, name },
    el('option', { value: '' }, '—'),
    AREAS.filter((a) => !['context', 'other', 'recommendations'].includes(a)).map((a) =>
      el('option', { value: a, selected: params.get(name) === a }, a.replace(/-/g, ' '))));
  form.append(
    el('h2', {}, 'Inspection history'),
    el('label', { class: 'check-label' },
      el('input', { type: 'checkbox', name: 'latest', checked: params.has('latest') }), ' Only each authority’s latest report'),
    el('label', { for: 'f-declined' }, 'Grade declined in'), areaSelect('declined'),
    el('label', { for: 'f-improved' }, 'Grade improved in'), areaSelect('improved'),
    el('label', { for: 'f-since' }, 'Published since'),
    el('input', { type: 'date', id: 'f-since', name: 'since', value: params.get('since') || '' }));
  form.addEventListener('change', () => {
    const next = new URLSearchParams(params);
    for (const name of SCOPE_PARAMS) next.delete(name);
    const data = new FormData(form);
    if (data.get('latest')) next.set('latest', '1');
    for (const name of ['declined', 'improved', 'since']) if (data.get(name)) next.set(name, data.get(name));
    next.delete('offset');
    go(withParams('/', next));
  });
  return form;
}

function chips(params) {
  const list = el('ul', { class: 'chips', 'aria-label': 'Active filters' });
  const remove = (name, value) => {
    const next = new URLSearchParams(params);
    const kept = next.getAll(name).filter((v) => v !== value);
    next.delete(name);
    for (const v of kept) next.append(name, v);
    next.delete('offset');
    return withParams('/', next);
  };
  for (const facet of FACETS)
    for (const value of params.getAll(facet))
      list.append(el('li', {}, el('a', {
        href: remove(facet, value), 'data-nav': true, class: 'chip', 'aria-label': `Remove filter ${facet}: ${value}`,
      }, `${facet}: ${label(facet, value)}`, el('span', { 'aria-hidden': 'true', class: 'chip-x' }, '×'))));
  for (const name of SCOPE_PARAMS)
    for (const value of params.getAll(name))
      list.append(el('li', {}, el('a', {
        href: remove(name, value), 'data-nav': true, class: 'chip chip-scope', 'aria-label': `Remove filter ${name}`,
      }, name === 'latest' ? 'latest report only' : `${name}: ${value}`, el('span', { 'aria-hidden': 'true', class: 'chip-x' }, '×'))));
  return list.children.length ? list : el('div');
}

function summaryBar(params, results) {
  const grouped = results.grouped_by === 'report';
  const total = grouped
    ? `${plural(results.total, 'report')} with ${plural(results.total_paragraphs, 'matching paragraph')}`
    : `${plural(results.total, 'paragraph')}`;
  const reportCount = results.facet_reports && results.facet_reports.framework
    ? Object.values(results.facet_reports.framework).reduce((a, b) => a + b, 0) : null;
  const sort = el('select', { id: 'sort', 'aria-label': 'Order' },
    [['relevance', 'Best match'], ['date', 'Newest first'], ['report', 'Report order']].map(([value, text]) =>
      el('option', { value, selected: (params.get('sort') || 'relevance') === value }, text)));
  sort.addEventListener('change', () => {
    const next = new URLSearchParams(params);
    if (sort.value === 'relevance') next.delete('sort'); else next.set('sort', sort.value);
    next.delete('offset');
    go(withParams('/', next));
  });
  const group = el('input', { type: 'checkbox', id: 'group-by', checked: grouped });
  group.addEventListener('change', () => {
    const next = new URLSearchParams(params);
    if (group.checked) next.set('group_by', 'report'); else next.delete('group_by');
    next.delete('offset');
    go(withParams('/', next));
  });
  return el('div', { class: 'summary-bar' },
    el('p', { class: 'totals', id: 'totals', 'aria-live': 'polite' }, el('strong', {}, total),
      !grouped && reportCount !== null ? ` in ${plural(reportCount, 'report')}` : null),
    el('div', { class: 'controls' },
      el('label', { for: 'sort' }, 'Sort '), sort,
      el('label', { class: 'check-label', for: 'group-by' }, group, ' Group by report')));
}

// Snippet text with the matched words marked, from the API's code-point ranges.
function highlighted(snippet, ranges) {
  const chars = Array.from(snippet || '');
  const out = [];
  let at = 0;
  for (const [start, end] of ranges || []) {
    if (start < at) continue;
    out.push(chars.slice(at, start).join(''), el('mark', {}, chars.slice(start, end).join('')));
    at = end;
  }
  out.push(chars.slice(at).join(''));
  return out;
}

function citationParts(r) {
  const year = (r.published || '').slice(0, 4);
  const where = [r.authority || '?', year, r.para ? `¶${r.para}` : null, r.page ? `p.${r.page}` : null,
    r.item ? `bullet ${r.item}` : null].filter(Boolean).join(' ');
  return where;
}

function paragraphHref(r, params) {
  const p = new URLSearchParams({ report: r.report_id, ordinal: String(r.ordinal) });
  if (params && params.get('q')) p.set('q', params.get('q'));
  return withParams('/paragraph', p);
}

function resultList(params, results) {
  if (results.results.length === 0)
    return el('p', { class: 'notice' }, results.total === 0 ? 'Nothing matched. Remove a filter or try other words.'
      : 'No more results on this page.');
  const offset = Number(params.get('offset') || 0);
  const list = el('ol', { class: 'result-list', start: String(offset + 1) });
  for (const r of results.results) {
    list.append(el('li', { class: 'result' },
      el('h3', { class: 'citation' }, link(paragraphHref(r, params), citationParts(r)), ' ', gradeBadge(r.grade),
        r.report_hits ? el('span', { class: 'report-hits' }, plural(r.report_hits, 'hit') + ' in this report') : null),
      r.section ? el('p', { class: 'section-path' }, r.section) : null,
      el('p', { class: 'snippet' }, highlighted(r.snippet, r.highlights)),
      el('p', { class: 'result-meta' },
        (r.agencies || []).map((a) => el('span', { class: 'tag' }, a)),
        el('span', { class: 'muted' }, [FRAMEWORK_LABELS[r.framework] || r.framework, r.area].filter(Boolean).join(' · ')))));
  }
  return list;
}

function pager(params, results) {
  const offset = Number(params.get('offset') || 0);
  const limit = Number(params.get('limit') || PAGE_SIZE);
  const total = results.total;
  if (total <= limit && offset === 0) return el('div');
  const at = (o) => {
    const next = new URLSearchParams(params);
    if (o > 0) next.set('offset', String(o)); else next.delete('offset');
    return withParams('/', next);
  };
  const last = Math.min(offset + limit, total);
  return el('nav', { class: 'pager', 'aria-label': 'Pages of results' },
    offset > 0 ? link(at(Math.max(0, offset - limit)), '← Previous') : el('span', { class: 'disabled' }, '← Previous'),
    el('span', {}, `${(offset + 1).toLocaleString('en-GB')}–${last.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')}`),
    last < total ? link(at(offset + limit), 'Next →') : el('span', { class: 'disabled' }, 'Next →'));
}

// --- a paragraph in its report ----------------------------------------------------

async function paragraphView(params) {
  const api = new URLSearchParams({ report: params.get('report') || '', ordinal: params.get('ordinal') || '' });
  if (params.get('context')) api.set('context', params.get('context'));
  const doc = await getJson(withParams('/api/paragraph', api));
  const p = doc.paragraph;
  const report = doc.report || {};
  const lastSearch = sessionStorage.getItem('ofs-last-search');
  const view = el('article', { class: 'paragraph-page' });
  view.append(
    el('p', { class: 'back' }, lastSearch ? link(lastSearch, '← Back to the results') : link('/', '← Search')),
    el('header', { class: 'report-head' },
      el('h1', {}, `${p.authority || 'Unknown authority'} ${(p.published || '').slice(0, 4)}`),
      el('p', { class: 'report-facts' },
        [FRAMEWORK_LABELS[p.framework] || p.framework,
          p.inspection_start ? `inspected ${p.inspection_start} to ${p.inspection_end}` : null,
          p.published ? `published ${p.published}` : null,
          report.lead_inspector ? `lead inspector ${report.lead_inspector}` : null].filter(Boolean).join(' · ')),
      doc.file ? el('p', { class: 'file-links' },
        el('a', { href: doc.file_at_page || doc.file, class: 'button', id: 'open-file', target: '_blank', rel: 'noopener' },
          p.page ? `Open the report at page ${p.page}` : 'Open the report file'),
        el('span', { class: 'muted' }, ` ${String(p.report || '').split('/').pop()}`))
        : el('p', { class: 'muted' }, `The report file (${p.report}) is not available from this server.`)));
  const body = el('div', { class: 'paragraph-layout' });
  const reading = el('section', { class: 'reading', 'aria-label': 'The paragraph and its neighbours' });
  const context = p.context || { before: [], after: [] };
  const more = Number(params.get('context') || 3);
  if (context.before.length && context.before[0].ordinal > 1)
    reading.append(moreContext(params, more, 'Show more before'));
  for (const n of context.before) reading.append(neighbour(n, params));
  reading.append(el('div', { class: 'focus', id: 'focus', tabindex: '-1' },
    el('p', { class: 'citation' }, citationParts(p), ' ', gradeBadge(p.grade)),
    el('p', { class: 'section-path' }, p.section || '(no section)'),
    el('p', { class: 'focus-text' }, p.text),
    (p.agencies || []).length ? el('p', { class: 'result-meta' }, 'Agencies: ', p.agencies.map((a) => el('span', { class: 'tag' }, a))) : null));
  for (const n of context.after) reading.append(neighbour(n, params));
  if (context.after.length && context.after[context.after.length - 1].ordinal < doc.paragraphs)
    reading.append(moreContext(params, more, 'Show more after'));
  body.append(reading, judgementsPanel(report));
  view.append(body);
  return view;
}

function moreContext(params, current, text) {
  const next = new URLSearchParams(params);
  next.set('context', String(Math.min(current + 5, 20)));
  return el('p', { class: 'more-context' }, link(withParams('/paragraph', next), text));
}

function neighbour(n, params) {
  const sameSection = el('div', { class: 'neighbour' },
    el('p', { class: 'neighbour-cite' }, link(paragraphHref(n, params), citationParts(n)), n.section ? ` · ${n.section}` : ''),
    el('p', {}, n.text));
  return sameSection;
}

function judgementsPanel(report) {
  const panel = el('aside', { class: 'judgements-panel', 'aria-label': "The report's judgements" }, el('h2', {}, 'Judgements'));
  const rows = report.all_judgements || [];
  if (!rows.length) {
    panel.append(el('p', { class: 'muted' }, 'This report gives no graded judgements.'));
    return panel;
  }
  const change = report.change || {};
  const previous = report.previous || {};
  // One table per service the report inspects (2009–13 reports inspect two).
  const services = [...new Set(rows.map((j) => j.service || ''))];
  for (const service of services) {
    if (service) panel.append(el('h3', { class: 'service' }, service));
    panel.append(el('table', { class: 'judgement-table' },
      el('tbody', {}, rows.filter((j) => (j.service || '') === service).map((j) => el('tr', {},
        el('th', { scope: 'row' }, j.name),
        el('td', {}, gradeBadge(j.grade),
          !j.service && previous[j.area] ? el('div', { class: `change change-${change[j.area] || 'none'}` },
            `${change[j.area] || 'was'}: was ${previous[j.area].replace(/-/g, ' ')}`) : null))))));
  }
  return panel;
}

// --- judgements table ---------------------------------------------------------------

const JUDGEMENT_API_PARAMS = ['authority', 'framework', 'latest', 'history', 'declined', 'improved'];

async function judgementsView(params) {
  const api = new URLSearchParams();
  for (const name of JUDGEMENT_API_PARAMS) for (const v of params.getAll(name)) api.append(name, v);
  const [rows, all] = await Promise.all([getJson(withParams('/api/judgements', api)), getJson('/api/reports')]);
  const view = el('section', { class: 'judgements-page' }, el('h1', {}, 'Judgements'));
  const authorities = [...new Set(all.map((r) => r.authority).filter(Boolean))].sort();
  const frameworks = [...new Set(all.map((r) => r.framework).filter(Boolean))].sort();
  const form = el('form', { class: 'table-filters' },
    el('label', { for: 'j-authority' }, 'Authority'),
    el('select', { id: 'j-authority', name: 'authority' }, el('option', { value: '' }, 'All'),
      authorities.map((a) => el('option', { value: a, selected: params.get('authority') === a }, a))),
    el('label', { for: 'j-framework' }, 'Framework'),
    el('select', { id: 'j-framework', name: 'framework' }, el('option', { value: '' }, 'All'),
      frameworks.map((f) => el('option', { value: f, selected: params.get('framework') === f }, label('framework', f)))),
    el('label', { class: 'check-label' }, el('input', { type: 'checkbox', name: 'latest', checked: params.has('latest') }), ' Latest only'),
    el('label', { class: 'check-label' }, el('input', { type: 'checkbox', name: 'history', checked: params.has('history') }), ' Previous grades'),
    el('label', { for: 'j-text' }, 'Find'),
    el('input', { id: 'j-text', name: 'find', type: 'search', value: params.get('find') || '', placeholder: 'inspector, date…' }));
  form.addEventListener('change', () => {
    const next = new URLSearchParams();
    const data = new FormData(form);
    for (const name of ['authority', 'framework', 'find']) if (data.get(name)) next.set(name, data.get(name));
    for (const name of ['latest', 'history']) if (data.get(name)) next.set(name, '1');
    if (params.get('sort')) next.set('sort', params.get('sort'));
    if (params.get('order')) next.set('order', params.get('order'));
    go(withParams('/judgements', next), { replace: true });
  });
  form.addEventListener('submit', (e) => e.preventDefault());
  const csv = new URLSearchParams(api);
  csv.set('format', 'csv');
  view.append(form);

  const columns = [];
  for (const row of rows) for (const column of Object.keys(row.judgements || {})) if (!columns.includes(column)) columns.push(column);
  const find = (params.get('find') || '').toLowerCase();
  let shown = rows.filter((r) => !find || JSON.stringify([r.authority, r.lead_inspector, r.published, r.inspection_end, r.framework]).toLowerCase().includes(find));
  const sortKey = params.get('sort') || 'authority';
  const descending = params.get('order') === 'desc';
  const value = (r) => (columns.includes(sortKey) ? GRADE_ORDER.indexOf((r.judgements || {})[sortKey] || 'none') : String(r[sortKey] || ''));
  shown = shown.slice().sort((a, b) => {
    const x = value(a), y = value(b);
    const c = typeof x === 'number' ? x - y : x.localeCompare(y);
    return (descending ? -c : c) || String(a.published).localeCompare(String(b.published));
  });
  const header = (key, text) => {
    const next = new URLSearchParams(params);
    next.set('sort', key);
    if (sortKey === key && !descending) next.set('order', 'desc'); else next.delete('order');
    const state = sortKey === key ? (descending ? 'descending' : 'ascending') : 'none';
    return el('th', { scope: 'col', 'aria-sort': state }, link(withParams('/judgements', next), text,
      state === 'none' ? '' : state === 'ascending' ? ' ▲' : ' ▼'));
  };
  const history = params.has('history');
  view.append(
    el('p', { class: 'summary-bar' }, el('strong', { id: 'judgement-count' }, plural(shown.length, 'report')),
      ' ', el('a', { href: withParams('/api/judgements', csv), download: 'judgements.csv', class: 'button', id: 'csv-link' }, 'Download CSV')),
    el('div', { class: 'table-scroll' }, el('table', { class: 'data-table', id: 'judgements-table' },
      el('thead', {}, el('tr', {}, header('authority', 'Authority'), header('framework', 'Framework'),
        header('published', 'Published'), header('lead_inspector', 'Lead inspector'),
        columns.map((c) => header(c, c.replace(/-/g, ' '))))),
      el('tbody', {}, shown.map((r) => el('tr', {},
        el('th', { scope: 'row' }, r.authority || '?'),
        el('td', {}, label('framework', r.framework)),
        el('td', { class: 'nowrap' }, r.published || ''),
        el('td', {}, r.lead_inspector || ''),
        columns.map((c) => el('td', {}, gradeBadge((r.judgements || {})[c]),
          history && r.previous && r.previous[c] ? el('span', { class: `change change-${(r.change || {})[c] || 'none'}` },
            ` was ${r.previous[c].replace(/-/g, ' ')}`) : null))))))));
  return view;
}

// --- saved queries ----------------------------------------------------------------------

// The search page's URL for a saved query's settings.
function savedSearchUrl(q) {
  const p = new URLSearchParams();
  if (q.query) p.set('q', q.query);
  for (const [facet, values] of Object.entries(q.filters || {})) for (const v of values) p.append(facet, v);
  if (q.latest) p.set('latest', '1');
  for (const a of q.declined || []) p.append('declined', a);
  for (const a of q.improved || []) p.append('improved', a);
  if (q.sort && q.sort !== 'relevance') p.set('sort', q.sort);
  return withParams('/', p);
}

async function savedView() {
  const queries = await getJson('/api/saved');
  const view = el('section', { class: 'saved-page' }, el('h1', {}, 'Saved queries'));
  if (!queries.length) {
    view.append(el('p', { class: 'notice' }, 'No saved queries yet. Add one on the command line: ',
      el('code', {}, "ofs saved add NAME 'QUERY' [--grade …]"), '.'));
    return view;
  }
  const counts = await Promise.all(queries.map((q) =>
    getJson(withParams('/api/saved/run', new URLSearchParams({ name: q.name, limit: '0', group_by: 'report' })))
      .catch((error) => ({ error: error.message }))));
  view.append(el('div', { class: 'table-scroll' }, el('table', { class: 'data-table', id: 'saved-table' },
    el('thead', {}, el('tr', {}, ['Name', 'Query', 'Filters', 'Paragraphs', 'Reports', 'Last run', ''].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, queries.map((q, i) => {
      const c = counts[i];
      const filters = [...Object.entries(q.filters || {}).flatMap(([f, vs]) => vs.map((v) => `${f}: ${v}`)),
        q.latest ? 'latest' : null, ...(q.declined || []).map((a) => `declined: ${a}`),
        ...(q.improved || []).map((a) => `improved: ${a}`)].filter(Boolean);
      return el('tr', {},
        el('th', { scope: 'row' }, q.name, q.description ? el('div', { class: 'muted' }, q.description) : null),
        el('td', {}, el('code', {}, q.query)),
        el('td', {}, filters.join(', ')),
        c.error ? el('td', { colspan: '2', class: 'error-text' }, c.error) : el('td', { class: 'num' }, c.total_paragraphs.toLocaleString('en-GB')),
        c.error ? null : el('td', { class: 'num' }, c.total.toLocaleString('en-GB')),
        el('td', { class: 'nowrap' }, q.last_run || 'never'),
        el('td', {}, link(savedSearchUrl(q), 'Run')));
    })))));
  return view;
}

render({ fresh: true });
