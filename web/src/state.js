// The page's one piece of shared state: the filters from the form and the
// period brushed on the timeline. Views subscribe and redraw on change.

const listeners = [];

export const state = {
  filters: { actor: '', country: '', type: '', from: '', to: '', q: '' },
  /** The timeline's selection: { from, to } as YYYY-MM-DD, or null. */
  brush: null,
};

export function onChange(fn) {
  listeners.push(fn);
}

export function setFilters(filters) {
  state.filters = { ...filters };
  state.brush = null;
  listeners.forEach((fn) => fn('filters'));
}

export function setBrush(brush) {
  state.brush = brush;
  listeners.forEach((fn) => fn('brush'));
}

/** Query parameters for the filters alone (what the timeline shows). */
export function filterParams() {
  return { ...state.filters };
}

/** Query parameters for the filters narrowed to the brushed period. */
export function viewParams() {
  const p = filterParams();
  if (state.brush) {
    // The brushed period and the form's dates must both hold.
    p.from = later(p.from, state.brush.from);
    p.to = earlier(p.to, state.brush.to);
  }
  return p;
}

function later(a, b) {
  return !a ? b : !b ? a : a > b ? a : b;
}

function earlier(a, b) {
  return !a ? b : !b ? a : a < b ? a : b;
}
