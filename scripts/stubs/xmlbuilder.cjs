// Stands in for xmlbuilder in the bundles: xml2js requires it for building XML, which Roundup never
// does (it only parses). Anything that tries to build fails loudly instead of shipping the library.
/* global module */
'use strict';
function never() {
  throw new Error('Roundup does not build XML (xmlbuilder is not bundled)');
}
module.exports = { create: never, begin: never, stringWriter: never, streamWriter: never };
