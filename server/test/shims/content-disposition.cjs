// Jest's module loader cannot require() an ES module, and @fastify/static (CommonJS) requires
// content-disposition 3, which is ESM-only. Node itself loads it fine (require(esm)); under jest
// this stand-in takes its place. The app never sends downloads through @fastify/static, so only
// its presence is needed.
'use strict';
function create() {
  throw new Error('content-disposition is not available under jest');
}
module.exports = { create, default: { create } };
