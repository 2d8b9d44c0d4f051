// Next's ambient types (CSS modules, `server-only`, image imports), so `tsc -p web` works before the
// first `next dev`/`next build` has written next-env.d.ts.
/// <reference types="next" />
/// <reference types="next/image-types/global" />
