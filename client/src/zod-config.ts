import { z } from 'zod';

// No JIT in the browser: zod's compiled parsers probe `new Function`, which the Content-Security-Policy
// (script-src 'self', no 'unsafe-eval') refuses and reports as a violation even though zod catches it.
z.config({ jitless: true });
