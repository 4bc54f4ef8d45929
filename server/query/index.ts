// The query layer: a store built once per graph and the functions the API answers with.

export { createStore, previousClustersOf, type StoreSource, type TopicStore } from "./store.js";
export * from "./queries.js";
export * from "./exports.js";
export * from "./selection.js";
