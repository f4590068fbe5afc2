// The reference process of issue 5: read the file and JSON.parse it, nothing else.
'use strict';
JSON.parse(require('node:fs').readFileSync(process.argv[2], 'utf8'));
