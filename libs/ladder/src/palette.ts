/**
 * Leg colours: the Okabe–Ito palette (distinguishable with the common colour-vision deficiencies)
 * extended with darker tones, in an order that keeps neighbouring legs far apart. `ansi` is the
 * nearest xterm-256 colour for terminals.
 */
export const LEG_COLOURS: { hex: string; ansi: number; name: string }[] = [
  { hex: '#0072B2', ansi: 25, name: 'blue' },
  { hex: '#E69F00', ansi: 214, name: 'orange' },
  { hex: '#009E73', ansi: 36, name: 'green' },
  { hex: '#CC79A7', ansi: 175, name: 'pink' },
  { hex: '#56B4E9', ansi: 74, name: 'sky' },
  { hex: '#D55E00', ansi: 166, name: 'vermilion' },
  { hex: '#8C6D00', ansi: 136, name: 'olive' },
  { hex: '#6A3D9A', ansi: 97, name: 'purple' },
  { hex: '#1B7837', ansi: 28, name: 'forest' },
  { hex: '#B2182B', ansi: 124, name: 'crimson' },
  { hex: '#4D4D4D', ansi: 240, name: 'grey' },
  { hex: '#00838F', ansi: 30, name: 'teal' },
];

export const legColour = (index: number) => LEG_COLOURS[index % LEG_COLOURS.length]!;
