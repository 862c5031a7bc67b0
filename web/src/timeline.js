// The timeline: occurrences per week or month as bars (from /api/timeline,
// under the form's filters), and a brush: the period dragged over filters
// the map, the network and the table.
import { select, scaleBand, scaleLinear, axisBottom, axisLeft, max, brushX, timeFormat, utcParse } from 'd3';

const WIDTH = 960;
const HEIGHT = 180;
const M = { top: 8, right: 12, bottom: 24, left: 36 };
const parse = utcParse('%Y-%m-%d');

export function createTimeline(svgEl, onBrush) {
  const svg = select(svgEl).attr('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  const bars = svg.append('g').attr('class', 'bars');
  const xAxis = svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${HEIGHT - M.bottom})`);
  const yAxis = svg.append('g').attr('class', 'axis').attr('transform', `translate(${M.left},0)`);
  const brushLayer = svg.append('g').attr('class', 'brush');
  let buckets = [];
  let x = scaleBand();

  const brush = brushX()
    .extent([
      [M.left, M.top],
      [WIDTH - M.right, HEIGHT - M.bottom],
    ])
    .on('end', (event) => {
      if (!event.sourceEvent) return; // moved by code, not by the user
      if (!event.selection) {
        onBrush(null);
        return;
      }
      const [a, b] = event.selection;
      const inside = buckets.filter((d) => {
        const left = x(d.start);
        return left + x.bandwidth() > a && left < b;
      });
      if (inside.length === 0) {
        onBrush(null);
        return;
      }
      onBrush({ from: inside[0].start, to: inside[inside.length - 1].end });
    });
  brushLayer.call(brush);

  function update(timeline) {
    buckets = timeline.buckets;
    const label = timeline.bucket === 'week' ? timeFormat('%d %b %y') : timeFormat('%b %Y');
    x = scaleBand()
      .domain(buckets.map((d) => d.start))
      .range([M.left, WIDTH - M.right])
      .paddingInner(0.1);
    const y = scaleLinear()
      .domain([0, Math.max(1, max(buckets, (d) => d.events) ?? 1)])
      .nice()
      .range([HEIGHT - M.bottom, M.top]);
    bars
      .selectAll('rect')
      .data(buckets, (d) => d.start)
      .join('rect')
      .attr('class', 'timeline-bar')
      .attr('data-start', (d) => d.start)
      .attr('x', (d) => x(d.start))
      .attr('width', x.bandwidth())
      .attr('y', (d) => y(d.events))
      .attr('height', (d) => y(0) - y(d.events))
      .selectAll('title')
      .data((d) => [d])
      .join('title')
      .text((d) => `${d.start} – ${d.end}: ${d.events} events, ${d.fatalities} dead`);
    const every = Math.max(1, Math.ceil(buckets.length / 12));
    xAxis.call(
      axisBottom(x)
        .tickValues(buckets.filter((_, i) => i % every === 0).map((d) => d.start))
        .tickFormat((s) => label(parse(s))),
    );
    yAxis.call(axisLeft(y).ticks(4));
    brushLayer.call(brush.move, null);
  }

  /** Draws the brush over a selected period again after a redraw. */
  function showSelection(sel) {
    if (!sel) {
      brushLayer.call(brush.move, null);
      return;
    }
    const inside = buckets.filter((d) => d.end >= sel.from && d.start <= sel.to);
    if (inside.length === 0) return;
    const a = x(inside[0].start);
    const b = x(inside[inside.length - 1].start) + x.bandwidth();
    brushLayer.call(brush.move, [a, b]);
  }

  return { update, showSelection };
}
