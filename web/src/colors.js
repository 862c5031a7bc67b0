// One colour per ACLED event type, shared by the map, its legend and the table.
import { scaleOrdinal } from 'd3';

export const TYPES = [
  'Battles',
  'Explosions/Remote violence',
  'Violence against civilians',
  'Protests',
  'Riots',
  'Strategic developments',
];

export const typeColor = scaleOrdinal()
  .domain(TYPES)
  .range(['#d62728', '#ff7f0e', '#9467bd', '#2ca02c', '#8c564b', '#1f77b4']);
