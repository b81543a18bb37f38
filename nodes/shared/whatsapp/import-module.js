'use strict';
// Plain CommonJS, copied to dist as is: tsc (module commonjs) would rewrite import() to require(),
// which cannot load an ES module such as Baileys 7 on Node 20. Here the dynamic import stays real.
exports.importModule = (specifier) => import(specifier);
