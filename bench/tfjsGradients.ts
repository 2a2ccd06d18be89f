// tfjs-core's Node build ships no gradient definitions: the union package `@tensorflow/tfjs`
// registers them with `import '@tensorflow/tfjs-core/dist/register_all_gradients'`, an ES module
// Node cannot load from this CommonJS package. esbuild bundles that module (a relative path is not
// a package, so `packages: 'external'` leaves it in); its copy of tfjs-core shares the one global
// engine and gradient registry with the external tfjs-core (tfjs keeps both on the global object
// so several copies can coexist), so the peers train with tfjs's own gradient definitions.
import '../node_modules/@tensorflow/tfjs-core/dist/register_all_gradients.js';
