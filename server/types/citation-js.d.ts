// Types for the part of Citation.js we use: the input registry's data parsers (@citation-js/plugin-ris registers
// "@ris/file", which reads RIS text into records of tag -> value or values).

declare module "@citation-js/core" {
  export const plugins: {
    input: { data(input: unknown, type: string): unknown };
  };
}

declare module "@citation-js/plugin-ris";
