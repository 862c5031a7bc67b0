// The actor network: actors as nodes (sized by occurrences), grey edges
// for occurrences between actor 1 and actor 2, red arrows for claims from
// the claimant to the side the claim is about. d3-force lays it out;
// nodes can be dragged; a click filters the page by that actor.
import { select, forceSimulation, forceLink, forceManyBody, forceX, forceY, forceCollide, scaleSqrt, max, drag } from 'd3';

const WIDTH = 960;
const HEIGHT = 480;
/** The most actors drawn: beyond that the picture is a hairball. */
const MAX_NODES = 80;

export function createNetwork(svgEl, onActor) {
  const svg = select(svgEl).attr('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg
    .append('defs')
    .append('marker')
    .attr('id', 'arrow-claim')
    .attr('viewBox', '0 -4 8 8')
    .attr('refX', 14)
    .attr('markerWidth', 6)
    .attr('markerHeight', 6)
    .attr('orient', 'auto')
    .append('path')
    .attr('d', 'M0,-4L8,0L0,4')
    .attr('class', 'arrow-claim');
  const linkLayer = svg.append('g').attr('class', 'links');
  const nodeLayer = svg.append('g').attr('class', 'nodes');
  let simulation = null;

  function update(network) {
    if (simulation) simulation.stop();
    const kept = [...network.nodes]
      .sort((a, b) => b.events + b.claims - (a.events + a.claims))
      .slice(0, MAX_NODES)
      .map((n) => ({ ...n }));
    const names = new Set(kept.map((n) => n.id));
    const links = network.edges
      .filter((e) => names.has(e.source) && names.has(e.target))
      .map((e) => ({ ...e }));
    const size = scaleSqrt()
      .domain([0, Math.max(1, max(kept, (n) => n.events) ?? 1)])
      .range([4, 16]);

    const link = linkLayer
      .selectAll('line')
      .data(links)
      .join('line')
      .attr('class', (e) => `network-edge edge-${e.kind}`)
      .attr('data-kind', (e) => e.kind)
      .attr('stroke-width', (e) => Math.min(6, 1 + Math.log2(e.count)))
      .attr('marker-end', (e) => (e.kind === 'claim' ? 'url(#arrow-claim)' : null));
    link
      .selectAll('title')
      .data((e) => [e])
      .join('title')
      .text((e) =>
        e.kind === 'claim'
          ? `${e.source} ${e.stance}s ${e.target} (${e.count})`
          : `${e.source} → ${e.target}: ${e.count} events`,
      );

    const node = nodeLayer
      .selectAll('g.network-node')
      .data(kept, (n) => n.id)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'network-node');
        g.append('circle');
        g.append('text').attr('dx', 8).attr('dy', 4);
        g.append('title');
        return g;
      })
      .attr('data-actor', (n) => n.id)
      .on('click', (_, n) => onActor(n.id));
    node.select('circle').attr('r', (n) => size(n.events));
    node.select('text').text((n) => n.id);
    node.select('title').text((n) => `${n.id}: ${n.events} events, ${n.claims} claims, ${n.fatalities} dead`);

    simulation = forceSimulation(kept)
      .force(
        'link',
        forceLink(links)
          .id((n) => n.id)
          .distance(70),
      )
      .force('charge', forceManyBody().strength(-120))
      // Gentle pulls to the middle keep actors with no edges on the canvas.
      .force('x', forceX(WIDTH / 2).strength(0.05))
      .force('y', forceY(HEIGHT / 2).strength(0.09))
      .force('collide', forceCollide((n) => size(n.events) + 4))
      .on('tick', () => {
        for (const n of kept) {
          n.x = Math.max(10, Math.min(WIDTH - 10, n.x));
          n.y = Math.max(10, Math.min(HEIGHT - 10, n.y));
        }
        link
          .attr('x1', (e) => e.source.x)
          .attr('y1', (e) => e.source.y)
          .attr('x2', (e) => e.target.x)
          .attr('y2', (e) => e.target.y);
        node.attr('transform', (n) => `translate(${n.x},${n.y})`);
      });

    node.call(
      drag()
        .on('start', (event, n) => {
          if (!event.active) simulation.alphaTarget(0.3).restart();
          n.fx = n.x;
          n.fy = n.y;
        })
        .on('drag', (event, n) => {
          n.fx = event.x;
          n.fy = event.y;
        })
        .on('end', (event, n) => {
          if (!event.active) simulation.alphaTarget(0);
          n.fx = null;
          n.fy = null;
        }),
    );
  }

  return { update };
}
