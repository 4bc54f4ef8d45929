// Sigma node programs that draw a ring: the disc of sigma's NodeCircleProgram with a pale centre. The map draws
// papers between topics with it (reducers set `type: "ring"`), so that they stand out whatever their colour, and
// papers added since the map was built as an outline (a white centre and a thin rim: `type: "provisional"`).
// Picking (what a click hits) is the whole disc, as for a plain one.

import { NodeCircleProgram } from "sigma/rendering";
import type { Attributes } from "graphology-types";

/** The pale centre's radius as a share of the disc's. */
export const HOLE = 0.5;
/** How far the centre goes to white (1: white). */
export const HOLE_PALENESS = 0.85;

/** An outline's white centre, as a share of the disc's radius. */
export const OUTLINE_HOLE = 0.62;

// language=GLSL
const fragmentShader = (hole: number, paleness: number) => /* glsl */ `
precision highp float;

varying vec4 v_color;
varying vec2 v_diffVector;
varying float v_radius;

uniform float u_correctionRatio;

const vec4 transparent = vec4(0.0, 0.0, 0.0, 0.0);

void main(void) {
  float border = u_correctionRatio * 2.0;
  float distance = length(v_diffVector);
  float outside = distance - v_radius + border;

  #ifdef PICKING_MODE
  gl_FragColor = outside > border ? transparent : v_color;
  #else
  // Anti-aliased outer edge, as in NodeCircleProgram; the centre fades to white over one border's width.
  float t = outside > border ? 1.0 : (outside > 0.0 ? outside / border : 0.0);
  float centre = clamp((v_radius * ${hole.toFixed(2)} - distance) / border, 0.0, 1.0);
  vec4 color = mix(v_color, vec4(1.0, 1.0, 1.0, v_color.a), centre * ${paleness.toFixed(2)});
  gl_FragColor = mix(color, transparent, t);
  #endif
}
`;

export class NodeRingProgram<
  N extends Attributes = Attributes,
  E extends Attributes = Attributes,
  G extends Attributes = Attributes,
> extends NodeCircleProgram<N, E, G> {
  override getDefinition() {
    return { ...super.getDefinition(), FRAGMENT_SHADER_SOURCE: fragmentShader(HOLE, HOLE_PALENESS) };
  }
}

export class NodeOutlineProgram<
  N extends Attributes = Attributes,
  E extends Attributes = Attributes,
  G extends Attributes = Attributes,
> extends NodeCircleProgram<N, E, G> {
  override getDefinition() {
    return { ...super.getDefinition(), FRAGMENT_SHADER_SOURCE: fragmentShader(OUTLINE_HOLE, 1) };
  }
}
