// The world map: Natural Earth 1:110m countries (npm world-atlas, bundled
// into the page), events as circles sized by fatalities and coloured by
// type, with zoom and pan. Markers keep their screen size when zooming.
import { geoNaturalEarth1, geoPath, geoGraticule10, select, zoom, scaleSqrt, max } from 'd3';
import { feature, mesh } from 'topojson-client';
import world from 'world-atlas/countries-110m.json';
import { typeColor, TYPES } from './colors.js';

const WIDTH = 960;
const HEIGHT = 500;

export function createMap(svgEl, legendEl, onSelect) {
  const svg = select(svgEl).attr('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  const projection = geoNaturalEarth1().fitExtent(
    [
      [4, 4],
      [WIDTH - 4, HEIGHT - 4],
    ],
    { type: 'Sphere' },
  );
  const path = geoPath(projection);
  const root = svg.append('g').attr('class', 'map-root');
  root.append('path').attr('class', 'sphere').attr('d', path({ type: 'Sphere' }));
  root.append('path').attr('class', 'graticule').attr('d', path(geoGraticule10()));
  const countries = feature(world, world.objects.countries);
  root
    .append('g')
    .attr('class', 'countries')
    .selectAll('path')
    .data(countries.features)
    .join('path')
    .attr('class', 'country')
    .attr('d', path)
    .append('title')
    .text((d) => d.properties.name);
  root
    .append('path')
    .attr('class', 'borders')
    .attr('d', path(mesh(world, world.objects.countries, (a, b) => a !== b)));
  const markers = root.append('g').attr('class', 'markers');

  let scale = 1;
  let radius = () => 4;
  const zoomer = zoom()
    .scaleExtent([1, 60])
    .translateExtent([
      [0, 0],
      [WIDTH, HEIGHT],
    ])
    .on('zoom', (event) => {
      scale = event.transform.k;
      root.attr('transform', event.transform);
      markers
        .selectAll('circle')
        .attr('r', (d) => radius(d) / scale)
        .attr('stroke-width', 0.8 / scale);
    });
  svg.call(zoomer);

  select(legendEl)
    .selectAll('span')
    .data(TYPES)
    .join('span')
    .attr('class', 'legend-item')
    .html('')
    .call((s) => s.append('i').style('background', (t) => typeColor(t)))
    .call((s) => s.append('span').text((t) => t));

  function update(events) {
    const placed = events.filter((e) => e.lat !== null && e.lon !== null);
    const dead = (e) => e.fatalities.best ?? 0;
    const size = scaleSqrt()
      .domain([0, Math.max(1, max(placed, dead) ?? 1)])
      .range([3, 18]);
    radius = (e) => size(dead(e));
    markers
      .selectAll('circle')
      .data(
        // Largest first, so small markers stay on top and clickable.
        [...placed].sort((a, b) => dead(b) - dead(a)),
        (e) => e.id,
      )
      .join('circle')
      .attr('class', 'event-marker')
      .attr('data-id', (e) => e.id)
      .attr('cx', (e) => projection([e.lon, e.lat])[0])
      .attr('cy', (e) => projection([e.lon, e.lat])[1])
      .attr('r', (e) => radius(e) / scale)
      .attr('stroke-width', 0.8 / scale)
      .attr('fill', (e) => typeColor(e.type))
      .on('click', (_, e) => onSelect(e.id))
      .selectAll('title')
      .data((e) => [e])
      .join('title')
      .text((e) => `${e.date} ${e.location}: ${e.sub_type}${e.fatalities.best != null ? `, ${e.fatalities.best} dead` : ''}`);
    return placed.length;
  }

  return { update };
}
