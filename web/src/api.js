// Talking to the server: JSON GETs with query parameters; an error answer
// ({"error": message}) becomes a thrown Error with that message.

/** Query string from an object; arrays repeat the key, empty values are dropped. */
export function queryString(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null && v !== '') q.append(key, String(v));
    }
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

export async function getJSON(path, params = {}) {
  const response = await fetch(`/api/${path}${queryString(params)}`);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.error || `${response.status} ${response.statusText}`);
  }
  return body;
}

/** Every matching event, a page of 1000 at a time, up to `cap`. */
export async function allEvents(params, cap = 20000) {
  const events = [];
  let total = 0;
  do {
    const page = await getJSON('events', { ...params, limit: 1000, offset: events.length });
    total = page.total;
    events.push(...page.events);
    if (page.events.length === 0) break;
  } while (events.length < total && events.length < cap);
  return { total, events };
}
